"""An ASM row whose cells OCR wrote one piece per line, the columns taking turns.

Tesseract's plain text of a scanned table, when it finds each column's lines as blocks of their
own, writes a row's visual lines one cell piece at a time: line k of the finding, line k of the
activity, line k of the date, then line k+1 of each, a column dropping out once its cell ends
(real-path OCR'd text, generated ASM 7713 and 7719):

    3
    De igual manera, se encontró que no se
    a) Capacitar a las unidades operativas en su
    1 de Enero al 31 de
    documentan los criterios para seleccionar a los
    aplicación
    Marzo de 2024

Nothing marks the column of a piece, so each is given one from what it is and where the turn
stands: a piece made of a date's words is the date's; the first piece is the finding's; the
activity opens at an order ('Capacitar', 'Para su') or a list mark; a column whose last piece
closed a sentence has ended, so the piece is the other one's; with both open, the turn goes
finding → activity (the same visual line) and back to the finding on the next one.
"""

from __future__ import annotations

import regex

from papeleo.text import fold, parse_date
from papeleo.text.dates import damaged_month_of

from .interleaved import DATE_WORD, FOR_ITS, ORDER
from .labels import ACTIVIDAD, FECHA, TEXTO

# an activity's first piece: an order in the infinitive ('Implementar un plan', 'Diseñar e
# implementar'), 'Para su atención ...', or a list item opening with a capital ('a) Capacitar',
# '- Celebrar', '• Diseñar', 'Cc) Elaborar' where OCR doubled the item's letter)
ACTIVITY_OPENING = regex.compile(r"^(?:(?:[•▪●◦+»\-–]|[A-Za-z]{1,2}\))\s*)?" + ORDER + "|^" + FOR_ITS)
# a list item: its mark and the capital that opens it ('b) Emitir', '- Suscribir'); '- de los
# servicios' is a finding's line OCR gave a stray dash, not an item
LIST_ITEM = regex.compile(r"^(?:[•▪●◦+»\-–]|[A-Za-z]{1,2}\))\s*\p{Lu}")
# what OCR leaves around a date's piece: a rule's bar, a stray dash ('1 de Noviembre de-', 'S/F |')
PIECE_NOISE = regex.compile(r"^[\s|\-–—_'\"`.,;:]+|[\s|\-–—_'\"`,;:]+$")
# a stray mark OCR put before a piece ('6 . No existe un padrón': the piece after the number)
LEADING_NOISE = regex.compile(r"^[.,;:|]+\s+")
# a piece that closes its cell's sentence: '... financiados con el FONE.'
CLOSES = regex.compile(r"[.!?][\"”’)]?$")
# a word of a date's piece that carries it (not only 'de', 'al'): a number, a month, a quarter
DATE_CARRIER = regex.compile(r"\d|trimestre|semestre|s/f|n/a|definir")


def is_date_piece(text: str) -> bool:
    """The line is a piece of a date cell: every word is a word dates are made of (a month OCR
    damaged counts), and one of them carries the date ('Marzo de 2024', '2019', 'S/F |')."""
    core = PIECE_NOISE.sub("", text)
    if not core or (core.endswith(".") and parse_date(core) is None):
        return False  # '... del ejercicio 2024.' closes a sentence; a date cell does not
    words = [fold(w).strip("()") for w in core.split()]
    if not all(DATE_WORD.match(w) or damaged_month_of(w) for w in words):
        return False
    return any(DATE_CARRIER.search(w) or damaged_month_of(w) for w in words)


def _role(text: str, out: dict[str, list[str]], last: str | None) -> str:
    """The finding's or the activity's: whose turn it is and which of them can still go on."""
    if not out[TEXTO]:
        return TEXTO
    opens = ACTIVITY_OPENING.match(text) is not None
    if not out[ACTIVIDAD]:
        return ACTIVIDAD if opens else TEXTO
    if LIST_ITEM.match(text):
        return ACTIVIDAD
    finding_open = not CLOSES.search(out[TEXTO][-1])
    activity_open = not CLOSES.search(out[ACTIVIDAD][-1])
    if not finding_open:
        return ACTIVIDAD
    if last == TEXTO and (activity_open or opens):
        return ACTIVIDAD  # the activity's piece on the finding's visual line
    return TEXTO


def assign(lines: list[str], dated: bool) -> list[str]:
    """Each piece's column (TEXTO, ACTIVIDAD or FECHA), in order."""
    out: dict[str, list[str]] = {TEXTO: [], ACTIVIDAD: [], FECHA: []}
    roles: list[str] = []
    last: str | None = None
    for text in lines:
        role = FECHA if dated and out[TEXTO] and is_date_piece(text) else _role(text, out, last)
        out[role].append(text)
        roles.append(role)
        last = role
    return roles


def stacked_cells(lines: list[str], roles: list[str | None]) -> dict[str, list[str]] | None:
    """The finding's, activity's and date's pieces of a row written one piece per line; None
    when no activity opens (the row is not written so)."""
    pieces = [ln.strip() for ln in lines if ln.strip()]
    dated = FECHA in roles
    cells: dict[str, list[str]] = {TEXTO: [], ACTIVIDAD: [], FECHA: []}
    for text, role in zip(pieces, assign(pieces, dated), strict=True):
        cells[role].append(PIECE_NOISE.sub("", text) if role == FECHA else LEADING_NOISE.sub("", text))
    if not cells[ACTIVIDAD]:
        return None
    if dated:
        cells[FECHA] = [" ".join(cells[FECHA])] if cells[FECHA] else []
    else:
        del cells[FECHA]
    return cells


def looks_stacked(lines: list[str], roles: list[str | None]) -> bool:
    """A date's piece on a line of its own with the row's text going on under it: only a row
    written one piece per line does that (read across, a line holding only the date's piece
    comes after the finding and the activity have ended)."""
    if FECHA not in roles:
        return False
    pieces = [ln.strip() for ln in lines if ln.strip()]
    marks = [is_date_piece(t) for t in pieces]
    return any(m and not nxt for m, nxt in zip(marks[1:], marks[2:]))


def next_rows_start(lines: list[str], roles: list[str | None]) -> int:
    """Where the row's trailing piece that opens the next row's finding is (``len(lines)`` for
    none). OCR may write a finding's first line before its row's number ('Además, los
    indicadores de la Matriz de' / '3' / 'Rediseñar la MIR ...'): the caller asks only when the
    next row opens with its activity, and the piece is that finding's when it starts a sentence
    after this row's finding has closed its own."""
    pieces = [ln.strip() for ln in lines]
    k = len(pieces)
    last = pieces[-1] if pieces else ""
    if k < 2 or not last[:1].isupper() or ACTIVITY_OPENING.match(last) or is_date_piece(last):
        return k
    got = assign(pieces[:-1], FECHA in roles)
    finding = [p for p, r in zip(pieces[:-1], got, strict=True) if r == TEXTO]
    return k - 1 if finding and CLOSES.search(finding[-1]) else k


def opens_without_finding(text: str) -> bool:
    """A row's first piece is its activity's: its finding's first line came before its number."""
    return ACTIVITY_OPENING.match(text.strip()) is not None
