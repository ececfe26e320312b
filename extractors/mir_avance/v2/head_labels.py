"""A MIR head's labels -> its leaves and the group labels over them.

A label printed over two or three lines ('Meta' / 'anual') is one label; a group label
('Meta programada', 'Alcanzado', '1er Trim.') qualifies the block of leaves it is centred over.
Both are told apart here, by the head's geometry alone (``head_layout.py`` reads the head).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from papeleo.model import Word
from papeleo.tables.words import words_to_text

from .columns import group_name, name_to_labels

# head lines follow each other within this many word heights; a wider gap ends the head
HEAD_LINE_GAP = 2.2
# a group label on a three-line head's first line reaches the labels it qualifies on the last
# line, this many word heights under it ('Avance alcanzado' 12.3 pt over '2do Trim.' at a word
# height of 5.0, generated scan 7097, where 'Metas programadas' beside it made 11.0 and was the
# only group), when no label stands between them. Shorter leaves such a head's groups to where
# OCR put their baseline; longer would reach the body's first row, which is no head cell
GROUP_REACH = 3.0

# words on one line whose middles differ by more than this many word heights are on different
# levels of the head (a centred two-line label beside a one-line one)
LEVEL_TOLERANCE = 0.3

# ... or whose bottoms agree within this many word heights: a two-line quarter label ('1er' /
# 'Trim.') whose upper word OCR boxed taller ('ter', 106-115 pt beside '2do' at 109-114, dev MIR
# scan 18) has its middle 1.5 pt higher and left its group's block; the labels' last lines still
# share the line. A one-line label centred in the head ('Frecuencia') ends well above them
SAME_BOTTOM_TOLERANCE = 0.15

# the lines of one label follow each other within this many word heights (their leading);
# a label further below is another label
STACK_GAP = 1.0

# a group label is centred over what it qualifies: a block of leaves whose centre is within this
# share of one leaf's pitch of the label's centre (uneven label widths shift it a little; a block
# one leaf too wide or too narrow shifts it by half a pitch)
GROUP_CENTRE_TOLERANCE = 0.3

# two stacked head phrases are one label when they overlap this share of the narrower one
STACK_OVERLAP = 0.5


@dataclass
class HeadCell:
    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def cell(words: list[Word]) -> HeadCell:
    """A head cell of words already chosen as labels: a short doubtful one kept on purpose (a
    quarter label read at 0.4, see quarter_lines.lines_with_doubtful_labels) is not dropped again."""
    return HeadCell(
        words,
        min(w.bbox.x0 for w in words),
        max(w.bbox.x1 for w in words),
        min(w.bbox.top for w in words),
        max(w.bbox.bottom for w in words),
        words_to_text(words, keep_specks=True),
    )


def overlap(a: HeadCell, b: HeadCell) -> float:
    inter = min(a.x1, b.x1) - max(a.x0, b.x0)
    return inter / max(1e-6, min(a.x1 - a.x0, b.x1 - b.x0))


def stack_labels(cells: list[HeadCell], h: float) -> list[HeadCell]:
    """Labels printed over two or three lines ('Meta' / 'anual', '% de' / 'cumplimiento')
    joined: a cell and the one cell right under it that it overlaps, when each overlaps only
    the other."""
    # bottom-up: a label's own lines ('3er' / 'Trim.') are joined before the group label over
    # them ('Programado') is tried against what is under it
    cells = sorted(cells, key=lambda c: (-c.top, c.x0))
    merged = True
    while merged:
        merged = False
        for a in cells:
            under = [b for b in cells if b is not a and _right_under(a, b, h) and overlap(a, b) > 0]
            if len(under) != 1 or overlap(a, under[0]) < STACK_OVERLAP:
                continue
            b = under[0]
            over = [x for x in cells if x is not b and _right_under(x, b, h) and overlap(x, b) > 0]
            if over != [a] or _heads_a_block(a, b, cells, h):
                continue
            cells.remove(a)
            cells.remove(b)
            cells.append(cell(a.words + b.words))
            merged = True
            break
    return cells


def _right_under(a: HeadCell, b: HeadCell, h: float) -> bool:
    """b starts within ``STACK_GAP`` word heights under a's bottom, or inside a's height but lower
    on both edges: on a scan read a little skewed, a label's second line comes out overlapping
    its first ('Unidad de' at 82 pt, 'nsdida' at 85 pt, the MIR sample scan's page 2), and the
    two were two unnamed columns."""
    gap = b.top - a.bottom + 1
    return gap < STACK_GAP * h and (gap >= 0 or (b.top > a.top and b.bottom > a.bottom))


def _axis(c: HeadCell) -> str:
    """Which way a label qualifies columns: by quarter ('q') or by kind ('pa', programado or
    alcanzado); '' for any other label."""
    kinds = {lb.kind for lb in name_to_labels(c.text)}
    return "q" if "q" in kinds else "pa" if kinds & {"prog", "alc"} else ""


def _heads_a_block(a: HeadCell, b: HeadCell, cells: list[HeadCell], h: float) -> bool:
    """A group label as narrow as one leaf is not the first line of that leaf's label:
    'Alcanzado' over the middle one of 'Primero Segundo Tercero', '1er Trim.' over 'Programado'
    and beside 'Real'. It names the other axis than the label under it, and sits centred over a
    block of two or more neighbouring leaves of that label's axis, b among them."""
    ka, kb = _axis(a), _axis(b)
    if not ka or not kb or ka == kb:
        return False
    # on b's line: labels wrapped over one or two lines ('2do Trim.' beside '3er' / 'Trim.')
    # start at different heights but share the line's height
    line = [x for x in cells if x.top < b.bottom and x.bottom > b.top and x.top >= a.bottom - 1]
    row = sorted((x for x in line if _axis(x) == kb), key=lambda x: x.xc)
    others = [x.xc for x in line if _axis(x) != kb]
    i = row.index(b) if b in row else -1
    if i < 0:
        return False
    for lo in range(i + 1):
        for hi in range(max(i, lo + 1), len(row)):
            block = row[lo : hi + 1]
            if any(block[0].xc < x < block[-1].xc for x in others):
                continue  # neighbours only: no label of another kind between them
            if _centred_under(a, (block[0].x0, block[-1].x1, len(block))):
                return True
    return False


def is_group(c: HeadCell, cells: list[HeadCell], h: float) -> bool:
    """A programado / alcanzado / quarter label with labels right under it qualifies them
    ('Meta programada' over the quarters, 'Ene-Mar' over 'Meta | Alc.'); a narrow one ('T1'
    centred over 'Prog. | Real') may overlap none of them but has one on each side."""
    if not any(lb.kind in ("prog", "alc", "q") for lb in name_to_labels(group_name(c.text))):
        return False
    below = [x for x in cells if x is not c and 0 <= x.top - c.bottom + 1 < HEAD_LINE_GAP * h]
    if any(overlap(c, x) > 0 for x in below):
        return True
    if any(_reached_under(c, x, cells, h) for x in cells if x is not c):
        return True
    reach = (c.x1 - c.x0) + 2 * h
    near = [x for x in below if x.x1 > c.x0 - reach and x.x0 < c.x1 + reach]
    return any(x.xc < c.xc for x in near) and any(x.xc > c.xc for x in near)


def _reached_under(c: HeadCell, x: HeadCell, cells: list[HeadCell], h: float) -> bool:
    """x lies under c within GROUP_REACH word heights, overlapping it, with no head cell
    overlapping both standing between them."""
    gap = x.top - c.bottom + 1
    if not 0 <= gap < GROUP_REACH * h or overlap(c, x) <= 0:
        return False
    return not any(
        y is not c and y is not x and c.bottom - 1 <= y.top and y.bottom <= x.top + 1 and overlap(c, y) > 0
        for y in cells
    )


def group_spans(groups: list[HeadCell], leaves: list[HeadCell], h: float) -> dict[int, set[int]]:
    """Which leaves each group label qualifies: the widest contiguous block of leaves under it,
    around the leaves it overlaps (or, for a narrow label between two, the two beside its
    centre), whose centre lies at the label's centre — group labels are centred over what they
    qualify — and which reaches no leaf another group holds (its own, or the block found for it
    before: the edge of the last block is only half-way to the next label, so a wide block can
    look centred under the last group too)."""
    seeds: dict[int, list[int]] = {}
    unders: dict[int, list[int]] = {}
    for g in groups:
        under = [i for i, c in enumerate(leaves) if c.top >= g.bottom - 1]
        own = [i for i in under if overlap(g, leaves[i]) > 0]
        if not own:
            left = [i for i in under if leaves[i].xc < g.xc]
            right = [i for i in under if leaves[i].xc >= g.xc]
            own = ([left[-1]] if left else []) + ([right[0]] if right else [])
        seeds[id(g)], unders[id(g)] = own, under
    out: dict[int, set[int]] = {}
    signs = [_label_sign(c) for c in leaves]
    pending = [g for g in groups if seeds[id(g)]]
    # every group tries the labels' own ends before any tries the looser half-way edges: a
    # label whose quarter lost its second sub-label ('T4' over 'Programado' only, the 'Real'
    # beside it OCR lost) looks centred, by the half-way edges, over its neighbour's 'Real' too,
    # which the neighbour's label sits centred over by the ends (block d scan 6504)
    for edges in (_label_ends, _block_edges):
        for g in list(pending):
            own = seeds[id(g)]
            taken = {i for o in groups if o is not g for i in seeds[id(o)]} | {i for b in out.values() for i in b}
            block = _widest_centred_block(
                g, own, _same_level_as(own, unders[id(g)], leaves, h), taken, leaves, signs, edges
            )
            if block != (min(own), max(own)):
                out[id(g)] = set(range(block[0], block[1] + 1))
                pending.remove(g)
    for g in pending:
        out[id(g)] = set(range(min(seeds[id(g)]), max(seeds[id(g)]) + 1))
    return out


def _same_level_as(own: list[int], under: list[int], leaves: list[HeadCell], h: float) -> set[int]:
    """The leaves under a group that sit on its own leaves' level: a label as tall as the head,
    centred beside them ('Frecuencia', 'Meta anual'), is not one of them."""
    return {i for i in under if any(_on_one_level(leaves[i], leaves[j], h) for j in own)}


def _on_one_level(a: HeadCell, b: HeadCell, h: float) -> bool:
    """Two leaves on one level of the head: their middles or their bottoms agree. Compared leaf
    by leaf with the group's own leaves, not with their mean: a quarter label OCR cut to its
    last line ('Trim.' where '3er Trim.' was printed, dev scan 33) moved the mean of the two
    under 'Realizado' off both of its other quarters' labels, and they lost their group."""
    middle = abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) <= LEVEL_TOLERANCE * h
    return middle or abs(a.bottom - b.bottom) <= SAME_BOTTOM_TOLERANCE * h


def _widest_centred_block(
    g: HeadCell,
    own: list[int],
    under: set[int],
    taken: set[int],
    leaves: list[HeadCell],
    signs: list[tuple[tuple[str, int | None], ...]],
    edges: Callable[[list[HeadCell], int, int], tuple[float, float, int]],
) -> tuple[int, int]:
    """The widest block of neighbouring leaves around ``own``, all under g and none taken,
    repeating no label, that g is centred over when measured by ``edges``."""
    lo, hi = min(own), max(own)
    best = (lo, hi)
    for a in range(lo, -1, -1):
        if a not in under or a in taken:
            break
        for b in range(hi, len(leaves)):
            if b not in under or b in taken:
                break
            if b - a <= best[1] - best[0] or _repeats_a_label(signs, a, b):
                continue
            if _centred_under(g, edges(leaves, a, b)):
                best = (a, b)
    return best


def _label_sign(leaf: HeadCell) -> tuple[tuple[str, int | None], ...]:
    """What a leaf's label says, to tell two leaves apart: its kinds and quarters. A quarter
    label without its ordinal ('Trim.') says nothing of which quarter: left out."""
    return tuple(
        sorted((lb.kind, lb.quarter) for lb in name_to_labels(leaf.text) if (lb.kind, lb.quarter) != ("q", None))
    )


def _repeats_a_label(signs: list[tuple[tuple[str, int | None], ...]], a: int, b: int) -> bool:
    """Whether two of leaves a..b (their ``_label_sign``) print the same label ('Meta' twice,
    '2do' twice). A group label qualifies leaves that differ from each other: 'T2' over 'Meta |
    Alcanzado', 'Alcanzado' over '1er 2do 3er 4to'. With the other quarters' labels lost to OCR,
    a lone 'T2' is centred over the block of all three pairs as well as over its own (block (b)
    6437 scan) and took them all. A leaf whose label says nothing known is never a repeat."""
    seen: set[tuple[tuple[str, int | None], ...]] = set()
    for sign in signs[a : b + 1]:
        if sign and sign in seen:
            return True
        seen.add(sign)
    return False


def _centred_under(g: HeadCell, edges: tuple[float, float, int]) -> bool:
    """Whether group label g is centred over a block of leaves (left, right, how many)."""
    left, right, n = edges
    return abs((left + right) / 2 - g.xc) <= GROUP_CENTRE_TOLERANCE * (right - left) / n


def _label_ends(leaves: list[HeadCell], a: int, b: int) -> tuple[float, float, int]:
    """Leaves a..b measured between their labels' own ends: tried first, as a far label beside
    the block (a wide commentary column, a gap before the quarters) pulls a half-way edge away."""
    return leaves[a].x0, leaves[b].x1, b - a + 1


def _block_edges(leaves: list[HeadCell], a: int, b: int) -> tuple[float, float, int]:
    """Where the columns of leaves a..b begin and end: halfway to the neighbouring labels (right
    when labels are as wide as their columns but set off-centre in them)."""
    left = (leaves[a - 1].x1 + leaves[a].x0) / 2 if a > 0 else leaves[a].x0
    right = (leaves[b].x1 + leaves[b + 1].x0) / 2 if b + 1 < len(leaves) else leaves[b].x1
    return left, right, b - a + 1
