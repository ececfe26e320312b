"""Parquet datasets on disk, replaced one document at a time, atomically.

Layout: ``<root>/<dataset>/<key>.parquet`` where ``key`` is ``src-<sha256 of the source>``:
a document is its source (path or URL). One file per source and dataset makes re-ingesting a
document a plain replacement — never a duplicate, also when its bytes changed (the new
version's rows replace the old version's) — and keeps memory flat: nothing is ever read back
to be merged. Identical bytes under two sources are two documents (they share the read cache,
which is keyed by content). Roots written before this layout keyed files by ``doc_id``;
``prepare`` moves them to source keys once (``rekey_by_source``).

Atomicity across datasets uses a small redo journal. A document's new files are written
and fsync'd under ``<root>/.staging/<txn>/``; then ``MANIFEST.json`` listing every move
and deletion is written (that write is the commit point); then the moves are applied with
``os.replace``, ``documents`` last. A run killed before the manifest leaves only staging
files, which readers never see (they are outside the dataset folders) and the next run
deletes; a run killed after it leaves a manifest, and the next run finishes applying it.
Either way every reader sees a document's old rows or its new rows, never half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas

log = logging.getLogger(__name__)

STAGING = ".staging"
MANIFEST = "MANIFEST.json"
# Every dataset folder holds this file with the schema and no rows, so a dataset is
# queryable (DuckDB's read_parquet, pandas.read_parquet) from the first run, also while no
# document has produced a row. No leading underscore: pyarrow's dataset discovery skips
# "_"-prefixed files, and pandas would then see no columns.
SCHEMA_FILE = "schema.parquet"


class UnknownDatasetError(KeyError):
    """A write named a dataset no schema declares: an error, never a silently dropped file."""

    def __str__(self) -> str:
        return str(self.args[0])


def source_key(source: str) -> str:
    return "src-" + hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ParquetStore:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def dataset_dir(self, dataset: str) -> Path:
        return self.root / dataset

    def path_for(self, dataset: str, key: str) -> Path:
        return self.dataset_dir(dataset) / f"{key}.parquet"

    def prepare(self) -> list[str]:
        """Create the folders (each with its schema file) and repair whatever a killed run
        left. Returns what was done."""
        self.root.mkdir(parents=True, exist_ok=True)
        for name, dataset in schemas.DATASETS.items():
            self.dataset_dir(name).mkdir(exist_ok=True)
            self._write_schema_file(name, dataset.schema)
        return self.recover() + self.rekey_by_source()

    def rekey_by_source(self) -> list[str]:
        """Move a root written when files were keyed by ``doc_id`` to source keys: each source's
        newest version (by ``extracted_at``) takes the source's key, older versions of the same
        source are removed (they were the duplicates a changed file left). Idempotent and safe
        to interrupt: the ``documents`` file moves last, so a killed run leaves the old key's
        ``documents`` file and the next run finishes the move."""
        found: dict[str, list[tuple[str, str]]] = {}
        for path in self.document_files("documents"):
            try:
                table = pq.read_table(path, columns=["source", "extracted_at"])
            except (OSError, pa.ArrowInvalid, KeyError):
                continue
            if table.num_rows != 1:
                continue
            source = table.column("source")[0].as_py()
            if path.stem != source_key(source):
                found.setdefault(source, []).append((str(table.column("extracted_at")[0].as_py()), path.stem))
        done = []
        for source, versions in found.items():
            target = source_key(source)
            keep = None if self.path_for("documents", target).exists() else max(versions)[1]
            for _, key in versions:
                for dataset in [*(d for d in schemas.WRITE_ORDER if d != "documents"), "documents"]:
                    old = self.path_for(dataset, key)
                    if not old.exists():
                        continue
                    if key == keep:
                        os.replace(old, self.path_for(dataset, target))
                    else:
                        old.unlink()
            done.append(f"keyed {source} by its source ({len(versions)} version(s) found)")
        for line in done:
            log.info("store: %s", line)
        return done

    def previous_doc_id(self, key: str) -> str | None:
        """The ``doc_id`` of the version of document ``key`` on disk, if any."""
        path = self.path_for("documents", key)
        try:
            return pq.read_table(path, columns=["doc_id"]).column("doc_id")[0].as_py() if path.exists() else None
        except (OSError, pa.ArrowInvalid, IndexError):
            return None

    def source_of(self, key: str) -> str | None:
        """The source of document ``key``, from its documents row (or its failures rows, for a
        file that could not be read)."""
        for dataset in ("documents", "failures"):
            path = self.path_for(dataset, key)
            try:
                if path.exists():
                    return pq.read_table(path, columns=["source"]).column("source")[0].as_py()
            except (OSError, pa.ArrowInvalid, IndexError, KeyError):
                continue
        return None

    def _write_schema_file(self, name: str, schema: pa.Schema) -> None:
        path = self.dataset_dir(name) / SCHEMA_FILE
        try:
            if path.exists() and pq.read_schema(path).equals(schema, check_metadata=True):
                return
        except (OSError, pa.ArrowInvalid):
            pass  # unreadable or stale: rewrite it
        tmp = path.with_suffix(".tmp")
        pq.write_table(schema.empty_table(), tmp, compression="zstd")
        os.replace(tmp, path)

    def recover(self) -> list[str]:
        done: list[str] = []
        staging = self.root / STAGING
        if not staging.is_dir():
            return done
        for txn in sorted(staging.iterdir()):
            manifest = txn / MANIFEST
            if manifest.is_file():
                try:
                    plan = json.loads(manifest.read_text("utf-8"))
                except (OSError, ValueError):
                    plan = None
                if plan is not None:
                    self._apply(txn, plan)
                    done.append(f"finished the interrupted write of {plan.get('key')}")
                    continue
            shutil.rmtree(txn, ignore_errors=True)
            done.append(f"discarded the unfinished write {txn.name}")
        for line in done:
            log.warning("store recovery: %s", line)
        return done

    def replace_document(self, key: str, tables: dict[str, pa.Table | None]) -> None:
        """Make ``tables`` the only rows of document ``key`` in each dataset named; an
        empty or ``None`` table removes that dataset's file for the document."""
        unknown = [d for d in tables if d not in schemas.DATASETS]
        if unknown:
            raise UnknownDatasetError(
                f"no schema declares dataset(s) {', '.join(sorted(unknown))}; add schemas/<dataset>.py "
                f"(known: {', '.join(schemas.DATASETS)})"
            )
        txn = self.root / STAGING / f"{key[:24]}-{uuid.uuid4().hex[:8]}"
        txn.mkdir(parents=True)
        moves, deletes = [], []
        for dataset in schemas.WRITE_ORDER:
            if dataset not in tables:
                continue
            table = tables[dataset]
            target = self.path_for(dataset, key)
            if table is None or table.num_rows == 0:
                deletes.append(str(target.relative_to(self.root)))
                continue
            staged = txn / f"{dataset}.parquet"
            pq.write_table(table, staged, compression="zstd")
            with open(staged, "rb") as fh:
                os.fsync(fh.fileno())
            moves.append([staged.name, str(target.relative_to(self.root))])
        plan = {"key": key, "moves": moves, "deletes": deletes}
        tmp = txn / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(plan), "utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, txn / MANIFEST)  # commit point
        _fsync_dir(txn)
        self._apply(txn, plan)

    def _apply(self, txn: Path, plan: dict) -> None:
        # Deletions first, then moves ordered with documents last.
        for rel in plan.get("deletes", []):
            try:
                (self.root / rel).unlink()
            except FileNotFoundError:
                pass
        for staged_name, rel in plan.get("moves", []):
            staged = txn / staged_name
            target = self.root / rel
            if staged.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
                _fsync_dir(target.parent)
        shutil.rmtree(txn, ignore_errors=True)

    def document_files(self, dataset: str) -> list[Path]:
        """The dataset's per-document files (not its schema file), in name order."""
        d = self.dataset_dir(dataset)
        return sorted(p for p in d.glob("*.parquet") if p.name != SCHEMA_FILE) if d.is_dir() else []

    def keys(self, dataset: str) -> Iterable[str]:
        return (p.stem for p in self.document_files(dataset))

    def read(self, dataset: str) -> pa.Table:
        """The whole dataset as one table (for tests, summaries and diffs, not the pipeline)."""
        schema = schemas.get(dataset).schema
        files = self.document_files(dataset)
        if not files:
            return schema.empty_table()
        return pa.concat_tables(pq.read_table(f, schema=schema) for f in files)
