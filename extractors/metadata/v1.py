"""``metadata.v1``: the ``documents`` row's own fields (emisor, título, clave, fecha) for
any family.

Family extractors know their documents better and may override these values; this one
gives every document, ``unknown`` ones included, the fields that generic evidence supports:
the reference number repeated in running headers, the issuing body printed in capitals at
the top, the first long capitalised line as title, and the date of a closing formula
('celebrada con fecha 24 de octubre de 2020', 'Toluca, México, a 15 de marzo de 2024').
A field nothing supports stays null.
"""

from __future__ import annotations

import collections
import logging

import regex

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register
from papeleo.text.dates import Precision, find_dates

log = logging.getLogger(__name__)

# 'IEM/CV/SPE/07/2020', 'INE/CG909/2015' — letters, then 1-4 slash-separated parts, ending in a year
CLAVE = regex.compile(r"\b[A-Z]{2,8}(?:[/-][A-Z0-9]{1,10}){1,4}/(?:19|20)\d\d\b")
# 'INSTITUTO ELECTORAL DE MICHOACÁN', 'VALLE VERDE INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE',
# 'PROCURADURÍA CIUDADANA DE DERECHOS HUMANOS Defensoría de la Salud': a body's name in capitals
EMISOR = regex.compile(
    r"(?<![\p{L}“\"])(?:H\.\s*)?(?:INSTITUTO|SECRETAR[IÍ]A|MUNICIPIO|AYUNTAMIENTO|PROCURADUR[IÍ]A|GOBIERNO|"
    r"COMISI[OÓ]N|CONSEJO|TRIBUNAL|AUDITOR[IÍ]A|CONTRALOR[IÍ]A|DEFENSOR[IÍ]A)(?:[ \t]+[\p{Lu}.]+(?!\p{Ll})){1,10}"
)
# 'celebrada con fecha 24 de octubre de 2020', 'Toluca, México, a 15 de marzo de 2024'
CLOSING = regex.compile(
    r"(?:celebrad[ao]|firmad[ao]|suscrit[ao]|aprobad[ao]|dad[ao]|emitid[ao])\b[^.]{0,80}?"
    r"|^[A-ZÁÉÍÓÚ][^\n,]{2,40},[^\n]{0,60}?\ba\s+",
    regex.MULTILINE,
)
# 'Matriz de Indicadores para Resultados — Avance Trimestral', 'Informe de supervisión a la Unidad ...'
TITLE_CASE = regex.compile(
    r"^\s*(?:Informe|Matriz de Indicadores|Convenio|Acuerdo|Dictamen|Reporte|Avance)\b[^\n]{10,200}$", regex.IGNORECASE
)
_TITLE_MIN_WORDS = 6  # shorter capitalised lines are headings ('ANTECEDENTES', 'G L O S A R I O')


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def document_to_clave(doc: Document) -> str | None:
    counts = collections.Counter(m.group(0) for page in doc.pages for m in CLAVE.finditer(page.text))
    if not counts:
        return None
    # The document's own number is printed in every running header; cited ones are not.
    return counts.most_common(1)[0][0]


def document_to_emisor(doc: Document) -> str | None:
    for page in doc.pages[:2]:
        for line in page.lines[:40]:
            if any(q in line.text for q in '“”"«»'):  # quoted names are parties cited, not the issuer
                continue
            m = EMISOR.search(line.text)
            if m:
                return " ".join(m.group(0).split())
    return None


def _repeated_lines(doc: Document) -> set[str]:
    """Lines printed more than once: running headers and table column headings, never a title."""
    counts = collections.Counter(" ".join(line.text.split()) for _, line in doc.iter_lines())
    # A title may be quoted again later in full; headers and headings are short.
    return {text for text, n in counts.items() if n > 1 and len(text.split()) < 12}


def document_to_titulo(doc: Document) -> str | None:
    if not doc.pages:
        return None
    lines = doc.pages[0].lines
    repeated = _repeated_lines(doc)
    for i, line in enumerate(lines[:60]):
        text = " ".join(line.text.replace("*", "").split())
        if text in repeated or EMISOR.fullmatch(text):
            continue
        words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 2]
        if len(words) >= _TITLE_MIN_WORDS and _upper_ratio(text) > 0.85 and not text.startswith('"'):
            parts = [text]
            for nxt in lines[i + 1 : i + 4]:  # a title may wrap over a few capitalised lines
                more = " ".join(nxt.text.split())
                if not more or _upper_ratio(more) < 0.85:
                    break
                parts.append(more)
            return " ".join(parts)[:400]
    for line in lines[:15]:  # a title set in ordinary case, under the issuer's name
        text = " ".join(line.text.split())
        if TITLE_CASE.match(text):  # a running title repeated on every page is still the title
            return text[:400]
    return None


# how far after a closing formula ('celebrada con fecha ') its date may start, in characters
CLOSING_DATE_REACH = 40


def document_to_fecha(doc: Document):
    best = None
    text = "\n".join(p.text for p in doc.pages)
    for closing in CLOSING.finditer(text):
        window = text[closing.end() : closing.end() + CLOSING_DATE_REACH + 40]
        dates = [d for d in find_dates(window) if d.span[0] <= CLOSING_DATE_REACH]
        day = next((d for d in dates if d.precision is Precision.DAY and not d.year_inferred), None)
        if day is not None:
            best = day.value  # the last closing formula is the one that dates the document
    return best


@register("metadata.v1")
def extract(doc: Document, ctx: Context | None = None) -> Extraction:
    fields = {
        "emisor": document_to_emisor(doc),
        "titulo": document_to_titulo(doc),
        "clave_documento": document_to_clave(doc),
        "fecha_documento": document_to_fecha(doc),
    }
    return Extraction(document={k: v for k, v in fields.items() if v is not None})
