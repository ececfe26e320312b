"""Family dictamen_puntajes: an electoral institute's performance-score agreement (seed 003).

The final score of each person is computed here from the three factors with the
institute's weights (and renormalised when a factor is N/A), so the table, the prose that
names the two best and the golden can never disagree. Dates are written with number words
("12 doce de febrero de 2024 dos mil veinticuatro") as the seed writes them.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import letter

from .._common import Mentions, damage, join_pages
from .._layout import Doc
from .._text import Block

FAMILY = "dictamen_puntajes"
SCAN_SEED = 3303
SCAN_QUALITY = 30

DICT_INST = "INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE"
DICT_CLAVE = "IEEV/CV/SPE/03/2024"
DICT_ENTIDAD = "Valle Verde"
D = Decimal
# (apellidos, nombres, cargo, metas individuales, metas colectivas, competencias); None = N/A
DICT_PEOPLE = [
    ("Ramírez Ochoa", "Lucía Fernanda", "Coordinadora de Educación Cívica", None, D("9.722"), D("9.410")),
    ("Villaseñor Trejo", "Martín", "Coordinador de Organización Electoral", D("10.000"), D("9.722"), D("8.950")),
    ("Castañeda Ríos", "Ana Paula", "Coordinadora de Participación Ciudadana", None, D("9.167"), D("9.805")),
    ("Beltrán Estrada", "José Manuel", "Coordinador de lo Contencioso Electoral", None, D("10.000"), None),
    ("Olvera Durán", "Karina", "Técnica de Educación Cívica", D("9.500"), D("8.889"), D("8.120")),
    ("Nájera Campos", "Édgar Iván", "Técnico de Organización Electoral", None, D("8.333"), D("7.640")),
    ("Gallegos Peña", "María José", "Técnica de Participación Ciudadana", D("10.000"), D("10.000"), D("9.612")),
    (
        "Zúñiga Lara",
        "Rubén",
        "Técnico de Vinculación con el Instituto Nacional Electoral",
        None,
        D("7.500"),
        D("6.980"),
    ),
    ("Ibarra Solís", "Daniela", "Técnica de lo Contencioso Electoral", None, D("9.444"), D("8.730")),
    ("Aguilar Montes", "Sofía", "Técnica de Organización Electoral", None, D("9.722"), D("9.050")),
]


def dict_final(ind, col, comp) -> Decimal:
    """Weights 0.4/0.3/0.3, or 0.7/0.3 for staff without individual goals; a missing factor
    is dropped and the rest renormalised, so N/A never counts as zero."""
    vals = {"ind": ind, "col": col, "comp": comp}
    w = {"ind": D("0.4"), "col": D("0.3"), "comp": D("0.3")} if ind is not None else {"col": D("0.7"), "comp": D("0.3")}
    use = {k: wt for k, wt in w.items() if vals[k] is not None}
    s = sum(vals[k] * wt for k, wt in use.items()) / sum(use.values())
    return s.quantize(D("0.001"), ROUND_HALF_UP)


def dict_nivel(x: Decimal) -> str:
    if x >= 9:
        return "Excelente"
    if x >= 8:
        return "Altamente competente"
    if x >= 7:
        return "Competente"
    if x >= 6:
        return "Suficiente"
    return "Insuficiente"


def dec_comma(x) -> str:
    return "N/A" if x is None else f"{x:.3f}".replace(".", ",")


def dict_scores():
    """The prose names the two best scores, so there must be no tie for second place."""
    rows = []
    for ap, nom, cargo, ind, col, comp in DICT_PEOPLE:
        fin = dict_final(ind, col, comp)
        rows.append(
            dict(
                nombre=f"{ap} {nom}",
                natural=f"{nom} {ap}",
                cargo=cargo,
                ind=ind,
                col=col,
                comp=comp,
                fin=fin,
                nivel=dict_nivel(fin),
            )
        )
    ranked = sorted(rows, key=lambda r: r["fin"], reverse=True)
    assert ranked[1]["fin"] > ranked[2]["fin"]
    return rows, ranked[:2]


DICT_COLS = [
    dict(key="nombre", w=92),
    dict(key="cargo", w=106),
    dict(key="entidad", w=48, align="c"),
    dict(key="ind", w=50, align="c", valign="middle"),
    dict(key="col", w=48, align="c", valign="middle"),
    dict(key="comp", w=58, align="c", valign="middle"),
    dict(key="fin", w=48, align="c", valign="middle"),
    dict(key="nivel", w=60, align="c", valign="middle"),
]
DICT_HEADER = {
    "nombre": "Nombre completo",
    "cargo": "Cargo/Puesto",
    "entidad": "Entidad",
    "ind": "Individuales",
    "col": "Colectivas",
    "comp": "Competencias",
    "fin": "Calificación final",
    "nivel": "Nivel de desempeño",
}
DICT_GROUPS = [("Metas", "ind", "col")]
DICT_TITLE = (
    "ACUERDO DE LA COMISIÓN DE VINCULACIÓN Y SERVICIO PROFESIONAL ELECTORAL DEL "
    "INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE, POR EL QUE SE SOMETEN A "
    "CONSIDERACIÓN DEL CONSEJO GENERAL LOS DICTÁMENES DE RESULTADOS INDIVIDUALES Y EL "
    "OTORGAMIENTO DE INCENTIVOS AL PERSONAL DEL SERVICIO PROFESIONAL ELECTORAL NACIONAL "
    "ADSCRITO A ESTE INSTITUTO, DERIVADOS DE LA EVALUACIÓN DEL DESEMPEÑO DEL PERIODO "
    "SEPTIEMBRE 2022 A AGOSTO 2023."
)


def build(M: Mentions, data: dict):
    rows, top2 = dict_scores()
    data["rows"], data["top2"] = rows, top2
    p_ini = M.mes(2022, 9)
    p_fin = M.mes(2023, 8)
    f_lineam = M.f(date(2022, 8, 29), palabras=True)
    f_dictamen = M.f(date(2024, 1, 18), palabras=True)
    f_sesion = M.f(date(2024, 2, 12), palabras=True)
    url = M.u("https://www.ieevalleverde.org.mx/servicio-profesional/incentivos")

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top - 4, "VALLE VERDE", 15, "b", record=hb)
        d.text_at(d.W - d.right, top - 2, DICT_INST, 8.5, "b", align="right", record=hb)
        d.text_at(d.W - d.right, top - 14, DICT_CLAVE, 8.5, "n", align="right", record=hb)
        d.c.setLineWidth(0.8)
        d.c.line(d.left, top - 20, d.W - d.right, top - 20)
        d.blocks.append(hb)
        d.y = top - 28

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(
            d.W - d.right, d.bottom + 2, f"Página {d.page} de {d.total_pages or 0}", 7.5, align="right", record=fb
        )
        d.text_at(
            d.left,
            d.bottom + 2,
            "Calle Jacarandas No. 250, Col. Centro, C.P. 61050, Santa Catalina, Valle Verde",
            7,
            record=fb,
        )
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(
            target,
            letter,
            (50, 50, 40, 34),
            title=DICT_CLAVE,
            on_page_start=start,
            on_page_end=end,
            footer_h=12,
            total_pages=total,
        )
        S = 8.6
        d.para(f"**{DICT_TITLE}**", size=S, after=5, kind="titulo")
        d.para("G L O S A R I O", size=9, base="b", align="center", after=2, kind="heading")
        for term, defin in [
            ("CEVV", "Código Electoral del Estado de Valle Verde."),
            ("Comisión", "Comisión de Vinculación y Servicio Profesional Electoral del IEEV."),
            ("DESPEN", "Dirección Ejecutiva del Servicio Profesional Electoral Nacional."),
            (
                "Evaluación del desempeño",
                "Evaluación del desempeño de las y los miembros del "
                f"Servicio del sistema OPLE correspondiente al periodo {p_ini} a {p_fin}.",
            ),
            ("IEEV", "Instituto Electoral del Estado de Valle Verde."),
            (
                "Incentivo",
                "Retribución individual que puede recibir el personal del Servicio que "
                "forme parte del universo de elegibles, con base en los resultados de su evaluación.",
            ),
            ("OPLE", "Organismo Público Local Electoral."),
            ("Servicio", "Servicio Profesional Electoral Nacional."),
        ]:
            d.para(f"**{term}:** {defin}", size=S, after=1.5, kind="glosario", align="left")
        d.para("ANTECEDENTES", size=9, base="b", align="center", before=4, after=2, kind="heading")
        d.para(
            f"**PRIMERO. Lineamientos y metas.** El {f_lineam}, la Junta General Ejecutiva del "
            "Instituto Nacional Electoral aprobó los Lineamientos y las metas para la evaluación "
            f"del desempeño de las y los miembros del Servicio del sistema OPLE para el periodo "
            f"{p_ini} a {p_fin}.",
            size=S,
        )
        d.para(
            f"**SEGUNDO. Dictamen General de Resultados.** El {f_dictamen}, el Consejo General "
            "del IEEV aprobó, mediante el Acuerdo IEEV-CG-04/2024, el Dictamen General de "
            "Resultados de la Evaluación del Desempeño, en el que se asentaron las calificaciones "
            "siguientes:",
            size=S,
            after=5,
        )
        d.para("DICTAMEN", size=9, base="b", align="center", after=1, kind="heading", keep=8)
        d.para(
            "Dictamen General de Resultados de la Evaluación del Desempeño de los miembros del "
            f"Servicio Profesional Electoral Nacional del sistema OPLE, del periodo {p_ini} a "
            f"{p_fin}",
            size=8,
            align="center",
            after=4,
            kind="subheading",
        )
        trows = [
            {
                "nombre": r["nombre"],
                "cargo": r["cargo"],
                "entidad": DICT_ENTIDAD,
                "ind": dec_comma(r["ind"]),
                "col": dec_comma(r["col"]),
                "comp": dec_comma(r["comp"]),
                "fin": dec_comma(r["fin"]),
                "nivel": r["nivel"],
            }
            for r in rows
        ]
        d.table(DICT_COLS, DICT_HEADER, trows, size=7.4, leading=8.9, pad=2.8, groups=DICT_GROUPS, hsize=7.0)
        d.space(5)
        d.para("CONSIDERANDOS", size=9, base="b", align="center", after=2, kind="heading")
        d.para(
            "**PRIMERO. Competencia.** La Comisión es competente para conocer y proponer al "
            "Consejo General los dictámenes individuales para el otorgamiento de incentivos, en "
            "términos del artículo 35 del CEVV y de los Lineamientos de incentivos.",
            size=S,
        )
        d.para(
            "**SEGUNDO. Universo de elegibles.** El Programa Anual de Incentivos dispone que podrá "
            "recibir incentivo hasta el veinte por ciento de las y los miembros del Servicio. Al "
            "estar adscritas al IEEV diez personas, el universo de elegibles es de dos, que "
            "corresponde a quienes obtuvieron la calificación final más alta: "
            f"{top2[0]['natural']} y {top2[1]['natural']}.",
            size=S,
            after=5,
        )
        d.para("Por lo expuesto, la Comisión emite el siguiente:", size=S)
        d.para("ACUERDO", size=9, base="b", align="center", after=2, kind="heading")
        d.para(
            "**PRIMERO.** Se propone al Consejo General del IEEV aprobar los dictámenes "
            "individuales para el otorgamiento de incentivos correspondientes al periodo "
            f"{p_ini} a {p_fin}.",
            size=S,
        )
        d.para(
            f"**SEGUNDO.** Se propone otorgar el incentivo por rendimiento a {top2[0]['natural']} "
            f"y a {top2[1]['natural']}.",
            size=S,
        )
        d.para(f"**TERCERO.** Publíquese el presente Acuerdo en {url}.", size=S, after=5)
        d.para(
            "El presente Acuerdo fue aprobado por unanimidad de votos en sesión ordinaria de la "
            f"Comisión celebrada el {f_sesion}.",
            size=S,
            after=4,
            kind="cierre",
        )
        d.columns(
            [
                ["Mtra. Claudia Ivonne Sepúlveda Rangel", "Consejera Electoral y Presidenta", "de la Comisión"],
                ["Lic. Óscar Daniel Hinojosa Ferrer", "Secretario Técnico", "de la Comisión"],
            ],
            size=7.8,
            gap_before=16,
        )
        return d

    return builder


DICT_TEXT_DAMAGE = {2: [(DICT_CLAVE, "IEEV/CVY/SPE/03/2024")]}
DICT_NAME_DAMAGE = {"Villaseñor Trejo Martín": "Villasenor Trejo Martin"}


def ocr(d: Doc) -> str:
    """Export in the style of seed 003: unwrapped paragraphs, tab-separated table rows."""
    pages = []
    keys = [c["key"] for c in DICT_COLS]
    for p in range(1, d.page + 1):
        out: list[str] = []
        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "header":
                out += ["", "", "", "VALLE VERDE", "", "", "", DICT_INST, "", DICT_CLAVE, ""]
            elif b.kind == "footer":
                out += ["", f"Página {p} de {d.page}", ""]
            elif b.kind == "table_header":
                out.append(
                    "Nombre completo\tCargo/Puesto\tEntidad\tMetas\t\tCompetencias\t"
                    "Calificación final\tNivel de desempeño"
                )
                out.append("\t\t\tIndividuales\tColectivas\t\t\t")
            elif b.kind == "table_row":
                cells = b.meta["cells"]
                vals = [" ".join(cells[k]) for k in keys]
                vals[0] = DICT_NAME_DAMAGE.get(vals[0], vals[0])
                out.append("\t".join(vals))
                if b.meta["row"] == len(DICT_PEOPLE) - 1:
                    out.append("")
            elif b.kind == "sig":
                out.append("")
                for col in sorted({t[3] for t in b.items}):
                    out.extend(t for (_, _, t, c) in b.items if c == col)
                    out.append("")
            else:
                text = " ".join(b.lines)
                if b.kind == "titulo":
                    text = text.replace("**", "")
                out.append(text)
                out.append("")
        text = "\n".join(out)
        text = damage(text, DICT_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def truth(d: Doc, data: dict) -> dict:
    row_page = {b.meta["row"]: b.page for b in d.blocks if b.kind == "table_row"}
    f = lambda x: None if x is None else float(x)  # noqa: E731
    out = []
    for i, r in enumerate(data["rows"]):
        out.append(
            {
                "nombre": r["nombre"],
                "cargo": r["cargo"],
                "entidad": DICT_ENTIDAD,
                "metas_individuales": f(r["ind"]),
                "metas_colectivas": f(r["col"]),
                "competencias": f(r["comp"]),
                "calificacion_final": f(r["fin"]),
                "nivel_desempeno": r["nivel"],
                "periodo_inicio": "2022-09-01",
                "periodo_fin": "2023-08-31",
                "page": row_page[i],
            }
        )
    return {"scores": out}


DOC = {
    "emisor": "Instituto Electoral del Estado de Valle Verde",
    "titulo": DICT_TITLE,
    "clave_documento": DICT_CLAVE,
    "fecha_documento": "2024-02-12",
}
