"""Text normalisation every family needs before it compares or reads words.

OCR and PDF-to-text give the same word many spellings: with and without accents
('Propósito' / 'Proposito'), in any case, with stray punctuation glued to it ('|Actividad'),
hyphenated across a line break ('reco-' / 'mendación'), and with digits and letters swapped
('2O19', 'PSAL' printed as 'P5AL'). These helpers remove that variation so the matchers
and parsers of this package — and each family — compare like with like.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Iterable, Mapping

import regex

log = logging.getLogger(__name__)

# Punctuation OCR glues to the edges of a table cell's word: '|Actividad', 'Trimestral;',
# '“Porcentaje”', '(]'. The same set the MIR extractor strips from its tokens.
TOKEN_PUNCT = "|()[]{};:,.'\"“”‘’`~_=-!¡?¿*"

# 'reco-\nmendación', 'evalua-  \n  ción', 'pro¬\ngrama': a lowercase letter, a hyphen (or the
# soft hyphen / '¬' some PDFs and OCR engines print), the line break, then a lowercase letter.
# An uppercase or digit on either side keeps the hyphen: 'SFP-\nDGA-01', 'COVID-\n19'.
HYPHEN_BREAK = regex.compile(r"(?<=\p{Ll})[-\u00ad¬\u2010][ \t]*\r?\n[ \t]*(?=\p{Ll})")
# any run of whitespace, line breaks included
WHITESPACE = regex.compile(r"\s+")
# the words a body's or a place's name keeps in lower case after its first: 'Secretaría de
# Finanzas del Estado', 'Comisión de Agua Potable y Alcantarillado'
NAME_PARTICLES = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "para", "en", "a", "al", "con", "por"})

# Letters OCR prints where a digit was: the closed loop of 0 read as O/o/Q/D, the stroke of
# 1 as l/I/i/|, the S-curve of 5 as S/s, the double loop of 8 as B, 2 as Z/z, 6 as G/b,
# 9 as g/q, 7 as T. One reading each: only these are safe to apply without a check.
LETTER_TO_DIGIT: Mapping[str, str] = {
    "O": "0",
    "o": "0",
    "Q": "0",
    "D": "0",
    "l": "1",
    "I": "1",
    "i": "1",
    "|": "1",
    "Z": "2",
    "z": "2",
    "A": "4",
    "S": "5",
    "s": "5",
    "G": "6",
    "b": "6",
    "T": "7",
    "B": "8",
    "g": "9",
    "q": "9",
    # the real OCR seeds: '€00' for 600, '1]' for 11 (in a number: a euro amount is not printed
    # by the public bodies these documents come from)
    "€": "6",
    "]": "1",
}
# pairs of marks OCR prints for one digit: '(]' for 0 ('12.0(]', seed 004)
PAIRS_TO_DIGIT: Mapping[str, str] = {"(]": "0", "()": "0"}
# Digits OCR prints where a capital letter was, inside acronyms and codes ('P5AL' for PSAL,
# 'C0NAGUA' for CONAGUA).
DIGIT_TO_LETTER: Mapping[str, str] = {"0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B"}


def strip_accents(text: str) -> str:
    """Accents (and other combining marks) off: 'Propósito' -> 'Proposito', 'año' -> 'ano'.

    NFKD also unfolds compatibility characters ('ﬁ' -> 'fi', 'º' -> 'o'), so the result can
    be longer than the input; use :func:`fold_keep_offsets` when offsets must survive."""
    if text.isascii():
        return text  # nothing to decompose: most words of most documents
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# the words most folded (vocabulary lookups fold every word of every line) are few: remembered;
# a longer text (a line, a whole document) is folded each time, so the cache holds words only
FOLD_CACHE = 1 << 16
FOLD_CACHE_MAX_LEN = 64


def fold(text: str) -> str:
    """The form two spellings of one word share: accents off, lowercase, whitespace runs
    (line breaks included) collapsed to one space, ends trimmed."""
    return _fold_word(text) if len(text) <= FOLD_CACHE_MAX_LEN else _fold(text)


def _fold(text: str) -> str:
    return WHITESPACE.sub(" ", strip_accents(text).lower()).strip()


_fold_word = functools.lru_cache(maxsize=FOLD_CACHE)(_fold)


def _fold_char(c: str) -> str:
    base = strip_accents(c)
    base = base if len(base) == 1 else c
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict):
    """``str.translate`` table of :func:`_fold_char`, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_keep_offsets(text: str) -> str:
    """Accents off and lowercase, one character for one character, so a match found in
    the folded text has the same offsets in the original (whitespace is kept as is)."""
    return text.translate(_FOLD_TABLE)


def trim_punct(token: str, chars: str = TOKEN_PUNCT) -> str:
    """A token without the punctuation OCR glued to its ends: '|Actividad;' -> 'Actividad'."""
    return token.strip(chars)


def fold_token(token: str, chars: str = TOKEN_PUNCT) -> str:
    """One word as vocabularies compare it: edge punctuation trimmed, then folded."""
    return fold(trim_punct(token, chars))


def dehyphenate(text: str) -> str:
    """Words split across a line break rejoined: 'reco-\\nmendación' -> 'recomendación'.

    Only a hyphen between two lowercase letters is a typesetter's break; between capitals or
    digits it is part of a code ('SFP-\\nDGA') and stays, with the line break."""
    return HYPHEN_BREAK.sub("", text)


def join_lines(lines: Iterable[str]) -> str:
    """A paragraph's lines as one string: hyphenated breaks rejoined, other breaks a space."""
    return fold_spaces(dehyphenate("\n".join(line.strip() for line in lines)))


def fold_spaces(text: str) -> str:
    """Whitespace runs (line breaks included) as one space, ends trimmed; case and accents kept."""
    return WHITESPACE.sub(" ", text).strip()


def name_case(text: str) -> str:
    """A name as a reader writes it, whatever case it was printed in: each word capitalised,
    the particles after the first in lower case ('SECRETARÍA DE SALUD DEL ESTADO' -> 'Secretaría
    de Salud del Estado')."""
    words = text.lower().split()
    return " ".join(w if (k and w in NAME_PARTICLES) else w[:1].upper() + w[1:] for k, w in enumerate(words))


def letters_to_digits(token: str, table: Mapping[str, str] = LETTER_TO_DIGIT) -> str | None:
    """The token with each look-alike letter read as its digit ('2O19' -> '2019',
    'l.2O6' -> '1.206'); None when a character is neither a digit, a separator nor in
    ``table``, or when no character was replaced. Each table entry must be one digit:
    this is a repair, not a list of guesses."""
    out, changed = [], False
    for pair, digit in PAIRS_TO_DIGIT.items():
        if pair in token and table is LETTER_TO_DIGIT:
            token, changed = token.replace(pair, digit), True
    for c in token:
        if c.isdigit() or c in ".,":
            out.append(c)
        elif c in table and len(table[c]) == 1:
            out.append(table[c])
            changed = True
        else:
            return None
    return "".join(out) if changed else None


def digits_to_letters(token: str, table: Mapping[str, str] = DIGIT_TO_LETTER) -> str:
    """An acronym with digits read back as the capitals they stand for: 'P5AL' -> 'PSAL'.
    Digits with no look-alike stay."""
    return "".join(table.get(c, c) for c in token)


def is_digitlike(token: str, table: Mapping[str, str] = LETTER_TO_DIGIT) -> bool:
    """More digit than word: at least one real digit, and digits plus look-alike letters
    make at least half the characters ('2O19', 'l5', '1O0'); 'Sol' or 'B' are words."""
    s = token.strip()
    if not s or not any(c.isdigit() for c in s):
        return False
    digitish = sum(1 for c in s if c.isdigit() or c in table or c in ".,")
    return digitish * 2 >= len(s)
