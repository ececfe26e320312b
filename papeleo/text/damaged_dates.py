"""Dates OCR damaged, read back: look-alike glyphs in numbers and month names, letter pairs
read for one letter, marks glued where a space was printed, period words with a digit for a
letter. For a field known to hold a date (a committed date's cell), never running text: there a
repaired token may well be no date's.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from .dates import DE_LOOKALIKE, MONTH_FUZZY_MIN_LEN, MONTHS, DateMatch, damaged_month_of, month_of, parse_date
from .normalize import is_digitlike, letters_to_digits
from .quarters import ORDINALS
from .vocab import fold_term

# a date's words as OCR leaves them: 'Z8', '20Z1', '3I', '0l/07/2018', 'A6ril', 'diciernbre'
_DATE_TOKEN = regex.compile(r"[0-9A-Za-zÁÉÍÓÚáéíóúñÑ|()\]]+")
# what follows a day: ' de ', ' dc ' (a day read as look-alike letters is only taken before it)
_DAY_BEFORE_DE = regex.compile(rf"\s+{DE_LOOKALIKE}\s", regex.I)
# digits OCR prints for the lower-case letters of a month's name ('A6ril', 'abri1')
_DIGIT_TO_LOWER = str.maketrans({"0": "o", "1": "l", "5": "s", "6": "b"})
# letter pairs OCR reads for one letter: 'diciernbre', 'clomingo'
_PAIR_SLIPS = regex.compile(r"rn|cl")


def _pair_slip(m: regex.Match) -> str:
    return {"rn": "m", "cl": "d"}[m.group()]


# a repaired date is kept only with a year in this span: look-alike repairs that make a year
# outside it ('20S1' -> 2051) are no reading, and the cell stays unread
REPAIRED_YEARS = (1990, 2050)


@dataclass(frozen=True)
class RepairedDate:
    """A date read from a damaged field: the match (offsets into ``text``), the repaired
    text, and each (printed, read) repair."""

    match: DateMatch
    text: str
    repairs: tuple[tuple[str, str], ...]


# the letters OCR takes for one another in a short month's name: 'Abrll', 'junlo'. One swap of
# the pair turns no month's name into another's ('julio' -> 'juiio', 'junio' -> 'junlo'), which
# is why a name under MONTH_FUZZY_MIN_LEN may be read this way and not by edit distance
_GLYPH_SWAPS = {"l": "i", "i": "l"}


def _swapped_month_of(word: str) -> int | None:
    """The month a name stands for with one 'l'/'i' OCR swapped ('Abrll' -> abril)."""
    w = word.lower()
    for k, c in enumerate(w):
        if c in _GLYPH_SWAPS:
            month = month_of(w[:k] + _GLYPH_SWAPS[c] + w[k + 1 :])
            if month is not None:
                return month
    return None


# a period's words ('primer trimestre', 'segundo semestre'): read back when a digit for a
# letter ('5egundo') or a letter pair for one ('prirner') made them; by one letter's slip only
# as _slipped_period_word allows (find_quarters matches damaged ordinals itself, against the
# 'trimestre' that must follow)
PERIOD_NOUNS = ("semestre", "trimestre")
ORDINAL_TERMS = tuple(fold_term(v) for vs in ORDINALS.values() for v in vs)
PERIOD_WORDS = frozenset({*ORDINAL_TERMS, *PERIOD_NOUNS})


def _period_word_of(letters: str) -> str | None:
    """The period word a token with its digits read as letters stands for, exactly or with a
    letter pair read back ('5egundo' -> 'segundo', 'prirner' -> 'primer')."""
    for candidate in (letters, _PAIR_SLIPS.sub(_pair_slip, letters)):
        if fold_term(candidate) in PERIOD_WORDS:
            return candidate.lower()
    return None


# a period's noun with one letter OCR misread ('semestrc', 'semastre', dev OCR'd text 199): a
# word this long is one slip from no other word a date's cell holds; an ordinal ('Sagundo',
# 'prinmer') is read this way only before such a noun, which no other word of the cell is
PERIOD_SLIPS = 1
PERIOD_NOUN_MIN_LEN = 7
ORDINAL_MIN_LEN = 5


def _period_noun_of(word: str) -> str | None:
    folded = fold_term(word)
    if len(folded) < PERIOD_NOUN_MIN_LEN:
        return None
    return next((n for n in PERIOD_NOUNS if Levenshtein.distance(folded, n) <= PERIOD_SLIPS), None)


def _slipped_period_word(word: str, rest: str) -> str | None:
    """The period word a token one letter off stands for: a period's noun ('semestrc' ->
    'semestre'), or an ordinal right before one ('Sagundo Semestre' -> 'segundo')."""
    noun = _period_noun_of(word)
    if noun is not None:
        return noun
    after = rest.split()[:1]
    folded = fold_term(word)
    if not after or len(folded) < ORDINAL_MIN_LEN or _period_noun_of(after[0]) is None:
        return None
    return next((o for o in ORDINAL_TERMS if Levenshtein.distance(folded, o) <= PERIOD_SLIPS), None)


# a mark OCR glued between two of a date's words, where a space was printed: 'tercer trimestre
# de.2019', "31 de'Agosto de 2018" (ASM dev scans 13 and 36); a speck on the space, read as the
# nearest mark. Not between two digits: '01.07.2019' is a date's own separator
GLUED_MARK = regex.compile(r"(?<=\p{L})[.,'’`´](?=[\p{L}\d])")


def parse_damaged_date(text: str) -> RepairedDate | None:
    """A date field OCR damaged, read after repairing its glyphs: a number with look-alike
    letters read as digits ('20Z1' -> '2021', '3I' -> '31', '0l/07' -> '01/07'), a month's
    name with digits in it or a letter pair misread ('A6ril' -> 'abril', 'diciernbre' ->
    'diciembre', matched as ``damaged_month_of`` does), a mark glued where a space was printed
    ('de.2019' -> 'de 2019'). The date with the (printed, read)
    pairs repaired; None when nothing needed repair or the repaired text still states no one
    date. For a field known to hold a date (a committed date's cell), never running text:
    there a repaired token may well be no date's."""
    repairs: list[tuple[str, str]] = []

    def repair(m: regex.Match) -> str:
        token = m.group()
        if len(token) <= 2 and _DAY_BEFORE_DE.match(text, m.end()) and letters_to_digits(token) is not None:
            fixed = letters_to_digits(token)  # 'l de enero': a day of look-alike letters only
            repairs.append((token, fixed))
            return fixed
        if any(c.isdigit() for c in token) and is_digitlike(token) and not token.isdigit():
            fixed = letters_to_digits(token)
            if fixed is not None:
                repairs.append((token, fixed))
                return fixed
        letters = token.translate(_DIGIT_TO_LOWER)
        if letters.isalpha() and month_of(token) is None:
            month = month_of(letters) if letters != token else None
            if month is None and len(letters) >= MONTH_FUZZY_MIN_LEN:
                # 'rn' for 'm' and 'cl' for 'd' count as one slip, not two
                month = damaged_month_of(letters) or damaged_month_of(_PAIR_SLIPS.sub(_pair_slip, letters))
            if month is None:
                month = _swapped_month_of(letters)
            if month is not None:
                name = next(k for k, v in MONTHS.items() if v == month)
                repairs.append((token, name))
                return name
            period = None
            if fold_term(token) not in PERIOD_WORDS:
                period = _period_word_of(letters) or _slipped_period_word(letters, text[m.end() :])
            if period is not None:
                repairs.append((token, period))
                return period
        return token

    repairs += [(w, GLUED_MARK.sub(" ", w)) for w in text.split() if GLUED_MARK.search(w)]
    fixed = _DATE_TOKEN.sub(repair, GLUED_MARK.sub(" ", text))
    if not repairs:
        return None
    d = parse_date(fixed)
    if d is None or not REPAIRED_YEARS[0] <= d.value.year <= REPAIRED_YEARS[1]:
        return None
    return RepairedDate(d, fixed, tuple(repairs))
