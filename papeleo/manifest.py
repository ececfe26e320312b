"""What each source looked like when it was last ingested, so a nightly run skips what has
not changed.

A document is skipped when its bytes (sha256) and the *fingerprint* of what would process it
are the same as at its last successful ingestion (status ``ok`` or ``partial``; a ``failed``
document is tried again every run, since a fix or a transient cause may have passed). The
fingerprint is per doc type: the reader version and read settings, the classifier's rules and
every family's evidence, and the versioned names of the extractors that run on that doc type.
So bumping ``mir_avance.v2`` to ``.v3`` re-extracts MIR documents only — from the read cache,
no OCR again — and a change to the classifier re-extracts everything.

The manifest is ``<out>/_manifest.jsonl``: one JSON line per document ingested, appended as
each finishes (the run loop is its only writer; the output root's lock keeps runs apart), the
last line of a source winning. An append is cheap and safe to interrupt: a run killed
mid-line leaves a torn last line that is ignored, and a document whose line never made it is
simply ingested again next time (its write is a replacement, so nothing doubles). The file is
rewritten with one line per source at the end of each run, atomically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import registry
from .readers import READER_VERSION, ReadSettings

log = logging.getLogger(__name__)

MANIFEST_FILE = "_manifest.jsonl"
# Statuses after which a document with the same bytes and fingerprint is not ingested again.
DONE_STATUSES = frozenset({"ok", "partial"})


@dataclass(frozen=True)
class Entry:
    source: str
    sha256: str | None
    doc_type: str
    fingerprint: str
    status: str
    run_id: str
    at: str  # ISO time the document finished
    removed: bool = False  # a tombstone: --prune removed the source's rows
    decisions: str = ""  # digest of the reviewer decisions applied to it ("" none; papeleo.decisions)


@functools.lru_cache(maxsize=1)
def _classifier_digest() -> str:
    """The classifier's rules and every family's spec (evidence, doc types, versions)."""
    digest = hashlib.sha256(resources.files("papeleo").joinpath("data/classify.json").read_bytes())
    for family, spec in sorted(registry.specs().items()):
        digest.update(json.dumps([family, spec.runs, spec.doc_types, spec.evidence], sort_keys=True).encode())
    return digest.hexdigest()[:16]


def extractor_versions(doc_type: str) -> list[str]:
    """The versioned names of the extractors that run on ``doc_type`` (from the specs, without
    importing any family's code)."""
    return sorted(s.runs for s in registry.specs().values() if s.runs and s.handles(doc_type))


def fingerprint(doc_type: str, settings: ReadSettings) -> str:
    """Everything besides the bytes that decides a document's rows, as a short digest."""
    parts = [f"reader{READER_VERSION}", settings.cache_key, _classifier_digest(), *extractor_versions(doc_type)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _line_to_entry(line: str) -> Entry | None:
    try:
        data = json.loads(line)
        return Entry(**data)
    except (ValueError, TypeError):
        return None  # a torn last line of a killed run, or a line from an unknown version


class Manifest:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.path = Path(root) / MANIFEST_FILE
        self._fh: Any = None

    def load(self) -> dict[str, Entry]:
        """The latest entry of every source still ingested (tombstones drop a source)."""
        entries: dict[str, Entry] = {}
        try:
            with open(self.path, encoding="utf-8") as fh:
                for line in fh:
                    entry = _line_to_entry(line)
                    if entry is None:
                        continue
                    if entry.removed:
                        entries.pop(entry.source, None)
                    else:
                        entries[entry.source] = entry
        except FileNotFoundError:
            pass
        return entries

    def append(self, entries: Iterable[Entry]) -> None:
        """Add entries, flushed to disk before returning (a line is the promise that the
        document's rows are written)."""
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for the run)
        for entry in entries:
            self._fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def compact(self) -> None:
        """One line per source, written beside and moved over the log (atomic)."""
        self.close()
        entries = self.load()
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for entry in sorted(entries.values(), key=lambda e: e.source):
                fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def unchanged_sha256(entry: Entry | None, settings: ReadSettings, stored: bool, decisions: str = "") -> str | None:
    """The sha256 a source must still have to be skipped, or None when it must be ingested:
    never ingested, last ingestion failed, its fingerprint changed, the reviewer decisions
    concerning it changed (``decisions``, their digest: re-extracted from the read cache so a
    new decision applies), or its rows are no longer in the store (``stored`` False: someone
    removed the dataset files)."""
    if entry is None or not stored or entry.status not in DONE_STATUSES or entry.decisions != decisions:
        return None
    if entry.fingerprint != fingerprint(entry.doc_type, settings):
        return None
    return entry.sha256
