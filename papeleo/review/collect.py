"""The doubtful values of an output root: what a reviewer must look at, riskiest first.

A value is doubtful when the extractor says so in the row itself: ``corrected`` names it
(``programado_t2:corregido``, ``fecha:imputado``), a check in conflict names it
(``alcanzado_t1_sin_respaldo=conflict``), or the whole row is in doubt (a check in conflict
that names no column, like ``suma_programado=conflict``, or a confidence under the
threshold). Nothing is guessed beyond what the rows say: the raw reading and the reason are
cut from ``comentario_extraccion``, the only place the extractors write them.

Rows are read per document file (``<dataset>/src-<hash of the source>.parquet``), so each
entry knows its document's source and the row's stored order, which with page and top gives
the ``occurrence`` a reviewer's decision is matched by when one key appears twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import schemas

from ..store import ParquetStore, source_key

log = logging.getLogger(__name__)

# Rows whose confidence is under this are listed even when no value in them is corrected or
# in conflict. The trade-off: a higher threshold catches more weak OCR reads but floods the
# page with rows that are right (a clean scan's rows sit at 0.8-0.95 once one value needed a
# repair); a lower one keeps the page short but lets a row whose words OCR barely read pass
# unseen. 0.7 is under every row with a single ordinary repair in the samples (0.79-0.93),
# so what it adds is rows with several weak reads at once.
DEFAULT_MIN_CONFIDENCE = 0.7

# Kinds of doubt, riskiest first: the order entries are listed in.
KINDS = ("conflict", "corrected", "imputed", "low_confidence")
RISK = {"conflict": 0, "corrected": 1, "imputed": 1, "low_confidence": 2}
REVIEWED = "revisado"  # what an applied reviewer decision adds to ``corrected``

# One entry of ``corrected``: "programado_t2:corregido", "fecha:imputado", "alcanzado_t2:revisado".
CORRECTED_RE = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*):(?P<how>[a-z_]+)$")
# One entry of ``checks`` in conflict: "alcanzado_t2_sin_respaldo=conflict", "suma_programado=conflict".
CONFLICT_RE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)=conflict$")
# The suffix of a check that names the value it doubts: "meta_anual_sin_respaldo".
UNBACKED_RE = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*?)_sin_respaldo$")
# The parts of a comentario: "programado_t2=1,600: celda '1,6OO' ilegible; de comentario y porcentaje".
PART_SEP_RE = re.compile(r";\s+")
# The raw reading quoted in a part about a value: "celda '1,6OO' ilegible" -> 1,6OO; "impresa '231112'".
QUOTED_RE = re.compile(r"'([^']{1,200})'")
# A column's name in a comentario part: "meta_anual", "programado_t1" (a part naming none goes
# on about the value of the part before it).
IDENTIFIER_RE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Columns every record dataset has that are provenance or bookkeeping, never a reviewed value.
NOT_VALUES = frozenset(
    {"doc_id", "record_id", "page", "confidence", "x0", "top", "x1", "bottom", "extractor"}
    | {"checks", "corrected", "comentario_extraccion"}
)


@dataclass
class Entry:
    """One doubtful value (``field``) or, with ``field`` None, one doubtful row."""

    doc: int  # index into Review.documents
    dataset: str
    key: dict[str, Any]
    occurrence: int
    field: str | None
    value: Any
    value_type: str  # number, integer, date, text, boolean
    kinds: list[str]
    checks: list[str]
    reason: str
    raw: str | None
    confidence: float | None
    page: int | None
    box: tuple[float, float, float, float] | None
    row: dict[str, Any]
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def risk(self) -> tuple[int, float, int]:
        worst = min(RISK[k] for k in self.kinds)
        return worst, (self.confidence if self.confidence is not None else 2.0), -len(self.kinds)


@dataclass
class Review:
    root: Path
    min_confidence: float
    documents: list[dict[str, Any]]
    entries: list[Entry]
    stale: list[dict[str, Any]]
    # every row's key values per document (doubtful or not): where a row's text ends
    row_keys: dict[int, set[str]] = field(default_factory=dict)


def json_value(value: Any) -> Any:
    """A cell as the decisions file writes it: numbers as numbers, dates 'YYYY-MM-DD',
    NaN and missing as null."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def type_name(type_: pa.DataType) -> str:
    if pa.types.is_floating(type_):
        return "number"
    if pa.types.is_integer(type_):
        return "integer"
    if pa.types.is_date(type_):
        return "date"
    if pa.types.is_boolean(type_):
        return "boolean"
    return "text"


def comment_parts(comment: str | None) -> list[str]:
    return [p.strip() for p in PART_SEP_RE.split(comment or "") if p.strip()]


def _owns(part: str, name: str) -> bool:
    """The part is about ``name`` itself: "programado_t2=1,600: ...", "clave 2.3.1: ...", "fecha: ..."."""
    return part.startswith(name) and part[len(name) : len(name) + 1] in ("=", ":", " ")


def reason_and_raw(comment: str | None, name: str | None) -> tuple[str, str | None]:
    """The part of the comentario about ``name`` (its own parts with their continuations,
    then the parts naming it), else all of it; and the raw reading when its own part quotes one."""
    parts = comment_parts(comment)
    if name is None:
        return "; ".join(parts), None
    own: list[str] = []
    for i, p in enumerate(parts):
        if _owns(p, name):
            own.append(p)
        elif own and parts[i - 1] in own and not IDENTIFIER_RE.search(p):
            own.append(p)  # "'1,812' por 1872 (un dígito confundido)" goes on about the value before it
    word = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])")
    naming = [p for p in parts if p not in own and word.search(p)]
    raw = None
    for p in own:
        m = QUOTED_RE.search(p)
        if m:
            raw = m.group(1)
            break
    return "; ".join(own + naming or parts), raw


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _box(row: dict[str, Any]) -> tuple[float, float, float, float] | None:
    edges = [_number(row.get(c)) for c in ("x0", "top", "x1", "bottom")]
    if any(e is None for e in edges) or edges[2] <= edges[0] or edges[3] <= edges[1]:  # type: ignore[operator]
        return None
    return tuple(edges)  # type: ignore[return-value]


def _occurrences(rows: list[dict[str, Any]], key_cols: tuple[str, ...]) -> list[int]:
    """Each row's rank among the document's rows with the same key, ordered by page, top,
    then stored order (missing page or top sort last)."""
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            _number(rows[i].get("page")) is None,
            _number(rows[i].get("page")) or 0.0,
            _number(rows[i].get("top")) is None,
            _number(rows[i].get("top")) or 0.0,
            i,
        ),
    )
    seen: dict[str, int] = {}
    out = [0] * len(rows)
    for i in order:
        k = json.dumps([json_value(rows[i].get(c)) for c in key_cols], default=str)
        out[i] = seen.get(k, 0)
        seen[k] = out[i] + 1
    return out


def row_entries(doc: int, dataset: str, rows: list[dict[str, Any]], min_confidence: float) -> list[Entry]:
    """Every doubtful value of one document's rows of one dataset."""
    ds = schemas.get(dataset)
    types = {f.name: f.type for f in ds.schema}
    key_cols = ds.natural_key
    occurrences = _occurrences(rows, key_cols)
    out: list[Entry] = []
    for row, occurrence in zip(rows, occurrences):
        fields: dict[str | None, dict[str, Any]] = {}
        # a value a reviewer decided (papeleo ingest --decisions) is settled: not listed again
        reviewed = {
            m["field"] for m in map(CORRECTED_RE.match, row.get("corrected") or []) if m and m["how"] == REVIEWED
        }
        for item in row.get("corrected") or []:
            m = CORRECTED_RE.match(item or "")
            if not m or m["field"] in reviewed:
                continue
            kind = "imputed" if m["how"].startswith("imput") else "corrected"
            slot = fields.setdefault(m["field"], {"kinds": set(), "checks": []})
            slot["kinds"].add(kind)
        row_checks: list[str] = []
        for check in row.get("checks") or []:
            m = CONFLICT_RE.match(check or "")
            if not m:
                continue
            unbacked = UNBACKED_RE.match(m["name"])
            name = unbacked["field"] if unbacked else m["name"]
            if name in reviewed:
                continue
            if name in types and name not in NOT_VALUES:
                slot = fields.setdefault(name, {"kinds": set(), "checks": []})
                slot["kinds"].add("conflict")
                slot["checks"].append(check)
            else:
                row_checks.append(check)
        if row_checks:
            fields[None] = {"kinds": {"conflict"}, "checks": row_checks}
        confidence = _number(row.get("confidence"))
        low = confidence is not None and confidence < min_confidence
        if low:
            for slot in fields.values():
                slot["kinds"].add("low_confidence")
            if not fields:
                fields[None] = {"kinds": {"low_confidence"}, "checks": []}
        for name, slot in fields.items():
            reason, raw = reason_and_raw(row.get("comentario_extraccion"), name)
            checks = slot["checks"] + [c for c in row_checks if c not in slot["checks"]]
            out.append(
                Entry(
                    doc=doc,
                    dataset=dataset,
                    key={c: json_value(row.get(c)) for c in key_cols},
                    occurrence=occurrence,
                    field=name,
                    value=json_value(row.get(name)) if name else None,
                    value_type=type_name(types[name]) if name else "row",
                    kinds=sorted(slot["kinds"], key=KINDS.index),
                    checks=list(checks),
                    reason=reason,
                    raw=raw,
                    confidence=confidence,
                    page=int(row["page"]) if _number(row.get("page")) is not None else None,
                    box=_box(row),
                    row={c: json_value(v) for c, v in row.items()},
                )
            )
    return out


def _read(path: Path, dataset: str) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    try:
        return pq.read_table(path, schema=schemas.get(dataset).schema).to_pylist()
    except (OSError, pa.ArrowInvalid, KeyError) as exc:
        log.warning("%s could not be read (%s); its rows are not reviewed", path, exc)
        return []


def _read_key(store: ParquetStore, dataset: str, key: str) -> list[dict[str, Any]]:
    try:
        return store.read_key(dataset, key).to_pylist()
    except (OSError, pa.ArrowInvalid, KeyError) as exc:
        log.warning("the %s rows of %s could not be read (%s); they are not reviewed", dataset, key, exc)
        return []


def read_stale(root: Path) -> list[dict[str, Any]]:
    """The decisions the last ingest run could not apply (``_decisions/_stale.json``)."""
    path = root / "_decisions" / "_stale.json"
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("%s could not be read (%s)", path, exc)
        return [{"why": f"{path.name} could not be read: {exc}"}]
    if isinstance(data, dict):  # tolerate {"decisions": [...]}
        data = data.get("decisions", data.get("stale", []))
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def collect(root: str | Path, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Review:
    """Every doubtful value under ``root``, grouped by document, riskiest first."""
    root = Path(root)
    store = ParquetStore(root)
    documents: list[dict[str, Any]] = []
    entries: list[Entry] = []
    row_keys: dict[int, set[str]] = {}
    for path in store.files("documents"):
        for doc_row in _read(path, "documents"):
            key = source_key(doc_row["source"])
            doc = len(documents)
            documents.append({c: json_value(v) for c, v in doc_row.items()})
            for dataset in schemas.RECORD_DATASETS:
                rows = [r for r in _read_key(store, dataset, key) if r.get("doc_id") == doc_row["doc_id"]]
                entries.extend(row_entries(doc, dataset, rows, min_confidence))
                for r in rows:
                    row_keys.setdefault(doc, set()).update(
                        str(r[c]) for c in schemas.get(dataset).natural_key if r.get(c) not in (None, "")
                    )
    worst: dict[int, tuple[int, float, int]] = {}
    for e in entries:
        worst[e.doc] = min(worst.get(e.doc, (9, 9.0, 0)), e.risk)
    entries.sort(
        key=lambda e: (worst[e.doc], e.doc, e.risk, e.dataset, e.page or 0, (e.box or (0, 0))[1], e.field or "")
    )
    log.info("%d doubtful value(s) in %d document(s) under %s", len(entries), len(worst), root)
    return Review(root, min_confidence, documents, entries, read_stale(root), row_keys)
