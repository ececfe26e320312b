"""Numbers read the way a column prints them, with every repair named.

The same characters mean different numbers in different columns: in a MIR report
'1,206,528' is a count with thousands commas, while in a score table '9,583' is 9.583 with
a decimal comma and '10,000' is a perfect 10. A token alone cannot say which, so a token is
read under a :class:`NumberFormat` — the column's decimal separator, the separators it
groups thousands with, the range its values live in, and how many decimals it prints —
and :func:`infer_number_format` decides that format from the column's own values.

OCR adds damage on top ('1.216,904', '1,206528', '2O19', '2.00' printed as '200'). Every
reading that holds under the format is considered, each with the repairs it assumes; the
one that assumes fewest wins, and a tie is reported as ambiguous with its candidates rather
than guessed. The reading says which repairs it made, so a family can flag the value.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

import regex

from .normalize import fold, is_digitlike, letters_to_digits

log = logging.getLogger(__name__)


class Status(StrEnum):
    CLEAN = "clean"  # read as printed, in the column's format
    REPAIRED = "repaired"  # one reading survives, but it assumes OCR or printing damage
    AMBIGUOUS = "ambiguous"  # several readings tie: value is None, see candidates
    OUT_OF_RANGE = "out_of_range"  # a number, but no reading fits the column's range
    MISSING = "missing"  # an explicit "no value": 'N/A', '-', 'S/D', empty
    INVALID = "invalid"  # not a number


class Repair(StrEnum):
    LETTERS_AS_DIGITS = "letters_as_digits"  # '2O19': an O read for a 0
    THOUSANDS_SEPARATOR = "thousands_separator"  # '1.216.904' where the column groups with ','
    MIXED_SEPARATORS = "mixed_separators"  # '1.216,904': one group separator read as another
    LOST_GROUP_SEPARATOR = "lost_group_separator"  # '1,206528': a separator dropped
    DECIMAL_SEPARATOR = "decimal_separator"  # '129,56' where the column's decimal is '.'
    DECIMAL_AS_SPACE = "decimal_as_space"  # '124 28%': the decimal point read as a space
    DECIMAL_POINT_LOST = "decimal_point_lost"  # '200' for '2.00'
    DECIMALS_MISSING = "decimals_missing"  # '200' where the column prints '2.00': value as printed, flagged
    RULE_STROKE = "rule_stroke"  # '760|': a cell's ruling read as a stroke glued to its number
    DOUBLED_SEPARATOR = "doubled_separator"  # '255..00': one separator read twice
    SPACE_IN_NUMBER = "space_in_number"  # '11,8 38', '15,864. 91': a space OCR put inside one number


REPAIR_TEXT = {
    Repair.LETTERS_AS_DIGITS: "letras leídas por dígitos",
    Repair.THOUSANDS_SEPARATOR: "separador de miles distinto al de la columna",
    Repair.MIXED_SEPARATORS: "separadores de miles mezclados",
    Repair.LOST_GROUP_SEPARATOR: "separador de miles perdido",
    Repair.DECIMAL_SEPARATOR: "separador decimal distinto al de la columna",
    Repair.DECIMAL_AS_SPACE: "punto decimal leído como espacio",
    Repair.DECIMAL_POINT_LOST: "punto decimal perdido",
    Repair.DECIMALS_MISSING: "sin los decimales que la columna imprime",
    Repair.RULE_STROKE: "el trazo de la regla de la celda leído junto al número",
    Repair.DOUBLED_SEPARATOR: "separador leído dos veces",
    Repair.SPACE_IN_NUMBER: "un espacio leído dentro del número",
}

# Readings of a digit run with no separator that a lost decimal point could give: '9583' in a
# 0-10 column is 9.583. More places find more repairs in score and percent columns and also
# more ties; three covers scores printed to thousandths.
MAX_LOST_DECIMALS = 3
# ... and a group of thousands followed by at most this many digits is read with a lost point
# too ('100,91800' for 100,918.00): amounts print two decimals; more would read a thousands
# group that lost its separator ('1,206528') as decimals
GROUP_LOST_POINT_DECIMALS = 2

# '$1,216,904', 'US$ 52 830.00', 'C$ 1,500', 'B/. 300', '₡ 1 500', 'Q1,500.00' (a quetzal
# sign; read as O-for-0 it would only add a leading zero)
CURRENCY = regex.compile(r"^(?:US\$|C\$|B/\.|\$|₡|Q\.?(?=\s*\d))\s*")
# '1,216,904', '52 830.00', '1.216,904', '124 28' — digit groups joined by one separator each
DIGIT_GROUPS = regex.compile(r"^\d+(?:[., ]\d+)*$")
SEPARATOR = regex.compile(r"[., ]")
# one separator OCR read twice, between digits: '255..00', '1,,200' (generated MIR OCR'd text
# 151: '420..00' for 420.00). The same mark twice cannot be two separators of one number
DOUBLED_SEPARATOR_RUN = regex.compile(r"(?<=[\dOolIZS])([.,])\1+(?=[\dOolIZS])")
# 'N/A', 'n.a.', 'N/D', 'S/D', 'ND', '-', '—', 'no aplica' — a cell that says it has no value
MISSING_MARKS = frozenset(
    {
        "",
        "n/a",
        "na",
        "n.a.",
        "n.a",
        "n/d",
        "nd",
        "n.d.",
        "s/d",
        "sd",
        "s/n",
        "-",
        "--",
        "—",
        "–",
        "no aplica",
        "no disponible",
        "sin dato",
        "sin datos",
    }
)


@dataclass(frozen=True)
class NumberFormat:
    """How one column prints its numbers.

    decimal: '.' or ','; None when not known (a lone 'd,ddd' is then ambiguous).
    thousands: the characters the column groups thousands with, any of which reads clean.
    range: (low, high) every value of the column lies in, when known.
    decimals: every value printed with exactly this many decimals, when known.
    """

    decimal: str | None = "."
    thousands: str = ", "
    range: tuple[float, float] | None = None
    decimals: int | None = None

    def with_range(self, low: float, high: float) -> NumberFormat:
        return dataclasses.replace(self, range=(low, high))


# Mexican and Central-American printing: '1,216,904.50', also grouped with spaces ('52 830.00')
MX = NumberFormat(decimal=".", thousands=", ")
# Decimal comma, as score tables print ('9,583') and OCR sometimes reads: '1.216.904,50'
DECIMAL_COMMA = NumberFormat(decimal=",", thousands=". ")
# Nothing known: only tokens that show their own separators read clean
UNKNOWN = NumberFormat(decimal=None, thousands=",. ")


@dataclass(frozen=True)
class NumberReading:
    """What one token says under one format.

    value: the reading (None unless status is clean or repaired).
    candidates: every value the format allows, fewest repairs first (ties: all of them).
    repairs: the damage the chosen reading assumes, as :class:`Repair` codes.
    decimals: decimals printed in the chosen reading (for rounding checks).
    percent: the token carried a '%'.
    """

    raw: str
    value: float | None
    status: Status
    repairs: tuple[Repair, ...] = ()
    candidates: tuple[float, ...] = ()
    decimals: int = 0
    percent: bool = False

    @property
    def clean(self) -> bool:
        return self.status is Status.CLEAN

    def explain(self) -> str:
        """A Spanish sentence for a row's extraction comment: what was read and why."""
        if self.status is Status.REPAIRED:
            why = "; ".join(REPAIR_TEXT[r] for r in self.repairs)
            return f"'{self.raw}' leído como {_fmt(self.value)} ({why})"
        if self.status is Status.AMBIGUOUS:
            return f"'{self.raw}' puede ser {' o '.join(_fmt(c) for c in self.candidates)}"
        if self.status is Status.OUT_OF_RANGE:
            return f"'{self.raw}' fuera del rango de la columna"
        if self.status is Status.INVALID:
            return f"'{self.raw}' no es un número"
        return ""


@dataclass(frozen=True)
class _Reading:
    value: Decimal
    repairs: frozenset[Repair]
    decimals: int


def _fmt(v: float | None) -> str:
    if v is None:
        return "null"
    return str(int(v)) if float(v).is_integer() else repr(v)


def _grouping(groups: list[str]) -> frozenset[Repair] | None:
    """Repairs a run of thousands groups needs: none for '1' '206' '528'; a lost separator for
    '1' '206528' or '1206' '528' (lengths that are still whole groups of three); None when no
    grouping explains it ('12' '34')."""
    if len(groups) == 1:
        return frozenset()
    if any(len(g) % 3 for g in groups[1:]):
        return None
    lost = len(groups[0]) > 3 or any(len(g) > 3 for g in groups[1:])
    return frozenset({Repair.LOST_GROUP_SEPARATOR}) if lost else frozenset()


def _thousands_repairs(seps: list[str], fmt: NumberFormat) -> frozenset[Repair]:
    if len(set(seps)) > 1:
        return frozenset({Repair.MIXED_SEPARATORS})
    if seps and (seps[0] not in fmt.thousands or seps[0] == fmt.decimal):
        return frozenset({Repair.THOUSANDS_SEPARATOR})
    return frozenset()


def _as_grouped_integer(groups: list[str], seps: list[str], fmt: NumberFormat) -> _Reading | None:
    """Every separator a thousands separator: '1,206,528' -> 1206528."""
    grouping = _grouping(groups)
    if grouping is None:
        return None
    repairs = grouping | _thousands_repairs(seps, fmt)
    if fmt.decimals:
        repairs |= {Repair.DECIMALS_MISSING}
    return _Reading(Decimal("".join(groups)), frozenset(repairs), 0)


def _as_decimal(groups: list[str], seps: list[str], fmt: NumberFormat) -> _Reading | None:
    """The last separator the decimal one, those before it thousands: '52 830.00' -> 52830.0.
    The same mark for both only where the last group cannot be a group of thousands: OCR read
    one mark as the other ('1,159,00' -> 1159.00, '2.803.46' -> 2803.46)."""
    if len(groups) < 2:
        return None
    dec, frac = seps[-1], groups[-1]
    grouping = _grouping(groups[:-1])
    if grouping is None or (dec in seps[:-1] and len(frac) == 3):
        return None
    if fmt.decimals is not None and len(frac) != fmt.decimals:
        return None
    repairs = set(grouping) | _thousands_repairs(seps[:-1], fmt)
    if dec == " ":
        repairs.add(Repair.DECIMAL_AS_SPACE)
    elif fmt.decimal is not None and dec != fmt.decimal:
        repairs.add(Repair.DECIMAL_SEPARATOR)
    return _Reading(Decimal(f"{''.join(groups[:-1])}.{frac}"), frozenset(repairs), len(frac))


def _as_lost_point_in_group(groups: list[str], seps: list[str], fmt: NumberFormat) -> list[_Reading]:
    """Thousands whose decimal point OCR dropped: '100,91800' -> 100918.00, '6,00683' ->
    6006.83 (the last group is three digits and the decimals, GROUP_LOST_POINT_DECIMALS at
    most). Only where every separator is the column's thousands mark; read as a decimal comma
    instead ('100.918') it is as likely, so the row must decide between the two."""
    last = groups[-1]
    if len(groups) < 2 or any(sp not in fmt.thousands or sp == fmt.decimal for sp in seps):
        return []
    if _grouping(groups[:-1]) is None or not 3 < len(last) <= 3 + GROUP_LOST_POINT_DECIMALS:
        return []
    whole, frac = "".join(groups[:-1]) + last[:3], last[3:]
    return [_Reading(Decimal(f"{whole}.{frac}"), frozenset({Repair.DECIMAL_POINT_LOST}), len(frac))]


def _as_lost_point(digits: str, fmt: NumberFormat, printed: Decimal) -> list[_Reading]:
    """A digit run whose decimal point OCR dropped: '200' -> 2.00 in a column that prints two
    decimals, '9583' -> 9.583 in a 0-10 column. Only considered when the column says so."""
    if fmt.decimals:
        places = [fmt.decimals]
    elif fmt.range is not None and not fmt.range[0] <= printed <= fmt.range[1]:
        places = list(range(1, MAX_LOST_DECIMALS + 1))
    else:
        return []
    # the point had at least one digit before it ('0.15' prints '015'), so '10' in a
    # three-decimal column is ten, not 0.010
    return [
        _Reading(Decimal(digits).scaleb(-k), frozenset({Repair.DECIMAL_POINT_LOST}), k)
        for k in places
        if k < len(digits)
    ]


def _readings(body: str, fmt: NumberFormat) -> list[_Reading]:
    groups = SEPARATOR.split(body)
    seps = SEPARATOR.findall(body)
    if not seps:
        printed = Decimal(body)
        plain = _Reading(printed, frozenset({Repair.DECIMALS_MISSING} if fmt.decimals else ()), 0)
        return [plain, *_as_lost_point(body, fmt, printed)]
    readings = [r for r in (_as_grouped_integer(groups, seps, fmt), _as_decimal(groups, seps, fmt)) if r]
    return readings + _as_lost_point_in_group(groups, seps, fmt)


def _split_sign_and_marks(raw: str) -> tuple[str, bool, bool]:
    """(body, negative, percent) of a cell: currency signs, '%' and a leading minus taken off."""
    s = raw.strip()
    percent = s.startswith("%") or s.endswith("%")
    s = s.strip("%").strip()
    s = CURRENCY.sub("", s).rstrip("$").strip()
    negative = s[:1] in ("-", "−")
    if negative:
        s = s[1:].strip()
    return s, negative, percent


# a stroke after a number: the ruling right of a cell, which OCR glues to the right-aligned number
# that touches it ('760|' on a ruled scan, dev MIR scan 98); it is also the stroke of a 1, and
# before a number ('|5' for 15) more likely that than the far ruling on the cell's left
RULE_STROKES = "|"


def parse_number(
    raw: str, fmt: NumberFormat = MX, *, ocr_letters: bool = True, rule_strokes: bool = False
) -> NumberReading:
    """``_parse_number``, and a token no reading takes that reads as one number without its
    spaces: '11,8 38' is 11,838 and '15,864. 91' is 15,864.91 (a heavy scan split one cell's
    number, generated scan 7112) — when the joined token reads as printed and some piece does
    not. A space that parts two numbers leaves a token that reads as it is ('12 133.33%') or
    pieces that each read as printed ('170.00 17000', two cells merged)."""
    reading = _parse_number(raw, fmt, ocr_letters=ocr_letters, rule_strokes=rule_strokes)
    if reading.status is not Status.INVALID or " " not in raw.strip():
        return reading
    pieces = [_parse_number(p, fmt, ocr_letters=ocr_letters) for p in raw.split()]
    if all(p.status is Status.CLEAN for p in pieces):
        return reading  # two numbers as printed ('170.00 17000': two cells), not one split
    joined = _parse_number(raw.replace(" ", ""), fmt, ocr_letters=ocr_letters, rule_strokes=rule_strokes)
    if joined.status is not Status.CLEAN:
        return reading
    return dataclasses.replace(
        joined, raw=raw, status=Status.REPAIRED, repairs=tuple(sorted({*joined.repairs, Repair.SPACE_IN_NUMBER}))
    )


def _parse_number(
    raw: str, fmt: NumberFormat = MX, *, ocr_letters: bool = True, rule_strokes: bool = False
) -> NumberReading:
    """One cell's token as a number under the column's format.

    ``ocr_letters``: read look-alike letters as digits ('2O19'); the reading then carries
    ``letters_as_digits``. Callers that must treat such tokens as non-numbers turn it off.
    A stroke after the number ('760|', ``RULE_STROKES``) is read as a 1 (7601), with the number
    without it among the candidates for the row's arithmetic to choose; ``rule_strokes`` (the
    page draws its table's rulings) the other way round, the stroke read as the ruling (760).
    OCR'd text of an unruled table prints the stroke for a 1 more often."""
    if fold(raw) in MISSING_MARKS:
        return NumberReading(raw, None, Status.MISSING)
    inner = raw.strip().rstrip(RULE_STROKES).strip()
    if ocr_letters and inner and inner != raw.strip() and not any(c in RULE_STROKES for c in inner):
        ruled = parse_number(inner, fmt, ocr_letters=ocr_letters)
        ruled = dataclasses.replace(ruled, repairs=tuple(sorted({*ruled.repairs, Repair.RULE_STROKE})))
        stroke = parse_number(raw.strip().replace(RULE_STROKES, "1"), fmt, ocr_letters=ocr_letters)
        stroke = dataclasses.replace(stroke, repairs=tuple(sorted({*stroke.repairs, Repair.LETTERS_AS_DIGITS})))
        first, second = (ruled, stroke) if rule_strokes else (stroke, ruled)
        if first.value is None:
            first, second = second, first
        if first.value is not None:
            others = tuple(c for c in second.candidates if c not in first.candidates)
            return dataclasses.replace(first, raw=raw, status=Status.REPAIRED, candidates=first.candidates + others)
    body, negative, percent = _split_sign_and_marks(raw)
    extra: frozenset[Repair] = frozenset()
    if DOUBLED_SEPARATOR_RUN.search(body):
        body, extra = DOUBLED_SEPARATOR_RUN.sub(r"\1", body), frozenset({Repair.DOUBLED_SEPARATOR})
    if not DIGIT_GROUPS.match(body) and ocr_letters and is_digitlike(body):
        fixed = letters_to_digits(body)
        if fixed is not None and DIGIT_GROUPS.match(fixed):
            body, extra = fixed, extra | {Repair.LETTERS_AS_DIGITS}
    if not DIGIT_GROUPS.match(body):
        return NumberReading(raw, None, Status.INVALID, percent=percent)
    best: dict[Decimal, _Reading] = {}
    for r in _readings(body, fmt):
        r = _Reading(-r.value if negative else r.value, r.repairs | extra, r.decimals)
        if r.value not in best or len(r.repairs) < len(best[r.value].repairs):
            best[r.value] = r
    found = sorted(best.values(), key=lambda r: len(r.repairs))
    if fmt.range is not None:
        inside = [r for r in found if fmt.range[0] <= r.value <= fmt.range[1]]
        if not inside:
            return NumberReading(
                raw, None, Status.OUT_OF_RANGE, candidates=tuple(float(r.value) for r in found), percent=percent
            )
        found = inside
    if not found:
        return NumberReading(raw, None, Status.INVALID, percent=percent)
    cands = tuple(float(r.value) for r in found)
    fewest = [r for r in found if len(r.repairs) == len(found[0].repairs)]
    if len(fewest) > 1:
        log.debug("%r is ambiguous under %s: %s", raw, fmt, cands)
        return NumberReading(raw, None, Status.AMBIGUOUS, candidates=cands, percent=percent)
    top = fewest[0]
    status = Status.REPAIRED if top.repairs else Status.CLEAN
    repairs = tuple(sorted(top.repairs))
    return NumberReading(raw, float(top.value), status, repairs, cands, top.decimals, percent)


# a percentage in prose: 'Se logra el 120.55% de la meta', '129,56%)', '124 28%,' (point read as
# a space), '1,250 %'
PERCENT_IN_TEXT = regex.compile(r"(?<![\d.,])(?P<n>\d{1,3} \d{2}|\d+(?:[.,]\d+)*)\s?%")


def find_percents(text: str, fmt: NumberFormat = MX) -> list[tuple[tuple[int, int], NumberReading]]:
    """Every 'N%' in running text with its span, each read under ``fmt``."""
    return [(m.span(), parse_number(m.group(0), fmt)) for m in PERCENT_IN_TEXT.finditer(text)]


def parse_value(raw: str, fmt: NumberFormat = MX) -> float | None:
    """The value when the token reads clean or with a single repair-backed reading; else None."""
    return parse_number(raw, fmt).value


# the digits OCR reads for each other: shapes that differ by a stroke ('1430' for 1480, '4.2.6.1.2.8'
# for 4.2.6.1.2.3). Wider makes more variants of every number, and a check or an order then
# finds one that fits by chance; callers take a variant only when it is the one that fits
DIGIT_LOOKALIKES = {
    "0": "8",
    "1": "7",
    "3": "8",
    "5": "6",
    "6": "58",
    "7": "1",
    "8": "3609",
    "9": "8",
}


def digit_lookalike_variants(token: str) -> list[str]:
    """The token with one digit read as a look-alike (``DIGIT_LOOKALIKES``): '1430' -> '7430',
    '1480', '1438'."""
    return [token[:k] + other + token[k + 1 :] for k, ch in enumerate(token) for other in DIGIT_LOOKALIKES.get(ch, "")]
