"""Parquet datasets on disk, replaced one document at a time, atomically, and compacted.

A document is its source (path or URL): its rows in every dataset are keyed by
``src-<sha256 of the source>``, so re-ingesting it replaces them — never a duplicate, also when
its bytes changed. Identical bytes under two sources are two documents (they share the read
cache, which is keyed by content).

Where files live is ``layout``'s business (generations, ``family=``/``year=`` folders); how one
document's write stays atomic across datasets is ``journal``'s; merging small files is
``compact``'s. This class is what the pipeline, the diff, the review page and the tests call.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas

from . import compact as compaction
from . import journal, keyindex, layout, legacy

log = logging.getLogger(__name__)
source_key = legacy.source_key


class UnknownDatasetError(KeyError):
    """A write named a dataset no schema declares: an error, never a silently dropped file."""

    def __str__(self) -> str:
        return str(self.args[0])


class ParquetStore:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self._index: tuple[Path | None, keyindex.KeyIndex] | None = None
        self._parts: dict[Path, pa.Table] = {}  # compacted files read whole, by path (reads only)

    # --- where things are -------------------------------------------------------------
    def dataset_dir(self, dataset: str) -> Path:
        return self.root / dataset

    def index(self) -> keyindex.KeyIndex:
        """The live generation's compacted documents (re-read when the generation changed)."""
        gen = layout.current_gen(self.root)
        if self._index is None or self._index[0] != gen:
            self._index = (gen, keyindex.load(gen))
        return self._index[1]

    # Files are found at any depth below the dataset folder: a root an older papeleo wrote
    # (files right in the folder, or another partition layout) reads as it is, and the next
    # compaction moves its files where this layout puts them.
    def fresh_files(self, dataset: str, key: str) -> list[Path]:
        """Document ``key``'s own files in ``dataset`` (normally at most one)."""
        d = self.dataset_dir(dataset)
        return sorted(d.rglob(layout.fresh_name(key))) if d.is_dir() else []

    def files(self, dataset: str) -> list[Path]:
        """Every data file of ``dataset`` (per-document and compacted, not the schema file)."""
        d = self.dataset_dir(dataset)
        return sorted(p for p in d.rglob("*.parquet") if p.name != layout.SCHEMA_FILE) if d.is_dir() else []

    def keys(self, dataset: str) -> set[str]:
        fresh = {p.stem for p in self.files(dataset) if layout.is_fresh(p)}
        return fresh | self.index().keys(dataset)

    def has_document(self, key: str) -> bool:
        return bool(self.fresh_files("documents", key)) or self.index().has("documents", key)

    # --- reading ----------------------------------------------------------------------
    def _part(self, path: Path) -> pa.Table:
        if path not in self._parts:
            self._parts[path] = pq.read_table(path, schema=schemas.get(path.relative_to(self.root).parts[0]).schema)
        return self._parts[path]

    def iter_documents(self, dataset: str) -> Iterator[tuple[str, pa.Table]]:
        """``(key, rows)`` for every document with rows in ``dataset``."""
        schema = schemas.get(dataset).schema
        for path in self.files(dataset):
            if layout.is_fresh(path):
                yield path.stem, pq.read_table(path, schema=schema)
                continue
            yield from keyindex.split_by_key(pq.read_table(path, schema=schema), keyindex.footer_keys(path))

    def read_key(self, dataset: str, key: str) -> pa.Table:
        """Document ``key``'s rows in ``dataset`` (none: an empty table)."""
        schema = schemas.get(dataset).schema
        tables = [pq.read_table(p, schema=schema) for p in self.fresh_files(dataset, key)]
        index = self.index()
        for rel in index.parts_of(dataset, key):
            part = self._part(self.root / rel)
            tables += [rows for k, rows in keyindex.split_by_key(part, index.parts[dataset][rel]) if k == key]
        return pa.concat_tables(tables) if tables else schema.empty_table()

    def read(self, dataset: str) -> pa.Table:
        """The whole dataset as one table (for tests, summaries and reports, not the pipeline)."""
        schema = schemas.get(dataset).schema
        files = self.files(dataset)
        return pa.concat_tables(pq.read_table(f, schema=schema) for f in files) if files else schema.empty_table()

    def previous_doc_id(self, key: str) -> str | None:
        """The ``doc_id`` of the version of document ``key`` on disk, if any."""
        for path in self.fresh_files("documents", key):
            try:
                return pq.read_table(path, columns=["doc_id"]).column("doc_id")[0].as_py()
            except (OSError, pa.ArrowInvalid, IndexError):
                return None
        return self.index().doc_ids.get(key)

    def source_of(self, key: str) -> str | None:
        """The source of document ``key``, from its documents row (or its failures rows, for a
        file that could not be read)."""
        for dataset in ("documents", "failures"):
            try:
                column = self.read_key(dataset, key).column("source")
            except (OSError, pa.ArrowInvalid, KeyError):
                continue
            if len(column):
                return column[0].as_py()
        return None

    # --- writing ----------------------------------------------------------------------
    def prepare(self) -> list[str]:
        """Make the layout (a new root, or one an older papeleo wrote) and repair what a killed
        run left: unfinished writes, replacements waiting for compaction, a half-built
        generation. Returns what was done. Call it with the output lock held."""
        self.root.mkdir(parents=True, exist_ok=True)
        done = legacy.migrate(self.root)
        if layout.current_gen(self.root) is None:
            first = self.root / layout.GEN_DIR / layout.gen_name(1)
            first.mkdir(parents=True, exist_ok=True)
            if not (first / layout.KEY_INDEX).exists():
                keyindex.save(first, keyindex.KeyIndex())
            layout.point(self.root / layout.CURRENT, f"{layout.GEN_DIR}/{first.name}")
        legacy.link_datasets(self.root)
        gen = layout.current_gen(self.root)
        assert gen is not None
        for dataset in schemas.DATASETS:
            compaction.write_schema_file(gen, dataset)
        done += journal.recover_staging(self.root)
        done += journal.discard_unfinished_pending(self.root)
        leftovers = [p for p in (self.root / layout.GEN_DIR).iterdir() if p.name.endswith(".tmp")]
        pending, _ = journal.committed(self.root / layout.PENDING)
        if pending or leftovers or compaction.misplaced(gen):
            result = self.compact()
            done.append(
                f"finished the interrupted compaction (generation {result.generation}, "
                f"{result.replacements} replacement(s) applied)"
            )
        return done

    def compact(self, *, force: bool = False, min_small_files: int | None = None) -> compaction.Compaction:
        """Merge small files and apply pending replacements (``compact``). Call it with the
        output lock held, when no run is writing."""
        journal.recover_staging(self.root)
        result = compaction.compact(
            self.root, force=force, min_small_files=min_small_files or compaction.SMALL_FILES_TO_COMPACT
        )
        self._index, self._parts = None, {}
        return result

    def replace_document(self, key: str, tables: Mapping[str, pa.Table | None]) -> None:
        """Make ``tables`` the only rows of document ``key`` in each dataset named; an empty or
        ``None`` table removes the document's rows from that dataset. A document whose rows
        sit in compacted files is replaced by the next compaction (the end of the run)."""
        unknown = [d for d in tables if d not in schemas.DATASETS]
        if unknown:
            raise UnknownDatasetError(
                f"no schema declares dataset(s) {', '.join(sorted(unknown))}; add schemas/<dataset>.py "
                f"(known: {', '.join(schemas.DATASETS)})"
            )
        labels = layout.document_row_to_labels(_first_row(tables.get("documents")))
        writes = {
            d: (tables[d], f"{layout.partition_path(d, labels)}/{layout.fresh_name(key)}")
            for d in schemas.WRITE_ORDER
            if d in tables
        }
        if self.index().holds(key, writes):
            journal.write(self.root / layout.PENDING, key, writes, [])
            return
        deletes = [
            str(p.relative_to(self.root))
            for d, (table, target) in writes.items()
            for p in self.fresh_files(d, key)
            if table is None or table.num_rows == 0 or str(p.relative_to(self.root)) != target
        ]
        journal.apply(self.root, journal.write(self.root / layout.STAGING, key, writes, deletes))


def _first_row(table: pa.Table | None) -> dict | None:
    return table.slice(0, 1).to_pylist()[0] if table is not None and table.num_rows else None
