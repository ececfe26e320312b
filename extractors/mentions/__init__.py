"""``mentions.v1``: links and dates named in any document, whatever its family.

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

from .._text import (
    _MONTH_ALT, DAY_MONTH_YEAR, MONTH_YEAR, NUMERIC_DATE, PageText, lines_to_bbox, lines_to_confidence,
    month_number, page_to_text, parse_spanish_date, safe_date,
)

log = logging.getLogger(__name__)

# 'https://www.academia.edu/37157265/MSPAS_2016_Diagnostico_Nacional_de_Salud_Gu', and as
# tesseract spaces it: 'https: //difvalleverde.gob. mx/transparencia/aspectos-susceptibles'
# (a space is accepted only after ':' '.' or '/' and before a token that goes on like a URL)
URL = regex.compile(
    r"(?:h[a-z]{1,3}ps?\s?:?\s?//|www\.)(?:[^\s<>\"'(){}\[\]]|(?<=[./])\s(?=[a-z0-9][\w-]*[./][\w]))+",
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
            at_line_end = not line.text[m.end():].strip()
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


def page_to_dates(pt: PageText) -> list[tuple[str, str, int, int]]:
    """(ISO value, original text, start, end) of each date with a year on the page. A
    month and year alone ('Julio 2019') is kept as 'YYYY-MM'."""
    out: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in DAY_MONTH_YEAR.finditer(pt.text):
        date = parse_spanish_date(int(m["day"]), m["month"].lower(), int(m["year"]))
        taken.append(m.span())  # '31 de junio de 2020' is no date, nor is its 'junio de 2020'
        if date:
            out.append((date.isoformat(), m.group(0), m.start(), m.end()))
    for m in NUMERIC_DATE.finditer(pt.text):
        date = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if date:
            out.append((date.isoformat(), m.group(0), m.start(), m.end()))
    for m in MONTH_YEAR.finditer(pt.text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        month = month_number(m["month"])
        out.append((f"{m['year']}-{month:02d}", m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda t: t[2])


# '31 de octubre de' closing a table cell whose '2024' wraps to the cell's next line
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
                    year = next((w for w in page.lines[j].words if w.bbox is not None and YEAR_WORD.match(w.text)
                                 and left - CELL_GAP <= w.bbox.x0 <= right), None)
                    if year is not None:
                        y = int(year.text[:4])
                        date = parse_spanish_date(int(m["day"]), m["month"].lower(), y)
                        if date:
                            out.append((date.isoformat(), f"{m.group(0)} {year.text[:4]}", i, j))
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
        for valor, raw, start, end in page_to_dates(pt):
            add("fecha", valor, " ".join(raw.split()), page, pt.confidence_between(start, end), pt.bbox_between(start, end))
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
