"""Tables drawn on the page in four rule styles, with a header split over two lines when grouped.

The toolkit's ``_table.draw_table`` draws one style (a full grid); the score tables of this family
come ruled, with horizontal rules only, with three rules (booktabs) or with none, and their rows
cross pages under a header that is repeated or not. Each header and row is recorded as a ``Block``
with its cells' printed lines, which the text form and the truth read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from .._text import Block, line_text, parse_rich, wrap
from .model import Grid

if TYPE_CHECKING:
    from .._layout import Doc

PAD = 2.6  # points between a cell's text and its rules
HEADER_SHADE = 0.85  # grey of a shaded header band
ZEBRA_SHADE = 0.93  # grey of every other row in a zebra table
MAX_TEXT_GROWTH = 1.25  # a text column is never drawn wider than this times its longest cell
SMALL_NUM_MAX = 80.0  # widest a small table's number column grows to fit its header
MIN_SIZE = 5.5  # the smallest print a table shrinks to before it gives up (real annexes go this small)


def text_w(text: str, size: float, bold: bool = False) -> float:
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)


def longest_word(text: str, size: float, bold: bool = False) -> float:
    return max((text_w(w, size, bold) for w in text.split()), default=0.0)


def plan_widths(grid: Grid, avail: float) -> list[float] | None:
    """Column widths: numbers as narrow as their widest value or header word, text columns
    sharing the rest between their longest word (minimum) and their longest cell (natural).
    None when even the minimum does not fit."""
    size, hsize = grid.size, grid.size - 0.3
    mins, nats = [], []
    for c in grid.columns:
        cells = [r.get(c.key, "") for r in grid.rows]
        head = longest_word(c.label, hsize, True)
        if c.numeric:
            w = max([text_w(t, size) for t in cells] + [head]) + 2 * PAD + 2
            mins.append(w)
            # a small table's number columns may take their header on fewer lines
            nats.append(
                w if grid.full_width else max(w, min(text_w(c.label, hsize, True) / 2, SMALL_NUM_MAX) + 2 * PAD)
            )
        else:
            mins.append(max([longest_word(t, size) for t in cells] + [head]) + 2 * PAD)
            nats.append(max([text_w(t, size) for t in cells] + [text_w(c.label, hsize, True) * 0.6]) + 2 * PAD)
    nats = [max(n, m) for n, m in zip(nats, mins)]
    if sum(mins) > avail:
        return None
    target = avail if grid.full_width else min(avail, sum(nats))
    if not grid.full_width and sum(nats) <= avail:
        return nats
    text = [i for i, c in enumerate(grid.columns) if not c.numeric]
    fixed = sum(mins[i] for i, c in enumerate(grid.columns) if c.numeric)
    extra = target - fixed
    t_min, t_nat = sum(mins[i] for i in text), sum(nats[i] for i in text)
    widths = list(mins)
    if not text:
        return [w * target / sum(mins) for w in mins]
    if extra >= t_nat:  # room to spare: text columns grow a little, number columns take the rest
        grow = min(extra / t_nat, MAX_TEXT_GROWTH)
        for i in text:
            widths[i] = nats[i] * grow
        nums = [i for i, c in enumerate(grid.columns) if c.numeric]
        left = extra - t_nat * grow
        for i in nums:
            widths[i] = mins[i] + left / len(nums)
        if not nums:
            widths = [w * target / sum(widths) for w in widths]
        return widths
    for i in text:
        if t_nat > t_min:
            widths[i] = mins[i] + (extra - t_min) * (nats[i] - mins[i]) / (t_nat - t_min)
    return widths


def cell_lines(text: str, width: float, size: float, style: str = "n") -> list:
    return wrap(parse_rich(text, style), size, width - 2 * PAD, break_long=False) if text else []


def groups_of(grid: Grid) -> list[tuple[str, int, int]]:
    """(label, first, last) column spans that share a group label."""
    spans: list[tuple[str, int, int]] = []
    for i, c in enumerate(grid.columns):
        if c.group and spans and spans[-1][0] == c.group and spans[-1][2] == i - 1:
            spans[-1] = (c.group, spans[-1][1], i)
        elif c.group:
            spans.append((c.group, i, i))
    return spans


class GridDrawer:
    """Draws one grid at the current position of ``d``; continues it on new pages."""

    def __init__(self, d: Doc, grid: Grid, widths: list[float]) -> None:
        self.d, self.g, self.widths = d, grid, widths
        self.size, self.hsize = grid.size, grid.size - 0.3
        self.lead, self.hlead = self.size * 1.2, self.hsize * 1.2
        total = sum(widths)
        x0 = d.left + (d.width - total) / 2 if not grid.full_width else d.left
        self.xs = [x0]
        for w in widths:
            self.xs.append(self.xs[-1] + w)
        self.spans = groups_of(grid)
        self.in_group = {i for _, a, b in self.spans for i in range(a, b + 1)}
        self.head = [cell_lines(c.label, w, self.hsize, "b") for c, w in zip(grid.columns, widths)]
        self.band = self.hlead + 2 * PAD if self.spans else 0.0
        sub = max([len(self.head[i]) for i in self.in_group] or [0]) * self.hlead + 2 * PAD
        full = max([len(h) for i, h in enumerate(self.head) if i not in self.in_group] or [0]) * self.hlead + 2 * PAD
        self.header_h = max(full, self.band + sub)

    # -- text ------------------------------------------------------------------------------------
    def put(self, lines, i, ytop, h, size, lead, align, valign, rec, tag) -> None:
        x0, x1 = self.xs[i], self.xs[i + 1]
        off = PAD if valign == "top" else (h - len(lines) * lead) / 2
        al = {"l": "left", "r": "right", "c": "center"}[align]
        for k, ln in enumerate(lines):
            base = ytop - off - lead * (k + 1) + (lead - size) / 2 + size * 0.18
            self.d.draw_line(x0 + PAD, base, ln, size, x1 - x0 - 2 * PAD, al)
            rec.items.append((x0, base, line_text(ln), tag))

    def hline(self, y: float, width: float = 0.5) -> None:
        self.d.c.setLineWidth(width)
        self.d.c.line(self.xs[0], y, self.xs[-1], y)

    def vlines(self, ytop: float, ybot: float) -> None:
        c = self.d.c
        c.setLineWidth(0.5)
        for x in self.xs:
            c.line(x, ytop, x, ybot)

    # -- header ----------------------------------------------------------------------------------
    def draw_header(self) -> None:
        d, g, c = self.d, self.g, self.d.c
        ytop, h = d.y, self.header_h
        blk = Block("table_header", d.page, meta={"grid": g.name})
        if g.header_fill:
            c.setFillGray(HEADER_SHADE)
            c.rect(self.xs[0], ytop - h, self.xs[-1] - self.xs[0], h, stroke=0, fill=1)
            c.setFillGray(0)
        for label, a, b in self.spans:
            x0, x1 = self.xs[a], self.xs[b + 1]
            lines = cell_lines(label, x1 - x0, self.hsize, "b")
            n = len(lines)
            for k, ln in enumerate(lines):
                base = ytop - (self.band - n * self.hlead) / 2 - self.hlead * (k + 1) + self.hlead * 0.25
                d.draw_line(x0 + PAD, base, ln, self.hsize, x1 - x0 - 2 * PAD, "center")
            if g.rules in ("ruled", "horizontal"):
                c.setLineWidth(0.5)
                c.line(x0, ytop - self.band, x1, ytop - self.band)
        for i, lines in enumerate(self.head):
            top = ytop - self.band if i in self.in_group else ytop
            self.put(lines, i, top, h - (ytop - top), self.hsize, self.hlead, "c", "middle", blk, g.columns[i].key)
        if g.rules == "ruled":
            c.setLineWidth(0.6)
            c.rect(self.xs[0], ytop - h, self.xs[-1] - self.xs[0], h, stroke=1, fill=0)
            for i, x in enumerate(self.xs[1:-1], start=1):
                inner = any(a < i <= b for _, a, b in self.spans)  # a line inside a group starts under its label
                c.line(x, ytop - (self.band if inner else 0), x, ytop - h)
        elif g.rules in ("horizontal", "booktabs"):
            self.hline(ytop, 1.0)
            self.hline(ytop - h, 0.6)
        blk.meta["cells"] = {c.key: [line_text(ln) for ln in lines] for c, lines in zip(g.columns, self.head)}
        blk.meta["groups"] = [(label, [g.columns[k].key for k in range(a, b + 1)]) for label, a, b in self.spans]
        d.y -= h
        d.blocks.append(blk)

    # -- rows --------------------------------------------------------------------------------------
    def draw_rows(self) -> list[Block]:
        d, g, c = self.d, self.g, self.d.c
        out = []
        cols = g.columns
        for ri, row in enumerate(g.rows):
            lines = [cell_lines(row.get(col.key, ""), w, self.size) for col, w in zip(cols, self.widths)]
            h = max(len(x) for x in lines) * self.lead + 2 * PAD
            if d.y - h < d.bottom_limit():
                if g.rules == "booktabs":
                    self.hline(d.y, 1.0)
                d.new_page()
                if g.repeat_header:
                    self.draw_header()
            ytop = d.y
            if g.zebra and ri % 2 == 1:
                c.setFillGray(ZEBRA_SHADE)
                c.rect(self.xs[0], ytop - h, self.xs[-1] - self.xs[0], h, stroke=0, fill=1)
                c.setFillGray(0)
            blk = Block("table_row", d.page, meta={"grid": g.name, "row": ri})
            for i, col in enumerate(cols):
                align = g.num_align if col.numeric else "l"
                valign = g.num_valign if col.numeric else "top"
                self.put(lines[i], i, ytop, h, self.size, self.lead, align, valign, blk, col.key)
            if g.rules == "ruled":
                self.vlines(ytop, ytop - h)
                self.hline(ytop - h)
            elif g.rules == "horizontal":
                self.hline(ytop - h, 0.4)
            blk.meta["cells"] = {col.key: [line_text(ln) for ln in x] for col, x in zip(cols, lines)}
            d.y -= h
            d.blocks.append(blk)
            out.append(blk)
        if g.rules == "booktabs":
            self.hline(d.y, 1.0)
        return out

    def first_row_h(self) -> float:
        if not self.g.rows:
            return 0.0
        row = self.g.rows[0]
        lines = [cell_lines(row.get(col.key, ""), w, self.size) for col, w in zip(self.g.columns, self.widths)]
        return max(len(x) for x in lines) * self.lead + 2 * PAD
