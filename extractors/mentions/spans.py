"""Which parts of a page's text are already read as something, asked once per candidate: the
union of the spans, kept sorted and disjoint, asked by bisect. Scanning every span for every
candidate made 100 KB of text cost a quarter of a second."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        """Add [start, end), merging it with the spans it touches."""
        i = bisect.bisect_left(self._ends, start)  # first span that ends at or after ``start``
        j = bisect.bisect_right(self._starts, end)  # spans that start at or before ``end``
        if i < j:
            start, end = min(start, self._starts[i]), max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span."""
        i = bisect.bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self._ends[i] > start

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)

    def end_of(self, pos: int) -> int | None:
        """The end of the span that holds ``pos``, or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._ends[i] if i >= 0 and self._ends[i] > pos else None
