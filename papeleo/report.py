"""What a run did, for the person who started it: a progress bar on a terminal, plain log
lines elsewhere (cron, CI, Prefect workers), and one summary at the end."""

from __future__ import annotations

import collections
import logging
import os
import shutil
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

import pyarrow.parquet as pq

import schemas

from .store import ParquetStore

log = logging.getLogger(__name__)


def _terminal_size(stream: Any) -> os.terminal_size | None:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return size if size.columns > 0 and size.lines > 0 else None


class Progress:
    """tqdm when stderr is a terminal (documents done, pages OCR'd, the file being read);
    otherwise one log line per document, which is what cron, CI and Prefect workers want."""

    def __init__(self, total: int | None, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.pages_ocr = 0
        self._current = ""
        self._lock = threading.Lock()
        use_bar = sys.stderr.isatty() if enabled is None else enabled
        self._bar = None
        if use_bar:
            from tqdm import tqdm

            # A terminal that reports no size (a fresh pty, some CI consoles) makes tqdm draw
            # a zero-width bar below a zero-row screen, i.e. nothing; COLUMNS/LINES or 80x24 instead.
            size = _terminal_size(sys.stderr) or shutil.get_terminal_size((80, 24))
            self._bar = tqdm(
                total=total, unit="doc", desc="papeleo", file=sys.stderr, ncols=size.columns, nrows=size.lines
            )

    def _postfix(self) -> None:
        assert self._bar is not None
        self._bar.set_postfix_str(f"OCR {self.pages_ocr} p | {self._current}", refresh=True)

    def start(self, source: str) -> None:
        """A document started (called from worker threads)."""
        with self._lock:
            self._current = os.path.basename(source)
            if self._bar is not None:
                self._postfix()

    def update(self, summary: dict[str, Any]) -> None:
        self.done += 1
        self.pages_ocr += summary.get("pages_ocr", 0)
        if self._bar is not None:
            with self._lock:
                # documents run in other processes: the file shown is the one just done
                self._current = os.path.basename(summary["source"])
                self._postfix()
                self._bar.update(1)
        else:
            of = f"/{self.total}" if self.total else ""
            log.info("[%d%s] %s: %s (%s)", self.done, of, summary["source"], summary["status"], summary["doc_type"])

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@dataclass
class RunSummary:
    documents: int = 0
    by_type_status: collections.Counter = field(default_factory=collections.Counter)
    rows_written: collections.Counter = field(default_factory=collections.Counter)
    failures: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    pages: int = 0
    pages_ocr: int = 0
    cached_reads: int = 0
    replaced: list[dict[str, str]] = field(default_factory=list)  # sources whose bytes changed since
    unchanged: list[str] = field(default_factory=list)  # skipped: same bytes and extractors as last time
    pruned: list[str] = field(default_factory=list)  # sources no longer given whose rows --prune removed
    decisions_applied: list[dict[str, Any]] = field(default_factory=list)  # reviewer decisions set this run
    decisions_stale: list[dict[str, Any]] = field(default_factory=list)  # not applied, each with its why
    compaction: dict[str, Any] = field(default_factory=dict)  # papeleo.store.Compaction.to_dict()
    published: dict[str, str] = field(default_factory=dict)  # what the run wrote for analysts: name -> path
    duration_s: float = 0.0
    run_id: str = ""
    started_at: str = ""
    finished_at: str = ""
    record_path: str = ""

    def add(self, summary: dict[str, Any]) -> None:
        if summary["status"] == "unchanged":
            self.unchanged.append(summary["source"])
            return
        self.documents += 1
        self.pages += summary.get("pages", 0)
        self.pages_ocr += summary.get("pages_ocr", 0)
        self.cached_reads += int(summary.get("cached_read", False))
        self.by_type_status[(summary["doc_type"], summary["status"])] += 1
        self.rows_written.update(summary["rows"])
        self.decisions_applied += (summary.get("decisions") or {}).get("applied", [])
        self.decisions_stale += (summary.get("decisions") or {}).get("stale", [])
        for f in summary["failures"]:
            self.failures.append({"source": summary["source"], **f})
        if summary.get("replaced"):
            self.replaced.append({"source": summary["source"], "old": summary["replaced"], "new": summary["doc_id"]})

    @property
    def failed_documents(self) -> int:
        return sum(n for (_, status), n in self.by_type_status.items() if status == "failed")

    @property
    def exit_code(self) -> int:
        return 1 if self.failed_documents else 0

    @property
    def outcome(self) -> str:
        """``completed`` or ``completed with failures`` (some document could not be ingested:
        the CLI exits 1 and the Prefect flow run ends Failed)."""
        return "completed with failures" if self.failed_documents else "completed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "by_type_status": [[t, s, n] for (t, s), n in sorted(self.by_type_status.items())],
            "rows_written": dict(self.rows_written),
            "failures": self.failures,
            "skipped": self.skipped,
            "recovered": self.recovered,
            "pages": self.pages,
            "pages_ocr": self.pages_ocr,
            "cached_reads": self.cached_reads,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "pruned": self.pruned,
            "decisions_applied": self.decisions_applied,
            "decisions_stale": self.decisions_stale,
            "compaction": self.compaction,
            "published": self.published,
            "duration_s": self.duration_s,
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "record_path": self.record_path,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSummary:
        out = cls(
            documents=data["documents"],
            failures=list(data["failures"]),
            skipped=list(data["skipped"]),
            recovered=list(data["recovered"]),
            pages=data.get("pages", 0),
            pages_ocr=data.get("pages_ocr", 0),
            cached_reads=data.get("cached_reads", 0),
            replaced=list(data.get("replaced", [])),
            unchanged=list(data.get("unchanged", [])),
            pruned=list(data.get("pruned", [])),
            decisions_applied=list(data.get("decisions_applied", [])),
            decisions_stale=list(data.get("decisions_stale", [])),
            compaction=dict(data.get("compaction", {})),
            published=dict(data.get("published", {})),
            duration_s=data.get("duration_s", 0.0),
            run_id=data.get("run_id", ""),
            started_at=data.get("started_at", ""),
            finished_at=data.get("finished_at", ""),
            record_path=data.get("record_path", ""),
        )
        out.by_type_status.update({(t, s): n for t, s, n in data["by_type_status"]})
        out.rows_written.update(data["rows_written"])
        return out


def rows_in_output(out: str) -> dict[str, int]:
    """Rows per dataset now in the output, from Parquet footers (no data is read)."""
    store = ParquetStore(out)
    counts = {}
    for name in schemas.DATASETS:
        counts[name] = sum(pq.read_metadata(p).num_rows for p in store.files(name))
    return counts


def format_summary(run: RunSummary, out: str) -> str:
    same = (
        f"{len(run.unchanged)} document(s) unchanged since their last ingestion were skipped (--force redoes them)"
        if run.unchanged
        else ""
    )
    record = f"Run record: {run.record_path}" if run.record_path else ""
    if run.documents == 0:
        lines = [
            f"papeleo: nothing to ingest into {out}; {same}"
            if same
            else f"papeleo: no documents found in the inputs; nothing was ingested into {out}"
        ]
        if run.skipped:
            lines.append(f"Passed over {len(run.skipped)} README, code or data file(s) inside the folders.")
        if run.pruned:
            lines.append(f"Pruned {len(run.pruned)} document(s) no longer in the inputs (their rows are gone).")
        if run.recovered:
            lines.append("Repaired or moved from an earlier run:")
            lines += [f"  - {r}" for r in run.recovered]
        lines += format_decisions(run)
        return "\n".join(line for line in [*lines, record] if line)
    reused = f", {run.cached_reads} read from the cache" if run.cached_reads else ""
    lines = [
        f"papeleo: {run.documents} document(s) ingested into {out} in {run.duration_s:.1f} s "
        f"({run.pages} page(s), {run.pages_ocr} OCR'd{reused}); {run.outcome}"
    ]
    if same:
        lines.append(same[0].upper() + same[1:] + ".")
    if run.recovered:
        lines.append("Repaired or moved from an earlier run:")
        lines += [f"  - {r}" for r in run.recovered]
    if run.replaced:
        lines.append(f"Replaced {len(run.replaced)} document(s) whose file changed (their old rows are gone):")
        lines += [f"  - {r['source']} ({r['old'][:12]} -> {r['new'][:12]})" for r in run.replaced]
    lines.append("Documents by type and status:")
    for (doc_type, status), n in sorted(run.by_type_status.items()):
        lines.append(f"  {doc_type:<22} {status:<8} {n:>5}")
    lines.append("Rows per dataset (written this run / now in output):")
    in_output = rows_in_output(out)
    for name in schemas.DATASETS:
        lines.append(f"  {name:<12} {run.rows_written.get(name, 0):>7} / {in_output[name]:>7}")
    if run.compaction.get("generation"):
        before, after = (sum(run.compaction[k].values()) for k in ("files_before", "files_after"))
        lines.append(
            f"Compacted {len(run.compaction['partitions'])} partition(s): {before} -> {after} Parquet file(s)"
            + (
                f", {run.compaction['replacements']} replaced document(s) applied"
                if run.compaction["replacements"]
                else ""
            )
        )
    for name, path in run.published.items():
        lines.append(f"{name[0].upper() + name[1:]}: {path}")
    if run.failures:
        lines.append(f"Failures ({len(run.failures)}; all are in {out}/failures):")
        for f in run.failures:
            lines.append(f"  - {f['source']} [{f['stage']}/{f['error_type']}] {f['message']}")
    if run.skipped:
        kinds = collections.Counter(os.path.splitext(s)[1].lower() or "(none)" for s in run.skipped)
        described = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines.append(f"Passed over {len(run.skipped)} README, code or data file(s) inside the folders: {described}")
    if run.pruned:
        lines.append(f"Pruned {len(run.pruned)} document(s) no longer in the inputs (their rows are gone):")
        lines += [f"  - {s}" for s in run.pruned]
    lines += format_decisions(run)
    if record:
        lines.append(record)
    return "\n".join(lines)


def format_decisions(run: RunSummary) -> list[str]:
    """'Decisions: N applied, M stale', then each stale one with why (nothing when no decision
    concerned the run): a reviewer's correction that no longer applies must be seen."""
    if not run.decisions_applied and not run.decisions_stale:
        return []
    lines = [f"Decisions: {len(run.decisions_applied)} applied, {len(run.decisions_stale)} stale"]
    for d in run.decisions_stale:
        key = ", ".join(f"{c}={v}" for c, v in (d.get("key") or {}).items() if v is not None)
        where = f"{d.get('dataset')} {key} {d.get('field')}" if d.get("field") else "its decisions"
        carried = " (document not ingested again this run)" if d.get("carried") else ""
        lines.append(f"  - {d.get('source')}: {where}: {d.get('why')}{carried}")
    return lines
