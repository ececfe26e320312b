"""Applying decisions to one document's rows, and what a run says about them.

A decision is applied only to the reading the reviewer saw: the same bytes (doc_id), the
same row (natural key and occurrence) and the same value as extracted. Anything else makes
it *stale* and it is not applied — a re-scan or a better extractor may have changed the
reading, and a correction of a reading that no longer exists would overwrite a new value
nobody has looked at. Stale decisions are listed in the run summary, the run record and
``<out>/_decisions/_stale.json`` (for the next review page), never dropped silently.

An applied decision is never silent either: the field gets ``<field>:revisado`` in
``corrected`` and ``comentario_extraccion`` names the reviewer, the date and the note.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import schemas

from .. import atomic
from .load import FOLDER, Decision, DecisionsError, digest, for_source, load

if TYPE_CHECKING:
    from ..report import RunSummary

log = logging.getLogger(__name__)

STALE_FILE = "_stale.json"
# How close a float must be to the value the reviewer saw to be the same reading: the
# reading is a printed number, so only representation noise is forgiven.
REL_TOL, ABS_TOL = 1e-9, 1e-6


@dataclass
class Outcome:
    """What the decisions concerning one document did."""

    applied: list[dict[str, Any]] = field(default_factory=list)
    stale: list[dict[str, Any]] = field(default_factory=list)
    digest: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "stale": self.stale, "digest": self.digest}


def same(a: Any, b: Any) -> bool:
    """Whether two readings are the same value (floats within a tolerance)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return bool(a == b)


def show(value: Any) -> str:
    """A value as a reviewer would write it."""
    if value is None:
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def find_row(rows: list[dict[str, Any]], d: Decision) -> dict[str, Any] | None:
    """The ``d.occurrence``-th row with ``d``'s key, rows ordered by page, top, then as written."""
    matching = [(i, r) for i, r in enumerate(rows) if all(same(r.get(c), v) for c, v in d.key)]

    def order(item: tuple[int, dict[str, Any]]) -> tuple[Any, ...]:
        i, r = item
        page, top = r.get("page"), r.get("top")
        top_known = isinstance(top, (int, float)) and not math.isnan(top)
        return (page is None, page or 0, not top_known, top if top_known else 0.0, i)

    matching.sort(key=order)
    return matching[d.occurrence][1] if d.occurrence < len(matching) else None


def describe_key(d: Decision) -> str:
    key = ", ".join(f"{c}={show(v)}" for c, v in d.key if v is not None)
    return f"{d.dataset} row {key}" + (f" (occurrence {d.occurrence})" if d.occurrence else "")


def mark(row: dict[str, Any], d: Decision, ds: schemas.Dataset) -> None:
    """Set (correct) or keep (accept) the value, and say so in the row itself."""
    if d.action == "correct":
        row[d.field] = d.value
    if "corrected" in ds.columns:
        marks = list(row.get("corrected") or [])
        if f"{d.field}:revisado" not in marks:
            marks.append(f"{d.field}:revisado")
        row["corrected"] = marks
    if "comentario_extraccion" in ds.columns:
        said = f"{d.field}: revisado por {d.reviewer} el {d.date}" + (f": {d.note}" if d.note else "")
        before = row.get("comentario_extraccion")
        row["comentario_extraccion"] = f"{before}; {said}" if before else said


def apply(
    decisions: list[Decision],
    doc_id: str | None,
    records: dict[str, list[dict[str, Any]]],
    enums: dict[str, frozenset[str]] | None = None,
) -> Outcome:
    """Apply ``decisions`` (all of one document's source) to its rows in place. Every
    decision is matched against the rows as extracted before any is applied, so a decision
    correcting a key does not hide the row from another decision on the same row."""
    outcome = Outcome(digest=digest(decisions))

    def stale(d: Decision, why: str) -> None:
        outcome.stale.append({**d.to_json(), "why": why, "from": d.origin})
        log.warning("decision on %s %s.%s not applied: %s", d.source, describe_key(d), d.field, why)

    matched: list[tuple[Decision, dict[str, Any]]] = []
    for d in decisions:
        if doc_id is None:
            stale(d, "the document could not be read this run")
        elif d.doc_id != doc_id:
            stale(d, f"the document changed since the decision (sha256 {d.doc_id[:12]} then, {doc_id[:12]} now)")
        elif (row := find_row(records.get(d.dataset, []), d)) is None:
            stale(d, f"row gone: no {describe_key(d)} in the document now")
        elif not same(row.get(d.field), d.extracted):
            stale(d, f"the reading changed: was {show(d.extracted)}, now {show(row.get(d.field))}")
        else:
            matched.append((d, row))
    for d, row in matched:
        ds = schemas.get(d.dataset)
        before = dict(row)
        mark(row, d, ds)
        errors = ds.validate(row, enums)
        if errors:
            row.clear()
            row.update(before)
            stale(d, f"the reviewed value breaks the {d.dataset} schema: {'; '.join(errors)}")
            continue
        outcome.applied.append({**d.to_json(), "from": d.origin})
    return outcome


def apply_to_conversion(conv: Any, enums: dict[str, frozenset[str]] | None = None) -> Any:
    """The pipeline's decisions stage, between validate and write: the decisions of the run
    (``<out>/_decisions`` and ``Settings.decisions``) concerning this document's source."""
    try:
        mine = for_source(load(conv.out, conv.settings.decisions), conv.source)
    except DecisionsError as exc:  # the files changed into something malformed mid-run
        log.error("%s: decisions not applied: %s", conv.source, exc)
        conv.decisions = {"applied": [], "stale": [{"source": conv.source, "why": str(exc)}], "digest": ""}
        return conv
    if mine:
        conv.decisions = apply(mine, conv.doc_id, conv.records, enums).to_dict()
    return conv


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))


def previous_stale(out: str | os.PathLike[str]) -> list[dict[str, Any]]:
    try:
        data = json.loads((Path(out) / FOLDER / STALE_FILE).read_text("utf-8"))
        return [s for s in data.get("stale", []) if isinstance(s, dict)]
    except (OSError, ValueError, AttributeError):
        return []


def finish_run(out: str, given: tuple[str, ...], run: RunSummary, processed: set[str]) -> None:
    """Add to the run's stale decisions those of documents not ingested this run (skipped as
    unchanged, or not among the inputs) that are still stale — same bytes and same decisions
    give the same outcome, so the list stays complete until the document is ingested again —
    and write ``<out>/_decisions/_stale.json`` (atomically, replaced every run). Never fatal."""
    try:
        current = {json.dumps(d.to_json(), sort_keys=True, default=str) for d in load(out, given).values()}
    except DecisionsError as exc:
        log.error("decisions not readable at the end of the run: %s", exc)
        current = set()
    gone = processed | set(run.pruned)
    for entry in previous_stale(out):
        decision = {k: v for k, v in entry.items() if k not in ("why", "from", "carried")}
        if entry.get("source") in gone or json.dumps(decision, sort_keys=True, default=str) not in current:
            continue
        run.decisions_stale.append({**entry, "carried": True})
    stale_file = {"papeleo_stale_decisions": 1, "run_id": run.run_id, "stale": run.decisions_stale}
    if not run.decisions_stale and not (Path(out) / FOLDER / STALE_FILE).exists():
        return  # no folder made for nothing
    try:
        _write_json(Path(out) / FOLDER / STALE_FILE, stale_file)
    except OSError as exc:
        log.error("could not write %s: %s", Path(out) / FOLDER / STALE_FILE, exc)
