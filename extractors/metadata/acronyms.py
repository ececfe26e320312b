"""Acronyms a document uses for bodies: the ones it defines ('IEERC: Instituto Electoral del Estado
de Río Claro.', 'Instituto Tecnológico Superior de Escárcega (ITSE)'), else the initials of a body
it names ('PJEVV' for 'Poder Judicial del Estado de Valle Verde'). A letterhead that is only a
logo's acronym names its issuer through them.
"""

from __future__ import annotations

import regex

from papeleo.text.bodies import HEAD, PARTICLES, find_bodies
from papeleo.text.normalize import fold, fold_keep_offsets

from .layout import Layout

# 'IEERC', 'SEDUC', 'ITSE': an acronym standing alone
ACRONYM = regex.compile(r"[A-ZÁÉÍÓÚÑ]{2,10}")
# 'IEERC: Instituto ...' — a glossary's definition
ACRONYM_DEFINED = regex.compile(r"(?:^|\s)(?P<acr>[A-ZÁÉÍÓÚÑ]{2,10}):\s*")
# '... de Escárcega (ITSE)' — an acronym given after the name
ACRONYM_AFTER = regex.compile(r"\s*\((?P<acr>[A-ZÁÉÍÓÚÑ]{2,10})\)")
# the fewest letters of an acronym known only as a body's initials: two letters are the initials of
# any two-word name ('AS', a logo's 'ASEH' cut by OCR, is also 'Auditoría Superior' cut at a line
# end); a document that defines a two-letter acronym still has it
MIN_INITIALS_LETTERS = 3


def with_nested(name: str) -> list[str]:
    """A unit's name and the body it belongs to: 'Dirección del Instituto Nacional de Educación
    Básica' -> itself and 'Instituto Nacional de Educación Básica'."""
    head = HEAD.match(fold_keep_offsets(name))
    inner = find_bodies(name[head.end() :]) if head else []
    return [name] + [b.name for b in inner]


def _initials(name: str) -> str:
    """'Poder Judicial del Estado de Valle Verde' -> 'PJEVV'."""
    return "".join(w[0] for w in name.split() if w[:1].isalpha() and fold(w) not in PARTICLES).upper()


def acronym_names(layout: Layout) -> dict[str, str]:
    """Acronyms the document defines ('IEERC: Instituto Electoral del Estado de Río Claro.',
    'Instituto Tecnológico Superior de Escárcega (ITSE)'), else the body whose initials they are
    ('PJEVV' for the 'PODER JUDICIAL DEL ESTADO DE VALLE VERDE' its title names)."""
    out: dict[str, str] = {}
    for seg in layout.segments:
        for body in find_bodies(seg.text):
            for name in with_nested(body.name):
                if len(initials := _initials(name)) >= MIN_INITIALS_LETTERS:
                    out.setdefault(initials, name)
    for seg in layout.segments:
        for m in ACRONYM_DEFINED.finditer(seg.text):
            found = find_bodies(seg.text[m.end() :])
            if found and found[0].start == 0:
                out[m["acr"]] = found[0].name  # a definition outranks initials
        for body in find_bodies(seg.text):
            m = ACRONYM_AFTER.match(seg.text[body.end :])
            if m:
                out[m["acr"]] = body.name
    return out
