"""An ASM table in OCR'd text whose findings column OCR wrote apart, after the table.

Page segmentation may take a table's widest text column for a block of its own and write it
after the rest of the table: the rows keep their numbers, activities and dates, and their
findings follow the table as paragraphs, one per row, in the rows' order (generated ASM 7815
and 7959; the damage channel's ``column_detached``). Read as they come, each row's activity
fills its finding's place and the findings are lost, with no flag.

Such a table shows it: its rows have one text cell, and that cell opens as activities do (an
order in the infinitive, a list mark, 'Para su atención ...'). When as many paragraphs follow
the table as it has rows, each goes back to its row in order, said on the record; when the
counts differ, no finding is guessed: each row keeps its activity as the activity and becomes a
failure that says the findings were written apart.
"""

from __future__ import annotations

import logging

from papeleo.text import fold

from .grid import LEAD_IN
from .labels import ACTIVIDAD, TEXTO, row_number
from .pagelines import PAGE_NUMBER
from .paragraphs import RUNNING_QUOTE
from .raw_row import CellLine, RawRow
from .spaced_dates import is_date_line
from .spaced_head import CLAUSE_HEADING, header_roles
from .stacked import ACTIVITY_OPENING, CLOSES

log = logging.getLogger(__name__)

# a table's rows whose one text cell opens as an activity: this share of them, and this many at
# least; a table whose cells were only cut in the wrong place has findings opening some rows
DETACHED_SHARE = 0.75
MIN_DETACHED_ROWS = 2
# how a reattached finding is said on its record, and what a row says when none could be
REATTACHED = (
    "texto: el OCR escribió la columna de hallazgos aparte, después de la tabla; cada párrafo "
    "se devolvió a su fila por orden (revisar contra el documento)"
)
UNMATCHED = (
    "the findings column was written apart from its table (after it) and its paragraphs do not "
    "match the rows one to one; read this row's finding from the document"
)


def _whole_text(row: RawRow) -> list[CellLine]:
    """The row's text lines as one cell: with no finding in the row, what the reader took for its
    finding is its activity's first piece, or, going on in lower case, its activity's next."""
    texto, actividad = row.cells.get(TEXTO, []), row.cells.get(ACTIVIDAD, [])
    if texto and texto[0].text.strip()[:1].islower():
        return actividad + texto
    return texto + actividad


def _opens_activity(row: RawRow) -> bool:
    """No finding opens the row: what the reader took for its finding opens as an activity, or
    goes on in lower case (the second line of an activity the row read first), or is empty."""
    texto = row.cells.get(TEXTO, [])
    first = texto[0].text.strip() if texto else ""
    return not first[:1].isupper() or ACTIVITY_OPENING.match(first) is not None


def _groups(rows: list[RawRow]) -> list[list[RawRow]]:
    """The rows by table: consecutive rows of one kind."""
    out: list[list[RawRow]] = []
    for r in rows:
        if out and out[-1][-1].tipo == r.tipo and r.numero >= out[-1][-1].numero:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def _anchor(flat: list[str], row: RawRow) -> int | None:
    """The index of the last line that holds any of the row's text as read."""
    probes = [c.text.strip()[:30] for cells in row.cells.values() for c in cells if c.text.strip()]
    hits = [i for i, ln in enumerate(flat) if any(p in ln for p in probes)]
    return hits[-1] if hits else None


def _ends_paragraphs(text: str) -> bool:
    """A line after which no detached cell comes: the next table, a clause, a numbered row."""
    first = text.split()[0] if text.split() else ""
    numbered = row_number(first) is not None and len(text.split()) > 1
    return bool(CLAUSE_HEADING.match(text) or header_roles(text) or numbered) or LEAD_IN.match(fold(text)) is not None


def paragraphs_after(flat: list[str], start: int) -> list[str]:
    """The paragraphs after line ``start``: blank-separated, one going on in lower case joined to
    the one before (a blank line OCR put inside a cell), a capital after a full stop opening the
    next; the row's own date paragraphs, page numbers and running mottos left out."""
    paras: list[list[str]] = []
    gap = True
    for text in (ln.strip() for ln in flat[start + 1 :]):
        if not text:
            gap = True
            continue
        if _ends_paragraphs(text):
            break
        if PAGE_NUMBER.match(text) or RUNNING_QUOTE.match(text) or (not paras and is_date_line(text)):
            continue
        joins = paras and (text[:1].islower() or not (gap or CLOSES.search(paras[-1][-1])))
        if joins:
            paras[-1].append(text)
        else:
            paras.append([text])
        gap = False
    return [" ".join(p) for p in paras if not is_date_line(" ".join(p))]


def reattached(rows: list[RawRow], pages: list[tuple[int, list[str]]]) -> list[RawRow]:
    """The rows with each table's detached findings put back (see the module's docstring)."""
    flat = [ln for _, lines in pages for ln in lines]
    for group in _groups(rows):
        if len(group) < MIN_DETACHED_ROWS:
            continue
        opening = sum(1 for r in group if _opens_activity(r))
        if opening < DETACHED_SHARE * len(group):
            continue
        at = _anchor(flat, group[-1])
        paras = paragraphs_after(flat, at) if at is not None else []
        # a row the page segmenter wrote whole (its cells one after another) keeps its finding
        # while the rest lost theirs: the paragraphs then match the rows that lost one
        lost = group if len(paras) == len(group) else [r for r in group if _opens_activity(r)]
        matched = len(paras) == len(lost) and not any(ACTIVITY_OPENING.match(p) for p in paras)
        log.debug("detached: %d rows of %s, %d paragraphs after the table", len(group), group[0].tipo, len(paras))
        if not matched and opening < len(group):
            continue  # a finding opens some row: the table has its findings
        for k, r in enumerate(lost if matched else group):
            r.cells[ACTIVIDAD] = _whole_text(r)
            r.cells.pop(TEXTO, None)
            if matched:
                r.cells[TEXTO] = [CellLine(paras[k], 0.0, float(len(paras[k])))]
                r.reattached = True
            else:
                r.note = UNMATCHED
    return rows
