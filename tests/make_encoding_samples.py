"""Write the encoded copies of the articles in samples/encodings/, and its expected.json.

    python -m tests.make_encoding_samples [OUT_DIR]

The `<article>.utf-8.txt` files there are the source (written for this project); every other
file is derived from them by this script, so tests can re-run it and compare bytes. (It
lives here, not beside the samples, so `make demo` does not archive it as an article.) Each
entry of expected.json says what `cleaner.decoding.decode` must find in that file:
`encoding` and `evidence`; `text`, the UTF-8 file whose text it must give (None for
binary or empty input); `cut`, when the last character was cut off (the text is then the
source without its final newline and last character); `problem` and `repairs`.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "samples" / "encodings"


def sloppy_cp1252(data: bytes) -> str:
    """Bytes read as a browser reads windows-1252: the five undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG, built chunk by chunk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def cut_mid_character(text: str, codec: str) -> bytes:
    """The encoded text without its final newline, cut after the first byte of its last character."""
    body = text.rstrip("\n")
    return body[:-1].encode(codec) + body[-1].encode(codec)[:1]


def expect(encoding: str | None, evidence: str, source: str | None, **extra: object) -> dict[str, object]:
    entry: dict[str, object] = {"encoding": encoding, "evidence": evidence, "text": source, "cut": False}
    entry.update({"problem": None, "repairs": []})
    entry.update(extra)
    return entry


def build() -> dict[str, tuple[bytes, dict[str, object]]]:
    """File name → (bytes, what decode must find)."""
    files: dict[str, tuple[bytes, dict[str, object]]] = {}

    def source(article: str) -> tuple[str, str]:
        name = f"{article}.utf-8.txt"
        text = (HERE / name).read_text(encoding="utf-8")
        files[name] = (text.encode("utf-8"), expect("utf-8", "utf-8", name))
        return name, text

    name, text = source("library-night")  # Simplified Chinese, with a GBK-only character (喆)
    files["library-night.gb18030.txt"] = (text.encode("gb18030"), expect("gb18030", "detector", name))
    files["library-night.utf-16.txt"] = (text.encode("utf-16"), expect("utf-16", "bom", name))
    files["library-night.utf-16le-nobom.txt"] = (
        text.encode("utf-16-le"),
        expect("utf-16-le", "utf-16-pattern", name),
    )
    files["library-night.utf-8-bom.txt"] = (text.encode("utf-8-sig"), expect("utf-8-sig", "bom", name))
    files["library-night.gb18030-cut.txt"] = (
        cut_mid_character(text, "gb18030"),
        expect("gb18030", "detector", name, cut=True, problem="truncated"),
    )
    title, *paragraphs = text.splitlines()
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    head = f'<html><head><meta charset="gb2312"><title>{title}</title></head>'
    page = f"{head}\n<body><article><h1>{title}</h1>\n{body}</article></body></html>\n"
    files["library-night.gb2312-meta.html"] = (
        page.encode("gb18030"),
        expect("gb18030", "declared", None, contains=name, note="declares gb2312, uses GBK characters"),
    )
    files["library-night.gbk-as-latin1.txt"] = (
        text.encode("gbk").decode("latin-1").encode("utf-8"),
        expect("utf-8", "repaired", name, repairs=["gbk-as-latin1"]),
    )
    files["library-night.utf8-as-gbk.txt"] = (
        text.encode("utf-8").decode("gbk", "replace").encode("utf-8"),
        expect("utf-8", "utf-8", None, problem="mojibake", note="lossy: flagged, not repaired"),
    )

    name, text = source("tea-terraces")  # Traditional Chinese, within plain Big5
    files["tea-terraces.big5.txt"] = (text.encode("big5"), expect("big5hkscs", "detector", name))
    files["tea-terraces.utf-16be-nobom.txt"] = (
        text.encode("utf-16-be"),
        expect("utf-16-be", "utf-16-pattern", name),
    )
    files["tea-terraces.big5-as-latin1.txt"] = (
        text.encode("big5").decode("latin-1").encode("utf-8"),
        expect("utf-8", "repaired", name, repairs=["big5-as-latin1"]),
    )

    name, text = source("river-cleanup")  # English with curly quotes and a dash
    files["river-cleanup.utf8-as-cp1252.txt"] = (
        sloppy_cp1252(text.encode("utf-8")).encode("utf-8"),
        expect("utf-8", "repaired", name, repairs=["utf8-as-cp1252"]),
    )

    name, text = source("cafe-review")  # French: accents, guillemets, curly apostrophes
    files["cafe-review.cp1252.txt"] = (text.encode("cp1252"), expect("cp1252", "detector", name))

    name, text = source("autumn-notes")  # Japanese
    files["autumn-notes.shift_jis.txt"] = (text.encode("shift_jis"), expect("cp932", "detector", name))

    name, text = source("market-morning")  # Korean
    files["market-morning.euc-kr.txt"] = (text.encode("euc-kr"), expect("cp949", "detector", name))

    files["pixel.png"] = (tiny_png(), expect("latin-1", "binary", None, problem="binary"))
    files["empty.txt"] = (b"", expect("utf-8", "empty", None, problem="empty"))
    return files


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, (data, entry) in sorted(build().items()):
        if not name.endswith(".utf-8.txt") or out != HERE:
            (out / name).write_bytes(data)
        manifest[name] = entry
    (out / "expected.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
