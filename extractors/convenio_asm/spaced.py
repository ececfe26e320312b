"""ASM tables in OCR'd text whose cells are joined by single spaces, one row per line.

Some OCR tools write a table row as its cells one after the other with one space between
('1 No existe un padrón único ... Integrar el padrón ... 30 de Noviembre 2025'), and the
header the same way ('Núm. Hallazgo Actividades comprometidas Fecha comprometida'). No
column survives, so the cells are cut by what they are: the number opens the line, a date
column (when the header names one last) is the date that closes it, and the finding and
its activity meet where a sentence ends and an infinitive starts — an agreement words its
activities as orders ('Integrar', 'Elaborar', 'Implementar') or as a list ('• Depurar').
A 'Fecha comprometida ...:' line under a row is its date. Only tables of number, text,
activity and date are read this way: with more text columns the cut is a guess.
"""

from __future__ import annotations

import logging

import regex
from rapidfuzz import fuzz

from papeleo.text import Precision, find_dates

from .grid import PAGE_NUMBER, CellLine, RawRow
from .labels import (
    ACTIVIDAD,
    FECHA,
    LABEL_FLOOR,
    LABELS,
    NUMERO,
    RECOMENDACION,
    TEXTO,
    clean_label,
    fecha_label_end,
    role_of,
    row_number,
)

log = logging.getLogger(__name__)

# where a finding ends and its activity starts: after '.', ':' or ';', before an infinitive
# ('... del FASP. Implementar un plan') or a list mark ('... delincuencia. • Detectar')
ACTIVITY_START = regex.compile(r"(?<=[.:;])\s+(?=(?:[•▪●◦\-–]\s*)?\p{Lu}\p{Ll}+(?:ar|er|ir)\b|[•▪●◦]\s|[\-–]\s+\p{Lu})")
# else where a sentence ends and a capital starts ('... vigente. Alinear')
SENTENCE_END = regex.compile(r"(?<=\.)\s+(?=\p{Lu})")
# a damaged date that closes a row: up to three words before a year, itself perhaps damaged
# ('28 de Diciem6re 2025', 'cuarto trimestre 2o20')
DAMAGED_DATE = regex.compile(r"(?:(?<=\s)[^\s.;:]+\s+){0,3}[12][0-9oOlI]{3}$")
# a day OCR garbled before a month that closes a row ('Z8 de' in '... proyecto. Z8 de febrero de
# 2026', ASM dev 41): kept with the date, whose month alone would be a guess
DAMAGED_DAY = regex.compile(r"(?:(?<=\s)|^)[0-9OoIlZzSB|]{1,2}\s+(?:d|cl)[ec]\s+$")
# an empty or deferred date closing a row: 'N/A', 'Por definir', 'S/F', 'Sin fecha'
NO_DATE_TAIL = regex.compile(r"\s(?:n\s*/\s*a|por\s+definir|s\s*/\s*f|sin\s+fecha|no\s+aplica)\W*$", regex.I)
# lines that are neither rows nor date rows a table may hold in a run (a page's running lines and
# a repeated header printed one label per line); more is prose after the table
MAX_WAIT = 6


def _header_roles(text: str) -> tuple[list[str], str] | None:
    """The roles a single-spaced header names, in the order it names them, and the table's kind;
    None if it is not a number / text / activity (/ date) header. Each label is matched on a
    window of as many words as it has, as fuzzily as a header cell ('Recomenclacíon')."""
    words = clean_label(text).split()
    if not words or words[0] not in ("no", "num", "n", "#", "nº", "n°"):
        return None
    found: dict[str, tuple[int, str]] = {}
    for role, stems in LABELS.items():
        if role == NUMERO:
            continue
        for stem in stems:
            size = len(stem.split())
            for k in range(1, len(words) - size + 1):
                if fuzz.ratio(" ".join(words[k : k + size]), stem) >= LABEL_FLOOR:
                    if k < found.get(role, (len(words), ""))[0]:
                        found[role] = (k, stem)
                    break
    roles = [r for r, _ in sorted(found.items(), key=lambda kv: kv[1][0])]
    if roles not in ([TEXTO, ACTIVIDAD], [TEXTO, ACTIVIDAD, FECHA]):
        return None
    tipo = "recomendacion" if RECOMENDACION.search(found[TEXTO][1]) else "hallazgo"
    return [NUMERO, *roles], tipo


def _split_date(rest: str) -> tuple[str, str]:
    """(cells before the date, the date as printed or '') of a row whose last column is its date."""
    m = NO_DATE_TAIL.search(rest)
    if m:
        return rest[: m.start()], m.group().strip()
    dates = find_dates(rest)
    if dates and not rest[dates[-1].span[1] :].strip(" .,;"):
        start = dates[-1].span[0]
        if dates[-1].range_from is not None:
            start = min(start, dates[-1].range_from.span[0])
        elif dates[-1].precision == Precision.MONTH:
            lost = DAMAGED_DAY.search(rest[:start])
            start = lost.start() if lost else start
        return rest[:start], rest[start:]
    m = DAMAGED_DATE.search(rest)
    if m:  # a date OCR damaged: kept as printed so that the row becomes a failure, not a guess
        return rest[: m.start()], m.group()
    return rest, ""


def _split_cells(text: str) -> tuple[str, str]:
    m = ACTIVITY_START.search(text) or SENTENCE_END.search(text)
    if m is None:
        return text, ""
    return text[: m.start()], text[m.end() :]


def spaced_rows(pages: list[tuple[int, list[str]]]) -> list[RawRow]:
    """Rows of the single-spaced ASM tables on the pages (page number, line texts)."""
    rows: list[RawRow] = []
    roles: list[str] | None = None
    tipo = "hallazgo"
    current: RawRow | None = None
    waiting = 0
    for number, lines in pages:
        for text in lines:
            text = text.strip()
            if not text or PAGE_NUMBER.match(text):
                continue
            hdr = _header_roles(text)
            if hdr is not None:
                (roles, tipo), current = hdr, None
                continue
            if roles is None:
                continue
            end = fecha_label_end(text)
            if end is not None:
                if current is not None:
                    current.fecha_lines.append(text[end:])
                current = None
                continue
            first, _, rest = text.partition(" ")
            n = row_number(first)
            if n is not None and rest:
                current = _row(tipo, n, number, rest, roles)
                rows.append(current)
                waiting = 0
                continue
            if role_of(text) is not None:
                continue  # a header's label on a line of its own (a header repeated on a new page)
            waiting += 1
            if waiting > MAX_WAIT:
                roles, current = None, None  # prose: the table has ended
    log.debug("spaced: %d rows", len(rows))
    return rows


def _row(tipo: str, n: int, page: int, rest: str, roles: list[str]) -> RawRow:
    row = RawRow(tipo, n, page)
    fecha = ""
    if FECHA in roles:
        rest, fecha = _split_date(rest)
        row.fecha_lines.append(fecha)
    texto, actividad = _split_cells(rest.strip())
    for role, cell in ((TEXTO, texto), (ACTIVIDAD, actividad)):
        if cell.strip():
            row.add(role, CellLine(cell.strip(), 0.0, float(len(cell.strip()))))
    return row
