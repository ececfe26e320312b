"""Date cells in single-spaced OCR'd text: a date that closes a row, a line that is a date cell
on its own, a date OCR damaged (kept as printed, so that the row is read back or refused, never
dated by a guess), and a header whose date label OCR lost.
"""

from __future__ import annotations

import regex

from papeleo.text import Precision, find_dates, fold, parse_date
from papeleo.text.dates import DE_LOOKALIKE, damaged_month_of

from .labels import GARBLED_DAY, row_number
from .paragraphs import MAX_DATE_LINE_CHARS
from .raw_row import RawRow
from .spaced_head import CLAUSE_HEADING, header_roles
from .stacked import CLOSED_DATE, is_date_piece

# a damaged date that closes a row: up to three words before a year, itself perhaps damaged
# ('28 de Diciem6re 2025', 'cuarto trimestre 2o20'), or one of its year's last three digits any
# other sign ('30 de Junio del 202a', ASM 7941)
DAMAGED_DATE = regex.compile(
    r"(?:(?<=\s)[^\s.;:]+\s+){0,3}(?:[12][0-9oOlI]{3}|[12][0-9]{2}[^\s\d]|[12][0-9][^\s\d][0-9]|[12][^\s\d][0-9]{2})$"
)
# a day OCR garbled before a month that closes a row ('Z8 de' in '... proyecto. Z8 de febrero de
# 2026', ASM dev 41; 'a0 de'): kept with the date, whose month alone would be a guess
DAMAGED_DAY = regex.compile(rf"(?:(?<=\s)|^){GARBLED_DAY}\s+(?:d|cl)[ec]\s+$")
# an empty or deferred date closing a row: 'N/A', 'Por definir', 'S/F', 'Sin fecha'
NO_DATE_WORDS = r"n\s*/\s*a|por\s+definir|s\s*/\s*f|sin\s+fecha|no\s+aplica"
NO_DATE_TAIL = regex.compile(rf"\s(?:{NO_DATE_WORDS})\W*$", regex.I)
# ... and a date cell that says only that
NO_DATE_CELL = regex.compile(rf"^\W*(?:{NO_DATE_WORDS})\W*$", regex.I)
# a day and the word after it, perhaps its month: '31 de agosto', '1 dc octubre' (folded)
DAY_MONTH = regex.compile(rf"^\s*\d{{1,2}}\s+(?:{DE_LOOKALIKE}\s+)?(?P<month>[a-z]+)")
# what is left of a date row's label cut over two lines: 'Fecha comprometida de' / 'cumplimiento:'
# (ASM 7941, whose row came out dated 'de'); the fuzzy word for OCR's slips ('curnplimiento')
LABEL_REST = regex.compile(r"^\s*(?:de)?\s*(?:(?:cumplimiento){e<=2}\s*)?:?\s*$", regex.I)
# a header that names no date gets the date column when this share of the numbered lines under it,
# and this many at least, close with a date: fewer may be findings that end with a date they cite
DATED_ROWS_SHARE = 2 / 3
MIN_DATED_ROWS = 2
# a numeric date OCR damaged ('28/02/20Z3'): kept as the date, so that it is read back or refused
DAMAGED_NUMERIC = regex.compile(r"^\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*[0-9OoIlZzSB]{2,4}\s*$")
# ... or with specks for a digit ('30/06/2(]23', '31/(]1/2023', ASM 7941): its three parts and four
# digits at least, so that the row becomes a failure rather than dated null with no word
SPECKED_NUMERIC = regex.compile(r"^\s*\S{1,3}/\S{1,3}/\S{2,5}\s*$")
MIN_SPECKED_DIGITS = 4


def split_date(rest: str) -> tuple[str, str]:
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


def is_date_line(text: str) -> bool:
    """A line that is a date cell on its own: short, and a date's pieces or a date OCR damaged
    ('Segundo Trimestre de 2018', 'S/F', 'abrll de 2022')."""
    return len(text) <= MAX_DATE_LINE_CHARS and (
        is_date_piece(text)
        or is_date(text)
        or DAMAGED_NUMERIC.match(text) is not None
        or (SPECKED_NUMERIC.match(text) is not None and sum(c.isdigit() for c in text) >= MIN_SPECKED_DIGITS)
    )


def is_date(text: str) -> bool:
    """A paragraph that is a date, perhaps damaged ('abrll de 2022': kept as the date, so that
    the row becomes a failure rather than the activity taking it)."""
    m = DAMAGED_DATE.search(" " + text)  # the space: its first word may open the line ('Junio de 2O22')
    # ... and more date words before those ('30 de Junio del 202a')
    return parse_date(text) is not None or (m is not None and (m.start() == 1 or is_date_piece(text[: m.start() - 1])))


def opens_with_date(text: str) -> bool:
    """'31 de Agosto de 202o': a day and its month open the line (the year may be damaged)."""
    m = DAY_MONTH.match(fold(text))
    return m is not None and damaged_month_of(m["month"]) is not None


def dates_close_rows(after: list[str]) -> bool:
    """The rows under a header that names no date close their first line with one ('1 Se sugiere
    elaborar un diagnóstico que Elaborar y publicar el diagnóstico de la junio 2025'): the date's
    label was lost, not the column. Counted on the header's page, up to the next header or clause;
    ``DATED_ROWS_SHARE`` of its numbered lines, and ``MIN_DATED_ROWS`` at least, must close so."""
    numbered = dated = 0
    for raw in after:
        text = raw.strip()
        if CLAUSE_HEADING.match(text) or header_roles(text) is not None:
            break
        first, _, rest = text.partition(" ")
        if row_number(first) is None or not rest:
            continue
        numbered += 1
        dates = find_dates(rest)
        dated += bool(dates and not rest[dates[-1].span[1] :].strip(" .,;")) or NO_DATE_TAIL.search(rest) is not None
    return dated >= MIN_DATED_ROWS and dated >= DATED_ROWS_SHARE * numbered


def took_label_date(row: RawRow, text: str) -> bool:
    """``text``, a line under the row's bare date label ('Fecha compromiso:' / '30/09/2020'), is
    that label's date or a piece of it (a row's number is none): added to the row's date. Both
    the column reader and the single-spaced reader read a date under its label so."""
    if not is_date_line(text) or row_number(text) is not None:
        return False
    row.fecha_lines.append(text)
    return True


def date_goes_on(row: RawRow) -> bool:
    """The row's date, cut over lines, has not reached its year yet ('15 de agosto de' / '2021',
    'Mayo' / 'del 2022'): the next line may be more of it."""
    return CLOSED_DATE.search(" ".join(row.fecha_lines)) is None
