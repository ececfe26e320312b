"""External audit reports (a firm auditing an enrolment, a beneficiary roll or a payroll):
an objective, numbered observations, a summary table ASPECTO / OBSERVACIONES /
RECOMENDACIONES / ESTATUS, conclusions and the auditor's opinion.

Each summary-table row is a finding (``numero`` its row, ``tipo_observacion`` 'con
observación' exactly when its recommendation is not 'Ninguna') and each real recommendation
a ``recomendacion`` addressed to the audited body. The percentages of the observations and
the validated total of the conclusions agree with the counts (k files with observations of
N), except in a drawn share of documents that print a percentage off (``inconsistencia``).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import frame
from .marks import Marks
from .model import Plan, plain_text

SUBJECTS = [
    dict(
        key="matricula",
        title="Informe de Auditoría Externa de Matrícula",
        what="la matrícula escolar",
        unidad="estudiantes",
        dept="Departamento de Servicios Escolares",
        entidades=[
            "Instituto Tecnológico Superior de {lugar}",
            "Universidad Tecnológica de {lugar}",
            "Colegio de Bachilleres del Estado de {estado}",
        ],
    ),
    dict(
        key="padron",
        title="Informe de Auditoría Externa al Padrón de Beneficiarios",
        what="el padrón de beneficiarios",
        unidad="beneficiarios",
        dept="Departamento de Programas Sociales",
        entidades=[
            "Sistema para el Desarrollo Integral de la Familia de {lugar}",
            "Instituto de Vivienda del Estado de {estado}",
        ],
    ),
    dict(
        key="nomina",
        title="Informe de Auditoría Externa de Nómina",
        what="la nómina",
        unidad="trabajadores",
        dept="Departamento de Recursos Humanos",
        entidades=["Servicios de Salud del Estado de {estado}", "Comisión Estatal del Agua de {estado}"],
    ),
]
ASPECTOS = [
    "Validar la existencia del total de {unidad} registrados",
    "Verificar el apego a la normativa aplicable al proceso de registro",
    "Comprobar el estricto apego a los Sistemas de Control Interno en el manejo de expedientes",
    "Comprobar el total de bajas registradas en los informes",
    "Verificar el debido respaldo de la información en formato digital",
    "Comprobar el adecuado control de archivos y almacenamiento de expedientes físicos",
    "Verificar el manejo adecuado de los procesos por parte del personal del {dept}",
]
OBS_OK = [
    "-Se pudo constatar conforme a la revisión del 100% de los expedientes que el total de {unidad} reportados "
    "existe conforme a los procedimientos establecidos.",
    "-Se pudo constatar que el total de bajas registradas están debidamente documentadas.",
    "-Con base en las evidencias otorgadas por el {dept}, se constató que cuentan con un sistema web para la "
    "carga de los expedientes electrónicos.",
    "-Los anaqueles de almacenamiento se constataron con mejor adecuación, cumpliendo con la mejora señalada "
    "anteriormente.",
    "- Se pudo constatar el total apego a la normativa conforme a la evidencia presentada.",
]
OBS_BAD = "-De acuerdo con el proceso de verificación en físico de la evidencia, se identificaron {k} expedientes con "
OBS_BAD += "observaciones menores."
RECS = [
    "-Actualizar los expedientes físicos y dar seguimiento a los documentos faltantes señalados en la analítica de "
    "documentos.",
    "-Establecer un procedimiento de respaldo periódico de la información digital.",
]
STATUS_BAD = ("Satisfactorio", "En proceso", "No satisfactorio")
# share of reports whose observations print a percentage that does not follow from k of N
INCONSISTENT_SHARE = 0.15
# share of reports that describe what was reviewed before the observations (sub-sections with a
# paragraph and a table of figures, and a comment after the observations), from a generator of
# its own seeded seed * DETAIL_SEED_SCALE + 1
DETAIL_SHARE = 0.5
DETAIL_SEED_SCALE = 7919
DETAIL_HEADS = [
    "Evolución de {what}",
    "Verificación de los programas y registros vigentes",
    "Revisión documental de los expedientes",
]
DETAIL_TEXT = (  # {total}: '1234 registros', a cantidad
    "Se revisó la información proporcionada sobre {what}, que asciende a {total}, conforme a los "
    "formatos determinados por la instancia normativa; la distribución se presenta a continuación."
)
COMMENT = (
    "Este resultado se basa en el total de expedientes revisados de {what} que presentan alguna observación, "
    "tal como se ilustró en la tabla correspondiente."
)


def periodo_text(M: Marks, start: date) -> str:
    """'enero – junio 2023', registered month by month (the first takes the year printed after
    the range), each time it is printed."""
    first = M.mes(start.year, start.month, with_year=False)
    return f"{first} – {M.mes(start.year, start.month + 5)}"


def row(seccion, numero, text, **kw) -> dict:
    base = dict(seccion=seccion, subseccion=None, numero=numero, texto=plain_text(text), fecha=None, destinatario=None)
    base.update(kw)
    return base


def build(seed: int, rng: random.Random, family: str) -> Plan:
    ctx = frame.context(rng, "auditoria_externa", "escuela")
    subject = rng.choice(SUBJECTS)
    entidad = rng.choice(subject["entidades"]).format(lugar=ctx["lugar"], estado=ctx["estado"])
    hyph = rng.random() < frame.HYPHENATED_SHARE
    size_name, page = frame.page_setup(rng, hyph)
    start = date(ctx["year"], rng.choice((1, 2, 3, 7)), 1)
    corte = start + timedelta(days=rng.randint(30, 120))
    M = Marks()
    v: dict = dict(style="auditoria_externa", topic=subject["key"], page_size=size_name, body_size=page.body)
    v.update(justificado=page.justify, hyphenated=hyph)
    titulo = f"{subject['title']}. {entidad}"
    header, footer = frame.header_footer(rng, ctx, subject["title"].upper(), entidad.upper())
    docs = {"doc_type": family, "emisor": ctx["emisor"], "titulo": titulo, "clave_documento": None}
    plan = Plan(seed, family, v, docs, page, header, footer, 0)
    v.update(encabezado=header["style"] if header else "ninguno", pie=footer or "ninguno")
    plan.header_mentions = frame.header_mentions(header, [ctx["emisor"], ctx["unidad"], entidad])
    v["cover"] = rng.random() < 0.6
    if v["cover"]:
        plan.add(M, "titulo", M.org(ctx["emisor"]), opts={"size": 16})
        plan.add(M, "titulo", subject["title"].upper(), opts={"size": 18, "space": 80})
        plan.add(M, "linea", M.org(entidad), opts={"space": 20})
        plan.add(M, "linea", f"Periodo {periodo_text(M, start)}", opts={"space": 20})
        plan.add(M, "pagebreak")
        plan.unnumbered = 1
    plan.add(M, "titulo", subject["title"].upper())
    plan.add(M, "linea", M.org(entidad, entidad.upper() if rng.random() < 0.5 else entidad))
    heads = frame.Headings(rng, None)
    v.update(numeracion_secciones=heads.numbering, secciones_mayusculas=heads.upper, secciones_dos_puntos=heads.colon)
    heads.add(plan, M, "objetivo", "Objetivo de la auditoría")
    text = (
        f"Verificar la confiabilidad de los datos reportados en los informes de {subject['what']} "
        f"{'del' if entidad.split()[0] in ('Instituto', 'Colegio', 'Sistema') else 'de la'} {M.org(entidad)}, "
        "en cumplimiento de las disposiciones aplicables del presupuesto de egresos del "
        f"{M.anio(ctx['year'], 'ejercicio fiscal ' + str(ctx['year']))}."
    )
    plan.add(M, "parrafo_item", text, row=row("objetivo_general", 1, text))
    heads.add(plan, M, "alcance", "Alcance")
    plan.add(
        M,
        "para",
        f"La revisión comprendió el {rng.choice((100, 80, 60))}% de los expedientes correspondientes "
        f"al periodo {periodo_text(M, start)}, con base en los procedimientos de auditoría previamente convenidos.",
    )
    total = rng.randint(250, 2400)
    k = rng.randint(4, max(5, total // 20))
    p2 = round(100 * k / total, 2)
    v["inconsistencia"] = None
    if rng.random() < INCONSISTENT_SHARE:
        p2 = round(p2 + rng.choice((0.5, 1.0, -0.25)), 2) if p2 > 1 else round(p2 + 1, 2)
        v["inconsistencia"] = "porcentaje_no_cuadra"
    p1 = round(100 - p2, 2)
    heads.add(plan, M, "resultados", rng.choice(("Resultados de la auditoría", "Resultados")))
    obs_code = details(plan, M, random.Random(seed * DETAIL_SEED_SCALE + 1), subject, heads, total, k, v)
    plan.add(M, "subheading", f"{obs_code} Observaciones" if obs_code else "Observaciones")
    observations = [
        lambda: (
            f"Se encontraron un total de {M.cantidad(k, 'expedientes')} con observaciones menores en {subject['what']}."
        ),
        lambda: (
            f"El {p1:.2f}% de los expedientes cuentan con la documentación conforme al procedimiento y solo el "
            f"{p2:.2f}% tiene faltante de documentación, por lo que se recomienda actualizar los expedientes."
        ),
    ]
    sub = f"{obs_code} Observaciones" if obs_code else "Observaciones"
    for i, write in enumerate(observations, 1):  # each text written just before it is added (its mentions)
        t = write()
        plan.add(
            M,
            "item",
            t,
            label=f"{i}.",
            row=row("hallazgo", i, t, subseccion=sub, tipo_observacion="con observación"),
        )
    if v["detalle"]:  # the auditor's comment on the observations: no finding of its own
        plan.add(M, "para", COMMENT.format(what=subject["what"]))
    summary_table(plan, M, rng, subject, entidad, k, v)
    heads.add(plan, M, "conclusiones", rng.choice(("Conclusiones", "Conclusiones del proceso de auditoría")))
    texts = [
        lambda: (
            "En la evaluación realizada al sistema de control interno se identificó que los mecanismos actuales "
            "de control permiten el adecuado manejo de los documentos y expedientes."
        ),
        lambda: (
            f"Como resultado de los procedimientos aplicados, se verificó y validó que {subject['what']} para el "
            f"periodo {periodo_text(M, start)} es de {M.cantidad(total, subject['unidad'])}, con fecha de corte al "
            f"{M.fecha(corte, 'de')}."
        ),
    ]
    for i, write in enumerate(texts, 1):
        t = write()
        plan.add(M, "parrafo_item", t, row=row("conclusion", i, t, fecha=corte.isoformat() if i == 2 else None))
    heads.add(plan, M, "dictamen", "Dictamen de auditoría")
    verdict = "FAVORABLE" if v["tabla_con_observacion"] <= 1 else "FAVORABLE CON SALVEDADES"
    t = (
        f"Se emite dictamen {verdict}, en virtud de haberse corroborado la congruencia entre los datos contenidos "
        "en los documentos observados y las estadísticas reportadas a las autoridades correspondientes."
    )
    plan.add(M, "parrafo_item", t, row=row("conclusion", 3, t))
    d = corte + timedelta(days=rng.randint(0, 20))
    plan.add(M, "cierre", f"{ctx['lugar']}, {ctx['estado']}, a {M.fecha(d, 'de')}.")
    plan.documents["fecha_documento"] = d.isoformat()
    v["fecha_documento_forma"] = "cierre"
    p = frame.signatory(rng, ctx, set())
    frame.post_bodies(M, p.cargo)
    plan.add(M, "firma", opts={"lines": [M.persona(p.nombre, p.printed_name, p.cargo), p.cargo, M.org(ctx["emisor"])]})
    v["agrupacion"] = "tabla_resumen"
    return plan


def details(plan: Plan, M: Marks, rng: random.Random, subject: dict, heads, total: int, k: int, v: dict) -> str | None:
    """What the auditor reviewed, before the observations, in a share of reports (the real
    external audit prints enrolment tables and charts under '5.1' .. '5.3'): numbered or plain
    sub-headings with a paragraph and a table of figures, none of it a finding. Drawn from its
    own generator, so the rest of the report is the one the seed always gave. Returns the
    observations' sub-heading number ('5.4') when the sub-headings are numbered."""
    v["detalle"] = rng.random() < DETAIL_SHARE
    if not v["detalle"]:
        return None
    section = heads.count if heads.numbering == "arabigo" else None
    chosen = rng.sample(DETAIL_HEADS, rng.randint(1, len(DETAIL_HEADS)))
    for j, head in enumerate(chosen, 1):
        title = head.format(what=subject["what"]).upper() if rng.random() < 0.5 else head.format(what=subject["what"])
        plan.add(M, "subheading", f"{section}.{j} {title}" if section else title)
        plan.add(M, "para", DETAIL_TEXT.format(what=subject["what"], total=M.cantidad(total, "registros")))
        if rng.random() < 0.6:
            shares = [rng.randint(20, 60) for _ in range(3)]
            rows = [
                {"concepto": f"Grupo {c}", "cantidad": str(round(total * sh / 100)), "porcentaje": f"{sh}.00%"}
                for c, sh in zip("ABC", shares)
            ]
            cols = [("concepto", 0.5, "CONCEPTO"), ("cantidad", 0.25, "CANTIDAD"), ("porcentaje", 0.25, "PORCENTAJE")]
            plan.add(M, "table", opts={"cols": cols, "rows": rows, "row_truth": [[] for _ in rows]})
    v["detalle_subsecciones"] = len(chosen)
    return f"{section}.{len(chosen) + 1}" if section else None


def summary_table(plan: Plan, M: Marks, rng: random.Random, subject: dict, entidad: str, k: int, v: dict) -> None:
    """The summary table: one finding per row, and a recommendation where it is not 'Ninguna'."""
    aspects = rng.sample(ASPECTOS, rng.randint(4, 7))
    bad = set(rng.sample(range(len(aspects)), rng.randint(1, 2)))
    ok_pool = rng.sample(OBS_OK, len(OBS_OK))
    rows, truth, row_mentions = [], [], []
    head = "Resumen de hallazgos y observaciones finales"
    head = head.upper() if rng.random() < 0.5 else head  # the truth states the sub-heading as printed
    plan.add(M, "subheading", head)
    for i, a in enumerate(aspects, 1):
        aspecto = f"{i}. " + a.format(unidad=subject["unidad"], dept=subject["dept"])
        if i - 1 in bad:
            obs = OBS_BAD.format(k=k)
            rec, status = rng.choice(RECS), rng.choice(STATUS_BAD)
        else:
            obs = ok_pool.pop() if ok_pool else OBS_OK[0]
            obs = obs.format(unidad=subject["unidad"], dept=subject["dept"])
            rec, status = "Ninguna", "Satisfactorio"
        rows.append({"aspecto": aspecto, "obs": obs, "rec": rec, "status": status})
        for cell in (aspecto, obs):  # the audited body's department, named in a cell's sentence
            if subject["dept"] in cell:
                M.org(subject["dept"])
        row_mentions.append(M.take())  # found in the row's cells by truth.py (a cell wraps on its own)
        tipo = "sin observación" if rec == "Ninguna" else "con observación"
        found = row(
            "hallazgo", i, obs, subseccion=head, tipo_observacion=tipo, aspecto_a_evaluar=aspecto, estatus=status
        )
        recs = (
            []
            if rec == "Ninguna"
            else [
                row(
                    "recomendacion",
                    i,
                    rec,
                    subseccion=head,
                    destinatario=entidad,
                    aspecto_a_evaluar=aspecto,
                    estatus=status,
                )
            ]
        )
        truth.append([found, *recs])
    cols = [
        ("aspecto", 0.24, "ASPECTO A EVALUAR"),
        ("obs", 0.38, "OBSERVACIONES"),
        ("rec", 0.24, "RECOMENDACIONES"),
        ("status", 0.14, "ESTATUS"),
    ]
    plan.add(M, "table", opts={"cols": cols, "rows": rows, "row_truth": truth, "row_mentions": row_mentions})
    v["tabla_filas"] = len(rows)
    v["tabla_con_observacion"] = len(bad)
