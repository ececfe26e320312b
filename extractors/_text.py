"""Shared text helpers for extractors: page text with line offsets, and Spanish dates.

Mentions and dates often straddle a line break ('publicó en fecha 23 de febrero de' /
'2017'), so extractors search a page's text as one string and map each match back to
the line it starts on for provenance.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

import regex

from papeleo.model import BBox, Line, Page

log = logging.getLogger(__name__)

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# '23 de febrero de 2017', '30 treinta de octubre de 2015', '1o. de julio del 2019'
DAY_MONTH_YEAR = regex.compile(
    rf"\b(?P<day>[0-3]?\d)(?:o\.?|º|°)?\s+(?:[a-záéíóúñ]+\s+)?de\s+(?P<month>{_MONTH_ALT})"
    rf"\s+(?:de[l]?\s+)?(?P<year>(?:19|20)\d\d)\b",
    regex.IGNORECASE,
)
# 'Julio 2019', 'septiembre 2018 a agosto 2019', 'marzo de 2024'
MONTH_YEAR = regex.compile(rf"\b(?P<month>{_MONTH_ALT})\s+(?:de[l]?\s+)?(?P<year>(?:19|20)\d\d)\b", regex.IGNORECASE)
# '23/02/2017', '15-03-2024'
NUMERIC_DATE = regex.compile(r"\b(?P<day>[0-3]?\d)[/-](?P<month>[01]?\d)[/-](?P<year>(?:19|20)\d\d)\b")


def lines_to_confidence(lines) -> float:
    """Mean confidence of the lines a mention was read from (1.0 for none: nothing doubted)."""
    lines = list(lines)
    return sum(line.confidence for line in lines) / len(lines) if lines else 1.0


def lines_to_bbox(lines) -> BBox | None:
    return BBox.union(line.bbox for line in lines)


@dataclass(frozen=True)
class PageText:
    """A page's lines joined with newlines, with the offset where each line starts."""

    page: Page
    text: str
    starts: tuple[int, ...]

    def line_at(self, offset: int) -> Line:
        return self.page.lines[bisect.bisect_right(self.starts, offset) - 1]

    def lines_between(self, start: int, end: int) -> list[Line]:
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        return list(self.page.lines[first : last + 1])

    def bbox_between(self, start: int, end: int) -> BBox | None:
        return lines_to_bbox(self.lines_between(start, end))

    def confidence_between(self, start: int, end: int) -> float:
        return lines_to_confidence(self.lines_between(start, end))


def page_to_text(page: Page) -> PageText:
    starts, offset = [], 0
    for line in page.lines:
        starts.append(offset)
        offset += len(line.text) + 1
    return PageText(page, "\n".join(line.text for line in page.lines), tuple(starts))


@lru_cache(maxsize=4096)
def parse_spanish_date(day: int, month_name: str, year: int) -> dt.date | None:
    """dateparser knows Spanish month names and their variants; it also rejects 31 de junio."""
    import dateparser

    parsed = dateparser.parse(
        f"{day} {month_name} {year}",
        languages=["es"],
        settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower())


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
