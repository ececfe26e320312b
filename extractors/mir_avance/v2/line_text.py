"""A row's text read on one line of OCR'd text -> its text cells: the level word, the code and
objective, the acronym and indicator, the short columns the head names after them.

Split from ``lines.py``, whose rows it shares out.
"""

from __future__ import annotations

import regex

from .fields import FRECUENCIAS, NIVELES

# an acronym after the objective's sentence: '… los tres órdenes de gobierno. PSAL: Porcentaje',
# 'conforme al programa anual. PCCPP - Porcentaje'
SIGLAS_AFTER_SENTENCE = regex.compile(r"(?<=[.;:]\s|^)(?P<s>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{1,13})(?=\s*(?:[:=]|\s[-–—]\s?))")
# an acronym marked by '=' or ':' anywhere, when wrapped cells interleave the objective with the
# indicator: 'Apoyos económicos PAE= Porcentaje de apoyos'
SIGLAS_MARKED = regex.compile(r"(?<=\s|^)(?P<s>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{1,13})(?=[:=]\s*\S)")
# a responsible area leading the row's text after its level word: '(Dirección de Desarrollo Económlco) 5.3.1 …'
LEADING_PARENS = regex.compile(r"^\s*\([^()]{1,80}\)\s*")


def split_text(before: str, after: str, order: list[str]) -> dict[str, str]:
    """The row's text before its numbers, shared out by the head's order of text columns: the
    level word, the code and objective, the acronym and indicator (``fields.py`` splits those),
    then the short columns, each peeled off the end by its own vocabulary."""
    words = before.split()
    out: dict[str, str] = {}
    if words and NIVELES.term_of(words[0]):
        out["nivel"] = words.pop(0)
        area = LEADING_PARENS.match(" ".join(words))
        if area:  # the responsible area printed under the level: 'Fin (UIPPE) 5 Contribuir …'
            words = " ".join(words)[area.end() :].split()
    tail_kinds = [k for k in order if k not in ("nivel", "clave", "resumen", "siglas", "indicador", "comentario")]
    for kind in reversed(tail_kinds):
        if not words:
            break
        if kind == "frecuencia" and FRECUENCIAS.term_of(words[-1]):
            out["frecuencia"] = words.pop()
        elif kind in ("unidad", "texto_extra") and len(words) > 1:
            out[kind] = words.pop()
    rest = " ".join(words)
    siglas = SIGLAS_AFTER_SENTENCE.search(rest) or SIGLAS_MARKED.search(rest)
    if siglas is None and "siglas" in order:
        siglas = regex.search(r"(?<=[.;]\s)(?P<s>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,13})(?=\s)", rest)
    if siglas:
        out["resumen"] = rest[: siglas.start()].strip()
        out["indicador"] = rest[siglas.start() :].strip() if "siglas" not in order else rest[siglas.end() :].strip()
        if "siglas" in order:
            out["siglas"] = siglas.group("s")
    else:
        out["resumen"] = rest
    if after.strip():
        out["comentario"] = after.strip()
    return out
