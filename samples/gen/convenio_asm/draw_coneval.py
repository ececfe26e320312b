"""The CONEVAL-style formats on paper: a cover letter, the landscape "Anexo B Documento de
Trabajo" / "Anexo D Documento Institucional" table, the "Anexo F Posición Institucional", and
the label/value sheets of interinstitutional ASM (no dates) with their signature sheets.

Pages change size inside one document (a portrait letter, then landscape annexes), as the real
Campeche files do; ``Doc`` draws one size, so the page hook resizes the canvas from a plan of
page sizes set before each page break. Like ``draw_convenio``, what was drawn is kept on the
``Doc`` (``d.w``, ``d.tables``, ``d.info``).
"""

from __future__ import annotations

import random
from dataclasses import replace

from reportlab.lib.pagesizes import A4, LETTER, landscape

from .._layout import Doc
from .._text import Block
from . import dates as D
from . import prose as P
from .asm_table import Cell, Col, Drawer, TableStyle, VRow
from .axes import Ejes
from .flow import AsmDoc, Furniture, Writer, draw_firma, ment, page_end_hook
from .model import FICHA, INSTITUCIONAL, Modelo, Persona
from .tables import INSTITUCIONAL_HEADER, TRABAJO_HEADER, coneval_cols, coneval_rows, ficha_rows

ROLES = (
    ("Responsable de la Información", "Enlace de Evaluación", "Titular de la Dependencia"),
    ("Responsable del Programa", "Responsable de Evaluación", "Titular de la Institución"),
)
ANEXO = {INSTITUCIONAL: ("D", "Documento Institucional", "Institucionales")}
ANEXO_DEFAULT = ("B", "Documento de Trabajo", "Específicos")
PRIORIDADES = ("Alta", "Media", "Baja", "Debilidades o recomendaciones descartadas")
ASUNTOS = {
    None: "Se remite posicionamiento institucional de los ASM",
    "documento_trabajo": "Se remite Documento de Trabajo de los Aspectos Susceptibles de Mejora",
    "ficha_interinstitucional": "Se remite la identificación de ASM interinstitucionales",
}
CLASIFICACIONES = ("Total", "Específicos", "Institucionales", "Inter-institucionales", "Inter-gubernamentales")


def siglas(org: str) -> str:
    return "".join(w[0] for w in org.split() if w[0].isupper())


def resizing_start(plan: dict[int, tuple[float, float]], default: tuple[float, float]):
    """Page hook: give page n the size the plan says (portrait letter, landscape annex ...)."""

    def start(d: Doc) -> None:
        size = plan.get(d.page, default)
        d.c.setPageSize(size)
        d.W, d.H = size
        d.width = d.W - d.left - d.right
        d.y = d.H - d.top

    return start


def letterhead(w: Writer, m: Modelo, owner: str, S: float) -> None:
    gob = f"Gobierno del Estado de {m.estado}"
    w.para([P.org_ment(gob, gob.upper())], size=S + 3, base="b", align="center", after=1, kind="membrete")
    w.para([P.org_ment(owner, owner)], size=S + 2, align="center", after=8, kind="membrete")


def oficio_page(w: Writer, m: Modelo, e: Ejes, S: float, rng: random.Random, asunto: str) -> None:
    """The cover letter: reference number, dateline (white on black when drawn so), addressee, body."""
    d = w.d
    sujeto = m.sujeto
    letterhead(w, m, sujeto.organizacion, S)
    clave = (
        f"{siglas(sujeto.organizacion)}/{rng.choice(('DG', 'SPV', 'DPyP'))}/{rng.randint(10, 400):03d}/{m.firma.year}"
    )
    d.info["clave"] = clave
    w.para(["OFICIO No. ", P.ref_ment(clave)], size=S, base="b", align="right", after=2, kind="clave")
    fecha = D.oficio_date(m.firma, rng)
    lugar = f"{m.ciudad}, {m.estado}, "
    if e.fecha_invertida:
        d.para(lugar, size=S, align="right", after=0, kind="fecha")
        d.ensure(S * 2)
        wdt = d.c.stringWidth(fecha, "Helvetica-Bold", S)
        d.c.setFillGray(0)
        d.c.rect(d.W - d.right - wdt - 6, d.y - S * 1.5, wdt + 6, S * 1.5, stroke=0, fill=1)
        d.c.setFillGray(1)
        blocks = d.para(f"**{fecha}**", size=S, align="right", after=4, kind="fecha")
        d.c.setFillGray(0)
    else:
        blocks = w.para([lugar], size=S, align="right", after=0, kind="fecha")
        blocks = d.para(fecha, size=S, align="right", after=4, kind="fecha")
    w.add_mention(P.fecha_ment(m.firma, fecha), blocks[0].page)
    d.para(f"ASUNTO: {asunto}", size=S, base="b", align="right", after=10, kind="asunto")
    dest = m.partes[1].persona if len(m.partes) > 2 else m.partes[0].persona
    w.para([P.persona_ment(dest, f"{dest.prefijo} {dest.nombre.upper()}")], size=S, base="b", align="left", after=0)
    pieces = [*P.cargo_pieces(dest, dest.cargo), ", ", P.org_ment(dest.organizacion, dest.organizacion)]
    w.para(pieces, size=S, align="left", after=0)
    d.para("P R E S E N T E", size=S, base="b", align="left", after=10)
    ref = m.referencias[0]
    url = f"https://{siglas(sujeto.organizacion).lower()}.{m.dominio}.gob.mx/planeacion/pae-{m.pae}/"
    w.para(
        ["Con fundamento en el ", *P.ref_pieces(ref), ", y en atención al Programa Anual de Evaluación ",
         P.anio_ment(m.pae, str(m.pae)),
         ", me permito remitir a usted el documento "
         f"de posicionamiento sobre los Aspectos Susceptibles de Mejora derivados de la {m.evaluacion} del “",
         *P.programa_pieces(m), "”, publicado en ", ment("url", url, url), "."],
        size=S,
    )  # fmt: skip
    w.para(["Sin otro particular, aprovecho la ocasión para enviarle un cordial saludo."], size=S, after=14)
    d.para("A T E N T A M E N T E", size=S, base="b", align="center", after=26)
    draw_firma(d.c, d.W / 2 - 80, d.y + 6, 160, rng)
    titular = sujeto.persona
    blocks = d.para(f"**{titular.prefijo} {titular.nombre.upper()}**", size=S, align="center", after=0, kind="firma")
    w.add_mention(P.persona_ment(titular, f"{titular.prefijo} {titular.nombre.upper()}"), blocks[0].page)
    w.para(P.cargo_pieces(titular, titular.cargo.upper()), size=S, align="center", after=12, kind="firma")
    d.para(f"ccp. Archivo {siglas(titular.nombre)}/{siglas(dest.nombre).lower()}", size=S - 2, align="left", kind="ccp")


def signatures(w: Writer, people: list[Persona], roles: tuple[str, ...], S: float, rng: random.Random) -> None:
    d = w.d
    cols = [["", "", f"{p.prefijo} {p.nombre}", role] for p, role in zip(people, roles)]
    blk = d.columns(cols, size=S, gap_before=12, styles={3: "b"})
    colw, lead = d.width / len(cols), S * 1.25
    for i, (p, role) in enumerate(zip(people, roles)):
        x = d.left + colw * i
        d.c.setLineWidth(0.5)
        d.c.line(x + 12, d.y + lead * 2.1, x + colw - 12, d.y + lead * 2.1)
        draw_firma(d.c, x + 10, d.y + lead * 2.3, colw - 20, rng)
        # the post printed under the name is the role of the sheet ('Responsable del Programa')
        w.add_mention(P.persona_ment(replace(p, cargo=role), f"{p.prefijo} {p.nombre}"), blk.page)


def anexo_heading(w: Writer, m: Modelo, lines: list[str], S: float) -> None:
    d = w.d
    letterhead(w, m, m.partes[1].organizacion if len(m.partes) > 2 else m.partes[0].organizacion, S)
    for k, ln in enumerate(lines):
        d.para(ln, size=S + 1, base="b" if k == 2 else "n", align="center", after=1, kind="titulo")
    d.space(6)


def anexo_page(w: Writer, m: Modelo, e: Ejes, S: float, rng: random.Random) -> None:
    d = w.d
    letra, nombre, clase = ANEXO.get(m.format, ANEXO_DEFAULT)
    head = [f"Seguimiento a Aspectos Susceptibles de Mejora Clasificados como {clase},",
            "derivados de Informes y Evaluaciones Externas", f"Anexo {letra}", nombre]  # fmt: skip
    d.info["titulo"] = f"{head[0]} {head[1]}. Anexo {letra} {nombre}"
    d.info["anexo"] = letra
    anexo_heading(w, m, head, S)
    org = m.sujeto.organizacion
    if m.format == INSTITUCIONAL:
        w.para(["**Nombre de la Dependencia/Entidad:** ", P.org_ment(org, org.upper())], size=S, align="left", after=2)
        w.para(["**Nombre del programa:** ", *P.programa_pieces(m)], size=S, align="left", after=6)
    else:
        w.para(["**", P.org_ment(org, org.upper()), ":**"], size=S + 0.5, align="right", after=2)
        w.para(["**Nombre del Programa Evaluado: ", *P.programa_pieces(m), "**"], size=S, align="right", after=6)
    fill = {"ninguno": "oscuro", "gris": "gris", "oscuro": "oscuro"}[e.relleno]
    if m.format == INSTITUCIONAL and fill == "oscuro":
        fill = "olivo"
    style = TableStyle(
        reglas="horizontal" if e.reglas == "horizontal" else "completa",
        fill=fill,
        size=S - 1.5,
        repeat_header=e.repetir_encabezado,
        split_rows=e.filas_partidas,
        vertical_header=e.encabezado_vertical,
    )
    header = list(INSTITUCIONAL_HEADER if m.format == INSTITUCIONAL else TRABAJO_HEADER)
    cols = coneval_cols(d.width, m.format == INSTITUCIONAL)
    rec = Drawer(d, cols, header, style).draw(coneval_rows(m.hallazgos, e.fecha_invertida))
    d.tables.append(rec)
    d.blocks.append(Block("asm_table", rec.parts[0].page, meta={"table": rec}))
    roles = ROLES[rng.randrange(len(ROLES))]
    d.info["roles"] = roles
    d.ensure(S * 6)
    signatures(w, m.firmantes, roles, S, rng)


def counts_table(w: Writer, title: str, rows: list[tuple[str, int]], S: float, values: list, rng) -> None:
    d = w.d
    cols = [Col("campo", d.width * 0.45), Col("valor", d.width * 0.35, "c")]
    style = TableStyle(reglas="completa", fill="gris", size=S - 1, repeat_header=True)
    body = [VRow({"campo": Cell(text=k), "valor": Cell(text=str(v))}) for k, v in rows]
    rec = Drawer(d, cols, [title, "Número de ASM" if title == "Clasificación" else ""], style).draw(body)
    d.blocks.append(Block("plain_table", rec.parts[0].page, meta={"table": rec}))
    for (k, v), part in zip(rows, rec.parts):
        values.append({"tabla": f"Anexo F {title.lower()}", "campo": k, "valor": v, "page": part.page})
    d.space(6)


def anexo_f_counts(m: Modelo, e: Ejes, rng: random.Random) -> tuple[list, list]:
    n = len(m.hallazgos)
    inst = m.format == INSTITUCIONAL
    clas = [("Total", n), ("Específicos", 0 if inst else n), ("Institucionales", n if inst else 0),
            ("Inter-institucionales", 0), ("Inter-gubernamentales", 0)]  # fmt: skip
    alta = rng.randint(0, n)
    media = rng.randint(0, n - alta)
    baja = n - alta - media
    if e.inconsistencia == "anexo_f":
        alta = alta + 1 if alta < n or rng.random() < 0.5 else alta - 1
    return clas, [("Alta", alta), ("Media", media), ("Baja", baja), (PRIORIDADES[3], 0)]


def anexo_f_pages(w: Writer, m: Modelo, e: Ejes, S: float, rng: random.Random) -> None:
    d = w.d
    head = ["Seguimiento a Aspectos Susceptibles de Mejora derivados de Informes", "y Evaluaciones Externas",
            "Anexo F", "Posición Institucional"]  # fmt: skip
    anexo_heading(w, m, head, S)
    org = m.sujeto.organizacion
    w.para(["**Nombre de la Dependencia/Entidad:** ", P.org_ment(org, org.upper())], size=S, align="left", after=2)
    w.para(["**Nombre del programa evaluado:** ", *P.programa_pieces(m)], size=S, align="left", after=8)
    d.para("1. Comentarios Generales", size=S, base="b", align="left", after=3)
    d.para(
        f"Como derivado de la {m.evaluacion} del programa se emitieron las siguientes recomendaciones: "
        f"{m.hallazgos[0].texto}",
        size=S,
        after=6,
    )
    clas, prio = anexo_f_counts(m, e, rng)
    values: list = []
    counts_table(w, "Clasificación", clas, S, values, rng)
    counts_table(w, "Prioridad", prio, S, values, rng)
    d.info["anexo_f_values"] = values
    d.para("2. Comentarios Específicos", size=S, base="b", align="left", after=3)
    d.para(
        "Se llevó a cabo el análisis de los ASM, estableciendo las áreas responsables, la estrategia y/o acciones, "
        "y tiempos de entrega para atender los hallazgos.",
        size=S,
    )
    d.para("3. Referencias a las Fuentes de Información Utilizadas", size=S, base="b", align="left", after=3)
    w.para(
        ["Informe de Resultados del despacho externo “", P.org_ment(m.evaluador, m.evaluador), "”."], size=S, after=1
    )
    w.para(["MIR y Fichas de Indicadores ", P.anio_ment(m.pae, str(m.pae))], size=S, align="left", after=1)
    d.para("Programa Operativo Anual (POA)", size=S, align="left", after=6)
    d.ensure(S * 6)
    signatures(w, m.firmantes, d.info["roles"], S, rng)


def ficha_pages(w: Writer, m: Modelo, e: Ejes, S: float, rng: random.Random) -> None:
    d = w.d
    owner = m.sujeto.organizacion
    letterhead(w, m, owner, S)
    titulo = "Identificación de Aspectos Susceptibles de Mejora (ASM) Interinstitucionales"
    sub = [f"{m.evaluacion} del ", *P.programa_pieces(m), ", ", P.anio_ment(m.pae - 1, f"Ejercicio Fiscal {m.pae - 1}"),
           ". Programa Anual de Evaluación (PAE) ", P.anio_ment(m.pae, str(m.pae))]  # fmt: skip
    d.info["titulo"] = f"{titulo}. " + "".join(x if isinstance(x, str) else x.texto for x in sub)
    d.para(titulo, size=S + 1.5, base="b", align="center", after=2, kind="titulo")
    w.para(sub, size=S, align="center", after=8, kind="titulo")
    d.para("**Introducción**", size=S, align="left", after=3)
    w.para(
        [f"Derivado de la {m.evaluacion} del ", *P.programa_pieces(m),
         ", se analizaron los hallazgos, las fortalezas, las "
         "debilidades y las amenazas, así como las recomendaciones emitidas por el evaluador externo, que "
         "sirvieron para la integración de los Aspectos Susceptibles de Mejora clasificados como "
         "interinstitucionales."],
        size=S,
        after=6,
    )  # fmt: skip
    d.para("**Aspecto Susceptible de Mejora (ASM)**", size=S, align="left", after=4)
    style = TableStyle(reglas="completa" if e.reglas != "sin_reglas" else "horizontal", fill="ninguno",
                       size=S - 0.5, split_rows=e.filas_partidas)  # fmt: skip
    for f in m.hallazgos:
        d.ensure(S * 10)
        d.para(f"**Aspecto No. {f.numero}.**", size=S, align="left", after=2, kind="subheading")
        cols = [Col("label", d.width * 0.3), Col("value", d.width * 0.7)]
        rec = Drawer(d, cols, None, style).draw(ficha_rows(f))
        d.tables.append(rec)
        d.blocks.append(Block("asm_table", rec.parts[0].page, meta={"table": rec}))
        d.space(8)


def signature_sheets(w: Writer, m: Modelo, S: float, rng: random.Random) -> None:
    """TITULAR / RESPONSABLE / ENLACE boxes, one sheet for the evaluated body."""
    d = w.d
    d.new_page()
    org = m.sujeto.organizacion
    w.para(["**INSTITUCIÓN:** ", P.org_ment(org, org)], size=S, align="left", after=10)
    people = [m.sujeto.persona, m.firmantes[0], m.firmantes[1]]
    for role, p in zip(("TITULAR", "RESPONSABLE", "ENLACE"), people):
        d.ensure(S * 9)
        d.para(f"**{role}**", size=S, align="center", after=3)
        blocks = d.para(f"NOMBRE: {p.nombre}", size=S, align="left", after=2)
        w.add_mention(P.persona_ment(p, p.nombre), blocks[0].page)
        w.para(["CARGO: ", *P.cargo_pieces(p, p.cargo)], size=S, align="left", after=2)
        d.para("FIRMA:", size=S, align="left", after=18)
        draw_firma(d.c, d.left + 40, d.y + 10, 150, rng)


def builder(m: Modelo, e: Ejes, seed: int):
    portrait = LETTER if m.format != FICHA or e.pagina == "carta" else A4

    def build(target, total):
        rng = random.Random(seed)
        plan: dict[int, tuple[float, float]] = {}
        first = portrait if (e.oficio or m.format == FICHA) else landscape(LETTER)
        default = portrait if m.format == FICHA else landscape(LETTER)
        plan[1] = first
        furn = Furniture(None, e.numeracion if m.format == FICHA else "ninguna", e.rubricas, seed)
        d = AsmDoc(target, first, (48, 48, 40, 40), title="ASM", on_page_start=resizing_start(plan, default),
                on_page_end=page_end_hook(furn), footer_h=10, total_pages=total)  # fmt: skip
        w = Writer(d)
        d.w, d.tables, d.info = w, [], {}
        S = e.font if m.format == FICHA else min(e.font, 9.0)
        if e.oficio:
            oficio_page(w, m, e, S, rng, ASUNTOS.get(m.format, ASUNTOS[None]))
            plan[d.page + 1] = default
            d.new_page()
        if m.format == FICHA:
            ficha_pages(w, m, e, S, rng)
            signature_sheets(w, m, S, rng)
            return d
        anexo_page(w, m, e, S, rng)
        if e.anexo_f:
            d.new_page()
            anexo_f_pages(w, m, e, S, rng)
        return d

    return build
