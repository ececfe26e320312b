"""The issuing body: where a reader looks for it, weighed; where it cannot be, excluded.

Evidence for a body, strongest first (weights below, named by what they trade):

* the document naming itself: 'se presentó ante *esta* Auditoría Superior del Estado de
  Hidalgo', 'ADSCRITO A *ESTE* INSTITUTO' ('esa Secretaría' is the addressee's, not the issuer's);
* the first body of the letterhead (top of the title page), a name standing on its own line;
* the first party of a convenio ('QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE FINANZAS');
* the signature block: the body in the signer's post ('SUBSECRETARIO ... DE LA SECRETARÍA DE
  FINANZAS'), the body the post heads ('SECRETARIO DE EDUCACIÓN'), or the line under the post
  ('Director General' / 'IBS Consulting Group');
* a form's field naming the reporting body ('Organismo Público: Instituto ...');
* a running header, another page's letterhead.

Against a body: being the addressee ('MTRO. ... / SECRETARIO DE CONTRALORÍA ... / PRESENTE'),
a copy's recipient ('C.c.p.'), or the subject of a report ('Entidad fiscalizada: ...'). Bodies
printed under the title (the audited body under 'INFORME EXCEPCIONAL') or in quotes (“LA
SECRETARÍA”) are no letterhead and weigh nothing.

A whole government ('Gobierno del Estado de Campeche') is the issuer only when nothing more
specific is; a Secretaría it qualifies is named with it ('Secretaría de Finanzas del Gobierno
del Estado de Valle Verde'), as readers name state agencies.
"""

from __future__ import annotations

import collections
import logging
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from papeleo.text.bodies import HEAD, find_bodies, post_to_body, title_case
from papeleo.text.normalize import fold, fold_keep_offsets

from .acronyms import ACRONYM, acronym_names, with_nested
from .layout import Layout, PageView, Segment, block_text, stack_blocks
from .names import firm_names, has_title_word, is_name_line
from .prose import layout_to_mandates, layout_to_self_references
from .rules import RULES
from .signatures import PARTICLES_AND_Y, signature_bodies

log = logging.getLogger(__name__)

# --- weights: how much each place says a body is the issuer ------------------------------------
# the document calling the body 'esta'/'este': nearly proof, but OCR can garble the name
SELF_REFERENCE = 4.0
# the first body of the title page's letterhead; the letterhead's later bodies are its units
LETTERHEAD_FIRST = 5.0
LETTERHEAD_OTHER = 1.5
# the party a convenio names first: the instrument is its own (the others are counterparts, and
# their signatures may come first in a scan's reading order)
FIRST_PARTY = 5.0
# the first signature block of the document; later ones are co-signers
SIGNATURE_FIRST = 3.0
SIGNATURE_OTHER = 1.0
# a form's field naming the reporting body: above a letterhead's whole government, below its agency
ISSUER_LABEL = 3.0
# the body whose mandate the document says it carries out ('las acciones que competen al mandato
# constitucional del Procurador de los Derechos Humanos'): a self-description in other words
MANDATE = 3.0
# a running header or another page's letterhead: the body is prominent, not necessarily the issuer
RUNNING = 1.0
# against: the addressee outweighs its own letterhead-like lines; a copy's recipient and a report's
# subject weigh less, as the issuer may also be copied or name itself near the subject
ADDRESSEE = -4.0
COPY = -2.0
SUBJECT = -3.0
# a government as a whole counts this fraction of its evidence: it issues only what no agency signs
UMBRELLA_FACTOR = 0.5
# the least evidence a body needs to be given: more than a running header alone
MIN_SCORE = 2.0
# two spellings are one body at this rapidfuzz ratio (folded): OCR's 'Ejcárcega' for 'Escárcega'
SAME_BODY_RATIO = 88

ISSUER_LABELS = tuple(RULES["issuer_labels"])
SUBJECT_LABELS = tuple(RULES["subject_labels"])
# agencies of a government, named with it when their name has no place of its own
QUALIFIED_HEADS = tuple(RULES["qualified_heads"])

# a field's label ends within this many characters ('Programa presupuestario: E014 ...')
TITLE_LABEL_CHARS = 45
# a plain-text line with this many columns is a row of fields or a table's, not a title
COLUMNS_OF_A_ROW = 3
# a logo breaks a name into lines of at most this many words
LOGO_LINE_WORDS = 4
# a letterhead block opening with a quote is a slogan: '"2019. Año del Caudillo del Sur, Emiliano Zapata"'
QUOTES = "“”\"«»‘'"
# 'QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE FINANZAS', 'que suscriben por una parte el Instituto' (folded)
FIRST_PARTY_CUE = regex.compile(
    r"\b(?:que\s+)?(?:celebran|suscriben|celebra)\W+(?:por\s+una\s+parte\W+)?(?:(?:el|la|los)\s+)?"
)
# how many segments at the top of the title page may hold a letterhead's acronym
ACRONYM_HEAD_SEGMENTS = 4
# a report's title: 'INFORME DE SUPERVISIÓN', 'Diagnóstico de supervisión', 'INFORME INDIVIDUAL DE AUDITORÍA' (folded)
REPORT_TITLE = (
    r"^\W*(?:informe|diagnostico|dictamen\s+de\s+auditoria|reporte\s+de\s+(?:supervision|auditoria|visita))\b"
)
# where the first party's name ends: ', REPRESENTADA POR', ' A QUIEN', '; Y POR LA OTRA' (folded)
PARTY_END = regex.compile(
    r",?\s+(?:representad[oa]|a\s+quien|por\s+conducto|en\s+lo\s+sucesivo)\b|;|,?\s+y\s+por\s+la\s+otra"
)
# a first party's name longer than this is a sentence the end pattern missed
MAX_PARTY_WORDS = 16
# 'C.c.p.-. Cp. América del Carmen Azar Pérez. Secretaria de Finanzas', 'c.c.p. Archivo' (folded)
COPY_LINE = regex.compile(r"^\W*c\.?\s?c\.?\s?p\b")
# 'A la Dirección Ejecutiva del Hospital General San Juan de Dios:' — a recommendation's addressee
ADDRESSED_LINE = regex.compile(r"^\W*(?:a|al|a\s+la|a\s+las|a\s+los)\s+\S.*:\s*$")
# its first line when the addressee wraps: 'A la Dirección del Instituto Nacional de Educación Básica de San Isidro del'
ADDRESSED_START = regex.compile(r"^\W*(?:al|a\s+la|a\s+las|a\s+los)\s+\S+")


@dataclass(frozen=True)
class Evidence:
    kind: str
    weight: float
    name: str
    page: int


def _opens_title(page: PageView, block: list[Segment]) -> bool:
    """A line with a title noun that is no letterhead, no field and no row of columns."""
    text = block_text(block)
    if not has_title_word(text) or is_name_line(text) or ":" in text[:TITLE_LABEL_CHARS]:
        return False
    return page.plain_columns(block[0].line_no) < COLUMNS_OF_A_ROW


def _name_continuation(seg: Segment) -> bool:
    """A line that can carry on a body's name printed over several lines ('CAPACITACIÓN Y
    VINCULACIÓN'): no digits, no field, no title noun, not a name of its own."""
    text = seg.text
    return not (regex.search(r"\d|:", text) or has_title_word(text) or HEAD.match(fold(text)))


def _name_goes_on(upper: Segment) -> bool:
    """A letterhead line whose name goes on below: it ends in a particle ('Instituto Tecnológico
    Superior de'), or it is a logo's short line ('INSTITUTO DE' / 'CAPACITACIÓN Y VINCULACIÓN');
    under a whole name ('Comisión Estatal de Derechos Humanos de Costa Esmeralda') sits a unit."""
    words = fold(upper.text).split()
    return bool(words) and (words[-1] in PARTICLES_AND_Y or len(words) <= LOGO_LINE_WORDS)


def _letterhead(layout: Layout) -> list[Evidence]:
    """Name lines at the top of the heading pages, above the title and outside the addressee
    block; a name printed over several lines (a logo's) is joined first."""
    out: list[Evidence] = []
    first_given = False
    for page in layout.heading_pages():
        head = [s for s in page.head if s.line_no not in page.addressee_lines]
        blocks = stack_blocks(head, joinable=_name_continuation, goes_on=_name_goes_on)
        for block in blocks:
            text = block_text(block)
            if text.lstrip()[:1] in QUOTES:
                continue  # "2019. Año del ...": a slogan
            if _opens_title(page, block):
                break  # the title: the letterhead is above it; a body under it is what it is about
            if not is_name_line(text) or page.plain_columns(block[0].line_no) >= COLUMNS_OF_A_ROW:
                continue  # a sentence or a title naming bodies, a row of fields: not a letterhead line
            for body in find_bodies(text) or firm_names(text):
                weight = LETTERHEAD_OTHER if first_given else LETTERHEAD_FIRST
                first_given = first_given or not body.umbrella
                out.append(Evidence("letterhead", weight, body.name, page.number))
    return out


def _acronym_letterhead(layout: Layout) -> list[Evidence]:
    """A letterhead that is only an acronym ('IEERC  ACU-IEERC-CSSPEN-043-2024'): the body the
    document defines it as, weighed as a letterhead."""
    pages = layout.heading_pages()
    if not pages:
        return []
    names = None
    for seg in pages[0].head[:ACRONYM_HEAD_SEGMENTS]:
        token = seg.text.split()[0].strip(" *.,:") if seg.text.split() else ""
        if ACRONYM.fullmatch(token):
            names = acronym_names(layout) if names is None else names
            if token in names:
                return [Evidence("letterhead", LETTERHEAD_FIRST, names[token], seg.page)]
    return []


def _later_headers(layout: Layout) -> list[Evidence]:
    """Bodies in running lines and in other pages' letterheads, a logo's lines joined ('GOBIERNO
    DEL ESTADO' / 'DE CAMPECHE')."""
    out = []
    heading = {p.number for p in layout.heading_pages()}
    for page in layout.text_pages:
        segs = [s for s in page.head if layout.is_running(s) or page.number not in heading]
        segs += [s for s in page.segments if layout.is_running(s) and s not in segs]
        for block in stack_blocks(segs, joinable=_name_continuation, goes_on=_name_goes_on):
            text = block_text(block)
            if is_name_line(text):
                out += [Evidence("running", RUNNING, body.name, page.number) for body in find_bodies(text)]
    return out


def _self_references(layout: Layout) -> tuple[list[Evidence], list[str]]:
    """Named self-references, and the head nouns of bare ones ('este Instituto') to resolve."""
    named, bare = layout_to_self_references(layout)
    return [Evidence("self", SELF_REFERENCE, name, page) for name, page in named], bare


def _mandates(layout: Layout) -> list[Evidence]:
    return [Evidence("mandate", MANDATE, name, page) for name, page in layout_to_mandates(layout)]


def _first_party(layout: Layout) -> list[Evidence]:
    """The body a convenio names first ('QUE CELEBRAN POR UNA PARTE LA UNIDAD DE INFORMACIÓN,
    PLANEACIÓN, PROGRAMACIÓN Y EVALUACIÓN, REPRESENTADA POR ...'), whatever its head noun."""
    for page in layout.heading_pages():
        text = " ".join(text for _, text in sorted(page.lines_text().items()))
        m = FIRST_PARTY_CUE.search(fold_keep_offsets(text))
        if not m:
            continue
        rest = text[m.end() : m.end() + 300]
        end = PARTY_END.search(fold_keep_offsets(rest))
        name = rest[: end.start() if end else 0].strip(" ,;:")
        if name and len(name.split()) <= MAX_PARTY_WORDS:
            return [Evidence("first_party", FIRST_PARTY, name, page.number)]
    return []


def _signatures(layout: Layout) -> list[Evidence]:
    """The first signature block signs for the issuer; the others are co-signers."""
    return [
        Evidence("signature", SIGNATURE_OTHER if i else SIGNATURE_FIRST, body, page)
        for i, (body, page) in enumerate(signature_bodies(layout))
    ]


def _labelled(layout: Layout) -> list[Evidence]:
    """'Organismo Público: Instituto ...' (issuer) and 'Entidad fiscalizada: ...' (subject)."""
    out = []
    for page in layout.text_pages:
        for seg in page.segments:
            folded = seg.folded
            label, _, value = folded.partition(":")
            if not value:
                continue
            label = label.strip(" .*")
            kind = "label" if label in ISSUER_LABELS else "subject" if label in SUBJECT_LABELS else None
            if kind is None:
                continue
            found = find_bodies(seg.text[seg.text.index(":") + 1 :])
            if found:
                out.append(Evidence(kind, ISSUER_LABEL if kind == "label" else SUBJECT, found[0].name, seg.page))
    return out


def _excluded(layout: Layout) -> list[Evidence]:
    """Addressees (the block above 'PRESENTE', read as one text: 'DIRECTOR GENERAL DEL INSTITUTO'
    / 'TECNOLÓGICO SUPERIOR DE ESCÁRCEGA'), copies' recipients, recommendations' addressees."""
    out = []
    for page in layout.text_pages:
        lines = page.lines_text()
        block = " ".join(lines[n] for n in sorted(page.addressee_lines))
        texts = [("addressee", ADDRESSEE, block)] if block else []
        numbered = sorted(lines.items())
        for i, (_, text) in enumerate(numbered):
            folded = fold(text)
            if not folded.endswith(":") and i + 1 < len(numbered) and ADDRESSED_START.match(folded):
                folded = fold(text + " " + numbered[i + 1][1])  # 'A la Dirección del Instituto ... del' / 'Valle:'
                text = text + " " + numbered[i + 1][1]
            if ADDRESSED_LINE.match(folded):
                texts.append(("addressee", ADDRESSEE, text.rstrip(" :")))  # the colon is no field's
            elif COPY_LINE.match(folded):
                texts.append(("copy", COPY, text))
        for kind, weight, text in texts:
            names = [n for b in find_bodies(text) for n in with_nested(b.name)] + [post_to_body(text) or ""]
            out += [Evidence(kind, weight, name, page.number) for name in names if name]
    return out


def _cluster(names: list[str]) -> dict[str, str]:
    """Each name's cluster key: the first-seen spelling it matches at SAME_BODY_RATIO."""
    keys: list[str] = []
    out = {}
    for name in names:
        f = fold(name).removeprefix("h. ")
        key = next((k for k in keys if fuzz.ratio(f, k) >= SAME_BODY_RATIO), None)
        if key is None:
            keys.append(f)
            key = f
        out[name] = key
    return out


@dataclass(frozen=True)
class Candidate:
    score: float
    name: str  # the spelling shown
    kinds: frozenset[str]  # the kinds of positive evidence behind it


def _score(evidence: list[Evidence]) -> list[Candidate]:
    """Per body cluster: the sum over kinds of each kind's strongest weight, best first."""
    keys = _cluster([e.name for e in evidence])
    by_kind: dict[str, dict[str, float]] = collections.defaultdict(dict)
    shown: dict[str, tuple[float, int, str]] = {}
    for e in evidence:
        k = keys[e.name]
        factor = UMBRELLA_FACTOR if _is_umbrella(e.name) and e.weight > 0 else 1.0
        w = e.weight * factor
        prev = by_kind[k].get(e.kind)
        by_kind[k][e.kind] = w if prev is None else (max(prev, w) if w > 0 else min(prev, w))
        rank = (w, len(e.name), e.name)
        if e.weight > 0 and (k not in shown or rank[:2] > shown[k][:2]):
            shown[k] = rank
    out = [
        Candidate(sum(kinds.values()), shown[k][2], frozenset(kind for kind, w in kinds.items() if w > 0))
        for k, kinds in by_kind.items()
        if k in shown
    ]
    return sorted(out, key=lambda c: -c.score)


def _is_umbrella(name: str) -> bool:
    return bool(find_bodies(name)) and find_bodies(name)[0].umbrella


def _resolve_bare(bare: list[str], layout: Layout, evidence: list[Evidence]) -> list[Evidence]:
    """'este Instituto' -> the full name of the most mentioned 'Instituto ...' of the document."""
    if not bare:
        return []
    counts = collections.Counter(b.name for seg in layout.segments for b in find_bodies(seg.text))
    out = []
    for head in set(bare):
        named = [n for n, _ in counts.most_common() if fold(n).removeprefix("h. ").startswith(head.removeprefix("h. "))]
        if named:
            out.append(Evidence("self", SELF_REFERENCE, named[0], 0))
    return out


def _government_of(layout: Layout, evidence: list[Evidence]) -> str | None:
    """The government the document belongs to, named in full ('Gobierno del Estado de Campeche',
    'Municipio de San Isidro del Valle'): from its headers, else the one its text names most."""
    for e in evidence:
        if e.weight > 0 and _is_government(e.name):
            return e.name
    counts = collections.Counter(
        b.name for seg in layout.segments for b in find_bodies(seg.text) if _is_government(b.name)
    )
    return counts.most_common(1)[0][0] if counts else None


def _is_government(name: str) -> bool:
    folded = fold(name)
    return (_is_umbrella(name) or folded.startswith(("municipio de", "h. ayuntamiento de", "ayuntamiento de"))) and (
        _names_a_place(name)
    )


def _names_a_place(umbrella: str) -> bool:
    """'Gobierno del Estado de Campeche', not 'GOBIERNO DEL ESTADO' cut off by a logo's line break."""
    folded = fold(umbrella)
    return bool(
        regex.search(r"\b(?:estado|municipio)\s+(?:libre\s+y\s+soberano\s+)?de\s+\w+", folded)
        or regex.match(r"(?:h\.\s*)?ayuntamiento\s+(?:constitucional\s+)?de\s+\w+", folded)
    )


def _qualified(name: str, government: str | None, named_in_text: bool) -> str:
    """'Secretaría de Finanzas' -> 'Secretaría de Finanzas del Gobierno del Estado de Valle Verde': an
    agency of a government (QUALIFIED_HEADS), or a party a convenio names in its text, is named with
    the government it belongs to when its own name has no place."""
    folded = fold(name)
    if government is None or not (named_in_text or folded.startswith(QUALIFIED_HEADS)):
        return name
    if regex.search(r"\b(?:estado|municipio|federal|nacional|gobierno)\b", folded):
        return name
    return f"{name} del {title_case(government)}"


def _title_subjects(titulo: str | None) -> list[Evidence]:
    """A report is about the body its title names ('INFORME DE AUDITORÍA DE MATRÍCULA INSTITUTO
    TECNOLÓGICO ...', 'INFORME ESPECIAL. Alimentación escolar en el Instituto Nacional ...'); an
    acuerdo's or a convenio's title names its own issuer, and is not read this way."""
    if not titulo or not regex.search(REPORT_TITLE, fold(titulo)):
        return []
    return [Evidence("subject", SUBJECT, b.name, 0) for b in find_bodies(titulo)]


def layout_to_emisor(layout: Layout, titulo: str | None = None) -> str | None:
    evidence = _letterhead(layout) + _later_headers(layout) + _first_party(layout) + _signatures(layout)
    evidence += _title_subjects(titulo)
    evidence += _acronym_letterhead(layout)
    evidence += _labelled(layout) + _excluded(layout)
    evidence += _mandates(layout)
    named, bare = _self_references(layout)
    evidence += named + _resolve_bare(bare, layout, evidence)
    ranked = _score(evidence)
    log.debug("emisor candidates: %s", ranked[:5])
    if not ranked or ranked[0].score < MIN_SCORE:
        return None
    best = ranked[0]
    name = title_case(best.name)
    if _is_umbrella(name):
        return name
    return _qualified(name, _government_of(layout, evidence), named_in_text="first_party" in best.kinds)
