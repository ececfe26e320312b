"""Each run leaves a record: ``<out>/_runs/<run id>.json``, and ``papeleo runs OUT`` lists them.

A terminal summary is gone when the terminal is; a nightly team needs to answer "what did
last Tuesday's run do?" from the output root alone: documents by status, rows per dataset,
failures, the unchanged documents skipped, the pages OCR'd and how long it took. Run ids sort
by time, to the millisecond (``20261205T150102417Z-3f9a1c``) so a folder listing is the history. Records are written
atomically (a temporary file moved into place), also when a run ends in an exception.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, atomic
from .manifest import Entry

if TYPE_CHECKING:
    from .context import Settings
    from .report import RunSummary

log = logging.getLogger(__name__)

RUNS_DIR = "_runs"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_run_id(suffix: str | None = None) -> str:
    """A time-sortable id, to the millisecond (two runs in one second happen: an unchanged
    re-run takes less); ``suffix`` (e.g. the Prefect flow run's id) ties it to its orchestrator."""
    now = dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z-" + (suffix or uuid.uuid4().hex)[:8]


def tombstones(sources: list[str], run_id: str) -> list[Entry]:
    """Manifest lines saying these sources' rows were pruned."""
    at = now_iso()
    return [Entry(s, None, "unknown", "", "removed", run_id, at, removed=True) for s in sources]


def summary_to_record(
    run: RunSummary, paths: list[str], settings: Settings, *, force: bool, prune: bool
) -> dict[str, Any]:
    by_status: dict[str, int] = {}
    for (_, status), n in run.by_type_status.items():
        by_status[status] = by_status.get(status, 0) + n
    if run.unchanged:
        by_status["unchanged"] = len(run.unchanged)
    return {
        "run_id": run.run_id,
        "papeleo": __version__,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "duration_s": run.duration_s,
        "outcome": run.outcome,
        "inputs": [str(p) for p in paths],
        "settings": settings.to_dict(),
        "force": force,
        "prune": prune,
        "documents_by_status": by_status,
        **run.to_dict(),
    }


def write_record(
    out: str | os.PathLike[str], run: RunSummary, paths: list[str], settings: Settings, *, force: bool, prune: bool
) -> Path | None:
    """Write the run's record; a record that cannot be written is logged, never fatal (the
    datasets are what matter, and they are already written)."""
    from .report import rows_in_output

    folder = Path(out) / RUNS_DIR
    try:
        record = summary_to_record(run, paths, settings, force=force, prune=prune)
        record["rows_in_output"] = rows_in_output(str(out))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{run.run_id}.json"
        atomic.write_text(path, json.dumps(record, ensure_ascii=False, indent=1, default=str))
    except OSError as exc:
        log.error("could not write the run record under %s: %s", folder, exc)
        return None
    run.record_path = str(path)
    return path


def read_records(out: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every run record, oldest first; an unreadable one is reported as such, not skipped."""
    folder = Path(out) / RUNS_DIR
    records = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            records.append(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as exc:
            records.append({"run_id": path.stem, "outcome": f"unreadable record ({exc})"})
    return records


def format_runs(records: list[dict[str, Any]]) -> str:
    """One line per run: when, how long, what happened to its documents, rows and pages."""
    if not records:
        return "no runs recorded here yet (records are written to <out>/_runs by papeleo 0.1 and later)"
    head = f"{'run':<29} {'started (UTC)':<20} {'secs':>7} {'docs':>5} {'ok':>4} {'part':>4} {'fail':>4} {'same':>5} {'OCR p':>6}  outcome"
    lines = [head]
    for r in records:
        st = r.get("documents_by_status", {})
        lines.append(
            f"{r.get('run_id', '?'):<29} {str(r.get('started_at', ''))[:19]:<20} {r.get('duration_s', 0):>7.1f} "
            f"{r.get('documents', 0) + st.get('unchanged', 0):>5} {st.get('ok', 0):>4} {st.get('partial', 0):>4} "
            f"{st.get('failed', 0):>4} {st.get('unchanged', 0):>5} {r.get('pages_ocr', 0):>6}  {r.get('outcome', '?')}"
        )
    report = next((r["published"]["report"] for r in reversed(records) if r.get("published", {}).get("report")), None)
    if report:  # the latest run's page of charts (papeleo.publish)
        lines.append(f"report of the latest run that wrote one: {report}")
    return "\n".join(lines)
