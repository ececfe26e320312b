#!/usr/bin/env python3
"""Regenerate papeleo's synthetic sample documents and their golden truth files.

    .venv/bin/python samples/make_samples.py

For each of the four document families (mir_avance, convenio_asm, dictamen_puntajes,
informe_supervision) this writes three forms of the same fictional document:

* samples/<family>_texto.pdf      PDF with a text layer, drawn with reportlab's canvas
                                  (every table cell is positioned text inside a ruled grid)
* samples/<family>_escaneado.pdf  image-only PDF: the pages above rendered with pypdfium2
                                  at 200 dpi and degraded to look scanned (no text layer)
* samples/<family>_ocr.txt        the same content as an already-OCR'd text export, with
                                  seed-like OCR damage, a running header on every page and
                                  a form feed between pages (none after the last page)

and tests/goldens/samples/<file>.json with the AUTHORED truth: the values come from the
Python data below (the same structures the drawing code reads), never from an extractor.

Everything is deterministic: fixed random seeds, reportlab ``invariant=1``, fixed PDF dates.
All people, bodies, places, domains and figures are fictional.
"""

from __future__ import annotations

import io
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDENS = ROOT / "tests" / "goldens" / "samples"

SCAN_DPI = 200
FIXED_PDF_TIME = time.strptime("2024-07-15 09:30:00", "%Y-%m-%d %H:%M:%S")

MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"]
# Numbers in words, only the ones used by the dictamen ("12 doce de febrero de 2024 dos mil ...").
DIA_PALABRAS = {12: "doce", 18: "dieciocho", 29: "veintinueve"}
ANIO_PALABRAS = {2022: "dos mil veintidós", 2024: "dos mil veinticuatro"}


# --------------------------------------------------------------------------------------------
# Mentions registry: every date / URL printed in a document is produced through it, so the
# golden "mentions" list is the authored truth by construction (and cross-checked at the end).
# --------------------------------------------------------------------------------------------
class Mentions:
    def __init__(self) -> None:
        self.url: list[str] = []
        self.fecha: list[str] = []
        self.fecha_mes: list[str] = []

    @staticmethod
    def _add(lst: list[str], v: str) -> None:
        if v not in lst:
            lst.append(v)

    def f(self, d: date, palabras: bool = False) -> str:
        """A full date with a year, e.g. '15 de marzo de 2024'."""
        self._add(self.fecha, d.isoformat())
        if palabras:
            return (f"{d.day} {DIA_PALABRAS[d.day]} de {MESES[d.month - 1]} de "
                    f"{d.year} {ANIO_PALABRAS[d.year]}")
        return f"{d.day} de {MESES[d.month - 1]} de {d.year}"

    def mes(self, y: int, m: int, cap: bool = False, de: bool = False) -> str:
        """A month-only date, e.g. 'Agosto 2024' (recorded as '2024-08')."""
        self._add(self.fecha_mes, f"{y}-{m:02d}")
        name = MESES[m - 1].capitalize() if cap else MESES[m - 1]
        return f"{name} {'de ' if de else ''}{y}"

    def u(self, url: str) -> str:
        self._add(self.url, url)
        return url

    def as_json(self) -> dict:
        return {"url": sorted(self.url), "fecha": sorted(self.fecha),
                "fecha_mes": sorted(self.fecha_mes)}


def last_day(y: int, m: int) -> date:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


# --------------------------------------------------------------------------------------------
# Rich text: '**bold**' and '^1^' (footnote reference, drawn as a superscript).
# A "word" is a list of (text, style) pieces; a line is a list of words.
# --------------------------------------------------------------------------------------------
FONTS = {"n": "Helvetica", "b": "Helvetica-Bold", "i": "Helvetica-Oblique",
         "bi": "Helvetica-BoldOblique", "sup": "Helvetica"}
SUP_SCALE = 0.62
BREAK_AFTER = "/-_.?&="


def parse_rich(s: str, base: str = "n") -> list[list[tuple[str, str]]]:
    pieces: list[tuple[str, str]] = []
    for part in re.split(r"(\*\*.+?\*\*|\^\d+\^)", s):
        if not part:
            continue
        if part.startswith("**"):
            pieces.append((part[2:-2], "b"))
        elif part.startswith("^"):
            pieces.append((part[1:-1], "sup"))
        else:
            pieces.append((part, base))
    words: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for text, st in pieces:
        for tok in re.split(r"( +)", text):
            if not tok:
                continue
            if tok.isspace():
                if cur:
                    words.append(cur)
                    cur = []
            else:
                cur.append((tok, st))
    if cur:
        words.append(cur)
    return words


def piece_w(text: str, st: str, size: float) -> float:
    return stringWidth(text, FONTS[st], size * (SUP_SCALE if st == "sup" else 1.0))


def word_w(word, size: float) -> float:
    return sum(piece_w(t, st, size) for t, st in word)


def _fit(text: str, st: str, size: float, avail: float) -> int:
    if piece_w(text, st, size) <= avail:
        return len(text)
    n = 0
    while n < len(text) and piece_w(text[: n + 1], st, size) <= avail:
        n += 1
    if n == 0:
        return 0
    for i in range(n, max(1, n // 2), -1):
        if text[i - 1] in BREAK_AFTER:
            return i
    return n


def wrap(words, size: float, width: float, break_long: bool = True):
    """Greedy wrap; words longer than a line (URLs) are broken after / - _ . characters.
    With break_long=False a word that does not fit is an error (table cells must be sized)."""
    sp = stringWidth(" ", "Helvetica", size)
    lines: list[list] = [[]]
    wcur = 0.0
    for w in words:
        ww = word_w(w, size)
        need = ww + (sp if lines[-1] else 0)
        if wcur + need <= width + 0.01:
            lines[-1].append(w)
            wcur += need
            continue
        if ww <= width:
            lines.append([w])
            wcur = ww
            continue
        if not break_long and "/" not in w[0][0]:
            raise ValueError(f"word {line_text([w])!r} does not fit in {width:.1f}pt")
        assert len(w) == 1, f"cannot break mixed-style word {w}"
        text, st = w[0]
        while text:
            space = sp if lines[-1] else 0
            avail = width - wcur - space
            k = _fit(text, st, size, avail)
            if k == 0 or (lines[-1] and k < len(text) and avail < width * 0.35):
                lines.append([])
                wcur = 0.0
                continue
            chunk, text = text[:k], text[k:]
            lines[-1].append([(chunk, st)])
            wcur += space + piece_w(chunk, st, size)
            if text:
                lines.append([])
                wcur = 0.0
    return [ln for ln in lines if ln] or [[]]


def line_text(line, sup_sep: str = "") -> str:
    out = []
    for w in line:
        s = ""
        for t, st in w:
            s += (sup_sep + t) if st == "sup" else t
        out.append(s)
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Layout engine on top of a reportlab canvas; it records what it drew, page by page, so the
# OCR'd text exports are built from exactly the same lines and pagination.
# --------------------------------------------------------------------------------------------
@dataclass
class Block:
    kind: str
    page: int
    lines: list[str] = field(default_factory=list)
    words: list = field(default_factory=list)
    items: list = field(default_factory=list)   # (x, y, text, tag) positioned strings
    meta: dict = field(default_factory=dict)
    label: str | None = None
    cont: bool = False


class Doc:
    def __init__(self, target, pagesize, margins, title: str, footnotes: dict | None = None,
                 on_page_start=None, on_page_end=None, footer_h: float = 20, total_pages=None,
                 fn_size: float = 7.5):
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
        segs: list[list] = []            # [text, style] runs; the space joins the left run
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
        if justify and len(line) > 1:
            t.setWordSpace((width - natural) / (len(line) - 1))
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

    def para(self, text, size=10, leading=None, indent=0.0, label=None, label_w=0.0,
             label_style="n", align="justify", before=0.0, after=4.0, base="n", kind="para",
             meta=None, keep=1):
        leading = leading or size * 1.28
        width = self.width - indent - label_w
        lines = wrap(parse_rich(text, base), size, width)
        self.sources.append(text)
        if before:
            self.space(before)
        if keep > 1:        # keep this paragraph's first line with the next (keep-1) lines
            self.ensure(leading * keep)
        blocks: list[Block] = []
        cur = None
        for i, ln in enumerate(lines):
            refs = [t for w in ln for t, st in w if st == "sup"]
            if self.y - leading < self.bottom_limit(refs):
                self.new_page()
                cur = None
            if cur is None:
                cur = Block(kind, self.page, meta=dict(meta or {}), label=label,
                            cont=bool(blocks))
                self.blocks.append(cur)
                blocks.append(cur)
            self.y -= leading
            baseline = self.y + (leading - size) / 2 + size * 0.18
            x = self.left + indent + label_w
            if i == 0 and label:
                self.c.setFont(FONTS[label_style], size)
                self.c.drawString(self.left + indent, baseline, label)
            last = i == len(lines) - 1
            self.draw_line(x, baseline, ln, size, width,
                           "left" if align == "justify" else align,
                           justify=(align == "justify" and not last))
            cur.lines.append(line_text(ln))
            cur.words.append(ln)
            cur.items.append((x, baseline, line_text(ln), None))
            for r in refs:
                if r not in self.page_fns:
                    self.page_fns.append(r)
        self.y -= after
        return blocks

    def columns(self, cols, size=8.5, leading=None, kind="sig", gap_before=0.0, meta=None,
                styles=None):
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

    def table(self, cols, header, rows, size=7.5, leading=None, pad=3.0, groups=(),
              hsize=None, header_fill=0.86, kind="table_row", row_meta=None):
        """Ruled table made of positioned strings.

        cols: [{'key', 'w', 'align' ('l'|'r'|'c'), 'valign' ('top'|'middle')}]
        header: {key: label}; groups: [(label, first_key, last_key)] spanning header cells.
        rows: [{key: text}] ('\\n' forces a line break inside a cell).
        """
        leading = leading or size * 1.2
        hsize = hsize or size
        hlead = hsize * 1.2
        xs = [self.left]
        for col in cols:
            xs.append(xs[-1] + col["w"])
        keys = [c["key"] for c in cols]
        idx = {k: i for i, k in enumerate(keys)}
        in_group = {}
        for gi, (_, k0, k1) in enumerate(groups):
            for k in keys[idx[k0]: idx[k1] + 1]:
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
        c = self.c

        def draw_cell_text(lines, x0, x1, ytop, h, sz, lead, align, valign, rec, tag):
            n = len(lines)
            off = pad if valign == "top" else (h - n * lead) / 2
            for i, ln in enumerate(lines):
                base = ytop - off - lead * (i + 1) + (lead - sz) / 2 + sz * 0.18
                al = {"l": "left", "r": "right", "c": "center"}[align]
                self.draw_line(x0 + pad, base, ln, sz, x1 - x0 - 2 * pad, al)
                txt = line_text(ln)
                sw = sum(word_w(w, sz) for w in ln) + stringWidth(" ", "Helvetica", sz) * max(0, len(ln) - 1)
                xx = {"left": x0 + pad, "right": x1 - pad - sw,
                      "center": (x0 + x1) / 2 - sw / 2}[al]
                rec.items.append((xx, base, txt, tag))

        def draw_header():
            ytop = self.y
            blk = Block("table_header", self.page)
            c.setFillGray(header_fill)
            c.rect(xs[0], ytop - header_h, xs[-1] - xs[0], header_h, stroke=0, fill=1)
            c.setFillGray(0)
            c.setLineWidth(0.6)
            c.rect(xs[0], ytop - header_h, xs[-1] - xs[0], header_h, stroke=1, fill=0)
            for gi, (glabel, k0, k1) in enumerate(groups):
                x0, x1 = xs[idx[k0]], xs[idx[k1] + 1]
                draw_cell_text(cell_lines(glabel, x1 - x0, hsize, "b"), x0, x1, ytop, band,
                               hsize, hlead, "c", "middle", blk, ("group", glabel))
                c.line(x0, ytop - band, x1, ytop - band)
            for i, k in enumerate(keys):
                x0, x1 = xs[i], xs[i + 1]
                if k in in_group:
                    draw_cell_text(hl[k], x0, x1, ytop - band, sub_h, hsize, hlead, "c",
                                   "middle", blk, k)
                    first = keys[idx[groups[in_group[k]][1]]] == k
                    c.line(x0, ytop - (0 if first else band), x0, ytop - header_h)
                else:
                    draw_cell_text(hl[k], x0, x1, ytop, header_h, hsize, hlead, "c",
                                   "middle", blk, k)
                    c.line(x0, ytop, x0, ytop - header_h)
            self.y -= header_h
            blk.lines = [t for _, _, t, _ in blk.items]
            self.blocks.append(blk)
            for t in list(header.values()) + [g[0] for g in groups]:
                self.sources.append(t)

        self.ensure(header_h + 30)
        draw_header()
        out = []
        for ri, row in enumerate(rows):
            cl = {k: cell_lines(row.get(k, ""), cols[idx[k]]["w"], size) for k in keys}
            h = max(len(v) for v in cl.values()) * leading + 2 * pad
            if self.y - h < self.bottom_limit():
                self.new_page()
                draw_header()
            ytop = self.y
            meta = {"row": ri}
            meta.update((row_meta or [{}] * len(rows))[ri])
            blk = Block(kind, self.page, meta=meta)
            for i, k in enumerate(keys):
                col = cols[i]
                draw_cell_text(cl[k], xs[i], xs[i + 1], ytop, h, size, leading,
                               col.get("align", "l"), col.get("valign", "top"), blk, k)
                self.sources.append(row.get(k, ""))
            c.setLineWidth(0.5)
            for x in xs:
                c.line(x, ytop, x, ytop - h)
            c.line(xs[0], ytop - h, xs[-1], ytop - h)
            blk.meta["cells"] = {k: [line_text(ln) for ln in cl[k]] for k in keys}
            self.y -= h
            self.blocks.append(blk)
            out.append(blk)
        return out

    def figure(self, h, caption, seed=0, size=8.0):
        """A photo placeholder (grey picture with shapes) and its italic caption."""
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
            c.rect(x0 + float(rng.uniform(0, w - rw)), y0 + float(rng.uniform(0, h * 0.3)),
                   rw, rh, stroke=0, fill=1)
        c.setFillGray(0)
        self.y = y0 - 2
        self.blocks.append(Block("figure", self.page))
        return self.para(caption, size=size, base="i", align="center", kind="caption", after=6)


def layout(builder, path: Path):
    """Two passes: the first counts pages (for 'Página X de N'), the second writes the file."""
    probe = builder(io.BytesIO(), None)
    total = probe.finish()
    doc = builder(str(path), total)
    n = doc.finish()
    assert n == total, (n, total)
    return doc


# --------------------------------------------------------------------------------------------
# OCR-export helpers
# --------------------------------------------------------------------------------------------
def join_by_y(items, tol=3.0) -> list[str]:
    """Read positioned strings the way an OCR engine reads a table: line by line, left to right."""
    rows: list[list] = []
    for it in sorted(items, key=lambda t: (-t[1], t[0])):
        if rows and abs(rows[-1][0][1] - it[1]) <= tol:
            rows[-1].append(it)
        else:
            rows.append([it])
    return [" ".join(t[2] for t in sorted(r, key=lambda t: t[0])) for r in rows]


def damage(text: str, subs) -> str:
    """Apply (old, new) replacements once each, in order; assert each one applied."""
    for old, new in subs:
        assert old in text, f"damage target not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def join_pages(pages: list[str]) -> str:
    return "\f".join(p.rstrip("\n") + "\n" for p in pages)


# --------------------------------------------------------------------------------------------
# Family 1: mir_avance
# --------------------------------------------------------------------------------------------
MIR_ENTE = "Municipio de San Isidro del Valle"
MIR_EJERCICIO = 2024
MIR_TRIMESTRE = 2
MIR_PROGRAMA = "E014 Servicios Públicos Municipales de Calidad"

MIR_ROWS = [
    dict(clave="2.3.1", nivel="fin", etiqueta="Fin", area=None,
         resumen="Contribuir a mejorar la calidad de vida de los habitantes del municipio "
                 "mediante la prestación oportuna y suficiente de los servicios públicos básicos.",
         siglas="PCSB", indicador="Porcentaje de colonias con cobertura de servicios públicos básicos",
         frecuencia="semestral", unidad="Porcentaje", prog=(0, 58, 0, 62), alc=(0, 55),
         comentario="Meta Semestral: Se logra el {pct} de la meta al dar cobertura a {a2} colonias "
                    "de un total de {p2} programadas para el semestre."),
    dict(clave="2.3.1.1", nivel="proposito", etiqueta="Propósito", area="(Servicios Públicos)",
         resumen="La población del municipio recibe los servicios públicos que solicita dentro de "
                 "los tiempos de respuesta establecidos.",
         siglas="PSSA", indicador="Porcentaje de solicitudes de servicios públicos atendidas",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(11250, 12400, 12100, 10850), alc=(11032, 12815),
         comentario="Meta Trimestral: Se logra el {pct} de la meta al atender {a2} solicitudes de un "
                    "total de {p2} programadas; el excedente obedece a los reportes recibidos durante "
                    "la temporada de lluvias."),
    dict(clave="2.3.1.1.1", nivel="componente", etiqueta="Componente", area="(Alumbrado Público)",
         resumen="Red de alumbrado público mantenida en condiciones de operación.",
         siglas="PLRR", indicador="Porcentaje de luminarias reparadas respecto de las reportadas",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(1450, 1600, 1550, 1400), alc=(1388, 1512),
         comentario="Meta Trimestral: Se logra el {pct} de la meta al reparar {a2} luminarias de un "
                    "total de {p2} reportadas en el periodo."),
    dict(clave="2.3.1.1.1.1", nivel="actividad", etiqueta="Actividad", area=None,
         resumen="Atención a los reportes ciudadanos de fallas en el alumbrado público recibidos "
                 "en la línea de atención.",
         siglas="PRFA", indicador="Porcentaje de reportes de fallas atendidos",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(480, 520, 510, 490), alc=(466, 497),
         comentario="Meta Trimestral: Se alcanza el {pct} de la meta al atender {a2} reportes "
                    "ciudadanos de un total de {p2} programados."),
    dict(clave="2.3.1.1.1.2", nivel="actividad", etiqueta="Actividad", area=None,
         resumen="Sustitución de luminarias de vapor de sodio por luminarias con tecnología LED "
                 "en vialidades primarias.",
         siglas="PLSL", indicador="Porcentaje de luminarias sustituidas por tecnología LED",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(300, 350, 350, 300), alc=(310, 350), pct_entero=True,
         comentario="Meta Trimestral: En este trimestre se logra el {pct} de la meta al sustituir "
                    "{a2} luminarias de un total de {p2} programadas."),
    dict(clave="2.3.1.1.2", nivel="componente", etiqueta="Componente", area="(Limpia y Recolección)",
         resumen="Residuos sólidos urbanos recolectados y trasladados al sitio de disposición final.",
         siglas="PKRR", indicador="Porcentaje de kilogramos de residuos sólidos recolectados",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(301250, 306500, 309800, 298978), alc=(299874, 301206),
         comentario="Meta Trimestral: Se logra el {pct} de la meta al recolectar {a2} kilogramos de "
                    "residuos sólidos de un total de {p2} programados."),
    dict(clave="2.3.1.1.2.1", nivel="actividad", etiqueta="Actividad", area=None,
         resumen="Cumplimiento de las rutas de recolección domiciliaria conforme al calendario "
                 "autorizado.",
         siglas="PRRC", indicador="Porcentaje de rutas de recolección cumplidas",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(1872, 1872, 1872, 1872), alc=(1840, 1791),
         comentario="Meta Trimestral: Se logra el {pct} de la meta al cumplir {a2} rutas de "
                    "recolección de un total de {p2} programadas; dos camiones compactadores "
                    "permanecieron en reparación."),
    dict(clave="2.3.1.1.2.2", nivel="actividad", etiqueta="Actividad", area=None,
         resumen="Limpieza de tiraderos clandestinos en lotes baldíos y en la vía pública.",
         siglas="PTCL", indicador="Porcentaje de tiraderos clandestinos saneados",
         frecuencia="trimestral", unidad="Porcentaje",
         prog=(31, 40, 36, 33), alc=(31, 34),
         comentario="Meta Trimestral: Se logra el {pct} de la meta al sanear {a2} tiraderos "
                    "clandestinos de un total de {p2} programados; no se alcanza la meta por falta "
                    "de maquinaria pesada."),
]


def fmt_int(n: int) -> str:
    return f"{n:,}"


def mir_prepare():
    for r in MIR_ROWS:
        r["meta_anual"] = sum(r["prog"])
        pct = (Decimal(r["alc"][1]) / Decimal(r["prog"][1]) * 100).quantize(
            Decimal("0.01"), ROUND_HALF_UP)
        r["avance_pct"] = pct
        if r.get("pct_entero"):
            assert pct == pct.to_integral_value()
            pct_s = f"{int(pct)}%"
        else:
            pct_s = f"{pct}%"
        r["comentario_txt"] = r["comentario"].format(
            pct=pct_s, a2=fmt_int(r["alc"][1]), p2=fmt_int(r["prog"][1]))
        assert pct_s in r["comentario_txt"]


MIR_COLS = [
    dict(key="nivel", w=57, align="c", valign="middle"),
    dict(key="resumen", w=111, align="l", valign="top"),
    dict(key="indicador", w=96, align="l", valign="top"),
    dict(key="frecuencia", w=46, align="c", valign="middle"),
    dict(key="unidad", w=46, align="c", valign="middle"),
    dict(key="meta", w=46, align="r", valign="middle"),
    dict(key="p1", w=37, align="r", valign="middle"),
    dict(key="p2", w=37, align="r", valign="middle"),
    dict(key="p3", w=37, align="r", valign="middle"),
    dict(key="p4", w=37, align="r", valign="middle"),
    dict(key="a1", w=37, align="r", valign="middle"),
    dict(key="a2", w=37, align="r", valign="middle"),
    dict(key="comentario", w=108, align="l", valign="top"),
]
assert sum(c["w"] for c in MIR_COLS) == 792 - 60
MIR_HEADER = {"nivel": "Nivel", "resumen": "Resumen narrativo", "indicador": "Indicador",
              "frecuencia": "Frecuencia", "unidad": "Unidad de medida", "meta": "Meta anual",
              "p1": "T1", "p2": "T2", "p3": "T3", "p4": "T4", "a1": "T1", "a2": "T2",
              "comentario": "Comentario"}
MIR_GROUPS = [("Programado", "p1", "p4"), ("Alcanzado", "a1", "a2")]
MIR_TITLE = "Matriz de Indicadores para Resultados — Avance Trimestral"


def mir_build(M: Mentions):
    corte = M.f(date(2024, 6, 30))
    elaboracion = M.f(date(2024, 7, 12))
    url = M.u("https://transparencia.sanisidrodelvalle.gob.mx/pbr/mir/2024/avance-segundo-trimestre")

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top - 10, "H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE", 10, "b", record=hb)
        d.text_at(d.W - d.right, top - 10, f"Ejercicio Fiscal {MIR_EJERCICIO}", 9, "n",
                  align="right", record=hb)
        d.text_at(d.W / 2, top - 25, MIR_TITLE, 11.5, "b", align="center", record=hb)
        d.text_at(d.W / 2, top - 38, "Segundo Trimestre 2024", 10, "n", align="center", record=hb)
        d.c.setLineWidth(1)
        d.c.line(d.left, top - 44, d.W - d.right, top - 44)
        d.blocks.append(hb)
        d.y = top - 50

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.left, d.bottom, "Formato PbR-02a  MIR Avance", 7, "n", record=fb)
        d.text_at(d.W - d.right, d.bottom, f"Página {d.page} de {d.total_pages or 0}", 7.5,
                  "n", align="right", record=fb)
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(target, landscape(letter), (30, 30, 24, 22), title="MIR_2T_2024",
                on_page_start=start, on_page_end=end, footer_h=14, total_pages=total)
        d.para(f"**Programa presupuestario:** {MIR_PROGRAMA}     **Dependencia ejecutora:** "
               f"Dirección de Servicios Públicos Municipales     **Fecha de corte:** {corte}",
               size=8.5, align="left", after=2, kind="info")
        d.para("**Eje del Plan Municipal de Desarrollo:** 2. Municipio ordenado y sustentable     "
               "**Ente público:** Municipio de San Isidro del Valle, Valle Verde",
               size=8.5, align="left", after=6, kind="info")
        rows = []
        for r in MIR_ROWS:
            p, a = r["prog"], r["alc"]
            rows.append({
                "nivel": r["etiqueta"] + (("\n" + r["area"]) if r["area"] else ""),
                "resumen": f"{r['clave']} {r['resumen']}",
                "indicador": f"{r['siglas']}: {r['indicador']}",
                "frecuencia": r["frecuencia"].capitalize(),
                "unidad": r["unidad"],
                "meta": fmt_int(r["meta_anual"]),
                "p1": fmt_int(p[0]), "p2": fmt_int(p[1]), "p3": fmt_int(p[2]), "p4": fmt_int(p[3]),
                "a1": fmt_int(a[0]), "a2": fmt_int(a[1]),
                "comentario": r["comentario_txt"],
            })
        d.table(MIR_COLS, MIR_HEADER, rows, size=8.0, leading=9.6, pad=3, groups=MIR_GROUPS,
                hsize=7.5)
        d.para("Nota: Las cifras del segundo trimestre son preliminares y se consolidan en la "
               "Cuenta Pública municipal. Consulte los informes trimestrales en " + url,
               size=7.5, align="left", before=6, after=4, kind="nota")
        d.columns([["ELABORÓ", "", "", "Ing. Rosaura Méndez Ibarra",
                    "Directora de Servicios Públicos Municipales"],
                   ["REVISÓ", "", "", "Mtro. Julián Cortés Alvarado",
                    "Titular de la UIPPE"],
                   ["AUTORIZÓ", "", "", "C.P. Leticia Prado Solís", "Tesorera Municipal"]],
                  size=8, gap_before=10, styles={0: "b"})
        d.para(f"Fecha de elaboración: {elaboracion}", size=7.5, align="right", before=6,
               kind="fecha")
        return d

    return builder


# Targeted OCR damage for the MIR export: (row index, column) -> (old, new) substitutions.
MIR_CELL_DAMAGE = {
    (1, "nivel"): [("Propósito", "Proposito")],
    (2, "p2"): [("1,600", "1,6OO")],                 # letter O read for zero
    (3, "resumen"): [("Atención", "Atencion")],
    (4, "resumen"): [("2.3.1.1.1.2", "231112")],     # code read without its dots
    (6, "p4"): [("1,872", "1,812")],                 # digit misread; meta_anual - T1..T3 = 1,872
    (7, "p1"): [("31", "a1")],                       # 'a1' for 31; meta_anual - T2..T4 = 31
    (5, "indicador"): [("sólidos", "s6lidos")],
}
MIR_TEXT_DAMAGE = {  # page -> substitutions on the running header / free text of that page
    2: [("Matriz de Indicadores", "Matriz de lndicadores"), ("AYUNTAMIENTO", "AYUNTAMlENTO")],
}


def mir_ocr(d: Doc) -> str:
    col_order = [c["key"] for c in MIR_COLS]
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        detached: list[list[str]] = []
        cell_mode = p >= 2      # page 2 reads one cell per line, like the seed's second half

        def flush():
            for lines in detached:
                for i, ln in enumerate(lines):
                    out.append(ln + ("|" if i % 2 == 0 and i < len(lines) - 1 else ""))
                out.append("")
            detached.clear()

        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "table_row":
                r = b.meta["row"]
                items = []
                for (x, y, t, key) in b.items:
                    for old, new in MIR_CELL_DAMAGE.get((r, key), []):
                        if old in t:
                            t = t.replace(old, new, 1)
                    items.append((x, y, t, key))
                if cell_mode:
                    for key in col_order:
                        cell = [t for (_, y, t, k) in sorted(items, key=lambda i: -i[1]) if k == key]
                        if cell:
                            out.extend(cell)
                            out.append("")
                else:
                    detached.append([t for (_, _, t, k) in sorted(items, key=lambda i: -i[1])
                                     if k == "comentario"])
                    out.extend(join_by_y([i for i in items if i[3] != "comentario"], tol=4.6))
                continue
            flush()
            if b.kind == "table_header":
                out.extend(join_by_y(b.items, tol=4.0))
            elif b.kind in ("sig",):
                out.append("")
                out.extend(join_by_y(b.items))
            elif b.kind == "header":
                out.extend([b.lines[0] + "   " + b.lines[1]] + b.lines[2:])
                out.append("")
            elif b.kind == "footer":
                out.append("")
                out.append(b.lines[1])
            else:
                out.extend(line_text(ln) for ln in b.words)
        flush()
        text = "\n".join(out)
        text = damage(text, MIR_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def mir_truth(d: Doc) -> dict:
    row_page = {b.meta["row"]: b.page for b in d.blocks if b.kind == "table_row"}
    inds = []
    for i, r in enumerate(MIR_ROWS):
        p, a = r["prog"], r["alc"]
        inds.append({
            "ente": MIR_ENTE, "ejercicio": MIR_EJERCICIO, "trimestre": MIR_TRIMESTRE,
            "clave": r["clave"], "nivel": r["nivel"], "resumen_narrativo": r["resumen"],
            "siglas": r["siglas"], "indicador": r["indicador"], "frecuencia": r["frecuencia"],
            "unidad_medida": r["unidad"].lower(), "meta_anual": float(r["meta_anual"]),
            "programado_t1": float(p[0]), "programado_t2": float(p[1]),
            "programado_t3": float(p[2]), "programado_t4": float(p[3]),
            "alcanzado_t1": float(a[0]), "alcanzado_t2": float(a[1]),
            "alcanzado_t3": None, "alcanzado_t4": None,
            "avance_pct": float(r["avance_pct"]), "comentario": r["comentario_txt"],
            "page": row_page[i],
        })
    return {"indicators": inds}


MIR_DOC = {"emisor": "H. Ayuntamiento de San Isidro del Valle", "titulo": MIR_TITLE,
           "clave_documento": None, "fecha_documento": "2024-07-12"}


# --------------------------------------------------------------------------------------------
# Family 2: convenio_asm
# --------------------------------------------------------------------------------------------
CONV_SUJETO = "Sistema para el Desarrollo Integral de la Familia del Estado de Valle Verde"
CONV_FONDO = "Fondo de Aportaciones Múltiples (FAM)"
CONV_LEMA = "“2024. Año del Bicentenario de la Erección del Estado Libre y Soberano de Valle Verde”"
CONV_TITLE = "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"


def conv_rows(M: Mentions):
    """The two ASM tables. fecha: (text printed, iso date, precision)."""
    def mes(y, m):
        return (M.mes(y, m, cap=True), last_day(y, m).isoformat(), "mes")

    def dia(d):
        return (M.f(d), d.isoformat(), "dia")

    hallazgos = [
        dict(texto="El Fondo no cuenta con un diagnóstico actualizado que cuantifique a la "
                   "población potencial y objetivo de los programas alimentarios.",
             actividad=["Elaborar y publicar el diagnóstico de la población potencial, objetivo y "
                        "atendida de los programas alimentarios financiados con el FAM."],
             fecha=mes(2024, 8)),
        dict(texto="Los indicadores de la Matriz de Indicadores para Resultados del programa no "
                   "miden la oportunidad en la entrega de los desayunos escolares.",
             actividad=["Rediseñar la MIR incorporando un indicador de oportunidad en la entrega "
                        "de desayunos escolares y registrarlo ante “LA SECRETARÍA”."],
             fecha=dia(date(2024, 6, 30))),
        dict(texto="No se documentan los criterios para seleccionar a los municipios "
                   "beneficiarios de los apoyos de asistencia social.",
             actividad=["Emitir los criterios de focalización de municipios beneficiarios",
                        "Publicar los criterios en el portal institucional",
                        "Capacitar a los Sistemas Municipales DIF en su aplicación"],
             fecha=mes(2024, 9)),
        dict(texto="Los padrones de beneficiarios no incluyen la Clave Única de Registro de "
                   "Población de todas las personas beneficiarias.",
             actividad=["Depurar los padrones de beneficiarios y completar el registro de la CURP "
                        "en el sistema de información del organismo."],
             fecha=dia(date(2024, 10, 31))),
    ]
    recomendaciones = [
        dict(texto="Se recomienda difundir los resultados de las evaluaciones del Fondo en el "
                   "portal de transparencia del organismo.",
             actividad=["Publicar el informe final de la evaluación y el presente Convenio en el "
                        "portal de transparencia del organismo."],
             fecha=mes(2024, 5)),
        dict(texto="Se recomienda establecer mecanismos de coordinación con los Sistemas "
                   "Municipales DIF para dar seguimiento a la entrega de apoyos.",
             actividad=["Suscribir acuerdos de coordinación con los Sistemas Municipales DIF que "
                        "definan calendarios de entrega y reportes trimestrales."],
             fecha=mes(2024, 11)),
    ]
    return hallazgos, recomendaciones


def conv_cell_activity(act: list[str]) -> str:
    if len(act) == 1:
        return act[0]
    return "\n".join("• " + a for a in act)


CONV_COLS_H = [dict(key="no", w=26, align="c"), dict(key="texto", w=186),
               dict(key="actividad", w=196), dict(key="fecha", w=80, align="c")]
CONV_HEADER_H = {"no": "No.", "texto": "Hallazgo", "actividad": "Actividad comprometida",
                 "fecha": "Fecha compromiso"}
CONV_HEADER_R = dict(CONV_HEADER_H, texto="Recomendación")


def conv_build(M: Mentions, data: dict):
    f_lineamientos = M.f(date(2023, 1, 30))
    f_pae = M.f(date(2023, 4, 28))
    url_pae = M.u("https://finanzas.valleverde.gob.mx/evaluacion/programa-anual-de-evaluacion-2023")
    url_pub = M.u("https://difvalleverde.gob.mx/transparencia/aspectos-susceptibles-de-mejora")
    f_limite = M.f(date(2024, 12, 31))
    f_firma = M.f(date(2024, 3, 15))
    hallazgos, recomendaciones = conv_rows(M)
    data["hallazgos"], data["recomendaciones"] = hallazgos, recomendaciones

    def start(d: Doc):
        hb = Block("header", d.page)
        d.text_at(d.W / 2, d.H - d.top + 8, CONV_LEMA, 8.5, "i", align="center", record=hb)
        d.blocks.append(hb)
        d.y = d.H - d.top - 8

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.W / 2, d.bottom - 6, f"Página {d.page} de {d.total_pages or 0}", 8,
                  align="center", record=fb)
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(target, letter, (62, 62, 44, 40), title="Convenio ASM FAM 2023",
                on_page_start=start, on_page_end=end, footer_h=8, total_pages=total)
        S = 8.6
        d.para(f"**{CONV_TITLE}, QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE FINANZAS, REPRESENTADA "
               "POR MARIO ALBERTO QUIROZ LEDESMA, SUBSECRETARIO DE PLANEACIÓN Y PRESUPUESTO; LA "
               "SECRETARÍA DE LA CONTRALORÍA, REPRESENTADA POR ADRIANA SOLÍS BECERRA, SUBSECRETARIA "
               "DE CONTROL Y EVALUACIÓN; Y POR LA OTRA PARTE EL SISTEMA PARA EL DESARROLLO INTEGRAL "
               "DE LA FAMILIA DEL ESTADO DE VALLE VERDE, REPRESENTADO POR HÉCTOR IVÁN PALACIOS NAVA, "
               "DIRECTOR GENERAL; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ “LA SECRETARÍA”, “LA "
               "CONTRALORÍA” Y “EL SUJETO EVALUADO”, Y ACTUANDO EN CONJUNTO “LAS PARTES”, AL TENOR "
               "DE LOS SIGUIENTES:**", size=S, after=6, kind="titulo")
        d.para("ANTECEDENTES", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para("El Gobierno del Estado de Valle Verde impulsa una gestión orientada a resultados, en "
               "la que el ejercicio de los recursos públicos se valora a partir de indicadores "
               "verificables y de evaluaciones externas, conforme al Plan Estatal de Desarrollo "
               "vigente.", size=S)
        d.para(f"El {f_lineamientos} se publicaron en el Periódico Oficial “Gaceta de Valle Verde” "
               "los Lineamientos Generales para la Evaluación de los Programas Presupuestarios y "
               f"Fondos Federales, y el {f_pae} se emitió el Programa Anual de Evaluación para el "
               "Ejercicio Fiscal 2023 (PAE 2023), disponible en " + url_pae + ", el cual dispone "
               "que los sujetos evaluados atiendan los Aspectos Susceptibles de Mejora (ASM) "
               "mediante la firma de un Convenio para la Mejora del Desempeño y Resultados "
               "Gubernamentales.", size=S)
        d.para("El PAE 2023 determinó practicar una **Evaluación Específica de Desempeño al Fondo de "
               "Aportaciones Múltiples (FAM)**, en su componente de Asistencia Social, cuyos recursos "
               "ejerce el Sistema para el Desarrollo Integral de la Familia del Estado de Valle "
               "Verde.", size=S, after=6)
        d.para("DECLARACIONES", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para("**I. DE “LA SECRETARÍA”.** I.1. Que es la dependencia encargada de la planeación, "
               "programación, presupuestación y evaluación de la actividad financiera del Estado, de "
               "conformidad con el artículo 24 de la Ley Orgánica de la Administración Pública del "
               "Estado de Valle Verde. I.2. Que señala como domicilio el ubicado en Avenida de los "
               "Fresnos número 410, colonia Centro, Santa Catalina, Valle Verde, C.P. 61000.", size=S)
        d.para("**II. DE “LA CONTRALORÍA”.** II.1. Que es la dependencia responsable de vigilar, "
               "fiscalizar y evaluar la gestión de las dependencias y organismos auxiliares, y que "
               "por conducto de los Órganos Internos de Control verifica el cumplimiento de los "
               "compromisos derivados de las evaluaciones.", size=S)
        d.para("**III. DE “EL SUJETO EVALUADO”.** III.1. Que es un organismo público descentralizado "
               "con personalidad jurídica y patrimonio propios, responsable de ejecutar los programas "
               "de asistencia social financiados con recursos del FAM. III.2. Que su Director "
               "General cuenta con las facultades para suscribir el presente instrumento.", size=S)
        d.para("**IV. DE “LAS PARTES”.** IV.1. Que se reconocen mutuamente la personalidad con la que "
               "comparecen y convienen en sujetarse a las siguientes:", size=S, after=6)
        d.para("CLÁUSULAS", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para("**PRIMERA. Objeto.** El presente Convenio tiene por objeto establecer los compromisos "
               "que asume “EL SUJETO EVALUADO” para atender los Aspectos Susceptibles de Mejora "
               "derivados de la Evaluación Específica de Desempeño al Fondo de Aportaciones "
               "Múltiples (FAM), componente de Asistencia Social, correspondiente al PAE 2023.",
               size=S)
        d.para("**SEGUNDA. Obligaciones.** “LA SECRETARÍA” dará seguimiento al cumplimiento de los "
               "compromisos y dictaminará su procedencia; “LA CONTRALORÍA”, por conducto del Órgano "
               "Interno de Control, verificará la veracidad de la información presentada; y “EL "
               "SUJETO EVALUADO” atenderá los compromisos en los plazos pactados y remitirá la "
               "evidencia documental correspondiente.", size=S)
        d.para("**TERCERA. De los Aspectos Susceptibles de Mejora.** “EL SUJETO EVALUADO” se "
               "compromete a atender los hallazgos y recomendaciones que se enlistan a continuación:",
               size=S, after=3)
        d.para("a) De los hallazgos:", size=S, base="b", align="left", after=3, kind="subheading",
               keep=6)
        rows = [{"no": str(i + 1), "texto": h["texto"], "actividad": conv_cell_activity(h["actividad"]),
                 "fecha": h["fecha"][0]} for i, h in enumerate(hallazgos)]
        d.table(CONV_COLS_H, CONV_HEADER_H, rows, size=8, leading=9.6, pad=3.2,
                row_meta=[{"tabla": "hallazgo"}] * len(rows))
        d.para("b) De las recomendaciones:", size=S, base="b", align="left", before=6, after=3,
               kind="subheading", keep=6)
        rows = [{"no": str(i + 1), "texto": h["texto"], "actividad": conv_cell_activity(h["actividad"]),
                 "fecha": h["fecha"][0]} for i, h in enumerate(recomendaciones)]
        d.table(CONV_COLS_H, CONV_HEADER_R, rows, size=8, leading=9.6, pad=3.2,
                row_meta=[{"tabla": "recomendacion"}] * len(rows))
        d.space(6)
        d.para(f"**CUARTA. Cumplimiento.** Las fechas comprometidas no podrán exceder del "
               f"{f_limite}. “LA SECRETARÍA” y “LA CONTRALORÍA” determinarán si las acciones "
               "realizadas atienden de manera suficiente lo solicitado.", size=S)
        d.para("**QUINTA. Prórroga.** “EL SUJETO EVALUADO” podrá solicitar por escrito una prórroga, "
               "que no excederá de 30 días naturales, cuando una acción no pueda concluirse en la "
               "fecha comprometida.", size=S)
        d.para("**SEXTA. Publicidad.** El presente instrumento es público y se difundirá en " +
               url_pub + ".", size=S)
        d.para("**SÉPTIMA. Vigencia.** El presente Convenio surtirá efectos a partir de su firma y "
               "hasta el total cumplimiento de los compromisos pactados.", size=S)
        d.para("Leído que fue el presente Convenio y enteradas las partes de su contenido y alcance "
               f"legal, lo firman por triplicado en Santa Catalina, Valle Verde, a {f_firma}.",
               size=S, after=4, kind="cierre")
        d.columns([["POR “LA SECRETARÍA”", "", "", "MARIO ALBERTO QUIROZ LEDESMA",
                    "SUBSECRETARIO DE PLANEACIÓN", "Y PRESUPUESTO"],
                   ["POR “LA CONTRALORÍA”", "", "", "ADRIANA SOLÍS BECERRA",
                    "SUBSECRETARIA DE CONTROL", "Y EVALUACIÓN"],
                   ["POR “EL SUJETO EVALUADO”", "", "", "HÉCTOR IVÁN PALACIOS NAVA",
                    "DIRECTOR GENERAL DEL SISTEMA", "DIF VALLE VERDE"]],
                  size=7.2, gap_before=6, styles={0: "b", 3: "b"})
        return d

    return builder


CONV_TEXT_DAMAGE = {
    1: [("organismo público", "organisrno público"), ("compromisos que asume", "cornpromisos que asume")],
    2: [("Sistemas Municipales DIF", "Sistemas Municipa1es DIF")],
}


def md_bold(line) -> str:
    """A drawn line with its bold runs wrapped in ** (as a Markdown-emitting OCR tool does)."""
    out, bold = [], []
    for w in line:
        t = line_text([w])
        if all(st == "b" for _, st in w):
            bold.append(t)
            continue
        if bold:
            out.append("**" + " ".join(bold) + "**")
            bold = []
        out.append(t)
    if bold:
        out.append("**" + " ".join(bold) + "**")
    return " ".join(out)


def _md_cell(s: str) -> str:
    return s.replace("|", "/").strip()


def conv_ocr(d: Doc) -> str:
    """Markdown-ish export in the style of seed 002 (an OCR tool that emits tables as Markdown)."""
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        in_table = False
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind in ("table_header", "table_row"):
                if b.kind == "table_header":
                    labels = [" ".join(t for (_, _, t, k) in b.items if k == key)
                              for key in ("no", "texto", "actividad", "fecha")]
                    if not in_table:
                        out.append("")
                    out.append("| " + " | ".join(labels) + " |")
                    out.append("|--|---|--|--------|")
                    in_table = True
                else:
                    cells = b.meta["cells"]
                    act = cells["actividad"]
                    if any(l.startswith("• ") for l in act):
                        items, cur = [], ""
                        for l in act:
                            if l.startswith("• "):
                                if cur:
                                    items.append(cur)
                                cur = l[2:]
                            else:
                                cur += " " + l
                        items.append(cur)
                        act_s = ('<ul style="list-style-type: none"> ' +
                                 " ".join("• " + i for i in items) + " </ul>")
                    else:
                        act_s = " ".join(act)
                    vals = [" ".join(cells["no"]), " ".join(cells["texto"]), act_s,
                            " ".join(cells["fecha"])]
                    out.append("| " + " | ".join(_md_cell(v) for v in vals) + " |")
                continue
            if in_table:
                out.append("")
                in_table = False
            if b.kind == "header":
                out.append("")
                out.append(b.lines[0])
                out.append("")
            elif b.kind == "footer":
                continue        # this OCR tool drops page numbers
            elif b.kind == "sig":
                out.append("")
                for col in sorted({t[3] for t in b.items}):
                    out.extend(t for (_, _, t, c) in b.items if c == col and t)
                    out.append("")
            else:
                text = " ".join(line_text(ln) if b.kind == "titulo" else md_bold(ln)
                                for ln in b.words)
                out.append(text)
                out.append("")
        text = "\n".join(out)
        text = damage(text, CONV_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def conv_truth(d: Doc, data: dict) -> dict:
    row_page: dict = {}
    for b in d.blocks:
        if b.kind == "table_row":
            row_page[(b.meta["tabla"], b.meta["row"])] = b.page
    out = []
    for tipo, rows in (("hallazgo", data["hallazgos"]), ("recomendacion", data["recomendaciones"])):
        for i, r in enumerate(rows):
            out.append({"tipo": tipo, "numero": i + 1, "texto": r["texto"],
                        "actividad_comprometida": "; ".join(r["actividad"]),
                        "fecha_compromiso": r["fecha"][1], "fecha_precision": r["fecha"][2],
                        "fecha_texto": r["fecha"][0],
                        "programa_evaluado": CONV_FONDO, "sujeto_evaluado": CONV_SUJETO,
                        "page": row_page[(tipo, i)]})
    return {"commitments": out}


CONV_DOC = {"emisor": "Secretaría de Finanzas del Gobierno del Estado de Valle Verde",
            "titulo": CONV_TITLE, "clave_documento": None, "fecha_documento": "2024-03-15"}


# --------------------------------------------------------------------------------------------
# Family 3: dictamen_puntajes
# --------------------------------------------------------------------------------------------
DICT_INST = "INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE"
DICT_CLAVE = "IEEV/CV/SPE/03/2024"
DICT_ENTIDAD = "Valle Verde"
D = Decimal
# (apellidos, nombres, cargo, metas individuales, metas colectivas, competencias); None = N/A
DICT_PEOPLE = [
    ("Ramírez Ochoa", "Lucía Fernanda", "Coordinadora de Educación Cívica", None, D("9.722"), D("9.410")),
    ("Villaseñor Trejo", "Martín", "Coordinador de Organización Electoral", D("10.000"), D("9.722"), D("8.950")),
    ("Castañeda Ríos", "Ana Paula", "Coordinadora de Participación Ciudadana", None, D("9.167"), D("9.805")),
    ("Beltrán Estrada", "José Manuel", "Coordinador de lo Contencioso Electoral", None, D("10.000"), None),
    ("Olvera Durán", "Karina", "Técnica de Educación Cívica", D("9.500"), D("8.889"), D("8.120")),
    ("Nájera Campos", "Édgar Iván", "Técnico de Organización Electoral", None, D("8.333"), D("7.640")),
    ("Gallegos Peña", "María José", "Técnica de Participación Ciudadana", D("10.000"), D("10.000"), D("9.612")),
    ("Zúñiga Lara", "Rubén", "Técnico de Vinculación con el Instituto Nacional Electoral", None, D("7.500"), D("6.980")),
    ("Ibarra Solís", "Daniela", "Técnica de lo Contencioso Electoral", None, D("9.444"), D("8.730")),
    ("Aguilar Montes", "Sofía", "Técnica de Organización Electoral", None, D("9.722"), D("9.050")),
]


def dict_final(ind, col, comp) -> Decimal:
    vals = {"ind": ind, "col": col, "comp": comp}
    w = ({"ind": D("0.4"), "col": D("0.3"), "comp": D("0.3")} if ind is not None
         else {"col": D("0.7"), "comp": D("0.3")})
    use = {k: wt for k, wt in w.items() if vals[k] is not None}
    s = sum(vals[k] * wt for k, wt in use.items()) / sum(use.values())
    return s.quantize(D("0.001"), ROUND_HALF_UP)


def dict_nivel(x: Decimal) -> str:
    if x >= 9:
        return "Excelente"
    if x >= 8:
        return "Altamente competente"
    if x >= 7:
        return "Competente"
    if x >= 6:
        return "Suficiente"
    return "Insuficiente"


def dec_comma(x) -> str:
    return "N/A" if x is None else f"{x:.3f}".replace(".", ",")


def dict_scores():
    rows = []
    for ap, nom, cargo, ind, col, comp in DICT_PEOPLE:
        fin = dict_final(ind, col, comp)
        rows.append(dict(nombre=f"{ap} {nom}", natural=f"{nom} {ap}", cargo=cargo, ind=ind,
                         col=col, comp=comp, fin=fin, nivel=dict_nivel(fin)))
    ranked = sorted(rows, key=lambda r: r["fin"], reverse=True)
    assert ranked[1]["fin"] > ranked[2]["fin"]
    return rows, ranked[:2]


DICT_COLS = [dict(key="nombre", w=92), dict(key="cargo", w=106), dict(key="entidad", w=48, align="c"),
             dict(key="ind", w=50, align="c", valign="middle"),
             dict(key="col", w=48, align="c", valign="middle"),
             dict(key="comp", w=58, align="c", valign="middle"),
             dict(key="fin", w=48, align="c", valign="middle"),
             dict(key="nivel", w=60, align="c", valign="middle")]
DICT_HEADER = {"nombre": "Nombre completo", "cargo": "Cargo/Puesto", "entidad": "Entidad",
               "ind": "Individuales", "col": "Colectivas", "comp": "Competencias",
               "fin": "Calificación final", "nivel": "Nivel de desempeño"}
DICT_GROUPS = [("Metas", "ind", "col")]
DICT_TITLE = ("ACUERDO DE LA COMISIÓN DE VINCULACIÓN Y SERVICIO PROFESIONAL ELECTORAL DEL "
              "INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE, POR EL QUE SE SOMETEN A "
              "CONSIDERACIÓN DEL CONSEJO GENERAL LOS DICTÁMENES DE RESULTADOS INDIVIDUALES Y EL "
              "OTORGAMIENTO DE INCENTIVOS AL PERSONAL DEL SERVICIO PROFESIONAL ELECTORAL NACIONAL "
              "ADSCRITO A ESTE INSTITUTO, DERIVADOS DE LA EVALUACIÓN DEL DESEMPEÑO DEL PERIODO "
              "SEPTIEMBRE 2022 A AGOSTO 2023.")


def dict_build(M: Mentions, data: dict):
    rows, top2 = dict_scores()
    data["rows"], data["top2"] = rows, top2
    p_ini = M.mes(2022, 9)
    p_fin = M.mes(2023, 8)
    f_lineam = M.f(date(2022, 8, 29), palabras=True)
    f_dictamen = M.f(date(2024, 1, 18), palabras=True)
    f_sesion = M.f(date(2024, 2, 12), palabras=True)
    url = M.u("https://www.ieevalleverde.org.mx/servicio-profesional/incentivos")

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top - 4, "VALLE VERDE", 15, "b", record=hb)
        d.text_at(d.W - d.right, top - 2, DICT_INST, 8.5, "b", align="right", record=hb)
        d.text_at(d.W - d.right, top - 14, DICT_CLAVE, 8.5, "n", align="right", record=hb)
        d.c.setLineWidth(0.8)
        d.c.line(d.left, top - 20, d.W - d.right, top - 20)
        d.blocks.append(hb)
        d.y = top - 28

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.W - d.right, d.bottom + 2, f"Página {d.page} de {d.total_pages or 0}", 7.5,
                  align="right", record=fb)
        d.text_at(d.left, d.bottom + 2, "Calle Jacarandas No. 250, Col. Centro, C.P. 61050, "
                  "Santa Catalina, Valle Verde", 7, record=fb)
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(target, letter, (50, 50, 40, 34), title=DICT_CLAVE, on_page_start=start,
                on_page_end=end, footer_h=12, total_pages=total)
        S = 8.6
        d.para(f"**{DICT_TITLE}**", size=S, after=5, kind="titulo")
        d.para("G L O S A R I O", size=9, base="b", align="center", after=2, kind="heading")
        for term, defin in [
            ("CEVV", "Código Electoral del Estado de Valle Verde."),
            ("Comisión", "Comisión de Vinculación y Servicio Profesional Electoral del IEEV."),
            ("DESPEN", "Dirección Ejecutiva del Servicio Profesional Electoral Nacional."),
            ("Evaluación del desempeño", "Evaluación del desempeño de las y los miembros del "
             f"Servicio del sistema OPLE correspondiente al periodo {p_ini} a {p_fin}."),
            ("IEEV", "Instituto Electoral del Estado de Valle Verde."),
            ("Incentivo", "Retribución individual que puede recibir el personal del Servicio que "
             "forme parte del universo de elegibles, con base en los resultados de su evaluación."),
            ("OPLE", "Organismo Público Local Electoral."),
            ("Servicio", "Servicio Profesional Electoral Nacional."),
        ]:
            d.para(f"**{term}:** {defin}", size=S, after=1.5, kind="glosario", align="left")
        d.para("ANTECEDENTES", size=9, base="b", align="center", before=4, after=2, kind="heading")
        d.para(f"**PRIMERO. Lineamientos y metas.** El {f_lineam}, la Junta General Ejecutiva del "
               "Instituto Nacional Electoral aprobó los Lineamientos y las metas para la evaluación "
               f"del desempeño de las y los miembros del Servicio del sistema OPLE para el periodo "
               f"{p_ini} a {p_fin}.", size=S)
        d.para(f"**SEGUNDO. Dictamen General de Resultados.** El {f_dictamen}, el Consejo General "
               "del IEEV aprobó, mediante el Acuerdo IEEV-CG-04/2024, el Dictamen General de "
               "Resultados de la Evaluación del Desempeño, en el que se asentaron las calificaciones "
               "siguientes:", size=S, after=5)
        d.para("DICTAMEN", size=9, base="b", align="center", after=1, kind="heading", keep=8)
        d.para("Dictamen General de Resultados de la Evaluación del Desempeño de los miembros del "
               f"Servicio Profesional Electoral Nacional del sistema OPLE, del periodo {p_ini} a "
               f"{p_fin}", size=8, align="center", after=4, kind="subheading")
        trows = [{"nombre": r["nombre"], "cargo": r["cargo"], "entidad": DICT_ENTIDAD,
                  "ind": dec_comma(r["ind"]), "col": dec_comma(r["col"]), "comp": dec_comma(r["comp"]),
                  "fin": dec_comma(r["fin"]), "nivel": r["nivel"]} for r in rows]
        d.table(DICT_COLS, DICT_HEADER, trows, size=7.4, leading=8.9, pad=2.8, groups=DICT_GROUPS,
                hsize=7.0)
        d.space(5)
        d.para("CONSIDERANDOS", size=9, base="b", align="center", after=2, kind="heading")
        d.para("**PRIMERO. Competencia.** La Comisión es competente para conocer y proponer al "
               "Consejo General los dictámenes individuales para el otorgamiento de incentivos, en "
               "términos del artículo 35 del CEVV y de los Lineamientos de incentivos.", size=S)
        d.para("**SEGUNDO. Universo de elegibles.** El Programa Anual de Incentivos dispone que podrá "
               "recibir incentivo hasta el veinte por ciento de las y los miembros del Servicio. Al "
               "estar adscritas al IEEV diez personas, el universo de elegibles es de dos, que "
               "corresponde a quienes obtuvieron la calificación final más alta: "
               f"{top2[0]['natural']} y {top2[1]['natural']}.", size=S, after=5)
        d.para("Por lo expuesto, la Comisión emite el siguiente:", size=S)
        d.para("ACUERDO", size=9, base="b", align="center", after=2, kind="heading")
        d.para("**PRIMERO.** Se propone al Consejo General del IEEV aprobar los dictámenes "
               "individuales para el otorgamiento de incentivos correspondientes al periodo "
               f"{p_ini} a {p_fin}.", size=S)
        d.para(f"**SEGUNDO.** Se propone otorgar el incentivo por rendimiento a {top2[0]['natural']} "
               f"y a {top2[1]['natural']}.", size=S)
        d.para(f"**TERCERO.** Publíquese el presente Acuerdo en {url}.", size=S, after=5)
        d.para("El presente Acuerdo fue aprobado por unanimidad de votos en sesión ordinaria de la "
               f"Comisión celebrada el {f_sesion}.", size=S, after=4, kind="cierre")
        d.columns([["Mtra. Claudia Ivonne Sepúlveda Rangel", "Consejera Electoral y Presidenta",
                    "de la Comisión"],
                   ["Lic. Óscar Daniel Hinojosa Ferrer", "Secretario Técnico", "de la Comisión"]],
                  size=7.8, gap_before=16)
        return d

    return builder


DICT_TEXT_DAMAGE = {2: [(DICT_CLAVE, "IEEV/CVY/SPE/03/2024")]}
DICT_NAME_DAMAGE = {"Villaseñor Trejo Martín": "Villasenor Trejo Martin"}


def dict_ocr(d: Doc) -> str:
    """Export in the style of seed 003: unwrapped paragraphs, tab-separated table rows."""
    pages = []
    keys = [c["key"] for c in DICT_COLS]
    for p in range(1, d.page + 1):
        out: list[str] = []
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "header":
                out += ["", "", "", "VALLE VERDE", "", "", "", DICT_INST, "", DICT_CLAVE, ""]
            elif b.kind == "footer":
                out += ["", f"Página {p} de {d.page}", ""]
            elif b.kind == "table_header":
                out.append("Nombre completo\tCargo/Puesto\tEntidad\tMetas\t\tCompetencias\t"
                           "Calificación final\tNivel de desempeño")
                out.append("\t\t\tIndividuales\tColectivas\t\t\t")
            elif b.kind == "table_row":
                cells = b.meta["cells"]
                vals = [" ".join(cells[k]) for k in keys]
                vals[0] = DICT_NAME_DAMAGE.get(vals[0], vals[0])
                out.append("\t".join(vals))
                if b.meta["row"] == len(DICT_PEOPLE) - 1:
                    out.append("")
            elif b.kind == "sig":
                out.append("")
                for col in sorted({t[3] for t in b.items}):
                    out.extend(t for (_, _, t, c) in b.items if c == col)
                    out.append("")
            else:
                text = " ".join(b.lines)
                if b.kind == "titulo":
                    text = text.replace("**", "")
                out.append(text)
                out.append("")
        text = "\n".join(out)
        text = damage(text, DICT_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def dict_truth(d: Doc, data: dict) -> dict:
    row_page = {b.meta["row"]: b.page for b in d.blocks if b.kind == "table_row"}
    f = lambda x: None if x is None else float(x)   # noqa: E731
    out = []
    for i, r in enumerate(data["rows"]):
        out.append({"nombre": r["nombre"], "cargo": r["cargo"], "entidad": DICT_ENTIDAD,
                    "metas_individuales": f(r["ind"]), "metas_colectivas": f(r["col"]),
                    "competencias": f(r["comp"]), "calificacion_final": f(r["fin"]),
                    "nivel_desempeno": r["nivel"], "periodo_inicio": "2022-09-01",
                    "periodo_fin": "2023-08-31", "page": row_page[i]})
    return {"scores": out}


DICT_DOC = {"emisor": "Instituto Electoral del Estado de Valle Verde", "titulo": DICT_TITLE,
            "clave_documento": DICT_CLAVE, "fecha_documento": "2024-02-12"}


# --------------------------------------------------------------------------------------------
# Family 4: informe_supervision
# --------------------------------------------------------------------------------------------
INF_EMISOR = "Procuraduría Ciudadana de Derechos Humanos"
INF_HOSPITAL = "Hospital Regional de San Bartolomé"
INF_TITLE = "Informe de supervisión"
INF_SUBTITLE = ("Atención a pacientes con enfermedad renal crónica en la Unidad de Hemodiálisis "
                "del Hospital Regional de San Bartolomé")


def inf_content(M: Mentions):
    v1, v2 = date(2023, 3, 14), date(2023, 3, 28)
    seguimiento = date(2023, 4, 4)
    u1 = M.u("https://www.procuraduriaciudadana.org.gt/informes/defensoria-de-la-salud/2022/"
             "supervision-unidad-de-hemodialisis-hospital-regional-san-bartolome.html")
    u2 = M.u("https://www.procuraduriaciudadana.org.gt/informes/informe-anual-circunstanciado-2022/"
             "capitulo-derecho-a-la-salud.pdf")
    footnotes = {
        "1": f"Procuraduría Ciudadana de Derechos Humanos, Supervisión a la Unidad de Hemodiálisis, "
             f"2022. {u1}",
        "2": f"Informe Anual Circunstanciado 2022, capítulo de derecho a la salud. {u2}",
        "3": "Acción Constitucional de Amparo 842-2021, Corte de Constitucionalidad.",
    }
    antecedentes = [
        "La enfermedad renal crónica es una de las principales causas de hospitalización en la "
        "región occidental del país. El Hospital Regional de San Bartolomé es el único centro "
        "público del departamento que ofrece hemodiálisis, por lo que concentra la demanda de "
        "cuatro municipios vecinos.^1^",
        "Desde 2021 la Defensoría de la Salud ha recibido denuncias por la suspensión de sesiones "
        "de hemodiálisis, la falta de insumos y la saturación del área de encamamiento. En su "
        "informe anual, la Procuraduría señaló que la red hospitalaria no cuenta con un plan de "
        "sustitución de equipo médico.^2^ Ante la persistencia de las denuncias se programaron "
        "visitas de supervisión durante el primer trimestre del año.",
    ]
    general = ("Verificar las condiciones en que se brinda atención a las personas con enfermedad "
               "renal crónica en el Hospital Regional de San Bartolomé.")
    especificos = [
        "Establecer el número de máquinas de hemodiálisis en funcionamiento y los turnos de "
        "atención disponibles.",
        "Conocer las condiciones de infraestructura del área de encamamiento asignada a pacientes "
        "renales.",
        "Determinar la existencia de insumos y medicamentos necesarios para las sesiones de "
        "hemodiálisis.",
    ]
    # (visit heading, visit date, [(sub-heading, [items])])
    hallazgos = [
        (f"Visita del {M.f(v1)}", v1, [
            ("Unidad de Hemodiálisis", [
                "De las diez máquinas de hemodiálisis con que cuenta la unidad, solo siete se "
                f"encontraban en funcionamiento; las tres restantes esperan repuestos desde "
                f"{M.mes(2022, 11, de=True)}.",
                "La unidad atiende en tres turnos diarios a 84 pacientes; otros 23 pacientes se "
                "encuentran en lista de espera y reciben diálisis peritoneal en sus hogares.",
                "El personal de enfermería asignado, seis enfermeras por turno, no ha recibido "
                "capacitación específica en terapia de reemplazo renal.",
            ]),
            ("Área de Encamamiento (II Nivel)", [
                "El área cuenta con 18 camas, de las cuales 4 no tienen colchón y 2 carecen de "
                "barandales.",
                "Se observaron filtraciones de agua en el techo y dos ventanas con vidrios rotos "
                "cubiertas con cartón.",
                "Los pacientes renales comparten sala con pacientes de medicina interna, sin "
                "aislamiento para quienes presentan infecciones asociadas al catéter.",
            ]),
        ]),
        (f"Visita del {M.f(v2)}", v2, [
            ("Farmacia Interna", [
                "No había existencia de eritropoyetina desde hacía tres semanas; los familiares "
                "adquieren el medicamento por su cuenta.",
                "Las soluciones para diálisis peritoneal se entregan para quince días, cuando la "
                "norma institucional establece un abastecimiento mensual.",
            ]),
        ]),
        ("Seguimiento telefónico del 4 de abril", seguimiento, [
            ("Dirección Médica", [
                "El Director Médico informó que la compra de repuestos para las máquinas se "
                "encuentra en proceso de adjudicación y que no tiene fecha estimada de entrega.",
            ]),
        ]),
    ]
    caption = (f"Fotografía 1. Máquinas de hemodiálisis fuera de servicio, {M.f(v1)}.")
    conclusiones = [
        "La unidad de hemodiálisis opera al 70 % de su capacidad instalada, lo que obliga a "
        "mantener una lista de espera y a trasladar la atención a los hogares sin el "
        "acompañamiento adecuado.",
        "Las condiciones del área de encamamiento exponen a los pacientes renales a infecciones "
        "intrahospitalarias.",
        "El desabastecimiento de eritropoyetina y de soluciones de diálisis vulnera el derecho a "
        "la salud de las personas con enfermedad renal crónica, en contravención de lo resuelto "
        "por la Corte de Constitucionalidad.^3^",
    ]
    recomendaciones = [
        ("Ministerio de Salud Pública y Asistencia Social",
         "Al Ministerio de Salud Pública y Asistencia Social:", [
             "Asignar de forma urgente los recursos para reparar las tres máquinas de hemodiálisis "
             "fuera de servicio y elaborar un plan de sustitución de equipo.",
             "Garantizar el abastecimiento continuo de eritropoyetina y de soluciones para "
             "diálisis peritoneal.",
         ]),
        ("Dirección Ejecutiva del Hospital Regional de San Bartolomé",
         "A la Dirección Ejecutiva del Hospital Regional de San Bartolomé:", [
             "Habilitar un área de aislamiento para pacientes renales con infecciones asociadas al "
             "catéter.",
             "Programar la capacitación del personal de enfermería en terapia de reemplazo renal "
             f"antes del {M.f(date(2023, 6, 30))}.",
         ]),
    ]
    firma = f"San Bartolomé, {M.f(date(2023, 4, 17))}."
    mes_informe = M.mes(2023, 4, cap=True)
    return dict(footnotes=footnotes, antecedentes=antecedentes, general=general,
                especificos=especificos, hallazgos=hallazgos, caption=caption,
                conclusiones=conclusiones, recomendaciones=recomendaciones, firma=firma,
                mes_informe=mes_informe)


def inf_build(M: Mentions, data: dict):
    C = inf_content(M)
    data.update(C)

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top, INF_EMISOR.upper(), 8, "b", record=hb)
        d.text_at(d.W - d.right, top, "Defensoría de la Salud", 8, "i", align="right", record=hb)
        d.c.setLineWidth(0.5)
        d.c.line(d.left, top - 5, d.W - d.right, top - 5)
        d.blocks.append(hb)
        d.y = top - 12

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.W / 2, d.bottom - 4, f"{d.page}", 8, align="center", record=fb)
        d.blocks.append(fb)

    def item(seccion, numero, texto, **kw):
        return dict(kw, id=f"{seccion}:{kw.get('destinatario', '')}:{numero}", seccion=seccion,
                    numero=numero, texto=texto)

    def builder(target, total):
        d = Doc(target, letter, (66, 66, 40, 40), title="Informe de supervisión",
                footnotes=C["footnotes"], on_page_start=start, on_page_end=end, footer_h=8,
                total_pages=total, fn_size=7.2)
        S, L = 9.2, 11.4
        d.para(INF_TITLE.upper(), size=13, base="b", align="center", after=1, kind="titulo")
        d.para(INF_SUBTITLE, size=10, base="b", align="center", after=1, kind="titulo")
        d.para(f"Defensoría de la Salud — {C['mes_informe']}", size=9, align="center", after=5,
               kind="titulo")
        d.para("I. Antecedentes", size=10, base="b", align="left", after=2, kind="heading")
        for t in C["antecedentes"]:
            d.para(t, size=S, leading=L, after=3)
        d.para("II. Objetivos", size=10, base="b", align="left", before=2, after=2, kind="heading")
        d.para("Objetivo general", size=S, base="bi", align="left", after=1, kind="subheading")
        d.para(C["general"], size=S, leading=L, after=2, kind="item",
               meta=item("objetivo_general", 1, C["general"]))
        d.para("Objetivos específicos", size=S, base="bi", align="left", after=1, kind="subheading")
        for i, t in enumerate(C["especificos"], 1):
            d.para(t, size=S, leading=L, label=f"{i}.", label_w=14, indent=6, after=1, kind="item",
                   meta=item("objetivo_especifico", i, t))
        d.para("III. Hallazgos", size=10, base="b", align="left", before=4, after=2, kind="heading")
        n = 0
        for vi, (vhead, vdate, groups) in enumerate(C["hallazgos"]):
            d.ensure(L * 4 + 4)     # keep the visit heading with its first findings
            d.para(vhead, size=S, base="b", align="left", before=2, after=1, kind="visita")
            for sub, items in groups:
                d.ensure(L * 3 + 2)
                d.para(sub, size=S, base="bi", align="left", after=1, kind="subheading")
                for t in items:
                    n += 1
                    d.para(t, size=S, leading=L, label="•", label_w=12, indent=8, after=1,
                           kind="item", meta=item("hallazgo", n, t, subseccion=sub,
                                                  fecha=vdate.isoformat()))
                if vi == 0 and sub.startswith("Unidad"):
                    d.space(3)
                    d.figure(72, C["caption"], seed=7)
        d.para("IV. Conclusiones", size=10, base="b", align="left", before=4, after=2,
               kind="heading")
        for i, t in enumerate(C["conclusiones"], 1):
            d.para(t, size=S, leading=L, label=f"{i}.", label_w=14, indent=6, after=1, kind="item",
                   meta=item("conclusion", i, t))
        d.para("V. Recomendaciones", size=10, base="b", align="left", before=4, after=2,
               kind="heading")
        for dest, head, items in C["recomendaciones"]:
            d.para(head, size=S, base="b", align="left", before=1, after=1, kind="destinatario",
                   keep=3)
            for i, t in enumerate(items, 1):
                d.para(t, size=S, leading=L, label=f"{i}.", label_w=14, indent=6, after=1,
                       kind="item", meta=item("recomendacion", i, t, destinatario=dest))
        d.para(C["firma"], size=S, align="right", before=6, after=14, kind="cierre")
        d.para("Licda. Marta Eugenia Coyoy Sical", size=S, base="b", align="center", after=0,
               kind="firma", keep=2)
        d.para("Defensora de la Salud", size=S, align="center", kind="firma")
        return d

    return builder


INF_WORD_DAMAGE = {
    1: [("Hospital Regional de San Bartolomé es", "Hospltal Regional de San Bartolomé es"),
        ("máquinas de hemodiálisis en", "máquinas de hernodiálisis en")],
    2: [("personal de enfermería en", "personal de enfermeria en"),
        ("abastecimiento continuo", "abastecimiento contlnuo")],
}


def inf_ocr(d: Doc) -> str:
    """Export in the style of seed 000: every line followed by a blank line, trailing spaces,
    bullet glyphs lost (the item starts with one space), footnote URLs split over lines, and
    the page's hyperlinks dumped whole after the footnotes."""
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        links: list[str] = []
        sep_done = False
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "header":
                out += [" " + "   ".join(b.lines) + " ", ""]
            elif b.kind == "footer":
                continue
            elif b.kind == "figure":
                out += [" ", ""]
            elif b.kind == "footnote":
                if not sep_done:
                    out += [" " * 39, ""]
                    sep_done = True
                for i, ln in enumerate(b.lines):
                    out += [(f"{b.label} " if i == 0 else "") + ln + " ", ""]
                for m in re.findall(r"https?://\S+", d.fn_defs[b.label]):
                    links.append(m)
            else:
                for i, ln in enumerate(b.words):
                    t = line_text(ln, sup_sep=" ")
                    if i == 0 and b.label == "•":
                        t = " " + t
                    elif i == 0 and b.label:
                        t = f"{b.label} {t}"
                    out += [t + " ", ""]
        if links:
            out += [""] + links + [""]
        text = "\n".join(out)
        text = damage(text, INF_WORD_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def inf_truth(d: Doc, data: dict) -> dict:
    out = []
    for b in d.blocks:
        if b.kind != "item" or b.cont:
            continue
        m = b.meta
        # the drawn lines of the item (all its page pieces) must spell the authored text
        drawn = " ".join(l for x in d.blocks if x.kind == "item" and x.meta.get("id") == m["id"]
                         for l in x.lines)
        authored = re.sub(r"\^\d+\^", "", m["texto"])
        assert drawn == re.sub(r"\^(\d+)\^", r"\1", m["texto"]), (drawn, authored)
        out.append({"seccion": m["seccion"], "subseccion": m.get("subseccion"),
                    "numero": m["numero"], "texto": authored, "fecha": m.get("fecha"),
                    "destinatario": m.get("destinatario"), "page": b.page})
    return {"findings": out}


INF_DOC = {"emisor": INF_EMISOR, "titulo": f"{INF_TITLE}: {INF_SUBTITLE}",
           "clave_documento": None, "fecha_documento": "2023-04-17"}


# --------------------------------------------------------------------------------------------
# Scanning: render the text PDF, degrade it, write an image-only PDF
# --------------------------------------------------------------------------------------------
def scan(src: Path, dst: Path, seed: int, quality: int = 30) -> None:
    """Image-only copy of src: 200 dpi greyscale, skewed <= 0.55 deg, toner/paper tones, noise,
    blur, dust specks and a lid shadow; JPEG-compressed (quality ~30, like office scanners)."""
    rng = np.random.RandomState(seed)
    pdf = pdfium.PdfDocument(str(src))
    imgs = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        page.close()
        angle = float(rng.uniform(0.2, 0.55)) * (1 if rng.rand() < 0.5 else -1)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        a = np.asarray(img, dtype=np.float32)
        h, w = a.shape
        a = 28 + a * (240 - 28) / 255.0            # toner is not black, paper is not white
        a += rng.normal(0, 6.0, a.shape).astype(np.float32)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
        img = img.filter(ImageFilter.GaussianBlur(0.95))
        a = np.asarray(img, dtype=np.float32)
        a = np.where(a > 220, 244, a)               # the scanner's auto-level flattens the paper
        # a soft shadow along the left edge (flatbed lid) and a few dust specks
        a[:, :40] -= np.linspace(50, 0, 40, dtype=np.float32)[None, :]
        for _ in range(int(h * w / 90000)):
            y, x = int(rng.randint(0, h - 3)), int(rng.randint(0, w - 3))
            a[y:y + int(rng.randint(1, 4)), x:x + int(rng.randint(1, 4))] = float(rng.uniform(40, 150))
        imgs.append(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L"))
    pdf.close()
    imgs[0].save(dst, "PDF", save_all=True, append_images=imgs[1:], resolution=float(SCAN_DPI),
                 quality=quality, optimize=True, title=dst.stem, creationDate=FIXED_PDF_TIME,
                 modDate=FIXED_PDF_TIME, producer="Scanner")


# --------------------------------------------------------------------------------------------
# Mentions cross-check over the authored (undamaged) text
# --------------------------------------------------------------------------------------------
_MES = "|".join(MESES)
_FULL = re.compile(rf"\b(\d{{1,2}})(?:\s+[a-záéíóúñ]+)?\s+de\s+({_MES})\s+de(?:l)?\s+(\d{{4}})", re.I)
_MONTH = re.compile(rf"\b({_MES})\s+(?:de(?:l)?\s+)?(\d{{4}})", re.I)
_URL = re.compile(r"https?://[^\s)]+")


def check_mentions(d: Doc, M: Mentions) -> None:
    text = "\n".join(d.sources)
    full, spans = set(), []
    for m in _FULL.finditer(text):
        full.add(date(int(m.group(3)), MESES.index(m.group(2).lower()) + 1, int(m.group(1))).isoformat())
        spans.append(m.span())
    months = set()
    for m in _MONTH.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        months.add(f"{m.group(2)}-{MESES.index(m.group(1).lower()) + 1:02d}")
    urls = {u.rstrip(".,;") for u in _URL.findall(text)}
    assert full == set(M.fecha), (sorted(full), sorted(M.fecha))
    assert months == set(M.fecha_mes), (sorted(months), sorted(M.fecha_mes))
    assert urls == set(M.url), (sorted(urls), sorted(M.url))


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------
def write_golden(name: str, family: str, pages: int, source: str, docmeta: dict, rows: dict,
                 M: Mentions) -> None:
    g = {"file": name,
         "documents": dict({"doc_type": family, "pages": pages, "text_source": source}, **docmeta)}
    g.update(rows)
    g["mentions"] = M.as_json()
    (GOLDENS / f"{name}.json").write_text(json.dumps(g, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


def make_family(family: str, build, ocr, truth, docmeta: dict, seed: int, quality: int = 30) -> dict:
    M = Mentions()
    data: dict = {}
    builder = build(M) if family == "mir_avance" else build(M, data)
    pdf_path = SAMPLES / f"{family}_texto.pdf"
    doc = layout(builder, pdf_path)
    check_mentions(doc, M)
    rows = truth(doc) if family == "mir_avance" else truth(doc, data)
    scan(pdf_path, SAMPLES / f"{family}_escaneado.pdf", seed, quality)
    txt = ocr(doc)
    assert txt.count("\f") == doc.page - 1
    (SAMPLES / f"{family}_ocr.txt").write_text(txt, encoding="utf-8")
    for name, source in ((f"{family}_texto.pdf", "text_layer"), (f"{family}_escaneado.pdf", "ocr"),
                         (f"{family}_ocr.txt", "plain_text")):
        write_golden(name, family, doc.page, source, docmeta, rows, M)
    return {"family": family, "pages": doc.page}


def main() -> int:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    GOLDENS.mkdir(parents=True, exist_ok=True)
    mir_prepare()
    results = [
        make_family("mir_avance", mir_build, mir_ocr, mir_truth, MIR_DOC, seed=1101),
        make_family("convenio_asm", conv_build, conv_ocr, conv_truth, CONV_DOC, seed=2202,
                    quality=24),   # densest pages: keep the scan near 300 KB
        make_family("dictamen_puntajes", dict_build, dict_ocr, dict_truth, DICT_DOC, seed=3303),
        make_family("informe_supervision", inf_build, inf_ocr, inf_truth, INF_DOC, seed=4404),
    ]
    for r in results:
        print(f"{r['family']:22s} {r['pages']} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
