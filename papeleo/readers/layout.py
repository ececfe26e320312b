"""Geometry shared by the readers: words with boxes -> visual lines.

A PDF's text layer has no lines, only positioned glyphs; pdfplumber groups glyphs into
words but not words into lines. Extractors think in lines (a table row, a heading), so the
grouping happens once here, the same way for every reader that has geometry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from papeleo.model import Line, Word

DEFAULT_Y_TOLERANCE = 3.0  # points; pdfplumber's own default for "same line"


def vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    return max(0.0, min(a_bottom, b_bottom) - max(a_top, b_top))


def word_joins_line(word: Word, line_top: float, line_bottom: float, y_tolerance: float) -> bool:
    """Same line when the tops agree within the tolerance, or when the word and the line
    share at least half of the shorter height. The second test keeps a larger-font word
    (a bold amount, a superscript-free heading run) on the line its baseline belongs to."""
    box = word.bbox
    assert box is not None
    if abs(box.top - line_top) <= y_tolerance:
        return True
    shorter = min(box.height, line_bottom - line_top)
    if shorter <= 0:
        return False
    return vertical_overlap(box.top, box.bottom, line_top, line_bottom) >= 0.5 * shorter


def words_to_lines(words: Iterable[Word], y_tolerance: float = DEFAULT_Y_TOLERANCE) -> list[Line]:
    """Group words into visual lines: sorted by top, words in each line by x0, text joined
    by single spaces. Words without a bbox cannot be placed and are skipped."""
    placed = sorted((w for w in words if w.bbox is not None), key=lambda w: (w.bbox.top, w.bbox.x0))  # type: ignore[union-attr]
    groups: list[list[Word]] = []
    band_top = band_bottom = 0.0
    for word in placed:
        box = word.bbox
        assert box is not None
        if groups and word_joins_line(word, band_top, band_bottom, y_tolerance):
            groups[-1].append(word)
            band_bottom = max(band_bottom, box.bottom)
            continue
        groups.append([word])
        band_top, band_bottom = box.top, box.bottom
    return [word_group_to_line(g) for g in groups]


def word_group_to_line(words: Sequence[Word]) -> Line:
    """Words left to right; words that start at the same x (to 0.1 pt) bottom to top: no two
    upright words of a line do, while the words of one line of a label printed turned upwards
    (a narrow table column's head: 'Susceptible' under 'de') all do."""
    ordered = sorted(words, key=lambda w: (round(w.bbox.x0, 1), -w.bbox.bottom) if w.bbox is not None else (0.0, 0.0))
    return Line.from_words(ordered)


def lines_sorted_by_top(lines: Iterable[Line]) -> list[Line]:
    return sorted(lines, key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox is not None else (float("inf"), 0.0))
