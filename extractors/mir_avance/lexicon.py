"""The MIR vocabulary both reading paths share: level words, claves, siglas, frequencies
and units, recognised the way OCR leaves them.

The column-geometry path (``grid``) and the line-stream path (``stream``) must agree on
what a level word, a clave or an acronym is, or the same report would be read two ways
depending on whether its words carry boxes. So the words and their tolerances live here,
below both paths, and neither path imports the other.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path

import regex
from rapidfuzz import fuzz

from papeleo.model import Line
from papeleo.text.normalize import strip_accents, trim_punct

log = logging.getLogger(__name__)

_DATA = json.loads(Path(__file__).with_name("lexicon.json").read_text(encoding="utf-8"))
NIVEL_VARIANTS: dict[str, list[str]] = _DATA["nivel"]
FRECUENCIA_VARIANTS: dict[str, list[str]] = _DATA["frecuencia"]
UNIDADES: list[str] = _DATA["unidad"]

# The levels of a MIR, top to bottom of its tree; a clave gains one number per level.
LEVELS = ("fin", "proposito", "componente", "actividad")
# 'Fin' is too short to match fuzzily (it is also a Spanish word): only these spellings count.
FIN_WORDS = ("Fin", "FIN")

# Shorter tokens are never matched fuzzily: one OCR edit turns a short word into another.
MIN_FUZZY_LEN = 5
# rapidfuzz ratios (0-100) above which an OCR'd token is taken as the vocabulary word.
# Lower reads more damaged words and starts confusing neighbours ('componentes' prose).
NIVEL_MIN_RATIO = 80
# 'Trimestral' has many OCR forms ('trimesbe}', 'trimeatial'); an exact match always wins.
FRECUENCIA_MIN_RATIO = 78
EXACT_MATCH_RATIO = 101.0
# Units are short common words ('tasa', 'razon'): stricter, or prose becomes a unit.
UNIDAD_MIN_RATIO = 85
# An acronym has at least two capitals: 'PS' is one, 'De' is a word.
MIN_SIGLAS_CAPITALS = 2
# Fewer letters than this and a digit in an acronym is not read as a letter: '1A' stays.
MIN_SIGLAS_LETTERS = 2

# Ruling remnants and quotes OCR glues to a clave or a cell: '|1.4.1.1', '“2,350'.
EDGE_MARKS = "|;:'\"“”"

# '1.4.1.1.2.1 Atención a las', '1.4.1.1,2.3', '1.41.1.3.4', '14.1.1.84.', '.1.8.2 Brindar'; never
# an amount in thousands with decimals or in millions ('1,114.78 354.11', '1,206,528'; a Fin's cells on a line of their own in
# tesseract's reading of a scan: read as a clave, the Fin became a Componente and every
# component after it was renumbered one up, dev MIR OCR'd text 113)
CODE_DOTTED = regex.compile(
    r"^(?!\d{1,3}(?:,\d{3})+\.\d{1,2}$|\d{1,3}(?:\.\d{3})+,\d{1,2}$|\d{1,3}(?:,\d{3}){2,}$)"
    r"(?:\.?\d{1,3}(?:[.,]\d{1,3}){2,}\.?$|\.?\d{1,2}(?:[.,]\d{1,2})\.$)"
)
# '141133 Reguiacién de Bienss', 'Actividad 141411 ;?ﬁeaa'
CODE_UNDOTTED = regex.compile(r"^\d{4,8}$")
# Digits of a clave's root: '141' for 1.4.1.x ('1.4.1.1.2.1' -> '141').
ROOT_DIGITS = 3
# A clave opens its line, at most after a level word and an OCR stray: tokens searched.
CLAVE_SEARCH_TOKENS = 4
# 'PSAL: e de Solici', 'PEEOMA= Porcentaje', 'PMR = Parcentaje', 'lasiPIA= Porcentaje'
SIGLAS = regex.compile(r"(?<![A-Z])(?P<s>[A-Z][A-Z0-9]{1,7})\s?[:=]\s?(?P<rest>.*)$")
# 'PSAL:' / 'PCSB:' as one word opening an Indicador cell (samples/mir_avance_texto.pdf 'PCSB: Porcentaje de')
SIGLAS_WORD = regex.compile(r"^(?P<s>[A-Z][A-Z0-9]{1,7})[:=]$")
# '... de calles alumbradas (PCA)' — the acronym printed after the name instead
SIGLAS_TAIL = regex.compile(r"\((?P<s>[A-Z][A-Z0-9]{1,7})\)\s*\.?$")
# capitals before ':' that are headings, not acronyms: 'UNIDAD DE MEDIDA DE LAS VARIABLES:'
NOT_SIGLAS = {"OR", "DEL", "LAS", "LA", "DE", "UNIDAD", "MEDIDA", "NOTA", "META", "LOS", "VARIABLE"}
# '(DIRECCION DE REGURSOS ...', 'Porcentaje' — a word that is prose, not a numeric cell
PROSE = regex.compile(r"^[A-Za-zÁÉÍÓÚáéíóúñÑ]{5,}$")

# digits OCR prints for the capital letters they resemble, inside an acronym: 'PS1B' (PSIB)
LETTER_FOR_DIGIT = str.maketrans({"1": "I", "0": "O", "5": "S", "8": "B", "6": "G", "2": "Z"})


def nivel_of(token: str) -> str | None:
    """The level a word names ('Aclividad' -> actividad); None for 'Fin' (see FIN_WORDS)."""
    t = trim_punct(token).lower()
    if len(t) < MIN_FUZZY_LEN:
        return None
    best, score = None, 0.0
    for nivel, variants in NIVEL_VARIANTS.items():
        for v in variants:
            s = fuzz.ratio(t, v)
            if s > score:
                best, score = nivel, s
    return best if score >= NIVEL_MIN_RATIO else None


def level_of(word: str) -> str | None:
    """The level a cell word names, 'Fin' included."""
    return "fin" if word in FIN_WORDS else nivel_of(word)


def frecuencia_of(token: str) -> str | None:
    t = trim_punct(token).lower()
    if len(t) < MIN_FUZZY_LEN:
        return None
    best, score = None, 0.0
    for f, variants in FRECUENCIA_VARIANTS.items():
        for v in variants:
            s = EXACT_MATCH_RATIO if t == v else fuzz.ratio(t, v)
            if s > score:
                best, score = f, s
    return best if score >= FRECUENCIA_MIN_RATIO else None


def unidad_of(word: str) -> str | None:
    """The unit an already stripped, lowercase word names, without accents ('índice' -> 'indice')."""
    if len(word) < MIN_FUZZY_LEN:
        return None
    u = next((u for u in UNIDADES if fuzz.ratio(u, word) >= UNIDAD_MIN_RATIO), None)
    return strip_accents(u) if u else None


def is_clave(token: str, root: str) -> bool:
    """A clave as a table cell prints it: dotted, or its digits run together after the
    report's root ('141133' in a report of 1.4.1.x claves)."""
    return bool(CODE_DOTTED.match(token) or (root and CODE_UNDOTTED.match(token) and token.startswith(root)))


def is_siglas(token: str) -> bool:
    return token not in NOT_SIGLAS and sum(c.isupper() for c in token) >= MIN_SIGLAS_CAPITALS


def code_root(glines: list[tuple[int, Line]]) -> str:
    """The digits every clave of this report starts with ('141' for 1.4.1.x), so a code
    printed without dots ('141133') can be told from a quantity ('1070 programados')."""
    firsts: Counter = Counter()
    for _, line in glines:
        for t in line.text.split()[:CLAVE_SEARCH_TOKENS]:
            t = t.strip(EDGE_MARKS)
            if CODE_DOTTED.match(t):
                d = "".join(c for c in t if c.isdigit())
                if len(d) >= ROOT_DIGITS:
                    firsts[d[:ROOT_DIGITS]] += 1
    return firsts.most_common(1)[0][0] if firsts else ""


def siglas_to_letters(siglas: str | None) -> str | None:
    """An indicator acronym is letters only; a digit between capitals is a misread letter."""
    if not siglas or not any(c.isdigit() for c in siglas) or sum(c.isalpha() for c in siglas) < MIN_SIGLAS_LETTERS:
        return siglas
    return siglas.translate(LETTER_FOR_DIGIT)
