"""jingwen tests; also holds the golden regenerator (`python -m tests.goldens`)."""
