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
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image

from papeleo.model import BBox, Line, Word

from .fill import SAME_WORD_OVERLAP, box_to_max_overlap_share, crop_words_to_page

log = logging.getLogger(__name__)

# A word read at or below this confidence is a guess: the garbled labels of a head read
# 0.00-0.40, the words of print tesseract segmented right 0.6 and more (0.96 for most). Higher
# would send damaged but right words ('U.deM.' 0.69) to a second read for nothing; lower would
# break runs where one garbled word reads 0.40 ('Se/0 do/40 Ea/5' for '% de cumplimiento').
WEAK_WORD_CONFIDENCE = 0.45
# This many weak words in a row make a run worth a second read: one weak word is a speck, a
# stray mark or a '¿' tesseract saw in a rule's debris, and reading each again costs a pass.
RUN_MIN_WORDS = 3
# The crop reaches this many of the run's line heights above and below it: stacked labels sit
# half a line to a line over and under the line tesseract made of them.
CROP_LINE_HEIGHTS = 1.0
# ... and this many points to the left and right (the next glyph of a label cut by the box).
CROP_SIDE_PT = 4.0
# A crop word is kept at this confidence or more (the second read of the head above: 0.85-0.96;
# its own debris, the edge of a neighbouring cell's glyph: under 0.5).
REREAD_MIN_CONFIDENCE = 0.6

ReadCrop = Callable[[Image.Image], list[Line]]


def lines_to_weak_runs(lines: Sequence[Line]) -> list[tuple[int, int, int]]:
    """(line index, first word, end word) of every run of RUN_MIN_WORDS or more consecutive
    words below WEAK_WORD_CONFIDENCE, in reading order within each line."""
    runs: list[tuple[int, int, int]] = []
    for i, line in enumerate(lines):
        start = None
        for j, w in enumerate([*line.words, None]):
            weak = w is not None and w.bbox is not None and w.confidence < WEAK_WORD_CONFIDENCE
            if weak and start is None:
                start = j
            elif not weak and start is not None:
                if j - start >= RUN_MIN_WORDS:
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


def lines_to_reread_lines(
    lines: Sequence[Line], img: Image.Image, x_scale: float, y_scale: float, read_crop: ReadCrop
) -> tuple[list[Line], int]:
    """``lines`` with each weak run replaced by what its second read is sure of, if anything.
    ``img`` is the page image the lines were read from (``x_scale``/``y_scale``: points per
    pixel); ``read_crop`` reads a crop into Lines in the crop's own pixels. Returns (lines
    sorted top to bottom, number of runs replaced)."""
    runs = lines_to_weak_runs(lines)
    if not runs:
        return list(lines), 0
    width, height = img.width * x_scale, img.height * y_scale
    removed: set[tuple[int, int]] = set()
    added: list[Line] = []
    for i, start, end in runs:
        run = list(lines[i].words[start:end])
        box = run_to_crop_box(run, width, height)
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


def _crop_line_to_page(line: Line, box: BBox, x_scale: float, y_scale: float, others: np.ndarray) -> Line | None:
    """A line read on the crop (pixels) in page points, without its unsure words and those
    that are another line's word read again; None when nothing is left."""
    kept = [
        w
        for w in crop_words_to_page(line, box.x0, box.top, x_scale, y_scale, REREAD_MIN_CONFIDENCE)
        if box_to_max_overlap_share((w.bbox.x0, w.bbox.top, w.bbox.x1, w.bbox.bottom), others) <= SAME_WORD_OVERLAP
    ]
    return Line.from_words(kept) if kept else None
