"""A small page-layout engine on a reportlab canvas, shared by the four sample families.

reportlab's platypus would lay the pages out for us, but the OCR'd text exports and the
goldens need to know exactly which line landed on which page and where each table cell
went. So ``Doc`` draws every string itself and records it as a ``Block``; the exports and
the truth (row ``page``) are then built from that record, never re-derived.

The canvas runs with ``invariant=1`` so the same input gives byte-identical PDFs.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from ._table import draw_table
from ._text import FONTS, SUP_SCALE, Block, line_text, parse_rich, word_w, wrap


class Doc:
    """One document being drawn. Running headers and footers come from the family's
    ``on_page_start``/``on_page_end`` hooks; footnote space is reserved at the page foot as
    references appear, so a paragraph moves to the next page rather than overlap its notes."""

    def __init__(
        self,
        target,
        pagesize,
        margins,
        title: str,
        footnotes: dict | None = None,
        on_page_start=None,
        on_page_end=None,
        footer_h: float = 20,
        total_pages=None,
        fn_size: float = 7.5,
    ):
        self.c = canvas.Canvas(target, pagesize=pagesize, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("")
        self.c.setSubject("")
        self.c.setCreator("")
        self.W, self.H = pagesize
        self.left, self.right, self.top, self.bottom = margins
        self.width = self.W - self.left - self.right
        self.fn_defs = footnotes or {}
        self.fn_size = fn_size
        self.on_page_start = on_page_start
        self.on_page_end = on_page_end
        self.footer_h = footer_h
        self.total_pages = total_pages
        self.blocks: list[Block] = []
        self.sources: list[str] = []
        self.page = 0
        self.page_fns: list[str] = []
        self._begin_page()

    # -- pages ---------------------------------------------------------------------------
    def _begin_page(self):
        self.page += 1
        self.y = self.H - self.top
        self.page_fns = []
        if self.on_page_start:
            self.on_page_start(self)

    def _end_page(self):
        self._draw_footnotes()
        if self.on_page_end:
            self.on_page_end(self)
        self.c.showPage()

    def new_page(self):
        self._end_page()
        self._begin_page()

    def finish(self) -> int:
        self._end_page()
        self.c.save()
        return self.page

    # -- footnotes -----------------------------------------------------------------------
    def _fn_lines(self, num: str):
        return wrap(parse_rich(self.fn_defs[num]), self.fn_size, self.width - 12)

    def fn_area(self, nums) -> float:
        if not nums:
            return 0.0
        lead = self.fn_size * 1.22
        return 12 + sum(len(self._fn_lines(n)) * lead + 1.5 for n in nums)

    def bottom_limit(self, extra_fns=()) -> float:
        nums = self.page_fns + [n for n in extra_fns if n not in self.page_fns]
        return self.bottom + self.footer_h + self.fn_area(nums)

    def _draw_footnotes(self):
        if not self.page_fns:
            return
        lead = self.fn_size * 1.22
        top = self.bottom + self.footer_h + self.fn_area(self.page_fns)
        c = self.c
        c.setLineWidth(0.5)
        c.line(self.left, top - 3, self.left + 150, top - 3)
        y = top - 10
        for num in self.page_fns:
            lines = self._fn_lines(num)
            blk = Block("footnote", self.page, meta={"num": num}, label=num)
            self.sources.append(self.fn_defs[num])
            for i, ln in enumerate(lines):
                base = y - self.fn_size * 0.85
                if i == 0:
                    c.setFont("Helvetica", self.fn_size * 0.8)
                    c.drawString(self.left, base + 2, num)
                self.draw_line(self.left + 12, base, ln, self.fn_size, self.width - 12, "left")
                blk.lines.append(line_text(ln))
                blk.words.append(ln)
                y -= lead
            y -= 1.5
            self.blocks.append(blk)

    # -- primitives ------------------------------------------------------------------------
    def draw_line(self, x, baseline, line, size, width, align="left", justify=False):
        """One text object per line, with real space characters between words (so every
        text extractor sees word boundaries); justification uses PDF word spacing (Tw)."""
        sp = stringWidth(" ", "Helvetica", size)
        natural = sum(word_w(w, size) for w in line) + sp * max(0, len(line) - 1)
        if align == "center":
            x += (width - natural) / 2
        elif align == "right":
            x += width - natural
        segs: list[list] = []  # [text, style] runs; the space joins the left run
        for wi, w in enumerate(line):
            for t, st in w:
                if segs and segs[-1][1] == st:
                    segs[-1][0] += t
                else:
                    segs.append([t, st])
            if wi < len(line) - 1:
                if segs[-1][1] == "sup":
                    segs.append([" ", "n"])
                else:
                    segs[-1][0] += " "
        t = self.c.beginText(x, baseline)
        # always set: PDF keeps the word spacing (Tw) across text objects, so a justified
        # line would otherwise stretch every later line on the page, table cells included
        t.setWordSpace((width - natural) / (len(line) - 1) if justify and len(line) > 1 else 0)
        for text, st in segs:
            if st == "sup":
                t.setFont(FONTS[st], size * SUP_SCALE)
                t.setRise(size * 0.38)
                t.textOut(text)
                t.setRise(0)
            else:
                t.setFont(FONTS[st], size)
                t.textOut(text)
        self.c.drawText(t)

    def text_at(self, x, baseline, text, size=9, style="n", align="left", record=None):
        """Single unwrapped string; align relative to x ('right' = x is the right edge)."""
        c = self.c
        c.setFont(FONTS[style], size)
        if align == "left":
            c.drawString(x, baseline, text)
        elif align == "right":
            c.drawRightString(x, baseline, text)
        else:
            c.drawCentredString(x, baseline, text)
        self.sources.append(text)
        if record is not None:
            record.lines.append(text)
            record.items.append((x, baseline, text, None))

    def space(self, h):
        if self.y - h < self.bottom_limit():
            self.new_page()
        else:
            self.y -= h

    def ensure(self, h):
        if self.y - h < self.bottom_limit():
            self.new_page()

    def para(
        self,
        text,
        size=10,
        leading=None,
        indent=0.0,
        label=None,
        label_w=0.0,
        label_style="n",
        align="justify",
        before=0.0,
        after=4.0,
        base="n",
        kind="para",
        meta=None,
        keep=1,
    ):
        leading = leading or size * 1.28
        width = self.width - indent - label_w
        lines = wrap(parse_rich(text, base), size, width)
        self.sources.append(text)
        if before:
            self.space(before)
        if keep > 1:  # keep this paragraph's first line with the next (keep-1) lines
            self.ensure(leading * keep)
        blocks: list[Block] = []
        cur = None
        for i, ln in enumerate(lines):
            refs = [t for w in ln for t, st in w if st == "sup"]
            if self.y - leading < self.bottom_limit(refs):
                self.new_page()
                cur = None
            if cur is None:
                cur = Block(kind, self.page, meta=dict(meta or {}), label=label, cont=bool(blocks))
                self.blocks.append(cur)
                blocks.append(cur)
            self.y -= leading
            baseline = self.y + (leading - size) / 2 + size * 0.18
            x = self.left + indent + label_w
            if i == 0 and label:
                self.c.setFont(FONTS[label_style], size)
                self.c.drawString(self.left + indent, baseline, label)
            last = i == len(lines) - 1
            self.draw_line(
                x,
                baseline,
                ln,
                size,
                width,
                "left" if align == "justify" else align,
                justify=(align == "justify" and not last),
            )
            cur.lines.append(line_text(ln))
            cur.words.append(ln)
            cur.items.append((x, baseline, line_text(ln), None))
            for r in refs:
                if r not in self.page_fns:
                    self.page_fns.append(r)
        self.y -= after
        return blocks

    def columns(self, cols, size=8.5, leading=None, kind="sig", gap_before=0.0, meta=None, styles=None):
        """Side-by-side centred text columns (signature blocks). cols: list of line lists."""
        leading = leading or size * 1.25
        n = len(cols)
        colw = self.width / n
        h = max(len(c) for c in cols) * leading + gap_before
        self.ensure(h)
        self.y -= gap_before
        blk = Block(kind, self.page, meta=dict(meta or {}))
        for ci, lines in enumerate(cols):
            cx = self.left + colw * ci + colw / 2
            for li, text in enumerate(lines):
                st = (styles or {}).get(li, "n")
                base = self.y - leading * (li + 1) + (leading - size) / 2 + size * 0.18
                self.c.setFont(FONTS[st], size)
                self.c.drawCentredString(cx, base, text)
                self.sources.append(text)
                if text:
                    blk.items.append((cx - stringWidth(text, FONTS[st], size) / 2, base, text, ci))
        self.y -= max(len(c) for c in cols) * leading
        self.blocks.append(blk)
        return blk

    def table(self, cols, header, rows, **kw):
        """See ``_table.draw_table``; a method so family code reads ``d.table(...)``."""
        return draw_table(self, cols, header, rows, **kw)

    def figure(self, h, caption, seed=0, size=8.0):
        """A photo placeholder and its italic caption: the informe seed has photos whose
        captions must not be read as findings."""
        self.ensure(h + size * 3)
        c = self.c
        w = self.width * 0.55
        x0 = self.left + (self.width - w) / 2
        y0 = self.y - h
        rng = np.random.RandomState(seed)
        c.setFillGray(0.72)
        c.rect(x0, y0, w, h, stroke=0, fill=1)
        for _ in range(7):
            g = float(rng.uniform(0.25, 0.6))
            c.setFillGray(g)
            rw, rh = float(rng.uniform(w * 0.08, w * 0.25)), float(rng.uniform(h * 0.2, h * 0.7))
            c.rect(x0 + float(rng.uniform(0, w - rw)), y0 + float(rng.uniform(0, h * 0.3)), rw, rh, stroke=0, fill=1)
        c.setFillGray(0)
        self.y = y0 - 2
        self.blocks.append(Block("figure", self.page))
        return self.para(caption, size=size, base="i", align="center", kind="caption", after=6)


def layout(builder, path: Path):
    """Two passes because the footer prints 'Página X de N' and N is known only after a first
    layout into memory; the second pass writes the file and must paginate the same way."""
    probe = builder(io.BytesIO(), None)
    total = probe.finish()
    doc = builder(str(path), total)
    n = doc.finish()
    assert n == total, (n, total)
    return doc
