"""The copies of one head that a report prints over each page or component's table, read
together: each column named by what most copies say, weighted by how sure OCR was of them
(``copies_to_kinds``, for the shared table layer's tables; heads read from the words' geometry
take the surest copy's reading, ``head_twins.layout_with_surer_labels``).

A scan damages each copy of a head in its own places: 'Programado 1er Trim.' read 'Programado
Trim.' on one page (the quarter lost, the label then naming the annual meta), 'Meta anual'
read 'anual' on another (a column of no kind), 'Realizado 3er Trim.' read 'Realizado cad' at
0.07. Validation MIR scan 1023 prints six copies of one 16-column head; none is whole, and every
column reads right in most of them. A column's reading is taken from the copies only where they
outweigh the table's own reading: a table whose head truly differs has other column edges and
is no copy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from papeleo.tables import Cell, Table

from .columns import is_mir_table

Kind = tuple[tuple[str, int | None], ...]

# Two tables are copies of one head when they have as many columns and every column edge lies
# within this many points of the other's: a scan shifts a page by a few points; a head laid out
# otherwise moves whole columns (tens of points). Wider would take a report's second, different
# table for a copy; narrower would miss copies on pages the scanner fed askew.
COPY_EDGE_PT = 8.0


def is_copy(a: Table, b: Table) -> bool:
    return (
        a.n_columns == b.n_columns
        and len(a.column_edges) == len(b.column_edges) > 0
        and all(abs(x - y) <= COPY_EDGE_PT for x, y in zip(a.column_edges, b.column_edges))
    )


def label_weight(cell: Cell | None) -> float:
    """How much a copy's reading of a column counts: the least sure word of its label (one
    garbled word, 'ICAdoR' at 0.0, makes the label's reading worthless whatever the rest)."""
    if cell is None or not cell.words:
        return 0.0
    return min(w.confidence for w in cell.words)


def _base(kind: Kind) -> list[str]:
    """A reading's kinds without their quarters."""
    return [k for k, _ in kind]


def _is_partial(kind: Kind, votes: Counter) -> bool:
    """A programado or alcanzado of no quarter ('Realizado' with its '3er Trim.' lost) where
    another copy names the quarter: it is that reading with less in it, not a rival."""
    return any(k == "prog" or k == "alc" for k, q in kind if q is None) and any(
        other != kind and _base(other) == _base(kind) and all(q is not None for _, q in other) for other in votes
    )


def copies_to_kinds(
    tables: Sequence[Table], own: Sequence[list[Kind]], heads: Sequence[list[Cell | None]]
) -> list[list[Kind]]:
    """Each table's column kinds, a column taking the kinds its copies' weighted vote gives
    where that vote outweighs the table's own reading. ``own``: each table's kinds from its own
    head; ``heads``: each table's lowest header cell over each column (``table._header_cells``).
    Tables without column edges (plain text) keep their own."""
    out = [list(k) for k in own]
    # a kind a head gives two of its columns is a damaged reading in at least one of them
    # ('Meta programada 2doTrim.', its quarter run into 'Trim.', names the meta like 'Meta anual
    # programada' beside it, validation scan 1020): it casts no vote and yields to the copies
    repeated = [{k for k, n in Counter(k for k in kinds if k).items() if n > 1} for kinds in own]
    for i, table in enumerate(tables):
        if not is_mir_table(own[i]):
            continue
        copies = [j for j, other in enumerate(tables) if is_mir_table(own[j]) and is_copy(table, other)]
        if len(copies) < 2:
            continue
        for c in range(table.n_columns):
            votes: Counter = Counter()
            for j in copies:
                if own[j][c] and own[j][c] not in repeated[j]:
                    votes[own[j][c]] += label_weight(heads[j][c])
            ranked = [(w, k) for k, w in votes.items() if not _is_partial(k, votes)]
            if not ranked:
                continue
            ranked.sort(key=lambda wk: wk[0], reverse=True)
            if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
                continue  # copies split evenly decide nothing: the table keeps its own reading
            weight, kind = ranked[0]
            mine = own[i][c]
            if kind == mine:
                continue
            partial = bool(mine) and _is_partial(mine, votes) and _base(kind) == _base(mine)
            if partial or mine in repeated[i] or weight > votes.get(mine, 0.0):
                out[i][c] = kind
    return out
