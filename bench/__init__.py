"""Benchmarks: speed and quality figures, printed. Run with `make bench`."""
