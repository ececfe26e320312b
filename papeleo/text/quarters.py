"""Quarters: 'primer trimestre', '2do', 'T3', 'IV Trimestre de 2023', and the dates they span.

Reports name the period they cover as a quarter ordinal before 'trimestre', and OCR
damages both words ('sequndo lrimestre'); table headers label quarter columns 'T1'..'T4'
or '1er'..'4to'. The ordinal words are a fuzzy vocabulary; the labels a pattern.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

import regex

from .normalize import TOKEN_PUNCT
from .vocab import WORD, Vocabulary, fold_term

log = logging.getLogger(__name__)

# 'T1', '1T', '1er', '1ero', '2do', '3ro', '4to', '3o', '2°', '1º.' — quarter labels in table
# headers (samples/mir_avance_texto.pdf: 'T1 T2 T3 T4 T1 T2')
QUARTER_LABEL = regex.compile(r"^(?:T(?P<a>[1-4])|(?P<b>[1-4])T|(?P<c>[1-4])(?:er|ero|do|ro|to|o|°|º)\.?)$", regex.I)
# Ordinal words score lower than most vocabularies need: they are short and OCR damages
# them often ('cuarlo' for 'cuarto' scores 83). Inside find_quarters the 'trimestre' that must
# follow guards against neighbouring words ('cuanto').
QUARTER_WORD_FLOOR = 80.0
# masculine only, as 'trimestre' is: 'PRIMERA.', 'SEGUNDA.' head an agreement's clauses
ORDINALS = {"1": ("primer", "primero"), "2": ("segundo",), "3": ("tercer", "tercero"), "4": ("cuarto",)}
ORDINAL_WORDS = Vocabulary(ORDINALS, floor=QUARTER_WORD_FLOOR, min_len=5)
# before 'trimestre' the feminine forms are safe, and OCR swaps o/a ('sequnda lrimestre')
FEMININE = {"1": ("primera",), "2": ("segunda",), "3": ("tercera",), "4": ("cuarta",)}
ORDINALS_BEFORE_TRIMESTRE = Vocabulary(
    {t: (*vs, *FEMININE[t]) for t, vs in ORDINALS.items()}, floor=QUARTER_WORD_FLOOR, min_len=5
)
ORDINAL_EXACT = {fold_term(v): int(t) for t, vs in ORDINALS.items() for v in vs}
# 'IV Trimestre 2023', '2 trimestre' — roman numerals and bare digits only count right before 'trimestre'
BEFORE_TRIMESTRE = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# 'trimestre' as OCR prints it: 'lrimestre', 'trimastre', 'timestre'; 'trim.' and
# 'trimestral' by their prefix
TRIMESTRE_WORD = Vocabulary(["trimestre"], floor=80.0, min_len=6)
# a year after the quarter: 'primer trimestre de 2020', 'trimestre del ejercicio fiscal 2019', '2do trimestre 2024'
YEAR_TOKEN = regex.compile(r"^(?:19|20)\d\d$")
YEAR_LEAD_WORDS = frozenset({"de", "del", "da", "ano", "ejercicio", "fiscal"})
# short words OCR or phrasing puts between ordinal and 'trimestre' ('2do. del trimestre')
MAX_GAP_WORD_LEN = 3


@dataclass(frozen=True)
class QuarterMention:
    quarter: int
    year: int | None
    start: int
    end: int
    text: str


def quarter_of(word: str, fuzzy: bool = False) -> int | None:
    """The quarter a label or ordinal word names: 'T2', '2do', '2°', 'segundo' -> 2.
    ``fuzzy`` also accepts OCR-damaged ordinal words ('sequndo', 'cuarlo')."""
    m = QUARTER_LABEL.match(word.strip(".,:;|()"))
    if m:
        return int(m.group("a") or m.group("b") or m.group("c"))
    folded = fold_term(word)
    if folded in ORDINAL_EXACT:
        return ORDINAL_EXACT[folded]
    if fuzzy:
        term = ORDINAL_WORDS.term_of(word)
        return int(term) if term else None
    return None


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter: (2020, 1) -> 2020-01-01, 2020-03-31."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not 1-4")
    first = dt.date(year, 3 * quarter - 2, 1)
    nxt = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, nxt - dt.timedelta(days=1)


@lru_cache(maxsize=4096)
def _is_trimestre(word: str) -> bool:
    w = fold_term(word)
    return w.startswith("trim") or TRIMESTRE_WORD.term_of(w) is not None


@lru_cache(maxsize=4096)
def _ordinal_before_trimestre(word: str) -> int | None:
    """The quarter a word names when 'trimestre' follows it (labels, ordinals, 'IV', '2')."""
    q = quarter_of(word) or BEFORE_TRIMESTRE.get(fold_term(word))
    if q is None and (term := ORDINALS_BEFORE_TRIMESTRE.term_of(word)):
        q = int(term)
    return q


def find_quarters(text: str) -> list[QuarterMention]:
    """Every 'ordinal + trimestre [+ year]' in running text: 'primer trimestre de 2020',
    'sequndo lrimestre', 'IV Trimestre 2023', '2do. del trimestre'."""
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    out: list[QuarterMention] = []
    i = 0
    while i < len(words):
        q = _ordinal_before_trimestre(words[i][2])
        j = i + 1
        if q and j < len(words) and not _is_trimestre(words[j][2]):
            gap = fold_term(words[j][2])
            if gap.isalpha() and len(gap) <= MAX_GAP_WORD_LEN:
                j += 1
        if not q or j >= len(words) or not _is_trimestre(words[j][2]):
            i += 1
            continue
        end, year = words[j][1], None
        k = j + 1
        while k < len(words) and k <= j + 4:
            t = words[k][2].strip(TOKEN_PUNCT)
            if YEAR_TOKEN.match(t):
                year, end = int(t), words[k][0] + words[k][2].index(t) + len(t)
                break
            if fold_term(t) not in YEAR_LEAD_WORDS:
                break
            k += 1
        start = words[i][0]
        out.append(QuarterMention(q, year, start, end, text[start:end]))
        i = j + 1
    return out
