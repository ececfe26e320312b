"""Family informe_supervision: a human-rights ombudsman's hospital inspection (seed 000).

Findings sit under visit headings that carry their date, one heading has no year (the year
comes from context), footnote marks are glued to words and a footnote URL breaks across
lines: the structure the extractor has to recover. Every item's drawn lines are checked
against its authored text when the truth is written, so wrapping can never lose a word.
"""

from __future__ import annotations

import re
from datetime import date

from reportlab.lib.pagesizes import letter

from .._common import Mentions, damage, join_pages
from .._layout import Doc
from .._text import Block, line_text

FAMILY = "informe_supervision"
SCAN_SEED = 4404
SCAN_QUALITY = 30

# "Salud, 2022. https://www.procuraduriaciudadana.org.gt/x.html" -> [that URL]
FOOTNOTE_URL = re.compile(r"https?://\S+")
# "cuatro municipios vecinos.^1^" -> group 1 = "1" (the authored footnote reference)
FOOTNOTE_MARK = re.compile(r"\^(\d+)\^")

INF_EMISOR = "Procuraduría Ciudadana de Derechos Humanos"
INF_HOSPITAL = "Hospital Regional de San Bartolomé"
INF_TITLE = "Informe de supervisión"
INF_SUBTITLE = (
    "Atención a pacientes con enfermedad renal crónica en la Unidad de Hemodiálisis "
    "del Hospital Regional de San Bartolomé"
)


def inf_content(M: Mentions):
    """Built inside a function, not as constants, because every date and URL in it must be
    written through this document's ``Mentions``."""
    v1, v2 = date(2023, 3, 14), date(2023, 3, 28)
    seguimiento = date(2023, 4, 4)
    u1 = M.u(
        "https://www.procuraduriaciudadana.org.gt/informes/defensoria-de-la-salud/2022/"
        "supervision-unidad-de-hemodialisis-hospital-regional-san-bartolome.html"
    )
    u2 = M.u(
        "https://www.procuraduriaciudadana.org.gt/informes/informe-anual-circunstanciado-2022/"
        "capitulo-derecho-a-la-salud.pdf"
    )
    footnotes = {
        "1": f"Procuraduría Ciudadana de Derechos Humanos, Supervisión a la Unidad de Hemodiálisis, 2022. {u1}",
        "2": f"Informe Anual Circunstanciado 2022, capítulo de derecho a la salud. {u2}",
        "3": "Acción Constitucional de Amparo 842-2021, Corte de Constitucionalidad.",
    }
    antecedentes = [
        "La enfermedad renal crónica es una de las principales causas de hospitalización en la "
        "región occidental del país. El Hospital Regional de San Bartolomé es el único centro "
        "público del departamento que ofrece hemodiálisis, por lo que concentra la demanda de "
        "cuatro municipios vecinos.^1^",
        "Desde 2021 la Defensoría de la Salud ha recibido denuncias por la suspensión de sesiones "
        "de hemodiálisis, la falta de insumos y la saturación del área de encamamiento. En su "
        "informe anual, la Procuraduría señaló que la red hospitalaria no cuenta con un plan de "
        "sustitución de equipo médico.^2^ Ante la persistencia de las denuncias se programaron "
        "visitas de supervisión durante el primer trimestre del año.",
    ]
    general = (
        "Verificar las condiciones en que se brinda atención a las personas con enfermedad "
        "renal crónica en el Hospital Regional de San Bartolomé."
    )
    especificos = [
        "Establecer el número de máquinas de hemodiálisis en funcionamiento y los turnos de atención disponibles.",
        "Conocer las condiciones de infraestructura del área de encamamiento asignada a pacientes renales.",
        "Determinar la existencia de insumos y medicamentos necesarios para las sesiones de hemodiálisis.",
    ]
    # (visit heading, visit date, [(sub-heading, [items])])
    hallazgos = [
        (
            f"Visita del {M.f(v1)}",
            v1,
            [
                (
                    "Unidad de Hemodiálisis",
                    [
                        "De las diez máquinas de hemodiálisis con que cuenta la unidad, solo siete se "
                        f"encontraban en funcionamiento; las tres restantes esperan repuestos desde "
                        f"{M.mes(2022, 11, de=True)}.",
                        "La unidad atiende en tres turnos diarios a 84 pacientes; otros 23 pacientes se "
                        "encuentran en lista de espera y reciben diálisis peritoneal en sus hogares.",
                        "El personal de enfermería asignado, seis enfermeras por turno, no ha recibido "
                        "capacitación específica en terapia de reemplazo renal.",
                    ],
                ),
                (
                    "Área de Encamamiento (II Nivel)",
                    [
                        "El área cuenta con 18 camas, de las cuales 4 no tienen colchón y 2 carecen de barandales.",
                        "Se observaron filtraciones de agua en el techo y dos ventanas con vidrios rotos "
                        "cubiertas con cartón.",
                        "Los pacientes renales comparten sala con pacientes de medicina interna, sin "
                        "aislamiento para quienes presentan infecciones asociadas al catéter.",
                    ],
                ),
            ],
        ),
        (
            f"Visita del {M.f(v2)}",
            v2,
            [
                (
                    "Farmacia Interna",
                    [
                        "No había existencia de eritropoyetina desde hacía tres semanas; los familiares "
                        "adquieren el medicamento por su cuenta.",
                        "Las soluciones para diálisis peritoneal se entregan para quince días, cuando la "
                        "norma institucional establece un abastecimiento mensual.",
                    ],
                ),
            ],
        ),
        (
            "Seguimiento telefónico del 4 de abril",
            seguimiento,
            [
                (
                    "Dirección Médica",
                    [
                        "El Director Médico informó que la compra de repuestos para las máquinas se "
                        "encuentra en proceso de adjudicación y que no tiene fecha estimada de entrega.",
                    ],
                ),
            ],
        ),
    ]
    caption = f"Fotografía 1. Máquinas de hemodiálisis fuera de servicio, {M.f(v1)}."
    conclusiones = [
        "La unidad de hemodiálisis opera al 70 % de su capacidad instalada, lo que obliga a "
        "mantener una lista de espera y a trasladar la atención a los hogares sin el "
        "acompañamiento adecuado.",
        "Las condiciones del área de encamamiento exponen a los pacientes renales a infecciones intrahospitalarias.",
        "El desabastecimiento de eritropoyetina y de soluciones de diálisis vulnera el derecho a "
        "la salud de las personas con enfermedad renal crónica, en contravención de lo resuelto "
        "por la Corte de Constitucionalidad.^3^",
    ]
    recomendaciones = [
        (
            "Ministerio de Salud Pública y Asistencia Social",
            "Al Ministerio de Salud Pública y Asistencia Social:",
            [
                "Asignar de forma urgente los recursos para reparar las tres máquinas de hemodiálisis "
                "fuera de servicio y elaborar un plan de sustitución de equipo.",
                "Garantizar el abastecimiento continuo de eritropoyetina y de soluciones para diálisis peritoneal.",
            ],
        ),
        (
            "Dirección Ejecutiva del Hospital Regional de San Bartolomé",
            "A la Dirección Ejecutiva del Hospital Regional de San Bartolomé:",
            [
                "Habilitar un área de aislamiento para pacientes renales con infecciones asociadas al catéter.",
                "Programar la capacitación del personal de enfermería en terapia de reemplazo renal "
                f"antes del {M.f(date(2023, 6, 30))}.",
            ],
        ),
    ]
    firma = f"San Bartolomé, {M.f(date(2023, 4, 17))}."
    mes_informe = M.mes(2023, 4, cap=True)
    return dict(
        footnotes=footnotes,
        antecedentes=antecedentes,
        general=general,
        especificos=especificos,
        hallazgos=hallazgos,
        caption=caption,
        conclusiones=conclusiones,
        recomendaciones=recomendaciones,
        firma=firma,
        mes_informe=mes_informe,
    )


def build(M: Mentions, data: dict):
    C = inf_content(M)
    data.update(C)

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top, INF_EMISOR.upper(), 8, "b", record=hb)
        d.text_at(d.W - d.right, top, "Defensoría de la Salud", 8, "i", align="right", record=hb)
        d.c.setLineWidth(0.5)
        d.c.line(d.left, top - 5, d.W - d.right, top - 5)
        d.blocks.append(hb)
        d.y = top - 12

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.W / 2, d.bottom - 4, f"{d.page}", 8, align="center", record=fb)
        d.blocks.append(fb)

    def item(seccion, numero, texto, **kw):
        return dict(
            kw, id=f"{seccion}:{kw.get('destinatario', '')}:{numero}", seccion=seccion, numero=numero, texto=texto
        )

    def builder(target, total):
        d = Doc(
            target,
            letter,
            (66, 66, 40, 40),
            title="Informe de supervisión",
            footnotes=C["footnotes"],
            on_page_start=start,
            on_page_end=end,
            footer_h=8,
            total_pages=total,
            fn_size=7.2,
        )
        S, L = 9.2, 11.4
        d.para(INF_TITLE.upper(), size=13, base="b", align="center", after=1, kind="titulo")
        d.para(INF_SUBTITLE, size=10, base="b", align="center", after=1, kind="titulo")
        d.para(f"Defensoría de la Salud — {C['mes_informe']}", size=9, align="center", after=5, kind="titulo")
        d.para("I. Antecedentes", size=10, base="b", align="left", after=2, kind="heading")
        for t in C["antecedentes"]:
            d.para(t, size=S, leading=L, after=3)
        d.para("II. Objetivos", size=10, base="b", align="left", before=2, after=2, kind="heading")
        d.para("Objetivo general", size=S, base="bi", align="left", after=1, kind="subheading")
        d.para(C["general"], size=S, leading=L, after=2, kind="item", meta=item("objetivo_general", 1, C["general"]))
        d.para("Objetivos específicos", size=S, base="bi", align="left", after=1, kind="subheading")
        for i, t in enumerate(C["especificos"], 1):
            d.para(
                t,
                size=S,
                leading=L,
                label=f"{i}.",
                label_w=14,
                indent=6,
                after=1,
                kind="item",
                meta=item("objetivo_especifico", i, t),
            )
        d.para("III. Hallazgos", size=10, base="b", align="left", before=4, after=2, kind="heading")
        n = 0
        for vi, (vhead, vdate, groups) in enumerate(C["hallazgos"]):
            d.ensure(L * 4 + 4)  # keep the visit heading with its first findings
            d.para(vhead, size=S, base="b", align="left", before=2, after=1, kind="visita")
            for sub, items in groups:
                d.ensure(L * 3 + 2)
                d.para(sub, size=S, base="bi", align="left", after=1, kind="subheading")
                for t in items:
                    n += 1
                    d.para(
                        t,
                        size=S,
                        leading=L,
                        label="•",
                        label_w=12,
                        indent=8,
                        after=1,
                        kind="item",
                        meta=item("hallazgo", n, t, subseccion=sub, fecha=vdate.isoformat()),
                    )
                if vi == 0 and sub.startswith("Unidad"):
                    d.space(3)
                    d.figure(72, C["caption"], seed=7)
        d.para("IV. Conclusiones", size=10, base="b", align="left", before=4, after=2, kind="heading")
        for i, t in enumerate(C["conclusiones"], 1):
            d.para(
                t,
                size=S,
                leading=L,
                label=f"{i}.",
                label_w=14,
                indent=6,
                after=1,
                kind="item",
                meta=item("conclusion", i, t),
            )
        d.para("V. Recomendaciones", size=10, base="b", align="left", before=4, after=2, kind="heading")
        for dest, head, items in C["recomendaciones"]:
            d.para(head, size=S, base="b", align="left", before=1, after=1, kind="destinatario", keep=3)
            for i, t in enumerate(items, 1):
                d.para(
                    t,
                    size=S,
                    leading=L,
                    label=f"{i}.",
                    label_w=14,
                    indent=6,
                    after=1,
                    kind="item",
                    meta=item("recomendacion", i, t, destinatario=dest),
                )
        d.para(C["firma"], size=S, align="right", before=6, after=14, kind="cierre")
        d.para("Licda. Marta Eugenia Coyoy Sical", size=S, base="b", align="center", after=0, kind="firma", keep=2)
        d.para("Defensora de la Salud", size=S, align="center", kind="firma")
        return d

    return builder


INF_WORD_DAMAGE = {
    1: [
        ("Hospital Regional de San Bartolomé es", "Hospltal Regional de San Bartolomé es"),
        ("máquinas de hemodiálisis en", "máquinas de hernodiálisis en"),
    ],
    2: [
        ("personal de enfermería en", "personal de enfermeria en"),
        ("abastecimiento continuo", "abastecimiento contlnuo"),
    ],
}


def ocr(d: Doc) -> str:
    """Export in the style of seed 000: every line followed by a blank line, trailing spaces,
    bullet glyphs lost (the item starts with one space), footnote URLs split over lines, and
    the page's hyperlinks dumped whole after the footnotes."""
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        links: list[str] = []
        sep_done = False
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "header":
                out += [" " + "   ".join(b.lines) + " ", ""]
            elif b.kind == "footer":
                continue
            elif b.kind == "figure":
                out += [" ", ""]
            elif b.kind == "footnote":
                if not sep_done:
                    out += [" " * 39, ""]
                    sep_done = True
                for i, ln in enumerate(b.lines):
                    out += [(f"{b.label} " if i == 0 else "") + ln + " ", ""]
                for m in FOOTNOTE_URL.findall(d.fn_defs[b.label]):
                    links.append(m)
            else:
                for i, ln in enumerate(b.words):
                    t = line_text(ln, sup_sep=" ")
                    if i == 0 and b.label == "•":
                        t = " " + t
                    elif i == 0 and b.label:
                        t = f"{b.label} {t}"
                    out += [t + " ", ""]
        if links:
            out += [""] + links + [""]
        text = "\n".join(out)
        text = damage(text, INF_WORD_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def truth(d: Doc, data: dict) -> dict:
    out = []
    for b in d.blocks:
        if b.kind != "item" or b.cont:
            continue
        m = b.meta
        # the drawn lines of the item (all its page pieces) must spell the authored text
        drawn = " ".join(line for x in d.blocks if x.kind == "item" and x.meta.get("id") == m["id"] for line in x.lines)
        authored = FOOTNOTE_MARK.sub("", m["texto"])
        assert drawn == FOOTNOTE_MARK.sub(r"\1", m["texto"]), (drawn, authored)
        out.append(
            {
                "seccion": m["seccion"],
                "subseccion": m.get("subseccion"),
                "numero": m["numero"],
                "texto": authored,
                "fecha": m.get("fecha"),
                "destinatario": m.get("destinatario"),
                "page": b.page,
            }
        )
    return {"findings": out}


DOC = {
    "emisor": INF_EMISOR,
    "titulo": f"{INF_TITLE}: {INF_SUBTITLE}",
    "clave_documento": None,
    "fecha_documento": "2023-04-17",
}
