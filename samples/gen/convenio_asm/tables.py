"""The ASM rows of a document as table rows (``asm_table.VRow``), for each format's table.

A finding is one body row, plus a ``Fecha comprometida de cumplimiento:`` row under it when
the date is not a column; a CONEVAL aspect is one wide row; a label/value sheet is five rows
(label | value) per aspect. Every row carries the (tipo, numero) of its record, which is how
the truth finds the pages and boxes of a record after the table is drawn.
"""

from __future__ import annotations

from . import dates as D
from .asm_table import Cell, Col, VRow
from .axes import Ejes
from .model import Actividad, Fila

FICHA_LABELS = (
    "Aspecto Susceptible de Mejora:",
    "Acción a emprender:",
    "Áreas que intervienen:",
    "Resultados esperados:",
    "Productos y/o evidencias:",
)
TRABAJO_HEADER = (
    "Núm. Consc.",
    "Aspectos Susceptibles de Mejora",
    "Actividades",
    "Área Responsable",
    "Fecha de Término",
    "Resultados Esperados",
    "Productos y/o Evidencias",
)
INSTITUCIONAL_HEADER = (
    "Núm. Consc.",
    "Aspecto Susceptible de Mejora",
    "Área Coordinadora",
    "Acciones a emprender",
    "Área Responsable",
    "Fecha de Término",
    "Resultados Esperados",
    "Productos y/o evidencias",
)
TRABAJO_KEYS = ("no", "texto", "actividad", "area", "fecha", "resultados", "evidencias")
INSTITUCIONAL_KEYS = ("no", "texto", "coordinadora", "actividad", "area", "fecha", "resultados", "evidencias")
TRABAJO_W = (34, 150, 125, 72, 66, 100, 90)
INSTITUCIONAL_W = (30, 118, 74, 112, 84, 58, 92, 112)
# what an unreadable date leaves in the OCR'd text: a smudge read as punctuation, or nothing
SMUDGES = ("", "~", ".,", "-:-", "'")


def actividad_cell(a: Actividad, vineta: str) -> Cell:
    if not a.is_list:
        return Cell(text=a.items[0])
    return Cell(intro=a.intro, items=a.items, vineta=vineta)


def fecha_cell(f: D.FechaImpresa | None, invert: bool = False) -> Cell:
    if f is None:
        return Cell()
    if f.kind == D.ILEGIBLE:
        return Cell(blot=True, align="c")
    return Cell(text=f.texto, align="c", invert=invert and bool(f.texto))


def convenio_cols(width: float, with_fecha: bool) -> list[Col]:
    """No. | finding | activity [| date]: the widths the seed's tables have, scaled to the page."""
    if with_fecha:
        ws = (0.06, 0.36, 0.39, 0.19)
        keys = ("no", "texto", "actividad", "fecha")
    else:
        ws = (0.06, 0.42, 0.52)
        keys = ("no", "texto", "actividad")
    return [Col(k, width * w, "c" if k in ("no", "fecha") else "l") for k, w in zip(keys, ws)]


def convenio_rows(filas: list[Fila], e: Ejes, fecha_row: bool) -> list[VRow]:
    rows = []
    for f in filas:
        rec = (f.tipo, f.numero)
        cells = {
            "no": Cell(text=str(f.numero)),
            "texto": Cell(text=f.texto),
            "actividad": actividad_cell(f.actividad, e.vineta),
        }
        if not fecha_row:
            cells["fecha"] = fecha_cell(f.fecha)
        rows.append(VRow(cells, "body", rec))
        if fecha_row:
            label = Cell(text=e.fecha_etiqueta, span_to="texto", bold=True)
            rows.append(VRow({"no": label, "actividad": fecha_cell(f.fecha)}, "fecha", rec))
    return rows


def coneval_cols(width: float, institucional: bool) -> list[Col]:
    keys, ws = (INSTITUCIONAL_KEYS, INSTITUCIONAL_W) if institucional else (TRABAJO_KEYS, TRABAJO_W)
    scale = width / sum(ws)
    return [Col(k, w * scale, "c" if k in ("no", "fecha", "area", "coordinadora") else "l") for k, w in zip(keys, ws)]


def coneval_rows(filas: list[Fila], invert_dates: bool) -> list[VRow]:
    rows = []
    for f in filas:
        cells = {
            "no": Cell(text=str(f.numero)),
            "texto": Cell(text=f.texto),
            "actividad": actividad_cell(f.actividad, "•"),
            "area": Cell(text=f.area_responsable or ""),
            "fecha": fecha_cell(f.fecha, invert_dates),
            "resultados": Cell(text=f.resultados or ""),
            "evidencias": Cell(items=f.evidencias) if len(f.evidencias) > 1 else Cell(text=f.evidencias[0]),
        }
        if f.area_coordinadora:
            cells["coordinadora"] = Cell(text=f.area_coordinadora)
        rows.append(VRow(cells, "body", (f.tipo, f.numero)))
    return rows


def ficha_rows(f: Fila) -> list[VRow]:
    """One aspect as label/value rows; list values one item per line, no marker (real sheets)."""
    act = f.actividad
    values = (
        Cell(text=f.texto),
        Cell(text=act.items[0]) if not act.is_list else Cell(intro=act.intro, items=act.items),
        Cell(text=f.area_responsable or ""),
        Cell(text=f.resultados or ""),
        Cell(items=f.evidencias) if len(f.evidencias) > 1 else Cell(text=f.evidencias[0]),
    )
    rec = (f.tipo, f.numero)
    return [VRow({"label": Cell(text=lab, bold=True), "value": v}, "body", rec) for lab, v in zip(FICHA_LABELS, values)]
