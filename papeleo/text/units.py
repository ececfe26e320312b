"""Words that open the name of an administrative unit: 'Dirección de Planeación y Evaluación',
'Unidad de Evaluación del Desempeño', 'Jefaturas de División', 'Secretaría Técnica'.

Follow-up annexes and agreements name the unit responsible for each action in a column of its
own; when an export loses the columns (cells joined by single spaces), the unit's first word is
what marks where its cell begins. Shared: any family reading tables of responsibilities, and
the mentions of bodies, need the same list.
"""

from __future__ import annotations

import regex

from .vocab import Vocabulary

# capitalised, as printed; accents lost by OCR ('Direccion', 'Area') fold away in the vocabulary
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
# a word of at least this many letters that reaches HEAD_FLOOR against a head word is that word
# as OCR printed it ('Dlrección', 'Coordinacíon'); shorter words ('Area' vs 'Arca') carry too
# few letters for one slip to be told from another word, and match only exactly
MIN_FUZZY_LEN = 6
# rapidfuzz ratio: 88 admits one letter misread in a nine-letter word (Dlrección, 89); lower pairs
# 'Dirección' with 'Dicción' (87.5)
HEAD_FLOOR = 88.0
UNIT_WORDS = Vocabulary(UNIT_HEADS, floor=HEAD_FLOOR, exact_below=MIN_FUZZY_LEN)
# a unit's first word is capitalised: 'Coordinación de Operación del Programa', 'Direccion General'
CAPITAL_WORD = regex.compile(r"\b\p{Lu}\p{Ll}+\b")


def unit_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a unit's name may begin: its first word, capitalised, as
    printed or with one letter OCR misread."""
    return [m.start() for m in CAPITAL_WORD.finditer(text) if UNIT_WORDS.match(m.group()) is not None]
