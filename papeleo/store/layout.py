"""Where a dataset's files live: generations, hive-style partition folders, file names.

An output root looks like this::

    OUT/indicators -> current/indicators          (a symlink, never changes)
    OUT/current    -> .gen/000007                 (a symlink, swapped atomically by compaction)
    OUT/.gen/000007/indicators/year=2024/part-000007-0000.parquet   (compacted: many documents)
    OUT/.gen/000007/indicators/year=2024/src-<key>.parquet          (one document, fresh)
    OUT/.gen/000007/indicators/year=unknown/schema.parquet          (no rows, the schema)
    OUT/.gen/000007/documents/family=mir_avance/...

Why generations: compaction rewrites many files at once, and a reader listing
``OUT/indicators/**/*.parquet`` must see either every old file or every new one. The new
generation is built beside the live one (unchanged files hard-linked, so it costs only the
rewritten files) and ``current`` is swapped with one ``os.replace`` of a symlink, which
switches every dataset at once. The previous generation stays until the next compaction, so
a query that listed its files a moment before the swap still finds them.

Why ``family=`` and ``year=`` and not ``doc_type=`` and ``ejercicio=``: the folder labels are
the document's family and fiscal year (``documents.doc_type`` and ``documents.ejercicio``) and
they are *added* to the typed columns kept inside the files. A label named like a column
makes pyarrow (so ``pandas.read_parquet``) refuse the dataset (a dictionary partition field
against the file's int64), and a null year cannot be a partition value pandas reads
("cannot unify dictionaries with nulls"); so the labels have their own names and unknown is
spelled ``unknown``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex

from .. import atomic

GEN_DIR = ".gen"
CURRENT = "current"
STAGING = ".staging"
PENDING = ".pending"
MANIFEST = "MANIFEST.json"
KEY_INDEX = "_keys.json"
# No leading underscore: pyarrow's dataset discovery skips "_"-prefixed files, and pandas
# would then see no columns in a dataset without rows.
SCHEMA_FILE = "schema.parquet"
FRESH_PREFIX = "src-"
PART_PREFIX = "part-"
UNKNOWN = "unknown"

FAMILY, YEAR = "family", "year"
# Every dataset by year, except documents, by family only. documents has one row per file: by
# family and year, 1,000 documents over 12 years made 42 folders of ~24 rows, a file each at
# least, and a join with documents took 2.3 times as long as on one file (BENCHMARKS.md); by
# family, 5 files and 1.4 times. A documents query by year still skips row groups by the
# statistics of its ejercicio column.
PARTITIONS: dict[str, tuple[str, ...]] = {"documents": (FAMILY,)}
DEFAULT_PARTITION: tuple[str, ...] = (YEAR,)

# a label value as a folder name: lowercase ascii words (mir_avance, 2024, unknown)
_UNSAFE = regex.compile(r"[^a-z0-9_]+")


def partition_labels(dataset: str) -> tuple[str, ...]:
    return PARTITIONS.get(dataset, DEFAULT_PARTITION)


def _label_value(value: Any) -> str:
    text = _UNSAFE.sub("_", str(value).strip().lower()) if value not in (None, "") else ""
    return text or UNKNOWN


def document_row_to_labels(row: Mapping[str, Any] | None) -> dict[str, str]:
    """The folder labels of a document, from its documents row (none: unknown)."""
    row = row or {}
    return {FAMILY: _label_value(row.get("doc_type")), YEAR: _label_value(row.get("ejercicio"))}


def partition_path(dataset: str, labels: Mapping[str, str]) -> str:
    """``indicators/year=2024``: a partition's folder, relative to the root."""
    return "/".join([dataset, *(f"{k}={labels.get(k, UNKNOWN)}" for k in partition_labels(dataset))])


def relabel(dataset: str, rel: str) -> str:
    """The folder this layout gives the rows of folder ``rel`` (``documents/family=x/year=y`` ->
    ``documents/family=x`` since documents are by family only): the labels it keeps, read from
    the path, the ones it lacks ``unknown``."""
    labels = dict(part.split("=", 1) for part in rel.split("/")[1:] if "=" in part)
    return partition_path(dataset, labels)


def unknown_partition(dataset: str) -> str:
    return partition_path(dataset, {})


def fresh_name(key: str) -> str:
    return f"{key}.parquet"


def is_fresh(path: Path) -> bool:
    """One document's file: ``src-<key>.parquet`` (or ``<doc_id>.parquet`` in a root written
    before documents were keyed by source)."""
    return path.suffix == ".parquet" and not path.name.startswith(PART_PREFIX) and path.name != SCHEMA_FILE


def is_part(path: Path) -> bool:
    return path.name.startswith(PART_PREFIX) and path.suffix == ".parquet"


def gen_name(number: int) -> str:
    return f"{number:06d}"


def current_gen(root: Path) -> Path | None:
    """The live generation's folder, or None before the first one exists."""
    link = root / CURRENT
    if not link.is_symlink():
        return None
    target = root / os.readlink(link)
    return target if target.is_dir() else None


def gen_number(gen: Path | None) -> int:
    try:
        return int(gen.name) if gen is not None else 0
    except ValueError:
        return 0


def point(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` atomically (a new link beside it, then os.replace)."""
    tmp = link.with_name(f".{link.name}.link-tmp")
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    os.symlink(target, tmp)
    os.replace(tmp, link)
    atomic.fsync(link.parent)


def link_or_copy(src: Path, dst: Path) -> None:
    """Put ``src`` at ``dst`` without copying bytes when the file system allows (a hard link:
    the new generation shares every unchanged file with the old one)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
