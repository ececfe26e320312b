"""Rows of a relative format as a stream of cells, each cell either text or a number.

The three relatives (state PbR, SEVAC, POA) print their numbers in a fixed order inside a row
(Variable 1, Variable 2, % ...; programado, modificado, alcanzado, %; programado, realizado,
diferencia, % ...). Their headers are the least reliable part of the page: stacked group labels,
rotated SEVAC heads that the text layer garbles, OCR'd head words. So these readers take the
row's *cells* from the shared table layer (or, where it sees no table, the line split at its
gutters), tell numbers from text by the cell's content, and let each format assign the numbers
by their order — then the row's own arithmetic (``checks``) says whether that order held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from papeleo.model import Document
from papeleo.tables import pages_to_tables
from papeleo.text.numbers import MX, NumberReading, Status, parse_number

# a gutter inside a plain-text line: two spaces or more, a tab or a pipe
# ('UNIDAD ACADÉMICA XOCHICALPAN   412   325   438' -> three cells)
GUTTER = regex.compile(r"\s{2,}|\t|\s*\|\s*")
# a Markdown rule row ('| --- | --- |') or a rule drawn with dashes: no content
RULE_CELL = regex.compile(r"^[-=:_\s]*$")
# statuses that still give a value (a clean reading, or one repair-backed reading)
READABLE = (Status.CLEAN, Status.REPAIRED)


@dataclass
class Item:
    """One cell of a row: its text, and its reading when every token of it is a number."""

    text: str
    numbers: list[NumberReading] = field(default_factory=list)

    @property
    def is_number(self) -> bool:
        return bool(self.numbers)


@dataclass
class FRow:
    """A row as the formats see it: its items in print order, its page and box, where it came from."""

    items: list[Item]
    page: int
    bbox: tuple[float, float, float, float] | None = None
    source: str = "tabla"

    @property
    def text(self) -> str:
        return " ".join(i.text for i in self.items)

    def numbers(self) -> list[NumberReading]:
        return [n for i in self.items for n in i.numbers]

    def texts(self) -> list[str]:
        return [i.text for i in self.items if not i.is_number]


def read_cell(text: str) -> Item:
    """A cell as a whole number ('52 830.00', '1,162', '135%'), as several numbers that ran
    together ('100.00 268.00'), or as text ('433 Por ciento', '(Número ... ) x 100')."""
    text = " ".join(text.split())
    whole = parse_number(text, MX)
    if whole.status in READABLE:
        return Item(text, [whole])
    parts = [parse_number(t, MX) for t in text.split()]
    if len(parts) > 1 and all(p.status in READABLE for p in parts):
        return Item(text, parts)
    return Item(text)


# marks a scan leaves around a number ('"2316', '«29', '67.', '-1192:', '* 360'): stripped from
# a token's ends before it is read again
SPECK_MARKS = "\"“”«»*'`´.:;,_|"
# a token of a numeric cell that is a speck, not print: at most this many letters and no digit
# ('E', 'A', 'o', 'EAS' beside '64%'); longer is a word and the cell is text
MAX_SPECK_LETTERS = 3
SPECK_TOKEN = regex.compile(rf"^[^\d]{{1,{MAX_SPECK_LETTERS}}}$")


def cell_without_specks(text: str) -> tuple[list[NumberReading], list[str]] | None:
    """A cell of a scan's numeric column read again without what the scan added: marks stripped
    from each token's ends, tokens of a few letters and no digit dropped ('118% A' -> 118%,
    '"2316' -> 2316, 'EAS' -> nothing). (numbers read, what was dropped), or None when a token
    is neither a number nor a speck (a word: the cell is text)."""
    numbers: list[NumberReading] = []
    dropped: list[str] = []
    for token in text.split():
        core = token.strip(SPECK_MARKS)
        reading = parse_number(core, MX) if core else None
        if reading is not None and reading.status in READABLE and regex.search(r"\d", core):
            numbers.append(reading)
            if core != token:
                dropped.append(token.replace(core, "", 1))
        elif SPECK_TOKEN.match(token):
            dropped.append(token)
        else:
            return None
    return numbers, dropped


def cell_to_runs(text: str) -> list[Item]:
    """A line with no gutter, cut where its tokens change kind: each number a cell, each run of
    words one cell ('1 CENTRO REGIONAL EJIDO LAS ÁNIMAS 129 30 35' -> 1 | CENTRO ... ÁNIMAS | 129
    | 30 | 35). OCR'd text that lost the gaps between cells has no other evidence of them; a
    thousands group split at its separator ('52 830.00') reads as two numbers, so its row has one
    number too many and the format refuses it rather than shift its values."""
    items: list[Item] = []
    words: list[str] = []
    for token in text.split():
        reading = parse_number(token, MX)
        if reading.status in READABLE:
            if words:
                items.append(Item(" ".join(words)))
                words = []
            items.append(Item(token, [reading]))
        else:
            words.append(token)
    if words:
        items.append(Item(" ".join(words)))
    return items


def _row(cells: list[str], page: int, bbox, source: str) -> FRow | None:
    items = [read_cell(c) for c in cells if c.strip() and not RULE_CELL.match(c)]
    return FRow(items, page, bbox, source) if items else None


def table_rows(doc: Document) -> list[FRow]:
    """Every body and head row of every table the shared table layer finds, in page order."""
    out: list[FRow] = []
    for table in pages_to_tables(doc.pages):
        for row in (*table.header_rows, *table.rows):
            bb = row.bbox
            box = (bb.x0, bb.top, bb.x1, bb.bottom) if bb is not None else None
            r = _row([c.text for c in row.cells], row.page or table.page or 1, box, "tabla")
            if r:
                out.append(r)
    return out


def line_rows(doc: Document, runs: bool = False) -> list[FRow]:
    """Every line split at its gutters: a row per line, for text the table layer does not see.
    With ``runs``, a line of plain text with no gutter is cut where its tokens change kind
    (``cell_to_runs``; a page with word boxes has its cells found by the table layer):
    for formats whose text cells hold no numbers (POA unit names); PbR prints cells such as
    '433 Por ciento', which that cut splits into a number and a word (dev OCR'd text: PbR
    numbers exact 80.8% -> 51.3%, 11 wrong values unflagged, when it was tried on every format)."""
    out: list[FRow] = []
    for page in doc.pages:
        # rows of plain text say so: their line order is the only evidence of a wrapped cell
        source = "lineas_texto" if page.text_source == "plain_text" else "lineas"
        for line in page.lines:
            cells = GUTTER.split(line.text.strip())
            if runs and page.text_source == "plain_text" and len(cells) == 1 and not read_cell(cells[0]).is_number:
                items = cell_to_runs(cells[0])
                if items:
                    out.append(FRow(items, page.number, None, source))
                continue
            r = _row(cells, page.number, None, source)
            if r:
                out.append(r)
    return out


def row_streams(doc: Document, runs: bool = False) -> list[tuple[str, list[FRow]]]:
    """The two ways of cutting the document into rows; each format reads both and the
    document's arithmetic picks (``v2.reading_score``). ``runs``: see ``line_rows``."""
    return [("tabla", table_rows(doc)), ("lineas", line_rows(doc, runs))]


def blocks(rows: list[FRow], anchor, want: int, whole: bool = False) -> list[FRow]:
    """Each anchor row (``anchor(row)`` true) with the rows under it joined until it holds
    ``want`` numbers or the next anchor: a printed row the stream cut into several lines
    (wrapped text cells; the numbers on the row's middle line) read as one. With ``whole``, a
    row that holds ``want`` numbers itself is never joined to the one above: it is a row whose
    anchor OCR damaged past reading, not the rest of another."""
    out: list[FRow] = []
    for r in rows:
        if anchor(r):
            out.append(FRow(list(r.items), r.page, r.bbox, r.source))
        elif out and len(out[-1].numbers()) < want and not (whole and len(r.numbers()) >= want):
            out[-1].items += r.items
    return out


def value(n: NumberReading | None) -> float | None:
    return None if n is None else n.value


def note_repairs(names: list[str], readings: list[NumberReading | None], rec: dict[str, Any]) -> None:
    """Each number read through a repair (a look-alike letter, a regrouped separator) is not the
    raw reading: its field goes to ``corrected`` with the repair in ``comentario_extraccion``."""
    for name, n in zip(names, readings):
        if n is not None and n.status is Status.REPAIRED:
            add_correction(rec, name, "corregido", n.explain())


def copy_to_contract_field(rec: dict[str, Any], field: str, printed: str) -> None:
    """The contract's ``field`` filled from the format's own column ``printed``: a repair of the
    printed value is a repair of the copy, and its flag goes with it (dev MIR OCR'd text 115:
    SEVAC's meta_anual 40.391 for 40391, read through a repair only 'programado_anual' named)."""
    rec[field] = rec.get(printed)
    if f"{printed}:corregido" in (rec.get("corrected") or []):
        add_correction(rec, field, "corregido", f"copia de {printed}, reparado")


def add_correction(rec: dict[str, Any], name: str, kind: str, why: str) -> None:
    rec.setdefault("corrected", [])
    entry = f"{name}:{kind}"
    if entry not in rec["corrected"]:
        rec["corrected"].append(entry)
    note = f"{name}: {why}"
    rec["comentario_extraccion"] = "; ".join(x for x in (rec.get("comentario_extraccion"), note) if x)


def base_record(meta: dict[str, Any], row: FRow, confidence: float) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "ente": meta.get("ente"),
        "ejercicio": meta.get("ejercicio"),
        "trimestre": meta.get("trimestre"),
        "page": row.page,
        "confidence": confidence,
        "checks": [],
        "corrected": [],
        "comentario_extraccion": None,
    }
    if row.bbox:
        rec.update(zip(("x0", "top", "x1", "bottom"), row.bbox))
    return rec
