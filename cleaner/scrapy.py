"""A Scrapy item pipeline that cleans one field of each item with jingwen.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleaner.scrapy.CleanerPipeline": 300}
    JINGWEN_SOURCE_FIELD = "html"      # the field holding the page (str or bytes)
    JINGWEN_URL_FIELD = "url"          # where the page came from, when the item has it
    JINGWEN_ENCODING_FIELD = "encoding"  # a declared charset (e.g. response.encoding), optional
    JINGWEN_FIELD_PREFIX = "clean_"    # names of the fields it adds
    JINGWEN_DROP_EMPTY = False         # drop items in which no article text was found

It adds `clean_text`, `clean_title`, `clean_metadata` (provenance), `clean_script`,
`clean_machine_converted`, `clean_removed` (what was removed and why) and `clean_reason` (why
the text is empty, when it is). Dict items take any field; a `scrapy.Item` must declare them.

Scrapy is an optional extra (`pip install 'jingwen[scrapy]'`): this module imports it only for
`DropItem`, and only when an item is to be dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from cleaner.pipeline import clean
from cleaner.record import Cleaned


@dataclass(frozen=True)
class PipelineSettings:
    """The `JINGWEN_*` Scrapy settings this pipeline and the archive pipeline read."""

    source_field: str = "html"
    url_field: str = "url"
    encoding_field: str = "encoding"
    field_prefix: str = "clean_"
    drop_empty: bool = False

    @classmethod
    def from_settings(cls, settings: Any) -> PipelineSettings:
        return cls(
            source_field=settings.get("JINGWEN_SOURCE_FIELD", cls.source_field),
            url_field=settings.get("JINGWEN_URL_FIELD", cls.url_field),
            encoding_field=settings.get("JINGWEN_ENCODING_FIELD", cls.encoding_field),
            field_prefix=settings.get("JINGWEN_FIELD_PREFIX", cls.field_prefix),
            drop_empty=settings.getbool("JINGWEN_DROP_EMPTY", cls.drop_empty),
        )


def clean_item(item: Mapping[str, Any], settings: PipelineSettings) -> Cleaned:
    """Clean the configured field of one item (a missing field gives an empty record with a reason)."""
    page = item.get(settings.source_field)
    if page is None:
        return Cleaned(text="", reason=f"item has no {settings.source_field!r} field")
    return clean(page, url=item.get(settings.url_field), declared_encoding=item.get(settings.encoding_field))


def clean_fields(record: Cleaned, prefix: str) -> dict[str, Any]:
    """The fields the pipeline adds to an item, named with `prefix`."""
    return {
        f"{prefix}text": record.text,
        f"{prefix}title": record.title,
        f"{prefix}metadata": dict(record.metadata),
        f"{prefix}script": record.script,
        f"{prefix}machine_converted": record.machine_converted,
        f"{prefix}removed": [removal.to_dict() for removal in record.removed],
        f"{prefix}reason": record.reason,
    }


class CleanerPipeline:
    """Adds jingwen's clean text, title, provenance and script fields to every item."""

    def __init__(self, settings: PipelineSettings | None = None) -> None:
        self.settings = settings or PipelineSettings()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        return cls(PipelineSettings.from_settings(crawler.settings))

    # `spider` is optional: Scrapy 2.13+ no longer passes it, older versions do.
    def process_item(self, item: Any, spider: Any = None) -> Any:
        from itemadapter import ItemAdapter

        adapter = ItemAdapter(item)
        record = clean_item(adapter, self.settings)
        if self.settings.drop_empty and not record.text:
            from scrapy.exceptions import DropItem

            raise DropItem(f"no article text in {adapter.get(self.settings.url_field)}: {record.reason}")
        fields: MutableMapping[str, Any] = adapter
        fields.update(clean_fields(record, self.settings.field_prefix))
        return item
