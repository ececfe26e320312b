"""``mentions.v1``: links, dates and constitutional actions (amparos) named in any document,
whatever its family. One row per distinct value per document, with the number of times it
occurs, so a link repeated in a running footer is one mention. Kept registered so a run can
name it; ``mentions.v2`` (v2.py) supersedes it.
"""

from __future__ import annotations

from papeleo.context import Context
from papeleo.model import Document, Page
from papeleo.registry import Extraction, register
from papeleo.text.pagetext import lines_to_bbox, lines_to_confidence, page_to_text

from .amparos import page_to_legal_actions
from .dates import page_to_cell_dates, page_to_dates
from .links import page_to_urls
from .v2 import Mention, mention_to_record


def document_to_mentions(doc: Document) -> list[Mention]:
    seen: dict[tuple[str, str], Mention] = {}

    def add(tipo: str, valor: str, original: str, page: Page, conf: float, bbox) -> None:
        key = (tipo, valor)
        if key in seen:
            seen[key].ocurrencias += 1
        else:
            seen[key] = Mention(tipo, valor, original, page.number, round(conf, 3), bbox)

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
def extract_v1(doc: Document, ctx: Context | None = None) -> Extraction:
    return Extraction(records=[mention_to_record(m, f"{m.tipo}|{m.valor}") for m in document_to_mentions(doc)])
