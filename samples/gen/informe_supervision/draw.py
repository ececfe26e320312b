"""The plan drawn as a text-layer PDF with the toolkit's ``Doc`` (reportlab, ``invariant=1``).

Drawing decides nothing about content: every choice was drawn into the plan. What happens
here is only layout — line wrapping, hyphenation at the line ends the wrap produces, page
breaks, footnotes at the foot of the page their mark lands on — and it is recorded: for each
element, the ``Block``s it became (their pages and lines), which is where the truth's
``page`` and the OCR'd-text form come from. Two passes, because 'Página 3 de 7' needs the 7.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from .._layout import Doc
from .._text import Block
from .hyphen import hyphenate
from .model import El, Plan

ITEM_INDENT = 8.0  # from the margin to an item's label
HEADER_GAP = 14.0  # from the running header's baseline to the first line of text
FOOTNOTE_SIZE = 7.2
HYPHENATED_KINDS = ("para", "item", "parrafo_item")


class ReportDoc(Doc):
    """``Doc`` with the word spacing reset after a justified line. PDF word spacing (Tw) is
    graphics state: it outlives the text object that set it, so without the reset the last
    line of a justified paragraph — and any table cell drawn after it — is stretched too."""

    stretched = False

    def unstretch(self) -> None:
        if self.stretched:
            reset = self.c.beginText(self.left, self.bottom)
            reset.setWordSpace(0)
            self.c.drawText(reset)
            self.stretched = False

    def draw_line(self, x, baseline, line, size, width, align="left", justify=False):
        if not (justify and len(line) > 1):
            self.unstretch()
        super().draw_line(x, baseline, line, size, width, align, justify)
        self.stretched = self.stretched or (justify and len(line) > 1)


@dataclass
class Drawn:
    doc: Doc
    pages: int
    blocks: dict[int, list[Block]] = field(default_factory=dict)  # element index -> its blocks
    printed: dict[int, str] = field(default_factory=dict)  # element index -> text handed to the layout
    hyphenations: int = 0


def label_width(label: str, size: float) -> float:
    return max(12.0, stringWidth(label, "Helvetica", size) + 5)


def inline_label(label: str | None) -> bool:
    """Ordinal labels ('PRIMERA.', 'DÉCIMA SEGUNDA.') are printed in bold at the start of the
    paragraph, not hanging in the margin."""
    return bool(label) and label.rstrip(".").replace(" ", "").isalpha() and len(label) > 3


def draw_header(d: Doc, h: dict) -> None:
    hb = Block("header", d.page)
    top = d.H - d.top
    c = d.c
    if h["style"] == "emisor_unidad":
        d.text_at(d.left, top, h["left"], 8, "b", record=hb)
        both = stringWidth(h["left"], "Helvetica-Bold", 8) + stringWidth(h["right"], "Helvetica-Oblique", 8) + 20
        if both > d.width:  # a long issuer name pushes the unit under it
            top -= 9
        d.text_at(d.W - d.right, top, h["right"], 8, "i", align="right", record=hb)
        c.setLineWidth(0.5)
        c.line(d.left, top - 5, d.W - d.right, top - 5)
    elif h["style"] == "logo":
        c.setFillGray(0.55)
        c.rect(d.left, top - 14, 24, 24, stroke=0, fill=1)
        c.setFillGray(0)
        d.text_at(d.left + 30, top, h["left"], 8, "b", record=hb)
        d.text_at(d.left + 30, top - 10, h["right"], 7.5, record=hb)
        top -= 10
    elif h["style"] == "emisor_centrado":
        d.text_at(d.W / 2, top, h["left"], 9, "b", align="center", record=hb)
        d.text_at(d.W / 2, top - 10, h["right"], 7.5, "i", align="center", record=hb)
        top -= 10
    else:  # titulo_entidad: two right-aligned italic lines, as the real audit report
        d.text_at(d.W - d.right, top, h["left"], 7.5, "i", align="right", record=hb)
        d.text_at(d.W - d.right, top - 9, h["right"], 7.5, "i", align="right", record=hb)
        top -= 9
    d.blocks.append(hb)
    d.y = top - HEADER_GAP


def furniture(plan: Plan):
    def start(d: ReportDoc) -> None:
        if d.page > plan.unnumbered and plan.header:
            draw_header(d, plan.header)

    def end(d: ReportDoc) -> None:
        if d.page <= plan.unnumbered or not plan.footer:
            return
        d.unstretch()  # a page that ends inside a justified paragraph
        total = (d.total_pages or d.page) - plan.unnumbered
        fb = Block("footer", d.page)
        d.text_at(
            d.W / 2, d.bottom - 4, plan.footer.format(n=d.page - plan.unnumbered, t=total), 8, align="center", record=fb
        )
        d.blocks.append(fb)

    return start, end


def draw_el(d: Doc, plan: Plan, i: int, el: El, out: Drawn) -> list[Block]:
    """One element; returns the blocks it drew (empty for breaks and boxes)."""
    pg = plan.page
    S, L = pg.body, pg.leading
    align = "justify" if pg.justify else "left"
    o = el.opts
    k = el.kind
    if k == "titulo":
        return d.para(
            el.text, size=o.get("size", S + 4), base="b", align="center", before=o.get("space", 0), after=4, kind=k
        )
    if k == "linea":
        return d.para(el.text, size=S, align=o.get("align", "center"), before=o.get("space", 0), after=6, kind=k)
    if k == "clave":
        return d.para(el.text, size=S - 1, align="right", after=6, kind=k)
    if k == "heading":
        d.ensure(L * 5)
        lines = o["lines"]
        blocks = []
        for j, line in enumerate(lines):
            blocks += d.para(
                line,
                size=S + 1,
                base="b",
                align="left",
                before=8 if j == 0 else 0,
                after=3 if j == len(lines) - 1 else 0,
                kind=k,
            )
        return blocks
    if k in ("subheading", "visita", "destinatario", "resultado"):
        d.ensure(L * 4)
        base = "bi" if k == "subheading" and plan.variant.get("subtitulos_cursiva") else "b"
        return d.para(el.text, size=S, base=base, align="left", before=4, after=2, kind=k)
    if k in HYPHENATED_KINDS:
        label, indent, label_w, text = None, 0.0, 0.0, el.text
        if k == "item":
            if inline_label(el.label):
                text = f"**{el.label}** {text}"
            else:
                label, indent = el.label, ITEM_INDENT
                label_w = label_width(el.label or "•", S)
        width = d.width - indent - label_w
        text, n = hyphenate(text, S, width, random.Random(f"{plan.seed}:{i}"), pg.hyphen_rate)
        out.hyphenations += n
        out.printed[i] = text
        return d.para(
            text,
            size=S,
            leading=L,
            label=label,
            label_w=label_w,
            indent=indent,
            align=align,
            after=3 if k == "item" else 5,
            kind=k,
        )
    if k == "figure":
        out.printed[i] = el.text
        return d.figure(60 + o["seed"] % 50, el.text, seed=o["seed"])
    if k == "cierre":
        return d.para(el.text, size=S, align="right", before=10, after=18, kind=k)
    if k == "firma":
        d.ensure(L * (len(o["lines"]) + 1))
        blocks = []
        for j, line in enumerate(o["lines"]):
            blocks += d.para(line, size=S, base="b" if j == 0 else "n", align="center", after=0, kind=k)
        return blocks
    if k == "table":
        width = d.width
        cols = [{"key": key, "w": width * f, "align": "c" if key == "status" else "l"} for key, f, _ in o["cols"]]
        header = {key: label for key, _, label in o["cols"]}
        return d.table(cols, header, o["rows"], size=S - 2, kind="table_row")
    if k == "redaccion":
        redact_after_last_line(d, o["w"], S)
        return []
    if k == "pagebreak" or k == "blank_page":
        d.new_page()
        return []
    raise ValueError(f"cannot draw element kind {k!r}")


def redact_after_last_line(d: Doc, w: float, size: float) -> None:
    """A grey box after the last printed line (a 'versión pública' redaction at a paragraph's
    end, as in the real audit report); it hides nothing the text layer holds."""
    last = next((b for b in reversed(d.blocks) if b.items and b.page == d.page), None)
    if last is None:
        return
    x, base, text, _ = last.items[-1]
    x0 = x + stringWidth(text, "Helvetica", size) + 4
    w = min(w, d.W - d.right - x0)
    if w > 8:
        d.c.setFillGray(0.78)
        d.c.rect(x0, base - 2, w, size + 1, stroke=0, fill=1)
        d.c.setFillGray(0)


def draw_plan(plan: Plan, target, total: int | None) -> Drawn:
    start, end = furniture(plan)
    d = ReportDoc(
        target,
        plan.page.size,
        plan.page.margins,
        title=plan.documents.get("titulo") or "Informe",
        footnotes=plan.footnotes,
        on_page_start=start,
        on_page_end=end,
        footer_h=10,
        total_pages=total,
        fn_size=FOOTNOTE_SIZE,
    )
    out = Drawn(d, 0)
    for i, el in enumerate(plan.els):
        out.blocks[i] = draw_el(d, plan, i, el, out)
    out.pages = d.finish()
    return out


def layout_plan(plan: Plan, path: Path | None) -> tuple[Drawn, bytes | None]:
    """Probe pass for the page count, then the real pass (to ``path``, or to memory when no
    text PDF is asked for — the truth and the other forms still need the layout)."""
    probe = draw_plan(plan, io.BytesIO(), None)
    if path is None:
        buf = io.BytesIO()
        drawn = draw_plan(plan, buf, probe.pages)
        data = buf.getvalue()
    else:
        drawn = draw_plan(plan, str(path), probe.pages)
        data = None
    assert drawn.pages == probe.pages, (drawn.pages, probe.pages)
    return drawn, data
