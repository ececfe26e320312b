"""ASM tables in OCR'd text written one cell per paragraph: the number, then each cell, blank lines between.

Some OCR tools write a table cell by cell, each cell a paragraph of its own ('1', blank, the
finding's lines, blank, the activity's lines, blank, 'cuarto trimestre 2019'), and the header
the same way, one label per paragraph ('No.', 'Hallazgo', 'Actividad comprometida', 'Fecha de
cumplimiento'). The header gives the columns in order; a paragraph that is only a number opens
a row, and the paragraphs after it are its cells in the header's order. A paragraph more than
the header has columns is prose: the table has ended; one that starts in lower case is more of
the cell before it (a cell's lines split by a blank line).
"""

from __future__ import annotations

import logging

from papeleo.text import parse_date

from .labels import FECHA, NUMERO, RECOMENDACION, TEXTO, clean_label, role_of, row_number
from .pagelines import PAGE_NUMBER
from .raw_row import CellLine, RawRow
from .records import MAX_DATE_EXTRA_WORDS
from .spaced_head import header_roles

log = logging.getLogger(__name__)


def _paragraphs(pages: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """(page, lines) of each run of non-blank lines."""
    out: list[tuple[int, list[str]]] = []
    for number, lines in pages:
        run: list[str] = []
        for text in [*lines, ""]:
            if text.strip():
                run.append(text.strip())
            elif run:
                out.append((number, run))
                run = []
    return out


def cell_rows(pages: list[tuple[int, list[str]]]) -> list[RawRow]:
    """Rows of the one-cell-per-paragraph ASM tables on the pages (page number, line texts)."""
    rows: list[RawRow] = []
    roles: list[str] | None = None
    labels: list[str] = []  # a header being read label by label
    tipo, current, cell = "hallazgo", None, 0
    for number, lines in _paragraphs(pages):
        joined = " ".join(lines)
        role = role_of(joined) if len(lines) <= 2 else None
        if role == NUMERO or (labels and role is not None):
            labels.append(role)
            if role == TEXTO:
                tipo = "recomendacion" if RECOMENDACION.search(clean_label(joined)) else "hallazgo"
            continue
        if labels:
            if TEXTO in labels:
                roles, current = labels, _drop_empty(rows, current)
            labels = []
        # a header is a paragraph of its own, or the first line of one whose other lines are rows
        # written on one line each (tab-separated; other readers read those): the rows written
        # a cell per paragraph later in that table are this reader's (dev OCR'd text 73)
        spaced = header_roles(joined) or (header_roles(lines[0]) if len(lines) > 1 else None)
        if spaced is not None:
            (roles, tipo) = spaced
            _drop_empty(rows, current)
            # ... and its last line a lone number: a row whose cells follow
            current, cell = _opened(rows, tipo, row_number(lines[-1]) if len(lines) > 1 else None, number)
            continue
        if roles is None or (len(lines) == 1 and PAGE_NUMBER.match(joined) and row_number(joined) is None):
            continue
        if len(lines) > 1 and all("\t" in ln for ln in lines[:-1]) and ("\t" in lines[-1] or row_number(lines[-1])):
            # rows written one line each, tab-separated (other readers read those), the last line
            # maybe the next row's lone number: the table goes on (dev OCR'd text 73 lost row 9)
            current, cell = _opened(rows, tipo, row_number(lines[-1]), number)
            continue
        n = row_number(joined) if len(lines) == 1 else None
        if n is not None:
            current, cell = _opened(rows, tipo, n, number)
            continue
        if (
            current is not None
            and cell > 1
            and lines[0][:1].islower()
            and roles[cell - 1] not in (None, FECHA)
            and not _is_next_date(roles, cell, joined)
        ):
            for ln in lines:  # a cell's lines split by a blank line: a sentence does not start in lower case
                current.add(roles[cell - 1], CellLine(ln, 0.0, float(len(ln))))
            continue
        if current is None or cell >= len(roles):
            roles, current = None, None  # more paragraphs than columns: prose after the table
            continue
        if roles[cell] == FECHA:
            current.fecha_lines.append(joined)
        elif roles[cell] is not None:
            for ln in lines:
                current.add(roles[cell], CellLine(ln, 0.0, float(len(ln))))
        cell += 1
    log.debug("cells: %d rows", len(rows))
    return rows


def _opened(rows: list[RawRow], tipo: str, n: int | None, page: int) -> tuple[RawRow | None, int]:
    """The row a number opens, appended to ``rows``, and its first cell's index; none without one."""
    if n is None:
        return None, 0
    rows.append(RawRow(tipo, n, page))
    return rows[-1], 1


def _is_next_date(roles: list[str], cell: int, text: str) -> bool:
    """The paragraph is the row's date, due next: 'tercer trimestre de 2019' starts in lower case
    like more of the cell before, but the date column comes next and it is a date."""
    if cell >= len(roles) or roles[cell] != FECHA:
        return False
    d = parse_date(text)
    return d is not None and len(text.split()) - len(d.raw.split()) <= MAX_DATE_EXTRA_WORDS


def _drop_empty(rows: list[RawRow], current: RawRow | None) -> None:
    """A header after a lone number: the number was the page's, not a row's."""
    if current is not None and not current.cells and not current.fecha_lines and rows and rows[-1] is current:
        rows.pop()
    return None
