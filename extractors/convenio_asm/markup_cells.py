"""A Markdown or tab-separated ASM row's cells as OCR left them, put back in their columns.

OCR loses or misreads the bars between a row's cells: a number glued to its finding, a cell cut
in two by an 'l' read as a bar, a finding and its activity run together before the date, a
CONEVAL row a cell short with its date one column left, a last piece alone under its row. Each
function takes the row's cell texts and the table's roles and returns the texts in their columns,
or the texts as they were when the row shows no such damage (``markup`` applies them in turn).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papeleo.text import parse_date

from .coneval_line import cut_row
from .labels import ACTIVIDAD, AREA_RESP, EVIDENCIAS, FECHA, JOINER_END, NUMERO, RESULTADOS, TEXTO, row_number
from .paragraphs import MAX_DATE_LINE_CHARS, MERGED_NUMBER
from .raw_row import RawRow
from .records import MAX_DATE_EXTRA_WORDS
from .spaced import split_cells
from .stacked import ACTIVITY_OPENING, CLOSES

# a cell closing with a year, perhaps damaged: 'Segundo Semastre de 2022', 'Junio 2o23', '20Z1', '01/12/Z020'
YEAR_END = re.compile(r"\b[12Z][0-9oOlIZSB]{3}\W*$")
# a damaged date's words at most ('1 de Mayo al 30 de Septiembre de 2O2O'); more is a sentence
MAX_DAMAGED_DATE_WORDS = 9


def filled_width(texts: Sequence[str]) -> int:
    """The cells of a row up to its last filled one: the reader pads rows to the table's width."""
    filled = len(texts)
    while filled and not texts[filled - 1].strip():
        filled -= 1
    return filled


def number_split(texts: list[str], roles: list[str | None]) -> list[str]:
    """'| 3 No se publican ... | Habilitar ... |': a row whose number lost its bar, split back. It
    may have as many cells as the table all the same, when OCR read an 'l' of its text as a bar
    ('| 3 Tambien ... de |os servicios ... | Depurar ... |', dev OCR'd text 114): a piece going on
    in lower case shows it, and ``split_cell_joined`` puts it back."""
    if not texts or not roles or roles[0] != NUMERO or row_number(texts[0].strip()) is not None:
        return texts
    m = MERGED_NUMBER.match(texts[0])
    filled = filled_width(texts)
    cut_by_bar = any(t.strip()[:1].islower() for t in texts[1:filled])
    if m is None or (filled >= len(roles) and not (filled == len(roles) and cut_by_bar)):
        return texts
    return [m["n"], m["rest"], *texts[1:filled]]


def split_cell_joined(texts: list[str], roles: list[str | None]) -> list[str]:
    """A row with one cell more than its table has columns (OCR split a cell: '| Conciliación |
    cle la información ... |', ASM dev seed 74) with the split undone where the row then fits:
    its date column holding a date, and the right piece going on in lower case. A table with no
    date column (its dates in rows of their own) has only the lower-case pieces to go by, one
    per cell too many ('| Por ü|timo, se o6servó ... | ... objetivos de| programa ... |': OCR
    read an 'l' as the bar twice, ASM 7726)."""
    filled = filled_width(texts)
    width = max((i + 1 for i, r in enumerate(roles) if r is not None), default=0)  # unnamed columns aside
    if FECHA not in roles and filled > width:
        # as many pieces in lower case as cells too many: each goes back on the cell before it
        goes_on = [k for k in range(1, filled - 1) if texts[k + 1].strip()[:1].islower()]
        if len(goes_on) != filled - width:
            return texts
        out = list(texts[:filled])
        for k in reversed(goes_on):
            out[k : k + 2] = [f"{out[k].strip()} {out[k + 1].strip()}".strip()]
        return out
    if filled != width + 1:
        return texts
    at = roles.index(FECHA)
    best, best_score = texts, (False, 0, False, False)
    for k in range(1, filled - 1):
        joined = [*texts[:k], f"{texts[k].strip()} {texts[k + 1].strip()}".strip(), *texts[k + 2 : filled]]
        d = parse_date(joined[at])
        # a date in its column first, the most of it ('30 de | SEPTIEMBRE de 2020' is one date
        # cut, not 'SEPTIEMBRE de 2020' after an activity ending '30 de'), else a year closing
        # that column (a date OCR damaged: 'Segundo Semastre de 2022', ASM 7728), then a piece
        # that goes on: in lower case, or after a word that cannot end a cell ('Departamento de')
        score = (
            d is not None,
            len(d.raw) if d else 0,
            YEAR_END.search(joined[at]) is not None,
            texts[k + 1].strip()[:1].islower() or JOINER_END.search(texts[k]) is not None,
        )
        if score > best_score:
            best, best_score = joined, score
    return best


def is_date_cell(cell: str) -> bool:
    """A cell that reads as a date, or closes with a year OCR damaged ('Noviembre 20Z1'), and
    holds little else: an activity that ends with a date in its sentence (an order: 'Publicar el
    informe en diciembre de 2020') is no date cell."""
    if ACTIVITY_OPENING.match(cell.strip()):
        return False
    d = parse_date(cell)
    if d is not None:
        rest = cell[: d.start] + " " + cell[d.span[1] :]
        return len(rest.split()) <= MAX_DATE_EXTRA_WORDS
    return YEAR_END.search(cell.strip()) is not None and len(cell.split()) <= MAX_DAMAGED_DATE_WORDS


def merged_cells_split(texts: list[str], roles: list[str | None]) -> list[str]:
    """A row one cell short whose last cell is its date: OCR lost the bar between the finding and
    the activity ('| 4 | El personal ... al FAM. Impartir cursos ... | 30 de Septiembre 20Z1 |',
    ASM 7725), and the date moved into the activity's column. The date goes back to its column
    and the two cells are cut where the finding's sentence ends and the activity's order starts
    (the single-spaced reader's cut); a cell that shows no such place keeps it all, and the
    activity is left empty (a missing cell, not the date in its place)."""
    if not all(r in roles for r in (TEXTO, ACTIVIDAD, FECHA)):
        return texts
    ti, ai, at = roles.index(TEXTO), roles.index(ACTIVIDAD), roles.index(FECHA)
    if ai != ti + 1 or at != ai + 1 or filled_width(texts) != at:
        return texts
    date = texts[ai].strip()
    if len(date) > MAX_DATE_LINE_CHARS or not is_date_cell(date):
        return texts
    texto, actividad = split_cells(texts[ti].strip())
    if not texto.strip() or not actividad.strip():
        # no activity inside the finding's cell: the row has none to read (the export lost the
        # column, dev OCR'd text 71); its date still goes to the date, not to the activity
        return [*texts[:ti], texts[ti], "", date, *texts[at + 1 :]]
    return [*texts[:ti], texto.strip(), actividad.strip(), date, *texts[at + 1 :]]


def coneval_cell_lost(texts: list[str], roles: list[str | None]) -> list[str] | None:
    """A CONEVAL annex row one cell short, its date one column left of the date's: OCR lost a
    bar between two cells before the date ('... de beneficiarios Subdirección de Planeación |',
    dev OCR'd text 26: the results were read as its date, the row a failure). The cells before
    the date are cut again by content, as a row exported with spaces is (``coneval_line``), and
    the cells after it move back right; None when the row is not so or does not show its cuts."""
    if roles[:1] != [NUMERO] or FECHA not in roles or AREA_RESP not in roles:
        return None
    width = max(i + 1 for i, r in enumerate(roles) if r is not None)
    at, filled = roles.index(FECHA), filled_width(texts)
    if filled != width - 1 or at < 2 or not is_date_cell(texts[at - 1]) or is_date_cell(texts[at]):
        return None
    cells = cut_row(" ".join(t.strip() for t in texts[1:at]), roles)
    if cells is None:
        return None
    out = [texts[0], *[""] * (len(roles) - 1)]
    for role, cell in cells.items():
        if role not in (RESULTADOS, EVIDENCIAS):
            out[roles.index(role)] = cell
    for k in range(at, filled):
        out[k + 1] = texts[k]
    return out


def shifted_piece(texts: list[str], roles: list[str | None], row: RawRow) -> list[str]:
    """A row's last piece under it, alone and a cell short ('|  | sistema de información. |'
    under '| 3 ... homogéneas. | Depurar ... en el |', dev OCR'd text 114): the bars do not say
    whose it is, so it goes on the one of the row's finding and activity that has not closed its
    sentence, when only one has not (the row says its cells were pieced); else as it stands."""
    pieces = [k for k, t in enumerate(texts) if t.strip()]
    if len(pieces) != 1 or filled_width(texts) >= len(roles) or TEXTO not in roles or ACTIVIDAD not in roles:
        return texts
    open_cells = [
        r for r in (TEXTO, ACTIVIDAD) if row.cells.get(r) and not CLOSES.search(row.cells[r][-1].text.strip())
    ]
    if len(open_cells) != 1 or roles[pieces[0]] == open_cells[0]:
        return texts
    out = [""] * len(roles)
    out[roles.index(open_cells[0])] = texts[pieces[0]]
    row.pieced = True
    return out
