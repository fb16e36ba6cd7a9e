"""The records the cleaner hands out: what was kept, what was removed and why.

`Cleaned` is the contract of ../shared/DESIGN.md §2. Archives and Datasette facets keep the
removal categories, so `CATEGORIES` is a stable vocabulary: renaming one is a CHANGELOG entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# The stable vocabulary of removal categories (DESIGN.md §2), plus what real pages needed.
CATEGORIES: tuple[str, ...] = (
    "duplicate_teaser",  # a summary paragraph repeated (or a prefix of one) later in the body, or a
    # paragraph the page repeats that the article keeps once
    "source_attribution",  # 来源 / 本文来自微信公众号 / 作者 / Source: … (parsed into metadata)
    "copyright_notice",  # 声明 / 版权所有 / 未经允许不得转载 / All rights reserved
    "widget_counter",  # 阅读 123, 点赞, (0), 举报, share bars
    "navigation",  # 上一篇 / 下一篇, breadcrumbs, menus
    "related_posts",  # 相关推荐 / Related articles lists
    "image_caption",  # 图片来自 / (资料图片仅供参考) / photo credits
    "seo_filler",  # unrelated blurbs appended after a 关键词: line
    "advertisement",  # 广告 / sponsored
    "comments",  # comment sections
    "follow_us",  # 扫码关注 / follow us on …
    "site_boilerplate",  # lines that recur across many documents of one site
    "page_chrome",  # HTML page text outside the article that no more specific category explains
    "title",  # the title line at the top of a text dump, moved to Cleaned.title
    "empty",  # blank or punctuation-only lines
)

SCRIPTS: tuple[str, ...] = ("simplified", "traditional", "mixed", "neutral", "none")


@dataclass(frozen=True)
class Removal:
    """One removed block: what it said, which rule removed it, and under which category."""

    category: str
    rule: str
    text: str
    position: int = 0  # index of the block in the document's block list

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "rule": self.rule, "text": self.text, "position": self.position}


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Cleaned:
    """The clean article: body text (one paragraph per line), title, provenance and removals."""

    text: str
    title: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    removed: tuple[Removal, ...] = ()
    encoding: str = "utf-8"
    script: str = "none"
    machine_converted: bool = False
    evidence: Mapping[str, Any] = field(default_factory=dict)
    reason: str | None = None  # why `text` is empty, when it is

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen(self.metadata))
        object.__setattr__(self, "evidence", _frozen(self.evidence))
        object.__setattr__(self, "removed", tuple(self.removed))

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-ready dict in the shape ../shared/eval/score_seeds.py documents."""
        return {
            "text": self.text,
            "title": self.title,
            "metadata": dict(self.metadata),
            "removed": [r.to_dict() for r in self.removed],
            "encoding": self.encoding,
            "script": self.script,
            "machine_converted": self.machine_converted,
            "evidence": dict(self.evidence),
            "reason": self.reason,
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
