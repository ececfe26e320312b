"""Print standing alone that the page read dropped -> read again, each piece on its own crop.

Tesseract's page segmentation (``--psm 3``) drops short text standing alone in an unruled
table: a generated MIR scan printed ``2  2  0  1  0  1  0  -  -  -  N/A`` across a row and the
page read returned the two 2s only (dev MIR scan 3, page 1; the digits are sharp on the image).
Where the table is ruled, :mod:`.cells` reads each empty cell; where it is not, the reader has
no cells to look in. The ink says where: the print no word of the read explains, cut into
pieces by the blank space around it (rows of ink, then runs along each row), each piece the
size of a glyph or a short word, with blank space around it, is what was dropped. Each piece
is read on its own crop, enlarged and padded as a grid cell is (:mod:`.cells`), and its words
that carry a digit join the line they stand on (the row's other numbers), or make one.

This is not the sparse second read of :mod:`.fill`: that one reads the whole page again when a
block is lost (a tenth of the ink and more), at the cost of a page pass; the pieces here are a
few glyphs each, far under its threshold, and a page read whole has none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image

from papeleo.model import BBox, Line, Word

from .cells import UPSCALE, crop_to_enlarged
from .fill import HAS_DIGIT, crop_words_to_page, image_to_ink, ink_to_unexplained, lines_to_median_word_height

log = logging.getLogger(__name__)

# Blank rows (or columns) of at most this many of the page's median word heights inside a piece
# of ink do not cut it: the gap between two glyphs of one number is a tenth of a height, the
# gutter between two cells of a table row is two heights and more. Wider would join neighbouring
# cells into one crop (read as one word, '01', and placed in one column); narrower would cut
# '1 000' or 'N/A' apart.
MAX_GAP_IN_PIECE = 0.6
# A piece is print when it is this tall, in median word heights: a '0' or '-' of a table cell is
# 0.5-1.0 (a dash 0.15-0.3 is not kept: it carries no digit), a speck of dust or toner is under
# 0.3. Lower would read specks; higher would miss a lone digit set smaller than the text.
MIN_PIECE_HEIGHT = 0.45
# ... and at most this tall: a taller piece is a stamp, a signature or a logo, which the page
# read left out on purpose, not a glyph.
MAX_PIECE_HEIGHT = 1.8
# ... and at most this wide, in median word heights: a lone cell's number ('383,298', 'N/A') is
# 1-6; a wider piece is a run of text or a rule's remnant, which this read is not for.
MAX_PIECE_WIDTH = 12.0
# ... and holds at least this much ink (square points), as cells.MIN_CELL_INK_PT2: a '1' at 8 pt
# is about 4, a speck 1 or less.
MIN_PIECE_INK_PT2 = 2.5
# At most this many pieces are read on one page, the largest first: a page strewn with dirt
# (a noisy or JPEG-damaged scan) has hundreds of pieces of glyph size, and each costs a
# tesseract pass (~0.1 s). A table page with lone print loses 10-40 cells; more are read only
# on the next run of a bigger limit.
MAX_PIECES_PER_PAGE = 60
# The crop reaches this many median word heights past the piece's ink on every side: the ink's
# own box cuts the anti-aliased edge of its glyphs; much more would take in a neighbour's.
PIECE_CROP_MARGIN = 0.25
# A word read on a piece is kept at this confidence or more, as cells.CELL_MIN_CONFIDENCE.
PIECE_MIN_CONFIDENCE = 0.6
# A piece this close to a word of the read (median word heights, sideways, on the same band)
# does not stand alone: it is a mark on that word — a footnote's superscript '2' beside
# 'oncológicos.', an accent or a cedilla outside the word's box — which tesseract did not drop
# for standing alone. Read as words of their own, the superscripts of generated supervision
# reports became numbered items ('2' as an objective, dev informes scan 1). A lone cell stands
# a gutter away (two heights and more). Wider would skip a table's lone cells set close; narrower
# would read superscripts.
MIN_ALONE_GAP = MAX_GAP_IN_PIECE
# A word read on a piece joins the line of the read it stands on (the most of its height shared)
# when it is at most this many median word heights from the line's end: the row's other numbers
# ('2  2' then the lone '0 1 0 1', a column pitch of 4-5 heights apart in generated MIR tables)
# or a list item's text after its lost '3.'. Further, or with no line on its band, it is a line
# of its own. Wider would join a lone number to a text cell's line across the table; narrower
# would cut a row's numbers into lines at every cell the first read kept nothing of.
MAX_JOIN_GAP = 6.0

ReadPiece = Callable[[Image.Image], list[Line]]
PixelBox = tuple[int, int, int, int]  # x0, y0, x1, y1 (pixels, end exclusive)


def _runs(profile: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """(start, end) of the stretches where ``profile`` is non-zero, stretches closer than
    ``max_gap`` joined."""
    idx = np.flatnonzero(profile)
    if not len(idx):
        return []
    cuts = np.flatnonzero(np.diff(idx) > max_gap + 1)
    starts = np.concatenate(([idx[0]], idx[cuts + 1]))
    ends = np.concatenate((idx[cuts], [idx[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist()))


def mask_to_pieces(mask: np.ndarray, max_gap_px: int) -> list[PixelBox]:
    """The boxes of the pieces of ``mask``: cut into rows of ink at blank stretches wider than
    ``max_gap_px``, each row into runs the same way, each run's rows measured again (a run is
    usually shorter than the row it was cut from)."""
    pieces: list[PixelBox] = []
    for y0, y1 in _runs(mask.any(axis=1), max_gap_px):
        band = mask[y0:y1]
        for x0, x1 in _runs(band.any(axis=0), max_gap_px):
            rows = np.flatnonzero(band[:, x0:x1].any(axis=1))
            pieces.append((x0, y0 + int(rows[0]), x1, y0 + int(rows[-1]) + 1))
    return pieces


def _side_gap(box: BBox, other: BBox) -> float | None:
    """The horizontal gap (points, 0 when they overlap) between two boxes that share at least
    half the smaller one's height; None when they do not share it."""
    shared = min(box.bottom, other.bottom) - max(box.top, other.top)
    if shared < 0.5 * min(box.height, other.height):
        return None
    return max(0.0, other.x0 - box.x1, box.x0 - other.x1)


def _stands_alone(box: BBox, words: Sequence[BBox], gap: float) -> bool:
    return all(g is None or g > gap for g in (_side_gap(box, w) for w in words))


def words_to_joined_lines(lines: Sequence[Line], words: Sequence[Word], max_gap: float) -> tuple[list[Line], int]:
    """``lines`` with each of ``words`` put in the line it stands on (sharing the most of its
    height) when within ``max_gap`` points of it, else in a line of its own; words joined to a
    line are placed among its words left to right. Returns (lines sorted top to bottom, lines
    added)."""
    out = [list(ln.words) for ln in lines]
    boxes = [ln.bbox for ln in lines]
    own: list[list[Word]] = []
    changed: set[int] = set()
    for word in sorted(words, key=lambda w: w.bbox.x0 if w.bbox else 0.0):
        if word.bbox is None:
            continue
        best, best_gap = None, max_gap
        for i, box in enumerate(boxes):
            gap = _side_gap(word.bbox, box) if box is not None else None
            if gap is not None and gap <= best_gap:
                best, best_gap = i, gap
        if best is None:
            own.append([word])
            continue
        out[best] = sorted([*out[best], word], key=lambda w: w.bbox.x0 if w.bbox else 0.0)
        changed.add(best)
        boxes[best] = BBox.union(w.bbox for w in out[best] if w.bbox is not None)
    result = [Line.from_words(out[i]) if i in changed else ln for i, ln in enumerate(lines)]
    result += [Line.from_words(ws) for ws in own]
    result.sort(key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox else (0.0, 0.0))
    return result, len(own)


def lines_to_lone_read_lines(
    lines: Sequence[Line], img: Image.Image, x_scale: float, y_scale: float, read_piece: ReadPiece
) -> tuple[list[Line], int]:
    """``lines`` plus the numbers read on the pieces of ink no word of them explains and that
    stand alone (MIN_ALONE_GAP), each joined to the line it stands on (MAX_JOIN_GAP). ``img`` is
    the page image they were read from, rules erased (``x_scale``/``y_scale``: points per
    pixel); ``read_piece`` reads a crop into Lines in the crop's pixels. Returns (lines sorted
    top to bottom, words added)."""
    height_pt = lines_to_median_word_height(lines)
    if not height_pt:
        return list(lines), 0
    h = height_pt / y_scale  # in pixels
    ink = image_to_ink(img)
    left = ink_to_unexplained(ink, lines, x_scale, y_scale)
    pixel_pt2 = x_scale * y_scale
    word_boxes = [w.bbox for ln in lines for w in ln.words if w.bbox is not None]
    pieces = []
    for x0, y0, x1, y1 in mask_to_pieces(left, max(1, round(MAX_GAP_IN_PIECE * h))):
        if not (MIN_PIECE_HEIGHT * h <= y1 - y0 <= MAX_PIECE_HEIGHT * h) or x1 - x0 > MAX_PIECE_WIDTH * h:
            continue
        amount = int(left[y0:y1, x0:x1].sum())
        box = BBox(x0 * x_scale, y0 * y_scale, x1 * x_scale, y1 * y_scale)
        if amount * pixel_pt2 >= MIN_PIECE_INK_PT2 and _stands_alone(box, word_boxes, MIN_ALONE_GAP * h * x_scale):
            pieces.append((amount, (x0, y0, x1, y1)))
    pieces.sort(key=lambda p: -p[0])
    found: list[Word] = []
    margin = max(1, round(PIECE_CROP_MARGIN * h))
    for _, (x0, y0, x1, y1) in pieces[:MAX_PIECES_PER_PAGE]:
        px = (max(0, x0 - margin), max(0, y0 - margin), min(img.width, x1 + margin), min(img.height, y1 + margin))
        crop, left_pt, top_pt = crop_to_enlarged(img, px, x_scale, y_scale)
        for line in read_piece(crop):
            found += [
                w
                for w in crop_words_to_page(
                    line, left_pt, top_pt, x_scale / UPSCALE, y_scale / UPSCALE, PIECE_MIN_CONFIDENCE
                )
                if HAS_DIGIT.search(w.text)
            ]
    if not found:
        return list(lines), 0
    log.debug("%d word(s) read on %d piece(s) of ink the page read left out", len(found), len(pieces))
    out, _ = words_to_joined_lines(lines, found, MAX_JOIN_GAP * h * y_scale)
    return out, len(found)
