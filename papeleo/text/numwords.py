"""Spanish numbers written in words: 'cien mil', 'tres millones', '3.5 millones'.

Reports state amounts in prose ('un presupuesto de 3.5 millones de pesos', 'se atendieron
ciento veinte personas'). text2num knows Spanish number words; what it lacks is added
here: a figure followed by a scale word ('3.5 millones', read with the column-aware
number parser), 'billón' (10^12 in Spanish), and the accentless spellings OCR produces for
the few words text2num only knows accented ('veintidos').
"""

from __future__ import annotations

import logging
from decimal import Decimal

import regex
from text_to_num import alpha2digit, text2num

from .normalize import fold_spaces
from .numbers import MX, NumberFormat, Status, parse_number

log = logging.getLogger(__name__)

# Accentless or apocopated spellings text2num rejects, and the form it knows.
SPELLINGS = {
    "veintidos": "veintidós",
    "veintitres": "veintitrés",
    "veintiun": "veintiuno",
    "veintiún": "veintiuno",
}
_SPELLING = regex.compile(r"\b(?:" + "|".join(SPELLINGS) + r")\b", regex.IGNORECASE)
# Scale words and their value ('mil millones' is 10^9: Spanish uses the long scale).
SCALES = {
    "mil millones": 10**9,
    "billón": 10**12,
    "billon": 10**12,
    "billones": 10**12,
    "millón": 10**6,
    "millon": 10**6,
    "millones": 10**6,
    "mil": 10**3,
}
# 'millones' alone names no number (text2num reads it as one million); 'mil' alone is 1000
BARE_PLURAL_SCALES = frozenset({"millones", "billones"})
# '3.5 millones', '1,200 millones de pesos', 'dos billones', '52 mil': a figure or words, a scale
SCALED = regex.compile(
    r"^(?P<num>.+?)\s+(?P<scale>mil\s+millones|billones|bill[oó]n|millones|mill[oó]n|mil)(?:\s+de)?$",
    regex.IGNORECASE,
)


def _respell(text: str) -> str:
    return _SPELLING.sub(lambda m: SPELLINGS[m.group(0).lower()], text)


def _words(text: str) -> int | None:
    try:
        return text2num(_respell(text).lower(), "es")
    except ValueError:
        return None


def _figure(text: str, fmt: NumberFormat) -> float | None:
    reading = parse_number(text, fmt, ocr_letters=False)
    if reading.status in (Status.CLEAN, Status.REPAIRED):
        return reading.value
    return _words(text)


def words_to_number(text: str, fmt: NumberFormat = MX) -> float | None:
    """The number a phrase states: 'cien mil' -> 100000, '3.5 millones' -> 3500000,
    'veintidos' -> 22; None when it is not a number phrase. ``fmt`` reads a leading figure
    ('3,5 millones' reads as 3.5 under :data:`~papeleo.text.numbers.MX` only as a repair;
    pass the document's format when known)."""
    s = fold_spaces(text)
    if not s or s.lower() in BARE_PLURAL_SCALES:
        return None
    whole = _words(s)
    if whole is not None:
        return float(whole)
    m = SCALED.match(s)
    if m:
        scale = SCALES[fold_spaces(m["scale"]).lower()]
        base = _figure(m["num"], fmt)
        if base is not None:
            return float(Decimal(str(base)) * scale)  # 1.15 * 10**6 exactly, not 1149999.99...
    return None


def number_words_to_digits(text: str) -> str:
    """Prose with its number words written as digits ('ciento veinte personas' -> '120
    personas'); isolated 'uno', 'un' and ordinals stay words, as text2num leaves them."""
    return alpha2digit(_respell(text), "es")
