"""Numbers under a column whose head OCR lost -> the field the rows' own arithmetic names.

A scan's head can lose a label outright ('sas' where 'Meta anual' was printed, '% de
cumplimiento' read as 'de cumpl…' on every copy of the head): its column's numbers are then
read under no kind and left unplaced (``celdas_sin_lugar``), and the row loses its meta or its
%. The column is still a column of the MIR: each of its numbers stands in a relation the
report's arithmetic fixes (Σ of the programados is the meta anual, alcanzado / programado is
the %, the commentary repeats the %). So a field the rows lack is tried for the column, row by
row: where the rows' relations on that field hold and next to none fail, the column is that
field. The head is not assumed; the document is asked.

Only the column is derived. Each row's own value then goes through the row's checks like any
other: a row where the relation fails carries its conflict, and one with no relation to test is
unbacked (``flag_unbacked``). Every value so placed says so in the row's note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .align import row_relations
from .table import UNPLACED_CHECK, UNPLACED_NOTE, RowCells

# the fields a column of lost head can be: the MIR's numbers
FIELDS = (
    "meta_anual",
    "avance_pct",
    *(f"programado_t{q}" for q in range(1, 5)),
    *(f"alcanzado_t{q}" for q in range(1, 5)),
)

# a column is named by arithmetic only when at least this many rows back the field with a
# relation that holds: one or two rows can hold by coincidence (a línea base equal to a meta);
# more would leave short tables (a page of three components) unnamed
MIN_BACKING_ROWS = 3
# ... and more than this share of the rows whose relations on the field can be tested: a column
# of the wrong kind holds on next to none and fails on the rest; on a heavily damaged scan a
# right one fails on a third of its rows, where one of the row's other cells was misread (7 of
# 11 hold: generated MIR scan 6528). Higher leaves such columns unplaced; lower would let a
# línea base that happens to equal the meta on some rows pass for it
MIN_BACKING_SHARE = 0.5
# two loose cells are one column when their columns' spans overlap by this share of the
# narrower (a repeated head on the next page is placed within a few points of the first)
SAME_COLUMN_OVERLAP = 0.5


def name_loose_columns(rows: Sequence[RowCells], comentarios: Sequence[str | None], T: int | None) -> None:
    """Place the loose numbers of every column the rows' arithmetic names (see module doc)."""
    for column in _columns(rows):
        field = _field_backed(column, rows, comentarios, T)
        if field is None:
            continue
        backing = sum(1 for i, tok in column if _test(rows[i], comentarios[i], T, field, tok) is True)
        for i, token in column:
            rc = rows[i]
            if field in rc.numbers:
                continue
            rc.numbers[field] = token
            rc.loose = [x for x in rc.loose if x[2] is not token]
            rc.notes = [n for n in rc.notes if not n.startswith(UNPLACED_NOTE)]
            if rc.loose:
                rc.notes.append(f"{UNPLACED_NOTE}{', '.join(t for *_, t in rc.loose)}")
            else:
                rc.checks = [c for c in rc.checks if c != f"{UNPLACED_CHECK}=conflict"]
            rc.notes.append(
                f"{field}: '{token}' leído bajo una columna sin encabezado legible; la columna es "
                f"{field} por la aritmética de {backing} filas"
            )


def _columns(rows: Sequence[RowCells]) -> list[list[tuple[int, str]]]:
    """The loose cells grouped by column: (row index, token) per column."""
    spans: list[tuple[float, float]] = []
    cells: list[list[tuple[int, str]]] = []
    for i, rc in enumerate(rows):
        for x0, x1, token in rc.loose:
            for n, (a, b) in enumerate(spans):
                if _overlap(a, b, x0, x1) >= SAME_COLUMN_OVERLAP:
                    cells[n].append((i, token))
                    break
            else:
                spans.append((x0, x1))
                cells.append([(i, token)])
    # one token per row and column: a row's two loose numbers in one column are no cell of it
    out = []
    for c in cells:
        per_row = Counter(i for i, _ in c)
        out.append([(i, t) for i, t in c if per_row[i] == 1])
    return out


def _overlap(a: float, b: float, x0: float, x1: float) -> float:
    narrower = min(b - a, x1 - x0)
    if narrower <= 0:
        return 1.0 if a <= (x0 + x1) / 2 <= b or x0 <= (a + b) / 2 <= x1 else 0.0
    return max(0.0, min(b, x1) - max(a, x0)) / narrower


def _field_backed(
    column: list[tuple[int, str]], rows: Sequence[RowCells], comentarios: Sequence[str | None], T: int | None
) -> str | None:
    """The one field the column's rows back (MIN_BACKING_ROWS, MIN_BACKING_SHARE), or None."""
    backed: list[tuple[int, str]] = []
    for field in FIELDS:
        results = [_test(rows[i], comentarios[i], T, field, tok) for i, tok in column if field not in rows[i].numbers]
        hold = sum(1 for r in results if r is True)
        fail = sum(1 for r in results if r is False)
        if hold >= MIN_BACKING_ROWS and hold > MIN_BACKING_SHARE * (hold + fail):
            backed.append((hold, field))
    if len(backed) != 1:
        return None  # none, or two fields the arithmetic cannot tell apart
    return backed[0][1]


def _test(rc: RowCells, comentario: str | None, T: int | None, field: str, token: str) -> bool | None:
    """Whether the row's relations on ``field`` hold with ``token`` there: True if some hold and
    none fails, False if one fails, None if none can be tested."""
    relations = [ok for _, fields, ok in row_relations({**rc.numbers, field: token}, T, comentario) if field in fields]
    if not relations:
        return None
    return all(relations)
