"""What the report shows, as plain pandas frames computed from the datasets.

Kept apart from the charts and the HTML so that every figure can be checked against rows a
test writes by hand, and so that a dataset with no rows gives an empty frame here (the page
then writes a sentence) instead of an error in a chart. Data are read only through
``ParquetStore.read``: the files' layout under the output root belongs to the store.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

import schemas

from ..store import ParquetStore

log = logging.getLogger(__name__)

NO_VALUE = "(sin valor)"
# Failure kinds list this many examples each: enough to recognise the problem, short enough
# that one noisy kind does not bury the others.
MAX_EXAMPLES = 3
QUARTERS = (1, 2, 3, 4)
# The MIR small multiples draw at most this many (ente, ejercicio) panels, those with most
# indicators, and this many indicators per panel, in clave order: past that a page of bars
# is no longer read, and the page says what it left out.
MAX_ENTES = 6
MAX_INDICATORS = 36
KINDS = ("programado", "alcanzado")
# Origins of a value, from its row's ``corrected`` marks; a reviewer's mark wins (a person
# vouched for the value), then a repair, then an imputation; a value no mark names was read.
ORIGINS = ("leido", "corregido", "imputado", "revisado")
_ORIGIN_BY_MARK = (("revisado", "revisado"), ("corregido", "corregido"), ("imputado", "imputado"))
# Float columns of a record dataset that are provenance, not values a document states.
_NOT_VALUES = frozenset({"confidence", "x0", "top", "x1", "bottom"})
_DATASETS_SHOWN = ("documents", "failures", "indicators", "scores", "commitments")


def load(out: str | os.PathLike) -> tuple[dict[str, int], dict[str, pd.DataFrame]]:
    """Row counts of every dataset, and the datasets the page charts as frames."""
    store = ParquetStore(out)
    counts: dict[str, int] = {}
    frames: dict[str, pd.DataFrame] = {}
    for name in schemas.DATASETS:
        table = store.read(name)
        counts[name] = table.num_rows
        if name in _DATASETS_SHOWN:
            frames[name] = table.to_pandas()
    for name in _DATASETS_SHOWN:
        frames.setdefault(name, pd.DataFrame())
    log.info("report: read %s", ", ".join(f"{n} {c}" for n, c in counts.items()))
    return counts, frames


def value_columns(dataset: str) -> list[str]:
    """The numeric values a row of ``dataset`` states (its float columns, provenance aside)."""
    schema = schemas.get(dataset).schema
    return [f.name for f in schema if pa.types.is_floating(f.type) and f.name not in _NOT_VALUES]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return NO_VALUE
    return str(value)


def counts(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """``valor``, ``n``: how many rows hold each value of ``column`` (missing: NO_VALUE), most first."""
    if df.empty or column not in df.columns:
        return pd.DataFrame({"valor": pd.Series(dtype=str), "n": pd.Series(dtype="int64")})
    tally = Counter(_text(v) for v in df[column].tolist())
    rows = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame(rows, columns=["valor", "n"])


def rows_per_dataset(row_counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(list(row_counts.items()), columns=["dataset", "filas"])


@dataclass
class FailureKind:
    stage: str
    error_type: str
    n: int
    examples: list[tuple[str, str]]  # (source, message)


def failure_kinds(failures: pd.DataFrame) -> list[FailureKind]:
    """Failures grouped by (stage, error_type), most frequent first, with a few examples each."""
    if failures.empty:
        return []
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in failures.to_dict("records"):
        key = (_text(row.get("stage")), _text(row.get("error_type")))
        groups.setdefault(key, []).append((_text(row.get("source")), _text(row.get("message"))))
    kinds = [FailureKind(s, e, len(ex), ex[:MAX_EXAMPLES]) for (s, e), ex in groups.items()]
    return sorted(kinds, key=lambda k: (-k.n, k.stage, k.error_type))


def _marks(value: Any) -> list[str]:
    """A list cell (``checks``, ``corrected``) as a Python list, whatever pandas made of it."""
    return [] if value is None or isinstance(value, float) else [str(v) for v in value]


def _names(column: str, names: list[str]) -> bool:
    return any(n == column or n.startswith(column + "_") for n in names)


@dataclass
class ValueStates:
    """The numeric values of a dataset by origin, and how many a check in conflict names."""

    columns: list[str]
    total: int = 0
    origins: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    conflict: int = 0
    rows: int = 0
    rows_in_doubt: int = 0  # rows with a check in conflict that names no column at all

    def share(self, n: int) -> float:
        return n / self.total if self.total else 0.0


def value_states(df: pd.DataFrame, dataset: str = "indicators") -> ValueStates:
    """Every non-null numeric value of ``df`` counted once by origin — ``campo:corregido`` /
    ``campo:imputado`` / ``campo:revisado`` in ``corrected``, else read — and counted as in
    conflict when a check in conflict names its column (``alcanzado_t2_fuentes=conflict``,
    ``meta_anual_sin_respaldo=conflict``). A check in conflict that names no column
    (``suma_programado=conflict``) doubts the row, not one value: those rows are counted apart."""
    columns = value_columns(dataset)
    states = ValueStates(columns=columns)
    if df.empty:
        return states
    all_columns = schemas.get(dataset).columns
    for row in df.to_dict("records"):
        states.rows += 1
        how: dict[str, set[str]] = {}
        for mark in _marks(row.get("corrected")):
            name, _, kind = mark.partition(":")
            how.setdefault(name, set()).add(kind)
        conflicts = [c.rpartition("=")[0] for c in _marks(row.get("checks")) if c.endswith("=conflict")]
        if any(not any(_names(col, [c]) for col in all_columns) for c in conflicts):
            states.rows_in_doubt += 1
        for col in columns:
            value = row.get(col)
            if value is None or pd.isna(value):
                continue
            states.total += 1
            marks = how.get(col, set())
            origin = next((o for m, o in _ORIGIN_BY_MARK if m in marks), "leido")
            states.origins[origin] += 1
            if _names(col, conflicts):
                states.conflict += 1
    return states


def clave_order(clave: Any) -> tuple:
    """Dotted codes in numeric order (``1.4.2`` before ``1.4.10``); rows without one last."""
    if not isinstance(clave, str) or not clave:
        return (1, ())
    return (0, tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\s]+", clave) if p))


@dataclass(eq=False)
class Panel:
    """One ente and fiscal year: the MIR report drawn for it, melted for the chart."""

    ente: str
    ejercicio: int | None
    trimestre: int | None
    source: str
    values: pd.DataFrame  # indicador, orden, trimestre (T1..T4), tipo, valor
    indicators: int  # rows of the report drawn
    without_values: int  # rows with no quarterly value (nothing to draw)
    left_out: int  # rows over MAX_INDICATORS
    other_documents: int  # other reports of the same ente and year, not drawn

    @property
    def label(self) -> str:
        return f"{self.ente} ({self.ejercicio})" if self.ejercicio else self.ente


@dataclass
class MirFigure:
    panels: list[Panel]
    left_out: list[str] = field(default_factory=list)  # panels over MAX_ENTES
    without_values: list[str] = field(default_factory=list)  # panels with no quarterly value


def _label(row: dict[str, Any]) -> str:
    clave, siglas = row.get("clave"), row.get("siglas")
    parts = [str(p) for p in (clave, siglas) if isinstance(p, str) and p]
    return " ".join(parts) or NO_VALUE


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def mir_panels(
    indicators: pd.DataFrame,
    documents: pd.DataFrame,
    max_entes: int | None = None,
    max_indicators: int | None = None,
) -> MirFigure:
    """Planned against achieved per indicator and quarter, one panel per (ente, ejercicio).

    Reports of one ente and year repeat its indicators (a Q1 and a Q2 report, or one report
    scanned and typed), so each panel draws one report: the latest quarter, then the one with
    most rows, then the most confident; the others are counted, not drawn. Panels with most
    indicators come first; at most ``max_entes`` panels (default ``MAX_ENTES``) of at most
    ``max_indicators`` indicators each (default ``MAX_INDICATORS``)."""
    max_entes = MAX_ENTES if max_entes is None else max_entes
    max_indicators = MAX_INDICATORS if max_indicators is None else max_indicators
    if indicators.empty:
        return MirFigure([])
    names = {}
    if not documents.empty:
        names = dict(zip(documents["doc_id"], documents["file_name"].fillna(documents["source"]), strict=True))
    df = indicators.copy()
    df["_ente"] = [
        e if isinstance(e, str) and e.strip() else f"(ente no leído: {names.get(d, d[:12])})"
        for e, d in zip(df["ente"], df["doc_id"], strict=True)
    ]
    df["_year"] = [_int(v) for v in df["ejercicio"]]
    panels = []
    for (ente, year), group in df.groupby(["_ente", "_year"], dropna=False, sort=False):
        year = _int(year)
        docs = (
            group.groupby("doc_id")
            .agg(q=("trimestre", "max"), n=("doc_id", "size"), conf=("confidence", "mean"))
            .reset_index()
        )
        docs = docs.fillna({"q": 0, "conf": 0}).sort_values(
            ["q", "n", "conf", "doc_id"], ascending=[False, False, False, True]
        )
        chosen = docs.iloc[0]["doc_id"]
        rows = group[group["doc_id"] == chosen].to_dict("records")
        rows.sort(key=lambda r: (clave_order(r.get("clave")), _text(r.get("siglas")), _int(r.get("page")) or 0))
        quarterly = [f"{k}_t{q}" for k in KINDS for q in QUARTERS]
        drawn = [r for r in rows if any(pd.notna(r.get(c)) for c in quarterly)]
        seen: Counter[str] = Counter()
        long = []
        for order, row in enumerate(drawn[:max_indicators]):
            label = _label(row)
            seen[label] += 1
            if seen[label] > 1:
                label = f"{label} ({seen[label]})"
            for kind in KINDS:
                for q in QUARTERS:
                    value = row.get(f"{kind}_t{q}")
                    if value is not None and pd.notna(value):
                        long.append(
                            {
                                "indicador": label,
                                "orden": order,
                                "trimestre": f"T{q}",
                                "tipo": kind,
                                "valor": float(value),
                            }
                        )
        panels.append(
            Panel(
                ente=ente,
                ejercicio=year,
                trimestre=_int(group.loc[group["doc_id"] == chosen, "trimestre"].max()),
                source=names.get(chosen, chosen[:12]),
                values=pd.DataFrame(long, columns=["indicador", "orden", "trimestre", "tipo", "valor"]),
                indicators=len(rows),
                without_values=len(rows) - len(drawn),
                left_out=max(0, len(drawn) - max_indicators),
                other_documents=len(docs) - 1,
            )
        )
    panels.sort(key=lambda p: (-p.values["indicador"].nunique(), p.ente, p.ejercicio or 0))
    drawable = [p for p in panels if not p.values.empty]
    return MirFigure(
        panels=drawable[:max_entes],
        left_out=[p.label for p in drawable[max_entes:]],
        without_values=[p.label for p in panels if p.values.empty],
    )


def scores_by_level(scores: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scores (``nivel``, ``calificacion``) and per level: people, scored, min, median, max."""
    columns = ["nivel", "personas", "con_calificacion", "minimo", "mediana", "maximo"]
    if scores.empty:
        return pd.DataFrame(columns=["nivel", "calificacion"]), pd.DataFrame(columns=columns)
    df = pd.DataFrame(
        {
            "nivel": [_text(v) for v in scores["nivel_desempeno"]],
            "calificacion": scores["calificacion_final"].astype(float),
        }
    )
    summary = (
        df.groupby("nivel")["calificacion"]
        .agg(personas="size", con_calificacion="count", minimo="min", mediana="median", maximo="max")
        .reset_index()
        .sort_values(["personas", "nivel"], ascending=[False, True])
    )
    return df.dropna(subset=["calificacion"]), summary[columns].reset_index(drop=True)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from ``first``'s to ``last``'s."""
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def commitments_by_month(commitments: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Commitments per due month (``mes``: the month's first day) and ``tipo``; and how many
    have no date."""
    empty = pd.DataFrame({"mes": pd.Series(dtype=object), "tipo": pd.Series(dtype=str), "n": pd.Series(dtype="int64")})
    if commitments.empty:
        return empty, 0
    dates = commitments["fecha_compromiso"]
    dated = commitments[dates.notna()]
    if dated.empty:
        return empty, len(commitments)
    months = [d.replace(day=1) for d in dated["fecha_compromiso"]]
    tally = Counter(zip(months, (_text(t) for t in dated["tipo"]), strict=True))
    rows = sorted(((m, t, n) for (m, t), n in tally.items()), key=lambda r: (r[0], r[1]))
    return pd.DataFrame(rows, columns=["mes", "tipo", "n"]), int(dates.isna().sum())
