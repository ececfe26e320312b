"""Tables on a reportlab page in the ways MIR reports print them: a full grid, horizontal rules
only, or no rules at all under a shaded header; one- or two-level headers; the header repeated
after a page break or not.

The toolkit's ``_table.draw_table`` always draws a full grid, so this draws through the same
``Doc`` (pages, running header and footer) but owns its rules. Every header and row drawn is
recorded with its page (``record.Recorder``), which is where the truth's pages and the text
form come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from .._text import FONTS, parse_rich, wrap
from .record import Recorder

RULES = ("rejilla", "horizontales", "sin_reglas")
PAD = 2.5  # points between a cell's text and its rules
SLACK = 0.5  # points added to a minimum width so float noise never makes a word not fit


@dataclass
class Col:
    key: str
    head: str  # the column's own label (under its group label, when it has one)
    w: float = 0.0
    align: str = "l"  # l, r, c
    group: str | None = None


@dataclass
class Grid:
    cols: list[Col]
    rows: list[dict[str, str]]  # key -> cell text ("\n" forces a line break)
    tags: list = field(default_factory=list)  # per row: what the truth calls it (row index) or None
    size: float = 7.0
    rules: str = "rejilla"
    header_fill: float | None = 0.85  # grey of the header band, None for none
    repeat_header: bool = True
    bold_rows: frozenset = frozenset()  # subtotal rows
    row_fill: dict = field(default_factory=dict)  # row -> grey
    show_header: bool = True  # a label/value box has none

    @property
    def grouped(self) -> bool:
        return any(c.group for c in self.cols)


def text_width(text: str, size: float, style: str = "n") -> float:
    return stringWidth(text, FONTS[style], size)


def min_width(texts, size: float, style: str = "n") -> float:
    """The narrowest a column can be without breaking a word: its longest word plus padding."""
    words = [w for t in texts for w in t.replace("\n", " ").split()]
    return max((text_width(w, size, style) for w in words), default=0.0) + 2 * PAD + SLACK


def natural_width(col: Col, cells: list[str], size: float, wraps: bool) -> float:
    """A wrapping column's longest word, or a one-line column's widest cell; never narrower
    than the longest word of its label."""
    head_min = min_width([col.head], size * 0.95, "b")
    if wraps:
        return max(min_width(cells, size), min_width(cells, size, "b"), head_min)
    widest = max((text_width(ln, size, "b") for c in cells for ln in c.split("\n")), default=0.0)
    return max(widest + 2 * PAD + SLACK, head_min)


def fit_widths(
    cols: list[Col], rows: list[dict[str, str]], size: float, total: float, weights: dict, floors: dict | None = None
) -> list[Col] | None:
    """Widths for ``cols`` across ``total`` points: one-line columns as wide as their widest
    cell, wrapping columns (``weights``) sharing the rest by weight, none below its floor
    (points at 7 pt type) or its longest word; ``None`` when they do not fit."""
    mins = {c.key: natural_width(c, [r.get(c.key, "") for r in rows], size, c.key in weights) for c in cols}
    for label in {c.group for c in cols if c.group}:
        members = [c.key for c in cols if c.group == label]
        short = min_width([label], size * 0.95, "b") - sum(mins[k] for k in members)
        for k in members:  # a group label wider than its columns widens them evenly
            mins[k] += max(0.0, short) / len(members)
    flex = [c for c in cols if c.key in weights]
    rest = total - sum(mins[c.key] for c in cols if c.key not in weights)
    lows = {c.key: max(mins[c.key], (floors or {}).get(c.key, 0.0) * size / 7) for c in flex}
    if rest < sum(lows.values()):
        return None
    spare = rest - sum(lows.values())
    weight = sum(weights[c.key] for c in flex) or 1.0
    return [
        Col(
            c.key,
            c.head,
            lows[c.key] + spare * weights[c.key] / weight if c.key in lows else mins[c.key],
            c.align,
            c.group,
        )
        for c in cols
    ]


def cell_lines(text: str, w: float, size: float, style: str = "n") -> list[str]:
    out: list[str] = []
    for part in text.split("\n"):
        for ln in wrap(parse_rich(part, style), size, w - 2 * PAD, break_long=False):
            out.append(" ".join("".join(t for t, _ in word) for word in ln))
    return [ln for ln in out if ln] or []


def header_rows(g: Grid) -> list[tuple[str, ...]]:
    """The header as text rows: group labels over their first column, then the sub-labels."""
    if not g.grouped:
        return [tuple(c.head for c in g.cols)]
    top, sub, seen = [], [], set()
    for c in g.cols:
        if c.group:
            top.append(c.group if c.group not in seen else "")
            seen.add(c.group)
            sub.append(c.head)
        else:
            top.append(c.head)
            sub.append("")
    return [tuple(top), tuple(sub)]


def draw_lines(d, lines, x0, x1, ytop, h, size, lead, align, valign, style="n"):
    font = FONTS[style]
    off = PAD if valign == "top" else (h - len(lines) * lead) / 2
    d.c.setFont(font, size)
    for i, ln in enumerate(lines):
        base = ytop - off - lead * (i + 1) + (lead - size) / 2 + size * 0.18
        if align == "r":
            d.c.drawRightString(x1 - PAD, base, ln)
        elif align == "c":
            d.c.drawCentredString((x0 + x1) / 2, base, ln)
        else:
            d.c.drawString(x0 + PAD, base, ln)


def col_edges(g: Grid, left: float) -> list[float]:
    xs = [left]
    for col in g.cols:
        xs.append(xs[-1] + col.w)
    return xs


def header_layout(g: Grid, xs: list[float]):
    """(groups, sub-label lines, group-label lines, band height, header height)."""
    hs = g.size * 0.95
    lead = hs * 1.2
    groups: dict[str, list[int]] = {}
    for i, col in enumerate(g.cols):
        if col.group:
            groups.setdefault(col.group, []).append(i)
    sub = {i: cell_lines(col.head, col.w, hs, "b") for i, col in enumerate(g.cols)}
    glines = {label: cell_lines(label, xs[idx[-1] + 1] - xs[idx[0]], hs, "b") for label, idx in groups.items()}
    band = max((len(v) for v in glines.values()), default=0) * lead + 2 * PAD if groups else 0.0
    sub_h = max([len(sub[i]) for i, col in enumerate(g.cols) if col.group] or [0]) * lead + 2 * PAD
    full_h = max([len(sub[i]) for i, col in enumerate(g.cols) if not col.group] or [0]) * lead + 2 * PAD
    return groups, sub, glines, band, max(full_h, band + sub_h)


def start_height(g: Grid) -> float:
    """Room the table needs to start on a page: its header and its first row."""
    xs = col_edges(g, 0.0)
    head = header_layout(g, xs)[-1] if g.show_header else 0.0
    if not g.rows:
        return head
    first = {col.key: cell_lines(g.rows[0].get(col.key, ""), col.w, g.size, "b") for col in g.cols}
    return head + row_height(g, first)


def draw_header(d, g: Grid, xs: list[float], rec: Recorder, table: int) -> None:
    hs, c = g.size * 0.95, d.c
    lead = hs * 1.2
    groups, sub, glines, band, h = header_layout(g, xs)
    top = d.y
    if g.header_fill is not None:
        c.setFillGray(g.header_fill)
        c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=0, fill=1)
        c.setFillGray(0)
    c.setLineWidth(0.6)
    for label, idx in groups.items():
        x0, x1 = xs[idx[0]], xs[idx[-1] + 1]
        draw_lines(d, glines[label], x0, x1, top, band, hs, lead, "c", "middle", "b")
        if g.rules != "sin_reglas":
            c.line(x0 + 2, top - band, x1 - 2, top - band)
    for i, col in enumerate(g.cols):
        ytop, hh = (top - band, h - band) if col.group else (top, h)
        draw_lines(d, sub[i], xs[i], xs[i + 1], ytop, hh, hs, lead, "c", "middle", "b")
    if g.rules == "rejilla":
        c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=1, fill=0)
        for i, col in enumerate(g.cols[1:], 1):
            in_group = col.group and g.cols[i - 1].group == col.group
            c.line(xs[i], top - (band if in_group else 0), xs[i], top - h)
    elif g.rules == "horizontales":
        c.line(xs[0], top, xs[-1], top)
        c.line(xs[0], top - h, xs[-1], top - h)
    d.y -= h
    rec.header(d.page, table, header_rows(g))


def row_height(g: Grid, lines: dict[str, list[str]]) -> float:
    return max([len(v) for v in lines.values()] + [1]) * g.size * 1.2 + 2 * PAD


def draw_grid(d, g: Grid, rec: Recorder) -> None:
    """Draw the table from ``d.y`` down, breaking pages between rows (a row is never split)."""
    xs = col_edges(g, d.left)
    table = rec.new_table(g.repeat_header)
    all_lines = [
        {col.key: cell_lines(row.get(col.key, ""), col.w, g.size, "b" if r in g.bold_rows else "n") for col in g.cols}
        for r, row in enumerate(g.rows)
    ]
    d.ensure(start_height(g))
    if g.show_header:
        draw_header(d, g, xs, rec, table)
    lead, c = g.size * 1.2, d.c
    for r, lines in enumerate(all_lines):
        h = row_height(g, lines)
        if d.y - h < d.bottom_limit():
            d.new_page()
            if g.repeat_header and g.show_header:
                draw_header(d, g, xs, rec, table)
        top = d.y
        if r in g.row_fill:
            c.setFillGray(g.row_fill[r])
            c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=0, fill=1)
            c.setFillGray(0)
        style = "b" if r in g.bold_rows else "n"
        for i, col in enumerate(g.cols):
            valign = "top" if col.align == "l" else "middle"
            draw_lines(d, lines[col.key], xs[i], xs[i + 1], top, h, g.size, lead, col.align, valign, style)
        c.setLineWidth(0.4)
        if g.rules == "rejilla":
            for x in xs:
                c.line(x, top, x, top - h)
            c.line(xs[0], top, xs[-1], top)  # drawn over the previous row's bottom rule: harmless
            c.line(xs[0], top - h, xs[-1], top - h)
        elif g.rules == "horizontales":
            c.line(xs[0], top - h, xs[-1], top - h)
        d.y -= h
        tag = g.tags[r] if r < len(g.tags) else None
        rec.row(d.page, table, ["\n".join(lines[col.key]) for col in g.cols], tag)


def fit_or_shrink(cols, rows, size: float, total: float, weights: dict, smallest: float = 5.0):
    """``fit_widths`` at ``size``, else at smaller type half a point at a time: (cols, size)."""
    while size >= smallest:
        fitted = fit_widths(cols, rows, size, total, weights)
        if fitted:
            return fitted, size
        size -= 0.5
    raise ValueError(f"the columns do not fit {total:.0f} pt even at {smallest} pt type")
