"""Bodies a document names, each acronym linked to its long form.

Names are found as metadata finds the issuer (``papeleo.text.bodies``: a head noun and its
capitalised words), with the heads a report names but never issues added (hospitals, leagues,
funds: ``patterns/vocabulary.json``). An acronym takes the long form the document gives it —
'Comisión Interamericana de Derechos Humanos (CIDH)', a glossary's 'DESPEN: Dirección Ejecutiva
del Servicio Profesional Electoral Nacional.' — or else the one ``patterns/acronyms.jsonl``
knows, so the acronym and the long form are one ``valor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from papeleo.text.bodies import HEADS, PARTICLES, find_bodies, heads_pattern, title_case
from papeleo.text.normalize import fold

from .rules import VOCABULARY, acronym_long_forms
from .spans import Spans

ORG_HEAD = heads_pattern([*HEADS, *VOCABULARY["body_heads"]])
# a report's lines may be set apart by a blank line inside one sentence (seed 000: 'Hospital General
# San \n\nJuan de Dios'): a name goes on across one blank line; never across a tab (a table's next cell)
# a full stop after a word ends the name with its sentence ('... de Ocampo.' / 'Comisión de ...',
# the next line of a glossary)
FLOW_GAP = regex.compile(r"(?<!\p{L}{3}\.)(?: +(?:\n[ \t]*){0,2}(?=\S)|\n(?:[ \t]*\n)?[ \t]*(?=\S))")
# particles of the names a report names besides those an issuer's name holds: 'Comisión Ejecutiva
# de Atención *a* Víctimas', 'Liga Nacional *contra* el Cáncer', 'Juzgados en Materia de *lo* Familiar'
NAME_PARTICLES = PARTICLES | frozenset({"a", "contra", "lo", "sobre"})
# 'Hospital Roosevelt y el Hospital General ...': two names joined, split where the second opens
JOINED = regex.compile(r"\s+(?:y|e)\s+(?P<article>(?:la|el|los|las)\s+)?(?=\p{Lu})")
# a full stop after a word of three letters or more ends the sentence, and the name ('México.
# SÉPTIMA. Prórroga'); 'H.' and 'Q.' are abbreviations
SENTENCE_END = regex.compile(r"(?<=\p{L}{3})\.(?=\s|$)")
# a name in mixed case runs into a heading in capitals: 'Defensoría del Ambiente INFORME DE VERIFICACIÓN'
# (two words in capitals in a row; one is an acronym of the name: 'Sistema Municipal DIF')
CAPS_AFTER_MIXED = regex.compile(r"\s+\p{Lu}{2,}[\p{Lu}.]*\s+\p{Lu}{2,}")
BLANK_LINE = regex.compile(r"\n[ \t]*\n")
# 'Dirección General de Planeación, Seguimiento y Evaluación': a list of capitalised words
# closed by 'y' goes on the name
LISTED = regex.compile(r"(?:,[ \t]*\p{Lu}[\p{L}]+)+[ \t]+(?:y|Y|e|E)[ \t]+\p{Lu}[\p{L}]+")
# 'Comisión Interamericana de Derechos Humanos\n(CIDH)'
ACRONYM_AFTER = regex.compile(r"\s*\((?P<acr>\p{Lu}{2,10})\)")
# a glossary line: 'DESPEN: Dirección Ejecutiva del Servicio Profesional Electoral Nacional.'
GLOSSARY = regex.compile(r"(?m)^\s*(?P<acr>\p{Lu}{2,10})\s*:\s*(?=\S)")
# an acronym standing alone: 'la CIDH', 'por la SHCP'
ACRONYM = regex.compile(r"(?<![\p{L}/-])\p{Lu}{2,10}(?![\p{L}/-])")
# an acronym's letters must be this share of its long form's initials, in order, to link them
MIN_INITIALS = 0.6


@dataclass
class Body:
    valor: str
    printed: str
    start: int
    end: int


def _initials_fit(acr: str, long_form: str) -> bool:
    """'CIDH' and 'Comisión Interamericana de Derechos Humanos': the acronym's letters appear, in
    order, among the long form's capitalised initials, for most of them."""
    initials = "".join(w[0] for w in long_form.split() if w[:1].isupper())
    i = 0
    for c in fold(initials).upper():
        if i < len(acr) and fold(c) == fold(acr[i]):
            i += 1
    return i >= max(2, MIN_INITIALS * len(acr))


def printed_end(text: str, start: int, name: str) -> int | None:
    """Where ``name`` (its words one space apart) ends in ``text`` from ``start``, whatever
    whitespace stands between its words there; None when the words are not there in order."""
    pos = start
    for k, word in enumerate(name.split()):
        if k:
            while pos < len(text) and text[pos].isspace():
                pos += 1
        if not text.startswith(word, pos):
            return None
        pos += len(word)
    return pos


def _bodies(text: str) -> list[Body]:
    """Body names as printed: a capital opens each; two names joined by 'y' are two; a list of
    capitalised words closed by 'y' is part of the name; a name ends with its sentence, and a
    name in capitals at a blank line (the next block of a signature page)."""
    out = []
    for b in find_bodies(text, ORG_HEAD, FLOW_GAP, NAME_PARTICLES):
        if not text[b.start].isupper():
            continue  # 'los servicios de salud': a head in lowercase names no one body
        # the name's end in ``text`` (its words may stand a line apart; b.end counts one space)
        end = printed_end(text, b.start, b.name) or b.end
        listed = LISTED.match(text, end)
        if listed:
            end = listed.end()
        name = text[b.start : end]
        stop = SENTENCE_END.search(name)
        if stop:
            name = name[: stop.start()]
        if name.isupper() and BLANK_LINE.search(name):
            name = name[: BLANK_LINE.search(name).start()]
        heading = CAPS_AFTER_MIXED.search(name) if not name.isupper() else None
        if heading:
            name = name[: heading.start()]
        head = ORG_HEAD.match(fold(name))
        start = b.start
        for part in _split_joined(name, head.group(0) if head else ""):
            at = text.index(part, start)
            if len(part.split()) >= 2:
                out.append(Body(part, " ".join(part.split()), at, at + len(part)))
            start = at + len(part)
    return out


def _split_joined(name: str, head: str) -> list[str]:
    """'Hospital Roosevelt y el Hospital General San Juan de Dios' -> both; 'Salud Pública y
    Asistencia Social' stays one: a second name opens with an article or with the first's head."""
    parts, last = [], 0
    for m in JOINED.finditer(name):
        rest = fold(name[m.end() :])
        if m.group("article") or (head and rest.startswith(head)):
            if ORG_HEAD.match(rest):
                parts.append(name[last : m.start()])
                last = m.end()
    parts.append(name[last:])
    return [p.strip(" ,.;:") for p in parts if p.strip(" ,.;:")]


def page_to_bodies(text: str, defined: dict[str, str], nlp: Any) -> list[Body]:
    """Bodies on one page's text; ``defined`` collects the acronyms the document defines (and
    is read for those defined on earlier pages)."""
    out: list[Body] = []
    for b in _bodies(text):
        valor = title_case(" ".join(b.valor.split()))
        out.append(Body(valor, b.printed, b.start, b.end))
        m = ACRONYM_AFTER.match(text, b.end)
        if m and _initials_fit(m["acr"], valor):
            defined.setdefault(m["acr"], valor)
    for m in GLOSSARY.finditer(text):
        body = next((b for b in out if b.start == m.end()), None)
        if body and _initials_fit(m["acr"], body.valor):
            defined.setdefault(m["acr"], body.valor)
    taken = Spans((b.start, b.end) for b in out)
    candidates = [m for m in ACRONYM.finditer(text) if not taken.covers(m.start())]
    known = acronym_long_forms(sorted({m.group(0) for m in candidates}), nlp) if candidates else {}
    for m in candidates:
        long_form = defined.get(m.group(0)) or known.get(m.group(0))
        if long_form:
            out.append(Body(long_form, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda b: b.start)
