"""The report cut into its sections, and each section's items read into finding rows.

Sections open at their headings (``headings.py``). Inside the objectives, 'General' and
'Específicos' split the general objective from the numbered specific ones. Inside the
findings, a dated visit ('Acciones realizadas 27 de mayo del 2022') sets the date of what
follows and a short line that is not a sentence ('Área de Encamamiento (II Nivel):') its
sub-section; a paragraph that introduces the bullets after it is no finding, a paragraph
under a visit with no bullets is one. Conclusions and recommendations are items or
paragraphs; a recommendation takes the addressee line above it ('A la Dirección Ejecutiva
del Hospital General San Juan de Dios:').
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from papeleo.text.damaged_dates import parse_damaged_date
from papeleo.text.dates import Precision, find_dates
from papeleo.text.normalize import fold, name_case

from .blocks import Block, ends_sentence, is_caption_start, read_label, split_blocks
from .cells import paragraph_table
from .headings import heading_at
from .items import Item, Section
from .lines import Ln
from .summary import Summary, header_start, rows_to_items, run_at

log = logging.getLogger(__name__)

# 'General', 'Objetivo general:', 'GENERAL'
OBJ_GENERAL = regex.compile(r"^(?:(?:objetivo){s<=1}\s+)?(?:general){s<=1}[\s:]*$")
# 'Específicos', 'Objetivos específicos:', 'ESPECÍFICOS' (folded; OCR: 'especfficos', the regex
# module's fuzzy match: a letter or two misread, none added or lost, in a line that says nothing else)
OBJ_SPECIFIC = regex.compile(r"^(?:(?:objetivos?){s<=1}\s+)?(?:especificos?){s<=2}[\s:]*$")
# 'Resultado 3 con observación', 'Resultado 12 sin observacion'. OCR: 'obsarvación', '1Z',
# 'Resultaclo' (the regex module's fuzzy match, two slips), a speck before it: '- Resultado 11 ...';
# so too before a procedure or an action
SPECK = r"(?:[^\w\s]{1,2}\s*)?"
RESULT = regex.compile(
    rf"^{SPECK}(?:resultado){{e<=2}}\s*(?:n[uo]m(?:ero)?\.?\s*)?(?P<n>[\dIl|\]OZS]{{1,3}})\s+(?P<tipo>con|sin)\s+o\w{{8,12}}\b",
    regex.I,
)
# 'Procedimiento 1.2.1' (OCR: '1.2.]', 'l.2.1', '1.2.Z', 'Proceclimiento')
PROCEDURE = regex.compile(
    rf"^{SPECK}(?:procedimiento){{e<=2}}\s+(?P<code>[\dIl|\]]{{1,2}}(?:\s*[.,]\s*[\dIl|\]ZSO]{{1,2}}){{1,3}})\s*$",
    regex.I,
)
# 'Acción promovida: Recomendación', 'Pliego de observaciones', 'Recomendación' (OCR:
# 'Recomenclacíon', 'Pliego cle observaciones'; three slips in a line that says nothing else, but
# never the plural 'Recomendaciones', a section's heading)
ACTION = regex.compile(
    rf"^{SPECK}(?:(?:acci[oó]n){{e<=1}}\s+(?:promovida){{e<=2}}\s*:?\s*)?"
    r"(?P<kind>(?P<rec>(?:recomendaci[oóí]n){e<=3}(?<![eE][sS]\W{0,2}))|(?:pliegos?\s+de\s+observaciones){e<=3})\s*:?$",
    regex.I,
)
# an addressee line: 'A la Dirección Ejecutiva del Hospital ...:', 'Al Ministerio de Salud:', 'AL CONSEJO ...:'
ADDRESSEE = regex.compile(
    r"^(?P<art>a\s+la|a\s+las|a\s+los|al|a|para\s+(?:el|la|los|las))\s+(?P<who>[\p{Lu}].*?)\s*:?\s*$", regex.I
)
# a closing line: 'San Isidro del Valle, 6 de julio de 2021.', 'Fecha de elaboración: 12/05/2022'
CLOSING = regex.compile(
    r"^(?:[\p{Lu}][\p{L} .]{2,60},\s*(?:[\p{L} .]{2,40},\s*)?(?:a\s+)?(?:los\s+)?\d|fecha\s+de\s+elaboraci)", regex.I
)
# a signatory's name line: 'Mtro. Julio César Zelaya', 'C.P. Ana Ruiz Paz', 'LIC. JOSÉ PÉREZ'
SIGNATORY = regex.compile(
    r"^(?:mtr[oa]|lic|licda|dr|dra|ing|arq|c\.\s?p|l\.\s?c\.\s?p|abg|abog|prof|profa)\.\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){1,5}$",
    regex.I,
)
# a sentence ending inside a line: 'Se sostuvo reunión con la directora. Se informó lo siguiente:'
# is a lead-in, no sub-heading ('(II Nivel)' or 'Dr. Flores' are no sentence ends: a capital
# word must follow a word of 4+ lowercase letters)
INNER_SENTENCE = regex.compile(r"\p{Ll}{4,}\.\s+\p{Lu}\p{Ll}+")
# a sub-heading's own number: '5.4 OBSERVACIONES', '3.1 Evolución de la matrícula'
SUB_CODE = regex.compile(r"^\d{1,2}\.\d{1,2}\.?\s+(?=\p{Lu})")
# the sub-heading an external audit prints its observations under ('5.4 OBSERVACIONES'), folded
OBSERVATIONS_HEAD = regex.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:observaciones){e<=1}\s*:?$")
# a sub-heading has at most this many words; more is a sentence (a lead-in, a finding)
MAX_SUBHEADING_WORDS = 10
# a damaged visit date is read from the heading's last words: 'jueves Z2 de febrero de 2024'
VISIT_DATE_WORDS = 5
# a visit heading has at most this many words and ends with its date
MAX_VISIT_WORDS = 16


def split_sections(lines: list[Ln]) -> list[Section]:
    sections = [Section("preambulo", "")]
    i = 0
    while i < len(lines):
        ln = lines[i]
        f = fold(ln.text).strip()
        objective = OBJ_GENERAL.match(f) or OBJ_SPECIFIC.match(f)
        if objective and sections[-1].key != "objetivos":
            # 'Objetivo general' printed as a heading of its own, with no 'Objetivos' over it
            sections.append(Section("objetivos", ln.text))
        inner = objective or RESULT.match(ln.text) or ACTION.match(ln.text)
        table_head = header_start(lines, i) is not None  # 'RECOMENDACIONES' / 'ESTATUS': column labels
        h = None if inner or table_head or PROCEDURE.match(ln.text) else heading_at(lines, i)
        if h is not None and not (sections[-1].key == "acciones" and h.key == "recomendaciones"):
            sections.append(Section(h.key, h.text))
            i += h.lines
            continue
        sections[-1].lines.append(ln)
        i += 1
    return sections


def block_text(b: Block) -> list[str]:
    return [b.first, *(ln.text for ln in b.lines[1:])]


def _cut_closing(lines: list[Ln]) -> list[Ln]:
    """The section's lines before the place-and-date closing, or a signatory's name, and what follows."""
    for k, ln in enumerate(lines):
        if SIGNATORY.match(ln.text.strip()) and k > 0 and ends_sentence(lines[k - 1].text):
            return lines[:k]  # a signature with no place-and-date line above it
        if (
            CLOSING.match(ln.text)
            and len(ln.text.split()) <= 16
            and (find_dates(ln.text) or "elaboraci" in fold(ln.text))
        ):
            if k == 0 or ends_sentence(lines[k - 1].text):
                return lines[:k]
    return lines


def objectives(sec: Section) -> list[Item]:
    """The general objective (a paragraph) and the specific ones (items, numbered in order)."""
    general: list[Ln] = []
    specific: list[Ln] = []
    mode = "general"
    for ln in sec.lines:
        f = fold(ln.text).strip()
        if OBJ_GENERAL.match(f):
            mode = "general"
            continue
        if OBJ_SPECIFIC.match(f):
            mode = "specific"
            continue
        (general if mode == "general" else specific).append(ln)
    out: list[Item] = []
    gblocks = [b for b in split_blocks(general) if b.kind != "caption"]
    if gblocks and not specific and any(b.kind == "item" for b in gblocks[1:]):
        specific = [ln for b in gblocks[1:] for ln in b.lines]
        gblocks = gblocks[:1]
    if gblocks:
        b = gblocks[0]
        lines = [ln.text for g in gblocks if g.kind == "para" for ln in g.lines] or block_text(b)
        out.append(Item("objetivo_general", b, lines, 1))
    n = 0
    for b in split_blocks(specific):
        if b.kind == "caption":
            continue
        n += 1
        out.append(Item("objetivo_especifico", b, block_text(b), n))
    return out


@dataclass(frozen=True)
class Visit:
    """A dated visit heading: the date its findings take, and how it was read when it was not
    printed whole (``corrected`` 'fecha:corregido' or 'fecha:imputado', and why)."""

    fecha: dt.date
    corrected: str | None = None
    comentario: str | None = None


def _visit_date(ln: Ln, year: int | None) -> Visit | None:
    label, _, _ = read_label(ln)
    if label not in (None,) or len(ln.text.split()) > MAX_VISIT_WORDS or ln.text.rstrip().endswith("."):
        return None
    text = ln.text.rstrip(" :")
    found = [d for d in find_dates(text, year) if d.precision == Precision.DAY]
    if found and found[-1].span[1] >= len(text) - 2:
        d = found[-1]
        if d.year_inferred:
            why = f"fecha: '{d.raw}' prints no year; the report's ({d.value.year}) taken"
            return Visit(d.value, "fecha:imputado", why)
        return Visit(d.value)
    return _damaged_visit_date(text, year)


def _damaged_visit_date(text: str, year: int | None) -> Visit | None:
    """A visit heading whose date OCR damaged ('Acciones realizadas jueves Z2 de febrero de
    2024'): its last VISIT_DATE_WORDS words read as a date field (``parse_damaged_date``), the
    date ending the line, with a whole year; said in ``corrected``."""
    words = text.split()
    tail = " ".join(words[-VISIT_DATE_WORDS:])
    if not any(ch.isdigit() for ch in tail):
        return None
    got, imputed = parse_damaged_date(tail), False
    if got is None and year is not None:  # '21 de septiernbre': no year printed, the report's taken
        got, imputed = parse_damaged_date(f"{tail} de {year}"), True
    if got is None or got.match.precision != Precision.DAY or got.match.year_inferred:
        return None
    if got.match.span[1] < len(got.text.rstrip()) - 2:
        return None
    fixes = ", ".join(f"'{a}' as '{b}'" for a, b in got.repairs)
    taken = f"; no year printed, the report's ({year}) taken" if imputed else ""
    why = f"fecha: '{tail}' read as {got.match.value.isoformat()} ({fixes}: OCR look-alikes{taken})"
    return Visit(got.match.value, "fecha:corregido", why)


def _is_subheading(lines: list[Ln], k: int) -> bool:
    ln = lines[k]
    label, _, _ = read_label(ln)
    t = ln.text.strip()
    code = SUB_CODE.match(t)
    if code:
        t = t[code.end() :]
    if label is not None or is_caption_start(ln) or len(t.split()) > MAX_SUBHEADING_WORDS:
        return False
    if header_start(lines, k) is not None:
        return False  # a table's header names columns, it heads no sub-section
    if not t[:1].isupper() or (t.endswith((".", ";", ",")) and not t.endswith(":")):
        return False
    if (ln.bbox is not None and ln.centred) or INNER_SENTENCE.search(t):
        return False
    prev = lines[k - 1] if k > 0 else None
    if (
        # '5.4 OBSERVACIONES' is a sub-heading whatever comes before it (a table's last row)
        not (code or OBSERVATIONS_HEAD.match(fold(t).strip()))
        and prev is not None
        and not prev.flags
        and not (ends_sentence(prev.text) and (prev.short or prev.indent or ln.gap or prev.page != ln.page))
    ):
        return False  # a line that goes on from the previous one, or ends a paragraph's sentence
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is not None and nxt.text[:1].islower() and read_label(nxt)[0] is None:
        return False  # the line goes on into the next ('e En las ...' is a bullet OCR read as 'e')
    return True


def _lost_glyph(b: Block, item: Block) -> bool:
    """A scan's paragraph set at the items' indent, before them: an item whose bullet OCR lost,
    not the lead-in of the list (lead-ins start at the margin)."""
    first = b.lines[0]
    return first.bbox is not None and first.indent and item.lines[0].indent


def findings(
    sec: Section,
    year: int | None,
    tables: Sequence[Summary] = (),
    entidad: str | None = None,
    unread: list[Ln] | None = None,
) -> list[Item]:
    """Findings under their visit (fecha) and sub-heading (subseccion), numbered as printed
    or in order; a summary table's rows where the table is printed (``summary.py``). The
    header lines of summary tables whose columns could not be read go to ``unread``."""
    out: list[Item] = []
    fecha, sub = None, None
    note: Visit | None = None
    chunk: list[Ln] = []
    pending = list(tables)

    lines = sec.lines
    # an external audit's results: what was reviewed under sub-headings of its own, the findings
    # under 'Observaciones' (and in its summary table); the rest is no finding
    observed = any(
        OBSERVATIONS_HEAD.match(fold(ln.text).strip()) and _is_subheading(lines, k) for k, ln in enumerate(lines)
    )

    def flush() -> None:
        if unread is not None:
            unread.extend(ln for i, ln in enumerate(chunk) if header_start(chunk, i) == i)
        blocks = [b for b in split_blocks(chunk) if b.kind != "caption"]
        if observed:
            blocks = _observations(blocks, sub)
        for j, b in enumerate(blocks):
            if b.kind == "para":
                nxt = next((x for x in blocks[j + 1 :] if x.kind == "item"), None)
                if b.lines[-1].text.rstrip().endswith(":") or (nxt is not None and not _lost_glyph(b, nxt)):
                    continue  # a lead-in: 'Se resalta la siguiente información:'
            numero = b.number if b.label == "num" else len(out) + 1
            out.append(Item("hallazgo", b, block_text(b), numero, sub, fecha))
            if note is not None and note.corrected:
                out[-1].notes.append((note.corrected, note.comentario))
        chunk.clear()

    k = 0
    while k < len(lines):
        ln = lines[k]
        table = next(((t, n) for t in pending if (n := run_at(lines, k, t))), None)
        if table is not None:
            pending.remove(table[0])
        elif header_start(lines, k) == k:
            table = paragraph_table(lines, k)  # a table an export wrote one cell per paragraph
        if table is not None:
            flush()
            out += rows_to_items(table[0], lines[k : k + table[1]], sub, entidad)
            k += table[1]
            continue
        visit = _visit_date(ln, year)
        if visit is not None:
            flush()
            fecha, sub, year, note = visit.fecha, None, visit.fecha.year, visit
            ln.flags.add("heading")
        elif _is_subheading(lines, k):
            flush()
            sub = regex.sub(r"[\s:]+$", "", ln.text.strip())  # 'Servicios Sanitarios: :' (a speck)
            ln.flags.add("heading")
        else:
            chunk.append(ln)
        k += 1
    flush()
    return out


def _observations(blocks: list[Block], sub: str | None) -> list[Block]:
    """Under an 'Observaciones' sub-heading, its numbered items (the auditor's comment after
    them is none) or, with none numbered, its paragraphs; under any other, nothing."""
    if sub is None or not OBSERVATIONS_HEAD.match(fold(sub).strip()):
        return []
    return [b for b in blocks if b.kind == "item"] or blocks


def conclusions(sec: Section, start: int = 0) -> list[Item]:
    out: list[Item] = []
    for b in split_blocks(_cut_closing(sec.lines)):
        if b.kind == "caption":
            continue
        numero = b.number if b.label in ("num", "ordinal") else start + len(out) + 1
        out.append(Item("conclusion", b, block_text(b), numero))
    return out


def addressee(text: str) -> str | None:
    m = ADDRESSEE.match(text.strip())
    if not m or not text.rstrip().endswith(":"):
        return None
    return usual_case(m["who"].strip().rstrip(":").strip())


def usual_case(name: str) -> str:
    """A name printed in capitals in its usual case ('SECRETARÍA DE SALUD' -> 'Secretaría de
    Salud'); any other as printed."""
    return name_case(name) if name.upper() == name else name


def recommendations(sec: Section) -> list[Item]:
    """Numbered items under their addressee; paragraphs only when nothing is numbered."""
    lines = _cut_closing(sec.lines)
    dest: str | None = None
    groups: list[tuple[str | None, list[Ln]]] = [(None, [])]
    k = 0
    while k < len(lines):
        ln = lines[k]
        label, _, _ = read_label(ln)
        two = f"{ln.text} {lines[k + 1].text}" if k + 1 < len(lines) else ""
        who = addressee(ln.text) if label in (None, "indent") else None
        if who is None and label is None and two and not ends_sentence(ln.text) and ADDRESSEE.match(ln.text):
            who = addressee(two)
            if who is not None:
                k += 1
        if who is not None:
            dest = who
            groups.append((dest, []))
        else:
            groups[-1][1].append(ln)
        k += 1
    out: list[Item] = []
    for dest, glines in groups:
        blocks = [b for b in split_blocks(glines) if b.kind != "caption"]
        items = [b for b in blocks if b.kind == "item"] or blocks
        for b in items:
            numero = b.number if b.label in ("num", "ordinal") else len(out) + 1
            out.append(Item("recomendacion", b, block_text(b), numero, destinatario=dest))
    return out
