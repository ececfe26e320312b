"""``mir_avance.v2``: MIR progress reports of any layout -> ``indicators`` rows.

v1 was built on one report and assumed its shape (the depth of its codes, its column order,
its damage). v2 assumes none of it: the shared table layer finds the grid on a text layer, a
scan or OCR'd text; each column's head says what it holds; the codes are taken as printed;
the quarter comes from the document; and the row's own arithmetic checks every number
(``solve.py``). OCR'd text whose table the table layer cannot see (one row per line, cells one
per line) is read by ``lines.py`` against the head it prints. Commentary printed under the
table is tied to its row by code or acronym (``commentary.py``).
"""

from __future__ import annotations

import logging
from typing import Any

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register
from papeleo.tables import pages_to_tables

from .commentary import attach_commentary
from .fields import cells_to_text_fields
from .lines import document_to_line_rows
from .meta import document_meta
from .record import rows_to_records
from .table import RowCells, table_to_rows

log = logging.getLogger(__name__)


def document_to_rows(doc: Document, T: int | None) -> list[RowCells]:
    rows: list[RowCells] = []
    for table in pages_to_tables(doc.pages):
        rows += table_to_rows(table, T)
    if not rows:
        rows = document_to_line_rows(doc, T)
    return rows


@register("mir_avance.v2")
def extract(doc: Document, ctx: Context) -> Extraction:
    meta = document_meta(doc.text)
    T = meta["trimestre"]
    rows = document_to_rows(doc, T)
    texts = [cells_to_text_fields(r.text) for r in rows]
    attach_commentary(doc, rows, texts)
    records = rows_to_records(rows, texts, meta)
    document: dict[str, Any] = {}
    log.info("mir_avance.v2: %d rows, quarter %s", len(records), T)
    return Extraction(records=records, document=document)
