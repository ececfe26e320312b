"""Words with boxes -> visual lines, phrases and cell text: the geometry every table reader
shares, whether its columns come from rulings, from gutters or from characters of text.

Thresholds are multiples of the typical word height, so the same code reads a text layer
(a 10 pt word is 10 pt tall), a scan (OCR boxes hug the glyphs: about 7 pt) and a
plain-text grid where a character is 1 unit wide and a line 1 unit tall.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from statistics import median

from papeleo.model import BBox, Page, Word
from papeleo.readers.layout import word_group_to_line, words_to_lines

from .model import Cell

# A word that is only what an erased ruling leaves behind when OCR still sees a speck of it:
# '|' before 'Meta', '¦', '||'.
_RULING_SPECK = re.compile(r"^[|¦]+$")
# An OCR word made only of rule-like or dust-like glyphs: '=', '—==', ']', ':', "'", '»'
# (the scanned MIR sample has 130 such words, many read at over 0.9 confidence from the
# remains of its header's double rulings). '%', '$', '*' are not in the set: they are labels.
_GLYPH_SPECK = re.compile(r"^[|¦=_—–\-~:;.,'\"´`\[\]!¡»«<>]+$")
# A word ending in a line-break hyphen: 'adminis-' in 'adminis- / tración'.
_BROKEN_WORD = re.compile(r"[^\W\d_]-$")
# Any letter or digit: the 'A' of 'Avance', the '9' of '9,583'.
_ALNUM = re.compile(r"[^\W_]")

DEFAULT_HEIGHT = 10.0  # points: a 10 pt text-layer word, when a region has no word to measure
# OCR reads scanner noise, stamps and the remains of erased rulings as short words it is
# unsure of (']', '=', 'Ñ', 'AS' at 0-0.3 on the scanned score sample). A word of at most
# SPECK_CHARS characters under SPECK_CONFIDENCE is left out of tables: it would otherwise
# fill an empty cell and pass for a row of its own. The price: a real one- or two-character
# value read that badly becomes an empty cell (text-layer words are always kept: confidence 1).
SPECK_CHARS = 2
SPECK_CONFIDENCE = 0.5


def has_alnum(text: str) -> bool:
    return bool(_ALNUM.search(text))


def is_speck(word: Word) -> bool:
    """Noise rather than text: a ruling remnant ('|'), an OCR word of rule-like glyphs, or a
    very short, very doubtful OCR word. OCR words are the ones under confidence 1 (text-layer
    and plain-text words are 1 by definition), so a dash typed in an empty cell of a digital
    PDF stays while a scanned one goes: on a scan it cannot be told from dust."""
    text = word.text.strip()
    if not text or _RULING_SPECK.match(text):
        return True
    ocr = word.confidence < 1.0
    return ocr and (bool(_GLYPH_SPECK.match(text)) or (len(text) <= SPECK_CHARS and word.confidence < SPECK_CONFIDENCE))


def placed_words(words: Iterable[Word]) -> list[Word]:
    """Words that can be placed in a cell: with a box, and not specks."""
    return [w for w in words if w.bbox is not None and not is_speck(w)]


def median_word_height(words: Iterable[Word]) -> float:
    """Typical height of a word with letters or digits (punctuation boxes are tiny)."""
    heights = [w.bbox.height for w in words if w.bbox is not None and w.bbox.height > 0 and has_alnum(w.text)]
    return median(heights) if heights else DEFAULT_HEIGHT


def words_to_word_lines(words: Iterable[Word], keep_specks: bool = False) -> list[list[Word]]:
    """Visual lines (each sorted left to right), top to bottom: readers.layout's grouping,
    applied again because OCR lines follow tesseract's blocks, which may be one column.
    ``keep_specks``: words already chosen as text keep their short doubtful ones (a header's
    'N?' read at 0.46 is the label of the number column, not dust)."""
    boxed = [w for w in words if w.bbox is not None] if keep_specks else placed_words(words)
    return [list(line.words) for line in words_to_lines(boxed)]


# a dash read between two words of one OCR line, each gap under this share of the line's height,
# is the text's dash ('Agosto 2017 — Enero 2018', a range), not dust: a word space is ~0.3 of the
# height, a column gutter several; a ruling's remnant stands in a gutter, not at a word's space
DASH_GAP = 0.6
_DASH = re.compile(r"^[—–-]$")


def dashes_between_words(line: Sequence[Word]) -> list[Word]:
    """The dashes of an OCR line that stand between two words at word spacing."""
    boxed = [w for w in line if w.bbox is not None]
    out = []
    for left, dash, right in zip(boxed, boxed[1:], boxed[2:]):
        if not _DASH.match(dash.text.strip()) or is_speck(left) or is_speck(right):
            continue
        gap = DASH_GAP * max(left.bbox.height, right.bbox.height)
        if dash.bbox.x0 - left.bbox.x1 < gap and right.bbox.x0 - dash.bbox.x1 < gap:
            out.append(dash)
    return out


def page_to_visual_lines(page: Page, keep: Callable[[Sequence[Word]], Iterable[Word]] | None = None) -> Page:
    """A copy of the page whose lines are its placeable words regrouped into visual lines
    (words_to_lines): tesseract's lines follow its blocks, so one printed row of a table can
    arrive as several lines, one per column block. ``keep``: of an OCR line's words, those to
    keep though they look like specks — what a family knows to be text where it stands (a dash
    between two words: ``dashes_between_words``); an option, as MIR's tables were measured
    without it."""
    words = [w for ln in page.lines for w in _placeable(ln.words, keep)]
    return replace(page, lines=tuple(words_to_lines(words)))


def _placeable(line: Sequence[Word], keep: Callable[[Sequence[Word]], Iterable[Word]] | None) -> list[Word]:
    """An OCR line's words with a box that are no specks, or that ``keep`` says are text."""
    kept = {id(w) for w in keep(line)} if keep is not None else set()
    return [w for w in line if w.bbox is not None and (id(w) in kept or not is_speck(w))]


def page_to_visual_lines_by_segment(page: Page, keep: Callable[[Sequence[Word]], Iterable[Word]] | None = None) -> Page:
    """As ``page_to_visual_lines``, but each of OCR's lines joins a visual line whole, and only
    one none of whose pieces it overlaps across: OCR's line is one column block's, so a second
    one over the same x is the next printed line. Word by word, on a page scanned a little
    tilted, a line's band crept down over the next line's words and interleaved the two
    ('Además, seleccionar no a se los documentan ...', dev ASM scan 50)."""
    segments = []
    for ln in page.lines:
        words = _placeable(ln.words, keep)
        if words:
            segments.append((line_box(words), words))
    segments.sort(key=lambda s: (s[0].top, s[0].x0))
    groups: list[tuple[BBox, list[BBox], list[Word]]] = []  # (band, pieces' boxes, words)
    for box, words in segments:
        if groups:
            band, pieces, group = groups[-1]
            shorter = min(box.height, band.height)
            same_band = shorter > 0 and min(box.bottom, band.bottom) - max(box.top, band.top) >= 0.5 * shorter
            if same_band and not any(box.x0 < b.x1 and b.x0 < box.x1 for b in pieces):
                groups[-1] = (
                    BBox(band.x0, band.top, band.x1, max(band.bottom, box.bottom)),
                    [*pieces, box],
                    group + words,
                )
                continue
        groups.append((box, [box], list(words)))
    return replace(page, lines=tuple(word_group_to_line(g) for _, _, g in groups))


def line_box(line: Sequence[Word]) -> BBox:
    box = BBox.union(w.bbox for w in line)
    assert box is not None
    return box


def line_to_phrases(line: Sequence[Word], min_gap: float) -> list[list[Word]]:
    """Split a line (sorted by x) where the gap between words is at least ``min_gap``:
    'Total    1,250.00' is two phrases, 'Programa de apoyo' one."""
    phrases: list[list[Word]] = []
    for word in line:
        if phrases and word.bbox.x0 - phrases[-1][-1].bbox.x1 < min_gap:  # type: ignore[union-attr]
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return phrases


def words_to_text(words: Iterable[Word], keep_specks: bool = False) -> str:
    """A cell's words in reading order: lines top to bottom, words left to right, joined
    by spaces; a word broken by a line-end hyphen ('adminis-' / 'tración') rejoined.
    ``keep_specks`` as in ``words_to_word_lines``."""
    out = ""
    for line in words_to_word_lines(words, keep_specks=keep_specks):
        for i, word in enumerate(line):
            text = word.text.strip()
            if i == 0 and out and _BROKEN_WORD.search(out) and text[:1].islower():
                out = out[:-1] + text
            else:
                out = f"{out} {text}" if out else text
    return out


def words_to_cell(words: Sequence[Word], bbox: BBox | None = None, col_span: int = 1, row_span: int = 1) -> Cell:
    """A cell from the words inside it. ``bbox`` is the cell's drawn box when rulings gave
    one; otherwise the box of its words."""
    kept = tuple(placed_words(words))
    ordered = tuple(w for line in words_to_word_lines(kept) for w in line)
    return Cell(
        text=words_to_text(ordered),
        bbox=bbox if bbox is not None else BBox.union(w.bbox for w in ordered),
        words=ordered,
        col_span=col_span,
        row_span=row_span,
    )


def text_to_cell(text: str) -> Cell:
    """A cell of plain text (no geometry): one Word per token, confidence 1."""
    clean = " ".join(text.split())
    return Cell(text=clean, words=tuple(Word(t) for t in clean.split()))


def centre_inside(word: Word, box: BBox) -> bool:
    b = word.bbox
    assert b is not None
    return box.x0 <= b.x_center <= box.x1 and box.top <= b.y_center <= box.bottom
