"""Cells of a ruled table that hold ink but no word -> read again, each on its own crop.

Tesseract's page segmentation drops short text standing alone: in a ruled ASM table whose
'Núm.' column prints one digit per row, it read the '1' and none of the other 14 (dev scan 7),
and the rows could not be told apart. The rulings the reader already found (:mod:`.rules`)
give the cells; a cell with no word of the first read in it but with ink is read on its own,
as one block of text (``--psm 6``) padded with paper, which reads a lone digit as surely as
the rest of the page. One tesseract pass per such cell: a grid read whole costs nothing.

A table ruled only across (rows between horizontal rules, no column rules) has no cells to
give, and there tesseract lost all twelve row numbers of dev ASM scan 13: in each band between
two such rules, the stretches no word of the first read covers are the cells looked in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image, ImageOps

from papeleo.model import BBox, Line, Rule

from .fill import crop_words_to_page
from .ink import DARK

log = logging.getLogger(__name__)

# Rules closer than this (points) are one line of the grid: a double rule, or the stroke and
# the edge of a shaded cell.
SAME_RULE_PT = 2.0
# A cell smaller than this (points) either way is the gap of a double rule, not a cell.
MIN_CELL_PT = 6.0
# The crop keeps this far (points) inside the cell's rules: an erased rule leaves a grey edge.
CELL_MARGIN_PT = 1.0
# A cell holds print when this much of it (square points of dark pixels) lies outside every
# word: a '1' at 8 pt is about 4; the dust and the toner specks of a scan are 1 or less each.
MIN_CELL_INK_PT2 = 2.5
# The crop is enlarged this many times before it is read: alone on a small crop, tesseract read
# the lone digits of an 8-pt column at 300 dpi as 'ES' (0.29) for '5' and 'E' (0.32) for '7', and
# '2' at 0.57; twice the size, 0.95-0.96 (dev ASM scan 7). The page itself reads fine as it is.
UPSCALE = 2
# The enlarged crop is padded with this much paper (pixels): tesseract reads a glyph touching
# the image's edge poorly.
PAD_PX = 12
# A word read in a cell is kept at this confidence or more (the lone digits: 0.85-0.96; a
# cell's leftover of an erased rule, read as '|' or '_': under 0.5).
CELL_MIN_CONFIDENCE = 0.6

# A band between two horizontal rules no vertical rule crosses is looked in for stretches with
# no word at least this wide (points; a row number at 8 pt is 4-10 wide) ...
MIN_GAP_PT = 6.0
# ... kept this far from the words on either side (a word's box is tight; its ink is not) ...
GAP_MARGIN_PT = 2.0
# ... in bands up to this tall (points): a table row of a few wrapped lines. Between two rules
# further apart (a rule under a letterhead, one over the signatures) lies running text, whose
# margins hold stamps and rúbricas, not cells
MAX_BAND_PT = 100.0

ReadCell = Callable[[Image.Image], list[Line]]


def _merged(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] < SAME_RULE_PT:
            continue
        out.append(v)
    return out


def _bands(rules: Sequence[Rule]) -> list[tuple[float, float, list[Rule], list[Rule]]]:
    """(top, bottom, the horizontal rules at its edges, the vertical rules crossing its middle) of
    each band between two consecutive horizontal rules at least MIN_CELL_PT apart (points)."""
    horizontals = [r for r in rules if r.orientation == "h"]
    verticals = [r for r in rules if r.orientation == "v"]
    ys = _merged([(r.top + r.bottom) / 2 for r in horizontals])
    out = []
    for top, bottom in zip(ys, ys[1:]):
        if bottom - top < MIN_CELL_PT:
            continue
        mid = (top + bottom) / 2
        edges = [r for r in horizontals if min(abs((r.top + r.bottom) / 2 - y) for y in (top, bottom)) < SAME_RULE_PT]
        out.append((top, bottom, edges, [r for r in verticals if r.top <= mid <= r.bottom]))
    return out


def rules_to_cells(rules: Sequence[Rule]) -> list[BBox]:
    """The cells a grid's rules enclose (points): for each band between two consecutive
    horizontal rules, the spans between the vertical rules that cross the band's middle."""
    cells = []
    for top, bottom, _, crossing in _bands(rules):
        xs = _merged([(r.x0 + r.x1) / 2 for r in crossing])
        cells.extend(BBox(x0, top, x1, bottom) for x0, x1 in zip(xs, xs[1:]) if x1 - x0 >= MIN_CELL_PT)
    return cells


def bands_to_gaps(rules: Sequence[Rule], boxes: Sequence[BBox]) -> list[BBox]:
    """The stretches with no word (``boxes``, points) of each band between consecutive horizontal
    rules that no vertical rule crosses, within the rules' extent: a table ruled only across."""
    out = []
    for top, bottom, edges, crossing in _bands(rules):
        if crossing or bottom - top > MAX_BAND_PT:
            continue
        x0, x1 = max(r.x0 for r in edges), min(r.x1 for r in edges)
        cursor = x0
        for a, b in sorted((w.x0, w.x1) for w in boxes if top < (w.top + w.bottom) / 2 < bottom):
            if a - GAP_MARGIN_PT - cursor >= MIN_GAP_PT:
                out.append(BBox(cursor, top, a - GAP_MARGIN_PT, bottom))
            cursor = max(cursor, b + GAP_MARGIN_PT)
        if x1 - cursor >= MIN_GAP_PT:
            out.append(BBox(cursor, top, x1, bottom))
    return out


def crop_to_enlarged(
    img: Image.Image, px: tuple[int, int, int, int], x_scale: float, y_scale: float
) -> tuple[Image.Image, float, float]:
    """The crop ``px`` (pixels) of ``img`` enlarged UPSCALE times and padded with PAD_PX of paper,
    and the page point (left, top) of its pixel (0, 0): the crop's pixel (x, y) is the page's
    pixel px + (x - PAD_PX) / UPSCALE. Its words go back to the page with
    ``crop_words_to_page(line, left, top, x_scale / UPSCALE, y_scale / UPSCALE, ...)``."""
    crop = img.crop(px)
    crop = crop.resize((crop.width * UPSCALE, crop.height * UPSCALE), Image.Resampling.LANCZOS)
    crop = ImageOps.expand(crop, border=PAD_PX, fill=255)
    return crop, (px[0] - PAD_PX / UPSCALE) * x_scale, (px[1] - PAD_PX / UPSCALE) * y_scale


def lines_to_cell_read_lines(
    lines: Sequence[Line],
    img: Image.Image,
    x_scale: float,
    y_scale: float,
    rules: Sequence[Rule],
    read_cell: ReadCell,
) -> tuple[list[Line], int]:
    """``lines`` plus what a second read finds in each cell of the grid that has ink and no
    word. ``img`` is the page image the lines were read from, rules erased (``x_scale`` and
    ``y_scale``: points per pixel); ``rules`` are in points; ``read_cell`` reads a crop into
    Lines in the crop's pixels. Returns (lines sorted top to bottom, lines added)."""
    boxes = [w.bbox for ln in lines for w in ln.words if w.bbox]
    cells = rules_to_cells(rules) + bands_to_gaps(rules, boxes)
    if not cells:
        return list(lines), 0
    centres = [((b.x0 + b.x1) / 2, (b.top + b.bottom) / 2) for b in boxes]
    dark = np.asarray(img.convert("L")) < DARK
    pixel_pt2 = x_scale * y_scale
    added: list[Line] = []
    for cell in cells:
        if any(cell.x0 <= x <= cell.x1 and cell.top <= y <= cell.bottom for x, y in centres):
            continue
        px = (
            int((cell.x0 + CELL_MARGIN_PT) / x_scale),
            int((cell.top + CELL_MARGIN_PT) / y_scale),
            int((cell.x1 - CELL_MARGIN_PT) / x_scale),
            int((cell.bottom - CELL_MARGIN_PT) / y_scale),
        )
        if px[2] <= px[0] or px[3] <= px[1] or dark[px[1] : px[3], px[0] : px[2]].sum() * pixel_pt2 < MIN_CELL_INK_PT2:
            continue
        crop, left, top = crop_to_enlarged(img, px, x_scale, y_scale)
        for line in read_cell(crop):
            words = crop_words_to_page(line, left, top, x_scale / UPSCALE, y_scale / UPSCALE, CELL_MIN_CONFIDENCE)
            if words:
                added.append(Line.from_words(words))
    if not added:
        return list(lines), 0
    log.debug("%d line(s) read in grid cells the page read left empty", len(added))
    out = [*lines, *added]
    out.sort(key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox else (0.0, 0.0))
    return out, len(added)
