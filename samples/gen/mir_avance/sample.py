"""Family mir_avance: a municipal MIR quarterly-progress report (seed 004's layout).

The authored rows below are the truth for all three forms and the golden. They are built so
the document's own arithmetic can prove a value the OCR damaged: ``meta_anual`` is the sum
of the four programmed quarters and ``avance_pct`` is alcanzado/programado of T2 rounded
half-up, which the commentary repeats in words. ``MIR_CELL_DAMAGE`` picks misreadings that
the arithmetic can undo, and says how.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import landscape, letter

from .._common import Mentions, damage, join_by_y, join_pages
from .._layout import Doc
from .._text import Block, line_text

FAMILY = "mir_avance"
SCAN_SEED = 1101
SCAN_QUALITY = 30

MIR_ENTE = "Municipio de San Isidro del Valle"
MIR_EJERCICIO = 2024
MIR_TRIMESTRE = 2
MIR_PROGRAMA = "E014 Servicios Públicos Municipales de Calidad"

MIR_ROWS = [
    dict(
        clave="2.3.1",
        nivel="fin",
        etiqueta="Fin",
        area=None,
        resumen="Contribuir a mejorar la calidad de vida de los habitantes del municipio "
        "mediante la prestación oportuna y suficiente de los servicios públicos básicos.",
        siglas="PCSB",
        indicador="Porcentaje de colonias con cobertura de servicios públicos básicos",
        frecuencia="semestral",
        unidad="Porcentaje",
        prog=(0, 58, 0, 62),
        alc=(0, 55),
        comentario="Meta Semestral: Se logra el {pct} de la meta al dar cobertura a {a2} colonias "
        "de un total de {p2} programadas para el semestre.",
    ),
    dict(
        clave="2.3.1.1",
        nivel="proposito",
        etiqueta="Propósito",
        area="(Servicios Públicos)",
        resumen="La población del municipio recibe los servicios públicos que solicita dentro de "
        "los tiempos de respuesta establecidos.",
        siglas="PSSA",
        indicador="Porcentaje de solicitudes de servicios públicos atendidas",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(11250, 12400, 12100, 10850),
        alc=(11032, 12815),
        comentario="Meta Trimestral: Se logra el {pct} de la meta al atender {a2} solicitudes de un "
        "total de {p2} programadas; el excedente obedece a los reportes recibidos durante "
        "la temporada de lluvias.",
    ),
    dict(
        clave="2.3.1.1.1",
        nivel="componente",
        etiqueta="Componente",
        area="(Alumbrado Público)",
        resumen="Red de alumbrado público mantenida en condiciones de operación.",
        siglas="PLRR",
        indicador="Porcentaje de luminarias reparadas respecto de las reportadas",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(1450, 1600, 1550, 1400),
        alc=(1388, 1512),
        comentario="Meta Trimestral: Se logra el {pct} de la meta al reparar {a2} luminarias de un "
        "total de {p2} reportadas en el periodo.",
    ),
    dict(
        clave="2.3.1.1.1.1",
        nivel="actividad",
        etiqueta="Actividad",
        area=None,
        resumen="Atención a los reportes ciudadanos de fallas en el alumbrado público recibidos "
        "en la línea de atención.",
        siglas="PRFA",
        indicador="Porcentaje de reportes de fallas atendidos",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(480, 520, 510, 490),
        alc=(466, 497),
        comentario="Meta Trimestral: Se alcanza el {pct} de la meta al atender {a2} reportes "
        "ciudadanos de un total de {p2} programados.",
    ),
    dict(
        clave="2.3.1.1.1.2",
        nivel="actividad",
        etiqueta="Actividad",
        area=None,
        resumen="Sustitución de luminarias de vapor de sodio por luminarias con tecnología LED "
        "en vialidades primarias.",
        siglas="PLSL",
        indicador="Porcentaje de luminarias sustituidas por tecnología LED",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(300, 350, 350, 300),
        alc=(310, 350),
        pct_entero=True,
        comentario="Meta Trimestral: En este trimestre se logra el {pct} de la meta al sustituir "
        "{a2} luminarias de un total de {p2} programadas.",
    ),
    dict(
        clave="2.3.1.1.2",
        nivel="componente",
        etiqueta="Componente",
        area="(Limpia y Recolección)",
        resumen="Residuos sólidos urbanos recolectados y trasladados al sitio de disposición final.",
        siglas="PKRR",
        indicador="Porcentaje de kilogramos de residuos sólidos recolectados",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(301250, 306500, 309800, 298978),
        alc=(299874, 301206),
        comentario="Meta Trimestral: Se logra el {pct} de la meta al recolectar {a2} kilogramos de "
        "residuos sólidos de un total de {p2} programados.",
    ),
    dict(
        clave="2.3.1.1.2.1",
        nivel="actividad",
        etiqueta="Actividad",
        area=None,
        resumen="Cumplimiento de las rutas de recolección domiciliaria conforme al calendario autorizado.",
        siglas="PRRC",
        indicador="Porcentaje de rutas de recolección cumplidas",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(1872, 1872, 1872, 1872),
        alc=(1840, 1791),
        comentario="Meta Trimestral: Se logra el {pct} de la meta al cumplir {a2} rutas de "
        "recolección de un total de {p2} programadas; dos camiones compactadores "
        "permanecieron en reparación.",
    ),
    dict(
        clave="2.3.1.1.2.2",
        nivel="actividad",
        etiqueta="Actividad",
        area=None,
        resumen="Limpieza de tiraderos clandestinos en lotes baldíos y en la vía pública.",
        siglas="PTCL",
        indicador="Porcentaje de tiraderos clandestinos saneados",
        frecuencia="trimestral",
        unidad="Porcentaje",
        prog=(31, 40, 36, 33),
        alc=(31, 34),
        comentario="Meta Trimestral: Se logra el {pct} de la meta al sanear {a2} tiraderos "
        "clandestinos de un total de {p2} programados; no se alcanza la meta por falta "
        "de maquinaria pesada.",
    ),
]


def fmt_int(n: int) -> str:
    return f"{n:,}"


def mir_prepare():
    """Derive the printed figures from the authored ones (never type them twice), and check
    the rows that print a whole percentage really are whole."""
    for r in MIR_ROWS:
        r["meta_anual"] = sum(r["prog"])
        pct = (Decimal(r["alc"][1]) / Decimal(r["prog"][1]) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        r["avance_pct"] = pct
        if r.get("pct_entero"):
            assert pct == pct.to_integral_value()
            pct_s = f"{int(pct)}%"
        else:
            pct_s = f"{pct}%"
        r["comentario_txt"] = r["comentario"].format(pct=pct_s, a2=fmt_int(r["alc"][1]), p2=fmt_int(r["prog"][1]))
        assert pct_s in r["comentario_txt"]


MIR_COLS = [
    dict(key="nivel", w=57, align="c", valign="middle"),
    dict(key="resumen", w=111, align="l", valign="top"),
    dict(key="indicador", w=96, align="l", valign="top"),
    dict(key="frecuencia", w=46, align="c", valign="middle"),
    dict(key="unidad", w=46, align="c", valign="middle"),
    dict(key="meta", w=46, align="r", valign="middle"),
    dict(key="p1", w=37, align="r", valign="middle"),
    dict(key="p2", w=37, align="r", valign="middle"),
    dict(key="p3", w=37, align="r", valign="middle"),
    dict(key="p4", w=37, align="r", valign="middle"),
    dict(key="a1", w=37, align="r", valign="middle"),
    dict(key="a2", w=37, align="r", valign="middle"),
    dict(key="comentario", w=108, align="l", valign="top"),
]
assert sum(c["w"] for c in MIR_COLS) == 792 - 60
MIR_HEADER = {
    "nivel": "Nivel",
    "resumen": "Resumen narrativo",
    "indicador": "Indicador",
    "frecuencia": "Frecuencia",
    "unidad": "Unidad de medida",
    "meta": "Meta anual",
    "p1": "T1",
    "p2": "T2",
    "p3": "T3",
    "p4": "T4",
    "a1": "T1",
    "a2": "T2",
    "comentario": "Comentario",
}
MIR_GROUPS = [("Programado", "p1", "p4"), ("Alcanzado", "a1", "a2")]
MIR_TITLE = "Matriz de Indicadores para Resultados — Avance Trimestral"


def build(M: Mentions, data: dict):
    """``data`` is unused: the MIR truth is read straight from ``MIR_ROWS``."""
    mir_prepare()
    corte = M.f(date(2024, 6, 30))
    elaboracion = M.f(date(2024, 7, 12))
    url = M.u("https://transparencia.sanisidrodelvalle.gob.mx/pbr/mir/2024/avance-segundo-trimestre")

    def start(d: Doc):
        hb = Block("header", d.page)
        top = d.H - d.top
        d.text_at(d.left, top - 10, "H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE", 10, "b", record=hb)
        d.text_at(d.W - d.right, top - 10, f"Ejercicio Fiscal {MIR_EJERCICIO}", 9, "n", align="right", record=hb)
        d.text_at(d.W / 2, top - 25, MIR_TITLE, 11.5, "b", align="center", record=hb)
        d.text_at(d.W / 2, top - 38, "Segundo Trimestre 2024", 10, "n", align="center", record=hb)
        d.c.setLineWidth(1)
        d.c.line(d.left, top - 44, d.W - d.right, top - 44)
        d.blocks.append(hb)
        d.y = top - 50

    def end(d: Doc):
        fb = Block("footer", d.page)
        d.text_at(d.left, d.bottom, "Formato PbR-02a  MIR Avance", 7, "n", record=fb)
        d.text_at(
            d.W - d.right, d.bottom, f"Página {d.page} de {d.total_pages or 0}", 7.5, "n", align="right", record=fb
        )
        d.blocks.append(fb)

    def builder(target, total):
        d = Doc(
            target,
            landscape(letter),
            (30, 30, 24, 22),
            title="MIR_2T_2024",
            on_page_start=start,
            on_page_end=end,
            footer_h=14,
            total_pages=total,
        )
        d.para(
            f"**Programa presupuestario:** {MIR_PROGRAMA}     **Dependencia ejecutora:** "
            f"Dirección de Servicios Públicos Municipales     **Fecha de corte:** {corte}",
            size=8.5,
            align="left",
            after=2,
            kind="info",
        )
        d.para(
            "**Eje del Plan Municipal de Desarrollo:** 2. Municipio ordenado y sustentable     "
            "**Ente público:** Municipio de San Isidro del Valle, Valle Verde",
            size=8.5,
            align="left",
            after=6,
            kind="info",
        )
        rows = []
        for r in MIR_ROWS:
            p, a = r["prog"], r["alc"]
            rows.append(
                {
                    "nivel": r["etiqueta"] + (("\n" + r["area"]) if r["area"] else ""),
                    "resumen": f"{r['clave']} {r['resumen']}",
                    "indicador": f"{r['siglas']}: {r['indicador']}",
                    "frecuencia": r["frecuencia"].capitalize(),
                    "unidad": r["unidad"],
                    "meta": fmt_int(r["meta_anual"]),
                    "p1": fmt_int(p[0]),
                    "p2": fmt_int(p[1]),
                    "p3": fmt_int(p[2]),
                    "p4": fmt_int(p[3]),
                    "a1": fmt_int(a[0]),
                    "a2": fmt_int(a[1]),
                    "comentario": r["comentario_txt"],
                }
            )
        d.table(MIR_COLS, MIR_HEADER, rows, size=8.0, leading=9.6, pad=3, groups=MIR_GROUPS, hsize=7.5)
        d.para(
            "Nota: Las cifras del segundo trimestre son preliminares y se consolidan en la "
            "Cuenta Pública municipal. Consulte los informes trimestrales en " + url,
            size=7.5,
            align="left",
            before=6,
            after=4,
            kind="nota",
        )
        d.columns(
            [
                ["ELABORÓ", "", "", "Ing. Rosaura Méndez Ibarra", "Directora de Servicios Públicos Municipales"],
                ["REVISÓ", "", "", "Mtro. Julián Cortés Alvarado", "Titular de la UIPPE"],
                ["AUTORIZÓ", "", "", "C.P. Leticia Prado Solís", "Tesorera Municipal"],
            ],
            size=8,
            gap_before=10,
            styles={0: "b"},
        )
        d.para(f"Fecha de elaboración: {elaboracion}", size=7.5, align="right", before=6, kind="fecha")
        return d

    return builder


# Targeted OCR damage for the MIR export: (row index, column) -> (old, new) substitutions.
MIR_CELL_DAMAGE = {
    (1, "nivel"): [("Propósito", "Proposito")],
    (2, "p2"): [("1,600", "1,6OO")],  # letter O read for zero
    (3, "resumen"): [("Atención", "Atencion")],
    (4, "resumen"): [("2.3.1.1.1.2", "231112")],  # code read without its dots
    (6, "p4"): [("1,872", "1,812")],  # digit misread; meta_anual - T1..T3 = 1,872
    (7, "p1"): [("31", "a1")],  # 'a1' for 31; meta_anual - T2..T4 = 31
    (5, "indicador"): [("sólidos", "s6lidos")],
}
MIR_TEXT_DAMAGE = {  # page -> substitutions on the running header / free text of that page
    2: [("Matriz de Indicadores", "Matriz de lndicadores"), ("AYUNTAMIENTO", "AYUNTAMlENTO")],
}


def ocr(d: Doc) -> str:
    """Seed 004 mixes two table readings in one export, and extractors must handle both:
    page 1 reads each row across with the Comentario column detached and listed after the
    table, page 2 reads one cell per line."""
    col_order = [c["key"] for c in MIR_COLS]
    pages = []
    for p in range(1, d.page + 1):
        out: list[str] = []
        detached: list[list[str]] = []
        cell_mode = p >= 2  # page 2 reads one cell per line, like the seed's second half

        def flush(out: list[str] = out, detached: list[list[str]] = detached) -> None:
            for lines in detached:
                for i, ln in enumerate(lines):
                    out.append(ln + ("|" if i % 2 == 0 and i < len(lines) - 1 else ""))
                out.append("")
            detached.clear()

        for b in [b for b in d.blocks if b.page == p]:
            if b.kind == "table_row":
                r = b.meta["row"]
                items = []
                for x, y, t, key in b.items:
                    for old, new in MIR_CELL_DAMAGE.get((r, key), []):
                        if old in t:
                            t = t.replace(old, new, 1)
                    items.append((x, y, t, key))
                if cell_mode:
                    for key in col_order:
                        cell = [t for (_, y, t, k) in sorted(items, key=lambda i: -i[1]) if k == key]
                        if cell:
                            out.extend(cell)
                            out.append("")
                else:
                    detached.append([t for (_, _, t, k) in sorted(items, key=lambda i: -i[1]) if k == "comentario"])
                    out.extend(join_by_y([i for i in items if i[3] != "comentario"], tol=4.6))
                continue
            flush()
            if b.kind == "table_header":
                out.extend(join_by_y(b.items, tol=4.0))
            elif b.kind in ("sig",):
                out.append("")
                out.extend(join_by_y(b.items))
            elif b.kind == "header":
                out.extend([b.lines[0] + "   " + b.lines[1]] + b.lines[2:])
                out.append("")
            elif b.kind == "footer":
                out.append("")
                out.append(b.lines[1])
            else:
                out.extend(line_text(ln) for ln in b.words)
        flush()
        text = "\n".join(out)
        text = damage(text, MIR_TEXT_DAMAGE.get(p, []))
        pages.append(text)
    return join_pages(pages)


def truth(d: Doc, data: dict) -> dict:
    row_page = {b.meta["row"]: b.page for b in d.blocks if b.kind == "table_row"}
    inds = []
    for i, r in enumerate(MIR_ROWS):
        p, a = r["prog"], r["alc"]
        inds.append(
            {
                "ente": MIR_ENTE,
                "ejercicio": MIR_EJERCICIO,
                "trimestre": MIR_TRIMESTRE,
                "clave": r["clave"],
                "nivel": r["nivel"],
                "resumen_narrativo": r["resumen"],
                "siglas": r["siglas"],
                "indicador": r["indicador"],
                "frecuencia": r["frecuencia"],
                "unidad_medida": r["unidad"].lower(),
                "meta_anual": float(r["meta_anual"]),
                "programado_t1": float(p[0]),
                "programado_t2": float(p[1]),
                "programado_t3": float(p[2]),
                "programado_t4": float(p[3]),
                "alcanzado_t1": float(a[0]),
                "alcanzado_t2": float(a[1]),
                "alcanzado_t3": None,
                "alcanzado_t4": None,
                "avance_pct": float(r["avance_pct"]),
                "comentario": r["comentario_txt"],
                "page": row_page[i],
            }
        )
    return {"indicators": inds}


DOC = {
    "emisor": "H. Ayuntamiento de San Isidro del Valle",
    "titulo": MIR_TITLE,
    "clave_documento": None,
    "fecha_documento": "2024-07-12",
}
