"""Runs of words tesseract read unsure -> read again as sparse text, on their own crop.

Tesseract's page segmentation (``--psm 3``) takes a line of short labels stacked over two
text lines — a table head's 'Línea / base', 'Meta / anual', '1er / Trim.' — for one line of
text and reads its glyphs as a run of nonsense at low confidence: 'aloe/13 ba/1 po/16 HO/27
e/30 Pr/17 A/5' for five labels of a generated MIR head (dev scan 18), which then lost every
column but one. The ink is covered by those boxes, so the sparse-text fill (:mod:`.fill`) never
sees it as unread. Sparse text (``--psm 11``) on a crop around the run reads each label as a
word of its own ('Línea', 'base', 'Meta', 'anual', '1er', …, 'cumplimiento', 0.9 and more).

So: each run of RUN_MIN_WORDS or more neighbouring words under WEAK_WORD_CONFIDENCE, with the
height of a line above and below it, is read again; the run's words are replaced by the crop's
when the crop's read is surer, keeping only crop words that are not another line's word read
twice. One tesseract pass per run: a page read well has none.

A single weak word TALL_WORD_HEIGHTS times as tall as the page's words is the same failure in a
table body: the two lines of a cell ('EMSAD NUEVO / SALTILLEJO') read as one word ('rt'). It is
read again the same way, on a crop that reaches across to the words beside it on its line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image

from papeleo.model import BBox, Line, Word

from .fill import SAME_WORD_OVERLAP, box_to_max_overlap_share, crop_words_to_page, lines_to_median_word_height

log = logging.getLogger(__name__)

# A word read at or below this confidence is a guess: the garbled labels of a head read
# 0.00-0.40, the words of print tesseract segmented right 0.6 and more (0.96 for most). Higher
# would send damaged but right words ('U.deM.' 0.69) to a second read for nothing; lower would
# break runs where one garbled word reads 0.40 ('Se/0 do/40 Ea/5' for '% de cumplimiento').
WEAK_WORD_CONFIDENCE = 0.45
# This many weak words in a row make a run worth a second read: one weak word is a speck, a
# stray mark or a '¿' tesseract saw in a rule's debris, and reading each again costs a pass.
RUN_MIN_WORDS = 3
# ... or one weak word this many times as tall as the page's median word: two lines of a cell
# read as one word ('rt' at 0.40, 13 pt tall on a page of 5 pt words, for 'EMSAD NUEVO /
# SALTILLEJO', dev MIR scan 565). A speck or a stray mark is not that tall; a taller threshold
# would miss a cell of two small-type lines (2.4-2.9 there), a lower one would reread words a
# large title set among body text makes weak.
TALL_WORD_HEIGHTS = 2.0
# A tall run's crop reaches this many median word heights above and below it (its own box
# already holds both lines; a line's height would reach the next row's cell) and sideways to
# the words beside it on its line: its box may cover only part of the cell ('a' for a name
# printed across 50 pt).
TALL_CROP_GROW_HEIGHTS = 0.5
# ... and its second read replaces it only when the sure words it gives span this share of the
# tall word's width: 'de' alone for 'psa]', the garbled 'Unidad de / medida' of a head (dev MIR
# scan 571), read the cell worse, and the head lost its column. Higher would keep a garbled
# word whose cell's second line is shorter than its first; lower takes partial reads.
TALL_MIN_COVER = 0.5
# The crop reaches this many of the run's line heights above and below it: stacked labels sit
# half a line to a line over and under the line tesseract made of them.
CROP_LINE_HEIGHTS = 1.0
# ... and this many points to the left and right (the next glyph of a label cut by the box).
CROP_SIDE_PT = 4.0
# A crop word is kept at this confidence or more (the second read of the head above: 0.85-0.96;
# its own debris, the edge of a neighbouring cell's glyph: under 0.5).
REREAD_MIN_CONFIDENCE = 0.6

ReadCrop = Callable[[Image.Image], list[Line]]


def is_tall(word: Word, median_height: float | None) -> bool:
    return bool(median_height) and word.bbox is not None and word.bbox.height >= TALL_WORD_HEIGHTS * median_height


def lines_to_weak_runs(lines: Sequence[Line], median_height: float | None = None) -> list[tuple[int, int, int]]:
    """(line index, first word, end word) of every run of consecutive words below
    WEAK_WORD_CONFIDENCE, in reading order within each line, that is RUN_MIN_WORDS long or
    holds a word TALL_WORD_HEIGHTS tall (``median_height``: the page's median word height, in
    points; computed from ``lines`` when not given)."""
    if median_height is None:
        median_height = lines_to_median_word_height(lines)
    runs: list[tuple[int, int, int]] = []
    for i, line in enumerate(lines):
        start = None
        for j, w in enumerate([*line.words, None]):
            weak = w is not None and w.bbox is not None and w.confidence < WEAK_WORD_CONFIDENCE
            if weak and start is None:
                start = j
            elif not weak and start is not None:
                if j - start >= RUN_MIN_WORDS or any(is_tall(x, median_height) for x in line.words[start:j]):
                    runs.append((i, start, j))
                start = None
    return runs


def run_to_crop_box(words: Sequence[Word], page_width: float, page_height: float) -> BBox:
    """The run's words' box grown by CROP_LINE_HEIGHTS lines up and down and CROP_SIDE_PT to
    the sides, inside the page (points)."""
    boxes = [w.bbox for w in words if w.bbox is not None]
    x0, top = min(b.x0 for b in boxes), min(b.top for b in boxes)
    x1, bottom = max(b.x1 for b in boxes), max(b.bottom for b in boxes)
    grow = CROP_LINE_HEIGHTS * float(np.median([b.height for b in boxes]))
    return BBox(
        max(0.0, x0 - CROP_SIDE_PT),
        max(0.0, top - grow),
        min(page_width, x1 + CROP_SIDE_PT),
        min(page_height, bottom + grow),
    )


def tall_run_to_crop_box(
    line: Line, start: int, end: int, median_height: float, page_width: float, page_height: float
) -> BBox:
    """A tall run's crop (points): its box, TALL_CROP_GROW_HEIGHTS median words up and down,
    and across to the words beside it on its line (CROP_SIDE_PT where there is none), inside
    the page."""
    run = BBox.union(w.bbox for w in line.words[start:end])
    assert run is not None  # a run is made of words with boxes (lines_to_weak_runs)
    before = [w.bbox.x1 for w in line.words[:start] if w.bbox is not None]
    after = [w.bbox.x0 for w in line.words[end:] if w.bbox is not None]
    # a neighbour's box may reach into the run's (tesseract's boxes of one line overlap): then
    # the run's own edge, as for a run with no neighbour on that side
    left = max(before, default=-1.0) + 1.0
    right = min(after, default=page_width + 2.0) - 1.0
    grow = TALL_CROP_GROW_HEIGHTS * median_height
    return BBox(
        left if 0.0 <= left <= run.x0 else max(0.0, run.x0 - CROP_SIDE_PT),
        max(0.0, run.top - grow),
        right if run.x1 <= right <= page_width else min(page_width, run.x1 + CROP_SIDE_PT),
        min(page_height, run.bottom + grow),
    )


def lines_to_reread_lines(
    lines: Sequence[Line], img: Image.Image, x_scale: float, y_scale: float, read_crop: ReadCrop
) -> tuple[list[Line], int]:
    """``lines`` with each weak run replaced by what its second read is sure of, if anything.
    ``img`` is the page image the lines were read from (``x_scale``/``y_scale``: points per
    pixel); ``read_crop`` reads a crop into Lines in the crop's own pixels. Returns (lines
    sorted top to bottom, number of runs replaced)."""
    median_height = lines_to_median_word_height(lines)
    runs = lines_to_weak_runs(lines, median_height)
    if not runs:
        return list(lines), 0
    width, height = img.width * x_scale, img.height * y_scale
    removed: set[tuple[int, int]] = set()
    added: list[Line] = []
    for i, start, end in runs:
        run = list(lines[i].words[start:end])
        tall = end - start < RUN_MIN_WORDS  # shorter runs are found for a tall word: two lines of one cell
        if tall:
            assert median_height  # a tall word was measured against it
            box = tall_run_to_crop_box(lines[i], start, end, median_height, width, height)
        else:
            box = run_to_crop_box(run, width, height)
        if box.x1 - box.x0 < 1.0 or box.bottom - box.top < 1.0:
            continue  # a run with no area on the page (a word box tesseract gave none): nothing to crop
        crop = img.crop(
            (int(box.x0 / x_scale), int(box.top / y_scale), int(box.x1 / x_scale), int(box.bottom / y_scale))
        )
        others = np.array(
            [
                (w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom)
                for k, line in enumerate(lines)
                for j, w in enumerate(line.words)
                if w.bbox is not None and (k, j) not in removed and not (k == i and start <= j < end)
            ]
            + [
                (w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom)
                for ln in added
                for w in ln.words
                if w.bbox is not None
            ],
            dtype=float,
        ).reshape(-1, 4)
        new_lines = [ln for line in read_crop(crop) if (ln := _crop_line_to_page(line, box, x_scale, y_scale, others))]
        if not new_lines:
            continue  # nothing the second read is sure of: the run stays as it was read
        if tall and words_to_cover(run, new_lines) < TALL_MIN_COVER:
            continue  # it read part of the cell only: the first read's box still marks the rest
        log.debug(
            "re-read %r as %r", " ".join(w.text for w in run), " ".join(w.text for ln in new_lines for w in ln.words)
        )
        removed.update((i, j) for j in range(start, end))
        added.extend(new_lines)
    out = [[w for j, w in enumerate(line.words) if (k, j) not in removed] for k, line in enumerate(lines)]
    replaced = len({i for i, _ in removed})
    result = [Line.from_words(ws) for ws in out if ws] + added
    result.sort(key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox else (0.0, 0.0))
    return result, replaced


def words_to_cover(run: Sequence[Word], lines: Sequence[Line]) -> float:
    """The share of the run's width (its words' span) that the lines' words cover."""
    span = BBox.union(w.bbox for w in run)
    assert span is not None  # a run is made of words with boxes (lines_to_weak_runs)
    x0, x1 = span.x0, span.x1
    spans = sorted((max(x0, w.bbox.x0), min(x1, w.bbox.x1)) for ln in lines for w in ln.words if w.bbox is not None)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered / (x1 - x0) if x1 > x0 else 1.0


def _crop_line_to_page(line: Line, box: BBox, x_scale: float, y_scale: float, others: np.ndarray) -> Line | None:
    """A line read on the crop (pixels) in page points, without its unsure words and those
    that are another line's word read again; None when nothing is left."""
    kept = [
        w
        for w in crop_words_to_page(line, box.x0, box.top, x_scale, y_scale, REREAD_MIN_CONFIDENCE)
        if box_to_max_overlap_share((w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom), others) <= SAME_WORD_OVERLAP
    ]
    return Line.from_words(kept) if kept else None
