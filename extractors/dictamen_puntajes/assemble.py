"""Printed rows → people: wrapped lines joined to their row, debris left out.

Why: a name or post that wraps inside its cell is printed on two or three lines, and a reader
without rulings (gutters, OCR'd text) gives each line as a row. A line with no score at all is
such a wrapped line; it belongs to the row whose scored line is nearest on the page (numbers
sit on a wrapped cell's first or middle line), or, without boxes, to the row above it (text
exports write a cell's second line after its first).
"""

from __future__ import annotations

import logging

from .rows import RawRow

log = logging.getLogger(__name__)

# a wrapped line is taken by a row only within this many points of it: further away it is
# something else between two rows (a running header, a page number)
MAX_WRAP_GAP = 14.0
# a name has at least this many letters: a row whose name is shorter (a stray mark, a page
# number read into the name column) is no person
MIN_NAME_LETTERS = 4
# ... and at least this many words: a given name and a surname
MIN_NAME_WORDS = 2


def _gap(a: RawRow, b: RawRow) -> float | None:
    if a.bbox is None or b.bbox is None or a.page != b.page:
        return None
    if a.bbox.bottom <= b.bbox.top:
        return b.bbox.top - a.bbox.bottom
    if b.bbox.bottom <= a.bbox.top:
        return a.bbox.top - b.bbox.bottom
    return 0.0


def join_wrapped(rows: list[RawRow]) -> list[RawRow]:
    """The scored rows, each with the wrapped lines that belong to it."""
    scored = [i for i, r in enumerate(rows) if not r.is_fragment]
    for i, frag in enumerate(rows):
        if not frag.is_fragment or not any(frag.texts.values()) and not frag.nivel:
            continue
        prev = max((j for j in scored if j < i), default=None)
        nxt = min((j for j in scored if j > i), default=None)
        options = []
        for j in (prev, nxt):
            if j is None:
                continue
            g = _gap(frag, rows[j])
            if g is None:
                if frag.bbox is None and j == prev:  # text: the line after its row
                    options.append((0.0, j))
                continue
            if g <= MAX_WRAP_GAP:
                options.append((g, j))
        if not options:
            if prev is None and nxt is not None and frag.bbox is None:
                options.append((0.0, nxt))  # a table's first row wrapped before its numbers
            else:
                log.debug("line %r joins no row", frag.cells)
                continue
        _, j = min(options)
        rows[j].absorb(frag, before=j > i)
    return [rows[j] for j in scored]


def is_person(row: RawRow) -> bool:
    """A row with a name: letters enough, and at least a given name and a surname (a lone
    'BUENO' is a level read where the name was lost)."""
    name = row.texts.get("nombre") or ""
    words = [w for w in name.split() if sum(c.isalpha() for c in w) >= 2]
    return sum(c.isalpha() for c in name) >= MIN_NAME_LETTERS and len(words) >= MIN_NAME_WORDS


def complete(rows: list[RawRow]) -> int:
    """People whose every score column holds something: how two readings of a table compare."""
    if not rows:
        return 0
    width = max(len(r.scores) for r in rows)
    return sum(1 for r in rows if len(r.scores) == width and "_unassigned" not in r.scores)
