"""The text-layer PDF: items laid out on pages with the document's running header and footer.

Reuses the toolkit's ``Doc`` (justified paragraphs with bold runs, signature columns, the
two-pass layout for 'Página X de N') and adds what this family needs: pages that turn to
landscape for a wide score table and back, and the four table rule styles of ``grid``.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.pagesizes import landscape, letter

from .._layout import Doc
from .._text import Block, parse_rich, wrap
from .grid import MIN_SIZE, GridDrawer, plan_widths
from .model import Grid, Item, Para, Signatures
from .spec import Spec

PAGE_SIZES = {"letter": letter, "oficio": (612.0, 936.0)}  # oficio: the 8.5 × 13 in Mexican legal sheet
MARGINS = (62, 56, 40, 36)  # left, right, top, bottom (points)
FOOTER_H = {"pagina_de": 14, "numero": 12, "direccion": 22, "ninguno": 0}
HEADER_H = {"escudo": 34, "centrado": 30, "clave_solo": 22}
SHRINK_STEP = 0.25  # points a table's print shrinks by when its columns do not fit


class PageDoc(Doc):
    """A ``Doc`` whose next page may have another size (a landscape table inside a portrait document)."""

    def _begin_page(self):
        size = getattr(self, "pending_size", None)
        if size is not None:
            self.pending_size = None
            self.c.setPageSize(size)
            self.W, self.H = size
            self.width = self.W - self.left - self.right
        super()._begin_page()

    def draw_line(self, x, baseline, line, size, width, align="left", justify=False):
        """The toolkit's line, then word spacing back to 0: PDF keeps ``Tw`` across text objects,
        so without the reset every later line of the page (table cells, footers) would be drawn
        with the last justified line's spacing and overflow its cell."""
        super().draw_line(x, baseline, line, size, width, align, justify)
        if justify and len(line) > 1:
            t = self.c.beginText()
            t.setWordSpace(0)
            self.c.drawText(t)

    def turn(self, size) -> None:
        """Continue on a new page of ``size``."""
        self.pending_size = size
        self.new_page()


def running_header(spec: Spec):
    inst, style, clave = spec.inst, spec.look.header_style, spec.clave

    def start(d: Doc) -> None:
        hb = Block("header", d.page)
        top = d.H - d.top
        if style == "escudo":
            d.text_at(d.left, top - 6, inst.estado.upper(), 14, "b", record=hb)
            d.text_at(d.W - d.right, top - 2, inst.nombre.upper(), 8, "b", align="right", record=hb)
            if clave:
                d.text_at(d.W - d.right, top - 13, clave, 8, align="right", record=hb)
            rule = top - 19
        elif style == "centrado":
            d.text_at(d.W / 2, top - 3, inst.nombre.upper(), 9.5, "b", align="center", record=hb)
            d.text_at(d.W / 2, top - 14, inst.servicio, 7.5, align="center", record=hb)
            rule = top - 19
        else:
            d.text_at(d.left, top - 3, inst.acronimo, 9, "b", record=hb)
            if clave:
                d.text_at(d.W - d.right, top - 3, clave, 8, align="right", record=hb)
            rule = top - 8
        d.c.setLineWidth(0.7)
        d.c.line(d.left, rule, d.W - d.right, rule)
        d.blocks.append(hb)
        d.y = top - HEADER_H[style]

    return start


def running_footer(spec: Spec):
    inst, style = spec.inst, spec.look.footer_style

    def end(d: Doc) -> None:
        fb = Block("footer", d.page)
        base = d.bottom + 2
        if style == "pagina_de":
            d.text_at(d.W - d.right, base, f"Página {d.page} de {d.total_pages or 0}", 7.5, align="right", record=fb)
            d.text_at(d.left, base, inst.direccion, 6.5, record=fb)
        elif style == "numero":
            d.text_at(d.W / 2, base, str(d.page), 8, align="center", record=fb)
        elif style == "direccion":
            d.text_at(d.W / 2, base + 9, inst.direccion, 6.5, align="center", record=fb)
            d.text_at(d.W / 2, base, inst.sitio, 6.5, align="center", record=fb)
        if fb.lines:
            d.blocks.append(fb)

    return end


def fitted(grid: Grid, avail: float) -> tuple[Grid, list[float]] | None:
    """The grid at the largest print size ≤ its own whose columns fit ``avail``."""
    size = grid.size
    while size >= MIN_SIZE:
        g = replace(grid, size=size)
        widths = plan_widths(g, avail)
        if widths is not None:
            return g, widths
        size -= SHRINK_STEP
    return None


def draw_grid(d: PageDoc, grid: Grid, portrait, spec: Spec, body: float) -> None:
    landscape_size = landscape(portrait)
    turned = grid.landscape
    fit = fitted(grid, landscape_size[0] - d.left - d.right if turned else d.width)
    if fit is None and not turned:  # too wide for a portrait page: printed sideways, as real annexes are
        turned = True
        fit = fitted(grid, landscape_size[0] - d.left - d.right)
    if fit is None:
        raise ValueError(f"table {grid.name} does not fit even in landscape at {MIN_SIZE} pt")
    g, widths = fit
    if grid.name == "scores":
        spec.extra.update(tabla_horizontal=turned, tabla_tamano=g.size)
    if turned:
        d.turn(landscape_size)
    drawer = GridDrawer(d, g, widths)
    cap_size = body - 0.5
    cap_h = sum(len(wrap(parse_rich(line, "b"), cap_size, d.width)) * cap_size * 1.28 + 1 for line in g.caption) + 3
    d.ensure(cap_h + drawer.header_h + drawer.first_row_h() + 4)
    for line in g.caption:
        d.para(line, size=cap_size, base="b", align="center", after=1, kind="caption", meta={"grid": g.name})
    d.space(3)
    drawer.draw_header()
    drawer.draw_rows()
    if turned:
        d.turn(portrait)
    else:
        d.space(6)


def builder(spec: Spec, items: list[Item]):
    portrait = PAGE_SIZES[spec.look.pagesize]
    body = spec.prose["body_size"]

    def build(target, total):
        d = PageDoc(
            target,
            portrait,
            MARGINS,
            title=spec.clave or spec.inst.acronimo,
            on_page_start=running_header(spec),
            on_page_end=running_footer(spec),
            footer_h=FOOTER_H[spec.look.footer_style] + 4,
            total_pages=total,
        )
        for it in items:
            if isinstance(it, Para):
                d.para(
                    it.text,
                    size=body + it.size,
                    align=it.align,
                    base=it.base,
                    before=it.before,
                    after=it.after,
                    kind=it.kind,
                    keep=it.keep,
                )
            elif isinstance(it, Grid):
                draw_grid(d, it, portrait, spec, body)
            elif isinstance(it, Signatures):
                d.columns(it.cols, size=body - 0.5, gap_before=34, kind="sig")
        return d

    return build
