"""Family convenio_asm: a state agreement committing to fix evaluation findings (seed 002).

Legal prose with bold lead-ins and curly quotes around two ruled ASM tables, one of which
breaks across the page. The commitment dates mix month-only ("Agosto 2024", truth: last day
of the month, precision "mes") and full dates, because the real agreements do and the
extractor must keep the two apart. The OCR'd form mimics a tool that emits Markdown.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import letter

from .._common import Mentions, damage, join_pages, last_day
from .._layout import Doc
from .._text import Block, line_text

FAMILY = "convenio_asm"
SCAN_SEED = 2202
SCAN_QUALITY = 24  # densest pages: keep the scan near 300 KB

CONV_SUJETO = "Sistema para el Desarrollo Integral de la Familia del Estado de Valle Verde"
CONV_FONDO = "Fondo de Aportaciones Múltiples (FAM)"
CONV_LEMA = "“2024. Año del Bicentenario de la Erección del Estado Libre y Soberano de Valle Verde”"
CONV_TITLE = "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"


def conv_rows(M: Mentions):
    """The two ASM tables. fecha: (text printed, iso date, precision)."""

    def mes(y, m):
        return (M.mes(y, m, cap=True), last_day(y, m).isoformat(), "mes")

    def dia(d):
        return (M.f(d), d.isoformat(), "dia")

    hallazgos = [
        dict(
            texto="El Fondo no cuenta con un diagnóstico actualizado que cuantifique a la "
            "población potencial y objetivo de los programas alimentarios.",
            actividad=[
                "Elaborar y publicar el diagnóstico de la población potencial, objetivo y "
                "atendida de los programas alimentarios financiados con el FAM."
            ],
            fecha=mes(2024, 8),
        ),
        dict(
            texto="Los indicadores de la Matriz de Indicadores para Resultados del programa no "
            "miden la oportunidad en la entrega de los desayunos escolares.",
            actividad=[
                "Rediseñar la MIR incorporando un indicador de oportunidad en la entrega "
                "de desayunos escolares y registrarlo ante “LA SECRETARÍA”."
            ],
            fecha=dia(date(2024, 6, 30)),
        ),
        dict(
            texto="No se documentan los criterios para seleccionar a los municipios "
            "beneficiarios de los apoyos de asistencia social.",
            actividad=[
                "Emitir los criterios de focalización de municipios beneficiarios",
                "Publicar los criterios en el portal institucional",
                "Capacitar a los Sistemas Municipales DIF en su aplicación",
            ],
            fecha=mes(2024, 9),
        ),
        dict(
            texto="Los padrones de beneficiarios no incluyen la Clave Única de Registro de "
            "Población de todas las personas beneficiarias.",
            actividad=[
                "Depurar los padrones de beneficiarios y completar el registro de la CURP "
                "en el sistema de información del organismo."
            ],
            fecha=dia(date(2024, 10, 31)),
        ),
    ]
    recomendaciones = [
        dict(
            texto="Se recomienda difundir los resultados de las evaluaciones del Fondo en el "
            "portal de transparencia del organismo.",
            actividad=[
                "Publicar el informe final de la evaluación y el presente Convenio en el "
                "portal de transparencia del organismo."
            ],
            fecha=mes(2024, 5),
        ),
        dict(
            texto="Se recomienda establecer mecanismos de coordinación con los Sistemas "
            "Municipales DIF para dar seguimiento a la entrega de apoyos.",
            actividad=[
                "Suscribir acuerdos de coordinación con los Sistemas Municipales DIF que "
                "definan calendarios de entrega y reportes trimestrales."
            ],
            fecha=mes(2024, 11),
        ),
    ]
    return hallazgos, recomendaciones


def conv_cell_activity(act: list[str]) -> str:
    """Several activities become a bulleted cell: the seed has one, and its flattened truth
    (``a; b; c``) is what the extractor must produce."""
    if len(act) == 1:
        return act[0]
    return "\n".join("• " + a for a in act)


CONV_COLS_H = [
    dict(key="no", w=26, align="c"),
    dict(key="texto", w=186),
    dict(key="actividad", w=196),
    dict(key="fecha", w=80, align="c"),
]
CONV_HEADER_H = {"no": "No.", "texto": "Hallazgo", "actividad": "Actividad comprometida", "fecha": "Fecha compromiso"}
CONV_HEADER_R = dict(CONV_HEADER_H, texto="Recomendación")


def build(M: Mentions, data: dict):
    f_lineamientos = M.f(date(2023, 1, 30))
    f_pae = M.f(date(2023, 4, 28))
    url_pae = M.u("https://finanzas.valleverde.gob.mx/evaluacion/programa-anual-de-evaluacion-2023")
    url_pub = M.u("https://difvalleverde.gob.mx/transparencia/aspectos-susceptibles-de-mejora")
    f_limite = M.f(date(2024, 12, 31))
    f_firma = M.f(date(2024, 3, 15))
    hallazgos, recomendaciones = conv_rows(M)
    data["hallazgos"], data["recomendaciones"] = hallazgos, recomendaciones

    def start(d: Doc):
        hb = Block("header", d.page)
        d.text_at(d.W / 2, d.H - d.top + 8, CONV_LEMA, 8.5, "i", align="center", record=hb)
        d.blocks.append(hb)
        d.y = d.H - d.top - 8

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.W / 2, d.bottom - 6, f"Página {d.page} de {d.total_pages or 0}", 8, align="center", record=fb)
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(
            target,
            letter,
            (62, 62, 44, 40),
            title="Convenio ASM FAM 2023",
            on_page_start=start,
            on_page_end=end,
            footer_h=8,
            total_pages=total,
        )
        S = 8.6
        d.para(
            f"**{CONV_TITLE}, QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE FINANZAS, REPRESENTADA "
            "POR MARIO ALBERTO QUIROZ LEDESMA, SUBSECRETARIO DE PLANEACIÓN Y PRESUPUESTO; LA "
            "SECRETARÍA DE LA CONTRALORÍA, REPRESENTADA POR ADRIANA SOLÍS BECERRA, SUBSECRETARIA "
            "DE CONTROL Y EVALUACIÓN; Y POR LA OTRA PARTE EL SISTEMA PARA EL DESARROLLO INTEGRAL "
            "DE LA FAMILIA DEL ESTADO DE VALLE VERDE, REPRESENTADO POR HÉCTOR IVÁN PALACIOS NAVA, "
            "DIRECTOR GENERAL; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ “LA SECRETARÍA”, “LA "
            "CONTRALORÍA” Y “EL SUJETO EVALUADO”, Y ACTUANDO EN CONJUNTO “LAS PARTES”, AL TENOR "
            "DE LOS SIGUIENTES:**",
            size=S,
            after=6,
            kind="titulo",
        )
        d.para("ANTECEDENTES", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para(
            "El Gobierno del Estado de Valle Verde impulsa una gestión orientada a resultados, en "
            "la que el ejercicio de los recursos públicos se valora a partir de indicadores "
            "verificables y de evaluaciones externas, conforme al Plan Estatal de Desarrollo "
            "vigente.",
            size=S,
        )
        d.para(
            f"El {f_lineamientos} se publicaron en el Periódico Oficial “Gaceta de Valle Verde” "
            "los Lineamientos Generales para la Evaluación de los Programas Presupuestarios y "
            f"Fondos Federales, y el {f_pae} se emitió el Programa Anual de Evaluación para el "
            "Ejercicio Fiscal 2023 (PAE 2023), disponible en " + url_pae + ", el cual dispone "
            "que los sujetos evaluados atiendan los Aspectos Susceptibles de Mejora (ASM) "
            "mediante la firma de un Convenio para la Mejora del Desempeño y Resultados "
            "Gubernamentales.",
            size=S,
        )
        d.para(
            "El PAE 2023 determinó practicar una **Evaluación Específica de Desempeño al Fondo de "
            "Aportaciones Múltiples (FAM)**, en su componente de Asistencia Social, cuyos recursos "
            "ejerce el Sistema para el Desarrollo Integral de la Familia del Estado de Valle "
            "Verde.",
            size=S,
            after=6,
        )
        d.para("DECLARACIONES", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para(
            "**I. DE “LA SECRETARÍA”.** I.1. Que es la dependencia encargada de la planeación, "
            "programación, presupuestación y evaluación de la actividad financiera del Estado, de "
            "conformidad con el artículo 24 de la Ley Orgánica de la Administración Pública del "
            "Estado de Valle Verde. I.2. Que señala como domicilio el ubicado en Avenida de los "
            "Fresnos número 410, colonia Centro, Santa Catalina, Valle Verde, C.P. 61000.",
            size=S,
        )
        d.para(
            "**II. DE “LA CONTRALORÍA”.** II.1. Que es la dependencia responsable de vigilar, "
            "fiscalizar y evaluar la gestión de las dependencias y organismos auxiliares, y que "
            "por conducto de los Órganos Internos de Control verifica el cumplimiento de los "
            "compromisos derivados de las evaluaciones.",
            size=S,
        )
        d.para(
            "**III. DE “EL SUJETO EVALUADO”.** III.1. Que es un organismo público descentralizado "
            "con personalidad jurídica y patrimonio propios, responsable de ejecutar los programas "
            "de asistencia social financiados con recursos del FAM. III.2. Que su Director "
            "General cuenta con las facultades para suscribir el presente instrumento.",
            size=S,
        )
        d.para(
            "**IV. DE “LAS PARTES”.** IV.1. Que se reconocen mutuamente la personalidad con la que "
            "comparecen y convienen en sujetarse a las siguientes:",
            size=S,
            after=6,
        )
        d.para("CLÁUSULAS", size=9.5, base="b", align="center", after=3, kind="heading")
        d.para(
            "**PRIMERA. Objeto.** El presente Convenio tiene por objeto establecer los compromisos "
            "que asume “EL SUJETO EVALUADO” para atender los Aspectos Susceptibles de Mejora "
            "derivados de la Evaluación Específica de Desempeño al Fondo de Aportaciones "
            "Múltiples (FAM), componente de Asistencia Social, correspondiente al PAE 2023.",
            size=S,
        )
        d.para(
            "**SEGUNDA. Obligaciones.** “LA SECRETARÍA” dará seguimiento al cumplimiento de los "
            "compromisos y dictaminará su procedencia; “LA CONTRALORÍA”, por conducto del Órgano "
            "Interno de Control, verificará la veracidad de la información presentada; y “EL "
            "SUJETO EVALUADO” atenderá los compromisos en los plazos pactados y remitirá la "
            "evidencia documental correspondiente.",
            size=S,
        )
        d.para(
            "**TERCERA. De los Aspectos Susceptibles de Mejora.** “EL SUJETO EVALUADO” se "
            "compromete a atender los hallazgos y recomendaciones que se enlistan a continuación:",
            size=S,
            after=3,
        )
        d.para("a) De los hallazgos:", size=S, base="b", align="left", after=3, kind="subheading", keep=6)
        rows = [
            {
                "no": str(i + 1),
                "texto": h["texto"],
                "actividad": conv_cell_activity(h["actividad"]),
                "fecha": h["fecha"][0],
            }
            for i, h in enumerate(hallazgos)
        ]
        d.table(
            CONV_COLS_H, CONV_HEADER_H, rows, size=8, leading=9.6, pad=3.2, row_meta=[{"tabla": "hallazgo"}] * len(rows)
        )
        d.para(
            "b) De las recomendaciones:", size=S, base="b", align="left", before=6, after=3, kind="subheading", keep=6
        )
        rows = [
            {
                "no": str(i + 1),
                "texto": h["texto"],
                "actividad": conv_cell_activity(h["actividad"]),
                "fecha": h["fecha"][0],
            }
            for i, h in enumerate(recomendaciones)
        ]
        d.table(
            CONV_COLS_H,
            CONV_HEADER_R,
            rows,
            size=8,
            leading=9.6,
            pad=3.2,
            row_meta=[{"tabla": "recomendacion"}] * len(rows),
        )
        d.space(6)
        d.para(
            f"**CUARTA. Cumplimiento.** Las fechas comprometidas no podrán exceder del "
            f"{f_limite}. “LA SECRETARÍA” y “LA CONTRALORÍA” determinarán si las acciones "
            "realizadas atienden de manera suficiente lo solicitado.",
            size=S,
        )
        d.para(
            "**QUINTA. Prórroga.** “EL SUJETO EVALUADO” podrá solicitar por escrito una prórroga, "
            "que no excederá de 30 días naturales, cuando una acción no pueda concluirse en la "
            "fecha comprometida.",
            size=S,
        )
        d.para("**SEXTA. Publicidad.** El presente instrumento es público y se difundirá en " + url_pub + ".", size=S)
        d.para(
            "**SÉPTIMA. Vigencia.** El presente Convenio surtirá efectos a partir de su firma y "
            "hasta el total cumplimiento de los compromisos pactados.",
            size=S,
        )
        d.para(
            "Leído que fue el presente Convenio y enteradas las partes de su contenido y alcance "
            f"legal, lo firman por triplicado en Santa Catalina, Valle Verde, a {f_firma}.",
            size=S,
            after=4,
            kind="cierre",
        )
        d.columns(
            [
                [
                    "POR “LA SECRETARÍA”",
                    "",
                    "",
                    "MARIO ALBERTO QUIROZ LEDESMA",
                    "SUBSECRETARIO DE PLANEACIÓN",
                    "Y PRESUPUESTO",
                ],
                ["POR “LA CONTRALORÍA”", "", "", "ADRIANA SOLÍS BECERRA", "SUBSECRETARIA DE CONTROL", "Y EVALUACIÓN"],
                [
                    "POR “EL SUJETO EVALUADO”",
                    "",
                    "",
                    "HÉCTOR IVÁN PALACIOS NAVA",
                    "DIRECTOR GENERAL DEL SISTEMA",
                    "DIF VALLE VERDE",
                ],
            ],
            size=7.2,
            gap_before=6,
            styles={0: "b", 3: "b"},
        )
        return d

    return builder


CONV_TEXT_DAMAGE = {
    1: [("organismo público", "organisrno público"), ("compromisos que asume", "cornpromisos que asume")],
    2: [("Sistemas Municipales DIF", "Sistemas Municipa1es DIF")],
}


def md_bold(line) -> str:
    """A drawn line with its bold runs wrapped in ** (as a Markdown-emitting OCR tool does)."""
    out, bold = [], []
    for w in line:
        t = line_text([w])
        if all(st == "b" for _, st in w):
            bold.append(t)
            continue
        if bold:
            out.append("**" + " ".join(bold) + "**")
            bold = []
        out.append(t)
    if bold:
        out.append("**" + " ".join(bold) + "**")
    return " ".join(out)


def _md_cell(s: str) -> str:
    return s.replace("|", "/").strip()


def ocr(d: Doc) -> str:
    """Markdown-ish export in the style of seed 002 (an OCR tool that emits tables as Markdown)."""
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        in_table = False
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind in ("table_header", "table_row"):
                if b.kind == "table_header":
                    labels = [
                        " ".join(t for (_, _, t, k) in b.items if k == key)
                        for key in ("no", "texto", "actividad", "fecha")
                    ]
                    if not in_table:
                        out.append("")
                    out.append("| " + " | ".join(labels) + " |")
                    out.append("|--|---|--|--------|")
                    in_table = True
                else:
                    cells = b.meta["cells"]
                    act = cells["actividad"]
                    if any(line.startswith("• ") for line in act):
                        items, cur = [], ""
                        for line in act:
                            if line.startswith("• "):
                                if cur:
                                    items.append(cur)
                                cur = line[2:]
                            else:
                                cur += " " + line
                        items.append(cur)
                        act_s = '<ul style="list-style-type: none"> ' + " ".join("• " + i for i in items) + " </ul>"
                    else:
                        act_s = " ".join(act)
                    vals = [" ".join(cells["no"]), " ".join(cells["texto"]), act_s, " ".join(cells["fecha"])]
                    out.append("| " + " | ".join(_md_cell(v) for v in vals) + " |")
                continue
            if in_table:
                out.append("")
                in_table = False
            if b.kind == "header":
                out.append("")
                out.append(b.lines[0])
                out.append("")
            elif b.kind == "footer":
                continue  # this OCR tool drops page numbers
            elif b.kind == "sig":
                out.append("")
                for col in sorted({t[3] for t in b.items}):
                    out.extend(t for (_, _, t, c) in b.items if c == col and t)
                    out.append("")
            else:
                text = " ".join(line_text(ln) if b.kind == "titulo" else md_bold(ln) for ln in b.words)
                out.append(text)
                out.append("")
        text = "\n".join(out)
        text = damage(text, CONV_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def truth(d: Doc, data: dict) -> dict:
    row_page: dict = {}
    for b in d.blocks:
        if b.kind == "table_row":
            row_page[(b.meta["tabla"], b.meta["row"])] = b.page
    out = []
    for tipo, rows in (("hallazgo", data["hallazgos"]), ("recomendacion", data["recomendaciones"])):
        for i, r in enumerate(rows):
            out.append(
                {
                    "tipo": tipo,
                    "numero": i + 1,
                    "texto": r["texto"],
                    "actividad_comprometida": "; ".join(r["actividad"]),
                    "fecha_compromiso": r["fecha"][1],
                    "fecha_precision": r["fecha"][2],
                    "fecha_texto": r["fecha"][0],
                    "programa_evaluado": CONV_FONDO,
                    "sujeto_evaluado": CONV_SUJETO,
                    "page": row_page[(tipo, i)],
                }
            )
    return {"commitments": out}


DOC = {
    "emisor": "Secretaría de Finanzas del Gobierno del Estado de Valle Verde",
    "titulo": CONV_TITLE,
    "clave_documento": None,
    "fecha_documento": "2024-03-15",
}
