"""A page's text as one string, with each offset mapped back to the line it came from.

Mentions and dates often straddle a line break ('publicó en fecha 23 de febrero de' /
'2017'), so extractors search a page's text as one string and map each match back to the
lines it spans for provenance (page, box, confidence).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from papeleo.model import BBox, Line, Page


def lines_to_confidence(lines: Iterable[Line]) -> float:
    """Mean confidence of the lines a value was read from (1.0 for none: nothing doubted)."""
    lines = list(lines)
    return sum(line.confidence for line in lines) / len(lines) if lines else 1.0


def lines_to_bbox(lines: Iterable[Line]) -> BBox | None:
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
