"""Row numbers OCR misread, put back from their neighbours' — and said so.

An ASM table numbers its rows 1, 2, 3 ... in order. On a scan a '1' may come out '4' or '7'
(dev ASM scan 17: '4' for row 1, and the real row 4 was then taken for a repeat of it and
folded into it). A number that breaks the run its neighbours make is read back from them: the
row between 3 and 5 is 4; a first row whose number is not below the next one's is that number
less one; where the agreement states how many rows it lists and as many were read, a single
number off its place is its place. The row's ``corrected`` field and comment say what was printed and why it was
changed; nothing else is inferred (a number the neighbours do not pin down stays as read).
"""

from __future__ import annotations

from .labels import ACTIVIDAD, TEXTO
from .raw_row import RawRow


def renumbered(rows: list[RawRow], stated: dict[str, int] | None = None) -> list[RawRow]:
    """The rows with each misread number read back from its neighbours in the same kind of
    table (findings, recommendations), in document order. Sets ``read_numero`` on a row whose
    number was changed. ``stated``: the rows of each kind the agreement says it lists ('una (1)
    recomendación'); where as many were read and one alone is off its place, its place is its
    number (a lone recommendation read '4', dev ASM scan 17)."""
    rows = placed(rows, stated or {})
    by_kind: dict[str, list[RawRow]] = {}
    for r in rows:
        by_kind.setdefault(r.tipo, []).append(r)
    for kind, run in by_kind.items():
        off = [k for k, r in enumerate(run) if r.numero != k + 1]
        if stated and stated.get(kind) == len(run) and len(off) == 1:
            r = run[off[0]]
            r.read_numero, r.numero = str(r.numero), off[0] + 1
            continue
        for k, r in enumerate(run):
            nxt = run[k + 1].numero if k + 1 < len(run) else None
            if k == 0:
                # the first row: the next one says it, when it is 2 or more and this one not below it
                want = nxt - 1 if nxt is not None and nxt >= 2 and r.numero >= nxt else None
            else:
                prev = run[k - 1].numero
                # between two rows two apart, the one number that fits: 3, [8], 5 -> 4; a repeat
                # (3, 3, 4: a row read again after a page break) is left to be joined
                want = prev + 1 if nxt is not None and nxt - prev == 2 and r.numero != prev + 1 else None
            if want is not None:
                r.read_numero = str(r.numero)
                r.numero = want
    return rows


def placed(rows: list[RawRow], stated: dict[str, int] | None = None) -> list[RawRow]:
    """Tentative rows (a garbled number cell, or lines after a finished row's date row) numbered
    where their neighbours leave one number for them — between n and n + 2 (a run of m such rows
    between n and n + m + 1), 1 before a table's
    2, or after the last row when the agreement states one more — else joined to the row above,
    as read before (a table's first row, which has none, is left out as before)."""
    out: list[RawRow] = []
    for k, r in enumerate(rows):
        if not r.tentative:
            out.append(r)
            continue
        prev = next((x for x in reversed(out) if x.tipo == r.tipo and not x.tentative), None)
        later = [x for x in rows[k + 1 :] if x.tipo == r.tipo]
        # a run of rows whose number cells OCR garbled (1, 'Z', 'S', 4: dev ASM scan 8520) is
        # numbered in order when the run fills the gap exactly; its first row is numbered here,
        # the rest by the rule for one row between two. Rows with no number cell read at all
        # are no such run: lines after a row's date row are as likely its own (dev OCR'd text 98)
        run = 1
        while r.read_numero and run <= len(later) and _garbled(later[run - 1]):
            run += 1
        nxt = later[run - 1] if run <= len(later) else None
        if r.opens:  # a table's first row: 1 when the next is 2; no row above is of its table
            if nxt is not None and not nxt.tentative and nxt.numero == 2:
                r.numero, r.tentative = 1, False
        elif prev is not None and nxt is not None and not nxt.tentative and nxt.numero - prev.numero == run + 1:
            r.numero, r.tentative = prev.numero + 1, False
        elif prev is not None and nxt is None and (stated or {}).get(r.tipo) == prev.numero + 1:
            r.numero, r.tentative = prev.numero + 1, False
        elif prev is not None and nxt is None and out[-1] is prev and _whole(prev) and _whole(r):
            # the last row, its number lost, with a finding, an activity and a date of its own
            # under a row that has all three: joined, the row above would hold two dates (dev
            # ASM scan 0: '30 de JUNIO del 2026 . 31 de OCTUBRE del 2025', both rows lost)
            r.numero, r.tentative = prev.numero + 1, False
        if not r.tentative:
            out.append(r)
        elif out and not r.opens and out[-1].tipo == r.tipo:
            _join(out[-1], r)
    return out


def _garbled(row: RawRow) -> bool:
    """A row started by a number cell OCR garbled ('Z'), not the first of its table."""
    return row.tentative and bool(row.read_numero) and not row.opens


def _whole(row: RawRow) -> bool:
    """A row with a finding, an activity and a date of its own."""
    return bool(row.cells.get(TEXTO)) and bool(row.cells.get(ACTIVIDAD)) and any(t.strip() for t in row.fecha_lines)


def _join(row: RawRow, more: RawRow) -> None:
    for role, lines in more.cells.items():
        for ln in lines:
            row.add(role, ln)
    row.fecha_lines += more.fecha_lines
    row.pieced |= more.pieced
    row.boxes += more.boxes
    row.date_area += more.date_area
