"""The state PbR format (``camp_itse_pbr_indicadores_2025t1.pdf``): "Resultado de los
Indicadores Estratégicos y de Gestión", one row per indicator with only the quarter's figures.

What it has that the municipal report has not: claves ``C1851`` / ``C1851.A1930`` whose prefix
is the nivel (nothing prints it); the indicator number inside its name (``0709 Porcentaje ...``);
meta programada and resultado alcanzado each as variable 1 / variable 2 / percentage, plus the
accumulated result; type/dimension/frequency in one cell; small print; signatures crossing the
printed names; a table that continues without repeating its header. Truth follows the real
golden: programado_t<q> is the meta's percentage, alcanzado_t<q> the result's, no meta anual.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib.pagesizes import landscape, legal, letter

from .._layout import Doc
from . import vocab as V
from .common import (
    Mention,
    Plan,
    bodies_in_posts,
    draw_firmas,
    draw_trazo,
    fmt,
    municipio,
    num,
    persona_mentions,
    record_columns,
    stroke_trazo,
)
from .content import Plantilla, pct
from .grid import Col, Grid, draw_grid, fit_or_shrink
from .record import Recorder

PLANTILLAS = tuple(
    Plantilla.parse(s)
    for s in (
        "Atención|atender|atendid|m|estudiantes de licenciatura",
        "Atención|atender|atendid|m|estudiantes de posgrado",
        "Capacitación|capacitar|capacitad|m|docentes en cursos de actualización",
        "Realización|realizar|realizad|f|acciones para la igualdad entre mujeres y hombres",
        "Acreditación|acreditar|acreditad|m|programas educativos",
        "Participación|participar|participad|m|estudiantes en eventos de formación integral",
        "Vinculación|vincular|vinculad|m|convenios con el sector productivo",
        "Entrega|entregar|entregad|m|apoyos de vivienda a familias de bajos ingresos",
        "Rehabilitación|rehabilitar|rehabilitad|m|sistemas de agua potable",
        "Realización|realizar|realizad|m|eventos deportivos y de activación física",
        "Impartición|impartir|impartid|m|cursos de capacitación para el trabajo",
        "Certificación|certificar|certificad|f|personas en competencias laborales",
        "Titulación|titular|titulad|m|egresados del ciclo escolar",
        "Atención|atender|atendid|f|personas con discapacidad en acciones de inclusión",
    )
)
UNIDADES = (("433", "Por ciento"), ("433", "Por ciento"), ("207", "Porcentaje"), ("512", "Tasa"))
TIPOS = ("GESTION", "ESTRATEGICO")
RAMOS = ("24 Organismos Descentralizados", "11 Educación Pública", "19 Desarrollo Social", "16 Infraestructura")
PROGRAMAS = ("135 Programa de Educación Superior", "142 Capacitación para el Trabajo", "118 Vivienda Digna")
# share of rows whose quarter has no target (0.00 / 0.00 / 0.00, as 6 of the real 12 rows)
ZERO_TARGET_SHARE = 0.35
COMPONENT_ROW_SHARE = 0.4  # a Componente also prints a row of its own (C1924 in the real report)
CAUSAS_SHARE = 0.3  # a row far off its target explains the deviation (empty in the real report)


def claves(rng: random.Random) -> list[tuple[str, str]]:
    """(clave, nivel): Componentes ``C####`` with Actividades ``C####.A####`` numbered up."""
    out, comp, act = [], rng.randint(1800, 1950), rng.randint(1900, 1990)
    for _ in range(rng.randint(1, 4)):
        comp += rng.randint(1, 60)
        if rng.random() < COMPONENT_ROW_SHARE:
            out.append((f"C{comp}", "componente"))
        for _ in range(rng.randint(1, 6)):
            act += rng.randint(1, 4)
            out.append((f"C{comp}.A{act}", "actividad"))
    return out


def draw_row(rng: random.Random, clave: str, nivel: str, sigla: str, trimestre: int, truncar: bool) -> dict:
    pl = rng.choice(PLANTILLAS)
    numero = f"{rng.randint(700, 2199):04d}"
    nombre = f"Porcentaje de {pl.objeto} {pl.part()}" + (f". {sigla}" if rng.random() < 0.5 else f" del {sigla}")
    v2 = Decimal(rng.randint(1, 800))
    if rng.random() < ZERO_TARGET_SHARE:
        m1 = m2 = Decimal(0)
    else:
        m2 = v2 if rng.random() < 0.5 else Decimal(rng.randint(1, 200))
        m1 = m2
    r2 = v2 if rng.random() < 0.7 else Decimal(rng.randint(0, 900))
    r1 = Decimal(rng.randint(0, int(r2 * Decimal("1.3")) + 2))
    prev1, prev2 = Decimal(rng.randint(0, 300) * (trimestre - 1)), Decimal(rng.randint(0, 300) * (trimestre - 1))

    def p(a: Decimal, b: Decimal) -> Decimal:
        return pct(a, b, 2, truncar) if b else Decimal("0.00")

    resultado = p(r1, r2)
    unidad = rng.choice(UNIDADES)
    return {
        "clave": clave,
        "nivel": nivel,
        "resumen_narrativo": f"{pl.sustantivo} de {pl.objeto}{rng.choice(V.COMPLEMENTOS)}",
        "indicador_numero": numero,
        "indicador": nombre,
        "indicador_impreso": f"{numero} {nombre}",
        "formula": f"(Número de {pl.objeto} {pl.part()} / Número de {pl.objeto} programados) x 100",
        "tipo": rng.choice(TIPOS),
        "dimension": rng.choice(V.DIMENSIONES[:2]),
        "frecuencia": rng.choice(("trimestral", "trimestral", "semestral", "anual")),
        "unidad_medida": unidad[1],
        "unidad_medida_clave": unidad[0],
        "meta_programada_v1": m1,
        "meta_programada_v2": m2,
        "meta_programada_pct": p(m1, m2),
        "resultado_v1": r1,
        "resultado_v2": r2,
        "resultado_pct": resultado,
        "resultado_acumulado": p(r1 + prev1, r2 + prev2),
        "causas_desviacion": (
            "Variación derivada de la demanda real del periodo." if r1 and rng.random() < CAUSAS_SHARE else None
        ),
    }


def cells(r: dict, dec: str) -> dict[str, str]:
    def f(v: Decimal) -> str:
        return fmt(v, 2, dec)

    frec = r["frecuencia"].capitalize()
    cut = len(frec) // 2 + 1
    return {
        "orden": r["clave"],
        "objetivo": r["resumen_narrativo"],
        "indicador": r["indicador_impreso"],
        "formula": r["formula"],
        "tdf": f"{r['tipo']}/{r['dimension']}/{frec[:cut]}\n{frec[cut:]}",
        "um": f"{r['unidad_medida_clave']} {r['unidad_medida']}",
        "m1": f(r["meta_programada_v1"]),
        "m2": f(r["meta_programada_v2"]),
        "mp": f(r["meta_programada_pct"]),
        "r1": f(r["resultado_v1"]),
        "r2": f(r["resultado_v2"]),
        "rp": f(r["resultado_pct"]),
        "ur": r["unidad_responsable"],
        "causas": r["causas_desviacion"] or "",
        "acum": f(r["resultado_acumulado"]),
    }


COLS = (  # key, label, group, share of the width, align
    ("orden", "Orden", None, 0.065, "l"),
    ("objetivo", "Objetivo", None, 0.11, "l"),
    ("indicador", "Nombre del Indicador", None, 0.1, "l"),
    ("formula", "Fórmula", None, 0.11, "l"),
    ("tdf", "Tip/Dim/Fre", None, 0.065, "l"),
    ("um", "U. de M.", None, 0.045, "l"),
    ("m1", "Variable 1", "Meta Programada del Trimestre", 0.05, "r"),
    ("m2", "Variable 2", "Meta Programada del Trimestre", 0.05, "r"),
    ("mp", "Meta", "Meta Programada del Trimestre", 0.045, "r"),
    ("r1", "Variable 1", "Resultado Alcanzado del Trimestre", 0.05, "r"),
    ("r2", "Variable 2", "Resultado Alcanzado del Trimestre", 0.05, "r"),
    ("rp", "Resultado", "Resultado Alcanzado del Trimestre", 0.05, "r"),
    ("ur", "Unidad Responsable del Programa", None, 0.085, "l"),
    ("causas", "Causas de desviación", None, 0.07, "l"),
    ("acum", "Resultado", "Resultado Acumulado al Trimestre", 0.065, "r"),
)

COLUMNS = [Col(k, lab, 0.0, al, grp) for k, lab, grp, _, al in COLS]
WEIGHTS = {k: share for k, _, _, share, al in COLS if al == "l"}  # the text columns share what numbers leave


def plan(rng: random.Random) -> Plan:
    estado, lugar = rng.choice(V.ESTADOS), municipio(rng)
    nombre, stem = rng.choice(V.ORGANISMOS)
    ente = nombre.format(m=lugar, e=estado)
    sigla = stem + lugar[0].upper()
    secretaria = rng.choice(V.SECRETARIAS_ESTATALES)
    emisor = f"Gobierno del Estado de {estado}, {secretaria}"
    ejercicio, trimestre = rng.randint(2019, 2025), rng.randint(1, 4)
    truncar = rng.random() < 0.5
    ur = rng.choice(
        ("Subdirección de Planeación y Desarrollo", "Dirección de Planeación", "Departamento de Evaluación")
    )
    rows = [draw_row(rng, c, n, sigla, trimestre, truncar) | {"unidad_responsable": ur} for c, n in claves(rng)]
    emitido = date(ejercicio, 3 * trimestre, 1) + timedelta(days=rng.randint(35, 60))
    hora = (
        f"{rng.randint(1, 12):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} {rng.choice(('a. m.', 'p. m.'))}"
    )
    fecha_txt = f"FECHA: {emitido:%d/%m/%Y} {hora}"
    firmas = draw_firmas(rng, 2)
    trazos = [draw_trazo(rng) for _ in firmas]
    size, pagesize = rng.choice((5.5, 6.0, 6.5)), rng.choice((landscape(letter), landscape(legal)))
    rules = rng.choice(("rejilla", "horizontales"))
    repeat = rng.random() < 0.3  # the real report does not repeat its header band
    titulo = (
        "Evaluación del Presupuesto Basado en Resultados (PbR). Resultado de los Indicadores Estratégicos y de Gestión"
    )
    programa, ramo = rng.choice(PROGRAMAS), rng.choice(RAMOS)
    printed = [cells(r, "coma") for r in rows]

    cols, fsize = fit_or_shrink(COLUMNS, printed, size, pagesize[0] - 48, WEIGHTS)

    def build(target, total) -> Doc:
        rec = Recorder()

        def start(d: Doc) -> None:
            top = d.H - d.top
            lines = [
                f"GOBIERNO DEL ESTADO DE {estado.upper()}",
                secretaria.upper(),
                f"Presupuesto de Egresos {ejercicio}",
            ]
            lines += [
                "Evaluación del Presupuesto Basado en Resultados (PbR)",
                "Resultado de los Indicadores Estratégicos y de Gestión",
            ]
            for k, ln in enumerate(lines):
                d.text_at(d.W / 2, top - 10 - 11 * k, ln, 9 if k < 2 else 8.5, "b", align="center")
            d.c.setFillGray(0.75)
            d.c.rect(d.left, top - 50, 40, 46, stroke=0, fill=1)  # the state's coat of arms
            d.c.setFillGray(0)
            d.text_at(d.left + 60, top - 52, f"PAGINAS: {d.page}/{total or 0}", 7)
            d.text_at(d.W - d.right, top - 52, f"Trimestre: {V.TRIMESTRE_MESES[trimestre - 1]}", 7, align="right")
            d.y = top - 62
            if d.page == 1:
                rec.lines(1, lines + [f"PAGINAS: 1/{total or 0}   Trimestre: {V.TRIMESTRE_MESES[trimestre - 1]}"])
                rec.mark(1, "encabezado")

        def end(d: Doc) -> None:
            d.text_at(d.left, d.bottom, "rptResultadoIndicadores", 7)
            d.text_at(d.W - d.right, d.bottom, fecha_txt, 7, align="right")
            rec.mark(d.page, "fecha")

        d = Doc(
            target,
            pagesize,
            (24, 24, 20, 18),
            title="rptResultadoIndicadores",
            on_page_start=start,
            on_page_end=end,
            footer_h=12,
            total_pages=total,
        )
        d.rec = rec
        info = ["DATOS DEL PROGRAMA", f"Ramo Administrativo: {ramo}", f"Denominación del Programa: {programa}"]
        info.append(f"Entidad: {ente}")
        for k, ln in enumerate(info):
            d.text_at(d.left, d.y - 9 * k, ln, 7, "b" if k == 0 else "n")
        rec.lines(1, info, tag="info")
        d.y -= 9 * len(info) + 4
        grid = Grid(
            cols, printed, [("fila", i) for i in range(len(rows))], size=fsize, rules=rules, repeat_header=repeat
        )
        draw_grid(d, grid, rec)
        d.ensure(70)
        d.y -= 30
        record_columns(d, rec, [[t + " " + n, c, lab] for lab, t, n, c in firmas], "firmas", size=7)
        colw = d.width / len(firmas)
        for k, trazo in enumerate(trazos):
            stroke_trazo(d.c, d.left + colw * (k + 0.5), d.y + 16, trazo)
        return d

    variant = {
        "format": "pbr_estatal",
        "trimestre": trimestre,
        "n_filas": len(rows),
        "pbr_redondeo": "trunca" if truncar else "redondea",
        "pbr_filas_componente": any(r["nivel"] == "componente" for r in rows),
        "pbr_causas": any(r["causas_desviacion"] for r in rows),
        "repite_encabezado": repeat,
        "reglas": rules,
        "tamano_letra": fsize,
        "pagina": "oficio_horizontal" if pagesize[0] > 800 else "carta_horizontal",
        "inconsistente": False,
        "inconsistencias": [],
    }
    documents = {
        "doc_type": "mir_avance",
        "emisor": emisor,
        "titulo": titulo,
        "clave_documento": None,
        "fecha_documento": emitido.isoformat(),
        "ente": ente,
        "ejercicio": ejercicio,
        "trimestre": trimestre,
    }
    # the header's 'Presupuesto de Egresos <year>' names its year as docs/mentions.md's 'Programa
    # Anual de Evaluación 2021' does (the budget itself is no mention); 'Trimestre: Enero - Marzo'
    # has no year, ramo and programme are budget classifications
    mentions = [
        Mention(
            "organizacion", f"Gobierno del Estado de {estado}", f"GOBIERNO DEL ESTADO DE {estado.upper()}", "encabezado"
        ),
        Mention("organizacion", secretaria, secretaria.upper(), "encabezado"),
        Mention("organizacion", ente, ente, "info"),
        # every row: the responsible unit in its column, the body's acronym closing the
        # indicator's name ('... del ITSC'; the report never spells it out)
        Mention("organizacion", ur, ur, ("fila", 0)),
        Mention("organizacion", sigla, sigla, ("fila", 0)),
        Mention("fecha", str(ejercicio), f"Presupuesto de Egresos {ejercicio}", "encabezado", {"precision": "anio"}),
        Mention("fecha", emitido.isoformat(), f"{emitido:%d/%m/%Y}", "fecha", {"precision": "dia"}),
        *persona_mentions(firmas, "firmas"),
        *bodies_in_posts(firmas, "firmas"),
    ]

    def truth(rec: Recorder) -> list[dict]:
        pages = rec.pages_of_rows()
        out = []
        for i, r in enumerate(rows):
            t = {k: (num(v) if isinstance(v, Decimal) else v) for k, v in r.items()}
            t.update({"ente": ente, "ejercicio": ejercicio, "trimestre": trimestre, "siglas": None})
            t.update({"meta_anual": None, "avance_pct": None, "comentario": None})
            for k in range(1, 5):
                t[f"programado_t{k}"] = t["meta_programada_pct"] if k == trimestre else None
                t[f"alcanzado_t{k}"] = t["resultado_pct"] if k == trimestre else None
            t["page"] = pages[("fila", i)]
            out.append(t)
        return out

    return Plan("pbr_estatal", variant, documents, build, truth, mentions, landscape=True)
