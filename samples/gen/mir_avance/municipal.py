"""The municipal MIR avance report (seed 004's family) drawn over every axis of the "MIR v2"
issue: hierarchy depth, where codes and siglas sit, column order and grouping, the quarter
reported, number formats, commentary placement, one grid or a table per Componente, rules,
page size and running furniture.

``plan(rng)`` draws the content (``content``), the axes (``Ejes`` and the page furniture) and
the deliberate inconsistencies of a small share of documents, and returns a ``Plan`` whose
``build`` draws the pages (``municipal_pages``) and whose ``rows`` is the truth.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from . import vocab as V
from .common import (
    Mention,
    Plan,
    bodies_in_posts,
    draw_firmas,
    draw_trazo,
    fecha_larga,
    fecha_mention,
    fin_de_trimestre,
    municipio,
    num,
    numero,
    persona_mentions,
    slug,
)
from .content import draw_filas, draw_numbers, set_avance, set_meta, sum_componentes
from .inconsistencies import apply_inconsistencias, draw_inconsistencias
from .municipal_layout import EXTRAS, PAGES, Ejes, avance_text, columns, fit, row_cells
from .municipal_pages import Furniture, builder
from .record import Recorder

# share of documents whose Componentes print the sum of their Actividades (quarter by quarter)
COMPONENT_SUM_SHARE = 0.3
# share of documents printed portrait (few columns); the rest are landscape like every real one
PORTRAIT_SHARE = 0.12
EXTRA_SHARE = 0.25  # per extra column (unidad responsable, línea base, sentido, dimensión)
FONT_SIZES = (6.5, 7.0, 7.0, 7.5, 8.0)
SIGNED_SHARE = 0.5  # reports published with hand signatures over the printed names
STAMP_SHARE = 0.3  # ... and with the office's round stamp beside them
SMALLEST_FONT = 5.5  # below this no scan at 200 dpi keeps a digit legible


def draw_ejes(rng: random.Random, trimestre: int) -> Ejes:
    return Ejes(
        trimestre=trimestre,
        clave_pos=rng.choice(("en_resumen", "en_resumen", "columna")),
        proposito_clave=rng.choice(("impresa", "impresa", "omitida")),
        siglas=rng.choice(("dos_puntos", "igual", "guion", "columna")),
        agrupacion=rng.choice(("por_tipo", "por_tipo", "por_trimestre")),
        meta_pos=rng.choice(("primero", "primero", "ultimo")),
        avance_col=rng.random() < 0.6,
        extras=tuple(e for e in EXTRAS if rng.random() < EXTRA_SHARE),
        unidad_pos=rng.choice(("columna", "columna", "en_indicador")),
        area_en_nivel=rng.random() < 0.4,
        alcanzado_cols=rng.choice(("todos", "todos", "reportados")),
        no_reportado=rng.choice(("vacio", "guion")),
        no_programado=rng.choice(("0", "0", "guion", "vacio")),
        miles=rng.choice(("coma", "coma", "coma", "sin", "mixto")),
        enteros_con_decimales=rng.random() < 0.15,
        avance_decimales=rng.choice((2, 2, 1, 0)),
        avance_signo=rng.random() < 0.7,
        comentario=rng.choice(("columna", "columna", "ausente", "al_pie")),
        nivel_mayusculas=rng.random() < 0.25,
        etiquetas_trimestre=rng.choice(tuple(V.TRIMESTRE_ETIQUETAS)),
        desc_orden=tuple(rng.sample(("frecuencia", "unidad"), 2)),
        cabecera=rng.randrange(3),
        grupos=tuple(rng.randrange(3) for _ in range(4)),
    )


def numero_comentario(ej: Ejes, f, value) -> str:
    """A figure as the commentary prints it: its row's decimals, a comma for thousands unless
    the report prints none."""
    dec = 2 if (f.decimales or ej.enteros_con_decimales) else 0
    return f"{value:,.{dec}f}" if ej.miles != "sin" else f"{value:.{dec}f}"


def comentario_de(rng: random.Random, ej: Ejes, f) -> str:
    """'Meta Trimestral: Se logra el 95.58% de la meta al atender 497 ... de un total de 520 ...'
    — the N de M = X% the extractor's commentary check reads."""
    prefijo = {"trimestral": "Meta Trimestral:", "semestral": "Meta Semestral:", "anual": "Meta Anual:"}[f.frecuencia]
    if f.avance is None:
        return f"{prefijo} Sin meta programada para este trimestre; el indicador se reporta conforme a su frecuencia."
    t = ej.trimestre - 1
    a, p = numero_comentario(ej, f, f.alc_comentario), numero_comentario(ej, f, f.prog[t])
    pc = avance_text(ej, f) + "%"
    if f.acumulacion == "constante":
        return (
            f"{prefijo} Se obtiene un resultado de {a} frente a una meta de {p}, lo que representa un avance del {pc}."
        )
    pl = f.plantilla
    programad = "programadas" if pl.genero == "f" else "programados"
    return (
        f"{prefijo} {rng.choice(V.LOGRA)} {pc} de la meta al {pl.verbo} {a} {pl.objeto} "
        f"de un total de {p} {programad}{rng.choice(V.RAZONES)}."
    )


def portrait_ejes(ej: Ejes) -> Ejes:
    """A report meant for a portrait page prints fewer columns: the commentary under the table,
    no extras, codes in the text and alcanzado only for the quarters reported."""
    return replace(
        ej,
        comentario="al_pie" if ej.comentario == "columna" else ej.comentario,
        extras=(),
        alcanzado_cols="reportados",
        siglas="dos_puntos" if ej.siglas == "columna" else ej.siglas,
        clave_pos="en_resumen",
        unidad_pos="en_indicador",
        area_en_nivel=False,
    )


def draw_pagina(rng: random.Random, cols, cells, size: float, margin: float, vertical: bool):
    """The smallest page (in a drawn preference) the columns fit on, shrinking the type when
    even the largest page is too narrow."""
    order = ["carta_horizontal", "oficio_horizontal", "doble_carta_horizontal"]
    if rng.random() < 0.4:
        order = ["oficio_horizontal", "doble_carta_horizontal"]
    if vertical:
        order = ["carta_vertical", *order]
    while size >= SMALLEST_FONT:
        ajuste = fit(cols, cells, size, order, margin)
        if ajuste:
            return ajuste
        size -= 0.5
    raise ValueError("the columns fit no page even at the smallest type")


def plan(rng: random.Random) -> Plan:
    mun, estado = municipio(rng), rng.choice(V.ESTADOS)
    emisor = rng.choice(V.CUERPOS_MUNICIPALES).format(m=mun)
    ejercicio, trimestre = rng.randint(2018, 2025), rng.randint(1, 4)
    n_filas = round(rng.triangular(4, 40, 12))  # the 4-40 rows, most near a dozen
    filas = draw_filas(rng, n_filas)
    componente_suma = rng.random() < COMPONENT_SUM_SHARE
    for f in filas:
        if componente_suma and f.nivel in ("componente", "actividad"):
            f.acumulacion = "suma"
        draw_numbers(rng, f, trimestre)
    if componente_suma:
        sum_componentes(filas)
    ej = draw_ejes(rng, trimestre)
    vertical = rng.random() < PORTRAIT_SHARE
    if vertical:
        ej = portrait_ejes(ej)
    truncar = rng.random() < 0.1  # some reports truncate the percentage instead of rounding
    for f in filas:
        f.clave_impresa = not (f.nivel == "proposito" and ej.proposito_clave == "omitida")
        set_meta(f)
        set_avance(f, trimestre, ej.avance_decimales, truncar)
    fallas = draw_inconsistencias(rng, filas, ej, componente_suma)
    apply_inconsistencias(rng, filas, fallas, ej)
    comentarios = [comentario_de(rng, ej, f) if ej.comentario != "ausente" else None for f in filas]
    cells = [row_cells(rng, ej, f, c if ej.comentario == "columna" else None) for f, c in zip(filas, comentarios)]
    size, margin = rng.choice(FONT_SIZES), rng.choice((24, 28, 32, 36))
    ajuste = draw_pagina(rng, columns(ej), cells, size, margin, vertical)

    corte = fin_de_trimestre(ejercicio, trimestre)
    elaboracion = corte + timedelta(days=rng.randint(5, 25)) if rng.random() < 0.8 else None
    titulo = rng.choice(V.TITULOS_MIR)
    programa = rng.choice(V.PROGRAMAS)
    firmas = draw_firmas(rng, rng.randint(2, 4))
    fur = Furniture(
        emisor=emisor,
        estado=estado,
        titulo=titulo,
        ejercicio=ejercicio,
        trimestre=trimestre,
        corte=corte,
        elaboracion=elaboracion,
        programa=f"{programa[0]} {programa[1]}",
        dependencia=filas[0].area if filas[0].area != "UIPPE" else "Unidad de Planeación",
        eje=rng.choice(V.EJES_PMD),
        periodo_estilo=rng.choice(("nombre", "meses", "corte")),
        encabezado_corrido=rng.choice(("todas", "todas", "primera")),
        pie=rng.choice(("pagina_de", "fraccion", "hoja", "ninguno")),
        formato=rng.choice(V.FORMATOS_PIE),
        bloque_encabezado=rng.random() < 0.35,
        tablas=rng.choice(("una", "una", "por_componente")),
        reglas=rng.choice(("rejilla", "rejilla", "horizontales", "sin_reglas")),
        repite_encabezado=rng.random() < 0.85,
        header_fill=rng.choice((0.85, 0.78, 0.92, None)),
        comentario_clave=rng.random() < 0.5,
        nota=rng.choice(V.NOTAS),
        url=(
            f"https://{rng.choice(V.DOMINIOS).format(s=slug(mun))}/mir/{ejercicio}/avance-t{trimestre}"
            if rng.random() < 0.5
            else None
        ),
        referencia=rng.choice(V.REFERENCIAS_LEGALES) if rng.random() < 0.4 else None,
        oficio=f"{rng.choice(('UIPPE', 'DPE', 'TM/UEV', 'CM'))}/{rng.randint(10, 999):03d}/{ejercicio}"
        if rng.random() < 0.3
        else None,
        firmas=firmas,
        margin=margin,
        trazos=[draw_trazo(rng) for _ in firmas] if rng.random() < SIGNED_SHARE else [],
        sello=rng.random() < STAMP_SHARE,
    )
    variant = {
        "format": "municipal",
        "n_filas": len(filas),
        "profundidad_fin": filas[0].clave.count(".") + 1,
        "n_componentes": sum(f.nivel == "componente" for f in filas),
        **{k: getattr(ej, k) for k in ej.__dataclass_fields__ if k not in ("grupos", "desc_orden")},
        "extras": sorted(ej.extras),
        "desc_orden": list(ej.desc_orden),
        "etiquetas_grupo": list(ej.grupos),
        "frecuencias": sorted({f.frecuencia for f in filas}),
        "acumulacion": sorted({f.acumulacion for f in filas}),
        "filas_con_decimales": any(f.decimales for f in filas),
        "avance_truncado": truncar,
        "componente_suma": componente_suma,
        "inconsistente": bool(fallas),
        "inconsistencias": [
            {"clave": filas[i].clave, "nivel": filas[i].nivel, "siglas": filas[i].siglas, "tipo": t} for i, t in fallas
        ],
        "pagina": ajuste.pagina,
        "tamano_letra": ajuste.size,
        **fur.axes(),
    }
    rows = truth_rows(filas, ej, comentarios, emisor, ejercicio, trimestre)
    documents = {
        "doc_type": "mir_avance",
        "emisor": emisor,
        "titulo": titulo,
        "clave_documento": fur.oficio,
        "fecha_documento": elaboracion.isoformat() if elaboracion else None,
        "ente": emisor,
        "ejercicio": ejercicio,
        "trimestre": trimestre,
    }
    mentions = furniture_mentions(fur)
    mentions += table_mentions(ej, fur, filas, comentarios)
    mentions += persona_mentions(firmas, "firmas") + bodies_in_posts(firmas, "firmas")

    def rows_with_pages(rec: Recorder) -> list[dict]:
        pages = rec.pages_of_rows()
        return [{**r, "page": pages[("fila", i)]} for i, r in enumerate(rows)]

    page_w, page_h = PAGES[ajuste.pagina]
    return Plan(
        format="municipal",
        variant=variant,
        documents=documents,
        build=builder(fur, ej, ajuste, filas, cells, comentarios),
        rows=rows_with_pages,
        mentions=mentions,
        running=fur.running_lines() if fur.encabezado_corrido == "todas" else None,
        footer=fur.footer_lines(),
        landscape=page_w > page_h,
    )


def furniture_mentions(fur: Furniture) -> list[Mention]:
    """What the page furniture names: the issuer and its fiscal year in the header (a quarter's
    year, 'Segundo Trimestre 2024', is that same year), the months of 'Periodo: Abril - Junio
    2024' one by one, the executing unit, the oficio's code, the cut-off and drafting dates,
    and the note's URL, article and law. The budget programme, the Plan Municipal de Desarrollo
    and the state's name alone are no mention."""
    ejercicio, m2 = fur.ejercicio, 3 * fur.trimestre
    out = [
        Mention("organizacion", fur.emisor, fur.emisor.upper(), "encabezado"),
        Mention("fecha", str(ejercicio), f"Ejercicio Fiscal {ejercicio}", "encabezado", {"precision": "anio"}),
    ]
    if fur.oficio:
        out.append(Mention("referencia_legal", fur.oficio, fur.oficio, "oficio"))
    if fur.periodo_estilo == "meses":
        desde, hasta = V.TRIMESTRE_MESES[fur.trimestre - 1].split(" - ")
        mes = {"precision": "mes"}
        out.append(Mention("fecha", f"{ejercicio}-{m2 - 2:02d}", desde, "encabezado", mes))
        out.append(Mention("fecha", f"{ejercicio}-{m2:02d}", f"{hasta} {ejercicio}", "encabezado", mes))
    out.append(Mention("organizacion", fur.dependencia, fur.dependencia, "info"))
    out.append(fecha_mention(fur.corte, fecha_larga(fur.corte), "corte"))
    if fur.elaboracion:
        out.append(fecha_mention(fur.elaboracion, fecha_larga(fur.elaboracion), "elaboracion"))
    if fur.url:
        out.append(Mention("url", fur.url, fur.url, "nota"))
    if fur.referencia:
        ley, art = fur.referencia
        cita = f"artículo {art} de la {ley}"
        out.append(Mention("referencia_legal", cita, cita, "nota"))
        out.append(Mention("referencia_legal", ley, ley, "nota"))
    return out


def table_mentions(ej: Ejes, fur: Furniture, filas, comentarios) -> list[Mention]:
    """The responsible units where the report prints them (under the level, in their own
    column, over a Componente's table) and the count each commentary states ('al atender 497
    solicitudes ...': 497 solicitudes; the 'de un total de 520 programadas' after it, the
    percentages and the table's figures are no count)."""
    out = []
    for i, f in enumerate(filas):
        if ej.area_en_nivel or "unidad_responsable" in ej.extras:
            out.append(Mention("organizacion", f.area, f.area, ("fila", i)))
        if fur.tablas == "por_componente" and f.nivel == "componente":
            out.append(Mention("organizacion", f.area, f.area, ("titulo_componente", i)))
    for i, (f, comentario) in enumerate(zip(filas, comentarios)):
        if comentario is None or f.avance is None or f.acumulacion == "constante":
            continue  # no commentary, none programmed, or 'un resultado de N frente a una meta de M'
        unidad = f.plantilla.objeto.split()[0]
        texto = f"{numero_comentario(ej, f, f.alc_comentario)} {unidad}"
        tag = ("fila", i) if ej.comentario == "columna" else ("comentario", i)
        out.append(Mention("cantidad", numero(f.alc_comentario), texto, tag, {"unidad": unidad}))
    return out


def truth_rows(filas, ej: Ejes, comentarios, ente: str, ejercicio: int, trimestre: int) -> list[dict]:
    """The rows as printed: a quarter printed '0' is 0.0, one printed '-' or blank is null, and
    alcanzado after the reported quarter is null."""
    cero = 0.0 if ej.no_programado == "0" else None
    out = []
    for f, comentario in zip(filas, comentarios):
        row = {
            "ente": ente,
            "ejercicio": ejercicio,
            "trimestre": trimestre,
            "clave": f.clave if f.clave_impresa else None,
            "nivel": f.nivel,
            "resumen_narrativo": f.resumen,
            "siglas": f.siglas,
            "indicador": f.indicador,
            "frecuencia": f.frecuencia,
            "unidad_medida": f.unidad.lower(),
            "meta_anual": num(f.meta_anual),
        }
        for i in range(4):
            row[f"programado_t{i + 1}"] = num(f.prog[i]) if f.prog[i] is not None else cero
        for i in range(4):
            alc = f.alc[i] if i < trimestre else None
            row[f"alcanzado_t{i + 1}"] = num(alc) if alc is not None else (cero if i < trimestre else None)
        shown = ej.avance_col or ej.comentario != "ausente"
        row["avance_pct"] = num(f.avance) if shown else None
        row["comentario"] = comentario
        extras = {
            "unidad_responsable": f.area,
            "linea_base": num(f.linea_base),
            "sentido": f.sentido,
            "dimension": f.dimension,
        }
        row.update({k: v for k, v in extras.items() if k in ej.extras})
        out.append(row)
    return out
