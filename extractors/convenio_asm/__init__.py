"""ASM improvement agreements and follow-up annexes -> ``commitments`` rows.

One row per finding, recommendation or CONEVAL aspect, read the same way from every form:
pages with word boxes (text layers, scans) by the header-anchored column reader in ``grid``,
Markdown/HTML and space-aligned text by ``textform``; a document with no ASM table, by the
label/value boxes of ``ficha``. Each row's date is read with its
precision; a date that cannot be read makes that row a failure (stage ``extract``, the
record as JSON) instead of a guess. The agreement's evaluated body and programme come from
its prose (``agreement``) and go on every row.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from papeleo.context import Context
from papeleo.model import BBox, Document, Failure, Page, Word
from papeleo.registry import Extraction, register
from papeleo.tables.words import dashes_between_words, is_speck, page_to_visual_lines_by_segment
from papeleo.text import month_of

from .agreement import agreement_fields
from .checks import check_rows, stated_counts
from .ficha import ficha_cells, ficha_rows
from .grid import GARBLED_NUMBER, read_rows
from .head import LABEL_GAP
from .numbering import renumbered
from .pagelines import body_text
from .raw_row import RawRow
from .records import to_record
from .textform import plain_lines, text_rows

log = logging.getLogger(__name__)

# points a vertical ruling spans to be a column border: two body rows of 10 pt type with their
# padding; a header band's letter strokes (~28 pt) stay under it, a ruled table's borders run
# the table's height. Higher loses the borders of a one-row table
MIN_COLUMN_RULE = 40.0

SPEC: dict[str, Any] = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))

__all__ = ["SPEC", "extract"]


def _visual_lines(page: Page) -> Page:
    """An OCR'd page without column rules, its words regrouped into visual lines: tesseract's
    lines follow its blocks, one table column each, so a head 'No. | Descripción | Actividad'
    arrives as three lines; the reader of unruled tables finds the columns in lines as printed,
    as a text layer gives them."""
    if page.text_source != "ocr" or _column_rules(page):
        # a ruled grid: the reader cuts cells on its column rules, and tesseract's per-column
        # lines are already the cells (dev scans 0-9: rows found 30 -> 9 when regrouped)
        return page
    return page_to_visual_lines_by_segment(page, keep=table_parts)


def table_parts(line: Sequence[Word]) -> list[Word]:
    """An OCR line's words that look like specks but are the table's: a dash between two words
    ('Agosto 2017 — Enero 2018', a range); the day and 'de' just before a month name, read
    unsure ('1 de Noviembre de 2022' at 0.03: dropped, the date read 'Noviembre de 2022', a
    month, wrong with no flag; dev ASM scan 50), so that a garbled day makes the date a failure
    or a flagged repair instead; a sentence's two-letter first word ('De igual manera'); and a
    row's number opening the line of its text's first,
    capitalised word ('5 Deigual manera, ...' at 0.40: dropped, row 5 was read into row 4), or
    a number OCR garbled into a letter or two that stands a column's gap before it ('dl Como
    resultado ...' at 0.47, dev ASM scan 49: row 1 lost): the grid makes it a tentative row
    that only its neighbours' numbers can place, else it joins the row above."""
    out = dashes_between_words(line)
    boxed = [w for w in line if w.bbox is not None]
    for k, w in enumerate(boxed):
        if month_of(w.text) is None:
            continue
        for before in boxed[max(0, k - DAY_WORDS) : k]:
            if is_speck(before) and before.bbox.x1 <= w.bbox.x0:
                out.append(before)
    for w, nxt in zip(boxed, boxed[1:]):
        if is_speck(w) and SHORT_WORD.match(w.text) and nxt.text[:1].islower():
            out.append(w)  # 'De igual manera', 'Se observa': a word, however unsure (ASM scan 7824)
    if len(boxed) >= 2 and is_speck(boxed[0]) and boxed[1].text[:1].isupper():
        first, nxt = boxed[0].bbox, boxed[1].bbox
        apart = nxt.x0 - first.x1 >= LABEL_GAP * max(nxt.height, 1.0)
        if ROW_NUMBER.match(boxed[0].text) or (apart and GARBLED_NUMBER.match(boxed[0].text)):
            out.append(boxed[0])
    return out


# a two-letter word that opens a sentence ('De', 'Se', 'El', 'La', 'No'): OCR reads it unsure, and as
# a speck it was dropped ('11 igual manera, se encontró ...', ASM scan 7824); before a word in lower
# case it is that sentence's first word
SHORT_WORD = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]$")
# a day and its 'de' before a month name: the words before a month that may be its date's
DAY_WORDS = 2
# '5', '12': a row's number in digits (not the letters OCR takes for digits: a speck read 'l')
ROW_NUMBER = re.compile(r"^\d{1,2}$")


def _column_rules(page: Page) -> list:
    """The page's vertical rulings that can be a column's border: at least ``MIN_COLUMN_RULE``
    tall. A scan's dark header band leaves its white letters' strokes as short vertical 'rules'
    the height of the band (dev scan 11: 45 of them at 259-287 pt), which would cut the header
    into columns that are no table's."""
    return [r for r in page.rules if r.orientation == "v" and r.bottom - r.top >= MIN_COLUMN_RULE]


def _has_boxes(page: Page) -> bool:
    """A page with geometry (text layer or OCR), not plain text."""
    return any(ln.bbox is not None for ln in page.lines)


def _rows(doc: Document) -> list[RawRow]:
    """Rows of the pages with geometry and of the plain-text pages, in page order."""
    out: list[RawRow] = []
    geo = [_visual_lines(p) for p in doc.pages if _has_boxes(p)]
    plain = [p for p in doc.pages if not _has_boxes(p)]
    if geo:
        # numbers misread alone in their cells are a scan's: the text forms' readers keep their
        # own sequence rules, and there a repeated number is a row's piece to join (dev OCR'd text)
        pages = [
            (
                p.number,
                list(p.lines),
                [(r.x0, r.top, r.bottom) for r in _column_rules(p)],
                [r.top for r in p.rules if r.orientation == "h"],
                [(r.top, r.x0, r.x1) for r in p.rules if r.orientation == "h"],
            )
            for p in geo
        ]
        out += renumbered(read_rows(pages), stated_counts(doc.text))
    if plain:
        # a number that breaks the run its neighbours make is read back from them here too (ASM
        # 7700: tesseract's text of the scan numbered the first finding '4', before 2 and 3)
        out += renumbered(text_rows(plain), stated_counts(doc.text))
    sheets: list[Page] = []
    if not out:  # no ASM table: label/value sheets, one box per ASM
        # read in visual lines: tesseract's lines of a ruled box give a value before its label
        # ('Conciliación de ...' / 'Aspecto Susceptible de Mejora:', dev ASM scan 46)
        sheets = [page_to_visual_lines_by_segment(p, keep=table_parts) if p.text_source == "ocr" else p for p in geo]
        out = ficha_rows([(p.number, list(p.lines)) for p in sheets] + [(p.number, plain_lines(p)) for p in plain])
    _covered_dates(out, {p.number: p.marks for p in geo})
    if not out and geo:  # labels on lines of their own, beside their values' lines
        out = ficha_cells([(p.number, list(p.lines), [r.top for r in p.rules if r.orientation == "h"]) for p in sheets])
    return sorted(out, key=lambda r: r.page)


def _covered_dates(rows: list[RawRow], marks: dict[int, tuple[BBox, ...]]) -> None:
    """Flag the rows whose date is not there to read because ink covers its place: a blot over
    the date cell of a text-layer page leaves the cell empty, which is no date (dev text PDFs:
    every row whose date the generator blotted came out dated null, with no failure)."""
    for r in rows:
        if any(t.strip() for t in r.fecha_lines):
            continue
        areas = list(r.date_area)
        if r.date_x is not None:
            for page in {p for p, _ in r.boxes}:
                span = BBox.union(b for p, b in r.boxes if p == page)
                if span is not None:
                    areas.append((page, BBox(r.date_x[0], span.top, r.date_x[1], span.bottom)))
        r.covered = any(
            a.x0 <= m.x_center <= a.x1 and a.top - m.height / 2 <= m.y_center <= a.bottom + m.height / 2
            for page, a in areas
            for m in marks.get(page, ())
        )


def _deduplicated(rows: list[RawRow]) -> tuple[list[RawRow], list[RawRow]]:
    """A numbered row read twice (the same number in the same kind of table, e.g. a header
    row's number cell repeated on a new page) keeps its first reading, joined with the rest —
    when the two readings follow each other. A row numbered like one read further back (a
    second table taken for the first's kind) is not folded into it: it is returned apart, to
    be reported, not merged with no flag."""
    seen: dict[tuple[str, int], RawRow] = {}
    out, apart = [], []
    last: dict[str, RawRow] = {}  # the row read last of each kind
    for r in rows:
        key = (r.tipo, r.numero)
        if key in seen and last.get(r.tipo) is not seen[key]:
            apart.append(r)
            continue
        last[r.tipo] = seen.get(key, r)
        if key in seen:
            first = seen[key]
            for role, lines in r.cells.items():
                for ln in lines:
                    first.add(role, ln)
            first.fecha_lines += r.fecha_lines
            first.boxes += r.boxes
            continue
        seen[key] = r
        out.append(r)
    return out, apart


@register("convenio_asm.v1")
def extract(doc: Document, ctx: Context) -> Extraction:
    meta = agreement_fields(body_text([list(p.lines) for p in doc.pages]))
    raw, apart = _deduplicated(_rows(doc))
    rights: dict[str, float] = {}
    for r in raw:
        for role, lines in r.cells.items():
            rights[role] = max([rights.get(role, 0.0), r.right.get(role, 0.0)] + [ln.x1 for ln in lines])
    ext = Extraction()
    for r in raw:
        rec, failure = to_record(r, rights, meta)
        if failure is not None:
            ext.failures.append(failure)
        if rec is not None:
            rec["_key"] = f"{rec['tipo']}:{rec['numero']}"
            ext.records.append(rec)
    for r in apart:
        rec, _ = to_record(r, rights, meta)
        ext.failures.append(
            Failure(
                "extract",
                "repeated_row",
                f"{r.tipo} {r.numero} (page {r.page}): a row numbered like one read earlier in another table; "
                "the table's kind may be misread (findings for recommendations): check the document",
                json.dumps(
                    rec or {"tipo": r.tipo, "numero": r.numero, "page": r.page}, ensure_ascii=False, default=str
                ),
            )
        )
    if not ext.records and not ext.failures:
        # chosen as an ASM document and nothing read: said, not left to look like an agreement
        # with no commitments (a CONEVAL annex tesseract wrote one cell piece per line lost all
        # its rows with no word: dev OCR'd text 77, 116)
        ext.failures.append(
            Failure(
                "extract",
                "no_rows",
                "no row of an ASM table could be read: its header or its rows' cells were not found "
                "in the text (a scan's table OCR wrote cell by cell is the common cause); check the "
                "document and enter its rows by hand",
                json.dumps(meta, ensure_ascii=False, default=str),
            )
        )
    numbers: dict[str, list[int]] = {}
    for r in raw:
        numbers.setdefault(r.tipo, []).append(r.numero)
    check_rows(ext.records, doc.text, numbers)
    log.info("convenio_asm: %d rows, %d failures", len(ext.records), len(ext.failures))
    return ext
