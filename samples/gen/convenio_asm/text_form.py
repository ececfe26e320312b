"""What was drawn, described as the damage channel's blocks (``gen._damage``), page for page.

The OCR'd-text form must have the PDF's pages (a form feed where the PDF breaks) and what each
page printed, so it is built from the drawn record, never re-derived: ``Doc.blocks`` holds the
paragraphs (one block per page a paragraph touches), the signature columns and a placeholder
for each table, whose record lists every part of every row with its page. The export's style
(Markdown as in seed 002, aligned, spaced, tab-separated or one cell per line) and whether it
unwraps paragraphs are the document's axes; the Markdown export prints a list cell as the
seed's ``<ul style="list-style-type: none"> • … </ul>`` and describes the rúbricas in words.
"""

from __future__ import annotations

import random

from .._common import join_by_y
from .._damage import PageBreak, Paragraph, RunningFooter, RunningHeader, Table
from .._layout import Doc
from .._text import line_text
from .asm_table import TableRecord
from .axes import Ejes
from .flow import PAGE_NUMBER_FORMATS
from .sample import md_bold
from .tables import SMUDGES

# what the seed's Markdown-emitting OCR tool wrote where it saw ink it could not read as text
FIRMA_DESCRIPTIONS = (
    "Handwritten signatures and initials in blue ink, including several initials on the right margin.",
    "Handwritten initials in blue ink in the margin.",
    "Several handwritten signatures and initials.",
)
UL_OPEN = '<ul style="list-style-type: none">'
PARA_KINDS_PLAIN = ("titulo",)  # printed all bold: the Markdown tool wrote no ** around them


def covered_keys(rec: TableRecord, row) -> set[str]:
    """Columns a spanning cell covers beyond its own (they export as empty cells)."""
    out = set()
    for key, cell in row.cells.items():
        if cell.span_to:
            i, j = rec.keys.index(key), rec.keys.index(cell.span_to)
            out.update(rec.keys[i + 1 : j + 1])
    return out


def list_cell_markdown(lines: list[str], mark_of) -> str:
    """Printed lines of a list cell → '<p>intro</p> <ul ...> • a • b </ul>' (seed 002's cell 7)."""
    intro, items = [], []
    for ln in lines:
        mk = mark_of(ln)
        if mk:
            items.append(ln)
        elif items:
            items[-1] += " " + ln
        else:
            intro.append(ln)
    head = f"<p>{' '.join(intro)}</p> " if intro else ""
    return f"{head}{UL_OPEN} {' '.join(items)} </ul>"


def part_cells(rec: TableRecord, part, style: str, rng: random.Random) -> tuple[str, ...]:
    row = rec.rows[part.row]
    covered = covered_keys(rec, row)
    out = []
    for key in rec.keys:
        cell = row.cells.get(key)
        if cell is None or key in covered:
            out.append("")
            continue
        lines = [ln for ln in part.lines.get(key, []) if ln]
        if cell.blot:
            out.append(rng.choice(SMUDGES) if part.first else "")
        elif style == "markdown" and cell.vineta and lines:
            marks = {m for m in ("•", "-", "–") if cell.vineta == m} or {f"{c})" for c in "abcdefghij"}

            def mark_of(ln: str, marks=marks) -> str:
                return next((m for m in marks if ln.startswith(m + " ")), "")

            out.append(list_cell_markdown(lines, mark_of))
        else:
            out.append("\n".join(lines))
    return tuple(out)


def table_to_blocks(rec: TableRecord, style: str, cur: int, rng: random.Random) -> tuple[list, int]:
    """One channel ``Table`` for a drawn table, with its page breaks; returns the page it ends on."""
    out: list = []
    start = rec.header_pages[0] if rec.header_pages else rec.parts[0].page
    while cur < start:
        out.append(PageBreak())
        cur += 1
    header = (tuple(rec.header),) if rec.header else ()
    if header and rec.parts[0].page > start:  # the header alone at the foot of a page
        out.append(Paragraph([" ".join(rec.header)]))
        header = header if rec.repeat_header else ()
        while cur < rec.parts[0].page:
            out.append(PageBreak())
            cur += 1
    rows, breaks, prev = [], [], rec.parts[0].page
    for part in rec.parts:
        if part.page != prev:
            breaks.append(len(rows))
            prev = part.page
        rows.append(part_cells(rec, part, style, rng))
    out.append(Table(rows, header_rows=header, style=style, breaks=tuple(breaks), repeat_header=rec.repeat_header))
    return out, rec.parts[-1].page


def para_lines(b, e: Ejes, style: str) -> list[str]:
    if style == "markdown" and b.kind not in PARA_KINDS_PLAIN:
        lines = [md_bold(ln) for ln in b.words]
    else:
        lines = [line_text(ln) for ln in b.words] or list(b.lines)
    if e.parrafos == "una_linea":
        return [" ".join(lines)]
    return lines


def sig_to_blocks(b, e: Ejes) -> list:
    if e.parrafos == "una_linea" or e.ocr_estilo == "markdown":
        cols = sorted({it[3] for it in b.items})
        return [Paragraph([t for (_, _, t, c) in b.items if c == col and t]) for col in cols]
    return [Paragraph(join_by_y(b.items))]


def doc_to_blocks(d: Doc, e: Ejes, lema: str | None, rng: random.Random) -> list:
    """The document's channel blocks; as many pages as the PDF has."""
    style = e.ocr_estilo
    out: list = []
    if lema:
        out.append(RunningHeader([lema]))
    fmt = PAGE_NUMBER_FORMATS[e.numeracion]
    if fmt and style != "markdown":  # the Markdown tool drops page numbers (seed 002)
        out.append(RunningFooter([fmt.replace("{p}", "{page}").replace("{n}", "{pages}")]))
    cur, described = 1, False
    for b in d.blocks:
        if b.kind in ("asm_table", "plain_table"):
            blocks, cur = table_to_blocks(b.meta["table"], style, cur, rng)
            out += blocks
            if style == "markdown" and e.describe_firmas and e.rubricas and not described:
                out.append(Paragraph([rng.choice(FIRMA_DESCRIPTIONS)]))
                described = True
            continue
        while cur < b.page:
            out.append(PageBreak())
            cur += 1
        if b.kind == "sig":
            out += sig_to_blocks(b, e)
        elif b.words or b.lines:
            out.append(Paragraph(para_lines(b, e, style)))
    while cur < d.page:
        out.append(PageBreak())
        cur += 1
    return out
