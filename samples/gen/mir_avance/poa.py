"""The POA goal-progress format (``chis_icatech_poa_avance_2018t2``): a spreadsheet export with
one row per operating unit — programado, realizado, diferencia and % for two measures, hours —
zone subtotal rows between them and a TOTALES row, and no MIR levels, codes or frequencies.

Subtotals and totals add up, diferencia is realizado − programado and % is realizado/programado
rounded to a whole percent — except in a drawn share of documents that print a wrong % or a
subtotal that does not add up, as the real export does (``0%`` for 15 of 12, ``10`` in TOTALES).
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import landscape, letter, portrait

from .._layout import Doc
from . import vocab as V
from .common import Mention, Plan, municipio, record_para
from .grid import Col, Grid, draw_grid, fit_or_shrink
from .record import Recorder

# bodies that report goal progress per operating unit, and what they call a unit and its
# mobile/extension offices
SEDES = {
    "ICATE": ("UNIDAD DE CAPACITACIÓN", "ACCIÓN MÓVIL"),
    "CECYTE": ("PLANTEL", "EMSAD"),
    "ITS": ("UNIDAD ACADÉMICA", "EXTENSIÓN"),
    "UP": ("UNIDAD ACADÉMICA", "EXTENSIÓN"),
    "DIFE": ("CENTRO REGIONAL", "UNIDAD MÓVIL"),
}
MEDIDAS = (("cursos", "BENEFICIARIOS"), ("talleres", "PARTICIPANTES"), ("servicios", "PERSONAS ATENDIDAS"))
ROMANOS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MESES_CORTOS = ("Mar", "Jun", "Sep", "Dic")
# share of documents printing a % or a subtotal that breaks their own arithmetic
POA_INCONSISTENT_SHARE = 0.15
POA_TIPOS = ("porcentaje_cero", "porcentaje_total", "subtotal")
HORAS_SIN_MILES = 0.1  # hour cells printed without their comma ('1132' beside '1,543')


def pct_entero(alc: int, prog: int) -> int:
    if not prog:
        return 0
    return int((Decimal(alc) / Decimal(prog) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def unit_values(rng: random.Random, trimestre: int) -> dict:
    meta = rng.randint(10, 600)
    prog = max(1, round(meta * trimestre / 4 * rng.uniform(0.85, 1.1)))
    alc = max(0, round(prog * rng.uniform(0.4, 1.5)))
    per = rng.randint(10, 20)
    bprog, balc = prog * per, max(0, round(alc * per * rng.uniform(0.8, 1.2)))
    return {
        "meta_anual": meta,
        "programado": prog,
        "alcanzado": alc,
        "beneficiarios_programado": bprog,
        "beneficiarios_alcanzado": balc,
        "total_horas_impartidas": round(alc * rng.uniform(15, 40)),
    }


COUNTS = (
    "meta_anual",
    "programado",
    "alcanzado",
    "beneficiarios_programado",
    "beneficiarios_alcanzado",
    "total_horas_impartidas",
)


def complete(row: dict) -> dict:
    row["diferencia"] = row["alcanzado"] - row["programado"]
    row["avance_pct"] = pct_entero(row["alcanzado"], row["programado"])
    row["beneficiarios_diferencia"] = row["beneficiarios_alcanzado"] - row["beneficiarios_programado"]
    row["beneficiarios_avance_pct"] = pct_entero(row["beneficiarios_alcanzado"], row["beneficiarios_programado"])
    return row


def draw_rows(rng: random.Random, trimestre: int, sede_de: str, movil: str) -> list[dict]:
    rows, pos = [], 0
    for z in range(rng.randint(2, 8)):
        sede = municipio(rng).upper()
        members = []
        for k in range(rng.randint(1, 6)):
            pos += 1
            name = f"{sede_de} {sede}" if k == 0 else f"{movil} {municipio(rng).upper()}"
            members.append(
                complete(
                    {
                        "posicion": pos,
                        "unidad": name,
                        "es_subtotal": False,
                        "es_total": False,
                        **unit_values(rng, trimestre),
                    }
                )
            )
        rows += members
        sub = {k: sum(m[k] for m in members) for k in COUNTS}
        rows.append(
            complete(
                {"posicion": None, "unidad": f"ZONA {ROMANOS[z]} {sede}", "es_subtotal": True, "es_total": False, **sub}
            )
        )
    units = [r for r in rows if not r["es_subtotal"]]
    rows.append(
        complete(
            {
                "posicion": None,
                "unidad": "TOTALES",
                "es_subtotal": False,
                "es_total": True,
                **{k: sum(u[k] for u in units) for k in COUNTS},
            }
        )
    )
    return rows


# how a unit's printed name reads in name case: its kind, then its place
KINDS = {
    "UNIDAD DE CAPACITACIÓN": "Unidad de Capacitación",
    "ACCIÓN MÓVIL": "Acción Móvil",
    "PLANTEL": "Plantel",
    "EMSAD": "EMSAD",
    "UNIDAD ACADÉMICA": "Unidad Académica",
    "EXTENSIÓN": "Extensión",
    "CENTRO REGIONAL": "Centro Regional",
    "UNIDAD MÓVIL": "Unidad Móvil",
}
PLACES = {p.upper(): p for p in (*(f"{s} {lugar}" for s in V.SANTOS for lugar in V.LUGARES), *V.NOMBRES_PROPIOS)}


def unit_name(printed: str, kinds: tuple[str, str]) -> str:
    """'ACCIÓN MÓVIL SAN ISIDRO DEL VALLE' -> 'Acción Móvil San Isidro del Valle'."""
    kind = next(k for k in kinds if printed.startswith(k + " "))
    return f"{KINDS[kind]} {PLACES[printed[len(kind) + 1 :]]}"


def break_arithmetic(rng: random.Random, rows: list[dict]) -> list[dict]:
    if rng.random() >= POA_INCONSISTENT_SHARE:
        return []
    tipo = rng.choice(POA_TIPOS)
    if tipo == "porcentaje_cero":
        r = rng.choice([r for r in rows if r["posicion"]])
        r["avance_pct"] = r["beneficiarios_avance_pct"] = 0
    elif tipo == "porcentaje_total":
        r = rows[-1]
        r["avance_pct"] = r["beneficiarios_avance_pct"] = 10
    else:
        r = rng.choice([r for r in rows if r["es_subtotal"]])
        r["alcanzado"] += rng.choice((-1, 1)) * rng.randint(1, 5)
        complete(r)  # its own diferencia and % follow the printed alcanzado: only the sum breaks
    return [{"clave": None, "unidad": r["unidad"], "tipo": tipo}]


def plan(rng: random.Random) -> Plan:
    estado = rng.choice(V.ESTADOS)
    nombre, stem = rng.choice([o for o in V.ORGANISMOS if o[1] in SEDES])
    ente = nombre.format(m=municipio(rng), e=estado)
    ejercicio, trimestre = rng.randint(2016, 2025), rng.randint(1, 4)
    medida, segunda = rng.choice(MEDIDAS)
    rows = draw_rows(rng, trimestre, *SEDES[stem])
    fallas = break_arithmetic(rng, rows)
    periodo = f"Ene-{MESES_CORTOS[trimestre - 1]} {ejercicio}"
    acumulado = f"ACUMULADO {periodo.upper()}"
    subtitulo = rng.choice(("ANÁLISIS MENSUAL DE CUMPLIMIENTO DE METAS POR ZONA", "AVANCE DE METAS POR UNIDAD Y ZONA"))
    titulo = f"Programa Anual Operativo {ejercicio}. {subtitulo.capitalize()}"
    depto = rng.choice(("Depto. de Programación y Presupuesto", "Departamento de Planeación", "Área de Estadística"))
    pagesize = rng.choice((landscape(letter), portrait(letter)))
    size = rng.choice((6.0, 6.5, 7.0))
    horas_sin = [rng.random() < HORAS_SIN_MILES for _ in rows]

    def cells(r: dict, sin: bool) -> dict:
        def pc(v: int) -> str:
            return f"{v}%" if not (r["es_total"] and fallas and fallas[0]["tipo"] == "porcentaje_total") else str(v)

        horas = r["total_horas_impartidas"]
        return {
            "pos": str(r["posicion"] or ""),
            "unidad": r["unidad"],
            "meta": f"{r['meta_anual']:,}",
            "prog": str(r["programado"]),
            "alc": str(r["alcanzado"]),
            "dif": str(r["diferencia"]),
            "pct": pc(r["avance_pct"]),
            "bprog": str(r["beneficiarios_programado"]),
            "balc": str(r["beneficiarios_alcanzado"]),
            "bdif": str(r["beneficiarios_diferencia"]),
            "bpct": pc(r["beneficiarios_avance_pct"]),
            "horas": str(horas) if sin else f"{horas:,}",
        }

    printed = [cells(r, s) for r, s in zip(rows, horas_sin)]
    shaded = {i: 0.85 for i, r in enumerate(rows) if r["es_subtotal"] or r["es_total"]}
    grupo1, grupo2 = f"{medida.upper()} {acumulado}", f"{segunda} {acumulado}"
    columns = [
        Col("pos", "Posición", align="c"),
        Col("unidad", f"{SEDES[stem][0]} / ESPECIALIDAD", align="c"),
        Col("meta", "TOTAL ANUAL PROGRAMADO", align="r", group=f"ANUAL ({medida.upper()})"),
    ]
    for pre, grp in (("", grupo1), ("b", grupo2)):
        columns += [
            Col(pre + "prog", f"PROGRAMADO {periodo.upper()}", align="r", group=grp),
            Col(pre + "alc", f"REALIZADO {periodo.upper()}", align="r", group=grp),
            Col(pre + "dif", "DIFERENCIA", align="r", group=grp),
            Col(pre + "pct", "% de Cumplimiento", align="r", group=grp),
        ]
    columns.append(Col("horas", "TOTAL DE HORAS IMPARTIDAS", align="r"))

    cols, fsize = fit_or_shrink(columns, printed, size, pagesize[0] - 48, {"unidad": 1.0})

    def build(target, total) -> Doc:
        rec = Recorder()

        def start(d: Doc) -> None:
            top = d.H - d.top
            d.c.setFillGray(0.75)
            d.c.rect(d.left, top - 30, 80, 26, stroke=0, fill=1)
            d.c.rect(d.W - d.right - 80, top - 30, 80, 26, stroke=0, fill=1)
            d.c.setFillGray(0)
            lines = [ente.upper(), f"PROGRAMA ANUAL OPERATIVO {ejercicio}", subtitulo]
            for k, ln in enumerate(lines):
                d.text_at(d.W / 2, top - 10 - 10 * k, ln, 7.5, "b", align="center")
            d.text_at(d.W - d.right, top - 40, f"PERIODO: {periodo}", 7, "b", align="right")
            d.y = top - 46
            if d.page == 1:
                rec.lines(1, lines + [f"PERIODO: {periodo}"], tag="encabezado")

        def end(d: Doc) -> None:
            d.text_at(d.W - d.right, d.bottom, depto, 6, align="right")
            rec.mark(d.page, "depto")

        d = Doc(
            target,
            pagesize,
            (24, 24, 20, 18),
            title="POA",
            on_page_start=start,
            on_page_end=end,
            total_pages=total,
            footer_h=10,
        )
        d.rec = rec
        bold = frozenset(shaded) | frozenset(i for i, r in enumerate(rows) if r["posicion"])
        grid = Grid(
            cols,
            printed,
            [("fila", i) for i in range(len(rows))],
            size=fsize,
            rules="rejilla",
            header_fill=0.8,
            bold_rows=bold,
            row_fill=shaded,
        )
        draw_grid(d, grid, rec)
        if sexo_linea:
            record_para(d, rec, sexo_linea, tag="sexo", size=7, align="right", before=6)
        return d

    total = rows[-1]
    mujeres = round(total["beneficiarios_alcanzado"] * 0.6)
    sexo_linea = (
        f"MUJERES: {mujeres:,}   HOMBRES: {total['beneficiarios_alcanzado'] - mujeres:,}   "
        f"TOTAL: {total['beneficiarios_alcanzado']:,}"
    )
    variant = {
        "format": "poa",
        "trimestre": trimestre,
        "n_filas": len(rows),
        "n_zonas": sum(r["es_subtotal"] for r in rows),
        "poa_medida": medida,
        "tamano_letra": fsize,
        "pagina": "carta_horizontal" if pagesize[0] > pagesize[1] else "carta_vertical",
        "inconsistente": bool(fallas),
        "inconsistencias": fallas,
    }
    documents = {
        "doc_type": "mir_avance",
        "emisor": ente,
        "titulo": titulo,
        "clave_documento": None,
        "fecha_documento": None,
        "ente": ente,
        "ejercicio": ejercicio,
        "trimestre": trimestre,
    }
    fin_mes = 3 * trimestre
    # 'PERIODO: Ene-Mar 2018' names its two months (the column heads repeat them); the title's
    # 'PROGRAMA ANUAL OPERATIVO 2018' names its year, as docs/mentions.md's 'Programa Anual de
    # Evaluación 2021' does (the programme itself is no mention); the zones,
    # the TOTALES row and the 'MUJERES: … TOTAL: …' line are no body and no count (figures in
    # cells, labels before their number)
    mes = {"precision": "mes"}
    mentions = [
        Mention("organizacion", ente, ente.upper(), "encabezado"),
        Mention("fecha", str(ejercicio), f"PROGRAMA ANUAL OPERATIVO {ejercicio}", "encabezado", {"precision": "anio"}),
        Mention("fecha", f"{ejercicio}-01", "Ene", "encabezado", mes),
        Mention("fecha", f"{ejercicio}-{fin_mes:02d}", f"{MESES_CORTOS[trimestre - 1]} {ejercicio}", "encabezado", mes),
    ]
    for i, r in enumerate(rows):  # every operating unit: a school, campus or office by its name
        if r["posicion"]:
            mentions.append(Mention("organizacion", unit_name(r["unidad"], SEDES[stem]), r["unidad"], ("fila", i)))
    mentions.append(Mention("organizacion", depto, depto, "depto"))

    def truth(rec: Recorder) -> list[dict]:
        pages = rec.pages_of_rows()
        out = []
        for i, r in enumerate(rows):
            row = {
                "ente": ente,
                "ejercicio": ejercicio,
                "trimestre": trimestre,
                "clave": None,
                "nivel": None,
                "indicador": None,
                "siglas": None,
                "frecuencia": None,
                "unidad_medida": medida,
                "comentario": None,
            }
            row.update(
                {
                    k: (float(v) if isinstance(v, int) and not isinstance(v, bool) and k != "posicion" else v)
                    for k, v in r.items()
                }
            )
            row.update({f"{kind}_t{k}": None for kind in ("programado", "alcanzado") for k in range(1, 5)})
            row["page"] = pages[("fila", i)]
            out.append(row)
        return out

    return Plan("poa", variant, documents, build, truth, mentions, landscape=pagesize[0] > pagesize[1])
