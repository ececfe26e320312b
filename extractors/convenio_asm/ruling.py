"""Ruled tables as blocks of vertical rulings: where a table ends, and its columns when OCR lost its header.

A scan's header band is often shaded (grey, or white on dark): the OCR engine reads the body
of the table and nothing of its header, so the header-anchored reader never learns that a
table started there, and rows under a lost header are either skipped or glued to the table
read before. The vertical rulings, which the reader records before erasing them for OCR, say
both things the header would have said: where the table is (the rulings' common height) and
where its borders are. A block whose inner rulings sit where a header seen elsewhere in the
document put its borders is that kind of table; which kind (findings or recommendations) is
said by the short lead-in printed just above it ('b) De las recomendaciones:'), else by the
header it matches. A line outside its table's block (the lead-in of the next table, prose
after it) ends the table even when nothing in it crosses a border.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from papeleo.model import Line
from papeleo.text import fold

# rulings whose x differ by less than this (points) are one border: a scan's ruling is found
# as two edges of a thick line; more merges two narrow columns' borders
SAME_X = 3.0
# rulings overlapping in height by this share of the shorter one belong to one table; lower
# joins two tables stacked with a small gap, higher splits one table whose rulings a scan's
# skew shortened
SAME_BLOCK = 0.5
# a table needs this many distinct vertical rulings (two outer edges and one inner border)
MIN_RULINGS = 3
# a header's border and a block's inner ruling are the same border within this (points):
# a scan shifts a page a few points against another; more matches tables of different layout
MATCH_X = 6.0
# a line belongs to a block when its middle is this close (points) to the block's height
IN_BLOCK = 3.0
# a lead-in sits at most this many line heights above its table's top ruling
LEAD_IN_GAP = 3.0
# a lead-in is short; a line with more words is prose that names both kinds in passing
LEAD_IN_WORDS = 8
# 'b) De las recomendaciones:', 'Recomendaciones', 'a) De los hallazgos:' (folded)
KIND_RECOMENDACION = regex.compile(r"\b(?:recomendaci){e<=1}")
KIND_HALLAZGO = regex.compile(r"\b(?:hallazgo|aspecto)")


@dataclass
class Block:
    """A ruled table on one page: its height and the x of its vertical rulings, left to right."""

    page: int
    top: float
    bottom: float
    xs: list[float] = field(default_factory=list)

    def holds(self, line: Line) -> bool:
        mid = (line.bbox.top + line.bbox.bottom) / 2
        return self.top - IN_BLOCK <= mid <= self.bottom + IN_BLOCK

    @property
    def inner(self) -> list[float]:
        return self.xs[1:-1]


def blocks(page: int, vrules: list[tuple[float, float, float]]) -> list[Block]:
    """The page's ruled tables from its vertical rulings (x, top, bottom), top to bottom."""
    groups: list[list[tuple[float, float, float]]] = []
    for r in sorted(vrules, key=lambda r: r[1]):
        for g in groups:
            top, bottom = min(x[1] for x in g), max(x[2] for x in g)
            overlap = min(bottom, r[2]) - max(top, r[1])
            if overlap >= SAME_BLOCK * min(bottom - top, r[2] - r[1]):
                g.append(r)
                break
        else:
            groups.append([r])
    out = []
    for g in groups:
        xs: list[float] = []
        for x in sorted(r[0] for r in g):
            if xs and x - xs[-1] < SAME_X:
                continue
            xs.append(x)
        if len(xs) >= MIN_RULINGS:
            out.append(Block(page, min(r[1] for r in g), max(r[2] for r in g), xs))
    return sorted(out, key=lambda b: b.top)


def block_of(line: Line, page_blocks: list[Block]) -> Block | None:
    return next((b for b in page_blocks if b.holds(line)), None)


def matches(borders: list[float], block: Block) -> bool:
    """A header's borders are the block's inner rulings, one for one."""
    inner = block.inner
    return len(inner) == len(borders) and all(abs(a - b) <= MATCH_X for a, b in zip(inner, borders))


def lead_in_kind(above: list[Line], block: Block) -> str | None:
    """'recomendacion' or 'hallazgo' when the line right above the block is a lead-in naming one
    kind; None when there is none (a table continued from the page before)."""
    if not above:
        return None
    last = above[-1]
    height = max(last.bbox.height, 1.0)
    if block.top - last.bbox.bottom > LEAD_IN_GAP * height or len(last.text.split()) > LEAD_IN_WORDS:
        return None
    text = fold(last.text)
    rec, hal = KIND_RECOMENDACION.search(text), KIND_HALLAZGO.search(text)
    if rec and not hal:
        return "recomendacion"
    if hal and not rec:
        return "hallazgo"
    return None
