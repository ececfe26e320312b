"""Legal instruments a document cites: laws and regulations by name, an article of one, and
agreements by their code. (Constitutional actions by case number: amparos.py.)"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from papeleo.text.bodies import BodyMention, find_bodies, heads_pattern, title_case
from papeleo.text.normalize import fold

from .name_ends import NAME_PARTICLES
from .organizations import FLOW_GAP, LISTED, printed_end
from .rules import VOCABULARY

LAW_HEAD = heads_pattern(VOCABULARY["law_heads"])
# 'la Constitución y la Ley General de ...': two instruments, split where an article opens the second
JOINED_LAW = regex.compile(r"\s+(?:y|e)\s+(?:la|el|los|las)\s+(?=\p{Lu})")
# the lowercase words a law's name holds: 'Ley de Obras Públicas y Servicios Relacionados *con las* Mismas'
LAW_PARTICLES = NAME_PARTICLES | frozenset({"con", "sobre"})
# an agreement's or a document's code: 'INE/CG909/2015', 'IEM-CG-29/2020', 'CG-27/2016',
# 'IEM/CV/SPE/04/2018', 'INE/JGE144/2018', 'SOP-DRF-06-01-2024', 'MUN-CPF-29-2556/2025',
# 'SS/DPyP/194/2018' (a lowercase letter between capitals) — capitals, then parts, then numbers and a year; a line may break after a part's hyphen
# ('OSFEAC/DGFSE/EXT-' / 'DIF/14/2020')
CODE = regex.compile(
    r"(?<![\w/-])(?:\p{Lu}(?:\p{Lu}|\p{Ll}(?=\p{Lu})){1,7}[-/]\n?)+(?:\p{Lu}{1,6}[-/]?)?\d{1,4}(?:[-/]\d{1,4})*[-/](?:19|20)\d\d(?![\w/-])"
)
# a code an agreement is cited by: 'el Acuerdo IEM-CG-29/2020', 'mediante el acuerdo No. CG-27/2016'
AGREEMENT_BEFORE = regex.compile(r"(?i)\bacuerdo(?:\s+(?:n[o°º]\.?|n[úu]m(?:ero)?\.?))?\s*$")
# 'artículo 41, Base V, Apartado C, de la Constitución' (one article and its parts), 'artículos 17 y
# 67 de la Ley General de Contabilidad Gubernamental' (a list of articles, as printed)
ARTICLE = regex.compile(
    r"(?i)\bart[íi]culos?\s+(?P<num>\d+(?:\s?bis)?(?:(?:,\s*|\s+y\s+)\d+(?:\s?bis)?)*)"
    r"(?P<parts>(?:,?\s+(?:base|apartado|fracci[óo]n|numeral|inciso|p[áa]rrafo)\s+[\w]+\)?)*)"
    r",?\s+(?P<of>de\s+la|del|de)\s+(?=\p{Lu})"
)

# the rest of a name after a list in it: ' del Sector Público del Estado'
NAME_TAIL = regex.compile(r"(?:(?:\s+(?:de|del|la|las|los|para|en|el))*\s+\p{Lu}[\p{L}]+)+")
# instruments whose title describes what they rule, in lower case: 'Lineamientos para la Evaluación
# del Desempeño *de servidoras y servidores públicos de carrera*, correspondiente al ...'
DESCRIBED_HEADS = ("lineamientos",)
DESCRIBED_START = regex.compile(r"(?<![\p{L}])Lineamientos(?=[ ]+(?:para|de|del|sobre|que)\s)")
# the rest of such a title: words up to a punctuation mark, a figure, a line break before a line that
# does not go on in lower case, or a word that starts the sentence's own business ('correspondiente',
# 'del periodo', 'emitidos', ...)
DESCRIBED_TITLE = regex.compile(
    r"(?:[ ]+|[ ]*\n[ ]*)"
    r"(?:(?!(?:correspondientes?|periodo|emitid[oa]s|aprobad[oa]s|publicad[oa]s|mediante|vigentes?)\b)"
    r"[\p{L}]+(?:[ ]+|[ ]*\n(?![ ]*\n)[ ]*)){0,20}?"
    r"(?:(?!(?:correspondientes?|periodo|emitid[oa]s|aprobad[oa]s|publicad[oa]s|mediante|vigentes?)\b)[\p{L}]+)"
    r"(?=[ ]*[,;:.()\d\"“”]|[ ]*\n(?![ ]*\p{Ll})|[ ]+(?:correspondientes?|periodo|emitid[oa]s|aprobad[oa]s|publicad[oa]s|mediante|vigentes?)\b)"
)
# particles left at the end of a title cut before its sentence's own words
TRAILING_PARTICLES = regex.compile(r"(?:\s+(?:de|del|la|las|los|el|y|e|para|en|al))+$")
# a capitalised word after an instrument's head: a name, not a description alone
CAPITAL_AFTER_HEAD = regex.compile(r"^\S+\s.*?\p{Lu}", regex.DOTALL)
# one part of an article: 'Base V', 'fracción I', 'numeral 3'
ARTICLE_PART = regex.compile(r"(?P<kw>\p{L}+)\s+(?P<val>[\w]+\)?)")
# the instrument named by one word after an article: 'Constitución', 'CEEMO', 'Estatuto'
CAPITAL_WORD = regex.compile(r"\p{Lu}[\p{L}]+")


@dataclass
class Citation:
    valor: str
    printed: str
    start: int
    end: int


def page_to_laws(text: str) -> list[Citation]:
    """'Ley Orgánica de la Administración Pública del Estado de México', 'Reglamento Interior
    del IEM'; a bare head ('la Constitución', 'el Reglamento') names no one instrument."""
    out = []
    found = find_bodies(text, LAW_HEAD, FLOW_GAP, LAW_PARTICLES)
    taken = {b.start for b in found}
    # a described instrument whose title goes on in lower case at once ('Lineamientos para la
    # evaluación del desempeño ...'): the finder, which wants capitals, ends it at its head
    found += [
        BodyMention(m.group(0), m.start(), m.end()) for m in DESCRIBED_START.finditer(text) if m.start() not in taken
    ]
    for b in sorted(found, key=lambda b: b.start):
        if not text[b.start].isupper():
            continue  # 'la norma del Servicio': a head in lower case names no one instrument
        end = printed_end(text, b.start, b.name) or b.end
        listed = LISTED.match(text, end)
        if listed:  # 'Ley de Adquisiciones, Arrendamientos y Servicios del Sector Público del Estado'
            tail = NAME_TAIL.match(text, listed.end())
            end = tail.end() if tail else listed.end()
        if fold(b.name).startswith(DESCRIBED_HEADS):
            title = DESCRIBED_TITLE.match(text, end)
            if title and title.group(0).strip():
                end = title.end()
                tail = TRAILING_PARTICLES.search(text, b.start, end)
                end = tail.start() if tail else end  # '... del Sistema OPLE del' before 'periodo'
        printed = text[b.start : end]  # the name as it stands in the text (its words may be a line apart)
        if not CAPITAL_AFTER_HEAD.search(printed):
            continue  # 'Lineamientos de operación publicados': what they rule, no instrument's name
        cuts = [m for m in JOINED_LAW.finditer(printed) if LAW_HEAD.match(fold(printed[m.end() :]))]
        bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(printed)]
        for i in range(0, len(bounds), 2):
            part = printed[bounds[i] : bounds[i + 1]]
            if len(part.split()) >= 2:
                at = b.start + bounds[i]
                out.append(Citation(title_case(" ".join(part.split())), part, at, at + len(part)))
    return out


def page_to_articles(text: str, laws: list[Citation]) -> list[Citation]:
    out = []
    for m in ARTICLE.finditer(text):
        law = CAPITAL_WORD.match(text, m.end())
        named = next((c for c in laws if c.start == m.end()), None)
        name = named.valor if named else (law.group(0) if law else None)
        if not name:
            continue
        parts = "".join(f", {p['kw'].lower()} {p['val']}" for p in ARTICLE_PART.finditer(m["parts"]))
        of = " ".join(m["of"].split()).lower()
        nums = " ".join(m["num"].lower().split())
        word = "artículos" if regex.search(r"\d\D+\d", nums) else "artículo"
        valor = f"{word} {nums}{parts}{',' if parts else ''} {of} {name}"
        end = named.end if named else m.end() + len(name)
        out.append(Citation(valor, " ".join(text[m.start() : end].split()), m.start(), end))
    return out


def agreement_codes(text: str) -> set[str]:
    """The codes the text cites as agreements ('el Acuerdo IEM-CG-29/2020')."""
    return {
        m.group(0).replace("\n", "")
        for m in CODE.finditer(text)
        if AGREEMENT_BEFORE.search(text, max(0, m.start() - 30), m.start())
    }


def page_to_codes(text: str, agreements: set[str]) -> list[Citation]:
    """Codes cited in the text; a code the document cites as an agreement anywhere is 'Acuerdo
    <code>' wherever it is printed (one value for it), other codes (a document's own number, an
    official letter's) stand as printed."""
    out = []
    for m in CODE.finditer(text):
        code = m.group(0).replace("\n", "")
        out.append(Citation(f"Acuerdo {code}" if code in agreements else code, code, m.start(), m.end()))
    return out
