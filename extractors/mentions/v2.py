"""``mentions.v2``: who and what a document names — people (with their post), bodies (an
acronym and its long form one value), legal instruments, sums of money, counts of things,
dates with their precision, and links — whatever its family.

One row per distinct thing per document with the times it is named; ``entidad_id`` gives a
person or body one key across documents however each spells it (entities.py). Each page is
read once with the head words OCR damaged spelled right (rules.py), so 'Direccién de Servicios
Generales' is the body it names; ``texto_original`` keeps the page's own printing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from papeleo.context import Context, process_context
from papeleo.model import Document, Page
from papeleo.registry import Extraction, register
from papeleo.text.bodies import title_case
from papeleo.text.dates import MONTHS
from papeleo.text.normalize import fold, fold_keep_offsets
from papeleo.text.pagetext import (
    PageText,
    line_around,
    line_to_cell_text,
    lines_to_bbox,
    lines_to_confidence,
    texts_to_page_text,
)

from .amounts import page_to_amounts, page_to_counts
from .amparos import page_to_legal_actions
from .columns import page_to_header_tables, tables_to_sums, tables_to_units
from .dates import page_to_cell_dates, page_to_dates
from .entities import entity_id
from .layout import (
    cell_continuation,
    cut_at_break,
    figures_continued,
    hard_breaks,
    is_role_cell,
    post_below,
    unfinished_cells,
    wrapped_cell_name,
)
from .legal import agreement_codes, page_to_articles, page_to_codes, page_to_laws
from .links import page_to_urls
from .name_ends import ORG_HEAD, opens_body, trim_name
from .organizations import Body, NameContext, page_to_bodies
from .people import Person, known_people, posted_people, titled_people
from .rules import repair_heads
from .spans import Spans

log = logging.getLogger(__name__)

PRECISION = {10: "dia", 7: "mes", 4: "anio"}
# a year closing a date that is no mention ('el 31 de junio de 2020': no such day) is no year of its own
MONTH_BEFORE = regex.compile(r"(?:" + "|".join(MONTHS) + r")\.?\s+(?:de\s+|del\s+)?$")
# a parenthesised name left open by lowercase words of the next column: '(Dirección de Seguridad
# atendidos en colonias y localidades.' ('Pública)' is on a later line, in its own cell)
RUN_IN_AFTER_PAREN = regex.compile(r"[ \t]+\p{Ll}[^)\n]*$", regex.MULTILINE)
# a law's name listing a second thing after the body it names: '... del Servicio Profesional
# Electoral Nacional *y del* Personal de la Rama Administrativa'
LISTED_AFTER = regex.compile(r"\s+y\s+(?:del|de\s+la|de\s+los|de\s+las)\s")
# a body inside a law's name follows an article: 'Ley Orgánica *del* Poder Judicial del Estado',
# 'Reglamento Interior *de la* Secretaría de Finanzas' ('Ley de Coordinación Fiscal' names a subject)
ARTICLE_BEFORE = regex.compile(r"\b(?:del|de\s+la|de\s+los|de\s+las)\s+$")
# a year standing alone in running text: 'Desde 2016', 'Programa Anual de Evaluación 2021', 'Informe
# Anual Circunstanciado, 2016.' (not inside a code, a URL, a figure or a table row)
BARE_YEAR = regex.compile(r"(?<![\w/.\-$])(?:19|20)\d\d(?![\w/\-%]|[.,]\d)")


@dataclass
class Mention:
    tipo: str
    valor: str
    texto_original: str
    page: int
    confidence: float
    bbox: Any
    ocurrencias: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str | None]:
        """What makes one row: the tipo, the value and, for a sum, its currency."""
        return self.tipo, self.valor, self.extra.get("moneda")


class _Collector:
    def __init__(self) -> None:
        self.seen: dict[tuple, Mention] = {}

    def add(self, tipo: str, valor: str, original: str, page: Page, conf: float, bbox, **extra) -> None:
        key: tuple[str, str, str | None] = (tipo, valor, extra.get("moneda"))
        got = self.seen.get(key)
        if got is not None:
            got.ocurrencias += 1
            for k, v in extra.items():
                if got.extra.get(k) is None and v is not None:
                    got.extra[k] = v
        else:
            self.seen[key] = Mention(
                tipo, valor, " ".join(original.split()), page.number, round(conf, 3), bbox, extra=dict(extra)
            )


def _repaired_text(page: Page, nlp: Any) -> PageText:
    """The page read cell by cell, with OCR-damaged head words spelled right."""
    lines, _ = repair_heads([line_to_cell_text(line) for line in page.lines], nlp)
    return texts_to_page_text(page, lines)


def _people(pages: list[PageText], folded: list[str]) -> list[tuple[PageText, Person]]:
    found = []
    for pt in pages:
        for p in titled_people(pt.text):
            found.append((pt, p if p.cargo or p.title_start is None else post_below(pt, p, p.title_start)))
        for p in posted_people(pt.text):
            found.append((pt, wrapped_cell_name(pt, p) if p.cell else p))
    places = {p.printed for _, p in found if p.title_start is None and _is_place(p.printed, pages, folded)}
    found = [(pt, p) for pt, p in found if p.title_start is not None or p.printed not in places]
    # a name read inside a longer reading of it ('GALINDO SALGADO' of 'MARGARITA\nGALINDO SALGADO'; a
    # table's cells are read each on their own, their wraps judged by layout.wrapped_cell_name)
    found = [(pt, p) for pt, p in found if p.cell or not _inside_another(pt, p, found)]
    names: list[str] = []
    for _, p in found:
        if p.name not in names:
            names.append(p.name)
    spans = {(id(pt), p.start) for pt, p in found}
    for pt in pages:
        for p in known_people(pt.text, names):
            if (id(pt), p.start) not in spans and not any(q.start <= p.start < q.end for t, q in found if t is pt):
                found.append((pt, p))
    return found


def _inside_another(pt: PageText, p: Person, found: list[tuple[PageText, Person]]) -> bool:
    return any(
        t is pt and q.start <= p.start and p.end <= q.end and (q.start, q.end) != (p.start, p.end) for t, q in found
    )


# what a place follows in a proper name: 'Instituto Estatal Electoral de ', 'ESTADO DE '
PLACE_OF = regex.compile(r"\p{Lu}\p{L}+\s+(?:de|del|DE|DEL)\s+$")


def cell_end(text: str, pos: int) -> int:
    """Where the cell (or the line) holding ``pos`` ends: at the next tab or line break."""
    ends = [k for k in (text.find("\n", pos), text.find("\t", pos)) if k >= 0]
    return min(ends) if ends else len(text)


def _is_place(name: str, pages: list[PageText], folded_pages: list[str]) -> bool:
    """Whether the document prints ``name`` as a place inside a proper name: 'Nueva Castilla', a
    score table's column of where each person works, is the place of 'Instituto Estatal Electoral
    *de* Nueva Castilla' (a person is not printed after a capitalised word and 'de')."""
    key = fold_keep_offsets(name)
    for pt, folded in zip(pages, folded_pages):
        k = folded.find(key)
        while k >= 0:
            end = k + len(key)
            if PLACE_OF.search(pt.text, max(0, k - 40), k) and not folded[end : end + 1].isalpha():
                return True
            k = folded.find(key, end)
    return False


def _reprinted(item, printed: str, end: int):
    """``item`` (a body or a law) as ``printed`` now reads it: its value the printing in name
    case, ending at ``end``."""
    return replace(item, valor=title_case(" ".join(printed.split())), printed=printed, end=end)


def _cut(item, text: str, breaks: list[int]):
    """A body or a law cut at the first hard line break in it (None when too little is left);
    an acronym's long form is left as it is."""
    end = cut_at_break(text, item.start, item.end, breaks)
    if end == item.end:
        return item
    printed = text[item.start : end]
    if len(printed.split()) < 2:
        return None
    return _reprinted(item, printed, end)


@dataclass
class _Known:
    """What the whole document tells each page: the acronyms it defines (filled page by page),
    its agreements' codes, its people's names as printed, its folded text (one space between
    words), and the spaCy pipeline."""

    defined: dict[str, str]
    agreements: set[str]
    people: tuple[str, ...]
    document: str
    nlp: Any


def _page_bodies(pt: PageText, breaks: list[int], named: Spans, known: _Known) -> list[Body]:
    """The page's bodies: as its text runs, cut at hard line breaks and continued into the next
    line of their table cell, and read whole where a cell's line ended inside the name
    ('Coordinación de' / 'Operación del Programa': no name in the text as it runs)."""
    # a cell holding a body's head anywhere: 'Jefe de Departamento de' / 'Educación Cívica' too
    joined = [(t, s, e) for t, s, e in unfinished_cells(pt) if ORG_HEAD.search(fold(t))]
    firsts = Spans((s, pt.text.find("\n", s)) for _, s, _ in joined)
    out = []
    defined, nlp, people = known.defined, known.nlp, known.people
    in_page = NameContext(people, known.document, tuple(breaks))
    for b in page_to_bodies(pt.text, defined, nlp, in_page):
        if firsts.covers(b.start):
            continue  # read with the rest of its cell below
        b = _cut(b, pt.text, breaks)
        if b is None or RUN_IN_AFTER_PAREN.match(pt.text, b.end) and pt.text[b.start - 1 : b.start] == "(":
            continue  # '(Dirección de Seguridad atendidos en ...': its rest is in another cell, unread
        if is_role_cell(pt.text, b.start, b.end):
            continue  # 'Integrante' / 'Secretaría Técnica<TAB>Titular de ...': a commission's role
        law_end = named.end_of(b.start)
        if law_end is not None:
            if not ARTICLE_BEFORE.search(pt.text, max(0, b.start - 7), b.start):
                continue  # 'Ley de Coordinación Fiscal': the law is the mention, not a body in its name
            if b.end > law_end or LISTED_AFTER.search(pt.text, b.start, b.end):
                # 'Poder Judicial del Estado' ends with the law's name, 'Servicio Profesional
                # Electoral Nacional' where the law lists a second thing ('y del Personal de la Rama')
                listed = LISTED_AFTER.search(pt.text, b.start, min(b.end, law_end))
                printed = trim_name(pt.text[b.start : listed.start() if listed else min(b.end, law_end)], people)
                b = _reprinted(b, printed, b.start + len(printed))
        more = (
            cell_continuation(pt, b.start, b.end, opens_body)
            if b.valor == title_case(" ".join(b.printed.split()))
            else None
        )
        if more:
            printed = trim_name(f"{b.printed} {more[0]}", people)
            # its span stays on the name's first line: the cells between are other columns'
            b = _reprinted(b, printed, min(more[1], cell_end(pt.text, b.start)))
        out.append(b)
    for text, start, end in joined:
        for b in page_to_bodies(text, defined, nlp, NameContext(people, known.document)):
            if text.startswith("(") and b.start == 1 and not text[b.end :].lstrip().startswith(")"):
                continue  # '(Dirección de Seguridad atendidos en ...': the next column's words ran in
            # its span is the cell's first line: what lies beside and between is other cells'
            out.append(replace(b, start=start, end=min(end, cell_end(pt.text, start))))
    return out


def _page_mentions(out: _Collector, page: Page, pt: PageText, known: _Known) -> None:
    """Every mention but people on one page (people are read over the whole document first)."""
    breaks = hard_breaks(pt)
    for valor, raw, first, last in page_to_urls(page):
        lines = page.lines[first : last + 1]
        out.add("url", valor, raw, page, lines_to_confidence(lines), lines_to_bbox(lines))
    taken = Spans()

    def add_at(tipo: str, valor: str, raw: str, start: int, end: int, **extra) -> None:
        taken.add(start, end)
        out.add(tipo, valor, raw, page, pt.confidence_between(start, end), pt.bbox_between(start, end), **extra)

    for valor, raw, first, last in page_to_cell_dates(page):
        lines = [page.lines[first], page.lines[last]]
        out.add("fecha", valor, raw, page, lines_to_confidence(lines), lines_to_bbox(lines), precision="dia")
    # quarters name no date mention (docs/mentions.md), and finding them is a third of the time
    for valor, raw, start, end in page_to_dates(pt, years=True, quarters=False):
        add_at("fecha", valor, raw, start, end, precision=PRECISION.get(len(valor)))
    for valor, raw, start, end in page_to_legal_actions(pt):
        add_at("referencia_legal", valor, raw, start, end)
    laws = [c for c in (_cut(c, pt.text, breaks) for c in page_to_laws(pt.text)) if c is not None]
    articles = page_to_articles(pt.text, laws)
    for c in [*laws, *articles, *page_to_codes(pt.text, known.agreements)]:
        add_at("referencia_legal", c.valor, c.printed, c.start, c.end)
    named = Spans((c.start, c.end) for c in [*laws, *articles])
    for b in _page_bodies(pt, breaks, named, known):
        add_at("organizacion", b.valor, b.printed, b.start, b.end, entidad_id=entity_id("organizacion", b.valor))
    amounts = page_to_amounts(pt.text)
    for q in amounts:
        add_at("monto", f"{q.numero:.2f}", q.printed, q.start, q.end, moneda=q.unidad, numero=q.numero)
    tables = page_to_header_tables(page, pt.text)
    for u in tables_to_units(tables):
        valor = title_case(u.printed)
        out.add(
            "organizacion",
            valor,
            u.printed,
            page,
            u.confidence or 0.0,
            u.bbox,
            entidad_id=entity_id("organizacion", valor),
        )
    for c in tables_to_sums(tables):
        out.add(
            "monto", f"{c.numero:.2f}", c.printed, page, c.confidence or 0.0, c.bbox, moneda=c.moneda, numero=c.numero
        )

    def add_count(q, start: int, end: int) -> None:
        add_at("cantidad", f"{q.numero:g} {q.unidad}", q.printed, start, end, unidad=q.unidad, numero=q.numero)

    for q in page_to_counts(pt.text, taken):
        add_count(q, q.start, q.end)
    for text, start, end in figures_continued(pt):  # 'al distribuir 1,740' / 'desayunos escolares ...'
        if not taken.overlaps(start, start + 1):
            for q in page_to_counts(text, Spans())[:1]:
                if q.start == 0:
                    add_count(q, start, end)
    for m in BARE_YEAR.finditer(pt.text):
        line = line_around(pt.text, m.start())
        in_date = MONTH_BEFORE.search(fold_keep_offsets(pt.text[max(0, m.start() - 20) : m.start()]))
        if not taken.overlaps(m.start(), m.end()) and "\t" not in line and not in_date:
            add_at("fecha", m.group(0), m.group(0), m.start(), m.end(), precision="anio")


def document_to_mentions(doc: Document, ctx: Context) -> list[Mention]:
    out = _Collector()
    pages = [_repaired_text(page, ctx.nlp) for page in doc.pages]
    known_names: dict[str, str] = {}
    folded = [fold_keep_offsets(pt.text) for pt in pages]  # each page folded once, for places and the document
    found = _people(pages, folded)
    people = tuple(sorted({" ".join(p.printed.split()) for _, p in found}, key=len, reverse=True))
    for pt, person in found:
        # a second printing of a person already named keeps the first's spelling as its value
        valor = known_names.setdefault(entity_id("persona", person.name), person.name)
        out.add(
            "persona",
            valor,
            person.printed,
            pt.page,
            pt.confidence_between(person.start, person.end),
            pt.bbox_between(person.start, person.end),
            cargo=person.cargo,
            entidad_id=entity_id("persona", valor),
        )
    known = _Known(
        defined={},
        agreements={code for pt in pages for code in agreement_codes(pt.text)},
        people=people,
        document=" ".join(" ".join(folded).split()),
        nlp=ctx.nlp,
    )
    for page, pt in zip(doc.pages, pages):
        _page_mentions(out, page, pt, known)
    return _acronyms_spelled_out(list(out.seen.values()), known.defined)


def _acronyms_spelled_out(found: list[Mention], defined: dict[str, str]) -> list[Mention]:
    """A body's name that ends in an acronym the document defines takes its long form ('Comisión
    de Vinculación del IEELS' -> '... del Instituto Estatal Electoral de Laguna Seca'), wherever
    in the document the acronym was defined; two names that become one are one mention."""
    merged: dict[tuple, Mention] = {}
    for m in found:
        if m.tipo == "organizacion" and defined:
            words = m.valor.split()
            long = [defined.get(w, w) if k else w for k, w in enumerate(words)]
            if long != words:
                m.valor = " ".join(long)
                m.extra["entidad_id"] = entity_id("organizacion", m.valor)
        if m.key in merged:
            merged[m.key].ocurrencias += m.ocurrencias
        else:
            merged[m.key] = m
    return list(merged.values())


def mention_to_record(m: Mention, key: str) -> dict[str, Any]:
    """A mention as a ``mentions`` row: its fields, its extras, and its box when it has one."""
    record = {
        "tipo": m.tipo,
        "valor": m.valor,
        "texto_original": m.texto_original,
        "ocurrencias": m.ocurrencias,
        "page": m.page,
        "confidence": m.confidence,
        "_key": key,
        **m.extra,
    }
    if m.bbox is not None:
        record.update(x0=m.bbox.x0, top=m.bbox.top, x1=m.bbox.x1, bottom=m.bbox.bottom)
    return record


@register("mentions.v2")
def extract(doc: Document, ctx: Context | None = None) -> Extraction:
    ctx = ctx or process_context()
    records = [mention_to_record(m, "|".join(x or "" for x in m.key)) for m in document_to_mentions(doc, ctx)]
    return Extraction(records=records)
