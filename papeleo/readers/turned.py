"""A block of print turned a quarter (a table head's labels set vertically) -> read upright.

CONEVAL follow-up annexes print their narrow columns' labels turned 90° in the head band
('Núm. Consc.', 'Área Responsable', 'Fecha de Término' reading bottom to top). Tesseract
reads such a band upright as stacked lines of nonsense ('a Z o % ¿ 2', 'LU [-] Oo S m3 >', at
0.0-0.4), and the table lost every column (generated ASM scans 7509, 7511, 7516: 0 rows). A
text layer gives the same labels as words with tall, narrow boxes, one strip per printed line,
which the table readers already take.

So: a block of LINES_MIN or more stacked lines of junk, or a band where tesseract read some
labels turned and left others out, is cut out and read again turned a quarter each way; the
turn that reads surer words than the upright read by a clear margin (or as sure, with more of
them) replaces the block, its words' boxes turned back onto the page, a line per printed line,
as tesseract gives turned print it reads itself. A page with no such block costs nothing; one
with a photo or a signature costs two passes and keeps its read (a turned scribble is no surer).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import regex
from PIL import Image

from papeleo.model import BBox, Line, Word

from .layout import vertical_overlap
from .reread import WEAK_WORD_CONFIDENCE

log = logging.getLogger(__name__)

# stacked lines of junk that make a turned block: a head of labels of two or three turned lines
# reads as four to ten upright lines; fewer is a garbled line or two, which reread.py takes
LINES_MIN = 3
# a line is junk when this share of its words is (a turned label's stroke read as a sure 'l' or
# '2' here and there leaves the rest junk); a line of print has few or none
JUNK_LINE_SHARE = 0.6
# ... junk lines this close (points) one under the next, overlapping across, are one block
LINE_GAP_PT = 4.0
# a block narrower than this (points) is a speck's column, not a label's strips
MIN_BLOCK_WIDTH_PT = 20.0
# a word: letters (two or more, accents and inner hyphens or periods allowed: 'Núm.', 'y/o');
# a number: digits with separators, a percent or a currency sign ('2,385', '95.2%', '$1,200')
WORD = regex.compile(r"^\p{L}[\p{L}'’./-]*\p{L}\.?$")
# (a digit alone is no number here: a turned label's stroke reads '3' or '2' as often as not)
NUMBER = regex.compile(r"^[$]?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?%?$(?<=..)|^\d{2,}$")
# the turned read replaces the upright one when its words' mean confidence reaches this (labels
# read turned: 0.8-0.95) and beats the upright read's by TURN_MARGIN
TURNED_MIN_CONFIDENCE = 0.65
TURN_MARGIN = 0.25
# ... and it holds this many words of three letters or more (a turned photo yields specks)
MIN_TURNED_WORDS = 3
# a word read turned is this many times as tall as wide (a label's letters 5-8 pt wide, a word
# of three letters 12 pt tall and more); upright words are wider than tall
TALL_NARROW = 2.5
# turned lines of one head band overlap in height by this share of the shorter (labels of two
# and three strips start at the band's foot and end at different heights)
HEIGHT_SHARE = 0.5
# a turned word is kept at this confidence or more: the crop's edges (a row's number turned, a
# rule's stub) read as specks under it
KEEP_CONFIDENCE = 0.2
# points of margin around the block (a label's first glyph at the band's edge)
CROP_MARGIN_PT = 3.0

ReadCrop = Callable[[Image.Image], list[Line]]


def _junk(word: Word) -> bool:
    """A word that is no word: read unsure, or neither a word of two letters or more nor a
    number ('£', '¿', 'B38', 'vLo—JG'): what a turned label's strokes read upright give."""
    if word.confidence < WEAK_WORD_CONFIDENCE:
        return True
    text = word.text.strip(".,;:()[]")
    return not (WORD.match(text) or NUMBER.match(text))


def _junk_line(line: Line) -> bool:
    words = [w for w in line.words if w.bbox is not None]
    return bool(words) and sum(_junk(w) for w in words) >= JUNK_LINE_SHARE * len(words)


def lines_to_weak_blocks(lines: Sequence[Line], page_width: float) -> list[list[int]]:
    """Indices of the lines of each block of stacked lines of junk: lines one under the next
    (LINE_GAP_PT) whose spans overlap across, joined as far as they reach, LINES_MIN or more."""
    junk = [i for i, ln in enumerate(lines) if ln.bbox is not None and _junk_line(ln)]
    blocks: list[tuple[list[int], BBox]] = [([i], lines[i].bbox) for i in junk]
    merged = True
    while merged:  # join blocks that touch until none do: a strip's lines arrive in any order
        merged = False
        for a in range(len(blocks)):
            for b in range(a + 1, len(blocks)):
                if _touch(blocks[a][1], blocks[b][1]):
                    members = blocks[a][0] + blocks[b][0]
                    span = BBox.union([blocks[a][1], blocks[b][1]])
                    assert span is not None
                    blocks[a] = (members, span)
                    del blocks[b]
                    merged = True
                    break
            if merged:
                break
    return [
        sorted(m, key=lambda i: lines[i].bbox.top)
        for m, span in blocks
        if len(m) >= LINES_MIN and span.width >= MIN_BLOCK_WIDTH_PT
    ]


def _turned_words(line: Line) -> bool:
    """A line whose words tesseract read turned: tall, narrow boxes ('Área Responsable' in a
    strip 8 pt wide and 56 tall)."""
    words = [w for w in line.words if w.bbox is not None and len(w.text) >= 3]
    return bool(words) and all(w.bbox.height >= TALL_NARROW * w.bbox.width for w in words)


def lines_to_turned_bands(lines: Sequence[Line]) -> list[list[int]]:
    """Indices of the lines of each band where tesseract read some labels turned (and left
    others out: 'Área Coordinadora' and 'Área Responsable' missing, generated ASM scan 7526):
    LINES_MIN turned lines or more sharing the band's height, with every line inside it."""
    turned = [i for i, ln in enumerate(lines) if ln.bbox is not None and _turned_words(ln)]
    out = []
    seen: set[int] = set()
    for i in turned:
        if i in seen:
            continue
        box = lines[i].bbox
        group = [j for j in turned if _share_height(box, lines[j].bbox)]
        if len(group) < LINES_MIN:
            continue
        span = BBox.union(lines[j].bbox for j in group)
        inside = [k for k, ln in enumerate(lines) if ln.bbox is not None and _inside(ln.bbox, span)]
        seen.update(inside)
        out.append(sorted(set(inside) | set(group)))
    return out


def _share_height(a: BBox, b: BBox) -> bool:
    return vertical_overlap(a.top, a.bottom, b.top, b.bottom) >= HEIGHT_SHARE * min(a.height, b.height)


def _inside(box: BBox, span: BBox) -> bool:
    return (
        box.x0 >= span.x0 - LINE_GAP_PT
        and box.x1 <= span.x1 + LINE_GAP_PT
        and box.top >= span.top - LINE_GAP_PT
        and box.bottom <= span.bottom + LINE_GAP_PT
    )


def _touch(a: BBox, b: BBox) -> bool:
    """Two spans one under the other (within LINE_GAP_PT) that overlap across."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top <= b.bottom + LINE_GAP_PT and b.top <= a.bottom + LINE_GAP_PT


def turned_box_to_page(box: BBox, angle: int, width: float, height: float) -> BBox:
    """A box on the crop turned ``angle`` degrees counter-clockwise (PIL's ``rotate`` with
    ``expand``) -> the same box on the unturned crop of ``width`` x ``height``."""
    if angle == 90:  # (x, y) -> (y, W - x)
        return BBox(width - box.bottom, box.x0, width - box.top, box.x1)
    if angle == 270:  # (x, y) -> (H - y, x)
        return BBox(box.top, height - box.x1, box.bottom, height - box.x0)
    raise ValueError(f"a quarter turn is 90 or 270 degrees, not {angle}")


def _score(lines: Sequence[Line]) -> tuple[float, int]:
    """Mean confidence of a read's words of three letters or more, and how many there are."""
    words = [w for ln in lines for w in ln.words if sum(c.isalpha() for c in w.text) >= 3]
    if not words:
        return 0.0, 0
    return sum(w.confidence for w in words) / len(words), len(words)


def _turned_lines(
    read: Sequence[Line], angle: int, origin: tuple[float, float], w_px: int, h_px: int, x_scale: float, y_scale: float
) -> list[Line]:
    """The turned read's words on the page, as tesseract gives turned print it reads itself: a
    line per printed line (a strip), left to right, its words in reading order."""
    strips = []
    for ln in read:
        words = []
        for w in ln.words:
            if w.bbox is None or not w.text.strip() or w.confidence < KEEP_CONFIDENCE:
                continue
            b = turned_box_to_page(w.bbox, angle, w_px, h_px)
            box = BBox(
                origin[0] + b.x0 * x_scale,
                origin[1] + b.top * y_scale,
                origin[0] + b.x1 * x_scale,
                origin[1] + b.bottom * y_scale,
            )
            words.append(Word(w.text, box, w.confidence))
        if words:
            strips.append(words)
    strips.sort(key=lambda ws: min(w.bbox.x0 for w in ws))
    return [Line.from_words(ws) for ws in strips]


def _turned_read(
    block: list[int], lines: Sequence[Line], img: Image.Image, x_scale: float, y_scale: float, read_crop: ReadCrop
) -> list[Line] | None:
    """The block's print read turned, on the page; None when no turn reads it surer."""
    page_w, page_h = img.width * x_scale, img.height * y_scale
    span = BBox.union(lines[i].bbox for i in block)
    assert span is not None  # blocks are made of lines with boxes
    crop = BBox(
        max(0.0, span.x0 - CROP_MARGIN_PT),
        max(0.0, span.top - CROP_MARGIN_PT),
        min(page_w, span.x1 + CROP_MARGIN_PT),
        min(page_h, span.bottom + CROP_MARGIN_PT),
    )
    px = (int(crop.x0 / x_scale), int(crop.top / y_scale), int(crop.x1 / x_scale), int(crop.bottom / y_scale))
    piece = img.crop(px)
    upright, _ = _score([lines[i] for i in block])
    sure = sum(1 for i in block for w in lines[i].words if w.confidence >= TURNED_MIN_CONFIDENCE and len(w.text) >= 3)
    best: tuple[float, int, int, list[Line]] | None = None
    for angle in (90, 270):
        read = read_crop(piece.rotate(angle, expand=True))
        conf, n = _score(read)
        if n >= MIN_TURNED_WORDS and (best is None or conf > best[0]):
            best = (conf, n, angle, read)
    # surer than the upright read, or as sure with more words (labels tesseract left out)
    if best is None or best[0] < TURNED_MIN_CONFIDENCE or (best[0] < upright + TURN_MARGIN and best[1] <= sure):
        return None
    conf, n, angle, read = best
    log.debug("a block of %d unsure lines read turned %d° (%d words at %.2f)", len(block), angle, n, conf)
    strips = _turned_lines(read, angle, (px[0] * x_scale, px[1] * y_scale), piece.width, piece.height, x_scale, y_scale)
    return strips or None


def lines_to_turned_read_lines(
    lines: Sequence[Line], img: Image.Image, x_scale: float, y_scale: float, read_crop: ReadCrop
) -> tuple[list[Line], int]:
    """``lines`` with each block of print turned a quarter replaced by its upright read. ``img``
    is the page image (``x_scale``/``y_scale``: points per pixel); ``read_crop`` reads a crop into
    Lines in the crop's pixels. Returns (lines, blocks replaced)."""
    drop: set[int] = set()
    added: list[Line] = []
    replaced = 0
    for block in lines_to_weak_blocks(lines, img.width * x_scale) + lines_to_turned_bands(lines):
        if drop.intersection(block):
            continue  # a band whose junk a block already read
        strips = _turned_read(block, lines, img, x_scale, y_scale, read_crop)
        if strips is None:
            continue
        span = BBox.union(ln.bbox for ln in strips)
        assert span is not None
        # the block's lines down to the turned print's foot: a row's number under the head, read
        # as a lone digit and so joined to the block, stays (generated ASM scan 77 lost them all)
        drop.update(i for i in block if lines[i].bbox.y_center <= span.bottom)
        added.extend(strips)
        replaced += 1
    if not replaced:
        return list(lines), 0
    kept = [ln for i, ln in enumerate(lines) if i not in drop] + added
    kept.sort(key=lambda ln: ln.bbox.top if ln.bbox is not None else 0.0)
    return kept, replaced
