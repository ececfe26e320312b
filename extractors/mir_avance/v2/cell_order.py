"""The order of the numeric columns of a report whose cells tesseract set apart, one per line
(``cell_lines.py``), asked of the rows' own arithmetic.

The head's cells come interleaved with the rows', so the order is not read from it: every order
a MIR head prints (the annual target first or last; programado and alcanzado grouped by kind or
by quarter; alcanzados for all quarters or up to the reported one; a % column or none) of the
rows' count of numbers is tried against the rows' own arithmetic (Σ programado = meta anual, % =
alcanzado / programado), and the one it backs on the most rows is taken, only when it is the one.
Each row's numbers are tried as tesseract wrote its lines and bottom-up, page by page.
"""

from __future__ import annotations

from collections.abc import Callable

from .align import DOUBTFUL_SUFFIX, row_relations, value_of
from .table import RowCells, numeric_field

Kind = tuple[str, int | None]
# a column the arithmetic cannot name
UNKNOWN: Kind = ("?", None)
# the note of every row read in the order its arithmetic backs rather than the head's
ARITHMETIC_ORDER_NOTE = (
    "orden de las columnas tomado de la aritmética de las filas: la cabecera no nombra uno que cuadre"
)
# an order of the columns is taken when the rows' arithmetic backs it on at least this many rows,
# and backs no other order as well: fewer is within coincidence
MIN_BACKED_ROWS = 3


def runs_to_directions(runs: list[tuple[int, int]], numbers: list[list[str] | None]) -> list[list[list[str]]]:
    """Each row's numbers with its lines as tesseract wrote them, and bottom-up (module doc)."""
    return [
        [[t for j in range(a, b) for t in numbers[j] or []] for a, b in runs],
        [[t for j in reversed(range(a, b)) for t in numbers[j] or []] for a, b in runs],
    ]


def orders_of(T: int) -> list[list[Kind]]:
    """Every order of numeric columns a MIR head prints (module doc), behind a column no check
    reaches (a línea base) or not."""
    out = []
    for alcanzados in (4, T):
        by_kind = [*(("prog", q) for q in range(1, 5)), *(("alc", q) for q in range(1, alcanzados + 1))]
        by_quarter = [k for q in range(1, 5) for k in (("prog", q), ("alc", q)) if k[0] == "prog" or q <= alcanzados]
        for quarters in (by_kind, by_quarter):
            for pct in ([], [("avance", None)]):
                # ... after a column of no check ('Línea base') or none
                for lead in ([], [UNKNOWN]):
                    out.append([*lead, ("meta", None), *quarters, *pct])
                    out.append([*lead, *quarters, ("meta", None), *pct])
    unique: list[list[Kind]] = []
    for o in out:
        if o not in unique:
            unique.append(o)
    return unique


def backed_order(directions: list[list[list[str]]], T: int) -> tuple[list[Kind], int] | None:
    """The order of columns the rows' arithmetic backs best (each order tried on the rows that
    print as many numbers as it has columns), when it is the only one, and the reading of the
    rows' lines it was backed on (``directions``: each row's numbers, its lines in one order)."""
    scored = []
    for d, tokens in enumerate(directions):
        for seq in orders_of(T):
            held, failed = backing(seq, tokens, T)
            scored.append((held, -failed, d, seq))
    top = max(scored, key=lambda x: x[:2])
    # a wrong order holds on next to no row; the right one can fail on as many as it holds where
    # tesseract set a neighbour's cell among a row's (a % read before the next row's numbers)
    if top[0] < MIN_BACKED_ROWS:
        return None
    tied = [(d, seq) for held, failed, d, seq in scored if (held, failed) == top[:2]]
    # lines as written where both ways are backed alike (rows of one line read the same both
    # ways); rows over several lines then doubt the quarters no check pins (cell_doubts.doubt_unpinned_quarters)
    best = [(d, seq) for d, seq in tied if d == tied[0][0]]
    # orders the arithmetic backs equally agree where it reaches (the meta, the programados);
    # where they differ ('alcanzado T4' or '%' last, both printed '-' for a third quarter) the
    # column is nobody's: its numbers stay unplaced
    return [kinds[0] if all(k == kinds[0] for k in kinds) else UNKNOWN for kinds in zip(*(s for _, s in best))], best[
        0
    ][0]


def tokens_by_page_direction(
    seq: list[Kind], directions: list[list[list[str]]], chosen: int, pages: list[int | None], T: int
) -> list[list[str]]:
    """Each row's numbers in the direction its page's rows back best under ``seq``: tesseract
    segments each page anew, and wrote one page's row lines bottom-up and the next top-down
    (dev MIR OCR'd text 355: the rows of page 2 read against page 1's way); the document's
    way where a page's rows back both alike."""
    out = list(directions[chosen])
    for page in dict.fromkeys(pages):
        idx = [i for i, p in enumerate(pages) if p == page]
        held = [backing(seq, [d[i] for i in idx], T)[0] for d in directions]
        best = max(range(len(directions)), key=lambda d: (held[d], d == chosen))
        for i in idx:
            out[i] = directions[best][i]
    return out


def columns_of_count(seq: list[Kind], n: int, unmeasured: bool = False) -> list[Kind] | None:
    """The columns a row of ``n`` numbers is read against: the order itself, or the order without
    its last column when the row prints one number fewer and that column is one nobody can name
    (the '-' of a quarter not yet reported, lost from tesseract's text: dev MIR OCR'd text 155,
    page 2's rows eight numbers for nine columns, none read) or, for a row that does not measure
    the reported quarter (``unmeasured``: a semestral row in the third), the %, which such a row
    leaves blank (dev OCR'd text 123); None when the count fits neither."""
    if len(seq) == n:
        return seq
    if seq and (seq[-1] == UNKNOWN or (unmeasured and seq[-1][0] == "avance")) and len(seq) - 1 == n:
        return seq[:-1]
    return None


def backing(seq: list[Kind], tokens: list[list[str]], T: int) -> tuple[int, int]:
    """(rows whose every relation holds, rows where one fails) under one order of columns."""
    held = failed = 0
    for toks in tokens:
        columns = columns_of_count(seq, len(toks))
        if columns is None:
            continue
        if any(k == "alc" and q and q > T and value_of(t) for (k, q), t in zip(columns, toks)):
            failed += 1  # a number under an alcanzado not yet reported: the % or another column's
            continue
        numbers = {f: t for (k, q), t in zip(columns, toks) if (f := numeric_field(k, q, T))}
        relations = [ok for _, _, ok in row_relations(numbers, T, None)]
        held += bool(relations) and all(relations)
        failed += not all(relations)
    return held, failed


def rows_of_backed_order(
    parse: Callable[[list[Kind]], list[RowCells]], T: int
) -> tuple[int, int, list[RowCells]] | None:
    """(rows backed, values placed, rows) of the rows read (``parse``) against the order of
    columns their arithmetic backs best, for a head that names no order the rows back (OCR'd
    text of report 6972: 'Meta' over 'de' over 'Nivel Resumen … Comentario' over 'medida
    Primero Segundo Tercero Cuarto Primero … Anual Avance', its groups' line lost, read as one
    column: 5 of 120 numbers). Orders backed alike on as many values agree where the
    arithmetic reaches; a column where they differ is doubted on every row that fills it. None
    when no order is backed on ``MIN_BACKED_ROWS`` rows."""
    scored = []
    for seq in orders_of(T):
        rows = parse(seq)
        results = [[ok for *_, ok in row_relations(rc.numbers, T, rc.text.get("comentario"))] for rc in rows]
        held = sum(sum(r) for r in results)
        # checks that hold less those that fail: whole rows backed would favour an order without
        # the % column, whose rows carry one check fewer to fail (6972: 12 rows backed with its
        # eight printed %s dropped, 9 with them read)
        margin = held - (sum(len(r) for r in results) - held)
        backed = [bool(r) and all(r) for r in results]  # as heads.rows_backed counts a row
        named = sum(1 for k, q in seq if numeric_field(k, q, T))
        full = sum(ok for ok, rc in zip(backed, rows) if len(rc.numbers) >= named)
        scored.append((margin, full, sum(backed), sum(len(r.numbers) for r in rows), seq, rows))
    top = max(scored, key=lambda x: x[:4])
    # backed on rows that fill every column of the order: rows that print a few of their cells
    # (tesseract's text scattered one cell per line, report 6589: 3 of 12 rows backed on 5 or 6
    # numbers each) back an order by coincidence, and the line stream reads them better
    if top[1] < MIN_BACKED_ROWS:
        return None
    tied = [seq for *score, seq, _ in scored if score == list(top[:4]) and len(seq) == len(top[4])]
    differ = {k for i, k in enumerate(top[4]) if any(seq[i] != k for seq in tied)}
    for rc in top[5]:
        for kind, q in differ:
            if (name := numeric_field(kind, q, T)) and name in rc.numbers:
                rc.checks.append(f"{name}{DOUBTFUL_SUFFIX}=conflict")
        rc.notes.append(ARITHMETIC_ORDER_NOTE)
    return top[2], top[3], top[5]
