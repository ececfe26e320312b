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


# a gap between two words of a line starts a new cell (a table's next column, the second
# signature of a row) when it is wider than CELL_GAP_WIDE heights, or wider than CELL_GAP_HEIGHTS
# heights and CELL_GAP_STANDOUT times the line's middle gap. Word spacing is about 0.3 of a
# height; a justified line stretches all its gaps alike (0.6-0.8 each), a dense table sets its
# columns 0.9 apart between words 0.3 apart, figures stand 1.5 and more apart.
CELL_GAP_HEIGHTS = 0.7
CELL_GAP_STANDOUT = 2.0
CELL_GAP_WIDE = 1.5


def line_to_cell_text(line: Line) -> str:
    """The line's words joined by a space, or by a tab where a gap says a new cell starts, so
    text rules see a table row's cells apart as in a tab-separated export; the line's own text
    when its words have no boxes (plain text keeps its tabs and runs of spaces)."""
    words = [w for w in line.words if w.bbox is not None]
    if not words or len(words) != len(line.words):
        return line.text
    gaps = [
        (w.bbox.x0 - prev.bbox.x1) / max(min(prev.bbox.height, w.bbox.height), 1.0) for prev, w in zip(words, words[1:])
    ]
    middle = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    out = [words[0].text]
    for gap, w in zip(gaps, words[1:]):
        cell = gap > CELL_GAP_WIDE or (gap > CELL_GAP_HEIGHTS and gap > CELL_GAP_STANDOUT * middle)
        out.append("\t" if cell else " ")
        out.append(w.text)
    return "".join(out)


@dataclass(frozen=True)
class PageText:
    """A page's lines joined with newlines, with the offset where each line starts."""

    page: Page
    text: str
    starts: tuple[int, ...]

    def line_text(self, i: int) -> str:
        """The text of line ``i`` as it stands in ``text``."""
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]

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
    return texts_to_page_text(page, [line.text for line in page.lines])


def texts_to_page_text(page: Page, texts: list[str]) -> PageText:
    """A page's text from one string per line (the lines' own, or another reading of each:
    their cells apart, a word spelled right), each offset still mapped to its line."""
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return PageText(page, "\n".join(texts), tuple(starts))


def line_around(text: str, pos: int) -> str:
    """The line of ``text`` that holds ``pos``, without its line break."""
    end = text.find("\n", pos)
    return text[line_start(text, pos) : end if end >= 0 else len(text)]


def line_start(text: str, pos: int) -> int:
    """Where the line of ``text`` that holds ``pos`` starts."""
    return text.rfind("\n", 0, pos) + 1


# a stray line holds at most this many words: a word OCR boxed apart from its line (taller for a
# stroke of a rúbrica or a stamp's ink across it) and read as a line of its own
MAX_STRAY_WORDS = 2
# ... and covers this share of its host line's height at least (it stands on the same baseline)
STRAY_OVERLAP = 0.6
# points a stray word may reach past the gap between two of its host's words (box slack)
GAP_SLACK = 1.5


def lines_with_stray_words_joined(lines: list[Line]) -> list[Line]:
    """Lines with each stray word put back into the line whose gap it fills: 'Aportaciones' read
    as a line of its own, a little taller than its line, over the gap in 'al Fondo de para la
    Infraestructura' (generated ASM scan 83: the programme's name lost a word, on every row).
    A stray word that fits no gap between two words of a line it stands on stays a line."""
    out = list(lines)
    for s in sorted(range(len(lines)), key=lambda i: len(lines[i].words)):
        stray = out[s]
        if stray is None or stray.bbox is None or not 0 < len(stray.words) <= MAX_STRAY_WORDS:
            continue
        for h, host in enumerate(out):
            if h == s or host is None or host.bbox is None or len(host.words) <= MAX_STRAY_WORDS:
                continue
            overlap = min(stray.bbox.bottom, host.bbox.bottom) - max(stray.bbox.top, host.bbox.top)
            if overlap < STRAY_OVERLAP * host.bbox.height:
                continue
            words = [w for w in host.words if w.bbox is not None]
            if any(
                a.bbox.x1 - GAP_SLACK <= stray.bbox.x0 and stray.bbox.x1 <= b.bbox.x0 + GAP_SLACK
                for a, b in zip(words, words[1:], strict=False)
            ):
                joined = sorted([*host.words, *stray.words], key=lambda w: w.bbox.x0 if w.bbox else 0.0)
                out[h], out[s] = Line.from_words(joined), None
                break
    return [ln for ln in out if ln is not None]
