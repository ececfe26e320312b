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
from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from papeleo.text import Precision, find_dates, fold, parse_date
from papeleo.text.dates import DE_LOOKALIKE, damaged_month_of, month_of

from .grid import CellLine, RawRow
from .interleaved import interleaved_cells
from .labels import (
    ACTIVIDAD,
    FECHA,
    GARBLED_DAY,
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
from .pagelines import PAGE_NUMBER

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
# 2026', ASM dev 41; 'a0 de'): kept with the date, whose month alone would be a guess
DAMAGED_DAY = regex.compile(rf"(?:(?<=\s)|^){GARBLED_DAY}\s+(?:d|cl)[ec]\s+$")
# an empty or deferred date closing a row: 'N/A', 'Por definir', 'S/F', 'Sin fecha'
NO_DATE_TAIL = regex.compile(r"\s(?:n\s*/\s*a|por\s+definir|s\s*/\s*f|sin\s+fecha|no\s+aplica)\W*$", regex.I)
# a day and the word after it, perhaps its month: '31 de agosto', '1 dc octubre' (folded)
DAY_MONTH = regex.compile(rf"^\s*\d{{1,2}}\s+(?:{DE_LOOKALIKE}\s+)?(?P<month>[a-z]+)")
# a row's number runs at most this far ahead of the last one read (rows whose number OCR lost in
# between); further is no row's number but a day or a page's ('30 de Abrll de 2024' after row 10)
MAX_ROW_SKIP = 3
# a header label on a line of its own is short ('Descripción de la recomendación')
MAX_LABEL_CHARS = 40
# lines that are neither rows nor date rows a table may hold in a run (a page's running lines and
# a repeated header printed one label per line); more is prose after the table
MAX_WAIT = 6


# a header's '#' OCR read as another lone sign ('$ Hallazgos Actividades comprometidas', ASM dev
# OCR'd text 85 lost its two tables): one sign alone before the labels is the number's label
NUMBER_SIGN_READ = regex.compile(r"^\s*[^\w\s#](?=\s+\p{L})")


def _header_roles(text: str) -> tuple[list[str], str] | None:
    """The roles a single-spaced header names, in the order it names them, and the table's kind;
    None if it is not a number / text / activity (/ date) header. Each label is matched on a
    window of as many words as it has, as fuzzily as a header cell ('Recomenclacíon')."""
    if NUMBER_SIGN_READ.match(text):
        text = "#" + text.lstrip()[1:]
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
        start = dates[-1].start
        if dates[-1].range_from is None and dates[-1].precision == Precision.MONTH:
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


@dataclass
class _Open:
    """The row being read: its first line and the lines under it with no blank between (a row
    read across, ``interleaved``), or, after a lone number, one cell per paragraph."""

    row: RawRow
    lines: list[str] = field(default_factory=list)
    by_paragraph: bool = False
    cell: int = 1  # by paragraph: the role the next paragraph fills
    in_paragraph: bool = False  # by paragraph: the last line was not blank


def _paragraph_line(o: _Open, text: str, roles: list[str]) -> bool:
    """One line of a row written one cell per paragraph; False when it is more paragraphs than
    the row has cells (prose after the table)."""
    if o.in_paragraph:
        role = roles[o.cell - 1]
    elif o.cell > 1 and text[:1].islower() and roles[o.cell - 1] not in (None, FECHA):
        role = roles[o.cell - 1]  # a cell's lines split by a blank line
        if o.cell < len(roles) and roles[o.cell] == FECHA and _is_date(text):
            role, o.cell = FECHA, o.cell + 1  # 'tercer trimestre de 2019': the date due next
    elif o.cell < len(roles):
        role, o.cell = roles[o.cell], o.cell + 1
        if role != FECHA and FECHA in roles[o.cell :] and o.row.cells and parse_date(text) is not None:
            # a paragraph that is a whole date is the date: the cells before it were read as one
            # (dev seed 48, row 11: the finding and its activity in one paragraph)
            role, o.cell = FECHA, roles.index(FECHA) + 1
    else:
        return False
    o.in_paragraph = True
    if role == FECHA:
        o.row.fecha_lines.append(text)
    elif role is not None:
        o.row.add(role, CellLine(text, 0.0, float(len(text))))
    return True


def _whole(lines: list[str], roles: list[str]) -> bool:
    """A row's one line holds the whole row: its date closes it (when the table has a date
    column) and a sentence's end parts the finding from the activity. The line under such a row
    is not more of it (a row read across shows neither on its first line)."""
    if len(lines) != 1:
        return False
    rest, fecha = _split_date(lines[0]) if FECHA in roles else (lines[0], "x")
    texto, actividad = _split_cells(rest.strip())
    return bool(fecha.strip() and texto.strip() and actividad.strip())


def _is_date(text: str) -> bool:
    """A paragraph that is a date, perhaps damaged ('abrll de 2022': kept as the date, so that
    the row becomes a failure rather than the activity taking it)."""
    m = DAMAGED_DATE.search(text)
    return parse_date(text) is not None or (m is not None and m.start() == 0)


def _date_due(o: _Open | None, roles: list[str]) -> bool:
    """The open row, written by paragraph, has its date column next."""
    return o is not None and o.by_paragraph and o.cell < len(roles) and roles[o.cell] == FECHA


def _opens_with_date(text: str) -> bool:
    """'31 de Agosto de 202o': a day and its month open the line (the year may be damaged)."""
    m = DAY_MONTH.match(fold(text))
    return m is not None and (month_of(m["month"]) or damaged_month_of(m["month"])) is not None


def _close(o: _Open | None, roles: list[str]) -> None:
    """Fill a single-spaced row's cells from its lines; a row written by paragraph whose date
    closes its activity's paragraph (two cells OCR read as one) gets the date back."""
    if o is not None and o.by_paragraph and FECHA in roles and not o.row.fecha_lines and o.row.cells.get(ACTIVIDAD):
        last = o.row.cells[ACTIVIDAD][-1]
        rest, fecha = _split_date(last.text)
        if fecha and rest.strip():
            o.row.cells[ACTIVIDAD][-1] = CellLine(rest.strip(), last.x0, last.x0 + len(rest.strip()))
            o.row.fecha_lines.append(fecha)
    if o is None or o.by_paragraph or not o.lines:
        return
    cells = interleaved_cells(o.lines, roles) if len(o.lines) > 1 else None
    if cells is None:
        _fill(o.row, " ".join(o.lines), roles)
        return
    for role, texts in cells.items():
        for t in texts:
            if role == FECHA:
                o.row.fecha_lines.append(t)
            elif t:
                o.row.add(role, CellLine(t, 0.0, float(len(t))))


def spaced_rows(pages: list[tuple[int, list[str]]]) -> list[RawRow]:
    """Rows of the single-spaced ASM tables on the pages (page number, line texts)."""
    rows: list[RawRow] = []
    roles: list[str] | None = None
    tipo = "hallazgo"
    open_row: _Open | None = None
    waiting = 0
    labels: list[str] = []  # a header written one label per line ('No.' / 'Hallazgo' / ...)
    last = 0  # the number of the table's last row
    label_tipo = tipo
    for number, lines in pages:
        for raw in lines:
            text = raw.strip()
            if not text:
                if open_row is not None:
                    if open_row.by_paragraph:
                        open_row.in_paragraph = False
                    elif open_row.lines:  # a blank line ends a row read across
                        _close(open_row, roles or [])
                        open_row = None
                continue
            if PAGE_NUMBER.match(text) and row_number(text) is None:
                continue
            hdr = _header_roles(text)
            if hdr is not None:
                _close(open_row, roles or [])
                last = last if hdr == (roles, tipo) else 0  # a header repeated on a new page goes on
                (roles, tipo), open_row = hdr, None
                continue
            label = role_of(text) if len(text) <= MAX_LABEL_CHARS else None
            if label == NUMERO or (labels and label is not None):
                _close(open_row, roles or [])
                open_row = None
                labels.append(label)
                if label == TEXTO:
                    label_tipo = "recomendacion" if RECOMENDACION.search(clean_label(text)) else "hallazgo"
                continue
            if labels:
                if TEXTO in labels:
                    last = last if labels == roles and tipo == label_tipo else 0
                    roles, tipo = labels, label_tipo
                labels = []
            if roles is None:
                continue
            end = fecha_label_end(text)
            if end is not None:
                _close(open_row, roles)
                if open_row is not None:
                    open_row.row.fecha_lines.append(text[end:])
                open_row = None
                continue
            first, _, rest = text.partition(" ")
            n = row_number(first)
            if n is not None and n != last + 1 and (not rest or _opens_with_date(text) or 0 < last < n - MAX_ROW_SKIP):
                n = None  # out of sequence: a page's number, or a date's day ('31 de Agosto de 2020')
            if n is not None and _date_due(open_row, roles) and _is_date(text):
                n = None  # '30 de Abrll de 2024': the date paragraph the open row is waiting for
            if n is not None:
                _close(open_row, roles)
                last = n
                open_row = _Open(RawRow(tipo, n, number), [rest] if rest else [], by_paragraph=not rest)
                rows.append(open_row.row)
                waiting = 0
                continue
            if open_row is not None and open_row.by_paragraph:
                if _paragraph_line(open_row, text, roles):
                    continue
                open_row = None
            elif open_row is not None and open_row.lines and not _whole(open_row.lines, roles):
                open_row.lines.append(text)  # the row goes on: read across its wrapped cells
                continue
            if role_of(text) is not None:
                continue  # a header's label on a line of its own (a header repeated on a new page)
            waiting += 1
            if waiting > MAX_WAIT:
                roles, open_row = None, None  # prose: the table has ended
    _close(open_row, roles or [])
    log.debug("spaced: %d rows", len(rows))
    # a lone number whose paragraphs held no finding was no row (a page's number in sequence)
    return [r for r in rows if r.cells or r.fecha_lines]


def _fill(row: RawRow, rest: str, roles: list[str]) -> None:
    fecha = ""
    if FECHA in roles:
        rest, fecha = _split_date(rest)
        row.fecha_lines.append(fecha)
    texto, actividad = _split_cells(rest.strip())
    for role, cell in ((TEXTO, texto), (ACTIVIDAD, actividad)):
        if cell.strip():
            row.add(role, CellLine(cell.strip(), 0.0, float(len(cell.strip()))))
