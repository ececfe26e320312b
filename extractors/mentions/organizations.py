"""Bodies a document names, each acronym linked to its long form.

Names are found as metadata finds the issuer (``papeleo.text.bodies``: a head noun and its
capitalised words), with the heads a report names but never issues added (hospitals, leagues,
funds: ``patterns/vocabulary.json``). An acronym takes the long form the document gives it —
'Comisión Interamericana de Derechos Humanos (CIDH)', a glossary's 'DESPEN: Dirección Ejecutiva
del Servicio Profesional Electoral Nacional.' — or else the one ``patterns/acronyms.jsonl``
knows, so the acronym and the long form are one ``valor``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Any

import regex

from papeleo.text.bodies import HEADS, BodyMention, find_bodies, heads_pattern, title_case
from papeleo.text.normalize import fold, fold_keep_offsets
from papeleo.text.pagetext import line_around, line_start

from .name_ends import (
    LEGAL_FORM,
    LEGAL_FORM_END,
    NAME_PARTICLES,
    ORDINAL_BEFORE,
    ORG_HEAD,
    POST_FORMS,
    POST_FORMS_CAPS,
    trim_name,
)
from .people import CARGO_HEAD
from .rules import VOCABULARY, acronym_long_forms
from .spans import Spans

# two capitalised words side by side, the second not an acronym: where a label may start
LABEL_JUNCTURE = regex.compile(r"(?<=\p{Lu}\p{Ll}+)[ \t]+(?=\p{Lu}\p{Ll})")
LABELS = frozenset(fold(w) for w in VOCABULARY["labels"])
UNIT_COLUMNS = frozenset(fold(w) for w in VOCABULARY["unit_columns"])
# 'con el' between a name and the body it deals with: 'Departamento de Vinculación con el Instituto ...'
WITH_BODY = regex.compile(r"[ \t]+con[ \t]+(?:el|la)[ \t]+(?=\p{Lu})")
NAME_ADJECTIVES = frozenset(fold(w) for w in VOCABULARY["name_adjectives"])
INCOMPLETE = frozenset(fold(w) for w in VOCABULARY["incomplete_names"])
# a report's lines may be set apart by a blank line inside one sentence (seed 000: 'Hospital General
# San \n\nJuan de Dios'): a name goes on across one blank line; never across a tab (a table's next cell)
# a full stop after a word ends the name with its sentence ('... de Ocampo.' / 'Comisión de ...',
# the next line of a glossary)
FLOW_GAP = regex.compile(r"(?<!\p{L}{3}\.)(?: +(?:\n[ \t]*){0,2}(?=\S)|\n(?:[ \t]*\n)?[ \t]*(?=\S))")
# 'Hospital Roosevelt y el Hospital General ...': two names joined, split where the second opens
JOINED = regex.compile(
    r"\s+(?:y|e|Y|E)\s+(?P<article>(?:(?:a|al|A|AL)\s+)?(?:la|el|los|las|LA|EL|LOS|LAS)\s+)?(?=\p{Lu})"
)
# how many words the finder may run before names joined by 'y' are split ('... del Departamento de
# Villa Canales del Norte y a la Gerencia de la Junta Administradora de Agua de San Bartolomé' is 23;
# the engine's default, 16, is for one issuer's name)
MAX_RUN_WORDS = 40
# a second name joined without an article opens with a head an issuer's name opens with ('...
# Función Pública y Comisión Estatal del Agua de Costa Dorada', 'Liga Nacional contra el Cáncer e
# Instituto Nacional de Cancerología') and runs to this many words; after a unit's name, whose
# functions 'y' joins, only when the document prints it elsewhere too (``document``: its folded
# text). The heads of units, funds and services ('Comisión de Vinculación y Servicio Profesional
# Electoral'), short rests ('Salud Pública y Asistencia Social') and a body printed only after a
# unit's 'y' ('Unidad de Supervisión Hospitalaria y Defensoría de la Salud', one unit) stay part
# of the first name
ISSUER_HEAD = heads_pattern(list(HEADS))
UNIT_HEAD = heads_pattern(VOCABULARY["unit_heads"])
JOINED_MIN_WORDS = 3
# a head followed by 'a'/'al'/'y' is a common noun, the body is after it: 'Evaluación Estratégica de
# Coordinación al Fondo de Aportaciones para el Fortalecimiento de las Entidades Federativas', 'TOTAL
# POR UNIDAD Y ZONA'
HEAD_THEN_TO = regex.compile(r"^\p{L}+[ \t]+(?i:al?|y|e)[ \t]")
# a company or association named by its legal form, whatever its first word: 'Grupo Consultor en
# Gestión para Resultados, S.C.', 'Evaluación y Desempeño\nGubernamental Integral, S.A. de C.V.' (a
# line may break after a word in name case, not after a heading in capitals)
_W = r"(?:[ \t]+|(?<=\p{Ll})[ \t]*\n[ \t]*)"
COMPANY = regex.compile(
    rf"(?<![\p{{L}}])\p{{Lu}}[\p{{L}}]+(?:{_W}(?:(?:de|del|la|las|los|y|e|en|para|el){_W})*\p{{Lu}}[\p{{L}}]+)*"
    r",?[ \t]+(?:S\.[ ]?C\.|A\.[ ]?C\.|S\.[ ]?A\.(?:[ ]de[ ]C\.[ ]?V\.)?)"
)
# where a body's name names another body: 'Comisión ... *del* Tribunal ...', '... *de la* Secretaría ...',
# 'Comisión de Seguimiento *al* Servicio Profesional ...', 'Departamento de Vinculación *con el* Instituto ...'
INNER_HEAD = regex.compile(r"\s(?i:del|de\s+la|de\s+los|de\s+las|de|al|con\s+el|con\s+la)\s+(?=\p{Lu})")
# marks inside a name the finder's words do not hold: guillemets around a school's patron, the
# number after 'No.' ('Escuela Oficial Rural Mixta No. 13 de Villa Canales')
IN_NAME_MARKS = regex.compile(r"[«»]|(?<=\b(?:No|Núm|N°)\.?\s{0,2})\d{1,4}(?=[\s,.]|$)")
# the full stop of an abbreviated head, which would end the name as a sentence: 'Depto. de Programación'
ABBREVIATED_HEAD = regex.compile(r"(?<=\b(?i:depto|dpto))\.(?=[ \t]+\p{L})")
# what a person's name is blanked with before bodies are searched: no letter, no space
MASK = "\u00b7"
# a line of an address: 'Palacio de Gobierno, Centro Cívico, C.P. 21000', 'Blvd. Pedro Infante No. 12'
ADDRESS = regex.compile(r"(?i)\bc\.\s?p\.\s*\d{5}|\b(?:col\.|colonia|blvd\.?|boulevard|av\.|avenida|calle|domicilio)\s")
# a neighbourhood named after a body: 'colonia\nCentro Cívico', 'Col. Centro'
PLACE_BEFORE = regex.compile(r"(?i)\b(?:colonia|col\.|fraccionamiento|fracc\.|barrio)\s*$")
SYSTEM_BODIES = tuple(fold(w) for w in VOCABULARY["system_bodies"])
# 'Dirección General de Planeación, Seguimiento y Evaluación': a list of capitalised words
# closed by 'y' goes on the name
LISTED = regex.compile(r"(?:,[ \t]*\p{Lu}[\p{L}]+)+[ \t]+(?:y|Y|e|E)[ \t]+\p{Lu}[\p{L}]+")
# 'Comisión Interamericana de Derechos Humanos\n(CIDH)'
ACRONYM_AFTER = regex.compile(r"\s*\((?P<acr>\p{Lu}{2,10})\)")
# a glossary line: 'DESPEN: Dirección Ejecutiva del Servicio Profesional Electoral Nacional.'
GLOSSARY = regex.compile(r"(?m)^\s*(?P<acr>\p{Lu}{2,10})\s*:\s*(?=\S)")
# an acronym standing alone: 'la CIDH', 'por la SHCP'
ACRONYM = regex.compile(r"(?<![\p{L}/-])\p{Lu}{2,10}(?![\p{L}/-])")
# how many names deep a run of capitals is searched past each name's end (a signature block
# names a body per signatory; deeper runs are not printed)
MAX_TAIL_DEPTH = 6
# a post right before an acronym: 'Coordinadora de la UIPPE', 'Titular del DIF', 'Jefe de la UPS'
_posts = "|".join(regex.escape(w) for w in sorted(VOCABULARY["cargo_heads"], key=len, reverse=True))
POST_OF = regex.compile(rf"(?<![\p{{L}}])(?i:{_posts})[ ]+(?:de[ ]+la|del|de)[ ]+$")  # one cell: no tab
# an acronym's letters must be this share of its long form's initials, in order, to link them
MIN_INITIALS = 0.6


@dataclass(frozen=True)
class NameContext:
    """What the document around a page's text says about where names end: its people's names as
    printed (no name runs through one), its folded text (one space between words: a body it
    prints elsewhere too), and the hard line breaks of the page (offsets in its text: lines that
    ended on purpose, a letterhead's, a heading's; layout.hard_breaks)."""

    people: tuple[str, ...] = ()
    document: str = ""
    breaks: tuple[int, ...] = ()


class _GapBefore:
    """FLOW_GAP that does not cross a hard line break (``breaks``: offsets in the page's text;
    ``base``: where the searched text starts in it), so a letterhead's lines are names of their
    own and the finder does not swallow the next line's name."""

    def __init__(self, breaks: tuple[int, ...], base: int) -> None:
        self.breaks, self.base = breaks, base

    def match(self, text: str, pos: int, endpos: int | None = None) -> regex.Match | None:
        m = FLOW_GAP.match(text, pos)
        if m is None:
            return None
        i = bisect.bisect_left(self.breaks, m.start() + self.base)
        return None if i < len(self.breaks) and self.breaks[i] < m.end() + self.base else m


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


def _bodies(text: str, ctx: NameContext, depth: int = 0, base: int = 0) -> list[Body]:
    """Body names as printed: a capital opens each; two names joined by 'y' are two; a list of
    capitalised words closed by 'y' is part of the name; a company's legal form closes it; a
    post printed like a body ('Secretaria de Acuerdos del Juzgado Mixto', no accent: a woman's
    post) is no body, but the body inside it is. ``base``: where ``text`` starts in the page's
    text (``ctx.breaks`` are offsets there)."""
    out = []
    people = ctx.people
    gap = _GapBefore(ctx.breaks, base) if ctx.breaks else FLOW_GAP
    masked = _masked_for_finder(text, people)
    for b in find_bodies(masked, ORG_HEAD, gap, NAME_PARTICLES, labels=False, max_words=MAX_RUN_WORDS):
        if masked is not text:  # the name as printed, where the mask made letters of other marks
            printed = text[b.start : printed_end(masked, b.start, b.name) or b.end]
            b = BodyMention(" ".join(printed.split()), b.start, b.start + len(printed))
        if not text[b.start].isupper():
            continue  # 'los servicios de salud': a head in lowercase names no one body
        first = b.name.split()[0]
        if (first in POST_FORMS or first in POST_FORMS_CAPS or HEAD_THEN_TO.match(b.name)) and depth < 2:
            inner = b.start + len(first)
            out.extend(
                replace(x, start=x.start + inner, end=x.end + inner)
                for x in _bodies(text[inner : b.end], ctx, depth + 1, base + inner)
            )
            continue
        ordinal = ORDINAL_BEFORE.search(text, max(0, b.start - 12), b.start)
        if ordinal:  # 'Segunda Visitaduría General'
            b = BodyMention(f"{ordinal.group(1)} {b.name}", ordinal.start(1), b.end)
        # the name's end in ``text`` (its words may stand a line apart; b.end counts one space)
        end = printed_end(text, b.start, b.name) or b.end
        listed = LISTED.match(text, end)
        if listed:
            end = listed.end()
        # a legal form after the name, or closing it with its last full stop taken off by the
        # finder ('Desarrollo Regional, A.C' + '.')
        form = LEGAL_FORM.match(text, end) or LEGAL_FORM.search(text, max(b.start, end - 16), end + 1)
        if form and form.end() >= end:
            end = form.end()
        with_body = WITH_BODY.match(text, end)
        if with_body and ORG_HEAD.match(fold(text[with_body.end() : with_body.end() + 40])):
            # 'Departamento de Vinculación con el Instituto Nacional Electoral': a name naming the
            # body it deals with (whose own name _inner reads)
            other = find_bodies(masked[with_body.end() : with_body.end() + 200], ORG_HEAD, gap, NAME_PARTICLES)
            if other and other[0].start == 0:
                end = with_body.end() + (printed_end(text, with_body.end(), other[0].name) or 0) - with_body.end()
        name = trim_name(text[b.start : end], people)
        tail = b.start + len(name)
        if depth < MAX_TAIL_DEPTH and text[tail:end].strip():
            # what the finder ran on into past the name's end may hold names of its own: a
            # signature block in capitals ('... EVALUACIÓN / LETICIA AYALA MUÑOZ / TITULAR DEL
            # ÓRGANO INTERNO DE CONTROL ...') is one run of capitals to the finder
            out.extend(
                replace(x, start=x.start + tail, end=x.end + tail)
                for x in _bodies(text[tail:end], ctx, depth + 1, base + tail)
            )
        if text[end : end + 2].lstrip()[:1] == ":" and ":" in text[line_start(text, b.start) : b.start]:
            # 'Dependencia ejecutora: Unidad de Planeación Eje del Plan Municipal de Desarrollo: 2.':
            # a field's value runs into the next field's label; it ends where two capitalised words
            # meet (an addressee, 'Al Juzgado de Ejecución Penal de San Pedro:', has no field before)
            juncture = next(
                (j for j in LABEL_JUNCTURE.finditer(name) if fold(name[j.end() :].split()[0]) not in NAME_ADJECTIVES),
                None,
            )
            name = name[: juncture.start()] if juncture else name
        if fold(name) in LABELS or fold(name) in UNIT_COLUMNS or fold(name) in INCOMPLETE:
            continue  # 'Unidad Responsable': a form's field; 'UNIDAD ACADÉMICA': a column's header; no body
        head = ORG_HEAD.match(fold(name))
        start = b.start
        for part in _split_joined(name, head.group(0) if head else "", ctx.document):
            at = text.index(part, start)
            address = ADDRESS.search(line_around(text, at)) or PLACE_BEFORE.search(text, max(0, at - 20), at)
            bare = fold(part) in INCOMPLETE  # 'la Junta Local y la Junta Distrital'
            if len(part.split()) >= 2 and not address and not bare and not _system_not_body(part):
                out.append(Body(part, " ".join(part.split()), at, at + len(part)))
                out.extend(_inner(part, at))
            start = at + len(part)
    seen: set[tuple[str, int]] = set()  # a body read inside a name and found again on its own: once
    out = [b for b in out if (b.valor, b.start) not in seen and not seen.add((b.valor, b.start))]
    taken = Spans((b.start, b.end) for b in out)
    for m in COMPANY.finditer(masked):
        start = _company_start(text, m.start(), m.end(), ctx.breaks, base)
        if start is not None and not taken.overlaps(start, m.end()):
            printed = text[start : m.end()]
            out.append(Body(" ".join(printed.split()), printed, start, m.end()))
    return sorted(out, key=lambda b: b.start)


def _company_start(text: str, start: int, end: int, breaks: tuple[int, ...], base: int) -> int | None:
    """Where a company's name run over lines really starts: after the last hard line break in it,
    or after a signatory's post ('Socio Director' / 'Despacho Ruiz Paredes y Asociados, S.C.');
    None when no name is left."""
    inside = [b - base for b in breaks if start <= b - base < end]
    if inside:
        start = inside[-1] + 1
    stop = text.find("\n", start, end)
    if stop >= 0 and CARGO_HEAD.match(fold(text[start:stop])):
        start = stop + 1
    return start if len(text[start:end].split()) >= 2 else None


def _system_not_body(name: str) -> bool:
    """'Sistema Estatal de Seguridad Pública' is a system, no body; 'Sistema Municipal para el
    Desarrollo Integral de la Familia' and a water utility's 'Sistema de Agua Potable' are bodies."""
    folded = fold(name)
    return folded.startswith("sistema") and not any(w in folded for w in SYSTEM_BODIES)


def _masked_for_finder(text: str, people: tuple[str, ...]) -> str:
    """``text`` as the body finder should see it, offsets kept: the document's people's names
    blanked out (no body's name runs through a person's; in a signature block in capitals the
    finder would run from one signatory's body through the next one's name into theirs), and
    the marks a name may hold made letters ('Escuela Primaria «Tomás Ochoa Rivas» de Las
    Cumbres', 'Telesecundaria No. 6 de Santa Lucía'), an abbreviated head's full stop a space."""
    text = IN_NAME_MARKS.sub(lambda m: "X" * len(m.group(0)), text)
    text = ABBREVIATED_HEAD.sub(" ", text)
    for person in people:
        k = text.find(person)
        while k >= 0:
            text = text[:k] + MASK * len(person) + text[k + len(person) :]
            k = text.find(person, k + len(person))
    return text


def _inner(name: str, at: int) -> list[Body]:
    """The bodies a body's name holds after 'de'/'del': 'Comisión de Evaluación y Disciplina del
    Tribunal Superior de Justicia del Estado' names the Tribunal too (docs/mentions.md: the whole
    name and the body inside it; the outer part alone is no mention of its own); a system is no
    body of its own ('Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública' is one name)."""
    out = []
    outer_is_unit = UNIT_HEAD.match(fold(name)) is not None
    for m in INNER_HEAD.finditer(name):
        rest = name[m.end() :]
        if UNIT_HEAD.match(fold(rest)) and not outer_is_unit:
            continue  # 'Secretaría de Salud del Departamento de Villa Canales': a unit holds no secretaría; a place
        folded = fold(rest)
        if (
            ORG_HEAD.match(folded)
            and len(rest.split()) >= 2
            and not folded.startswith("sistema")
            and folded not in INCOMPLETE
        ):
            out.append(Body(" ".join(rest.split()), rest, at + m.end(), at + len(name)))
    return out


def _split_joined(name: str, head: str, document: str = "") -> list[str]:
    """'Hospital Roosevelt y el Hospital General San Juan de Dios' -> both; 'Salud Pública y
    Asistencia Social' stays one: a second name opens with an article or with the first's head."""
    parts, last = [], 0
    for m in JOINED.finditer(name):
        rest = fold(name[m.end() :])
        second = " ".join(fold_keep_offsets(name[m.end() :]).split())  # as ``document`` is folded
        bare = (
            ISSUER_HEAD.match(rest)
            and len(second.split()) >= JOINED_MIN_WORDS
            and (document.count(second) > 1 or not UNIT_HEAD.match(fold(name[last:])))
        )
        if m.group("article") or (head and rest.startswith(head)) or bare:
            if ORG_HEAD.match(rest):
                parts.append(name[last : m.start()])
                last = m.end()
    parts.append(name[last:])
    parts = [p.strip(" ,;:") for p in parts]
    # a full stop closes a sentence, not the name, unless it closes a legal form ('A.C.')
    return [p if LEGAL_FORM_END.search(p) else p.rstrip(".").rstrip(" ,;:") for p in parts if p.strip(" ,.;:")]


def page_to_bodies(text: str, defined: dict[str, str], nlp: Any, ctx: NameContext = NameContext()) -> list[Body]:
    """Bodies on one page's text; ``defined`` collects the acronyms the document defines (and
    is read for those defined on earlier pages); ``people`` the names of the document's people
    as printed (a body's name stops where one starts)."""
    out: list[Body] = []
    for b in _bodies(text, ctx):
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
        elif POST_OF.search(text, max(0, m.start() - 40), m.start()):
            # 'Coordinadora de la UIPPE': a post's body by its acronym, spelled out nowhere
            out.append(Body(m.group(0), m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda b: b.start)
