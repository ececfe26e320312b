"""How a municipal MIR report prints its rows: which columns, in which order and grouping, what
each cell says, and how wide everything is on which page.

Every choice here is one of the drawn axes (``Ejes``); the cell strings are built once, before
layout, so the two layout passes draw the same thing and the text form reads the same cells.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import TABLOID, landscape, legal, letter, portrait

from . import vocab as V
from .common import fmt
from .content import Fila
from .grid import Col, fit_widths

PAGES = {
    "carta_vertical": portrait(letter),
    "carta_horizontal": landscape(letter),
    "oficio_horizontal": landscape(legal),
    "doble_carta_horizontal": landscape(TABLOID),
}
# text columns share what the fixed columns leave, by weight; below the floor (points at 7 pt
# type) a column is too narrow for a real report and the next larger page is taken
TEXT_WEIGHTS = {"nivel": 0.4, "resumen": 1.0, "indicador": 0.9, "comentario": 1.25, "unidad_responsable": 0.45}
TEXT_FLOORS = {"nivel": 46, "resumen": 95, "indicador": 80, "comentario": 105, "unidad_responsable": 55}
# share of cells printed without thousands separators in a "mixto" document (seed 004 prints
# 3500000 beside 700,000 in one row)
MIXTO_SIN_MILES = 0.25
NIVEL_ETIQUETA = {"fin": "Fin", "proposito": "Propósito", "componente": "Componente", "actividad": "Actividad"}
CABECERAS = {
    "nivel": ("Nivel", "Nivel MIR", "Nivel"),
    "clave": ("Clave", "Código", "No."),
    "resumen": ("Resumen narrativo", "Objetivo", "Resumen Narrativo (Objetivo)"),
    "siglas": ("Siglas", "Clave del indicador", "Acrónimo"),
    "indicador": ("Indicador", "Nombre del indicador", "Denominación del indicador"),
    "frecuencia": ("Frecuencia", "Frecuencia de medición", "Periodicidad"),
    "unidad": ("Unidad de medida", "Unidad de medida", "U. de M."),
    "meta": ("Meta anual", "Meta anual programada", "Meta anual"),
    "avance": ("% Avance", "Avance %", "% de cumplimiento"),
    "comentario": ("Comentario", "Observaciones", "Justificación del avance"),
    "unidad_responsable": ("Unidad responsable", "Área responsable", "Unidad responsable"),
    "linea_base": ("Línea base", "Línea base", "Línea base"),
    "sentido": ("Sentido", "Sentido del indicador", "Sentido"),
    "dimension": ("Dimensión", "Dimensión", "Dimensión"),
}
GRUPO_PROG = ("Programado", "Meta programada", "Metas programadas")
GRUPO_ALC = ("Alcanzado", "Realizado", "Avance alcanzado")
SUB_PROG = ("Prog.", "Programado", "Meta")
SUB_ALC = ("Alc.", "Alcanzado", "Real")
EXTRAS = ("unidad_responsable", "linea_base", "sentido", "dimension")


@dataclass
class Ejes:
    """The layout axes of one municipal report (all recorded in ``variant``)."""

    trimestre: int
    clave_pos: str = "en_resumen"  # or "columna"
    proposito_clave: str = "impresa"  # or "omitida"
    siglas: str = "dos_puntos"  # "igual", "guion", "columna"
    agrupacion: str = "por_tipo"  # or "por_trimestre"
    meta_pos: str = "primero"  # or "ultimo"
    avance_col: bool = True
    extras: tuple[str, ...] = ()
    unidad_pos: str = "columna"  # or "en_indicador"
    area_en_nivel: bool = False
    alcanzado_cols: str = "todos"  # or "reportados"
    no_reportado: str = "vacio"  # or "guion"
    no_programado: str = "0"  # "guion", "vacio"
    miles: str = "coma"  # "sin", "mixto"
    enteros_con_decimales: bool = False
    avance_decimales: int = 2
    avance_signo: bool = True
    comentario: str = "columna"  # "ausente", "al_pie"
    nivel_mayusculas: bool = False
    etiquetas_trimestre: str = "T"
    desc_orden: tuple[str, ...] = ("frecuencia", "unidad")
    cabecera: int = 0  # which label set of CABECERAS
    grupos: tuple[int, int, int, int] = (0, 0, 0, 0)  # label choices for group and sub labels

    @property
    def vacio_prog(self) -> str:
        return {"0": "0", "guion": "-", "vacio": ""}[self.no_programado]

    @property
    def vacio_alc(self) -> str:
        return {"guion": "-", "vacio": ""}[self.no_reportado]


def head(ej: Ejes, key: str) -> str:
    return CABECERAS[key][ej.cabecera]


def columns(ej: Ejes) -> list[Col]:
    """The report's columns in print order, their labels and groups (widths come later)."""
    cols = [Col("nivel", head(ej, "nivel"), align="c")]
    if ej.clave_pos == "columna":
        cols.append(Col("clave", head(ej, "clave")))
    cols.append(Col("resumen", head(ej, "resumen")))
    if ej.siglas == "columna":
        cols.append(Col("siglas", head(ej, "siglas"), align="c"))
    cols.append(Col("indicador", head(ej, "indicador")))
    for key in ("unidad_responsable", "dimension", "sentido"):
        if key in ej.extras:
            cols.append(Col(key, head(ej, key), align="l" if key == "unidad_responsable" else "c"))
    for key in ej.desc_orden:
        if key != "unidad" or ej.unidad_pos == "columna":
            cols.append(Col(key, head(ej, key), align="c"))
    if "linea_base" in ej.extras:
        cols.append(Col("linea_base", head(ej, "linea_base"), align="r"))
    meta = Col("meta", head(ej, "meta"), align="r")
    if ej.meta_pos == "primero":
        cols.append(meta)
    etiquetas = V.TRIMESTRE_ETIQUETAS[ej.etiquetas_trimestre]
    alc_q = range(4) if ej.alcanzado_cols == "todos" else range(ej.trimestre)
    gp, ga, sp, sa = ej.grupos
    if ej.agrupacion == "por_tipo":
        cols += [Col(f"p{i + 1}", etiquetas[i], align="r", group=GRUPO_PROG[gp]) for i in range(4)]
        cols += [Col(f"a{i + 1}", etiquetas[i], align="r", group=GRUPO_ALC[ga]) for i in alc_q]
    else:
        for i in range(4):
            cols.append(Col(f"p{i + 1}", SUB_PROG[sp], align="r", group=etiquetas[i]))
            if i in alc_q:
                cols.append(Col(f"a{i + 1}", SUB_ALC[sa], align="r", group=etiquetas[i]))
    if ej.meta_pos == "ultimo":
        cols.append(meta)
    if ej.avance_col:
        cols.append(Col("avance", head(ej, "avance"), align="r"))
    if ej.comentario == "columna":
        cols.append(Col("comentario", head(ej, "comentario")))
    return cols


def number_cell(rng: random.Random, ej: Ejes, f: Fila, value, vacio: str) -> str:
    dec = 2 if (f.decimales or ej.enteros_con_decimales) else 0
    miles = ej.miles
    if miles == "mixto":
        miles = "sin" if rng.random() < MIXTO_SIN_MILES else "coma"
    return fmt(value, dec, miles, vacio)


def avance_text(ej: Ejes, f: Fila) -> str:
    """The printed percentage without its sign (commentary adds '%' itself)."""
    return fmt(f.avance, ej.avance_decimales, "coma" if ej.miles != "sin" else "sin")


def row_cells(rng: random.Random, ej: Ejes, f: Fila, comentario: str | None) -> dict[str, str]:
    etiqueta = NIVEL_ETIQUETA[f.nivel]
    nivel = etiqueta.upper() if ej.nivel_mayusculas else etiqueta
    if ej.area_en_nivel:
        nivel += f"\n({f.area})"
    clave = f.clave if f.clave_impresa else ""
    indicador = {
        "dos_puntos": f"{f.siglas}: {f.indicador}",
        "igual": f"{f.siglas}= {f.indicador}",
        "guion": f"{f.siglas} - {f.indicador}",
        "columna": f.indicador,
    }[ej.siglas]
    if ej.unidad_pos == "en_indicador":
        indicador += f"\nUnidad de medida: {f.unidad}"
    cells = {
        "nivel": nivel,
        "clave": clave,
        "resumen": f"{clave} {f.resumen}".strip() if ej.clave_pos == "en_resumen" else f.resumen,
        "siglas": f.siglas,
        "indicador": indicador,
        "unidad_responsable": f.area,
        "dimension": f.dimension,
        "sentido": f.sentido,
        "frecuencia": f.frecuencia.upper() if ej.nivel_mayusculas else f.frecuencia.capitalize(),
        "unidad": f.unidad,
        "linea_base": number_cell(rng, ej, f, f.linea_base, ""),
        "meta": number_cell(rng, ej, f, f.meta_anual, ""),
    }
    for i in range(4):
        cells[f"p{i + 1}"] = number_cell(rng, ej, f, f.prog[i], ej.vacio_prog)
        vacio = ej.vacio_prog if i < ej.trimestre else ej.vacio_alc
        cells[f"a{i + 1}"] = number_cell(rng, ej, f, f.alc[i] if i < ej.trimestre else None, vacio)
    if f.avance is None:
        cells["avance"] = "N/A" if ej.no_programado == "0" else ej.vacio_prog
    else:
        cells["avance"] = avance_text(ej, f) + ("%" if ej.avance_signo else "")
    cells["comentario"] = comentario or ""
    return cells


@dataclass
class Ajuste:
    """The page and type size the columns fit on, with every column's width."""

    pagina: str
    size: float
    cols: list[Col] = field(default_factory=list)


def fit(cols: list[Col], rows: list[dict[str, str]], size: float, paginas: list[str], margin: float) -> Ajuste | None:
    """The first page of ``paginas`` on which the fixed columns leave the text columns at least
    their floors; the text columns then share the rest by weight."""
    for pagina in paginas:
        fitted = fit_widths(cols, rows, size, PAGES[pagina][0] - 2 * margin, TEXT_WEIGHTS, TEXT_FLOORS)
        if fitted:
            return Ajuste(pagina, size, fitted)
    return None
