"""The report's own header facts: municipality, fiscal year and quarter.

Read from the whole text by vote, because OCR mangles each occurrence differently
('sequndo trimestre', 'Benito Judrez') and cells bleed into the sentence that names the
municipality; the reading the document repeats most is the one kept. When no quarter is
stated, the table itself says how many quarters were reported.
"""

from __future__ import annotations

import logging
from collections import Counter

import regex

from papeleo.text.normalize import fold_spaces

from .types import ALC, SUM_FIELDS, RawRow

log = logging.getLogger(__name__)

# 'En el segundo trimestre da 2024', 'Al sequnda lrimestre 2024'
TRIMESTRE = regex.compile(
    r"\b(?P<ord>primer|primero|segundo|sequndo|sequnda|segunlo|tercer|tercero|cuarto|cuarlo|[1-4](?:er|do|to|o|°|º)?)\s+(?:[a-z]{1,3}\s+)?(?:trim|trimestre|lrimestre|trimastre|timestre|rimestre)\w*",
    regex.I,
)
# quarter ordinals as written and as this OCR misspells them ('sequndo', 'cuarlo')
ORD = {
    "primer": 1,
    "primero": 1,
    "segundo": 2,
    "sequndo": 2,
    "sequnda": 2,
    "segunlo": 2,
    "tercer": 3,
    "tercero": 3,
    "cuarto": 4,
    "cuarlo": 4,
}
# 'Municipio de Benito Judrez.', 'H.] ... Ayuntamiento de Benito Juarez.'
# 'Ente público: Municipio de San Isidro del Valle, Valle Verde' (lowercase linking words kept)
ENTE = regex.compile(
    r"(?:Municipio|Ayuntamiento)\s+d[eoa]\s+(?P<n>[A-ZÁÉÍÓÚ][\wáéíóúñ]+"
    r"(?:(?:\s+(?:del|de|la|las|los|y))?\s+[A-ZÁÉÍÓÚ][\wáéíóúñ]+){0,3})"
)
# a fiscal year anywhere in the text: 'Ejercicio 2024', 'PMD 2021-2024'
YEAR = regex.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
QUARTERS = len(ALC)


def document_meta(text: str) -> dict:
    years = Counter(int(y) for y in YEAR.findall(text))
    ejercicio = years.most_common(1)[0][0] if years else None
    quarters: Counter = Counter()
    for m in TRIMESTRE.finditer(text):
        o = m.group("ord").lower()
        q = ORD.get(o) or (int(o[0]) if o[0].isdigit() else None)
        if q:
            quarters[q] += 1
    trimestre = quarters.most_common(1)[0][0] if quarters else None
    entes = Counter(fold_spaces(m.group("n")) for m in ENTE.finditer(text.replace("\n", " ")))
    ente = None
    if entes:
        # OCR mixes cells into 'Municipio de <next cell>'; the municipality's own name is
        # the candidate whose first word the document repeats most ('Benito ...')
        def weight(name: str) -> int:
            return len(regex.findall(rf"\b{regex.escape(name.split()[0])}\b", text)) + entes[name]

        ente = "Municipio de " + max(entes, key=weight)
    return {"ejercicio": ejercicio, "trimestre": trimestre, "ente": ente}


def quarter_from_rows(rows: list[RawRow]) -> int:
    """Without a stated quarter, the widest run of cells tells how many were reported:
    the cells past meta anual and the four programados are alcanzados."""
    longest = max((len(r.tokens) for r in rows), default=0)
    labeled = max((sum(1 for f in ALC if f in r.slots) for r in rows), default=0)
    return max(1, min(QUARTERS, max(longest - len(SUM_FIELDS), labeled) or QUARTERS))
