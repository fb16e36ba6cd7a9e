"""Dates as YYYY-MM-DD: how `published` is stored whatever the page or dump wrote.

>>> [iso_date(text) for text in ("2024-05-06T08:00", "2024年5月6日 星期一", "Mar 3, 2024")]
['2024-05-06', '2024-05-06', '2024-03-03']
>>> iso_date("Tuesday, 4 March 2025, 07:10 CET")
'2025-03-04'
>>> iso_date("Sat Oct 12 21:34:08 2024")
'2024-10-12'
>>> iso_date("發布日期｜113-09-02")
'2024-09-02'
>>> iso_date("sometime in spring") is None
True
"""

from __future__ import annotations

import re

# 2024-05-06, 2024/5/6, 2024.05.06, 2024年5月6日
NUMERIC_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Taiwan's official calendar, years since 1911: 113-09-02, 民國113年9月2日
ROC_DAY = r"(?<!\d)1[0-2]\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)"  # provenance.DATE's too
ROC_DATE = re.compile(ROC_DAY)
ROC_YEAR_ZERO = 1911  # Minguo 1 is 1912
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# an English month, whole or cut (March, Mar., Sept): the one spelling every date rule matches
MONTH_NAME = rf"(?:{'|'.join(MONTHS)})[a-z]*\.?"
MONTH = f"({MONTH_NAME})"
# March 3, 2024 / Mar. 3 2024
MONTH_FIRST = re.compile(rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
# Sat Oct 12 21:34:08 2024: a clock between the day and the year (ctime, as PTT and mail print it)
CLOCK_BEFORE_YEAR = re.compile(
    rf"\b{MONTH}\s+(\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+(\d{{4}})\b", re.IGNORECASE
)
# 3 March 2024
DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """The first year-month-day in `text` as YYYY-MM-DD, or None when it holds no valid one."""
    found = NUMERIC_DATE.search(text)
    if found:
        year, month, day = found.groups()
        return checked(year, int(month), int(day))
    found = ROC_DATE.search(text)
    if found:
        year, month, day = map(int, re.findall(r"\d+", found.group()))
        return checked(str(year + ROC_YEAR_ZERO), month, day)
    found = MONTH_FIRST.search(text)
    if found:
        month, day, year = found.groups()
        return checked(year, MONTHS.index(month.lower()[:3]) + 1, int(day))
    found = DAY_FIRST.search(text)
    if found:
        day, month, year = found.groups()
        return checked(year, MONTHS.index(month.lower()[:3]) + 1, int(day))
    found = CLOCK_BEFORE_YEAR.search(text)
    if found:
        month, day, year = found.groups()
        return checked(year, MONTHS.index(month.lower()[:3]) + 1, int(day))
    return None


def checked(year: str, month: int, day: int) -> str | None:
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None
