"""Spanish dates in running text, with the precision the text gives them.

Documents date things at several precisions: a day ('31 de Julio de 2019', '1o. de julio',
'23/02/2017'), a month ('Julio 2019', 'septiembre de 2019'), a quarter ('primer trimestre
de 2020'), a half year ('segundo semestre de 2019'), a fiscal year ('ejercicio fiscal 2019'), and periods between two of those
('diciembre 2019 – marzo 2020', 'septiembre 2018 a agosto 2019', 'del 1 al 15 de junio de
2022'). Each match gives the date it resolves to — the day itself, or the last day of the
month, quarter, year or period, as the contract wants a month-only commitment — the first
day of what it names, and its precision, so each family maps it to its own columns.

Detection is by pattern on accent-folded text (offsets preserved); validation is the
calendar's own ('31 de junio' is no date, nor is the 'junio de 2020' inside it). A day and
month without a year ('1 de junio') takes the year of the closest date before it in the
same text, else ``default_year``, and says so. Reference numbers made of digit groups
('SFP-DGA-01-02-2019', 'IEM/CV/07/2020') are not dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass, replace
from enum import StrEnum

import regex

from .normalize import fold_keep_offsets
from .quarters import find_quarters, quarter_bounds
from .vocab import Vocabulary

log = logging.getLogger(__name__)


class Precision(StrEnum):
    DAY = "dia"
    MONTH = "mes"
    QUARTER = "trimestre"
    SEMESTER = "semestre"
    YEAR = "anio"


MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
# abbreviations as tables print them between digits: '31-dic-2019', '15/Ene/2020', '1 sept 2019'
MONTH_ABBREVIATIONS = {
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "sep": 9,
    "sept": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dic": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ABBR = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
# '1o.', '1ro', '1er', '1°' ('1º' folds to '1o'): the ordinal mark printed after day one, and
# only there: '3O de Junio' is a '30' whose zero OCR read as the letter (dev ASM OCR'd text 126
# read the 3rd, unflagged), which the damaged-date repairs read back and say so
# (one or two digits, two only from 0-3: written so, not '[0-3]?\d', which the regex engine tries
# at every position of the text, ten times slower)
_DAY = r"(?P<day>\d{1,2}(?<![4-9]\d))(?:(?<=(?<!\d)1)\s?(?:ero|ro|er|o|°)\.?)?"
_DAY_NUM = r"(?P<day>\d{1,2}(?<![4-9]\d))"
# '30 treinta de octubre', '1 (uno) de julio': the day repeated in words, as legal texts do
_DAY_WORD = (
    r"\(?(?:un|uno|primero|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce"
    r"|quince|dieci[a-z]+|veinte|veinti[a-z]+|treinta(?:\s+y\s+uno?)?)\)?"
)
# the 'de' between a day and its month as OCR also reads it: 'dc', 'cle' ('d' read as 'cl' and
# 'e' as 'c' or 'a', tesseract's commonest confusions in this word; ASM dev OCR'd text '15 cle Julio de
# 2019', '1 dc octubre 2017'), and between a month and its year
DE_LOOKALIKE = r"(?:d|cl)[eca]"
# ', 2019', ' de 2019', ' del 2022', ' del año 2023' (folded: 'ano'); the 'de' as OCR misreads it
# too ('30 de Septiembre dc 2021', 'Marzo dal 2023', '28 de Abril deI 2026': an 'l' as 'I' or '1', ASM dev OCR'd text)
_YEAR_TAIL = rf"(?:\s*,?\s*(?:{DE_LOOKALIKE}[li1]?\s+)?(?:ano\s+(?:de\s+)?)?{_YEAR})"


# '31 de julio de 2019', '27 de mayo del 2022', '21 de agosto del año 2023', '1o. de julio',
# 'Julio 2019', 'septiembre de 2019', 'marzo' (a bare month counts only as a range's start)
MONTH_DATE = regex.compile(
    rf"(?:(?<![\w.,/-]){_DAY}(?:\s+{_DAY_WORD})?\s+(?:{DE_LOOKALIKE}\s+)?|(?<!\w))(?P<month>{_MONTH})(?![a-z]){_YEAR_TAIL}?"
)
# 'a los 3 días del mes de junio de 2019', 'a los veintiséis días del mes de mayo de 2023': the
# signing date as Mexican agreements close (the day in figures; in words it stays a month)
DAYS_OF_MONTH_DATE = regex.compile(
    rf"(?<!\w)a\s+los\s+(?P<day>[0-3]?\d)\s+dias\s+del\s+mes\s+de\s+(?P<month>{_MONTH})(?![a-z]){_YEAR_TAIL}"
)
# 'del 1 al 15 de junio de 2022', '1-15 de junio' — a period inside one month
DAY_RANGE = regex.compile(
    rf"(?<![\w.,/-])(?P<d1>\d{{1,2}}(?<![4-9]\d))(?:o|ro|er|°)?\.?\s*(?:al?|-|–|—)\s*{_DAY}\s+de\s+(?P<month>{_MONTH})(?![a-z])"
    rf"{_YEAR_TAIL}?"
)
# '23/02/2017', '15-03-2024', '01.07.2019' — day first, as Mexico and Central America write;
# not when glued to a code: 'SFP-DGA-01-02-2019', 'OF/12/03/2019/B'
NUMERIC_DATE = regex.compile(
    rf"(?<![\w/.,-]){_DAY_NUM}(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep){_YEAR}(?![\w/-]|[.,]\d)"
)
# '31-dic-2019', '15/Ene/2020', '1 sept. 2019'
ABBR_DATE = regex.compile(rf"(?<![\w/.,-]){_DAY_NUM}(?P<sep>[-/ ])(?P<month>{_ABBR})\.?(?P=sep){_YEAR}(?![\w/-])")
# '05/febrero/2018', '5-marzo-2019': a month's full name between a day and a year
NAMED_MONTH_DATE = regex.compile(rf"(?<![\w/.,-]){_DAY_NUM}(?P<sep>[-/])(?P<month>{_MONTH})(?P=sep){_YEAR}(?![\w/-])")
# 'Ene-Dic 2022', 'ENE-JUN 2021', 'ene. a mar. de 2024': a period of abbreviated months, its year
# printed at its end (two atoms, joined as any period: the start takes the end's year)
ABBR_MONTH_RANGE = regex.compile(
    rf"(?<![\w])(?P<m1>{_ABBR})\.?\s*(?:-|–|—|a)\s*(?P<m2>{_ABBR})\.?\s+(?:de\s+|del\s+)?{_YEAR}"
)
# '2019-07-31'
ISO_DATE = regex.compile(rf"(?<![\w/.,-]){_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w/-])")
# 'ejercicio fiscal 2019', 'el año 2020'
YEAR_DATE = regex.compile(rf"(?<!\w)(?:ejercicio(?:\s+fiscal)?|ano(?:\s+fiscal)?)\s+(?:de\s+)?{_YEAR}")
# 'primer semestre de 2020', 'Segundo Semestre 2019', '2do. semestre del 2021', '1er semestre 2020'
# (folded): a half year, read as its last day; ASM agreements commit to them
SEMESTER_DATE = regex.compile(
    rf"(?<!\w)(?P<ord>primer|primero|segundo|1(?:er|ero|o|°)?|2(?:do|o|°)?)\.?\s+semestre(?![a-z])\s*"
    rf"(?:,\s*)?(?:del?\s+)?(?:(?:ano|ejercicio)(?:\s+fiscal)?\s+(?:de\s+)?)?{_YEAR}"
)
# what joins the two ends of a period: ' – ', ' a ', ' al ', ' hasta el '
RANGE_JOIN = regex.compile(r"^\s*(?:-|–|—|a|al|hasta(?:\s+el)?)\s*$")


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text.

    value: the date, or the last day of the month, quarter, year or period it names.
    period_start: the first day of what it names (== value for a single day).
    precision: of ``value`` (for a period, of its end).
    span, raw: where it was read, offsets into the searched text, and the text itself.
    range_from: for a period, its first end as matched ('septiembre 2018' in 'septiembre
        2018 a agosto 2019': value 2018-09-30, period_start 2018-09-01).
    year_inferred: the year was not printed; it came from context or ``default_year``.
    """

    value: dt.date
    precision: Precision
    period_start: dt.date
    span: tuple[int, int]
    raw: str
    range_from: DateMatch | None = None
    year_inferred: bool = False

    @property
    def iso(self) -> str:
        return self.value.isoformat()

    @property
    def is_range(self) -> bool:
        return self.range_from is not None

    @property
    def start(self) -> int:
        """Where what it names starts in the searched text: a period's first end, else its own."""
        return self.range_from.span[0] if self.range_from is not None else self.span[0]


@dataclass
class _Atom:
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    semester: int | None = None
    first_day: int | None = None  # a day range's first day
    year_inferred: bool = False


def month_of(word: str) -> int | None:
    """The month a Spanish name or table abbreviation stands for: 'Septiembre', 'dic.' -> 9, 12."""
    w = fold_keep_offsets(word.strip(" .,;:")).strip()
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)


# month names OCR damaged, matched by edit similarity ('septiembra', 'diclembre'); a name of
# fewer than MONTH_FUZZY_MIN_LEN letters matches only exactly: 'junio' and 'julio' are one
# letter apart, as are 'mayo' and 'maya'
MONTH_FUZZY_MIN_LEN = 6
MONTH_NAMES = Vocabulary(list(MONTHS), exact_below=MONTH_FUZZY_MIN_LEN)


def damaged_month_of(word: str) -> int | None:
    """``month_of``, or the month whose name a word OCR damaged is close to: 'septiembra' -> 9.
    For a date a document states once and states damaged ('Avance al 30 de septiembra'), where
    no other word can be a month; never for dates found in running text."""
    exact = month_of(word)
    if exact is not None:
        return exact
    found = MONTH_NAMES.match(word)
    return MONTHS[found[0]] if found else None


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _int(m, name: str) -> int | None:
    v = m.groupdict().get(name)
    return int(v) if v else None


def _atoms(text: str, quarters: bool = True) -> list[_Atom]:
    """Every date-like stretch, longest first where two overlap, in text order."""
    folded = fold_keep_offsets(text)
    found: list[_Atom] = []
    for m in MONTH_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), _int(m, "year"), MONTHS[m["month"]], _int(m, "day")))
    for m in DAYS_OF_MONTH_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), _int(m, "year"), MONTHS[m["month"]], _int(m, "day")))
    for m in DAY_RANGE.finditer(folded):
        found.append(
            _Atom(m.start(), m.end(), _int(m, "year"), MONTHS[m["month"]], _int(m, "day"), first_day=int(m["d1"]))
        )
    for m in (*NUMERIC_DATE.finditer(folded), *ISO_DATE.finditer(folded)):
        found.append(_Atom(m.start(), m.end(), int(m["year"]), int(m["month"]), int(m["day"])))
    for m in NAMED_MONTH_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), int(m["year"]), MONTHS[m["month"]], int(m["day"])))
    for m in ABBR_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), int(m["year"]), MONTH_ABBREVIATIONS[m["month"]], int(m["day"])))
    for m in ABBR_MONTH_RANGE.finditer(folded):
        dot = folded[m.end("m1") : m.end("m1") + 1] == "."  # 'ene.' whole, for the join: '. a '
        found.append(_Atom(m.start("m1"), m.end("m1") + dot, None, MONTH_ABBREVIATIONS[m["m1"]]))
        found.append(_Atom(m.start("m2"), m.end(), int(m["year"]), MONTH_ABBREVIATIONS[m["m2"]]))
    for m in YEAR_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), int(m["year"])))
    for m in SEMESTER_DATE.finditer(folded):
        found.append(_Atom(m.start(), m.end(), int(m["year"]), semester=1 if m["ord"][0] in "p1" else 2))
    for q in find_quarters(text) if quarters else ():
        found.append(_Atom(q.start, q.end, q.year, quarter=q.quarter))
    found.sort(key=lambda a: (-(a.end - a.start), a.start))
    kept: list[_Atom] = []
    for a in found:
        if all(a.end <= k.start or a.start >= k.end for k in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.start)


def _to_match(a: _Atom, text: str) -> DateMatch | None:
    """The atom as a date, or None when the calendar has no such day or a part is missing."""
    if a.year is None:
        return None
    raw, span = text[a.start : a.end], (a.start, a.end)
    try:
        if a.semester is not None:
            first = dt.date(a.year, 6 * a.semester - 5, 1)
            return DateMatch(last_day_of_month(a.year, 6 * a.semester), Precision.SEMESTER, first, span, raw)
        if a.quarter is not None:
            first, last = quarter_bounds(a.year, a.quarter)
            return DateMatch(last, Precision.QUARTER, first, span, raw, year_inferred=a.year_inferred)
        if a.month is None:
            return DateMatch(dt.date(a.year, 12, 31), Precision.YEAR, dt.date(a.year, 1, 1), span, raw)
        if a.day is None:
            return DateMatch(
                last_day_of_month(a.year, a.month),
                Precision.MONTH,
                dt.date(a.year, a.month, 1),
                span,
                raw,
                year_inferred=a.year_inferred,
            )
        day = dt.date(a.year, a.month, a.day)
        if a.first_day is not None:
            first = dt.date(a.year, a.month, a.first_day)
            if first > day:
                return None
            start = DateMatch(first, Precision.DAY, first, span, raw, year_inferred=a.year_inferred)
            return DateMatch(day, Precision.DAY, first, span, raw, start, a.year_inferred)
        return DateMatch(day, Precision.DAY, day, span, raw, year_inferred=a.year_inferred)
    except ValueError:
        log.debug("not a calendar date: %r", raw)
        return None


def _joined(a: _Atom, b: _Atom, text: str, folded: str) -> DateMatch | None:
    """'diciembre 2019 – marzo 2020', 'enero a marzo de 2020' (the start takes the end's year,
    the year before when its month comes later): one period, or None."""
    if b.year is None or not RANGE_JOIN.match(folded[a.end : b.start]) or a.first_day is not None:
        return None
    if a.year is None:
        if a.month is None:
            return None
        later = b.month is not None and a.month > b.month
        a = replace(a, year=b.year - 1 if later else b.year, year_inferred=True)
    first, last = _to_match(a, text), _to_match(b, text)
    if first is None or last is None or first.period_start > last.value:
        return None
    span = (a.start, b.end)
    return DateMatch(
        last.value, last.precision, first.period_start, span, text[a.start : b.end], first, last.year_inferred
    )


def _with_year(a: _Atom, year: int | None) -> _Atom:
    """A day and month printed without a year, given the year its context supplies."""
    if a.year is None and a.day is not None and year is not None:
        return replace(a, year=year, year_inferred=True)
    return a


def find_dates(text: str, default_year: int | None = None, quarters: bool = True) -> list[DateMatch]:
    """Every date and period in ``text``, in reading order (see the module docstring)."""
    folded = fold_keep_offsets(text)
    atoms = _atoms(text, quarters)
    out: list[DateMatch] = []
    context_year = None
    i = 0
    while i < len(atoms):
        year = context_year or default_year
        if i + 1 < len(atoms):
            # a period's start takes its end's year before the context's: 'enero a marzo de 2020'
            period = _joined(atoms[i], _with_year(atoms[i + 1], year), text, folded)
            if period is not None:
                out.append(period)
                if not period.year_inferred:
                    context_year = period.value.year
                i += 2
                continue
        match = _to_match(_with_year(atoms[i], year), text)
        if match is not None:
            out.append(match)
            if not match.year_inferred:
                context_year = match.value.year
        i += 1
    return out


# a cell that is only a year: '2019'
BARE_YEAR = regex.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*$")


def parse_date(text: str, default_year: int | None = None) -> DateMatch | None:
    """The one date a field states ('Fecha de corte: 30 de junio de 2024', '23/02/2017',
    'Julio de 2019', '2019'); None when it states none, or several that disagree."""
    found = find_dates(text, default_year)
    if not found:
        m = BARE_YEAR.match(text)
        if m:
            y = int(m["year"])
            return DateMatch(dt.date(y, 12, 31), Precision.YEAR, dt.date(y, 1, 1), m.span("year"), m["year"])
        return None
    if len({(d.value, d.period_start) for d in found}) > 1:
        log.debug("%r states %d different dates", text, len(found))
        return None
    return found[0]
