"""Compaction: a partition's per-document files merged into a few large files, atomically.

Every document is written as its own small files (one per dataset), which keeps a
document's replacement a plain ``os.replace``. Readers pay per file, though: DuckDB read the
same 16,000 indicator rows 147 times slower from 2,000 files than from one. After a run,
each partition that got a new file and holds ``SMALL_FILES_TO_COMPACT`` or more small files
has them merged into parts of at most ``PART_MAX_ROWS`` rows, and so has every partition whose
parts hold a document replaced or removed in the run (see ``journal``: those replacements
wait for this step).

The new files go into a new generation; unchanged files are hard-linked into it; then one
symlink swap makes it live (``layout``). A run killed here leaves the live generation
untouched and the pending replacements in place; the next run removes the half-built
generation and compacts again.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas

from .. import atomic
from . import journal, keyindex, layout

log = logging.getLogger(__name__)

# A partition is compacted once it holds this many small files (per-document files and parts
# under half of PART_MAX_ROWS), one of them new. 2 leaves every partition one file after each
# run (beside its full parts), at the price of rewriting each partition a run touched; higher
# rewrites less but leaves readers up to that many files per partition (DuckDB pays about
# 0.15 ms a file, object storage a request a file). Full parts are never rewritten to merge.
SMALL_FILES_TO_COMPACT = 2
# Rows per compacted file. Larger means fewer files but more memory while compacting (a
# part is read whole when one of its documents is replaced) and a longer rewrite for one
# replaced document. 1,000,000 rows of the widest dataset (indicators) is about 150 MB in Arrow.
PART_MAX_ROWS = 1_000_000
# Rows per Parquet row group inside a part: DuckDB and pyarrow read row groups in parallel
# and skip them by their min/max statistics; smaller groups mean more footer to read.
ROW_GROUP_ROWS = 131_072


@dataclass
class Compaction:
    generation: int | None = None  # the generation made live; None when nothing needed doing
    partitions: list[str] = field(default_factory=list)  # partitions rewritten
    replacements: int = 0  # pending replacements applied
    files_before: dict[str, int] = field(default_factory=dict)
    files_after: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "generation": self.generation,
            "partitions": self.partitions,
            "replacements": self.replacements,
            "files_before": self.files_before,
            "files_after": self.files_after,
        }


def _partition_dirs(gen: Path | None, dataset: str) -> list[str]:
    """Every folder of ``dataset`` holding a data file, whatever its depth (see ``misplaced``)."""
    if gen is None or not (gen / dataset).is_dir():
        return []
    found = {p.parent for p in (gen / dataset).rglob("*.parquet") if p.name != layout.SCHEMA_FILE}
    return sorted(str(p.relative_to(gen)) for p in found)


def misplaced(gen: Path | None) -> bool:
    """Files in folders this layout does not make (written under another partitioning); the
    next compaction moves them (``layout.relabel``)."""
    return gen is not None and any(
        layout.relabel(d, rel) != rel for d in schemas.DATASETS for rel in _partition_dirs(gen, d)
    )


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.parquet") if p.name != layout.SCHEMA_FILE) if folder.is_dir() else []


def count_files(gen: Path | None) -> dict[str, int]:
    return {d: sum(len(_data_files(gen / rel)) for rel in _partition_dirs(gen, d)) for d in schemas.DATASETS}


@dataclass
class _Pending:
    """What the committed replacements ask of one dataset."""

    replaced: set[str] = field(default_factory=set)  # keys whose current rows go
    incoming: dict[str, dict[str, Path]] = field(default_factory=lambda: defaultdict(dict))  # partition -> key -> file


def _pending_by_dataset(txns: list[journal.Txn]) -> dict[str, _Pending]:
    out: dict[str, _Pending] = defaultdict(_Pending)
    for txn in txns:  # commit order: a later replacement of the same document wins
        for dataset in txn.plan["datasets"]:
            out[dataset].replaced.add(txn.key)
            for files in out[dataset].incoming.values():
                files.pop(txn.key, None)
        for staged_name, rel in txn.plan["moves"]:
            dataset, partition = rel.split("/", 1)[0], os.path.dirname(rel)
            out[dataset].incoming[partition][txn.key] = txn.staged(staged_name)
    return out


def _segments(path: Path, schema: pa.Schema, drop: set[str]) -> list[tuple[str, pa.Table]]:
    """A file's rows per document: a fresh file is one document, a part says which in its footer."""
    table = pq.read_table(path, schema=schema)
    if layout.is_fresh(path):
        return [] if path.stem in drop else [(path.stem, table)]
    return [(k, rows) for k, rows in keyindex.split_by_key(table, keyindex.footer_keys(path)) if k not in drop]


def _write_parts(folder: Path, gen: int, segments: list[tuple[str, pa.Table]], schema: pa.Schema) -> dict[str, list]:
    """Segments (sorted by key, so the same inputs give the same files) into parts of at most
    PART_MAX_ROWS rows; returns each part's name and keys."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, list] = {}
    batch: list[tuple[str, pa.Table]] = []

    def flush() -> None:
        if not batch:
            return
        name = f"{layout.PART_PREFIX}{layout.gen_name(gen)}-{len(written):04d}.parquet"
        keys = [(k, t.num_rows) for k, t in batch]
        table = keyindex.with_footer_keys(pa.concat_tables(t for _, t in batch), keys)
        pq.write_table(table, folder / name, compression="zstd", row_group_size=ROW_GROUP_ROWS)
        atomic.fsync(folder / name)
        written[name] = keys
        batch.clear()

    rows = 0
    for key, table in sorted(segments, key=lambda s: s[0]):
        if batch and rows + table.num_rows > PART_MAX_ROWS:
            flush()
            rows = 0
        batch.append((key, table))
        rows += table.num_rows
    flush()
    return written


def _doc_ids(folder: Path, names: dict[str, list]) -> dict[str, str]:
    out = {}
    for name, keys in names.items():
        ids = pq.read_table(folder / name, columns=["doc_id"]).column("doc_id").to_pylist()
        offset = 0
        for key, rows in keys:
            if rows:
                out[key] = ids[offset]
            offset += rows
    return out


def compact(root: Path, *, force: bool = False, min_small_files: int = SMALL_FILES_TO_COMPACT) -> Compaction:
    """Apply the pending replacements and merge small files into parts, as one new generation.
    ``force``: merge every partition with more than one file, whatever its count."""
    old = layout.current_gen(root)
    index = keyindex.load(old)
    txns, _ = journal.committed(root / layout.PENDING)
    for txn in [t for t in txns if t.folder.name in index.applied]:  # swapped in before a kill
        layout.remove_tree(txn.folder)
    txns = [t for t in txns if t.folder.name not in index.applied]
    pending = _pending_by_dataset(txns)
    result = Compaction(files_before=count_files(old), replacements=len(txns))

    # dataset -> [(partition, its files now (from older layouts' folders too), rewrite it?,
    # its full parts, kept as they are)]
    plan: dict[str, list[tuple[str, list[Path], bool, set[Path]]]] = {}
    for dataset in schemas.DATASETS:
        todo = pending.get(dataset, _Pending())
        sources: dict[str, list[str]] = {rel: [] for rel in todo.incoming}
        for rel in _partition_dirs(old, dataset):
            sources.setdefault(layout.relabel(dataset, rel), []).append(rel)
        plan[dataset] = []
        for rel in sorted(sources):
            files = [f for src in sources[rel] for f in _data_files(old / src)] if old else []
            fresh = [f for f in files if layout.is_fresh(f) and f.stem not in todo.replaced] + list(
                todo.incoming.get(rel, {}).values()
            )
            affected, full = False, set()
            for part in (f for f in files if layout.is_part(f)):
                keys = index.parts.get(dataset, {}).get(str(part.relative_to(old)), [])
                if todo.replaced & {k for k, _ in keys}:
                    affected = True
                elif sum(n for _, n in keys) >= PART_MAX_ROWS // 2:
                    full.add(part)
            small = len(fresh) + sum(layout.is_part(f) and f not in full for f in files)
            moved = any(src != rel for src in sources[rel])
            rewrite = affected or moved or (bool(fresh) and small >= min_small_files) or (force and small > 1)
            plan[dataset].append((rel, files, rewrite, full))
    if not txns and not any(rw for rows in plan.values() for _, _, rw, _ in rows):
        result.files_after = result.files_before
        return result

    number = layout.gen_number(old) + 1
    gen_root = root / layout.GEN_DIR
    building = gen_root / (layout.gen_name(number) + ".tmp")
    layout.remove_tree(building)
    building.mkdir(parents=True)
    new_index = keyindex.KeyIndex(applied=[t.folder.name for t in txns])
    for dataset, partitions in plan.items():
        schema = schemas.get(dataset).schema
        todo = pending.get(dataset, _Pending())
        new_index.parts[dataset] = {}
        for rel, files, rewrite, full in partitions:
            incoming = todo.incoming.get(rel, {})
            target = building / rel
            target.mkdir(parents=True, exist_ok=True)
            if rewrite:
                names = {}
                for f in full:
                    names[f.name] = index.parts[dataset][str(f.relative_to(old))]
                    layout.link_or_copy(f, target / f.name)
                segments = [s for f in files if f not in full for s in _segments(f, schema, todo.replaced)]
                segments += [(key, pq.read_table(path, schema=schema)) for key, path in incoming.items()]
                names.update(_write_parts(target, number, [s for s in segments if s[1].num_rows], schema))
                result.partitions.append(rel)
            else:
                names = {}
                for f in files:
                    if layout.is_fresh(f) and f.stem in todo.replaced:
                        continue
                    if layout.is_part(f):
                        names[f.name] = index.parts.get(dataset, {}).get(str(f.relative_to(old)), [])
                    layout.link_or_copy(f, target / f.name)
                for key, path in incoming.items():
                    layout.link_or_copy(path, target / layout.fresh_name(key))
            for name, keys in names.items():
                new_index.parts[dataset][f"{rel}/{name}"] = keys
            if dataset == "documents" and names:
                new_index.doc_ids.update(_doc_ids(target, names))
            atomic.fsync(target)
        write_schema_file(building, dataset)
    keyindex.save(building, new_index)
    atomic.fsync(building)
    final = gen_root / layout.gen_name(number)
    os.replace(building, final)
    atomic.fsync(gen_root)
    layout.point(root / layout.CURRENT, f"{layout.GEN_DIR}/{final.name}")  # the commit point
    for txn in txns:
        layout.remove_tree(txn.folder)
    remove_old_generations(root, keep={final.name, old.name if old else ""})
    result.generation = number
    result.files_after = count_files(final)
    log.info(
        "store: generation %s live: %d partition(s) rewritten, %d replacement(s) applied, files %d -> %d",
        final.name,
        len(result.partitions),
        len(txns),
        sum(result.files_before.values()),
        sum(result.files_after.values()),
    )
    return result


def remove_old_generations(root: Path, keep: set[str]) -> None:
    """Every generation but the live one and the one before it (a reader may still be
    listing its files), and any half-built one a killed compaction left."""
    gen_root = root / layout.GEN_DIR
    if not gen_root.is_dir():
        return
    for folder in gen_root.iterdir():
        if folder.name not in keep:
            layout.remove_tree(folder)


def write_schema_file(gen: Path, dataset: str) -> None:
    """The dataset's schema with no rows, in its ``unknown`` partition, so a dataset is
    queryable (DuckDB's read_parquet, pandas.read_parquet) before it has a row. Rewritten
    only when the declared schema changed."""
    schema = schemas.get(dataset).schema
    path = gen / layout.unknown_partition(dataset) / layout.SCHEMA_FILE
    try:
        if path.exists() and pq.read_schema(path).equals(schema, check_metadata=True):
            return
    except (OSError, pa.ArrowInvalid):
        pass  # unreadable or stale: rewrite it
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(".schema.parquet.tmp")
    pq.write_table(schema.empty_table(), tmp, compression="zstd")
    os.replace(tmp, path)
