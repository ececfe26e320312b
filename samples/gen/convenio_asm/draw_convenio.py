"""The convenio format on paper: title, ANTECEDENTES, DECLARACIONES, CLÁUSULAS with the ASM
tables, the closing sentence, signatures and (often) the sheet of designated officials.

``builder(m, e, seed)`` returns the two-pass builder ``gen._layout.layout`` expects. Every
choice made while drawing comes from a ``random.Random`` re-created in each pass, so both
passes paginate alike; what was drawn is kept on the ``Doc`` (``d.w`` the writer and its
mentions, ``d.tables`` the table records, ``d.info`` the document's own fields and the
choices made here).
"""

from __future__ import annotations

import random
from datetime import date

from reportlab.lib.pagesizes import LETTER

from .._common import last_day
from .._text import Block
from . import dates as D
from . import prose as P
from . import vocab_parties as VP
from .asm_table import Drawer, TableStyle
from .axes import Ejes
from .flow import AsmDoc, Furniture, Writer, draw_firma, page_end_hook, page_start_hook
from .model import Modelo
from .tables import convenio_cols, convenio_rows

OFICIO = (612.0, 936.0)  # Mexican oficio paper, 8.5 × 13 in
PAGE_SIZES = {"carta": LETTER, "oficio": OFICIO}
LEMA_QUOTES = (("“", "”"), ('"', '"'), ("", ""))
SIG_CHARS = 34  # characters per line of a post under a signature


def wrap_chars(text: str, n: int) -> list[str]:
    """A post broken into lines of at most ``n`` characters, as the signature blocks print it."""
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > n:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return lines + ([cur] if cur else [])


def clave_text(m: Modelo, rng: random.Random) -> str:
    initials = "".join(w[0] for w in m.partes[0].organizacion.split() if w[0].isupper())
    return f"{initials}/{rng.choice(('DED', 'UED', 'DGE', 'SPP'))}/CMD/{rng.randint(1, 60):03d}/{m.firma.year}"


def limit_date(m: Modelo, e: Ejes, rng: random.Random) -> tuple[date | None, str]:
    """The clause's 'no podrán exceder del ...' date: at or after every committed date, or (the
    'limite' inconsistency) the end of the month before the latest one. Returns the effective
    inconsistency too ('ninguna' when the document has no dates to be inconsistent about)."""
    isos = sorted(f.fecha.iso for f in m.filas if f.fecha is not None and f.fecha.iso)
    if not isos:
        return None, "ninguna" if e.inconsistencia == "limite" else e.inconsistencia
    latest = date.fromisoformat(isos[-1])
    if e.inconsistencia == "limite":
        prev = date(latest.year, latest.month, 1).toordinal() - 1
        return date.fromordinal(prev), "limite"
    if rng.random() < 0.5:
        return last_day(latest.year, latest.month), e.inconsistencia
    return date(latest.year, 12, 31), e.inconsistencia


def signature_block(w: Writer, m: Modelo, e: Ejes, S: float, rng: random.Random) -> None:
    d = w.d
    people = [p.persona for p in m.partes]
    if e.firmas == "columnas":
        cols = []
        for p in m.partes:
            lines = [f"POR “{p.alias}”", "", "", p.persona.nombre.upper()]
            lines += wrap_chars(p.persona.cargo.upper(), SIG_CHARS - 8)
            cols.append(lines)
        size = S - 1.5
        y0 = d.y
        blk = d.columns(cols, size=size, gap_before=10, styles={0: "b", 3: "b"})
        if blk.page == d.page and d.y < y0:
            colw = d.width / len(cols)
            for ci in range(len(cols)):
                draw_firma(d.c, d.left + colw * ci + 10, d.y + size * 1.25 * (len(cols[ci]) - 2.5), colw - 20, rng)
        for p in people:
            w.add_mention(P.persona_ment(p, p.nombre.upper()), blk.page)
            for mn in P.cargo_ments(p, p.cargo.upper()):
                w.add_mention(mn, blk.page)
        return
    for p in people:
        d.ensure(S * 6 + 40)
        d.space(26)
        draw_firma(d.c, d.left, d.y + 2, 160, rng)
        blocks = d.para(f"**{p.nombre.upper()}**", size=S, align="left", after=0, kind="firma")
        w.add_mention(P.persona_ment(p, p.nombre.upper()), blocks[0].page)
        w.para(P.cargo_pieces(p, p.cargo.upper()), size=S - 0.5, align="left", after=4, kind="firma")


def responsables_page(w: Writer, m: Modelo, S: float, clause: str, rng: random.Random) -> None:
    d = w.d
    d.new_page()
    w.para([P.responsables_intro(clause)], size=S, after=10)
    for p in m.responsables:
        d.ensure(S * 4 + 34)
        d.space(28)
        draw_firma(d.c, d.left, d.y + 2, 160, rng)
        blocks = d.para(f"**{p.nombre.upper()}**", size=S, align="left", after=0, kind="firma")
        w.add_mention(P.persona_ment(p, p.nombre.upper()), blocks[0].page)
        w.para(P.cargo_de_pieces(p), size=S - 0.5, align="left", after=6, kind="firma")
    w.para(P.hoja_firmas(m, rng), size=S - 0.5, before=8)


def draw_tables(w: Writer, m: Modelo, e: Ejes, S: float) -> None:
    d = w.d
    style = TableStyle(
        reglas=e.reglas,
        fill=e.relleno,
        size=S - 0.8,
        repeat_header=e.repetir_encabezado,
        split_rows=e.filas_partidas,
    )
    specs = [("hallazgo", m.hallazgos, e.enc_hallazgo, e.fecha_layout == "fila")]
    if m.recomendaciones:
        specs.append(("recomendacion", m.recomendaciones, e.enc_recomendacion, False))
    for k, (tipo, filas, enc, fila) in enumerate(specs):
        label = "a) De los hallazgos:" if tipo == "hallazgo" else "b) De las recomendaciones:"
        d.para(label, size=S, base="b", align="left", before=4 if k else 0, after=3, kind="subheading", keep=6)
        cols = convenio_cols(d.width, not fila)
        header = [e.enc_numero, enc, e.enc_actividad] + ([] if fila else [e.enc_fecha])
        rec = Drawer(d, cols, header, style).draw(convenio_rows(filas, e, fila))
        d.tables.append(rec)
        d.blocks.append(Block("asm_table", rec.parts[0].page if rec.parts else d.page, meta={"table": rec}))
        d.space(6)


def builder(m: Modelo, e: Ejes, seed: int):
    def build(target, total):
        rng = random.Random(seed)
        quote = rng.choice(LEMA_QUOTES)
        furn = Furniture(f"{quote[0]}{m.lema}{quote[1]}" if e.lema else None, e.numeracion, e.rubricas, seed)
        side = rng.uniform(52, 72)
        d = AsmDoc(
            target,
            PAGE_SIZES[e.pagina],
            (side, side, 52 + (12 if e.lema else 0), 46),
            title="Convenio",
            on_page_start=page_start_hook(furn),
            on_page_end=page_end_hook(furn),
            footer_h=10,
            total_pages=total,
        )
        w = Writer(d)
        d.w, d.tables, d.info = w, [], {"lema": furn.lema}
        if furn.lema:  # the running motto is printed from page 1 on
            for mn in P.lema_ments(m):
                w.add_mention(mn, 1)
        S = e.font
        titulo = P.TITULO_MUNICIPAL if m.municipio and rng.random() < 0.5 else rng.choice(P.TITULOS)
        d.info["titulo"] = titulo
        if e.clave:
            clave = clave_text(m, rng)
            d.info["clave"] = clave
            w.para(["CONVENIO No. ", P.ref_ment(clave)], size=S, base="b", align="right", after=6, kind="clave")
        separado = rng.random() < 0.4
        d.info["titulo_separado"] = separado
        if separado:
            d.para(f"**{titulo}**", size=S + 1.5, align="center", after=6, kind="titulo")
        w.para(P.titulo_pieces(m, titulo, separado), size=S, after=8, kind="titulo")
        url_pae = f"https://{rng.choice(('finanzas', 'transparenciafiscal', 'sed'))}.{m.dominio}.gob.mx/evaluacion/pae-{m.pae}"
        url_pub = (
            f"https://{rng.choice(('transparencia', 'portal', 'www'))}.{m.dominio}.gob.mx/asm/{m.sigla.lower()}-{m.pae}"
        )
        heading = dict(size=S + 1, base="b", align="center", after=4, kind="heading", keep=3)
        d.para("ANTECEDENTES", **heading)
        for pieces in P.antecedentes(m, rng, url_pae):
            w.para(pieces, size=S)
        d.para("DECLARACIONES", **heading)
        roman = rng.random() < 0.4
        for k, p in enumerate(m.partes, 1):
            num = ("I", "II", "III", "IV")[k - 1] if roman else str(k)
            d.para(f"{num}. DE “{p.alias}”", size=S, base="b", align="left", after=3, kind="subheading", keep=3)
            ref = rng.choice(m.referencias)
            for pieces in P.declaracion(p, k, ref, rng.choice(VP.CALLES), m.municipio or m.ciudad, m.estado):
                w.para(pieces, size=S)
        num = ("I", "II", "III", "IV")[len(m.partes)] if roman else str(len(m.partes) + 1)
        d.para(f"{num}. DE “LAS PARTES”", size=S, base="b", align="left", after=3, kind="subheading", keep=3)
        w.para([f"{num}.1. Que reconocen mutuamente la capacidad y el carácter con que comparecen."], size=S, after=6)
        d.para("CLÁUSULAS", **heading)
        c = P.ORDINALES
        w.para(P.objeto(m, c[0]), size=S)
        w.para(P.obligaciones(c[1]), size=S)
        n_h, n_r = len(m.hallazgos), len(m.recomendaciones)
        if e.inconsistencia == "conteo":
            n_h = max(1, n_h + rng.choice((-1, 1, 2)))
            n_h = n_h if n_h != len(m.hallazgos) else n_h + 1
        d.info["conteo_impreso"] = n_h
        w.para(P.asm_clause(c[2], n_h, n_r), size=S, after=4)
        draw_tables(w, m, e, S)
        limite, d.info["inconsistencia"] = limit_date(m, e, rng)
        d.info["limite"] = limite.isoformat() if limite else None
        w.para(P.cumplimiento(c[3], limite, D.prose_date(limite) if limite else None), size=S)
        for pieces in P.clausulas_finales(4, url_pub):
            w.para(pieces, size=S)
        w.para(P.cierre(m, rng), size=S, after=8, kind="cierre")
        signature_block(w, m, e, S, rng)
        if e.hoja_responsables:
            responsables_page(w, m, S, c[1], rng)
        return d

    return build
