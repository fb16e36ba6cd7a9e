"""Site boilerplate: lines that recur across many documents of one site.

A line every article of a site carries (its slogan, its footer, a fixed "扫码下载客户端"
banner the phrase lists do not know) is that site's boilerplate. `learn_site_boilerplate`
counts, over a set of documents from one site, in how many documents each short line survives
the cleaner; lines found in at least `min_documents` documents and `min_share` of them are
learned. `clean(raw, site_boilerplate=learned)` then removes them (category and rule
'site_boilerplate'), never when they are all a document has.

    >>> docs = [f"第{n}篇文章的正文，内容各不相同。\\n本站早报 每天清晨与你见面" for n in range(4)]
    >>> learned = learn_site_boilerplate(docs)
    >>> learned.is_boilerplate("本站早报 每天清晨与你见面"), learned.documents
    (True, 4)
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.blocks import fold_key, measure
from cleaner.record import Cleaned
from cleaner.stripping import Block, Document, Rule

# Boilerplate is short: a recurring long paragraph is a duplicated article, not a site's chrome.
MAX_BOILERPLATE_SIZE = 40  # Han characters plus other words
DIGITS = re.compile(r"\d+")


def boilerplate_key(line: str) -> str:
    """What two documents' lines compare by: folded, spaces removed, numbers masked (dates, counts)."""
    return DIGITS.sub("0", fold_key(line).replace(" ", ""))


@dataclass(frozen=True)
class SiteBoilerplate:
    """The recurring lines learned from `documents` documents of one site (as boilerplate keys)."""

    lines: frozenset[str]
    documents: int

    def is_boilerplate(self, line: str) -> bool:
        return bool(self.lines) and boilerplate_key(line) in self.lines

    def rule(self) -> Rule:
        """A stripping rule (id 'site_boilerplate') removing these lines, never a document's only lines."""
        lines = self.lines

        def site_boilerplate(block: Block, document: Document) -> str | None:
            if not lines or boilerplate_key(block.text) not in lines:
                return None
            has_content = document.memo(
                "site_boilerplate_content",
                lambda: any(boilerplate_key(b.text) not in lines for b in document.blocks),
            )
            return "site_boilerplate" if has_content else None

        return site_boilerplate


def learn_site_boilerplate(
    documents: Iterable[str | bytes | Cleaned], *, min_documents: int = 3, min_share: float = 0.5
) -> SiteBoilerplate:
    """The lines that recur in at least `min_documents` and `min_share` of the distinct documents."""
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for document in documents:
        text = document.text if isinstance(document, Cleaned) else clean_text(document)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if not text or digest in seen:  # the same article twice would teach its own lines
            continue
        seen.add(digest)
        counts.update(
            {boilerplate_key(line) for line in text.split("\n") if 0 < measure(line) <= MAX_BOILERPLATE_SIZE}
        )
    total = len(seen)
    if total < min_documents:
        return SiteBoilerplate(frozenset(), total)
    needed = max(min_documents, min_share * total)
    return SiteBoilerplate(frozenset(key for key, n in counts.items() if key and n >= needed), total)


def clean_text(document: str | bytes) -> str:
    """The text the cleaner keeps of a raw document: what boilerplate must be learned from."""
    from cleaner.pipeline import clean

    return clean(document).text
