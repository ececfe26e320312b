"""Words that open the name of an administrative unit: 'Dirección de Planeación y Evaluación',
'Unidad de Evaluación del Desempeño', 'Jefaturas de División', 'Secretaría Técnica'.

Follow-up annexes and agreements name the unit responsible for each action in a column of its
own; when an export loses the columns (cells joined by single spaces), the unit's first word is
what marks where its cell begins. Shared: any family reading tables of responsibilities, and
the mentions of bodies, need the same list.
"""

from __future__ import annotations

import unicodedata

import regex
from rapidfuzz import fuzz, process

# capitalised, accents as printed or lost by OCR ('Direccion', 'Area')
UNIT_HEADS = (
    "Dirección",
    "Subdirección",
    "Unidad",
    "Coordinación",
    "Departamento",
    "Jefatura",
    "Jefaturas",
    "Área",
    "Áreas",
    "Oficina",
    "Secretaría",
    "Subsecretaría",
    "Delegación",
    "Gerencia",
    "Tesorería",
    "Contraloría",
    "Órgano",
    "Comité",
    "Consejo",
    "Enlace",
    "Titular",
)


def _unaccented(word: str) -> str:
    return unicodedata.normalize("NFC", regex.sub(r"\p{Mn}", "", unicodedata.normalize("NFD", word)))


_FOLDED = "|".join(sorted({_unaccented(w) for w in UNIT_HEADS} | set(UNIT_HEADS), key=len, reverse=True))
# a unit's first word at a word boundary: 'Coordinación de Operación del Programa', 'Direccion General'
UNIT_HEAD = regex.compile(rf"\b(?:{_FOLDED})\b")


# a capitalised word of at least this many letters that reaches HEAD_FLOOR against a head word
# is that word as OCR printed it ('Dlrección', 'Coordinacíon'); shorter words ('Area' vs 'Arca')
# carry too few letters for one slip to be told from another word
MIN_FUZZY_LEN = 6
# rapidfuzz ratio: 88 admits one letter misread in a nine-letter word (Dlrección, 89); lower pairs
# 'Dirección' with 'Dicción' (87.5)
HEAD_FLOOR = 88.0
CAPITAL_WORD = regex.compile(r"\b\p{Lu}\p{Ll}+\b")
_HEADS = sorted({_unaccented(w) for w in UNIT_HEADS})


def unit_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a unit's name may begin: its first word, capitalised, as
    printed or with one letter OCR misread."""
    exact = {m.start() for m in UNIT_HEAD.finditer(text)}
    for m in CAPITAL_WORD.finditer(text):
        if m.start() in exact or len(m.group()) < MIN_FUZZY_LEN:
            continue
        if process.extractOne(_unaccented(m.group()), _HEADS, scorer=fuzz.ratio, score_cutoff=HEAD_FLOOR):
            exact.add(m.start())
    return sorted(exact)
