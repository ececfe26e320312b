"""ASM tables drawn on a ``Doc`` canvas the ways real agreements draw them.

The toolkit's ``_table`` draws one kind of table (ruled, rows never cut). Real ASM tables are
ruled, ruled with horizontal lines only, or not ruled at all; their header may or may not come
back after a page break; a tall row is often cut by the page break; a finding is followed by a
``Fecha comprometida de cumplimiento:`` row whose label spans two columns; CONEVAL annexes
print their headers in dark bands, sometimes turned 90°, and their dates white on black. This
module draws all of that and records every part of every row it drew (page, the lines of each
cell, the box), which is what the truth's pages and boxes and the OCR'd text are built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._text import line_text, parse_rich, wrap

if TYPE_CHECKING:
    from .._layout import Doc

COMPLETA, HORIZONTAL, SIN_REGLAS = "completa", "horizontal", "sin_reglas"
HEADER_FILLS = {"ninguno": None, "gris": (0.85, 0.85, 0.85), "oscuro": (0.45, 0.12, 0.1), "olivo": (0.42, 0.45, 0.2)}
ITEM_GAP = 2.0  # points between the items of a list cell
MIN_SPLIT_LINES = 2
VERTICAL_HEADER_H = 62.0  # points: the height of a header band whose labels are turned 90°  # a row is cut only when at least this many of its lines fit on the page


@dataclass
class Col:
    key: str
    w: float
    align: str = "l"


@dataclass
class Cell:
    """A cell: running ``text``; or an optional ``intro`` and ``items`` each on its own line(s),
    marked with ``vineta`` ('•', '-', 'a)' ... or None for plain paragraphs)."""

    text: str = ""
    intro: str | None = None
    items: tuple[str, ...] = ()
    vineta: str | None = None
    span_to: str | None = None  # the last column this cell covers
    invert: bool = False  # white text on a black band
    blot: bool = False  # an ink blot where the text should be: nothing printed
    bold: bool = False
    align: str | None = None


@dataclass
class VRow:
    cells: dict[str, Cell]
    kind: str = "body"  # 'body' | 'fecha' (the date row under a finding)
    rec: tuple[str, int] | None = None  # (tipo, numero) of the record this row belongs to


@dataclass
class Line:
    indent: float
    words: list
    text: str  # as printed, the list marker included
    gap_before: float = 0.0
    mark: str = ""  # the list marker drawn in the hanging indent


@dataclass
class Part:
    row: int
    page: int
    lines: dict[str, list[str]]  # printed lines per first column of each cell, on this page
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom; top-left origin, points
    first: bool


@dataclass
class TableRecord:
    keys: list[str]
    header: list[str] | None
    rows: list[VRow]
    parts: list[Part] = field(default_factory=list)
    header_pages: list[int] = field(default_factory=list)
    repeat_header: bool = True

    def pages_of(self, rec: tuple[str, int]) -> list[int]:
        return sorted({p.page for p in self.parts if self.rows[p.row].rec == rec})


def marker(vineta: str, k: int) -> str:
    return f"{'abcdefghij'[k]})" if vineta == "a)" else vineta


def cell_to_lines(cell: Cell, width: float, size: float) -> list[Line]:
    """A cell's printed lines, each with its indent (list items hang after their marker)."""
    if cell.blot:
        return [Line(0, [], "")]
    style = "b" if cell.bold else "n"
    out: list[Line] = []
    if cell.text:
        out += [Line(0, ln, line_text(ln)) for ln in wrap(parse_rich(cell.text, style), size, width, False)]
    if cell.intro:
        out += [Line(0, ln, line_text(ln)) for ln in wrap(parse_rich(cell.intro, style), size, width, False)]
    for k, item in enumerate(cell.items):
        gap = ITEM_GAP if out else 0.0
        if cell.vineta:
            mk = marker(cell.vineta, k)
            hang = size * (1.2 if len(mk) == 1 else 1.6)
            lines = wrap(parse_rich(item, style), size, width - hang, False)
            for i, ln in enumerate(lines):
                head = mk if i == 0 else ""
                text = f"{head} {line_text(ln)}" if head else line_text(ln)
                out.append(Line(hang, ln, text, gap if i == 0 else 0.0, head))
        else:
            lines = wrap(parse_rich(item, style), size, width, False)
            out += [Line(0, ln, line_text(ln), gap if i == 0 else 0.0) for i, ln in enumerate(lines)]
    return out or [Line(0, [], "")]


def lines_height(lines: list[Line], leading: float) -> float:
    return sum(leading + ln.gap_before for ln in lines)


@dataclass
class TableStyle:
    reglas: str = COMPLETA
    fill: str = "gris"
    size: float = 8.0
    leading: float | None = None
    pad: float = 3.0
    repeat_header: bool = True
    split_rows: bool = False
    vertical_header: bool = False
    header_size: float | None = None


class Drawer:
    """Draws one table and records it; see the module docstring."""

    def __init__(self, d: Doc, cols: list[Col], header: list[str] | None, style: TableStyle):
        self.d, self.cols, self.header, self.st = d, cols, header, style
        self.lead = style.leading or style.size * 1.22
        self.hsize = style.header_size or style.size
        self.xs = [d.left]
        for col in cols:
            self.xs.append(self.xs[-1] + col.w)
        self.keys = [c.key for c in cols]
        self.idx = {k: i for i, k in enumerate(self.keys)}

    # -- geometry -------------------------------------------------------------------------
    def span(self, key: str, cell: Cell) -> tuple[float, float]:
        i = self.idx[key]
        j = self.idx[cell.span_to] if cell.span_to else i
        return self.xs[i], self.xs[j + 1]

    def row_lines(self, row: VRow) -> dict[str, list[Line]]:
        out = {}
        for key, cell in row.cells.items():
            x0, x1 = self.span(key, cell)
            out[key] = cell_to_lines(cell, x1 - x0 - 2 * self.st.pad, self.st.size)
        return out

    def header_lines(self) -> list[list]:
        if self.header is None:
            return []
        # a header word wider than its column breaks inside the word, as in the real annexes
        # ('Aspec to Susce ptible'); body cells never do (their words are the truth)
        if self.st.vertical_header:
            return [wrap(parse_rich(h, "b"), self.hsize, VERTICAL_HEADER_H, True) for h in self.header]
        return [
            wrap(parse_rich(h, "b"), self.hsize, c.w - 2 * self.st.pad, True) for h, c in zip(self.header, self.cols)
        ]

    def header_height(self) -> float:
        hl = self.header_lines()
        if not hl:
            return 0.0
        if self.st.vertical_header:
            return VERTICAL_HEADER_H + 2 * self.st.pad
        return max(len(h) for h in hl) * self.hsize * 1.2 + 2 * self.st.pad

    # -- drawing --------------------------------------------------------------------------
    def draw_header(self, rec: TableRecord) -> None:
        d, c, st = self.d, self.d.c, self.st
        if self.header is None:
            return
        h = self.header_height()
        ytop = d.y
        fill = HEADER_FILLS[st.fill]
        if fill:
            c.setFillColorRGB(*fill)
            c.rect(self.xs[0], ytop - h, self.xs[-1] - self.xs[0], h, stroke=0, fill=1)
        white = fill is not None and sum(fill) < 1.8
        c.setFillGray(1 if white else 0)
        hl = self.header_lines()
        for i, lines in enumerate(hl):
            x0, x1 = self.xs[i], self.xs[i + 1]
            if st.vertical_header:
                c.saveState()
                n = len(lines)
                cx = (x0 + x1) / 2 - n * self.hsize * 1.2 / 2
                for k, ln in enumerate(lines):
                    c.saveState()
                    c.translate(cx + (k + 0.8) * self.hsize * 1.2, ytop - h + st.pad)
                    c.rotate(90)
                    d.draw_line(0, 0, ln, self.hsize, h - 2 * st.pad, "left")
                    c.restoreState()
                c.restoreState()
            else:
                lead = self.hsize * 1.2
                off = (h - len(lines) * lead) / 2
                for k, ln in enumerate(lines):
                    base = ytop - off - lead * (k + 1) + (lead - self.hsize) / 2 + self.hsize * 0.18
                    d.draw_line(x0 + st.pad, base, ln, self.hsize, x1 - x0 - 2 * st.pad, "center")
        c.setFillGray(0)
        c.setLineWidth(0.6)
        if st.reglas == COMPLETA:
            c.rect(self.xs[0], ytop - h, self.xs[-1] - self.xs[0], h, stroke=1, fill=0)
            for x in self.xs[1:-1]:
                c.line(x, ytop, x, ytop - h)
        elif st.reglas == HORIZONTAL:
            c.line(self.xs[0], ytop, self.xs[-1], ytop)
            c.line(self.xs[0], ytop - h, self.xs[-1], ytop - h)
        d.y -= h
        rec.header_pages.append(d.page)

    def draw_part(self, row: VRow, lines: dict[str, list[Line]], k0: int, k1: int, rec: TableRecord, ri: int) -> None:
        """Lines k0..k1 (exclusive) of every cell of ``row``, as one band on the current page."""
        d, c, st = self.d, self.d.c, self.st
        chunk = {k: v[k0:k1] for k, v in lines.items()}
        h = max(lines_height(v, self.lead) for v in chunk.values()) + 2 * st.pad
        ytop = d.y
        for key, cell in row.cells.items():
            x0, x1 = self.span(key, cell)
            col = self.cols[self.idx[key]]
            align = {"l": "left", "c": "center", "r": "right"}[cell.align or col.align]
            y = ytop - st.pad
            if cell.blot and k0 == 0:
                self.draw_blot(x0 + st.pad, ytop - st.pad - self.lead, x1 - x0 - 2 * st.pad)
            if cell.invert and chunk[key] and any(ln.text for ln in chunk[key]):
                c.setFillGray(0)
                c.rect(x0 + 1, ytop - h + 1, x1 - x0 - 2, h - 2, stroke=0, fill=1)
                c.setFillGray(1)
            for ln in chunk[key]:
                y -= self.lead + ln.gap_before
                base = y + (self.lead - st.size) / 2 + st.size * 0.18
                if ln.mark:
                    c.setFont("Helvetica", st.size)
                    c.drawString(x0 + st.pad, base, ln.mark)
                d.draw_line(x0 + st.pad + ln.indent, base, ln.words, st.size, x1 - x0 - 2 * st.pad - ln.indent, align)
            c.setFillGray(0)
        c.setLineWidth(0.5)
        if st.reglas == COMPLETA:
            for key, cell in row.cells.items():
                x0, x1 = self.span(key, cell)
                c.line(x0, ytop, x0, ytop - h)
                c.line(x1, ytop, x1, ytop - h)
            c.line(self.xs[0], ytop - h, self.xs[-1], ytop - h)
            if rec.parts and rec.parts[-1].page != d.page or not rec.parts and rec.header is None:
                c.line(self.xs[0], ytop, self.xs[-1], ytop)
        elif st.reglas == HORIZONTAL:
            c.line(self.xs[0], ytop - h, self.xs[-1], ytop - h)
        self.fresh = False
        printed = {k: [ln.text for ln in v] for k, v in chunk.items()}
        rec.parts.append(
            Part(ri, d.page, printed, (self.xs[0], d.H - ytop, self.xs[-1], d.H - (ytop - h)), first=k0 == 0)
        )
        d.y -= h

    def draw_blot(self, x: float, y: float, w: float) -> None:
        """An ink stain over where a date was: dark, irregular, with no text under it."""
        c = self.d.c
        c.saveState()
        c.setFillGray(0.15)
        p = c.beginPath()
        p.moveTo(x, y + 2)
        p.curveTo(x + w * 0.3, y + 11, x + w * 0.6, y - 2, x + w * 0.8, y + 8)
        p.curveTo(x + w * 0.95, y + 12, x + w * 0.7, y - 4, x + w * 0.2, y - 3)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.restoreState()

    def new_page(self, rec: TableRecord) -> None:
        self.d.new_page()
        self.fresh = True
        if self.st.repeat_header:
            self.draw_header(rec)

    def draw(self, rows: list[VRow]) -> TableRecord:
        d = self.d
        rec = TableRecord(
            self.keys, list(self.header) if self.header else None, rows, repeat_header=self.st.repeat_header
        )
        first = self.row_lines(rows[0]) if rows else {}
        first_h = min(4, max((len(v) for v in first.values()), default=1)) * self.lead + 2 * self.st.pad
        page = d.page
        d.ensure(self.header_height() + first_h)
        self.fresh = d.page != page
        self.draw_header(rec)
        for ri, row in enumerate(rows):
            lines = self.row_lines(row)
            n = max(len(v) for v in lines.values())
            k = 0
            while k < n:
                rest = {key: v[k:] for key, v in lines.items()}
                h = max(lines_height(v, self.lead) for v in rest.values()) + 2 * self.st.pad
                room = d.y - d.bottom_limit()
                if h <= room:
                    self.draw_part(row, lines, k, n, rec, ri)
                    break
                fit = self.lines_that_fit(rest, room)
                if self.st.split_rows and row.kind == "body" and fit >= MIN_SPLIT_LINES and n - k - fit >= 1:
                    self.draw_part(row, lines, k, k + fit, rec, ri)
                    k += fit
                    self.new_page(rec)
                elif not self.fresh:
                    self.new_page(rec)
                else:  # even a fresh page cannot hold it: draw it and let it overflow the margin
                    self.draw_part(row, lines, k, n, rec, ri)
                    break
        return rec

    def lines_that_fit(self, rest: dict[str, list[Line]], room: float) -> int:
        """How many leading lines of every cell fit in ``room`` points."""
        n = max(len(v) for v in rest.values())
        for k in range(n, 0, -1):
            h = max(lines_height(v[:k], self.lead) for v in rest.values()) + 2 * self.st.pad
            if h <= room:
                return k
        return 0
