"""A document's write across datasets as one redo-logged transaction.

A document's new files are written and fsync'd under a transaction folder outside every
dataset folder (readers never list it); then ``MANIFEST.json`` naming every move and deletion
is written (that write is the commit point); then the moves are applied with ``os.replace``,
``documents`` last. A run killed before the manifest leaves a folder the next run deletes; a
run killed after it leaves a manifest the next run finishes applying. Either way every reader
sees a document's old rows or its new rows, never half a file.

Two areas use it. ``.staging``: a fresh document's files, applied at once into the live
generation. ``.pending``: a document whose old rows sit in compacted files (shared with other
documents, so not replaceable by one ``os.replace``); its transaction is applied by the next
compaction, at the end of the run, which rewrites each affected file once for all the
documents replaced in the run (see ``compact``).
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import atomic
from . import layout

log = logging.getLogger(__name__)


@dataclass
class Txn:
    folder: Path
    plan: dict[str, Any]

    @property
    def key(self) -> str:
        return self.plan["key"]

    def staged(self, name: str) -> Path:
        return self.folder / name


def write(area: Path, key: str, writes: dict[str, tuple[pa.Table | None, str]], deletes: list[str]) -> Txn:
    """Stage ``writes`` (dataset -> (table or None to delete, target path relative to the
    root)) and commit them with ``deletes`` (relative paths). Returns the committed txn,
    not yet applied. Folder names sort by time, so pending replacements apply in order."""
    folder = area / f"{time.time_ns():020d}-{key[:24]}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    moves = []
    for dataset, (table, target) in writes.items():
        if table is None or table.num_rows == 0:
            continue
        staged = folder / f"{dataset}.parquet"
        pq.write_table(table, staged, compression="zstd")
        atomic.fsync(staged)
        moves.append([staged.name, target])
    plan = {"key": key, "datasets": sorted(writes), "moves": moves, "deletes": deletes}
    tmp = folder / (layout.MANIFEST + ".tmp")
    tmp.write_text(json.dumps(plan), "utf-8")
    atomic.fsync(tmp)
    os.replace(tmp, folder / layout.MANIFEST)  # commit point
    atomic.fsync(folder)
    return Txn(folder, plan)


def apply(root: Path, txn: Txn) -> None:
    """Deletions first, then moves, ``documents`` last (a documents row means the rest is in place)."""
    for rel in txn.plan.get("deletes", []):
        try:
            (root / rel).unlink()
        except FileNotFoundError:
            pass
    moves = sorted(txn.plan.get("moves", []), key=lambda m: m[1].startswith("documents/"))
    for staged_name, rel in moves:
        staged, target = txn.staged(staged_name), root / rel
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            atomic.fsync(target.parent)
    layout.remove_tree(txn.folder)


def committed(area: Path) -> tuple[list[Txn], list[Path]]:
    """The committed transactions of ``area`` in commit order, and the unfinished folders."""
    done, unfinished = [], []
    if not area.is_dir():
        return done, unfinished
    for folder in sorted(area.iterdir()):
        try:
            plan = json.loads((folder / layout.MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            unfinished.append(folder)
            continue
        done.append(Txn(folder, plan))
    return done, unfinished


def recover_staging(root: Path) -> list[str]:
    """Finish the fresh writes a killed run committed; discard the ones it had not."""
    done = []
    txns, unfinished = committed(root / layout.STAGING)
    for txn in txns:
        apply(root, txn)
        done.append(f"finished the interrupted write of {txn.key}")
    for folder in unfinished:
        layout.remove_tree(folder)
        done.append(f"discarded the unfinished write {folder.name}")
    for line in done:
        log.warning("store recovery: %s", line)
    return done


def discard_unfinished_pending(root: Path) -> list[str]:
    _, unfinished = committed(root / layout.PENDING)
    for folder in unfinished:
        layout.remove_tree(folder)
    return [f"discarded the unfinished replacement {f.name}" for f in unfinished]
