"""jingwen's cleaners: scraped bytes in, clean article text with its provenance out.

    >>> from cleaner import clean
    >>> record = clean("<p>Hello</p>")  # doctest: +SKIP

Names are loaded on first use, so `import cleaner` stays fast and pulls in neither
trafilatura nor OpenCC until they are needed, and never SQLite, Datasette or the CLI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Cleaned": "cleaner.record",
    "Removal": "cleaner.record",
    "CATEGORIES": "cleaner.record",
    "SCRIPTS": "cleaner.record",
    "decode": "cleaner.decoding",
    "Decoded": "cleaner.decoding",
    "detect_script": "cleaner.script",
    "ScriptReport": "cleaner.script",
    "convert_script": "cleaner.script",
    "repair_leftovers": "cleaner.script",
    "fold_script": "cleaner.script",
    "is_japanese": "cleaner.script",
    "normalise": "cleaner.normalising",
    "clean": "cleaner.pipeline",
    "extract": "cleaner.extraction",
    "Extracted": "cleaner.extraction",
    "looks_like_html": "cleaner.extraction",
    "DEFAULT_RULES": "cleaner.stripping",
    "RULES_VERSION": "cleaner.stripping",
    "Rule": "cleaner.stripping",
    "declared_charset": "cleaner.decoding",
    "is_binary": "cleaner.decoding",
    "learn_site_boilerplate": "cleaner.boilerplate",
    "SiteBoilerplate": "cleaner.boilerplate",
}

# Spelled out so that linters and type checkers see it; tests check it matches _EXPORTS.
__all__ = [
    "CATEGORIES",
    "DEFAULT_RULES",
    "RULES_VERSION",
    "SCRIPTS",
    "Cleaned",
    "Decoded",
    "Extracted",
    "Removal",
    "Rule",
    "ScriptReport",
    "SiteBoilerplate",
    "__version__",
    "clean",
    "convert_script",
    "declared_charset",
    "decode",
    "detect_script",
    "extract",
    "fold_script",
    "is_binary",
    "is_japanese",
    "learn_site_boilerplate",
    "looks_like_html",
    "normalise",
    "repair_leftovers",
]

if TYPE_CHECKING:
    from cleaner.boilerplate import SiteBoilerplate, learn_site_boilerplate
    from cleaner.decoding import Decoded, declared_charset, decode, is_binary
    from cleaner.extraction import Extracted, extract, looks_like_html
    from cleaner.normalising import normalise
    from cleaner.pipeline import clean
    from cleaner.record import CATEGORIES, SCRIPTS, Cleaned, Removal
    from cleaner.script import (
        ScriptReport,
        convert_script,
        detect_script,
        fold_script,
        is_japanese,
        repair_leftovers,
    )
    from cleaner.stripping import DEFAULT_RULES, RULES_VERSION, Rule


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
