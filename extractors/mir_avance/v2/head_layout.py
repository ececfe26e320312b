"""A MIR head's lines -> its columns (``Layout``), by the head's own geometry.

Every leaf label ('Primero', 'Prog.', 'Meta anual', 'Nivel') sits over its column, and a group
label ('Meta programada', 'Ene-Mar') sits over the leaves it qualifies (``head_labels.py`` tells
them apart). So the columns are the leaves, left to right, each named by its own text and the
groups above it. Where the head starts and ends on the page is found by ``head_find.py``; the
body's rows are read under it by ``geometry.py``.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

from papeleo.model import BBox, Word
from papeleo.tables.words import line_to_phrases
from papeleo.text.normalize import fold

from .columns import WORDS, group_name, name_to_kinds, name_to_labels, quarter_of
from .head_labels import LEVEL_TOLERANCE, cell, group_spans, is_group, stack_labels
from .order import kinds_by_order

# words of one head label are closer than this many word heights; a wider gap starts the next
# label ('Meta anual   Primero' is two labels); narrower would split 'Resumen  Narrativo'
PHRASE_GAP = 0.9

# an OCR'd head word with fewer than two letters or digits read below this confidence is debris
# (is_head_debris): labels' short words ('y', 'de', '%') read at 0.76-0.96 on the dev scans, the
# fragments of a glyph read twice at 0.5 or less; higher would drop damaged one-letter labels
HEAD_DEBRIS_CONFIDENCE = 0.6
# head words of one character that are labels of their own
SYMBOL_LABELS = frozenset({"%", "#"})
# a letter or a digit
ALNUM = regex.compile(r"[\p{L}\p{N}]")

# a quarter label with its ordinal lost or misread: 'Trim.', 'Trimestre', 'serTrim.' (a scan's
# '1erTrim.' read at 0.09, dev scan 34), folded: what is left of the ordinal is its suffix ('er',
# 'do', 'to', 'o', '°') after one misread character at most ('Cuatrim.' is no quarter)
BARE_QUARTER = regex.compile(r"^(?:\S?(?:er|do|to|o|°|º)\.?\s?)?trim(?:\.|estre)?$")


@dataclass
class Column:
    kinds: tuple[tuple[str, int | None], ...]
    x0: float
    x1: float
    name: str = ""
    left: float = 0.0  # border with the column before
    right: float = 0.0
    left_sure: bool = False  # the border is a rule or a gutter of the body, not a guess
    by_order: bool = False  # programado/alcanzado taken from the order of two quarter runs
    quarter_by_order: bool = False  # the quarter taken from the order of Meta/Alcanzado pairs
    confidence: float = 1.0  # mean OCR confidence of the label's words (its group labels' too)


@dataclass
class Layout:
    columns: list[Column] = field(default_factory=list)
    head_bottom: float = 0.0
    head_top: float = 0.0
    head_text: str = ""  # the head's main line, to know it where it is repeated
    # the body words the columns' borders were found from, kept for the next table under the same
    # head (geometry.py)
    border_words: list[Word] = field(default_factory=list)


def head_to_layout(lines: list[list[Word]], h: float) -> Layout:
    lines = [kept for line in lines if (kept := [w for w in line if not is_head_debris(w)])]
    raw = [
        cell(part)
        for line in lines
        for p in line_to_phrases(line, PHRASE_GAP * h)
        for level in _split_levels(p, h)
        for part in _split_labels(level)
    ]
    cells = stack_labels(raw, h)
    groups = [c for c in cells if is_group(c, cells, h)]
    leaves = sorted((c for c in cells if c not in groups), key=lambda c: c.xc)
    owner = group_spans(groups, leaves, h)
    texts = leaves_with_quarters_of_their_block([c.text for c in leaves], [sorted(b) for b in owner.values()])
    layout = Layout(head_top=min(c.top for c in raw), head_bottom=max(c.bottom for c in raw))
    for i, leaf in enumerate(leaves):
        over = [g for g in groups if i in owner.get(id(g), ())]
        name = " ".join([group_name(g.text) for g in sorted(over, key=lambda g: g.top)] + [texts[i]])
        words = [w for c in (*over, leaf) for w in c.words]
        conf = statistics.fmean(w.confidence for w in words) if words else 1.0
        layout.columns.append(Column(name_to_kinds(name), leaf.x0, leaf.x1, name, confidence=conf))
    kinds_by_order(layout.columns)
    return layout


def leaves_with_quarters_of_their_block(texts: list[str], blocks: list[list[int]]) -> list[str]:
    """Leaf labels of a group's block whose ordinal OCR lost ('Trim.' where '1er Trim.' was
    printed, beside '2do Trim.', '3er Trim.', 'T4 Trim.': generated MIR scan 6517) named by
    their place: quarters run one per leaf left to right, so the read ones fix the rest. Only in
    a block whose every leaf is a quarter label, read or bare (``BARE_QUARTER``), and whose read
    quarters all keep one step per leaf; otherwise the labels stay as read. Left bare, 'Meta
    programada Trim.' names the year's target (a programado with no quarter): a second meta
    column, read from the first quarter's cells."""
    out = list(texts)
    for block in blocks:
        quarters = [quarter_of(texts[i]) for i in block]
        if not all(q is not None or BARE_QUARTER.match(fold(texts[i])) for q, i in zip(quarters, block)):
            continue
        offsets = {q - n for n, q in enumerate(quarters) if q is not None}
        if len(offsets) != 1 or None not in quarters:
            continue
        first = offsets.pop()
        if first < 1 or first + len(block) - 1 > 4:
            continue
        for n, (q, i) in enumerate(zip(quarters, block)):
            if q is None:
                out[i] = f"T{first + n} {texts[i]}"
    return out


def is_head_debris(word: Word) -> bool:
    """An OCR'd fragment no label is made of: one letter or none, read unsure ("'o" at 0.53 under
    a '%' at 0.76, the lower ring of the same glyph, dev MIR scan 29: it split 'Avance %' into
    two columns of no kind). A printed '%', 'y' or 'a' reads sure, and a text layer is sure.
    A mark with no letter or digit at all that is no symbol label ('+' read at 0.64 from a speck
    between two quarter labels, dev MIR scan 18) names no column however sure OCR was: as a leaf
    of its own it split the alcanzado quarters' block in two."""
    alnum = len(ALNUM.findall(word.text))
    if word.text in SYMBOL_LABELS:
        return False
    return alnum == 0 or (word.confidence < HEAD_DEBRIS_CONFIDENCE and alnum < 2)


def _split_levels(words: list[Word], h: float) -> list[list[Word]]:
    """Words grouped on one line that sit at different heights ('Cuarto' beside the second line
    of a centred '% de / cumplimiento') are different labels. A word joins the label at its own
    height that ends just before it, not only the word before it: on a turned scan the head's
    two or three lines come as one, interleaved ('Avance' 'Abr-Jun' 'alcanzado' 'Jul-Sep', dev
    MIR scan 1), and a group label split in two by its quarters qualified none of them."""
    parts: list[list[Word]] = []
    for w in words:
        for part in reversed(parts):
            last = part[-1].bbox
            if _same_level(w.bbox, last, h) and w.bbox.x0 - last.x1 < PHRASE_GAP * h:
                part.append(w)
                break
        else:
            parts.append([w])
    return parts


# two words of a head whose tops (or bottoms) agree within this many word heights sit on one
# level, whatever their middles: a word with descenders ('programada', 270-278 pt) beside one
# without ('Meta', 270-275) has its middle 1.5 pt lower, over LEVEL_TOLERANCE on a scan's small
# print, and 'Meta programada' fell apart into two groups (dev scan 12). A box overlap of half the
# height was tried and joined a quarter label to the lower line of '% / Avance' beside it (2 pt
# apart at the top, 3 at the bottom: text PDFs 9 and 195 lost their % column); 0.15 keeps them apart
SAME_EDGE_TOLERANCE = 0.15


def _same_level(a: BBox, b: BBox, h: float) -> bool:
    return (
        abs(a.y_center - b.y_center) <= LEVEL_TOLERANCE * h
        or abs(a.top - b.top) <= SAME_EDGE_TOLERANCE * h
        or abs(a.bottom - b.bottom) <= SAME_EDGE_TOLERANCE * h
    )


def _split_labels(words: list[Word]) -> list[list[Word]]:
    """A phrase naming two labels ('Dimensión Periodicidad', 'Primero Segundo') split where
    each label starts; a phrase with one label or none stays whole. One word printed again and
    again ('Trim. Trim. Trim.', the second lines of '2do' / 'Trim.' set close) is that many labels."""
    if len(words) > 1 and len({fold(w.text) for w in words}) == 1:
        return [[w] for w in words]
    labels = name_to_labels(" ".join(w.text for w in words))
    if len(labels) < 2:
        return [words]
    token_word: list[int] = []
    for i, w in enumerate(words):
        token_word += [i] * max(1, len(WORDS.findall(fold(w.text))))
    cuts = sorted({token_word[min(lb.start, len(token_word) - 1)] for lb in labels[1:]} - {0})
    parts, prev = [], 0
    for c in cuts:
        parts.append(words[prev:c])
        prev = c
    parts.append(words[prev:])
    return [p for p in parts if p]
