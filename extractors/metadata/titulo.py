"""The title: the heading block at the top of the first page that is not a cover letter.

A reader skips the letterhead (body names, slogans in quotes, the reference number, header
fields such as 'Ejercicio Fiscal 2024') and takes the first heading-like lines: a title noun
('INFORME DE SUPERVISIÓN', 'Matriz de Indicadores para Resultados', 'ACUERDO DE LA COMISIÓN ...')
or a line in capitals, joined with the lines it wraps onto ('Seguimiento a Aspectos ...
Institucionales,' / 'derivados de Informes y Evaluaciones Externas' / 'Anexo D' / 'Documento
Institucional'). The block ends at a field ('PERIODO: Ene-Jun 2018'), a period alone
('Segundo Trimestre 2024'), a byline, a section heading ('I. Antecedentes', 'G L O S A R I O'),
running prose or a table. A convenio's title ends where its parties begin ('..., QUE CELEBRAN
POR UNA PARTE ...'). A cover letter has no title: the annex after it has. When no page has a
title block, a running header or footer that carries a title noun is the title ('INFORME DE
AUDITORÍA DE MATRÍCULA' / 'INSTITUTO TECNOLÓGICO SUPERIOR DE ESCÁRCEGA Página 3 de 45').
"""

from __future__ import annotations

import collections
import logging

import regex

from papeleo.text.bodies import PARTICLES
from papeleo.text.dates import MONTHS
from papeleo.text.normalize import fold

from .layout import PAGE_NUMBER, PERIOD_WORDS, Layout, PageView, Segment, is_spaced_letters, stacked
from .names import has_exact_title_word, has_title_word, segment_is_body_line

log = logging.getLogger(__name__)

# how many text pages from the first are searched for a title block (covers, cover letters, annex)
TITLE_PAGES = 3
# how many lines from the top of a page a title block may start within
TITLE_SCAN_LINES = 25
# the most lines a title runs to, and its longest text: beyond, it is a paragraph
TITLE_MAX_LINES = 8
TITLE_MAX_CHARS = 600
# OCR lines below this mean word confidence are noise (a sideways page, a stamp), never a title
MIN_TITLE_CONFIDENCE = 0.6
# a line with this many unsure OCR words (layout.UNSURE_WORD) is a logo's lettering, whatever its mean
# ('METÍ/0.24 TECHOLÓGICA DEL ESTADO/0.94 DE CRASAS./0.36', where 'ESTADO' is one edit from the title
# noun 'estados') unless it holds a title noun spelled right ('CONVENIO DE COLABORACIÓN/0.20 ...
# DESEMPEÑO/0.34'). The cost: a damaged title whose noun is damaged too gives way to the next candidate
MAX_UNSURE_TITLE_WORDS = 2
# a line in capitals with fewer words is a heading or a logo ('MICHOACÁN', 'ANTECEDENTES'), not a title
MIN_CAPS_TITLE_WORDS = 3
# a line is in capitals when this share of its letters are: OCR lowers a letter here and there
CAPS_RATIO = 0.85
# prose: a mixed-case line this long (a paragraph OCR'd onto one line; a subtitle runs to 20 words),
# or ending in a full stop after this many words
PROSE_WORDS = 30
PROSE_SENTENCE_WORDS = 8
# a line ending in a word this short and a full stop ends in an abbreviation ('No.', 'H.'), not a sentence
ABBREVIATION_LEN = 3
# a line cut into this many segments is a row of fields or table columns, not a title line
FIELD_ROW_SEGMENTS = 3
# words of a field's label or a column's name; a title segment is longer
FIELD_WORDS = 4
# a cover's title this short is a bare heading the next page may give in full
COVER_HEADING_WORDS = 6
# two lines share a title's axis when their centres are this close (fraction of the page width)
ALIGNED_CENTRES = 0.08
# plain text: a title's next line may follow after this many line breaks (two blank lines)
PLAIN_TITLE_GAP_LINES = 3
# two title lines belong together within this many line heights of each other (not on a cover)
TITLE_GAP_HEIGHTS = 3.0

# 'PERIODO: Ene-Jun 2018', 'Programa presupuestario: E014 ...', 'Organismo Público: Instituto ...'
LABEL_LINE = regex.compile(r"^[^:]{1,45}:(?:\s*\S|\s*$)|^(?:\S+\s+){0,11}\S+:\s*$")
# 'CONVENIO No. SH/DED/CMD/057/2018', 'Oficio No. DPE/080/2019': a document's number on its own line
NUMBER_LINE = regex.compile(r"\b(?:n[o°º]|num|n[uú]m\.|n[uú]mero)\.?\s*:?\s*[A-Z0-9][\w.-]*[/-][\w/.-]+\s*$", regex.I)
# 'Unidad de Supervisión Hospitalaria — Julio 2022', 'Avance al 30 de junio de 2018', 'Avance aI 30 de junlo de
# Z0Z5': a line that ends in its date is a byline or a cut-off, not part of a title
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATED_LINE = regex.compile(
    rf"^(?:\S+\s+){{0,9}}?\S*(?:[—–-]\s*(?:\d{{1,2}}\s+de\s+)?(?:{_MONTH_NAMES})"
    rf"|\ba[lI1]\s+\d{{1,2}}\s+de\s+\w{{3,10}})\s+(?:de\s+|del\s+)?\w{{4}}\W*$",
    regex.I,
)
# '2.3.1 Contribuir a mejorar ...': a table's row under its header line
TABLE_ROW = regex.compile(r"^\W*\d+(?:\.\d+)+\s+\S")
# 'https://www.pdh.org.gt/...': a link is never a title
URL = regex.compile(r"https?:|www\.", regex.IGNORECASE)
# 'LEALTAD - HONESTIDAD - TRANSPARENCIA', 'Unidad · Trabajo · Progreso': a motto, single words set apart
# by dashes or dots, printed under a logo; never part of a title
MOTTO = regex.compile(r"^\W*\p{L}+(?:\s+[-–—·•|]\s+\p{L}+){2,}\W*$")
# a line opening with a quote is a slogan: '"2024. Año del Bicentenario ..."'
QUOTES = "“”\"«»‘'"
# a line wider than this share of the page (or longer than WRAP_CHARS without boxes) wraps onto the next
WRAP_WIDTH = 0.7
WRAP_CHARS = 60
# 'I. Antecedentes', '1. DE “LA SECRETARÍA”', 'III. Objetivos', 'CAPÍTULO I'
SECTION = regex.compile(r"^\W*(?:[IVXL]{1,5}|\d{1,2})[.)-]\s*\S|^\W*cap[ií]tulo\b", regex.IGNORECASE)
# ', QUE CELEBRAN POR UNA PARTE ...': where a convenio's title gives way to its parties (folded)
PARTIES = regex.compile(r",?\s+que\s+(?:celebran|suscriben|celebra)\b")


def _is_period_only(text: str) -> bool:
    words = [w for w in regex.split(r"[\s\-–—/,.:()]+", fold(text)) if w]
    return bool(words) and all(w in PERIOD_WORDS or w.isdigit() for w in words)


def _is_prose(text: str, upper_ratio: float) -> bool:
    """Running text: a long mixed-case line, or a sentence — unless it opens with a title noun
    ('Evaluación de Indicadores del Fondo ..., Ejercicio Fiscal 2022.' is a subtitle)."""
    words = text.split()
    if upper_ratio >= 0.5 or not words:
        return False
    if len(words) >= PROSE_WORDS:
        return True
    return text.rstrip().endswith(".") and len(words) >= PROSE_SENTENCE_WORDS and not has_title_word(words[0])


def _starts_badly(text: str) -> bool:
    """A title starts with a capital — or a title noun however OCR cased it ('lnforme') — not with a
    particle, another lowercase word, a digit or a code."""
    first = text.lstrip(" \"“'*•|¡!-").split(" ", 1)[0] if text.strip() else ""
    if first and has_title_word(first):
        return False
    return not first or not first[0].isupper() or fold(first) in PARTICLES


def _lead_fragment_dropped(text: str) -> str:
    """'¡DEL ESTADO DE CHIAPAS. INDICADORES DE RESULTADOS ...' -> 'INDICADORES DE RESULTADOS ...':
    OCR glues the tail of a letterhead line to the title; the tail starts with a particle."""
    if _starts_badly(text) and ". " in text:
        return text.split(". ", 1)[1]
    return text


def _stops(seg: Segment) -> bool:
    """Lines that end a title block, or show that the page has none above them."""
    text = seg.text
    return bool(
        LABEL_LINE.match(text)
        or SECTION.match(text)
        or MOTTO.match(text)
        or is_spaced_letters(text)
        or _is_prose(text, seg.upper_ratio)
    )


def _skipped(seg: Segment) -> bool:
    """Letterhead furniture a title block is looked for below: names, slogans, codes, periods."""
    text = seg.text
    return (
        seg.confidence < MIN_TITLE_CONFIDENCE
        or not any(c.isalpha() for c in text)
        or text.lstrip()[:1] in QUOTES
        or MOTTO.match(text) is not None
        or URL.search(text) is not None
        or segment_is_body_line(seg)
        or _is_period_only(text)
        or NUMBER_LINE.search(text) is not None
        or DATED_LINE.search(text) is not None
        or PAGE_NUMBER.fullmatch(text.strip()) is not None
        or len([w for w in text.split() if sum(c.isalpha() for c in w) >= 2]) == 0
        or (not has_title_word(text) and len(text.split()) < 2)
        or not regex.search(r"[^\W\d_]{3}", text)
    )


def _starts_title(seg: Segment, nouns_only: bool = False) -> bool:
    text = _lead_fragment_dropped(seg.text)
    if _starts_badly(text):
        return False
    if has_title_word(text):
        return seg.unsure_words < MAX_UNSURE_TITLE_WORDS or has_exact_title_word(text)
    return (
        not nouns_only
        and seg.upper_ratio > CAPS_RATIO
        and len(text.split()) >= MIN_CAPS_TITLE_WORDS
        and seg.unsure_words < MAX_UNSURE_TITLE_WORDS
    )


def _wraps(seg: Segment) -> bool:
    """Does this line run on into the next (a wrapped paragraph title), rather than end a heading?
    With boxes: it spans the page. In plain text: it breaks off ('..., SEAN APROBADOS LOS' / 'POR EL
    QUE ... DEL ESTADO DE'), or it is a long line in capitals that does not end a sentence."""
    if seg.bbox is not None and seg.rel_x is not None:
        page_width = seg.bbox.x_center / seg.rel_x if seg.rel_x else 0
        return page_width > 0 and seg.bbox.width / page_width > WRAP_WIDTH
    text = seg.text.rstrip()
    if text[-1:] in ".:;" or not seg.words:
        return False
    breaks_off = text[-1:] == "," or fold(seg.words[-1]) in PARTICLES
    return breaks_off or (len(text) > WRAP_CHARS and seg.upper_ratio > CAPS_RATIO)


def _noise(seg: Segment, last: Segment) -> bool:
    """A stray segment among a title's lines: a logo's word, a stamp, a piece off to one side."""
    if seg.confidence < MIN_TITLE_CONFIDENCE or not regex.search(r"[^\W\d_]{3}", seg.text):
        return True
    if seg.bbox is not None and last.bbox is not None:
        return min(seg.bbox.x1, last.bbox.x1) - max(seg.bbox.x0, last.bbox.x0) <= 0
    return False


def _continues(parts: list[Segment], seg: Segment, page: PageView, layout: Layout) -> bool:
    """Is ``seg`` the next line of the title whose lines so far are ``parts``?"""
    prev = parts[-1]
    cover = page.is_cover
    if _stops(seg) or seg.confidence < MIN_TITLE_CONFIDENCE or (layout.is_running(seg) and cover):
        return False
    last = prev.text.rstrip()
    if last.endswith(".") and len(last.split()[-1]) > ABBREVIATION_LEN:
        return False  # '... A AGOSTO 2023.' ends the title; 'GLOSARIO' under it is a section
    if DATED_LINE.search(seg.text) or NUMBER_LINE.search(seg.text):
        return False  # a byline ('Unidad de Supervisión — Julio 2022'), a cut-off, a number
    if _wraps(prev) and (seg.bbox is None or stacked(prev, seg)):
        return True  # a paragraph title wrapping onto its next line, whatever that line holds
    if _is_period_only(seg.text) and fold(prev.words[-1]) not in PERIOD_WORDS:
        return False  # 'Segundo Trimestre 2024' under a title; but '... del Ejercicio Fiscal' / '2023' goes on
    if segment_is_body_line(seg):
        return False  # the issuer, or the body a report is about, printed under its title
    if _section_word(seg, prev, page) and not _wraps(prev) and fold(prev.words[-1]) not in PARTICLES:
        return False  # 'Introducción', 'ANTECEDENTES': the first section under a title
    if _wraps(seg) and not _wraps(prev) and page.at_margin(seg) and _paragraph_goes_on(page, seg):
        return False  # a paragraph of running text under a centred title
    if prev.bbox is not None and seg.bbox is not None:
        overlap = min(prev.bbox.x1, seg.bbox.x1) - max(prev.bbox.x0, seg.bbox.x0) > 0
        return cover or stacked(prev, seg) or (_near(prev, seg) and overlap)
    return _near(prev, seg)


def _section_word(seg: Segment, prev: Segment, page: PageView) -> bool:
    """A one-word heading that is no title noun, set apart as a section's: 'Introducción' at the
    margin, 'ANTECEDENTES' after a blank line — not a centred title's last word ('EXCEPCIONAL')."""
    word = seg.text.strip(" .:")
    if len(seg.words) != 1 or not word[:1].isupper() or not word.isalpha() or has_title_word(word):
        return False
    if seg.bbox is not None and prev.bbox is not None and seg.rel_x is not None and prev.rel_x is not None:
        return abs(seg.rel_x - prev.rel_x) > ALIGNED_CENTRES  # not set on the title's axis
    return seg.line_no - prev.line_no >= 2


def _paragraph_goes_on(page: PageView, seg: Segment) -> bool:
    """A wide line at the margin is running text when the line under it starts at the margin too;
    a wide centred subtitle wraps onto a short centred line ('... San Juan del' / 'Valle')."""
    below = page.below(seg)
    return below is None or page.at_margin(below)


def _near(prev: Segment, seg: Segment) -> bool:
    """Close enough under the previous title line: a few line heights, or two blank lines of plain text."""
    if prev.bbox is not None and seg.bbox is not None:
        return 0 <= seg.bbox.top - prev.bbox.bottom <= TITLE_GAP_HEIGHTS * max(prev.bbox.height, 1.0)
    return seg.line_no - prev.line_no <= PLAIN_TITLE_GAP_LINES


def _join(parts: list[Segment]) -> str:
    """Wrapped lines joined by a space; a new line in another case style is a new part ('. ')."""
    text = _lead_fragment_dropped(parts[0].text)
    for prev, seg in zip(parts, parts[1:]):
        short = len(prev.words) < 2 or len(seg.words) < 2  # '(ASM)' has no case style of its own
        same_style = short or (prev.upper_ratio > CAPS_RATIO) == (seg.upper_ratio > CAPS_RATIO)
        wrapped = prev.text.rstrip()[-1:] in ",;" or fold(prev.text.split()[-1]) in PARTICLES or seg.text[:1].islower()
        text += (" " if same_style or wrapped else ". ") + seg.text
    m = PARTIES.search(fold(text))
    if m:
        text = text[: m.start()]
    return " ".join(text.split()).strip(" ,;:.-")[:TITLE_MAX_CHARS]


def _page_title(page: PageView, layout: Layout) -> str | None:
    """The page's title block: one that opens with a title noun; failing that, a long line in
    capitals ('SAN GABRIEL DEL NORTE' over 'ACUERDO DEL CONSEJO ...' is a logo's words)."""
    for nouns_only in (True, False):
        parts, end = _title_block(page, layout, nouns_only, 0)
        if parts:
            again, _ = _title_block(page, layout, nouns_only, end)
            return _join(_fuller(parts, again))
    return None


def _fuller(parts: list[Segment], again: list[Segment]) -> list[Segment]:
    """A cover's heading repeated over the full title block ('INFORME DE MONITOREO' / 'agosto 2019',
    then 'INFORME DE MONITOREO' / 'Supervisión a la atención ...'): the fuller one."""
    if again and len(again) > len(parts) and fold(again[0].text) == fold(parts[0].text):
        return again
    return parts


def _title_block(page: PageView, layout: Layout, nouns_only: bool, start: int) -> tuple[list[Segment], int]:
    """The title block's lines found from segment ``start`` on, and where the search stopped."""
    lines_seen: set[int] = set()
    per_line = collections.Counter(s.line_no for s in page.segments)
    parts: list[Segment] = []
    i = start
    for i, seg in enumerate(page.segments[start:], start):
        lines_seen.add(seg.line_no)
        if len(lines_seen) > TITLE_SCAN_LINES or len(parts) >= TITLE_MAX_LINES:
            break
        if parts:
            if not _in_field_row(seg, page, per_line) and _continues(parts, seg, page, layout):
                parts.append(seg)
                continue
            if seg.line_no == parts[-1].line_no or _noise(seg, parts[-1]):
                continue  # another segment of the title's own line, a logo, a stamp
            break
        if SECTION.match(seg.text) or is_spaced_letters(seg.text) or _is_prose(seg.text, seg.upper_ratio):
            return [], i  # prose or a section before any title: the page has none at its top
        if _skipped(seg) or LABEL_LINE.match(seg.text) or _in_field_row(seg, page, per_line):
            continue  # letterhead furniture, a field, a row of fields or columns
        if _starts_title(seg, nouns_only) and not _header_of_table(page, seg):
            parts.append(seg)
    return parts, i


def _in_field_row(seg: Segment, page: PageView, per_line: collections.Counter) -> bool:
    """A short piece of a row of fields or columns ('Programa presupuestario  E032 ...  Eje del Plan
    ...'); a long centred title may share its line with a page field on each side."""
    if page.plain_columns(seg.line_no) >= FIELD_ROW_SEGMENTS:
        return True  # a plain-text line laid out in columns: 'Programa presupuestario  E032 ...  Eje del Plan ...'
    return per_line[seg.line_no] >= FIELD_ROW_SEGMENTS and len(seg.words) <= FIELD_WORDS


def _header_of_table(page: PageView, seg: Segment) -> bool:
    """'Nivel Resumen narrativo Indicador Frecuencia Meta anual' over '2.3.1 Contribuir ...': a
    table's column names, however title-like their words."""
    below = next((s for s in page.segments if s.line_no > seg.line_no), None)
    return below is not None and TABLE_ROW.match(below.text) is not None


def _running_title(layout: Layout) -> str | None:
    for page in layout.text_pages:
        segs = [s for s in page.segments if layout.is_running(s)]
        for i, seg in enumerate(segs):
            if has_title_word(seg.text) and not (segment_is_body_line(seg) or _skipped(seg) or _stops(seg)):
                parts = [seg] + [s for s in segs[i + 1 : i + 3] if stacked(seg, s) or s.line_no == seg.line_no + 1]
                text = " ".join(PAGE_NUMBER.sub("", s.text).strip() for s in parts)
                return " ".join(text.split()).strip(" ,;:.-") or None
    return None


def layout_to_titulo(layout: Layout) -> str | None:
    """The first title block of the first pages that are not letters; a cover's bare heading gives
    way to the fuller block the next page opens with under the same heading."""
    pages = [p for p in layout.text_pages[:TITLE_PAGES] if not p.is_letter]
    titles = [(t, page.is_cover) for page in pages if (t := _page_title(page, layout))]
    if not titles:
        return _running_title(layout)
    first, on_cover = titles[0]
    if on_cover and len(first.split()) <= COVER_HEADING_WORDS:
        fuller = next((t for t, _ in titles[1:] if fold(t).startswith(fold(first)) and len(t) > len(first)), None)
        return fuller or first
    return first
