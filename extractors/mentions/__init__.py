"""``mentions.v1``: links, dates and constitutional actions (amparos) named in any document,
whatever its family.

URLs in footnotes are broken across lines by the PDF-to-text step (seed 000:
'https://www.pdh.org.gt/comunicacion/noticias/pdh-verifica-denuncias-por-' / '' /
'desabastecimiento-en-hospital-general-san-juan-de-dios.html'), so a URL that reaches the
end of its line is continued with the next non-blank line when that line is a single
URL-like token. One row per distinct value per document, with the number of times it
occurs, so a link repeated in a running footer is one mention.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import regex

from papeleo.context import Context
from papeleo.model import Document, Page
from papeleo.registry import Extraction, register
from papeleo.text.dates import MONTHS, DateMatch, Precision, find_dates, parse_date
from papeleo.text.pagetext import PageText, lines_to_bbox, lines_to_confidence, page_to_text

log = logging.getLogger(__name__)

# 'https://www.academia.edu/37157265/MSPAS_2016_Diagnostico_Nacional_de_Salud_Gu', and as
# tesseract spaces it: 'https: //difvalleverde.gob. mx/transparencia/aspectos-susceptibles'
# (a space is accepted only after ':' '.' or '/' and before a token that goes on like a URL,
# or before a token that goes on as a path: 'procuraduriaciudadana. org gUintormes/detensoria-de'
# where OCR read the '.' of '.gt' as a space, on the committed informe sample scan)
URL = regex.compile(
    r"(?:h[a-z]{1,3}ps?\s?:?\s?//|www\.)"
    r"(?:[^\s<>\"'(){}\[\]]|(?<=[./])\s(?=[a-z0-9][\w-]*[./][\w])|\s(?=[\w-]+/[\w-]+[/.]))+",
    regex.IGNORECASE,
)
# 'atemala_pdf', '1105089502/', '2019/file.html' — a lone token that can continue a URL
URL_CONTINUATION = regex.compile(r"^[\w\-./%?=&#~:+]+$")
URL_TRAILING_PUNCT = ".,;:)]>»"
# the scheme as OCR mangles it: 'https//transparencia...' (colon lost), 'hups://www...' ('tt' read as 'u')
URL_SCHEME = regex.compile(r"^h[a-z]{1,3}p(?P<s>s?):?//", regex.IGNORECASE)
# after a URL that could be complete, a continuation must look like part of a path ('atemala_pdf'),
# not like prose or a footnote number ('1')
URL_PATHISH = regex.compile(r"[/_\-=.&%]")
URL_OPEN_END = ("-", "_", "/", ".", "=", "&")


@dataclass
class _Mention:
    tipo: str
    valor: str
    texto_original: str
    page: int
    confidence: float
    bbox: object
    ocurrencias: int = 1


def _next_nonblank(page: Page, index: int) -> int | None:
    for j in range(index + 1, min(index + 3, len(page.lines))):
        if page.lines[j].text.strip():
            return j
    return None


def page_to_urls(page: Page) -> list[tuple[str, str, int, int]]:
    """(valor, texto_original, first line index, last line index) of each URL on the page."""
    found: list[tuple[str, str, int, int]] = []
    skip_until = -1
    for i, line in enumerate(page.lines):
        if i <= skip_until:
            continue
        for m in URL.finditer(line.text):
            url, raw, last = m.group(0), m.group(0), i
            at_line_end = not line.text[m.end() :].strip()
            while at_line_end:
                j = _next_nonblank(page, last)
                if j is None:
                    break
                nxt = page.lines[j].text.strip()
                if not URL_CONTINUATION.match(nxt) or URL.match(nxt):
                    break
                if not (url.endswith(URL_OPEN_END) or URL_PATHISH.search(nxt)):
                    break
                url += nxt
                raw += "\n" + nxt
                last = j
            valor = regex.sub(r"\s+", "", url).rstrip(URL_TRAILING_PUNCT)
            valor = URL_SCHEME.sub(lambda m: f"http{m['s'].lower()}://", valor)
            found.append((valor, raw.rstrip(URL_TRAILING_PUNCT), i, last))
            if last > i:
                skip_until = last
    return found


def _date_value(d: DateMatch) -> str | None:
    """A day as ISO, a month as YYYY-MM; quarters, bare years and years taken from context
    are left to mentions.v2, which gives every date its precision."""
    if d.year_inferred:
        return None
    if d.precision is Precision.DAY:
        return d.value.isoformat()
    if d.precision is Precision.MONTH:
        return f"{d.value:%Y-%m}"
    return None


# what joins the two ends of a period: 'septiembre 2018 a agosto 2019', 'enero – marzo 2020'
PERIOD_JOINER = regex.compile(r"[\s,]*(?:a|al|hasta|y|[-–—])?\s*", regex.IGNORECASE)


def page_to_dates(pt: PageText) -> list[tuple[str, str, int, int]]:
    """(value, text as printed, start, end) for each date in the page's text; both ends of a
    period ('septiembre 2018 a agosto 2019') are dates of their own."""
    out = []
    for d in find_dates(pt.text):
        parts = [(d, d.span[0])]
        if d.range_from is not None:
            joiner = PERIOD_JOINER.match(pt.text, d.range_from.span[1], d.span[1])
            parts = [(d.range_from, d.range_from.span[0]), (d, joiner.end() if joiner else d.range_from.span[1])]
        for part, start in parts:
            value = _date_value(part)
            if value is not None:
                end = part.span[1]
                out.append((value, pt.text[start:end], start, end))
    return sorted(out, key=lambda t: t[2])


# a constitutional action by its case number, however a country prints it: 'Acción Constitucional
# de Amparo 1177-2017', 'Amparo No. 4960-2019', 'Recurso de Amparo No. 812-2020', 'Proceso de
# Amparo 35-2019', 'Juicio de Amparo 1234/2021', 'Amparo en Revisión 567/2020' (a line break may
# fall anywhere inside it; OCR: 'Revisíon'). A number OCR damaged ('374-20|8') is no mention: read
# up to the damage it would be another case's
LEGAL_ACTION = regex.compile(
    r"(?:(?:acci[oó]n\s+constitucional|recurso|proceso|juicio)\s+de\s+)?amparo(?P<rev>\s+en\s+(?:revisi[oó]n){e<=1})?"
    r"\s+(?:(?:no|n[uú]m(?:ero)?)\.?\s*)?(?P<num>\d{1,6}\s?[-/]\s?(?:19|20)?\d\d)(?![\w|/-])",
    regex.IGNORECASE,
)


def page_to_legal_actions(pt: PageText) -> list[tuple[str, str, int, int]]:
    """(value, text as printed, start, end) of each constitutional action cited by its number;
    the value one form for all its printings ('Amparo 1177-2017', 'Amparo en Revisión 567/2020')."""
    out = []
    for m in LEGAL_ACTION.finditer(pt.text):
        num = regex.sub(r"\s", "", m["num"])
        value = f"Amparo en Revisión {num}" if m["rev"] else f"Amparo {num}"
        out.append((value, " ".join(m.group().split()), m.start(), m.end()))
    return out


# '31 de octubre de' closing a table cell whose '2024' wraps to the cell's next line
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
CELL_DATE_HEAD = regex.compile(rf"^(?P<day>[0-3]?\d)\s+de\s+(?P<month>{_MONTH_ALT})(?:\s+de[l]?)?$", regex.IGNORECASE)
YEAR_WORD = regex.compile(r"^(?:19|20)\d\d[.,;]?$")
CELL_GAP = 12.0  # points between two words that belong to different table cells
YEAR_LOOKAHEAD = 4  # lines


def _word_runs(words):
    """Split a line's words where the gap between two words says a new cell starts."""
    run = [words[0]]
    for w in words[1:]:
        if w.bbox.x0 - run[-1].bbox.x1 > CELL_GAP:
            yield run
            run = [w]
        else:
            run.append(w)
    yield run


def page_to_cell_dates(page: Page) -> list[tuple[str, str, int, int]]:
    """Dates whose year wrapped to the next line of the same table cell, found by geometry:
    the year word starts under the date's first word. (value, original, line, year line)."""
    out = []
    for i, line in enumerate(page.lines):
        words = [w for w in line.words if w.bbox is not None]
        if not words:
            continue
        for run in _word_runs(words):
            for k in range(max(0, len(run) - 4), len(run)):
                tail = run[k:]
                m = CELL_DATE_HEAD.match(" ".join(w.text for w in tail))
                if not m:
                    continue
                left, right = tail[0].bbox.x0, tail[-1].bbox.x1
                for j in range(i + 1, min(i + 1 + YEAR_LOOKAHEAD, len(page.lines))):
                    year = next(
                        (
                            w
                            for w in page.lines[j].words
                            if w.bbox is not None and YEAR_WORD.match(w.text) and left - CELL_GAP <= w.bbox.x0 <= right
                        ),
                        None,
                    )
                    if year is not None:
                        date = parse_date(f"{m['day']} de {m['month']} de {year.text[:4]}")
                        if date is not None and date.precision is Precision.DAY:
                            out.append((date.value.isoformat(), f"{m.group(0)} {year.text[:4]}", i, j))
                        break
                break
    return out


def document_to_mentions(doc: Document) -> list[_Mention]:
    seen: dict[tuple[str, str], _Mention] = {}

    def add(tipo: str, valor: str, original: str, page: Page, conf: float, bbox) -> None:
        key = (tipo, valor)
        if key in seen:
            seen[key].ocurrencias += 1
        else:
            seen[key] = _Mention(tipo, valor, original, page.number, round(conf, 3), bbox)

    for page in doc.pages:
        for valor, raw, first, last in page_to_urls(page):
            lines = page.lines[first : last + 1]
            add("url", valor, raw, page, lines_to_confidence(lines), lines_to_bbox(lines))
        for valor, raw, first, last in page_to_cell_dates(page):
            lines = [page.lines[first], page.lines[last]]
            add("fecha", valor, raw, page, lines_to_confidence(lines), lines_to_bbox(lines))
        pt = page_to_text(page)
        for valor, raw, start, end in page_to_legal_actions(pt):
            add("referencia_legal", valor, raw, page, pt.confidence_between(start, end), pt.bbox_between(start, end))
        for valor, raw, start, end in page_to_dates(pt):
            add(
                "fecha",
                valor,
                " ".join(raw.split()),
                page,
                pt.confidence_between(start, end),
                pt.bbox_between(start, end),
            )
    return list(seen.values())


@register("mentions.v1")
def extract(doc: Document, ctx: Context | None = None) -> Extraction:
    records = []
    for m in document_to_mentions(doc):
        record = {
            "tipo": m.tipo,
            "valor": m.valor,
            "texto_original": m.texto_original,
            "ocurrencias": m.ocurrencias,
            "page": m.page,
            "confidence": m.confidence,
            "_key": f"{m.tipo}|{m.valor}",
        }
        if m.bbox is not None:
            record.update(x0=m.bbox.x0, top=m.bbox.top, x1=m.bbox.x1, bottom=m.bbox.bottom)
        records.append(record)
    return Extraction(records=records)
