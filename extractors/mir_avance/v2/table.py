"""A table read by the shared table layer -> one :class:`RowCells` per indicator row.

The shared layer finds the grid (rules, gutters, tabs, pipes) and names each column by its
head; here each column's head says what it holds (``columns.py``) and each row's cells are
sorted into text fields and numeric tokens. A row with no level, no code and no number is the
rest of the row above it (a cell wrapped onto a line of its own); it is joined, never kept as
a row of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from papeleo.tables import Cell, Table

from .columns import NUMERIC, columns_to_kinds, is_mir_table
from .head_copies import copies_to_kinds
from .head_groups import names_with_read_quarters

# a number-like token in a numeric cell: '1,216,904.50', '13a%', '-', 'N/A', '6b,293'
TOKEN = regex.compile(r"\S+")
# a number as printed in a cell: '1,216,904.50', '85%', '-12', '(12)' — a digit first or after
# a sign, then digits and separators only (a code '5.3' under a head OCR lost matches too: its
# row is then flagged, erring on the safe side)
NUMBER_TOKEN = regex.compile(r"^[-+(]?\d[\d,.]*%?\)?$")
# tokens a cell prints for 'nothing here'
NULL_TOKENS = frozenset({"-", "--", "—", "–", "n/a", "na", "n/d", "nd", "s/d"})
FIELD_OF = {
    "meta": "meta_anual",
    "avance": "avance_pct",
    "linea_base": "linea_base",
    "meta_modificada": "meta_modificada",
}


# a row with numbers no column of the head can take: where its other numbers sit is in doubt
UNPLACED_CHECK = "celdas_sin_lugar"
UNPLACED_NOTE = "números bajo columnas sin encabezado legible: "


def live_columns(kinds: list, T: int | None) -> list:
    """The columns a row prints cells under when its report prints alcanzados up to the reported
    quarter T only: those of an alcanzado after T are left out (none when T is unknown)."""
    return [k for k in kinds if not (k[0] == "alc" and T and k[1] and k[1] > T)]


@dataclass
class RowCells:
    text: dict[str, str] = field(default_factory=dict)  # kind -> cell text
    numbers: dict[str, str] = field(default_factory=dict)  # contract field -> raw token
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None
    notes: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # "name=ok|conflict" the reader itself made
    # numbers under a column whose head names no kind: (column x0, x1 in PDF points, token),
    # for loose.name_loose_columns to place where the rows' arithmetic names the column
    loose: list[tuple[float, float, str]] = field(default_factory=list)
    # the page draws its table's vertical rulings: a stroke after a number ('760|') is the
    # ruling it touches before it is a 1 (papeleo.text.numbers.parse_number's rule_strokes)
    ruled: bool = False


def numeric_field(kind: str, quarter: int | None, T: int | None) -> str | None:
    if kind in ("prog", "alc"):
        q = quarter or T
        if not q:
            return None
        return f"{'programado' if kind == 'prog' else 'alcanzado'}_t{q}"
    return FIELD_OF.get(kind)


def split_cell(cell: Cell, kinds, header_cell: Cell | None, T: int | None) -> list[tuple[tuple[str, int | None], str]]:
    """Tokens of a cell whose head names several numeric columns, each with its kind. Equal
    counts go in order; fewer tokens go to the head word each lies under when both have boxes,
    else to the quarters already reported first (an alcanzado after the reported quarter is
    empty by definition)."""
    tokens = [t for t in TOKEN.findall(cell.text)]
    if len(tokens) == len(kinds):
        return list(zip(kinds, tokens))
    if not tokens:
        return []
    live = live_columns(kinds, T)
    if len(tokens) == len(live):
        return list(zip(live, tokens))
    boxed = cell.words and all(w.bbox is not None for w in cell.words)
    if len(tokens) < len(kinds) and boxed and header_cell is not None and header_cell.words:
        heads = [w for w in header_cell.words if w.text.strip() and w.bbox is not None]
        if len(heads) >= len(kinds):
            centres = [(w.bbox.x0 + w.bbox.x1) / 2 for w in heads[-len(kinds) :]]
            out = []
            for w in cell.words:
                cx = (w.bbox.x0 + w.bbox.x1) / 2
                k = min(range(len(kinds)), key=lambda i: abs(centres[i] - cx))
                out.append((kinds[k], w.text))
            return out
    return []


Kinds = list[tuple[tuple[str, int | None], ...]]


def body_agreement(table: Table, kinds: Kinds) -> tuple[int, int]:
    """How far a head's kinds agree with the body under them, and how many columns of numbers
    it leaves unnamed. Agreement: +1 for each named column whose filled cells are mostly
    numbers under a numeric kind or mostly words under a text kind, -1 for each the other way
    round — a head shifted by a merged or lost label disagrees."""
    score = unnamed = 0
    for c in range(table.n_columns):
        ks = kinds[c] if c < len(kinds) else ()
        texts = [r.cells[c].text.strip() for r in table.rows if c < len(r.cells) and r.cells[c].text.strip()]
        if not texts:
            continue
        numeric = sum(all(NUMBER_TOKEN.match(t) or t.lower() in NULL_TOKENS for t in x.split()) for x in texts)
        body_numeric = numeric * 2 >= len(texts)
        if not ks:
            unnamed += body_numeric
            continue
        score += 1 if body_numeric == any(k in NUMERIC for k, _ in ks) else -1
    return score, unnamed


def tables_to_rows(tables: list[Table], T: int | None) -> list[RowCells]:
    """Rows of every MIR table of a document, each under the head that fits its body best, its
    columns named by the copies of its head where they outweigh its own (``head_copies``).

    A table repeated on each page prints its head on each; where one copy came out damaged (a
    label lost or merged into its neighbour, the head row broken into lines), another copy of
    the same width fits the body better: it names every column of numbers the body holds
    where the damaged one leaves one unnamed, or more of its kinds agree with the body
    (``body_agreement``); a tie keeps the table's own head. (Two readings, one under each
    head, cannot compete on the arithmetic here: on a damaged page the reading of more rows
    meets more conflicts.) Only tables of plain text take another head: a table on a page
    has its head's geometry, which splits a cell under two labels (``split_cell``) and which
    another head cannot give."""
    own = [columns_to_kinds(names_with_read_quarters(t)) for t in tables]
    voted = copies_to_kinds(tables, own, [_header_cells(t) for t in tables])
    out: list[RowCells] = []
    for i, table in enumerate(tables):
        kinds, swapped = voted[i], False
        if table.bbox is None:
            fit = _fit(table, kinds) if is_mir_table(kinds) else None
            for j, other in enumerate(tables):
                if j == i or other.n_columns != table.n_columns or not is_mir_table(own[j]) or own[j] == kinds:
                    continue
                candidate = _fit(table, own[j])
                if candidate[0] == 0 and (fit is None or candidate > fit):
                    kinds, fit, swapped = own[j], candidate, True
        if is_mir_table(kinds):
            out += table_to_rows(table, T, kinds, other_head=swapped)
    return out


def _fit(table: Table, kinds: Kinds) -> tuple[int, int]:
    """How well a head fits a body, best highest: fewest unnamed columns of numbers, then
    the most agreement."""
    score, unnamed = body_agreement(table, kinds)
    return -unnamed, score


def table_to_rows(table: Table, T: int | None, kinds: Kinds | None = None, other_head: bool = False) -> list[RowCells]:
    kinds = columns_to_kinds(names_with_read_quarters(table)) if kinds is None else kinds
    if not is_mir_table(kinds):
        return []
    header_cells = _header_cells(table) if not other_head else [None] * table.n_columns
    out: list[RowCells] = []
    for row in table.rows:
        rc = RowCells(page=row.page, confidence=row.confidence)
        box = row.bbox
        rc.bbox = (box.x0, box.top, box.x1, box.bottom) if box is not None else None
        unplaced: list[str] = []
        for i, cell in enumerate(row.cells):
            ks = kinds[i] if i < len(kinds) else ()
            if not ks and not cell.is_empty:
                tokens = [t for t in TOKEN.findall(cell.text) if NUMBER_TOKEN.match(t)]
                unplaced += tokens
                if cell.bbox is not None:
                    rc.loose += [(cell.bbox.x0, cell.bbox.x1, t) for t in tokens]
            if not ks or cell.is_empty:
                continue
            numeric = [k for k in ks if k[0] in NUMERIC]
            if not numeric:
                kind = ks[0][0]
                rc.text[kind] = f"{rc.text[kind]} {cell.text}".strip() if kind in rc.text else cell.text
                continue
            pairs = (
                [(numeric[0], cell.text.strip())]
                if len(numeric) == 1
                else split_cell(cell, numeric, header_cells[i], T)
            )
            if len(numeric) > 1 and not pairs:
                rc.notes.append(
                    f"celda '{cell.text}' bajo '{table.columns[i]}': no se sabe a qué columna va cada valor"
                )
            for (kind, q), token in pairs:
                name = numeric_field(kind, q, T)
                if name:
                    rc.numbers[name] = token
        flag_unplaced(rc, unplaced)
        if _is_continuation(rc) and out:
            _join(out[-1], rc)
        elif rc.text or rc.numbers:
            out.append(rc)
    return [r for r in out if r.numbers or r.text.get("nivel")]


def flag_unplaced(rc: RowCells, unplaced: list[str]) -> None:
    """A row printing numbers under columns whose head says nothing known (a label OCR lost):
    the columns its other numbers were read under may be shifted too, so all are flagged."""
    if unplaced and rc.numbers:
        rc.checks.append(f"{UNPLACED_CHECK}=conflict")
        rc.notes.append(f"{UNPLACED_NOTE}{', '.join(unplaced)}")


def _header_cells(table: Table) -> list[Cell | None]:
    """The lowest header cell with words over each column (sub-labels sit lowest)."""
    out: list[Cell | None] = [None] * table.n_columns
    for hr in table.header_rows:
        for i, c in enumerate(hr.cells[: table.n_columns]):
            if c.words:
                out[i] = c
    return out


def _is_continuation(rc: RowCells) -> bool:
    has_numbers = any(t.strip().lower() not in NULL_TOKENS and t.strip() for t in rc.numbers.values())
    return not has_numbers and not rc.text.get("nivel") and not rc.text.get("clave")


def _join(upper: RowCells, lower: RowCells) -> None:
    for k, t in lower.text.items():
        upper.text[k] = f"{upper.text.get(k, '')} {t}".strip()
    for k, t in lower.numbers.items():
        upper.numbers.setdefault(k, t)
    upper.loose += lower.loose
