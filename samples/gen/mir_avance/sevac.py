"""The SEVAC/CONAC "Indicadores de Resultados" format (``chis_icatech_sevac_indicadores_2020t2``):
indicators ("metas") listed under their budget project, with programado anual, modificado
anual, alcanzado al periodo and % cumplimiento, beside the project's budget and beneficiaries.

What it has that the municipal report has not: thousands separated by a space (``52 830.00``);
band rows (finalidad, subfunción, project type) that are not indicators; budget and
beneficiary figures that belong to the project row; no nivel, frecuencia or siglas; a second
page of free-text justifications. Truth follows the real golden: ``clave`` is the project's
key, meta_anual = programado anual, avance_pct = % cumplimiento.
"""

from __future__ import annotations

import random
from decimal import Decimal

from reportlab.lib.pagesizes import landscape, legal, letter

from .._layout import Doc
from . import vocab as V
from .common import Mention, Plan, draw_trazo, fmt, municipio, num, record_para, stroke_trazo
from .content import pct
from .grid import Col, Grid, draw_grid, fit_or_shrink
from .record import Recorder

FINALIDADES = (
    ("ASUNTOS ECONÓMICOS, COMERCIALES Y LABORALES EN GENERAL", "ASUNTOS LABORALES GENERALES"),
    ("EDUCACIÓN", "EDUCACIÓN SUPERIOR"),
    ("VIVIENDA Y SERVICIOS A LA COMUNIDAD", "URBANIZACIÓN"),
    ("PROTECCIÓN SOCIAL", "OTROS GRUPOS VULNERABLES"),
    ("RECREACIÓN, CULTURA Y OTRAS MANIFESTACIONES SOCIALES", "DEPORTE Y RECREACIÓN"),
)
PROYECTOS = (
    "FOMENTO A LA CALIDAD DEL SECTOR LABORAL DEL ESTADO",
    "FORMACIÓN PARA EL TRABAJO EN REGIONES PRIORITARIAS",
    "MEJORAMIENTO DE LA VIVIENDA RURAL",
    "ATENCIÓN A LA DEMANDA DE EDUCACIÓN SUPERIOR",
    "ACTIVACIÓN FÍSICA PARA LA SALUD",
    "ABASTECIMIENTO DE AGUA EN LOCALIDADES RURALES",
    "INCLUSIÓN SOCIAL DE PERSONAS CON DISCAPACIDAD",
    "VINCULACIÓN CON EL SECTOR PRODUCTIVO",
)
METAS = (
    ("Número de cursos impartidos", "Curso"),
    ("Cobertura en capacitación para el trabajo", "Persona"),
    ("Número de acciones de vivienda realizadas", "Acción"),
    ("Personas beneficiadas con apoyos", "Persona"),
    ("Número de eventos deportivos realizados", "Evento"),
    ("Alumnos atendidos en el ciclo escolar", "Alumno"),
    ("Número de servicios de asesoría otorgados", "Servicio"),
    ("Metros de red hidráulica rehabilitados", "Metro"),
    ("Número de certificaciones otorgadas", "Certificado"),
    ("Número de talleres comunitarios impartidos", "Taller"),
)
JUSTIFICACIONES = (
    "El avance obedece a la calendarización de los cursos, que se concentra en el segundo semestre del año.",
    "La variación se explica por las medidas sanitarias vigentes en el periodo, que redujeron la asistencia de "
    "la población objetivo a las actividades programadas.",
    "Se reprogramaron metas por el ajuste presupuestal autorizado; el cumplimiento anual se mantiene.",
    "El organismo superó la meta del periodo por la demanda de los municipios de la región.",
)
TIPOS_PROYECTO = ("PROYECTOS INSTITUCIONALES", "PROYECTOS DE INVERSIÓN")
MODIFIED_SHARE = 0.3  # metas whose annual target was modified (modificado ≠ programado)
COLS = (  # key, label, group, share, align
    ("clave", "CLAVE DEL PROYECTO", None, 0.06, "c"),
    ("ods", "OBJETIVO DE DESARROLLO SOSTENIBLE", None, 0.065, "c"),
    ("concepto", "PROYECTOS / METAS (CONCEPTOS)", "SUBFUNCIÓN / TIPO DE PROYECTO", 0.19, "l"),
    ("um", "UNIDAD DE MEDIDA", None, 0.05, "c"),
    ("prog", "PROGRAM. ANUAL", "METAS", 0.055, "r"),
    ("modif", "MODIF. ANUAL", "METAS", 0.055, "r"),
    ("alc", "ALCANZ. AL PERIODO", "METAS", 0.055, "r"),
    ("cump", "% CUMPLIM/ MODIF.", "METAS", 0.045, "r"),
    ("aprob", "PRESUPUESTO APROBADO (PESOS)", None, 0.075, "r"),
    ("pmod", "PRESUPUESTO MODIFICADO (PESOS)", None, 0.075, "r"),
    ("dev", "PRESUPUESTO DEVENGADO (PESOS)", None, 0.075, "r"),
    ("mun", "MUNICIPIO", "BENEFICIARIOS", 0.06, "c"),
    ("loc", "LOCALIDAD", "BENEFICIARIOS", 0.06, "c"),
    ("mujer", "MUJER", "BENEFICIARIOS", 0.03, "r"),
    ("hombre", "HOMBRE", "BENEFICIARIOS", 0.03, "r"),
    ("persona", "PERSONA", "BENEFICIARIOS", 0.03, "r"),
)

COLUMNS = [Col(k, lab, 0.0, al, grp) for k, lab, grp, _, al in COLS]


def d2(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def draw_project(rng: random.Random, clave: str, trimestre: int) -> dict:
    aprob = d2(rng.uniform(1e6, 3e8))
    modif = aprob if rng.random() < 0.5 else d2(float(aprob) * rng.uniform(0.95, 1.05))
    dev = d2(float(modif) * trimestre / 4 * rng.uniform(0.6, 1.0))
    metas = []
    for nombre, unidad in rng.sample(METAS, rng.randint(1, 3)):
        prog = Decimal(rng.randint(50, 60000))
        mod = prog if rng.random() >= MODIFIED_SHARE else Decimal(int(prog * Decimal(str(rng.uniform(0.85, 1.15)))))
        alc = Decimal(int(mod * Decimal(str(trimestre / 4 * rng.uniform(0.1, 1.1)))))
        metas.append(
            {
                "indicador": nombre,
                "unidad_medida": unidad,
                "programado_anual": prog,
                "modificado_anual": mod,
                "alcanzado_periodo": alc,
                "cumplimiento_pct": pct(alc, mod, 2),
            }
        )
    mujer, hombre = rng.randint(100, 9000), rng.randint(100, 9000)
    return {
        "clave": clave,
        "ods": str(rng.randint(1, 17)),
        "proyecto": rng.choice(PROYECTOS),
        "aprob": aprob,
        "modif": modif,
        "dev": dev,
        "mujer": mujer,
        "hombre": hombre,
        "metas": metas,
    }


def plan(rng: random.Random) -> Plan:
    estado = rng.choice(V.ESTADOS)
    nombre, _ = rng.choice(V.ORGANISMOS)
    ente = nombre.format(m=municipio(rng), e=estado)
    ejercicio, trimestre = rng.randint(2018, 2025), rng.randint(1, 4)
    finalidad, subfuncion = rng.choice(FINALIDADES)
    tipo = rng.choice(TIPOS_PROYECTO)
    letra = rng.choice("AEFK")
    proyectos = [draw_project(rng, f"{letra}{k:03d}", trimestre) for k in rng.sample(range(1, 40), rng.randint(1, 3))]
    justif = [rng.choice(JUSTIFICACIONES) for _ in proyectos]
    trazos = [draw_trazo(rng) for _ in range(3)]
    pagesize = rng.choice((landscape(letter), landscape(legal)))
    size = rng.choice((5.5, 6.0, 6.5))
    titulo = f"Indicadores de Resultados al {V.TRIMESTRE_NOMBRE[trimestre - 1]} Trimestre del {ejercicio}"
    gobierno = f"Gobierno Constitucional del Estado de {estado}"

    def m(v) -> str:
        return fmt(v, 2, "espacio")

    grid_rows, tags, bold, fills = [], [], set(), {}
    tot = [sum((p[k] for p in proyectos), Decimal(0)) for k in ("aprob", "modif", "dev")]
    grid_rows.append({"concepto": finalidad})
    tags.append(None)
    fills[0] = 0.8
    bold.add(0)
    grid_rows.append({"concepto": subfuncion, "aprob": m(tot[0]), "pmod": m(tot[1]), "dev": m(tot[2])})
    tags.append("subfuncion")
    bold.add(1)
    grid_rows.append({"concepto": tipo + ":"})
    tags.append(None)
    bold.add(2)
    for pi, p in enumerate(proyectos):
        bold.add(len(grid_rows))
        grid_rows.append(
            {
                "clave": p["clave"],
                "ods": p["ods"],
                "concepto": p["proyecto"],
                "aprob": m(p["aprob"]),
                "pmod": m(p["modif"]),
                "dev": m(p["dev"]),
                "mun": "Cobertura Estatal",
                "loc": "Cobertura Estatal",
                "mujer": fmt(Decimal(p["mujer"]), 0, "espacio"),
                "hombre": fmt(Decimal(p["hombre"]), 0, "espacio"),
                "persona": fmt(Decimal(p["mujer"] + p["hombre"]), 0, "espacio"),
            }
        )
        tags.append(("proyecto", pi))
        for mi, meta in enumerate(p["metas"]):
            grid_rows.append(
                {
                    "concepto": meta["indicador"],
                    "um": meta["unidad_medida"],
                    "prog": m(meta["programado_anual"]),
                    "modif": m(meta["modificado_anual"]),
                    "alc": m(meta["alcanzado_periodo"]),
                    "cump": m(meta["cumplimiento_pct"]),
                }
            )
            tags.append(("fila", pi, mi))

    cols, fsize = fit_or_shrink(COLUMNS, grid_rows, size, pagesize[0] - 56, {"concepto": 1.0, "mun": 0.2, "loc": 0.2})

    def build(target, total) -> Doc:
        rec = Recorder()

        def start(d: Doc) -> None:
            top = d.H - d.top
            d.c.setFillGray(0.7)
            d.c.rect(d.left, top - 34, 70, 30, stroke=0, fill=1)  # the agency's logo
            d.c.setFillGray(0)
            d.text_at(d.W / 2, top - 12, gobierno.upper(), 7.5, "b", align="center")
            d.text_at(d.W / 2, top - 26, titulo.upper(), 7.5, "b", align="center")
            d.text_at(d.left + 80, top - 42, f"Organismo Público: {ente}", 7.5, "b")
            d.y = top - 52
            rec.lines(d.page, [gobierno.upper(), titulo.upper(), f"Organismo Público: {ente}"], tag="encabezado")

        d = Doc(
            target,
            pagesize,
            (28, 28, 24, 20),
            title="Indicadores de Resultados",
            on_page_start=start,
            total_pages=total,
            footer_h=8,
        )
        d.rec = rec
        grid = Grid(
            cols,
            grid_rows,
            tags,
            size=fsize,
            rules="rejilla",
            header_fill=0.8,
            bold_rows=frozenset(bold),
            row_fill=fills,
        )
        draw_grid(d, grid, rec)
        for k in range(2):
            stroke_trazo(d.c, d.left + 60 + k * (d.width - 120), d.y - 40, trazos[k])
        d.new_page()
        record_para(d, rec, "**JUSTIFICACIONES**", size=9, align="center", after=6)
        jcols = [
            Col("clave", "CLAVE", d.width * 0.1, "c"),
            Col("nombre", "NOMBRE", d.width * 0.3),
            Col("desc", "DESCRIPCIÓN", d.width * 0.6),
        ]
        jrows = [
            {"clave": p["clave"], "nombre": p["proyecto"].capitalize(), "desc": j} for p, j in zip(proyectos, justif)
        ]
        draw_grid(d, Grid(jcols, jrows, size=size + 1, rules="rejilla", header_fill=0.8), rec)
        stroke_trazo(d.c, d.W - d.right - 120, d.y - 50, trazos[2])
        return d

    variant = {
        "format": "sevac",
        "trimestre": trimestre,
        "n_filas": sum(len(p["metas"]) for p in proyectos),
        "n_proyectos": len(proyectos),
        "tamano_letra": fsize,
        "pagina": "oficio_horizontal" if pagesize[0] > 800 else "carta_horizontal",
        "sevac_modificado": any(
            mt["modificado_anual"] != mt["programado_anual"] for p in proyectos for mt in p["metas"]
        ),
        "inconsistente": False,
        "inconsistencias": [],
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
    # the title's quarter names its year ('AL SEGUNDO TRIMESTRE DEL 2020'); the budget columns
    # are sums in pesos (their header says so): the subfunción's totals and each project's.
    # Finalidad, subfunción, project names, 'Cobertura Estatal' and the beneficiary and target
    # figures (table cells) are no mention.
    trimestre_txt = f"{V.TRIMESTRE_NOMBRE[trimestre - 1]} Trimestre del {ejercicio}".upper()
    mentions = [
        Mention("organizacion", gobierno, gobierno.upper(), "encabezado"),
        Mention("fecha", str(ejercicio), trimestre_txt, "encabezado", {"precision": "anio"}),
        Mention("organizacion", ente, ente, "encabezado"),
    ]
    budgets = [("subfuncion", "total", tot)] + [
        (("proyecto", pi), p["clave"], [p[k] for k in ("aprob", "modif", "dev")]) for pi, p in enumerate(proyectos)
    ]
    for tag, whose, values in budgets:
        for v, what in zip(values, ("aprobado", "modificado", "devengado")):
            extra = {"moneda": "MXN", "contexto": f"presupuesto {what} {whose}"}
            mentions.append(Mention("monto", num(v), m(v), tag, extra))

    def truth(rec: Recorder) -> list[dict]:
        pages = rec.pages_of_rows()
        out = []
        for pi, p in enumerate(proyectos):
            for mi, meta in enumerate(p["metas"]):
                row = {
                    "ente": ente,
                    "ejercicio": ejercicio,
                    "trimestre": trimestre,
                    "clave": p["clave"],
                    "clave_proyecto": p["clave"],
                    "objetivo_desarrollo_sostenible": p["ods"],
                    "nivel": None,
                    "finalidad": finalidad,
                    "subfuncion": subfuncion,
                    "tipo_proyecto": tipo,
                    "proyecto": p["proyecto"],
                    "resumen_narrativo": None,
                    "siglas": None,
                    "frecuencia": None,
                    "indicador": meta["indicador"],
                    "unidad_medida": meta["unidad_medida"],
                    "meta_anual": num(meta["programado_anual"]),
                    "comentario": None,
                }
                row.update(
                    {
                        k: num(meta[k])
                        for k in ("programado_anual", "modificado_anual", "alcanzado_periodo", "cumplimiento_pct")
                    }
                )
                row["avance_pct"] = row["cumplimiento_pct"]
                row.update({f"{kind}_t{k}": None for kind in ("programado", "alcanzado") for k in range(1, 5)})
                row["page"] = pages[("fila", pi, mi)]
                out.append(row)
        return out

    return Plan("sevac", variant, documents, build, truth, mentions, landscape=True)
