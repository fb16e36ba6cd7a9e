"""Benchmark of `jingwen clean`: files per second end to end, memory, and the no-change re-run.

Generates a folder of synthetic articles (invented sentences in Simplified and Traditional
Chinese and English; HTML pages and text dumps; UTF-8, GB18030, Big5 and UTF-16; a few sites
with their own navigation and footer lines) and runs the real `jingwen` command on it:

- files/s into a fresh archive with --jobs 1 and --jobs 2;
- the HTML path's rate as a share of trafilatura alone on the same pages, in the same run;
- peak RSS of the `jingwen` process tree (max RSS of the main process and of any worker, from
  getrusage(RUSAGE_CHILDREN) of a fresh subprocess) at 5 000 and at the full count;
- the time for a second, no-change run.

    JINGWEN_BENCH_FILES=20000 python -m bench.batch
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_FILES = 20_000
SMALL_FILES = 5_000
TRAFILATURA_SAMPLE = 500  # HTML pages timed with trafilatura alone

SUBJECTS = [
    "市政府",
    "研究团队",
    "当地居民",
    "这家公司",
    "志愿者们",
    "学校老师",
    "交通部门",
    "博物馆",
    "农业合作社",
    "气象台",
]
VERBS = ["宣布", "完成了", "讨论了", "启动了", "调整了", "展示了", "评估了", "推迟了", "发布了", "参观了"]
OBJECTS = [
    "新的公共图书馆计划",
    "河道清理工程",
    "社区健康调查",
    "一套节能改造方案",
    "春季植树活动",
    "夜间公交线路",
    "古籍修复项目",
    "机器学习课程",
    "防汛应急演练",
    "本地农产品展销会",
]
DETAILS = [
    "预计明年完工",
    "参与人数超过预期",
    "相关费用由财政承担",
    "市民反响热烈",
    "细节仍在讨论之中",
    "首批名额已经报满",
]
EN_SUBJECTS = [
    "The council",
    "A research team",
    "Local residents",
    "The museum",
    "Volunteers",
    "The rail operator",
]
EN_VERBS = ["announced", "completed", "discussed", "postponed", "reviewed", "opened"]
EN_OBJECTS = [
    "a new library plan",
    "the river clean-up",
    "a night bus route",
    "the spring festival",
    "a repair project",
]

SITES = [
    ("news.example.cn", "simplified", "首页 | 新闻 | 财经 | 体育", "本站所有文章仅供参考 欢迎订阅早报"),
    ("daily.example.tw", "traditional", "首頁 | 新聞 | 生活 | 國際", "歡迎訂閱本報電子報"),
    ("hk.example.hk", "traditional", "主頁 | 港聞 | 財經", "本網站內容版權所有"),
    ("city.example.com", "english", "Home | News | Sport | Weather", "Subscribe to our morning briefing"),
    ("blog.example.cn", "simplified", "博客首页 | 归档 | 关于", "喜欢本文请点赞转发"),
]


def sentence(rng: random.Random, number: int) -> str:
    return (
        f"{rng.choice(SUBJECTS)}在{rng.randint(1, 12)}月{rng.randint(1, 28)}日{rng.choice(VERBS)}"
        f"{rng.choice(OBJECTS)}，编号{number}-{rng.randint(100, 999)}，{rng.choice(DETAILS)}。"
    )


def english_sentence(rng: random.Random, number: int) -> str:
    return (
        f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)} on day"
        f" {rng.randint(1, 28)}, case {number}-{rng.randint(100, 999)}, and more news will follow."
    )


def article(rng: random.Random, number: int, language: str) -> tuple[str, list[str]]:
    """An invented (title, paragraphs) pair; numbers make every article distinct."""
    count = rng.randint(3, 8)
    if language == "english":
        paragraphs = [" ".join(english_sentence(rng, number) for _ in range(3)) for _ in range(count)]
        return f"Report {number}: {rng.choice(EN_OBJECTS)}", paragraphs
    paragraphs = ["".join(sentence(rng, number) for _ in range(rng.randint(2, 4))) for _ in range(count)]
    return f"第{number}号报道：{rng.choice(OBJECTS)}", paragraphs


def to_traditional(texts: list[str]) -> list[str]:
    from cleaner.script import convert_script

    joined = convert_script("\n".join(texts), "tw")
    return joined.split("\n")


def encoding_for(rng: random.Random, language: str) -> str:
    if language == "english":
        return rng.choice(["utf-8", "cp1252", "utf-8"])
    if language == "traditional":
        return rng.choice(["utf-8", "big5", "big5", "utf-16"])
    return rng.choice(["utf-8", "gb18030", "gb18030", "utf-16"])


def render_html(title: str, paragraphs: list[str], nav: str, footer: str, charset: str) -> str:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
        f'<div class="nav">{nav}</div><article><h1>{title}</h1>\n{body}</article>'
        f'<div class="footer">{footer}</div></body></html>'
    )


def generate_folder(root: Path, count: int, seed: int = 7) -> dict[str, int]:
    """Write `count` article files under `root` (site/year/NNNNNN.html|.txt); returns counts by kind."""
    rng = random.Random(seed)
    kinds = {"html": 0, "text": 0}
    for number in range(count):
        site, language, nav, footer = SITES[number % len(SITES)]
        title, paragraphs = article(rng, number, "english" if language == "english" else "simplified")
        if language == "traditional":
            title, *paragraphs = to_traditional([title, *paragraphs])
        encoding = encoding_for(rng, language)
        folder = root / site / str(2020 + number % 6)
        folder.mkdir(parents=True, exist_ok=True)
        if rng.random() < 0.6:
            html = render_html(title, paragraphs, nav, footer, charset=encoding)
            (folder / f"{number:06d}.html").write_bytes(html.encode(encoding, "ignore"))
            if rng.random() < 0.5:
                sidecar = {"url": f"https://{site}/a/{number}.html", "fetched_at": "2026-11-20T08:00:00Z"}
                (folder / f"{number:06d}.json").write_text(json.dumps(sidecar))
            kinds["html"] += 1
        else:
            text = "\n".join([title, "", *paragraphs, "", footer]) + "\n"
            (folder / f"{number:06d}.txt").write_bytes(text.encode(encoding, "ignore"))
            kinds["text"] += 1
    return kinds


def jingwen() -> str:
    candidate = Path(sys.executable).with_name("jingwen")
    return str(candidate) if candidate.exists() else "jingwen"


def run_clean(folder: Path, db: Path, jobs: int) -> tuple[float, dict[str, object], int]:
    """(seconds, JSON summary, peak RSS in kB of the process tree) of one `jingwen clean` run."""
    script = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stdout.write(r.stdout);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    command = [jingwen(), "clean", str(folder), "--db", str(db), "--jobs", str(jobs), "--json", "--quiet"]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    if len(lines) < 2:
        raise RuntimeError(f"jingwen clean failed: {result.stderr[-2000:]}")
    return seconds, json.loads(lines[-2]), int(lines[-1])


def trafilatura_rate(folder: Path, sample: int) -> float:
    """Pages per second for trafilatura.extract alone on (already decoded) HTML pages of the folder."""
    import trafilatura

    from cleaner.decoding import decode

    pages = [decode(path.read_bytes()).text for path in sorted(folder.rglob("*.html"))[:sample]]
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, include_comments=False)
    return len(pages) / (time.perf_counter() - started)


def html_only_rate(folder: Path, scratch: Path, sample: int) -> float:
    """Pages per second of `jingwen clean --jobs 1` on the same HTML pages (no sidecars)."""
    pages = scratch / "html-only"
    pages.mkdir()
    for path in sorted(folder.rglob("*.html"))[:sample]:
        shutil.copy(path, pages / f"{path.parent.parent.name}-{path.name}")
    _, summary, _ = run_clean(pages, scratch / "html-only.db", jobs=1)
    return float(summary["files_per_second"])  # type: ignore[arg-type]  # timed inside: no start-up


def run(shared: Path | None) -> None:
    files = int(os.environ.get("JINGWEN_BENCH_FILES", DEFAULT_FILES))
    small = min(SMALL_FILES, files)
    print(f"== batch: jingwen clean on {files:,} generated articles ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="jingwen-bench-") as scratch_name:
        scratch = Path(scratch_name)
        folder, small_folder = scratch / "articles", scratch / "articles-small"
        started = time.perf_counter()
        kinds = generate_folder(folder, files)
        generate_folder(small_folder, small)
        took = time.perf_counter() - started
        print(f"generated {kinds['html']:,} HTML + {kinds['text']:,} text files in {took:.1f} s")

        peaks: dict[int, int] = {}
        for jobs in (1, 2):
            seconds, summary, peaks[jobs] = run_clean(folder, scratch / f"jobs{jobs}.db", jobs)
            print(
                f"--jobs {jobs}: {files / seconds:,.0f} files/s end to end ({seconds:.1f} s;"
                f" archived {summary['archived']}, duplicates {summary['duplicate']},"
                f" skipped {summary['skipped']}, failed {summary['failed']});"
                f" peak RSS {peaks[jobs] / 1024:.0f} MB"
            )
        seconds, summary, _ = run_clean(folder, scratch / "jobs2.db", 2)
        print(
            f"no-change re-run: {seconds:.2f} s, {files / seconds:,.0f} files/s"
            f" (unchanged {summary['unchanged']}, archived {summary['archived']}"
            + (
                f", cleaned again {summary['same_text']}: the rules changed during the bench)"
                if summary["same_text"] or summary["archived"]
                else ")"
            )
        )
        _, _, peak_small = run_clean(small_folder, scratch / "small.db", 2)
        print(
            f"peak RSS (--jobs 2, largest process): {peak_small / 1024:.0f} MB at {small:,} files,"
            f" {peaks[2] / 1024:.0f} MB at {files:,} files (ratio {peaks[2] / peak_small:.2f})"
        )
        ours = html_only_rate(folder, scratch, TRAFILATURA_SAMPLE)
        alone = trafilatura_rate(folder, TRAFILATURA_SAMPLE)
        print(
            f"HTML path ({TRAFILATURA_SAMPLE} pages, 1 job): jingwen clean {ours:,.0f} pages/s archived,"
            f" trafilatura.extract alone {alone:,.0f} pages/s: ratio {ours / alone:.2f}"
        )


if __name__ == "__main__":
    run(None)
