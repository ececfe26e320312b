"""A scanned page's word boxes straightened by the tilt the words themselves show.

Pages tilted less than ``ocr_page.MIN_DESKEW_DEGREES`` are read as they are: resampling the
image to straighten them costs tesseract more than the tilt does. But the boxes tesseract gives
are then tilted too, and on a wide page a small tilt is a line's height: at 0.45 degrees across
a 1008-pt landscape page a row's left end sits 8 pt above its right end, while its words are
5 pt tall. Grouping words into visual lines by their height then joins a head's lower line
('Primero Segundo Tercero Cuarto' under 'Programado') to the table's first row (generated MIR
scan 6520: every value of the table lost). Turning the boxes, not the image, costs nothing.

The tilt is read from tesseract's own lines, which follow the print's baselines whatever the
tilt: each long line's slope of word centres against x, the median over the page's lines.
Boxes are turned about the page's centre, the convention of a page whose image was deskewed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import replace

from papeleo.model import BBox, Document, Line, Page, Rule, Word

# A line's slope is measured only over this much width (points) and this many words: a short
# line's slope is its words' ascenders and descenders, not the page's tilt.
MIN_LINE_SPAN_PT = 150.0
MIN_LINE_WORDS = 4
# Fewest such lines for a page's tilt: with fewer, one skewed caption or stamp would decide it.
# A table page may have only its title lines long enough (tesseract cuts rows into column
# blocks): at 5, dev MIR scan 3's page 2 (three lines at -0.65 degrees) stayed tilted while its
# page 1 was levelled, and the head that page 1 gave no longer matched page 2's (numbers exact,
# generated MIR scans, six sets: +306 at 3, +292 at 5).
MIN_SLOPE_LINES = 3
# ... but two lines that agree within this (degrees) are enough: a table page whose rows
# tesseract cut into column blocks may keep only its running header's two lines long enough
# (generated dictamen scan 8927: 0.56 and 0.69 degrees, the row below them 4 pt lower at its
# right end than at its left, its words read as two lines and the page's 16 rows lost). A
# caption and a stamp tilted alike to within this are unlikely; lines that disagree (a rotated
# stamp beside a title) spread far wider, and the page is left as scanned.
PAIR_SPREAD_DEGREES = 0.15
# Tilts under this (degrees) are left alone: 0.1 degree is 1.8 pt across a 1008-pt page, well
# inside the 3-pt tolerance that groups words into lines, and not worth moving every box for.
MIN_STRAIGHTEN_DEGREES = 0.1
# Tilts over this are left alone too: the image was deskewed from ocr_page.MIN_DESKEW_DEGREES,
# so a larger slope among the lines is a disagreement between them (rotated stamps, labels
# printed turned), not a tilt to undo.
MAX_STRAIGHTEN_DEGREES = 1.0
# The lines must agree: the median absolute deviation of their slopes, in degrees, at most
# this. Scattered slopes are a page of short or curved lines with no one tilt. At 0.15 a heavy
# scan's first page (lines from -1.2 to -0.5 degrees, median -0.72: MIR scan 6517) was left
# tilted while the pages after it were levelled; lines that truly disagree spread a degree.
MAX_SLOPE_SPREAD_DEGREES = 0.3


def line_to_slope(line: Line) -> float | None:
    """dy/dx of the least-squares line through the word centres (y grows downwards), or None
    for a line too short to say."""
    words = [w for w in line.words if w.bbox is not None]
    if len(words) < MIN_LINE_WORDS:
        return None
    xs = [(w.bbox.x0 + w.bbox.x1) / 2 for w in words]  # type: ignore[union-attr]
    ys = [(w.bbox.top + w.bbox.bottom) / 2 for w in words]  # type: ignore[union-attr]
    if max(xs) - min(xs) < MIN_LINE_SPAN_PT:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def lines_to_tilt_degrees(lines: Sequence[Line]) -> float | None:
    """The tilt the page's long lines agree on, degrees (positive: the right end lower), or
    None when too few lines are long enough or they disagree."""
    angles = [math.degrees(math.atan(s)) for ln in lines if (s := line_to_slope(ln)) is not None]
    if len(angles) == 2 and abs(angles[0] - angles[1]) <= PAIR_SPREAD_DEGREES:
        return statistics.fmean(angles)
    if len(angles) < MIN_SLOPE_LINES:
        return None
    mid = statistics.median(angles)
    if statistics.median(abs(a - mid) for a in angles) > MAX_SLOPE_SPREAD_DEGREES:
        return None
    return mid


def _turn(x: float, y: float, cx: float, cy: float, cos: float, sin: float) -> tuple[float, float]:
    """(x, y) turned about (cx, cy) so that a line sloping down by atan(sin/cos) lies level."""
    dx, dy = x - cx, y - cy
    return cx + dx * cos + dy * sin, cy - dx * sin + dy * cos


def _edges_turned(
    x0: float, top: float, x1: float, bottom: float, cx: float, cy: float, cos: float, sin: float
) -> tuple[float, float, float, float]:
    """A box's edges moved with its centre, same size: at under a degree, a word's or a
    ruling's own turn is a fraction of a point."""
    mx, my = (x0 + x1) / 2, (top + bottom) / 2
    nx, ny = _turn(mx, my, cx, cy, cos, sin)
    return x0 + nx - mx, top + ny - my, x1 + nx - mx, bottom + ny - my


def page_to_straightened(page: Page) -> tuple[Page, float]:
    """(the page with its word boxes and rulings turned level, the tilt undone in degrees); an
    OCR'd page with no clear tilt between MIN_ and MAX_STRAIGHTEN_DEGREES, or any other page,
    comes back as it is with 0.0."""
    if page.text_source != "ocr" or not page.width or not page.height:
        return page, 0.0
    tilt = lines_to_tilt_degrees(page.lines)
    if tilt is None or not MIN_STRAIGHTEN_DEGREES <= abs(tilt) <= MAX_STRAIGHTEN_DEGREES:
        return page, 0.0
    rad = math.radians(tilt)
    cos, sin = math.cos(rad), math.sin(rad)
    cx, cy = page.width / 2, page.height / 2

    def word(w: Word) -> Word:
        if w.bbox is None:
            return w
        return replace(w, bbox=BBox(*_edges_turned(w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom, cx, cy, cos, sin)))

    lines = []
    for ln in page.lines:
        words = tuple(word(w) for w in ln.words)
        lines.append(Line(text=ln.text, words=words, bbox=BBox.union(w.bbox for w in words)))
    rules = tuple(Rule(*_edges_turned(r.x0, r.top, r.x1, r.bottom, cx, cy, cos, sin)) for r in page.rules)
    note = f"straightened: word boxes turned {tilt:.2f} degrees level (the page was read as scanned)"
    return replace(page, lines=tuple(lines), rules=rules, reading_notes=(*page.reading_notes, note)), tilt


def document_to_straightened(doc: Document) -> Document:
    """The document with each OCR'd page straightened (``page_to_straightened``)."""
    pages = [page_to_straightened(p)[0] for p in doc.pages]
    if all(a is b for a, b in zip(pages, doc.pages)):
        return doc
    return replace(doc, pages=pages)
