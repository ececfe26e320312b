"""What changed between two extraction runs (two output roots), for the reviewer who must
sign off a new extractor version or a re-run on new scans.

Rows are matched by ``record_id`` (``doc_id`` for ``documents``), which is stable for the
same file and the same extractor version; a row whose id exists on one side only is added
or removed. Timestamps of the runs themselves are not differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import schemas

from .store import ParquetStore

VOLATILE = {"extracted_at", "failed_at"}


@dataclass
class DatasetDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, Any, Any]]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _key(dataset: str) -> str:
    return schemas.get(dataset).id_column


def _label(dataset: str, row: dict[str, Any]) -> str:
    """What a reviewer recognises the row by: its dataset's natural key (schemas/<dataset>.py)."""
    parts = [str(row.get(c)) for c in schemas.get(dataset).natural_key if row.get(c) is not None]
    return " ".join(parts) or str(row.get(_key(dataset)))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def rows_by_key(root: str, dataset: str) -> dict[str, dict[str, Any]]:
    table = ParquetStore(root).read(dataset)
    return {row[_key(dataset)]: row for row in table.to_pylist()}


def diff_dataset(old_root: str, new_root: str, dataset: str) -> DatasetDiff:
    old, new = rows_by_key(old_root, dataset), rows_by_key(new_root, dataset)
    out = DatasetDiff(dataset)
    out.added = sorted(_label(dataset, new[k]) for k in new.keys() - old.keys())
    out.removed = sorted(_label(dataset, old[k]) for k in old.keys() - new.keys())
    for k in sorted(old.keys() & new.keys(), key=lambda k: _label(dataset, new[k])):
        changes = [
            (c, old[k].get(c), new[k].get(c))
            for c in new[k]
            if c not in VOLATILE and not _same(old[k].get(c), new[k].get(c))
        ]
        if changes:
            out.changed.append((_label(dataset, new[k]), changes))
    return out


def diff_outputs(old_root: str, new_root: str) -> list[DatasetDiff]:
    return [diff_dataset(old_root, new_root, name) for name in schemas.DATASETS]


def format_diff(diffs: list[DatasetDiff], limit: int = 50) -> str:
    lines = []
    for d in diffs:
        lines.append(f"{d.name}: {len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed")
        for label in d.added[:limit]:
            lines.append(f"  + {label}")
        for label in d.removed[:limit]:
            lines.append(f"  - {label}")
        for label, changes in d.changed[:limit]:
            lines.append(f"  ~ {label}")
            lines += [f"      {col}: {old!r} -> {new!r}" for col, old, new in changes]
        shown = min(limit, len(d.added)) + min(limit, len(d.removed)) + min(limit, len(d.changed))
        hidden = len(d.added) + len(d.removed) + len(d.changed) - shown
        if hidden > 0:
            lines.append(f"  ... {hidden} more (raise --limit)")
    return "\n".join(lines)
