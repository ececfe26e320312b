"""A CONEVAL follow-up row whose cells an export joined with single spaces, cut back by content.

The working and institutional documents (Anexos B and D) print seven or eight columns; an OCR
export that joins a row's cells with one space leaves no column (ASM 7705, dev OCR'd text 95):

    1 Programación oportuna del ejercicio de los recursos del fondo Dirección General Realizar
    las gestiones ... subsecuente. Dirección Administrativa 30 de abril del 2026 Ejercicio
    oportuno de los recursos Conciliaciones mensuales Calendario de ejercicio del gasto

What each cell is made of cuts it: the date is the term's column and parts the row in two; an
administrative unit opens with its head word ('Dirección', 'Unidad', 'Coordinación' — the shared
``units`` vocabulary) where the word before it could end a cell; the actions open with an order
in the infinitive or a list mark. After the date, the expected result is the first phrase and
each phrase after it that opens with a capital is a product or evidence. A row whose cells do
not show these places in this order is not cut (the caller keeps it out: a failure, not a guess),
and every cut row says in its comment that it was cut by content.
"""

from __future__ import annotations

import regex

from papeleo.text import find_dates
from papeleo.text.units import unit_starts

from .interleaved import FOR_ITS, ORDER
from .labels import ACTIVIDAD, AREA_COORD, AREA_RESP, EVIDENCIAS, FECHA, NUMERO, PHRASE_JOINER_END, RESULTADOS, TEXTO

# the two annexes' columns, in print order (the number aside)
SHAPES = (
    (TEXTO, ACTIVIDAD, AREA_RESP, FECHA, RESULTADOS, EVIDENCIAS),  # Anexo B, documento de trabajo
    (TEXTO, AREA_COORD, ACTIVIDAD, AREA_RESP, FECHA, RESULTADOS, EVIDENCIAS),  # Anexo D, institucional
)
# the actions' first word: 'Realizar las gestiones', '• Depurar los registros', 'Para su atención'
ACTIONS_OPEN = regex.compile(r"(?:(?<=\s)|^)(?:[•▪●◦\-–—]\s*)?" + ORDER + r"|(?:(?<=\s)|^)" + FOR_ITS)
# a phrase of the results' side opening with a capital and a lower-case letter (not 'MIR')
PHRASE_OPEN = regex.compile(r"(?<=\s)\p{Lu}\p{Ll}")
# what a row not cut says, with its text, in its failure
UNCUT = (
    "a CONEVAL annex row whose cells the export joined with spaces could not be cut by content "
    "(a cell wraps onto the next line, or no unit, action or date marks the cuts); read it from the scan"
)
# how the row's cells were found, said on every row cut this way
COMMENT = (
    "celdas separadas por su contenido: la exportación unió las celdas de la fila con espacios "
    "(fecha, unidades administrativas y acciones marcan los cortes)"
)


def _unit_cuts(text: str) -> list[int]:
    """Where a unit's name may begin: its head word, after a word that can end a cell."""
    return [i for i in unit_starts(text) if i > 0 and not PHRASE_JOINER_END.search(text[:i])]


def cut_row(rest: str, roles: list[str | None]) -> dict[str, str] | None:
    """The cells of a single-spaced CONEVAL row (its text after the number), by role; None when
    the header is not one of the annexes' or the row does not show its cuts."""
    shape = tuple(r for r in roles if r is not None and r != NUMERO)
    if shape not in SHAPES:
        return None
    dates = find_dates(rest)
    if not dates:
        return None
    d = dates[-1]
    before, date, after = rest[: d.start].strip(), rest[d.start : d.span[1]].strip(), rest[d.span[1] :].strip()
    units = _unit_cuts(before)
    if not units:
        return None
    resp = units[-1]
    head = before[:resp]
    cells: dict[str, str] = {AREA_RESP: before[resp:].strip(), FECHA: date}
    start = 0
    if AREA_COORD in shape:
        coord = next((i for i in units if i < resp), None)
        if coord is None:
            return None
        cells[TEXTO], start = head[:coord].strip(), coord
    act = next((m.start() for m in ACTIONS_OPEN.finditer(head) if m.start() > start), None)
    if act is None:
        return None
    if AREA_COORD in shape:
        cells[AREA_COORD] = head[start:act].strip()
    else:
        cells[TEXTO] = head[:act].strip()
    cells[ACTIVIDAD] = head[act:].strip()
    phrases = [after[a:b].strip() for a, b in _spans(after)]
    cells[RESULTADOS] = phrases[0] if phrases else ""
    cells[EVIDENCIAS] = "; ".join(phrases[1:])
    if not all(cells[r] for r in (TEXTO, ACTIVIDAD, AREA_RESP)):
        return None
    if any(PHRASE_JOINER_END.search(cells[r]) for r in (TEXTO, AREA_COORD, ACTIVIDAD, AREA_RESP) if r in cells):
        return None  # a cell ending in 'de' or 'y' goes on on the next line: the row is read across
    return cells


def _spans(text: str) -> list[tuple[int, int]]:
    """The phrases after the date: each opens at a capital after a word that can end a cell."""
    cuts = [0] + [m.start() for m in PHRASE_OPEN.finditer(text) if not PHRASE_JOINER_END.search(text[: m.start()])]
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True) if text[a:b].strip()]
