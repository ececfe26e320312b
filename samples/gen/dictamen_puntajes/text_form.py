"""The OCR'd-text form: what the drawing recorded, described as ``gen._damage`` blocks.

Built from the drawn blocks (never re-composed), so every page break, wrapped cell line and
repeated table header of the text form is where the PDF has it. Paragraphs come unwrapped, one
line each (seed 003's export) or as printed lines; tables in the spec's text style, with the
two-line header (``Metas`` over ``Individuales | Colectivas``) as two header rows, as the seed's
tab-separated export shows it.
"""

from __future__ import annotations

from .._damage import PageBreak, Paragraph, RunningFooter, RunningHeader, Table
from .._layout import Doc
from .spec import Spec

TABLE_KINDS = ("table_header", "table_row")


def header_lines(spec: Spec) -> list[str]:
    inst, style = spec.inst, spec.look.header_style
    if style == "escudo":
        lines = [inst.estado.upper(), "", inst.nombre.upper()]
        return lines + (["", spec.clave] if spec.clave else [])
    if style == "centrado":
        return [inst.nombre.upper(), inst.servicio]
    return [inst.acronimo + (f"  {spec.clave}" if spec.clave else "")]


def footer_lines(spec: Spec) -> list[str]:
    style, inst = spec.look.footer_style, spec.inst
    if style == "pagina_de":
        return [inst.direccion, "Página {page} de {pages}"]
    if style == "numero":
        return ["{page}"]
    if style == "direccion":
        return [inst.direccion, inst.sitio]
    return []


def header_rows(blk) -> list[tuple[str, ...]]:
    """One header row, or two when a group label spans columns (the group over its sub-labels)."""
    cells, groups = blk.meta["cells"], blk.meta["groups"]
    keys = list(cells)
    if not groups:
        return [tuple("\n".join(cells[k]) for k in keys)]
    grouped = {k: label for label, ks in groups for k in ks}
    first = {ks[0] for _, ks in groups}
    top = tuple(grouped[k] if k in first else "" if k in grouped else "\n".join(cells[k]) for k in keys)
    sub = tuple("\n".join(cells[k]) if k in grouped else "" for k in keys)
    return [top, sub]


def table_block(run: list, spec: Spec, style: str) -> Table:
    """The recorded header and rows of one grid, with a break wherever a row's page changes."""
    head = next(b for b in run if b.kind == "table_header")
    rows = [b for b in run if b.kind == "table_row"]
    assert rows and rows[0].page == head.page, "a table's header is drawn on the page of its first row"
    keys = list(head.meta["cells"])
    body = [tuple("\n".join(b.meta["cells"][k]) for k in keys) for b in rows]
    breaks = tuple(i for i in range(1, len(rows)) if rows[i].page != rows[i - 1].page)
    repeat = sum(1 for b in run if b.kind == "table_header") > 1
    return Table(body, tuple(header_rows(head)), style=style, breaks=breaks, repeat_header=repeat)


def paragraph(blk, unwrap: bool) -> Paragraph:
    if blk.kind == "sig":
        cols: dict = {}
        for _, _, text, col in blk.items:
            cols.setdefault(col, []).append(text)
        return Paragraph([line for c in sorted(cols) for line in [*cols[c], ""]][:-1])
    lines = [" ".join(blk.lines)] if unwrap else list(blk.lines)
    return Paragraph(lines)


def text_blocks(d: Doc, spec: Spec) -> list:
    """The document as damage-channel blocks, page breaks where the drawing broke its pages."""
    blocks: list = [RunningHeader(header_lines(spec)), RunningFooter(footer_lines(spec))]
    page = 1
    body = [b for b in d.blocks if b.kind not in ("header", "footer")]
    unwrap = spec.text.paragraphs == "unwrapped"
    i = 0
    while i < len(body):
        blk = body[i]
        while page < blk.page:
            blocks.append(PageBreak())
            page += 1
        if blk.kind in TABLE_KINDS:
            grid = blk.meta["grid"]
            j = i
            while j < len(body) and body[j].kind in TABLE_KINDS and body[j].meta["grid"] == grid:
                j += 1
            run = body[i:j]
            style = spec.text.table_style if grid == "scores" else "tsv"
            blocks.append(table_block(run, spec, style))
            page = run[-1].page
            i = j
            continue
        blocks.append(paragraph(blk, unwrap))
        i += 1
    while page < d.page:
        blocks.append(PageBreak())
        page += 1
    return blocks
