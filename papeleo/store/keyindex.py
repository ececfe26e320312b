"""Which documents a compacted file holds, so a document can still be replaced exactly.

A compacted part holds many documents' rows, grouped by document (their store key), and
says which in its Parquet footer (``papeleo.keys``: ``[[key, rows], ...]`` in row order). The
rows themselves need no extra column: the contract's columns stay as they are, and a
document whose bytes are shared with another source (same ``doc_id``) is still told apart.

Each generation also writes ``_keys.json``: every part's keys, read from those footers once
at compaction, plus each compacted document's ``doc_id``. A worker deciding how to replace a
document reads that one file instead of every footer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import atomic
from . import layout

FOOTER_KEYS = b"papeleo.keys"


def footer_keys(path: Path) -> list[tuple[str, int]]:
    """``[(key, rows), ...]`` of a compacted part, in row order."""
    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(FOOTER_KEYS)
    return [(k, int(n)) for k, n in json.loads(raw)] if raw else []


def split_by_key(table: pa.Table, keys: list[tuple[str, int]]) -> Iterator[tuple[str, pa.Table]]:
    """A part's rows as ``(key, rows)``, one per document, by its ``[(key, rows), ...]``."""
    offset = 0
    for key, rows in keys:
        yield key, table.slice(offset, rows)
        offset += rows


def with_footer_keys(table: pa.Table, keys: list[tuple[str, int]]) -> pa.Table:
    meta = dict(table.schema.metadata or {})
    meta[FOOTER_KEYS] = json.dumps(keys, separators=(",", ":")).encode()
    return table.replace_schema_metadata(meta)


@dataclass
class KeyIndex:
    """A generation's compacted documents: part (relative path) -> keys and rows, per dataset."""

    parts: dict[str, dict[str, list[tuple[str, int]]]] = field(default_factory=dict)
    doc_ids: dict[str, str] = field(default_factory=dict)  # key -> doc_id of its documents row
    applied: list[str] = field(default_factory=list)  # pending replacements this generation applied
    _where: dict[str, dict[str, list[str]]] | None = field(default=None, repr=False, compare=False)

    def _lookup(self) -> dict[str, dict[str, list[str]]]:
        """dataset -> key -> parts, built once (a run asks it for every document it writes)."""
        if self._where is None:
            self._where = {}
            for dataset, by_part in self.parts.items():
                where = self._where.setdefault(dataset, {})
                for rel, keys in by_part.items():
                    for k, _ in keys:
                        where.setdefault(k, []).append(rel)
        return self._where

    def keys(self, dataset: str) -> set[str]:
        return set(self._lookup().get(dataset, {}))

    def has(self, dataset: str, key: str) -> bool:
        return key in self._lookup().get(dataset, {})

    def parts_of(self, dataset: str, key: str) -> list[str]:
        return list(self._lookup().get(dataset, {}).get(key, ()))

    def holds(self, key: str, datasets) -> bool:
        return any(self.parts_of(d, key) for d in datasets)

    def to_json(self) -> str:
        return json.dumps(
            {"parts": self.parts, "doc_ids": self.doc_ids, "applied": self.applied}, separators=(",", ":")
        )


# (path, mtime, size) -> index: a document process writes many documents against one generation
_loaded: dict[tuple[str, int, int], KeyIndex] = {}


def load(gen: Path | None) -> KeyIndex:
    if gen is None:
        return KeyIndex()
    path = gen / layout.KEY_INDEX
    try:
        stat = path.stat()
        ident = (str(path), stat.st_mtime_ns, stat.st_size)
        if ident in _loaded:
            return _loaded[ident]
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return KeyIndex()
    parts = {d: {rel: [(k, int(n)) for k, n in keys] for rel, keys in by.items()} for d, by in data["parts"].items()}
    _loaded.clear()  # one generation at a time is worth keeping
    _loaded[ident] = KeyIndex(parts, dict(data.get("doc_ids", {})), list(data.get("applied", [])))
    return _loaded[ident]


def save(gen: Path, index: KeyIndex) -> None:
    tmp = gen / (layout.KEY_INDEX + ".tmp")
    tmp.write_text(index.to_json(), "utf-8")
    atomic.fsync(tmp)
    os.replace(tmp, gen / layout.KEY_INDEX)
