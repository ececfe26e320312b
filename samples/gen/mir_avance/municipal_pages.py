"""The pages of a municipal MIR report: running header and footer, the programme data (lines or
a label/value box), the grid (one, or one per Componente block), commentary listed under a
table, the note, signatures and date. Draws through ``_layout.Doc`` and records every drawn
piece in a ``Recorder`` (``doc.rec``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .._layout import Doc
from . import vocab as V
from .common import fecha_larga, firma_columns, record_columns, record_para, stroke_trazo
from .grid import Col, Grid, draw_grid, start_height
from .municipal_layout import PAGES, Ajuste, Ejes
from .record import Recorder

PIES = {"pagina_de": "Página {page} de {pages}", "fraccion": "{page} / {pages}", "hoja": "Hoja {page}", "ninguno": ""}


@dataclass
class Furniture:
    """Everything around the grid, drawn once per document."""

    emisor: str
    estado: str
    titulo: str
    ejercicio: int
    trimestre: int
    corte: date
    elaboracion: date | None
    programa: str
    dependencia: str
    eje: str
    periodo_estilo: str  # "nombre" (Segundo Trimestre 2024), "meses" (Abril - Junio 2024), "corte" (Avance al ...)
    encabezado_corrido: str  # "todas" or "primera"
    pie: str
    formato: str
    bloque_encabezado: bool
    tablas: str  # "una" or "por_componente"
    reglas: str
    repite_encabezado: bool
    header_fill: float | None
    comentario_clave: bool
    nota: str
    url: str | None
    referencia: tuple[str, str] | None
    oficio: str | None
    firmas: list
    margin: float
    trazos: list  # one ink stroke per signer, or none (signed by hand over the printed names)
    sello: bool  # a round stamp over the signatures

    def axes(self) -> dict:
        keys = ("periodo_estilo", "encabezado_corrido", "pie", "bloque_encabezado", "tablas", "reglas")
        out = {k: getattr(self, k) for k in keys}
        out.update(
            repite_encabezado=self.repite_encabezado,
            comentario_clave=self.comentario_clave,
            nota_url=self.url is not None,
            referencia_legal=self.referencia is not None,
            oficio=self.oficio is not None,
            firmas=len(self.firmas),
            firma_trazada=bool(self.trazos),
            sello=self.sello,
            fecha_elaboracion=self.elaboracion is not None,
        )
        return out

    def periodo(self) -> str:
        if self.periodo_estilo == "nombre":
            return f"{V.TRIMESTRE_NOMBRE[self.trimestre - 1]} Trimestre {self.ejercicio}"
        if self.periodo_estilo == "meses":
            return f"Periodo: {V.TRIMESTRE_MESES[self.trimestre - 1]} {self.ejercicio}"
        return f"Avance al {fecha_larga(self.corte)}"

    def running_lines(self) -> tuple[str, ...]:
        return (self.emisor.upper() + f"   Ejercicio Fiscal {self.ejercicio}", self.titulo, self.periodo())

    def footer_lines(self) -> tuple[str, ...] | None:
        return (f"{self.formato}   {PIES[self.pie]}".strip(),)

    def info_pairs(self) -> list[tuple[str, str]]:
        pairs = [
            ("Programa presupuestario", self.programa),
            ("Dependencia ejecutora", self.dependencia),
            ("Eje del Plan Municipal de Desarrollo", self.eje),
            ("Ente público", f"{self.emisor}, {self.estado}"),
        ]
        if self.periodo_estilo != "corte":
            pairs.append(("Fecha de corte", fecha_larga(self.corte)))
        return pairs


def start_page(fur: Furniture, rec: Recorder):
    def start(d: Doc) -> None:
        first = d.page == 1
        if not first and fur.encabezado_corrido == "primera":
            d.y = d.H - d.top
            return
        top = d.H - d.top
        lines = fur.running_lines()
        d.text_at(d.left, top - 10, fur.emisor.upper(), 10, "b")
        d.text_at(d.W - d.right, top - 10, f"Ejercicio Fiscal {fur.ejercicio}", 9, "n", align="right")
        d.text_at(d.W / 2, top - 25, fur.titulo, 11, "b", align="center")
        d.text_at(d.W / 2, top - 38, lines[2], 9.5, "n", align="center")
        y = top - 44
        if first and fur.oficio:
            d.text_at(d.W - d.right, top - 38, f"Oficio No. {fur.oficio}", 8, "n", align="right")
            rec.lines(1, (f"Oficio No. {fur.oficio}",), tag="oficio")
        d.c.setLineWidth(1)
        d.c.line(d.left, y, d.W - d.right, y)
        d.y = y - 8
        if first:
            rec.mark(1, "encabezado")
            if fur.periodo_estilo == "corte":
                rec.mark(1, "corte")
            if fur.encabezado_corrido == "primera":
                rec.lines(1, lines)

    return start


def end_page(fur: Furniture):
    def end(d: Doc) -> None:
        d.text_at(d.left, d.bottom, fur.formato, 7, "n")
        text = PIES[fur.pie]
        if text:
            label = text.format(page=d.page, pages=d.total_pages or 0)
            d.text_at(d.W - d.right, d.bottom, label, 7.5, "n", align="right")

    return end


def draw_info(d: Doc, rec: Recorder, fur: Furniture, ajuste: Ajuste) -> None:
    pairs = fur.info_pairs()
    if fur.bloque_encabezado:
        half = (len(pairs) + 1) // 2
        left, right = pairs[:half], pairs[half:] + [("", "")] * (2 * half - len(pairs))
        w = d.width
        cols = [Col("l1", "", w * 0.2), Col("v1", "", w * 0.3), Col("l2", "", w * 0.2), Col("v2", "", w * 0.3)]
        rows = [{"l1": a[0], "v1": a[1], "l2": b[0], "v2": b[1]} for a, b in zip(left, right)]
        tags = ["info" if i == 0 else None for i in range(len(rows))]
        draw_grid(d, Grid(cols, rows, tags, size=ajuste.size + 0.5, show_header=False), rec)
        if fur.periodo_estilo != "corte":
            rec.mark(d.page, "corte")
        d.y -= 8
        return
    text = "     ".join(f"**{k}:** {v}" for k, v in pairs)
    record_para(d, rec, text, tag="info", size=ajuste.size + 1, align="left", after=6, kind="info")
    if fur.periodo_estilo != "corte":
        rec.mark(d.page, "corte")


def comment_lines(d, rec, ej: Ejes, fur: Furniture, filas, comentarios, idx: list[int], size: float) -> None:
    """Commentary printed under its table instead of in a column (seed 004's detached column)."""
    for i in idx:
        if comentarios[i] is None:
            continue
        f = filas[i]
        lead = (f.clave if f.clave_impresa else f.nivel.capitalize()) + " " if fur.comentario_clave else ""
        text = lead + comentarios[i]
        record_para(d, rec, text, tag=("comentario", i), size=size, align="left", after=2, kind="comentario")
    d.y -= 4


def draw_ink(d: Doc, fur: Furniture) -> None:
    """Signatures and a stamp over the printed names: the text layer keeps the names, a scan
    loses letters under the ink (the state PbR report's signers are crossed this way)."""
    colw = d.width / len(fur.firmas)
    names_y = d.y + 15  # middle of the name line of the signature columns just drawn (8 pt, leading 10)
    for k, trazo in enumerate(fur.trazos):
        stroke_trazo(d.c, d.left + colw * (k + 0.5), names_y, trazo)
    if fur.sello:
        x, y = d.left + colw * (len(fur.firmas) - 0.5) + colw * 0.28, names_y + 10
        d.c.saveState()
        d.c.setStrokeColorRGB(0.35, 0.35, 0.6)
        d.c.setLineWidth(1.2)
        d.c.circle(x, y, 28, stroke=1, fill=0)
        d.c.circle(x, y, 21, stroke=1, fill=0)
        d.c.restoreState()


def builder(fur: Furniture, ej: Ejes, ajuste: Ajuste, filas, cells, comentarios):
    """``build(target, total)``: the document's pages, laid out from the drawn plan only."""
    pagesize = PAGES[ajuste.pagina]
    al_pie = ej.comentario == "al_pie"

    def blocks_of_rows() -> list[tuple[str | None, list[int]]]:
        """(caption, rows) of each table; a caption's Componente is its first row."""
        if fur.tablas == "una":
            return [(None, list(range(len(filas))))]
        out: list[tuple[str | None, list[int]]] = [(None, [i for i, f in enumerate(filas) if f.padre is None][:2])]
        k = 0
        for i, f in enumerate(filas):
            if f.nivel == "componente":
                k += 1
                caption = f"Componente {k}: {f.area}"
                out.append((caption, [i] + [j for j, h in enumerate(filas) if h.padre == i]))
        return out

    def build(target, total) -> Doc:
        rec = Recorder()
        d = Doc(
            target,
            pagesize,
            (fur.margin, fur.margin, 24, 22),
            title=f"MIR_{fur.trimestre}T_{fur.ejercicio}",
            on_page_start=start_page(fur, rec),
            on_page_end=end_page(fur),
            footer_h=14,
            total_pages=total,
        )
        d.rec = rec
        draw_info(d, rec, fur, ajuste)
        for caption, idx in blocks_of_rows():
            rows = [cells[i] for i in idx]
            cols = [Col(c.key, c.head, c.w, c.align, c.group) for c in ajuste.cols]
            grid = Grid(
                cols,
                rows,
                [("fila", i) for i in idx],
                size=ajuste.size,
                rules=fur.reglas,
                header_fill=fur.header_fill if fur.reglas != "sin_reglas" or fur.header_fill else 0.9,
                repeat_header=fur.repite_encabezado,
            )
            if caption:  # a caption stays with its table's header and first row
                d.ensure(start_height(grid) + (ajuste.size + 1.5) * 1.28 + 8)
                tag = ("titulo_componente", idx[0])
                record_para(d, rec, f"**{caption}**", tag=tag, size=ajuste.size + 1.5, align="left", before=4, after=3)
            draw_grid(d, grid, rec)
            d.y -= 6
            if al_pie:
                comment_lines(d, rec, ej, fur, filas, comentarios, idx, ajuste.size + 0.5)
        nota = fur.nota
        if fur.referencia:
            ley, art = fur.referencia
            nota += f" Se informa con fundamento en el artículo {art} de la {ley}."
        if fur.url:
            nota += f" Consulte los informes trimestrales en {fur.url}"
        record_para(d, rec, "Nota: " + nota, tag="nota", size=7.5, align="left", before=4, after=4, kind="nota")
        record_columns(d, rec, firma_columns(fur.firmas), "firmas", size=8, gap_before=10, styles={0: "b"})
        draw_ink(d, fur)
        if fur.elaboracion:
            text = f"Fecha de elaboración: {fecha_larga(fur.elaboracion)}"
            record_para(d, rec, text, tag="elaboracion", size=7.5, align="right", before=6, kind="fecha")
        return d

    return build
