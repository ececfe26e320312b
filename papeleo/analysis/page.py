"""The report page: one self-contained HTML file, safe to open whatever the documents say.

Every string from the data (a file name, an ente, an error message) is untrusted — a file may
be called ``<script>…`` — so it is escaped with ``html.escape`` where it lands in HTML, and the
chart specs travel in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
written as ``\\u003c`` etc., so no value can close the block; Vega then writes values into the
SVG as text. Each section stands alone and says in a sentence when its dataset has no rows,
instead of drawing an empty chart.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from typing import Any

import pandas as pd

from .. import inline
from . import charts, figures
from . import spanish as es
from .assets import CSS, DRAW, csp, vega_bundle

# The commitments axis lists every month from the first due date to the last up to this span.
MAX_MONTHS = 60
SECTIONS = (
    ("documentos", "Documentos"),
    ("filas", "Filas por conjunto de datos"),
    ("fallas", "Fallas"),
    ("mir", "Indicadores MIR"),
    ("puntajes", "Puntajes"),
    ("compromisos", "Compromisos"),
)


def script_json(data: Any) -> str:
    return inline.script_json(data, allow_nan=False)


def e(value: Any) -> str:
    return escape(str(value), quote=True)


class Charts:
    """The specs of the page's charts, each with the element it draws into."""

    def __init__(self) -> None:
        self.specs: dict[str, dict[str, Any]] = {}

    def add(self, spec: dict[str, Any], label: str) -> str:
        chart_id = f"grafica-{len(self.specs) + 1}"
        self.specs[chart_id] = spec
        return f'<div class="chart" id="{chart_id}" role="img" aria-label="{e(label)}"></div>'


def _empty(sentence: str) -> str:
    return f'<p class="vacio">{e(sentence)}</p>'


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """``rows`` are already HTML (escaped by the caller); columns in ``numeric`` align right."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _total(label: str, value: str) -> str:
    return f"<div><b>{value}</b>{e(label)}</div>"


def documents_section(docs: pd.DataFrame, out: Charts) -> str:
    if docs.empty:
        return _empty("Aún no hay documentos en esta salida: nada se ha ingerido todavía.")
    pages = docs["pages"].dropna().sum() if "pages" in docs else 0
    failed = int((docs["status"] == "failed").sum())
    totals = (
        '<div class="totals">'
        + _total("documentos", es.integer(len(docs)))
        + _total("páginas", es.integer(pages))
        + _total("con status failed", es.integer(failed))
        + "</div>"
    )
    grid = ""
    for column in ("doc_type", "status", "text_source"):
        spec = charts.count_bars(figures.counts(docs, column), column, "documentos")
        grid += f"<div><h3>por <code>{column}</code></h3>{out.add(spec, f'documentos por {column}')}</div>"
    return totals + f'<div class="grid">{grid}</div>'


def rows_section(row_counts: dict[str, int], out: Charts) -> str:
    df = figures.rows_per_dataset(row_counts)
    if not df["filas"].any():
        return _empty("Ningún conjunto de datos tiene filas todavía.")
    spec = charts.count_bars(df.rename(columns={"dataset": "valor", "filas": "n"}), "dataset", "filas")
    return (
        '<p class="note">Filas de cada conjunto de datos de la salida (un conjunto sin filas aparece con 0).</p>'
        + out.add(spec, "filas por conjunto de datos")
    )


def failures_section(failures: pd.DataFrame, out: Charts) -> str:
    kinds = figures.failure_kinds(failures)
    if not kinds:
        return _empty("No hay fallas registradas: todo lo leído se pudo ingerir.")
    bars = pd.DataFrame([{"valor": f"{k.stage} · {k.error_type}", "n": k.n} for k in kinds])
    rows = [
        [
            f"<code>{e(k.stage)}</code>",
            f"<code>{e(k.error_type)}</code>",
            es.integer(k.n),
            "".join(f'<p class="ex"><code>{e(src)}</code>: {e(_clip(msg))}</p>' for src, msg in k.examples),
        ]
        for k in kinds
    ]
    return (
        f'<p class="note">{es.integer(len(failures))} fallas, por etapa (<code>stage</code>) y tipo '
        f"(<code>error_type</code>); hasta {figures.MAX_EXAMPLES} ejemplos de cada tipo.</p>"
        + out.add(charts.count_bars(bars, "stage · error_type", "fallas"), "fallas por tipo")
        + _table(["stage", "error_type", "fallas", "ejemplos (source: message)"], rows, numeric={2})
    )


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_states_html(states: figures.ValueStates, out: Charts) -> str:
    if not states.total:
        return _empty("Las filas de indicators no tienen ningún valor numérico.")
    rows = [
        [e(charts.ORIGIN_LABELS[o]), es.integer(states.origins[o]), es.percent(states.share(states.origins[o]))]
        for o in figures.ORIGINS
    ]
    rows.append(["en conflicto", es.integer(states.conflict), es.percent(states.share(states.conflict))])
    return (
        "<h3>De dónde viene cada valor</h3>"
        f'<p class="note">Los {es.integer(states.total)} valores numéricos no vacíos de <code>indicators</code> '
        f"({', '.join(f'<code>{c}</code>' for c in states.columns[:10])}{', …' if len(states.columns) > 10 else ''}). "
        "Origen según <code>corrected</code>: <code>campo:corregido</code>, <code>campo:imputado</code>, "
        "<code>campo:revisado</code> (decisión de una persona); sin marca, leído del documento. "
        "En conflicto: un chequeo de <code>checks</code> en <code>=conflict</code> nombra su columna "
        "(<code>alcanzado_t2_fuentes=conflict</code>). "
        f"Además, {es.integer(states.rows_in_doubt)} de {es.integer(states.rows)} filas tienen un chequeo en "
        "conflicto que no nombra una columna (<code>suma_programado=conflict</code>): dudan de la fila entera.</p>"
        + out.add(charts.value_states(states), "valores por origen y chequeos en conflicto")
        + _table(["valores", "cuántos", "parte"], rows, numeric={1, 2})
    )


def _panel_note(p: figures.Panel) -> str:
    said = [f"Informe de <code>{e(p.source)}</code>" + (f", trimestre {p.trimestre}" if p.trimestre else "") + "."]
    if p.other_documents:
        said.append(f"{es.integer(p.other_documents)} documento(s) más del mismo ente y ejercicio no se dibujan.")
    if p.left_out:
        said.append(
            f"Se muestran los primeros {figures.MAX_INDICATORS} indicadores por clave; se omiten {es.integer(p.left_out)}."
        )
    if p.without_values:
        said.append(f"{es.integer(p.without_values)} indicador(es) sin valores trimestrales no se dibujan.")
    return f'<p class="note">{" ".join(said)}</p>'


def mir_section(indicators: pd.DataFrame, documents: pd.DataFrame, out: Charts) -> str:
    if indicators.empty:
        return _empty("No hay filas en indicators: ningún avance de MIR se ha ingerido.")
    html = value_states_html(figures.value_states(indicators), out)
    mir = figures.mir_panels(indicators, documents)
    html += (
        "<h3>Programado contra alcanzado</h3>"
        '<p class="note">Por ente y ejercicio, un cuadro por indicador (<code>clave</code> y <code>siglas</code>): '
        "<code>programado_t1…t4</code> contra <code>alcanzado_t1…t4</code>; cada cuadro tiene su propia escala. "
        "Un trimestre sin barra de alcanzado aún no se había reportado.</p>"
    )
    if not mir.panels:
        return html + _empty("Ninguna fila de indicators tiene valores programados o alcanzados por trimestre.")
    for p in mir.panels:
        title = p.ente + (f" — ejercicio {p.ejercicio}" if p.ejercicio else "")
        html += f"<h3>{e(title)}</h3>{_panel_note(p)}" + out.add(
            charts.mir_panel(p), f"programado contra alcanzado, {title}"
        )
    if mir.without_values:
        html += (
            f'<p class="note">Sin valores trimestrales que dibujar ({len(mir.without_values)}): '
            f"{e('; '.join(mir.without_values))}.</p>"
        )
    if mir.left_out:
        html += (
            f'<p class="note">Se muestran {len(mir.panels)} entes (los de más indicadores, máximo {figures.MAX_ENTES}); '
            f"se omiten {len(mir.left_out)}: {e('; '.join(mir.left_out))}.</p>"
        )
    return html


def scores_section(scores: pd.DataFrame, out: Charts) -> str:
    if scores.empty:
        return _empty("No hay filas en scores: ningún dictamen de puntajes se ha ingerido.")
    values, summary = figures.scores_by_level(scores)
    rows = [
        [
            e(r.nivel),
            es.integer(r.personas),
            es.integer(r.con_calificacion),
            es.number(r.minimo, 3),
            es.number(r.mediana, 3),
            es.number(r.maximo, 3),
        ]
        for r in summary.itertuples()
    ]
    table = _table(
        ["nivel_desempeno", "personas", "con calificación", "mínima", "mediana", "máxima"],
        rows,
        numeric={1, 2, 3, 4, 5},
    )
    if values.empty:
        return _empty("Ninguna fila de scores tiene calificacion_final.") + table
    return (
        '<p class="note">Distribución de <code>calificacion_final</code> por <code>nivel_desempeno</code> (una fila por nivel, '
        "tal como está impreso; la altura de cada barra es el número de personas).</p>"
        + out.add(charts.scores(values, list(summary["nivel"])), "calificaciones por nivel")
        + table
    )


def commitments_section(commitments: pd.DataFrame, out: Charts) -> str:
    if commitments.empty:
        return _empty("No hay filas en commitments: ningún convenio de aspectos susceptibles de mejora se ha ingerido.")
    months, undated = figures.commitments_by_month(commitments)
    note = f" {es.integer(undated)} compromiso(s) sin fecha no aparecen." if undated else ""
    if months.empty:
        return _empty(f"Ninguno de los {len(commitments)} compromisos tiene fecha_compromiso.")
    first, last = months["mes"].min(), months["mes"].max()
    span = figures.month_range(first, last)
    # every month between the first and the last, unless a stray date stretches the axis past
    # MAX_MONTHS: then only the months that have commitments
    axis = span if len(span) <= MAX_MONTHS else sorted(set(months["mes"]))
    months = months.assign(etiqueta=[es.short_month(m) for m in months["mes"]])
    return (
        f'<p class="note">{es.integer(months["n"].sum())} compromisos por mes de <code>fecha_compromiso</code>, '
        f"de {es.month(first)} a {es.month(last)} (una fecha de solo mes cuenta en ese mes).{note}</p>"
        + out.add(charts.commitments(months, [es.short_month(m) for m in axis]), "compromisos por mes")
    )


def render(
    out: str | os.PathLike, row_counts: dict[str, int], frames: dict[str, pd.DataFrame], now: dt.datetime
) -> str:
    charts_ = Charts()
    docs = frames["documents"]
    bodies = {
        "documentos": documents_section(docs, charts_),
        "filas": rows_section(row_counts, charts_),
        "fallas": failures_section(frames["failures"], charts_),
        "mir": mir_section(frames["indicators"], docs, charts_),
        "puntajes": scores_section(frames["scores"], charts_),
        "compromisos": commitments_section(frames["commitments"], charts_),
    }
    sections = "".join(f'<section id="{key}"><h2>{e(title)}</h2>{bodies[key]}</section>' for key, title in SECTIONS)
    nav = "".join(f'<a href="#{key}">{e(title)}</a>' for key, title in SECTIONS)
    data = {"charts": charts_.specs, "formatLocale": es.format_locale(), "timeFormatLocale": es.time_format_locale()}
    root = os.fspath(out)
    return (
        '<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp())}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>papeleo: {e(root)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>Lo que se ha ingerido</h1><p>Salida <code>{e(root)}</code> · generado el {e(es.instant(now))} · "
        f"{es.integer(len(charts_.specs))} gráficas</p><nav>{nav}</nav></header>"
        f"<main>{sections}</main>"
        f'<script type="application/json" id="report-data">{script_json(data)}</script>'
        f"<script>{vega_bundle()}</script><script>{DRAW}</script></body></html>\n"
    )
