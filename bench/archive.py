"""Archive benchmark: insert throughput (with the search index), size, and search latency at 100k articles.

Run with `python -m bench --shared ../shared` (or `python -m bench.archive [N]` alone). The articles are
generated: Zipf-distributed words over a few thousand Han characters, a third of them written in
Traditional characters, a fifth English pseudo-words; 1–3 KB each, like cleaned news articles.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from archive.search import SEARCH_SQL, open_read_only
from archive.store import Archive, Source
from cleaner.record import Cleaned, Removal

ARTICLES = 100_000
BATCH = 2_000  # articles per transaction (and WAL checkpoint)
SEED = 20261125
HAN_POOL = 3_500  # distinct characters, about the number that covers 99.5 % of news text
WORDS = 12_000
QUERIES_PER_LENGTH = 60
ZIPF_EXPONENT = 1.0
ENGLISH_SYLLABLES = tuple(
    consonant + vowel
    for consonant in ("", "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "w")
    for vowel in "aeiou"
)


def zipf_weights(count: int) -> list[float]:
    cumulative, total = [], 0.0
    for rank in range(1, count + 1):
        total += 1 / rank**ZIPF_EXPONENT
        cumulative.append(total)
    return cumulative


class Generator:
    """Fast synthetic articles: random.choices over Zipf-weighted vocabularies."""

    def __init__(self, seed: int) -> None:
        import opencc

        self.rng = random.Random(seed)
        codes = self.rng.sample(range(0x4E00, 0x9FA6), HAN_POOL)
        self.han = [chr(code) for code in codes]
        converter = opencc.OpenCC("s2t")
        traditional = converter.convert("\n".join(self.han)).split("\n")
        self.to_traditional = {
            ord(s): t for s, t in zip(self.han, traditional, strict=True) if len(t) == 1 and t != s
        }
        char_weights = zipf_weights(HAN_POOL)
        self.zh_words = [
            "".join(
                self.rng.choices(self.han, cum_weights=char_weights, k=self.rng.choice((1, 2, 2, 2, 3, 4)))
            )
            for _ in range(WORDS)
        ]
        self.en_words = [
            "".join(self.rng.choices(ENGLISH_SYLLABLES, k=self.rng.randint(1, 4))) for _ in range(WORDS)
        ]
        self.word_weights = zipf_weights(WORDS)

    def chinese(self, characters: int) -> str:
        words = self.rng.choices(self.zh_words, cum_weights=self.word_weights, k=characters // 2)
        sentences, position = [], 0
        while position < len(words):
            length = self.rng.randint(6, 16)
            sentences.append("".join(words[position : position + length]) + self.rng.choice("，。。！？"))
            position += length
        paragraphs = ["".join(sentences[index : index + 5]) for index in range(0, len(sentences), 5)]
        return "\n".join(paragraphs)

    def english(self, characters: int) -> str:
        words = self.rng.choices(self.en_words, cum_weights=self.word_weights, k=characters // 6)
        return "\n".join(" ".join(words[index : index + 60]) + "." for index in range(0, len(words), 60))

    def article(self, number: int) -> tuple[bytes, Cleaned, Source]:
        kind = self.rng.random()
        if kind < 0.2:
            text, title, script = self.english(self.rng.randint(1000, 3000)), f"Report {number}", "none"
        else:
            text = self.chinese(self.rng.randint(350, 1000))  # 1–3 KB of UTF-8
            title, script = text[:12], "simplified"
            if kind < 0.5:
                text, title, script = (
                    text.translate(self.to_traditional),
                    title.translate(self.to_traditional),
                    "traditional",
                )
        url = f"https://site{number % 37}.example/{number}"
        removed = (Removal("copyright_notice", "bench.copyright", f"版权所有 {number}", 99),)
        cleaned = Cleaned(text=text, title=title, script=script, removed=removed, metadata={"url": url})
        raw = f"<html><body><h1>{title}</h1><p>{text}</p></body></html>".encode()
        return raw, cleaned, Source(url=url, kind="html", size=len(raw))

    def articles(self, count: int) -> Iterator[tuple[bytes, Cleaned, Source]]:
        for number in range(count):
            yield self.article(number)


def insert(path: Path, count: int, generator: Generator) -> tuple[int, float, float, float]:
    """Store `count` articles; returns (articles stored, seconds storing, CPU seconds storing,
    seconds generating). CPU time shows what the code costs when the 2 cores are shared."""
    stored, store_seconds, store_cpu, generate_seconds = 0, 0.0, 0.0, 0.0
    with Archive(path) as archive:
        run = archive.begin_run(command="bench", options={"articles": count})
        items = generator.articles(count)
        while stored < count:
            started = time.perf_counter()
            batch = [next(items) for _ in range(min(BATCH, count - stored))]
            generate_seconds += time.perf_counter() - started
            started, started_cpu = time.perf_counter(), time.process_time()
            with archive.batch():
                for raw, cleaned, source in batch:
                    archive.store(run, raw, cleaned, source)
            store_seconds += time.perf_counter() - started
            store_cpu += time.process_time() - started_cpu
            stored += len(batch)
            if stored % 20_000 == 0:
                print(f"  {stored:>7} articles, {stored / store_seconds:,.0f}/s", flush=True)
        archive.finish_run(run, {"archived": stored})
    return stored, store_seconds, store_cpu, generate_seconds


def pick_queries(generator: Generator, length: int, rng: random.Random) -> list[str]:
    """Queries of `length` Han characters taken from generated text (so most have hits)."""
    queries: list[str] = []
    while len(queries) < QUERIES_PER_LENGTH:
        text = generator.chinese(200)
        start = rng.randrange(len(text) - length)
        candidate = text[start : start + length]
        if all("\u4e00" <= character <= "\u9fff" for character in candidate):
            queries.append(candidate)
    return queries


def time_queries(path: Path, queries: list[str]) -> tuple[float, float, float]:
    """(median ms, p95 ms, mean hits) for the search query (top 20, ranked, with snippets)."""
    timings, hits = [], []
    with closing(open_read_only(path)) as conn:
        sql = f"select * from ({SEARCH_SQL}) limit 20"
        for query in queries:
            started = time.perf_counter()
            rows = conn.execute(sql, {"q": query}).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
            hits.append(len(rows))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, statistics.mean(hits)


def run(shared: Path | None = None, articles: int = ARTICLES) -> None:
    print(f"archive: {articles:,} generated articles, batches of {BATCH:,}")
    generator = Generator(SEED)
    with tempfile.TemporaryDirectory(prefix="jingwen-bench-") as directory:
        path = Path(directory) / "bench.db"
        stored, store_seconds, store_cpu, generate_seconds = insert(path, articles, generator)
        size = path.stat().st_size
        print(
            f"archive insert: {stored / store_seconds:,.0f} articles/s with raw, captures and search index"
            f" ({store_seconds:.1f} s storing, {generate_seconds:.1f} s generating;"
            f" {stored / store_cpu:,.0f} articles per CPU-second)"
        )
        print(f"archive size: {size / 1e6:,.1f} MB, {size / stored * 1000 / 1e6:.2f} MB per 1,000 articles")
        rng = random.Random(SEED + 1)
        for length in (1, 2, 4):
            median, p95, mean_hits = time_queries(path, pick_queries(generator, length, rng))
            print(
                f"archive search, {length}-character queries: median {median:.1f} ms, p95 {p95:.1f} ms"
                f" (top 20 ranked with snippets, {mean_hits:.1f} hits on average)"
            )


if __name__ == "__main__":
    run(None, int(sys.argv[1]) if len(sys.argv) > 1 else ARTICLES)
