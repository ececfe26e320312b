"""The report's charts as Vega-Lite specs, built with Altair from the frames in ``figures``.

Each function takes a non-empty frame (the page writes a sentence instead of calling it for an
empty one) and returns the spec as a dict, data inline: the page is one file that must draw
with no network, so nothing is referenced by URL. Data go in as ``alt.Data(values=...)``, which
Altair passes through as is (a DataFrame would hit its 5,000-row guard on a large corpus), and
every value is made JSON-plain first (no NaN, dates as ISO text). Number and date formats on
axes and tooltips follow the page's locale, which the page hands to Vega.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import altair as alt
import pandas as pd

from .figures import KINDS, ORIGINS, Panel, ValueStates

WIDTH = 620
BAR = "#3b6ea5"
KIND_COLORS = {"programado": "#a9b4c2", "alcanzado": "#1f6fb2"}
ORIGIN_LABELS = {"leido": "leído", "corregido": "corregido", "imputado": "imputado", "revisado": "revisado"}
ORIGIN_COLORS = {"leído": "#4c956c", "corregido": "#e09f3e", "imputado": "#9e2a9c", "revisado": "#3b6ea5"}
CONFLICT_COLORS = {"en conflicto": "#c0392b", "sin conflicto": "#d5dbe1"}
# Axis labels of values that span from units to millions: SI prefixes from ten thousand up
# (3.6M, 12k), plain grouped figures under it (9,500), never milli- prefixes for fractions.
SHORT_NUMBER = "abs(datum.value) >= 10000 ? format(datum.value, '.3~s') : format(datum.value, ',~r')"
MIR_COLUMNS = 6
MIR_FACET_WIDTH, MIR_FACET_HEIGHT = 110, 80


def plain(value: Any) -> Any:
    """A cell as JSON takes it: NaN and missing as null, dates as ISO text, numpy as Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return plain(value.item())
    return value


def records(df: pd.DataFrame) -> alt.Data:
    return alt.Data(values=[{k: plain(v) for k, v in row.items()} for row in df.to_dict("records")])


def _finish(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return chart.configure_view(stroke=None).configure_axis(labelFontSize=11, titleFontSize=11).to_dict()


def count_axis(largest: int) -> alt.Axis:
    """An axis of counts: whole numbers only. Vega's ticks for a domain of [0, 1] or [0, 3]
    fall on halves, which the integer format then prints as a repeated label, so a small
    domain gets its ticks listed."""
    if largest <= 10:
        return alt.Axis(format=",d", values=list(range(largest + 1)))
    return alt.Axis(format=",d", tickMinStep=1, tickCount=6)


def count_bars(df: pd.DataFrame, label: str, unit: str) -> dict[str, Any]:
    """Horizontal bars of ``df`` (``valor``, ``n``) in its order, with the count beside each;
    ``label`` names the bars in tooltips (the page's heading names them on the page)."""
    # an explicit order (the frame's, largest first): a sort by field in both layers makes
    # Vega-Lite warn that the unioned domains sort differently
    base = alt.Chart(records(df)).encode(
        y=alt.Y("valor:N", sort=list(df["valor"]), title=None, axis=alt.Axis(labelLimit=280)),
        x=alt.X("n:Q", title=unit, axis=count_axis(int(df["n"].max()))),
        tooltip=[alt.Tooltip("valor:N", title=label), alt.Tooltip("n:Q", title=unit, format=",d")],
    )
    bars = base.mark_bar(color=BAR)
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("n:Q", format=",d"))
    return _finish((bars + text).properties(width=WIDTH - 220, height=alt.Step(22)))


def mir_panel(panel: Panel) -> dict[str, Any]:
    """Small multiples: one facet per indicator, programado and alcanzado bars per quarter."""
    order = list(dict.fromkeys(panel.values.sort_values("orden")["indicador"]))
    quarters = ["T1", "T2", "T3", "T4"]
    chart = (
        alt.Chart(records(panel.values))
        .mark_bar()
        .encode(
            x=alt.X("trimestre:N", title=None, scale=alt.Scale(domain=quarters), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("tipo:N", scale=alt.Scale(domain=list(KINDS))),
            y=alt.Y("valor:Q", title=None, axis=alt.Axis(labelExpr=SHORT_NUMBER, tickCount=4)),
            color=alt.Color(
                "tipo:N",
                title=None,
                scale=alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values())),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("indicador:N"),
                alt.Tooltip("trimestre:N"),
                alt.Tooltip("tipo:N"),
                alt.Tooltip("valor:Q", format=",.2~f"),
            ],
        )
        .properties(width=MIR_FACET_WIDTH, height=MIR_FACET_HEIGHT)
        .facet(
            facet=alt.Facet("indicador:N", sort=order, title=None, header=alt.Header(labelLimit=MIR_FACET_WIDTH + 20)),
            columns=MIR_COLUMNS,
        )
        # independent x too: each cell then draws its own quarter axis, and the empty cells
        # of a last, shorter row draw none
        .resolve_scale(x="independent", xOffset="independent", y="independent")
    )
    return _finish(chart)


def value_states(states: ValueStates) -> dict[str, Any]:
    """Two 100 % bars: the values by origin, and the values a check in conflict names."""
    rows = [
        {"grupo": "origen", "categoria": ORIGIN_LABELS[o], "valores": states.origins[o], "orden": i}
        for i, o in enumerate(ORIGINS)
    ]
    rows += [
        {"grupo": "chequeos", "categoria": "en conflicto", "valores": states.conflict, "orden": 0},
        {"grupo": "chequeos", "categoria": "sin conflicto", "valores": states.total - states.conflict, "orden": 1},
    ]
    for r in rows:
        r["parte"] = states.share(r["valores"])
    colors = {**ORIGIN_COLORS, **CONFLICT_COLORS}
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("grupo:N", title=None, sort=["origen", "chequeos"]),
            x=alt.X("valores:Q", stack="normalize", title="parte de los valores", axis=alt.Axis(format=".0%")),
            color=alt.Color(
                "categoria:N",
                title=None,
                scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                legend=alt.Legend(orient="bottom", columns=6),
            ),
            order=alt.Order("orden:Q"),
            tooltip=[
                alt.Tooltip("categoria:N", title="valores"),
                alt.Tooltip("valores:Q", title="cuántos", format=",d"),
                alt.Tooltip("parte:Q", title="parte", format=".1%"),
            ],
        )
        .properties(width=WIDTH - 120, height=alt.Step(30))
    )
    return _finish(chart)


def scores(values: pd.DataFrame, levels: list[str]) -> dict[str, Any]:
    """Histogram of ``calificacion_final``, one row per ``nivel_desempeno`` on a shared axis."""
    chart = (
        alt.Chart(records(values))
        .mark_bar()
        .encode(
            x=alt.X("calificacion:Q", bin=alt.Bin(maxbins=20), title="calificacion_final"),
            y=alt.Y("count():Q", title=None, axis=alt.Axis(format=",d", tickMinStep=1, tickCount=3)),
            color=alt.Color("nivel:N", title="nivel_desempeno", sort=levels, legend=None),
            tooltip=[
                alt.Tooltip("nivel:N", title="nivel_desempeno"),
                alt.Tooltip("calificacion:Q", bin=alt.Bin(maxbins=20), title="calificacion_final", format=",.3~f"),
                alt.Tooltip("count():Q", title="personas", format=",d"),
            ],
        )
        .properties(width=WIDTH - 160, height=70)
        .facet(row=alt.Row("nivel:N", sort=levels, title=None, header=alt.Header(labelAngle=0, labelAlign="left")))
    )
    return _finish(chart)


def commitments(months: pd.DataFrame, axis: list[str]) -> dict[str, Any]:
    """Commitments per due month (``etiqueta``), stacked by ``tipo``; ``axis`` lists the months
    in order, those without commitments included, so a gap shows as a gap."""
    chart = (
        alt.Chart(records(months))
        .mark_bar()
        .encode(
            x=alt.X(
                "etiqueta:N",
                title="mes comprometido",
                scale=alt.Scale(domain=axis),
                axis=alt.Axis(labelAngle=-40 if len(axis) > 8 else 0, labelOverlap=True),
            ),
            y=alt.Y("sum(n):Q", title="compromisos", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color("tipo:N", title="tipo", legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("etiqueta:N", title="mes"),
                alt.Tooltip("tipo:N"),
                alt.Tooltip("sum(n):Q", title="compromisos", format=",d"),
            ],
        )
        .properties(width=max(160, min(WIDTH - 60, 48 * len(axis))), height=200)
    )
    return _finish(chart)
