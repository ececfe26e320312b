"""A second tesseract read for the ink the first read left unexplained.

Tesseract's automatic page segmentation (``--psm 3``) sometimes takes a whole block of a table
— shaded subtotal rows, a dense column of numbers, a header band — for a picture and returns
no words for it, with no sign that anything was skipped. Measured on generated MIR scans
(seeds 6000-6011, page 1, rulings erased, bag-of-words recall of the text layer's tokens):
three pages out of twelve kept only 41-50% of their numbers, while sparse-text segmentation
(``--psm 11``) read 74-90% of them on the same image; on the other pages psm 11 read fewer
numbers than psm 3 and in a worse order, so it is no replacement.

So the first read stays, and the page is measured: the share of its dark pixels that lie
outside every word box the first read returned. On pages read whole that share is 0-1%
(specks, stamps, rules too short to erase); on the three pages with a lost block it was 13-21%.
Above UNEXPLAINED_INK_FOR_SECOND_READ the page is read again with psm 11, and the words of that
read that overlap no word of the first and carry a digit are added, in lines of their own. Measured on those
twelve pages: numbers recalled 0.765 -> 0.846 on average, 0.407 -> 0.904 on the worst page,
and no page lost any.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex
from PIL import Image

from papeleo.model import BBox, Line, Word

from .ink import DARK

# Share of the page's ink outside every word of the first read above which a second read is
# worth its cost (one more tesseract pass, +60-100% of the page's OCR time). Pages read whole
# measured 0.000-0.011, pages with a lost block 0.135-0.205, one with a lost row 0.035-0.044:
# 0.03 reads those again too; higher would save time on noisy scans (dust, a lid shadow) at the
# cost of lost rows staying lost.
UNEXPLAINED_INK_FOR_SECOND_READ = 0.03
# A word box grown by this many points on every side still "explains" the ink around it:
# tesseract's boxes are tight, and a glyph's anti-aliased edge lies just outside them.
WORD_BOX_MARGIN_PT = 0.75
# A second-read word whose box overlaps a first-read word by more than this share of the
# smaller box is the same word read twice: the first read's (in its line) is kept.
SAME_WORD_OVERLAP = 0.3
# A second-read word is added only at this confidence or more and with a letter or digit in it:
# where psm 3 saw a picture, psm 11 also reads logos, rules and shading as '|', '—', '=—', 'al'
# (confidence 0.2-0.5 on a real cover and the sample ASM scan), while the numbers and head
# words of a lost block read at 0.7-0.96. Lower lets that debris in as lines of its own (it
# broke a cover's title); higher would drop damaged numbers OCR is unsure of.
SECOND_READ_MIN_CONFIDENCE = 0.6
# ... and only words with a digit in them. Words of text from the second read were tried: on a
# real cover they added the logo's lettering ('AUDITORÍA SUPERIOR DEL ESTADO DE HIDAL'), which
# then won the title and the issuer over the printed ones; on the sample ASM scan they added a
# table head psm 3 had lost, in three lines of its own and without its 'No.' label, and the
# table reader lost two rows it read right under the previous head. Numbers are what a lost
# block of a table mostly holds, and a row reader places a number by its box, not its line.
HAS_DIGIT = regex.compile(r"\p{N}")


def image_to_ink(img: Image.Image) -> np.ndarray:
    """Boolean mask of the image's dark pixels (the same grey level the rule finder uses)."""
    return np.asarray(img.convert("L")) < DARK


def ink_to_unexplained(ink: np.ndarray, lines: Sequence[Line], x_scale: float, y_scale: float) -> np.ndarray:
    """The dark pixels of ``ink`` outside every word box of ``lines`` (boxes in points, grown by
    WORD_BOX_MARGIN_PT; ``x_scale``/``y_scale`` are points per pixel), as a new mask."""
    left = ink.copy()
    h, w = left.shape
    for line in lines:
        for word in line.words:
            if word.bbox is None:
                continue
            b = word.bbox
            x0 = max(0, int((b.x0 - WORD_BOX_MARGIN_PT) / x_scale))
            x1 = min(w, int((b.x1 + WORD_BOX_MARGIN_PT) / x_scale) + 1)
            y0 = max(0, int((b.top - WORD_BOX_MARGIN_PT) / y_scale))
            y1 = min(h, int((b.bottom + WORD_BOX_MARGIN_PT) / y_scale) + 1)
            left[y0:y1, x0:x1] = False
    return left


def ink_to_unexplained_share(ink: np.ndarray, lines: Sequence[Line], x_scale: float, y_scale: float) -> float:
    """Share of the dark pixels outside every word box of ``lines`` (boxes in points;
    ``x_scale``/``y_scale`` are points per pixel). 0.0 on a page without ink."""
    total = int(ink.sum())
    if not total:
        return 0.0
    return float(ink_to_unexplained(ink, lines, x_scale, y_scale).sum()) / total


Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points)


def lines_to_median_word_height(lines: Sequence[Line]) -> float | None:
    """The median height of the lines' words, in points; None for a page with no word box.
    The unit the second reads measure a page's print in (reread's tall words, lone's pieces)."""
    heights = [w.bbox.height for ln in lines for w in ln.words if w.bbox is not None and w.bbox.height > 0]
    return float(np.median(heights)) if heights else None


def crop_words_to_page(
    line: Line, left: float, top: float, x_scale: float, y_scale: float, min_confidence: float
) -> list[Word]:
    """The words of a line read on a crop, in page points: a crop pixel (x, y) is the point
    (left + x * x_scale, top + y * y_scale). Words without a box or under ``min_confidence`` are
    left out. The second reads of reread.py and cells.py place their words with it."""
    return [
        Word(
            w.text,
            BBox(
                left + w.bbox.x0 * x_scale,
                top + w.bbox.top * y_scale,
                left + w.bbox.x1 * x_scale,
                top + w.bbox.bottom * y_scale,
            ),
            w.confidence,
        )
        for w in line.words
        if w.bbox is not None and w.confidence >= min_confidence
    ]


def box_to_max_overlap_share(box: Box, others: np.ndarray) -> float:
    """The largest overlap of ``box`` with any row of ``others`` (n x 4, same layout), as a
    share of the smaller of the two boxes."""
    if not len(others):
        return 0.0
    x0, top, x1, bottom = box
    ix = np.minimum(x1, others[:, 2]) - np.maximum(x0, others[:, 0])
    iy = np.minimum(bottom, others[:, 3]) - np.maximum(top, others[:, 1])
    inter = np.clip(ix, 0, None) * np.clip(iy, 0, None)
    areas = (others[:, 2] - others[:, 0]) * (others[:, 3] - others[:, 1])
    smaller = np.maximum(np.minimum(areas, (x1 - x0) * (bottom - top)), 1e-9)
    return float((inter / smaller).max())


def lines_to_filled_lines(first: Sequence[Line], second: Sequence[Line]) -> tuple[list[Line], int]:
    """The first read's lines plus, from the second read, the words that overlap none of the
    first's, are numbers and are not debris (SECOND_READ_MIN_CONFIDENCE, HAS_DIGIT); each
    second-read line keeps the words it has left. Returns (lines sorted top to
    bottom, number of words added)."""
    boxes = np.array(
        [(w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom) for ln in first for w in ln.words if w.bbox is not None],
        dtype=float,
    ).reshape(-1, 4)
    added: list[Line] = []
    count = 0
    for line in second:
        kept = [
            w
            for w in line.words
            if w.bbox is not None
            and w.confidence >= SECOND_READ_MIN_CONFIDENCE
            and HAS_DIGIT.search(w.text)
            and box_to_max_overlap_share((w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom), boxes) <= SAME_WORD_OVERLAP
        ]
        if kept:
            added.append(Line.from_words(kept))
            count += len(kept)
    lines = [*first, *added]
    lines.sort(key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox else (0.0, 0.0))
    return lines, count
