"""The ombudsman and state-commission reports: antecedents with footnotes, objectives,
findings under dated visits and area headings, conclusions and recommendations by addressee.

Every structural choice the seed makes once is here a drawn axis, recorded in ``variant``:
how findings are grouped (dated visits, area headings, both, none), how they are marked
(bullet glyphs, numbers, restarting numbers), whether a visit prints its year, whether a
visit holds a single unbulleted paragraph, where photos fall, how recommendations are
addressed and numbered (restarting per addressee, continuous, ordinal words).
"""

from __future__ import annotations

import random

from . import frame
from .fill import Slots, addressee_article, fill, legal_article
from .findings import add_findings
from .marks import Marks
from .model import Plan, plain_text
from .sources import footnote_text, legal_refs
from .topics import (
    ANTECEDENTES,
    CONCLUSIONES,
    ESPECIFICOS,
    JUSTIFICACION,
    METODOLOGIA,
    PROCERES,
    RECOMENDACIONES,
    SANTOS,
    TOPICS,
    T,
)
from .vocab import NUMBER_LABELS, OBJ_ESPECIFICOS, OBJ_GENERAL, ORDINALES

TITLES = {
    "ombudsman": ["Informe de supervisión", "Informe de verificación", "Informe de monitoreo"],
    "comision_estatal": ["Informe especial", "Informe de visita de supervisión", "Diagnóstico de supervisión"],
}
SUBTITLES = ["Supervisión a la {servicio} en {el_centro}", "Verificación de las condiciones {del_centro}"]
SUBTITLES += ["{Servicio} en {el_centro}"]
CLAVES = {
    "gt": ("REF. ", "{u}-{n:03d}-{y}"),
    "hn": ("Oficio No. ", "{a}-{u}-{n:03d}-{y}"),
    "sv": ("Ref.: ", "{a}/{u}/{n:03d}/{y}"),
    "mx": ("Expediente: ", "{a}/{u}/{n:03d}/{y}"),
}
CONCLUSION_STYLES = ("punto", "parentesis", "vinetas", "parrafos")
RECOMMENDATION_STYLES = ("por_destinatario", "continua", "sin_destinatario", "ordinales")
RECOMMENDATION_WEIGHTS = (0.45, 0.2, 0.15, 0.2)
# share of reports with each optional section
JUSTIFICATION_SHARE, MARCO_SHARE, METODOLOGIA_SHARE = 0.5, 0.25, 0.4
ONLY_GENERAL_OBJECTIVE_SHARE = 0.12  # no specific objectives printed
# share of reports whose methodology states a visit count that differs from the visits printed
# (a real cross-reference slip; recorded in variant["inconsistencia"])
INCONSISTENT_VISITS_SHARE = 0.12


def centro_name(rng: random.Random, topic: str, lugar: str) -> str:
    return rng.choice(T[topic]["centros"]).format(
        lugar=lugar, num=rng.randint(2, 98), prócer=rng.choice(PROCERES), santo=rng.choice(SANTOS)
    )


def title_block(plan: Plan, M: Marks, rng: random.Random, ctx: dict, slots: Slots, v: dict) -> None:
    """Title, subtitle, unit, month, and maybe the reference number; sets the document truth."""
    key = "comision_estatal" if ctx["style"] == "comision_estatal" else "ombudsman"
    main = rng.choice(TITLES[key])
    v["cover"] = rng.random() < frame.COVER_SHARE
    if v["cover"]:
        plan.add(M, "titulo", M.org(ctx["emisor"]), opts={"size": 16})
        plan.add(M, "linea", M.org(ctx["unidad"]), opts={"space": 90})
        plan.add(M, "titulo", main.upper(), opts={"size": 20, "space": 40})
        plan.add(M, "linea", frame.month_line(M, rng, ctx["report_date"]), opts={"space": 120})
        plan.add(M, "pagebreak")
        plan.unnumbered = 1
        if rng.random() < frame.BLANK_AFTER_COVER_SHARE:
            plan.add(M, "blank_page")
            plan.unnumbered = 2
    if rng.random() < frame.CLAVE_SHARE:
        label, pattern = CLAVES[ctx["country"]]
        u = frame.initials(ctx["unidad"]) or "DS"
        clave = pattern.format(a=ctx["abbr"], u=u, n=rng.randint(1, 240), y=ctx["year"])
        plan.add(M, "clave", label + M.ley(clave))  # a case file's code: referencia_legal
        plan.documents["clave_documento"] = clave
    upper = rng.random() < 0.6
    plan.add(M, "titulo", main.upper() if upper else main)
    sub = fill(rng.choice(SUBTITLES), slots)  # written just before it is added: it takes its mentions
    sub = sub[0].upper() + sub[1:]
    plan.add(M, "titulo", sub, opts={"size": 11})
    plan.add(M, "linea", f"{M.org(ctx['unidad'])} — {frame.month_line(M, rng, ctx['report_date'])}")
    plan.documents["titulo"] = f"{main}: {plain_text(sub)}"
    v["titulo_mayusculas"] = upper


def paragraphs(plan, M, rng, slots, pool, n, fn_rate, ctx) -> int:
    """``n`` paragraphs from ``pool``, each sentence maybe followed by a footnote mark."""
    notes = 0
    for template in rng.sample(pool, min(n, len(pool))):
        text = fill(template, slots)
        if rng.random() < fn_rate:  # the footnote's mentions go to its own Marks: they print at the page foot
            fM = Marks()
            text = text[:-1] + "." + plan.footnote(fM, footnote_text(rng, fM, ctx))
            notes += 1
        plan.add(M, "para", text)
    return notes


def objectives(plan, M, rng, slots, v) -> None:
    plan.add(M, "subheading", rng.choice(OBJ_GENERAL))
    text = fill(rng.choice(T[slots.ctx["topic"]]["objetivo_general"]), slots)
    plan.add(M, "parrafo_item", text, row=row("objetivo_general", 1, text))
    v["objetivos_especificos"] = 0 if rng.random() < ONLY_GENERAL_OBJECTIVE_SHARE else rng.randint(2, 5)
    if not v["objetivos_especificos"]:
        return
    plan.add(M, "subheading", rng.choice(OBJ_ESPECIFICOS))
    style = rng.choice(("punto", "parentesis", "letra", "vineta"))
    v["objetivos_estilo"] = style
    glyph = rng.choice(("•", "-"))
    for i, t in enumerate(rng.sample(ESPECIFICOS, v["objetivos_especificos"]), 1):
        text = fill(t, slots)
        label = glyph if style == "vineta" else NUMBER_LABELS[style](i)
        plan.add(M, "item", text, label=label, row=row("objetivo_especifico", i, text))


def row(seccion, numero, text, subseccion=None, fecha=None, destinatario=None, **extra) -> dict:
    return dict(
        seccion=seccion,
        subseccion=subseccion,
        numero=numero,
        texto=plain_text(text),
        fecha=fecha,
        destinatario=destinatario,
        **extra,
    )


def conclusions(plan, M, rng, slots, v) -> None:
    style = rng.choice(CONCLUSION_STYLES)
    v["conclusiones_estilo"] = style
    glyph = rng.choice(("•", "-", "»"))
    for i, t in enumerate(rng.sample(CONCLUSIONES, rng.randint(2, 6)), 1):
        text = fill(t, slots)
        r = row("conclusion", i, text)
        if style == "parrafos":
            plan.add(M, "parrafo_item", text, row=r)
        else:
            plan.add(M, "item", text, label=glyph if style == "vinetas" else NUMBER_LABELS[style](i), row=r)


def recommendations(plan, M, rng, slots, v) -> None:
    style = frame.weighted(rng, RECOMMENDATION_STYLES, RECOMMENDATION_WEIGHTS)
    v["recomendaciones_estilo"] = style
    destinos = rng.sample(T[slots.ctx["topic"]]["destinos"], rng.randint(1, 3))
    if style == "sin_destinatario":
        destinos = [None]
    pool = rng.sample(RECOMMENDATIONS_POOL, len(RECOMMENDATIONS_POOL))
    per = [rng.randint(1, 4) for _ in destinos]
    v["destinatarios"] = 0 if destinos == [None] else len(destinos)
    v["addressee_upper"] = upper = rng.random() < 0.2
    n = 0
    for dest_t, k in zip(destinos, per):
        dest = None
        if dest_t is not None:
            dest = fill(dest_t, slots)
            M.org(dest)  # every addressee is a body ('Secretaría de Educación del Departamento de …')
            line = f"{addressee_article(dest)} {dest}:"
            if upper:  # the mentions in it are printed in capitals too
                line = line.upper()
                for m in M.pending:
                    m.texto = m.texto.upper()
            plan.add(M, "destinatario", line)
        for i in range(1, k + 1):
            if not pool:
                break
            n += 1
            text = fill(pool.pop(), slots)
            numero = i if style == "por_destinatario" else n
            label = f"{ORDINALES[numero - 1]}." if style == "ordinales" else f"{numero}."
            plan.add(M, "item", text, label=label, row=row("recomendacion", numero, text, destinatario=dest))


RECOMMENDATIONS_POOL = RECOMENDACIONES
# how the report dates itself: a signing line, a 'Fecha de elaboración' line, or not at all
# (fecha_documento null: the real audit report prints none; a visit without its year then takes
# the year of the first visit, which always prints it)
DOCUMENT_DATE_FORMS, DOCUMENT_DATE_WEIGHTS = ("cierre", "elaboracion", "ninguna"), (0.6, 0.2, 0.2)


def closing(plan, M, rng, ctx, v) -> None:
    """Place and date of signature (or none: fecha_documento null), then the signatory."""
    form = frame.weighted(rng, DOCUMENT_DATE_FORMS, DOCUMENT_DATE_WEIGHTS)
    v["fecha_documento_forma"] = form
    d = ctx["report_date"]
    if form == "cierre":
        plan.add(M, "cierre", f"{ctx['lugar']}, {M.fecha(d, frame.doc_date_format(rng))}.")
    elif form == "elaboracion":
        plan.add(M, "cierre", f"Fecha de elaboración: {M.fecha(d, 'numerico')}")
    plan.documents["fecha_documento"] = None if form == "ninguna" else d.isoformat()
    p = frame.signatory(rng, ctx, slots_used(plan))
    frame.post_bodies(M, p.cargo, (ctx["unidad"],))  # 'Jefe de la Unidad de Supervisión Hospitalaria'
    plan.add(M, "firma", opts={"lines": [M.persona(p.nombre, p.printed_name, p.cargo), p.cargo, M.org(ctx["emisor"])]})


def slots_used(plan: Plan) -> set:
    return plan.variant.setdefault("_names", set())


def build(seed: int, rng: random.Random, style: str, family: str) -> Plan:
    topic = rng.choice(TOPICS)
    ctx = frame.context(rng, style, topic)
    hyph = rng.random() < frame.HYPHENATED_SHARE
    size_name, page = frame.page_setup(rng, hyph)
    ctx["centro"] = centro_name(rng, topic, ctx["lugar"])
    ctx["servicio"] = rng.choice(T[topic]["servicio"])
    ctx["anio_prev"] = ctx["year"] - rng.randint(1, 4)
    ctx["leyes"] = legal_refs(rng, ctx)
    n_visits = rng.choices((1, 2, 3, 4, 5, 6), weights=(0.25, 0.25, 0.2, 0.12, 0.1, 0.08))[0]
    visits, ctx["report_date"] = frame.visit_dates(rng, ctx["year"], n_visits)
    M = Marks()
    v: dict = dict(style=style, topic=topic, page_size=size_name, body_size=page.body, justificado=page.justify)
    v.update(hyphenated=hyph)
    header, footer = frame.header_footer(rng, ctx, "", ctx["centro"])
    plan = Plan(
        seed, family, v, {"doc_type": family, "emisor": ctx["emisor"], "clave_documento": None}, page, header, footer, 0
    )
    v.update(encabezado=header["style"] if header else "ninguno", pie=footer or "ninguno")
    centro = ctx["centro"] if T[topic].get("centro_es_organismo", True) else None
    plan.header_mentions = frame.header_mentions(header, [ctx["emisor"], ctx["unidad"], centro])
    nouns = dict(T[topic], servicio=ctx["servicio"], Servicio=ctx["servicio"].capitalize())
    slots = Slots(rng, M, nouns, ctx, used_names=slots_used(plan))
    title_block(plan, M, rng, ctx, slots, v)
    split_key = (
        rng.choice(("hallazgos", "conclusiones", "recomendaciones"))
        if rng.random() < frame.SPLIT_HEADING_SHARE
        else None
    )
    v["encabezado_partido"] = split_key
    heads = frame.Headings(rng, split_key)
    v.update(numeracion_secciones=heads.numbering, secciones_mayusculas=heads.upper, secciones_dos_puntos=heads.colon)
    fn_rate = rng.uniform(0.2, 0.8)
    heads.add(plan, M, "antecedentes")
    notes = paragraphs(plan, M, rng, slots, ANTECEDENTES, rng.randint(2, 5), fn_rate, ctx)
    v["optional_sections"] = []
    for key, share, pool in (("justificacion", JUSTIFICATION_SHARE, JUSTIFICACION),):
        if rng.random() < share:
            heads.add(plan, M, key)
            notes += paragraphs(plan, M, rng, slots, pool, rng.randint(1, 2), fn_rate / 2, ctx)
            v["optional_sections"].append(key)
    if rng.random() < MARCO_SHARE:
        heads.add(plan, M, "marco")
        for ref in rng.sample(ctx["leyes"], min(2, len(ctx["leyes"]))):
            plan.add(
                M,
                "para",
                f"De conformidad con lo establecido en {legal_article(ref[1])} {M.cita(ref)}, las autoridades "
                f"están obligadas a garantizar la {ctx['servicio']}.",
            )
        v["optional_sections"].append("marco")
    heads.add(plan, M, "objetivos")
    objectives(plan, M, rng, slots, v)
    grouping = add_findings_section(plan, M, rng, slots, v, heads, visits, n_visits)
    v["notas_al_pie"] = notes
    heads.add(plan, M, "conclusiones")
    conclusions(plan, M, rng, slots, v)
    heads.add(plan, M, "recomendaciones")
    recommendations(plan, M, rng, slots, v)
    closing(plan, M, rng, ctx, v)
    del v["_names"]
    v["agrupacion"] = grouping
    return plan


def add_findings_section(plan, M, rng, slots, v, heads, visits, n_visits) -> str:
    """Methodology (with its visit count) when drawn, then the findings section."""
    grouping = rng.choices(("visitas", "visitas_areas", "areas", "ninguna"), weights=(0.3, 0.3, 0.22, 0.18))[0]
    printed_visits = n_visits if grouping.startswith("visitas") else 1
    v["inconsistencia"] = None
    if rng.random() < METODOLOGIA_SHARE:
        stated = printed_visits
        if grouping.startswith("visitas") and rng.random() < INCONSISTENT_VISITS_SHARE:
            stated = printed_visits + rng.choice((-1, 1)) if printed_visits > 1 else 2
            v["inconsistencia"] = "visitas_declaradas"
        heads.add(plan, M, "metodologia")
        slots.ctx["nvis"] = stated
        plan.add(M, "para", fill(rng.choice(METODOLOGIA), slots))
        v["visitas_declaradas"] = stated
        v["optional_sections"].append("metodologia")
    heads.add(plan, M, "hallazgos")
    add_findings(plan, M, rng, slots, v, grouping, visits[:printed_visits] if grouping.startswith("visitas") else [])
    return grouping
