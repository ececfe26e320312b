"""The shared table reader: pages, scans and text -> :class:`Table` objects.

Every family that reads tables (MIR indicators, ASM agreements, score tables, audit
reports) sits on this one reader, so a table is found the same way on a text-layer PDF, a
scan and already-OCR'd text:

* **Ruled grids** come from the rulings the readers recorded (``Page.rules``): touching
  horizontal and vertical rules give rows, columns and merged cells.
* **Horizontal rules only** (booktabs style, or a rule under every row): row bands from the
  rules, columns from the whitespace gutters of the body.
* **No rules**: runs of lines sharing whitespace gutters; rows from line spacing and from
  the first column (a line with nothing there continues the row above).
* **Text**: Markdown pipe tables (HTML inside cells flattened; list items joined with
  ``; ``), HTML ``<table>`` (with ``colspan``/``rowspan``), tab-separated lines, and
  columns aligned with runs of spaces.

Words are assigned to cells by their centre. Two-line headers are joined per column
(``Metas`` over ``Individuales | Colectivas`` -> ``Metas Individuales``, ``Metas
Colectivas``). A table continued on the next page under a repeated header is one table;
running headers and page numbers between the parts are ignored, and a row cut by the page
break is joined back.

API
---
``page_to_tables(page) -> list[Table]``
    The tables of one page, top to bottom (a page without geometry is read as text).
``pages_to_tables(pages) -> list[Table]``
    The tables of consecutive pages of one document, continued tables merged and running
    headers/footers ignored.
``text_to_tables(text, page=None) -> list[Table]``
    The tables in plain text (form feeds split pages; rows get page numbers counted from
    ``page`` when it is given).
``Table.to_rows(page_key=None) -> list[dict]``
    The body as dicts keyed by column name (plus the row's page under ``page_key``).

Coordinates are the model's: PDF points, origin top-left. Text tables have no boxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from papeleo.model import Page

from .continuation import merge_page_tables, running_lines, without_lines
from .model import EMPTY_CELL, Cell, Row, Table, TableSource
from .page import geometric_page_to_tables, page_has_geometry
from .text import text_lines_to_tables, text_to_tables

__all__ = [
    "Cell",
    "EMPTY_CELL",
    "Row",
    "Table",
    "TableSource",
    "page_to_tables",
    "pages_to_tables",
    "text_to_tables",
]


def page_to_tables(page: Page) -> list[Table]:
    """The tables on one page, top to bottom."""
    if not page_has_geometry(page):
        return text_lines_to_tables([(page.number, ln.text) for ln in page.lines])
    return geometric_page_to_tables(page)


def pages_to_tables(pages: Iterable[Page]) -> list[Table]:
    """The tables of a document's pages (in order), a table continued across pages
    merged into one. Pages with geometry and plain-text pages are read by their own
    readers; a continuation is only followed between pages of the same kind."""
    out: list[Table] = []
    for has_geometry, run in groupby(pages, key=page_has_geometry):
        group: Sequence[Page] = list(run)
        if not has_geometry:
            out.extend(text_lines_to_tables([(p.number, ln.text) for p in group for ln in p.lines]))
            continue
        running = running_lines(group)
        cleaned = [without_lines(p, running[p.number]) for p in group]
        out.extend(merge_page_tables([(p, geometric_page_to_tables(p)) for p in cleaned]))
    return out
