"""Ruled tables for the sample documents.

Kept apart from ``_layout`` only for size; it draws through the same ``Doc`` and records each
header and row as a ``Block`` whose ``items`` carry the cell key, which the OCR exports use to
read a table by cell, by visual line or as Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from ._text import Block, line_text, parse_rich, word_w, wrap

if TYPE_CHECKING:
    from ._layout import Doc


def draw_table(
    d: Doc,
    cols,
    header,
    rows,
    size=7.5,
    leading=None,
    pad=3.0,
    groups=(),
    hsize=None,
    header_fill=0.86,
    kind="table_row",
    row_meta=None,
):
    """Ruled table made of positioned strings, so every cell is text an extractor can read
    and a scan shows the rulings OCR has to cope with. Rows never split across pages; the
    header is repeated after each page break, as in the real reports.

    cols: [{'key', 'w', 'align' ('l'|'r'|'c'), 'valign' ('top'|'middle')}]
    header: {key: label}; groups: [(label, first_key, last_key)] spanning header cells.
    rows: [{key: text}] ('\\n' forces a line break inside a cell).
    """
    leading = leading or size * 1.2
    hsize = hsize or size
    hlead = hsize * 1.2
    xs = [d.left]
    for col in cols:
        xs.append(xs[-1] + col["w"])
    keys = [c["key"] for c in cols]
    idx = {k: i for i, k in enumerate(keys)}
    in_group = {}
    for gi, (_, k0, k1) in enumerate(groups):
        for k in keys[idx[k0] : idx[k1] + 1]:
            in_group[k] = gi

    def cell_lines(text, w, sz, st="n"):
        out = []
        for part in text.split("\n"):
            out.extend(wrap(parse_rich(part, st), sz, w - 2 * pad, break_long=False))
        return out

    hl = {k: cell_lines(header[k], cols[idx[k]]["w"], hsize, "b") for k in keys}
    band = hlead + 2 * pad if groups else 0.0
    sub_h = max([len(hl[k]) for k in keys if k in in_group] or [0]) * hlead + 2 * pad
    full_h = max([len(hl[k]) for k in keys if k not in in_group] or [0]) * hlead + 2 * pad
    header_h = max(full_h, band + sub_h)
    sub_h = header_h - band
    c = d.c

    def draw_cell_text(lines, x0, x1, ytop, h, sz, lead, align, valign, rec, tag):
        n = len(lines)
        off = pad if valign == "top" else (h - n * lead) / 2
        for i, ln in enumerate(lines):
            base = ytop - off - lead * (i + 1) + (lead - sz) / 2 + sz * 0.18
            al = {"l": "left", "r": "right", "c": "center"}[align]
            d.draw_line(x0 + pad, base, ln, sz, x1 - x0 - 2 * pad, al)
            txt = line_text(ln)
            sw = sum(word_w(w, sz) for w in ln) + stringWidth(" ", "Helvetica", sz) * max(0, len(ln) - 1)
            xx = {"left": x0 + pad, "right": x1 - pad - sw, "center": (x0 + x1) / 2 - sw / 2}[al]
            rec.items.append((xx, base, txt, tag))

    def draw_header():
        ytop = d.y
        blk = Block("table_header", d.page)
        c.setFillGray(header_fill)
        c.rect(xs[0], ytop - header_h, xs[-1] - xs[0], header_h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setLineWidth(0.6)
        c.rect(xs[0], ytop - header_h, xs[-1] - xs[0], header_h, stroke=1, fill=0)
        for glabel, k0, k1 in groups:
            x0, x1 = xs[idx[k0]], xs[idx[k1] + 1]
            draw_cell_text(
                cell_lines(glabel, x1 - x0, hsize, "b"),
                x0,
                x1,
                ytop,
                band,
                hsize,
                hlead,
                "c",
                "middle",
                blk,
                ("group", glabel),
            )
            c.line(x0, ytop - band, x1, ytop - band)
        for i, k in enumerate(keys):
            x0, x1 = xs[i], xs[i + 1]
            if k in in_group:
                draw_cell_text(hl[k], x0, x1, ytop - band, sub_h, hsize, hlead, "c", "middle", blk, k)
                first = keys[idx[groups[in_group[k]][1]]] == k
                c.line(x0, ytop - (0 if first else band), x0, ytop - header_h)
            else:
                draw_cell_text(hl[k], x0, x1, ytop, header_h, hsize, hlead, "c", "middle", blk, k)
                c.line(x0, ytop, x0, ytop - header_h)
        d.y -= header_h
        blk.lines = [t for _, _, t, _ in blk.items]
        d.blocks.append(blk)
        for t in list(header.values()) + [g[0] for g in groups]:
            d.sources.append(t)

    d.ensure(header_h + 30)
    draw_header()
    out = []
    for ri, row in enumerate(rows):
        cl = {k: cell_lines(row.get(k, ""), cols[idx[k]]["w"], size) for k in keys}
        h = max(len(v) for v in cl.values()) * leading + 2 * pad
        if d.y - h < d.bottom_limit():
            d.new_page()
            draw_header()
        ytop = d.y
        meta = {"row": ri}
        meta.update((row_meta or [{}] * len(rows))[ri])
        blk = Block(kind, d.page, meta=meta)
        for i, k in enumerate(keys):
            col = cols[i]
            draw_cell_text(
                cl[k], xs[i], xs[i + 1], ytop, h, size, leading, col.get("align", "l"), col.get("valign", "top"), blk, k
            )
            d.sources.append(row.get(k, ""))
        c.setLineWidth(0.5)
        for x in xs:
            c.line(x, ytop, x, ytop - h)
        c.line(xs[0], ytop - h, xs[-1], ytop - h)
        blk.meta["cells"] = {k: [line_text(ln) for ln in cl[k]] for k in keys}
        d.y -= h
        d.blocks.append(blk)
        out.append(blk)
    return out
