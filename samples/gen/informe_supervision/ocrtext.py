"""The OCR'd-text form: what was drawn, page by page, described as damage-channel blocks in
one of the export styles real OCR'd reports of this family come in.

* ``seed000`` — the seed's export: every line followed by a blank line and a trailing space,
  bullet glyphs lost (an item starts with one space), the footnote separator read as a line
  of spaces, footnote URLs wrapped where the PDF wrapped them and then the page's links
  dumped whole after the footnotes, photo captions among the findings, no page numbers.
* ``lineas`` — the printed lines as they are, running header and footer included.
* ``parrafos`` — each printed paragraph on one line (line ends joined by a space, so a
  hyphenated word stays 'reasig- nación').

Tables go to the channel as ``Table`` blocks, one per page they sit on, in a drawn style.
The channel then adds the character, separator and structure damage of the drawn level.
"""

from __future__ import annotations

import random
import re

from .._damage import STYLES, PageBreak, Paragraph, Table
from .._text import Block, line_text
from .draw import Drawn

OCR_STYLES = ("seed000", "lineas", "parrafos")
OCR_STYLE_WEIGHTS = (0.4, 0.35, 0.25)
BULLET_READINGS = ("perdida", "glifo", "confusa")
# how tesseract misreads each bullet glyph when it does not drop it
CONFUSED_GLYPHS = {"•": ("e", "*", "«", "."), "»": (">>", "»"), "-": ("-", "~"), "–": ("-", "—")}
FOOTNOTE_SEPARATOR = " " * 39  # the seed reads the footnote rule as a line of spaces
URL = re.compile(r"https?://\S+")
NUMBER_LABEL = re.compile(r"^(\d+(\.\d+)*[.)]?|[a-z]\))$")  # '3.', '2)', '1.2.3', 'b)': read as printed


def draw_ocr_axes(rng: random.Random) -> dict:
    style = rng.choices(OCR_STYLES, weights=OCR_STYLE_WEIGHTS)[0]
    weights = (0.8, 0.2, 0.0) if style == "seed000" else (0.2, 0.5, 0.3)
    return {
        "ocr_estilo": style,
        "ocr_vineta": rng.choices(BULLET_READINGS, weights=weights)[0],
        "ocr_marca_separada": rng.random() < 0.5,
        "ocr_tabla": rng.choice(STYLES),
        "ocr_enlaces": style == "seed000" and rng.random() < 0.7,
    }


def label_reading(label: str | None, axes: dict, rng: random.Random) -> str | None:
    """The item label as OCR gives it: numbers kept; bullet glyphs lost, kept or misread."""
    if not label or NUMBER_LABEL.match(label):
        return label
    reading = axes["ocr_vineta"]
    if reading == "perdida":
        return ""
    if reading == "confusa":
        return rng.choice(CONFUSED_GLYPHS.get(label, (label,)))
    return label


def block_lines(b: Block, axes: dict, rng: random.Random) -> list[str]:
    """A drawn block's lines as read: footnote marks detached or not, the label in front."""
    sup = " " if axes["ocr_marca_separada"] else ""
    lines = [line_text(ln, sup_sep=sup) for ln in b.words] if b.words else list(b.lines)
    if b.kind == "footnote":
        return [(f"{b.label} " if k == 0 else "") + ln for k, ln in enumerate(lines)]
    if lines and b.label is not None and not b.cont:
        label = label_reading(b.label, axes, rng)
        lines[0] = (" " if label == "" else f"{label} ") + lines[0]
    return lines


def table_cells(b: Block, header: bool) -> tuple[str, ...]:
    if header:
        cells: dict = {}
        for _, _, txt, tag in b.items:
            cells.setdefault(tag, []).append(txt)
        return tuple("\n".join(v) for v in cells.values())
    return tuple("\n".join(v) for v in b.meta["cells"].values())


def page_blocks(blocks: list[Block], axes: dict, rng: random.Random, notes: dict) -> list:
    """One page's damage-channel blocks in reading order."""
    style = axes["ocr_estilo"]
    out: list = []
    table: dict | None = None
    links: list[str] = []
    sep_done = False

    def flush_table() -> None:
        nonlocal table
        if table and table["rows"]:
            out.append(Table(rows=table["rows"], header_rows=table["head"], style=axes["ocr_tabla"]))
        table = None

    for b in blocks:
        if b.kind in ("table_header", "table_row"):
            table = table or {"head": [], "rows": []}
            table["head" if b.kind == "table_header" else "rows"].append(table_cells(b, b.kind == "table_header"))
            continue
        flush_table()
        if b.kind == "footer" and style == "seed000":
            continue
        if b.kind == "figure":
            if style == "seed000":
                out.append(Paragraph([" "], gap=1))
            continue
        lines = block_lines(b, axes, rng)
        if b.kind == "header":
            lines = [("   ".join(lines))] if style != "lineas" else lines
        if b.kind == "footnote":
            links += URL.findall(notes.get(b.label, ""))
            if style == "seed000" and not sep_done:
                out.append(Paragraph([FOOTNOTE_SEPARATOR], gap=1))
                sep_done = True
        if style == "seed000" and b.kind == "caption" and not b.cont:
            lines[0] = " " + lines[0]  # as in the seed: a caption reads like a finding that lost its bullet
        if style == "parrafos" and b.kind not in ("header", "footer"):
            lines = [" ".join(lines)]
        if style == "seed000":
            spaced: list[str] = []
            for ln in lines:
                spaced += [ln + " ", ""]
            out.append(Paragraph(spaced[:-1], gap=1))
        else:
            out.append(Paragraph(lines, gap=0 if b.kind in ("item", "heading", "firma") else 1))
    flush_table()
    if links and axes["ocr_enlaces"]:
        out.append(Paragraph(links, gap=1))
    return out


def ocr_blocks(drawn: Drawn, footnotes: dict, axes: dict, rng: random.Random) -> list:
    """Every page of the drawn document as damage-channel blocks, pages split by PageBreak."""
    out: list = []
    for p in range(1, drawn.pages + 1):
        if p > 1:
            out.append(PageBreak())
        out += page_blocks([b for b in drawn.doc.blocks if b.page == p], axes, rng, footnotes)
    return out
