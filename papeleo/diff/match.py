"""Loading two output roots and pairing their rows the way a reviewer recognises them.

``record_id`` and ``doc_id`` change with the file's bytes and the extractor version, so pairing
rows by them shows every row as removed and added exactly when a reviewer needs the diff most
(after an extractor bump or a re-scan). Rows are paired instead by their document — its
``source``, or, for a document whose source is in one run only, its ``file_name`` when exactly
one such document of each run has it (an inbox that moved) — plus the dataset's own
``natural_key`` (``schemas/<dataset>.py``). When a key repeats within one document, the k-th
occurrence in the old run is paired with the k-th in the new one, occurrences ordered by page,
then top, then the order the rows were written.

Each difference gets its cause from the two sides' provenance, so that a change nobody made (the
same bytes read by the same extractor giving another value) stands out instead of drowning
among the expected ones.
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import schemas

from ..store import ParquetStore
from .model import (
    DOCUMENT_ADDED,
    DOCUMENT_REMOVED,
    EXTRACTOR_CHANGED,
    NONDETERMINISM,
    REVIEWED,
    SOURCE_CHANGED,
    DatasetDiff,
    DiffResult,
    FieldChange,
    RowChange,
    reviewed_fields,
)

log = logging.getLogger(__name__)

# Differ on every run by design: never a difference.
VOLATILE = frozenset({"extracted_at", "failed_at", "record_id"})
# Differ when the file or the extractor does: reported as the cause, not as field changes.
CAUSE_COLUMNS = frozenset({"doc_id", "extractor"})
# Name the document, which the row is paired by: not part of the row's own key.
DOCUMENT_COLUMNS = ("source", "file_name")
# What applying a reviewer's decision also rewrites in the row besides the value itself.
REVIEW_BOOKKEEPING = frozenset({"corrected", "comentario_extraccion"})
# Keys of a rejected record's JSON (failures.record) that differ by version like the columns do.
RECORD_JSON_VOLATILE = VOLATILE | CAUSE_COLUMNS


@dataclass(frozen=True)
class Doc:
    """A document of one run, as its ``documents`` row (or a failure's source) names it."""

    source: str
    doc_id: str | None = None
    file_name: str | None = None
    extractor: str | None = None


@dataclass
class Run:
    """One output root: its documents by source, and how a dataset file or a ``doc_id``
    leads to its document."""

    root: str
    docs: dict[str, Doc] = dc_field(default_factory=dict)
    by_file_key: dict[str, Doc] = dc_field(default_factory=dict)
    by_doc_id: dict[str, list[Doc]] = dc_field(default_factory=dict)

    def doc_of(self, file_key: str, doc_id: str | None) -> Doc:
        """The file a row was read from is keyed by its document's source (papeleo.store);
        a root written before that layout is keyed by doc_id, joined to ``documents``."""
        if file_key in self.by_file_key:
            return self.by_file_key[file_key]
        candidates = self.by_doc_id.get(doc_id or "", [])
        if len(candidates) == 1:
            return candidates[0]
        return Doc(source=f"doc_id:{doc_id}", doc_id=doc_id)


@dataclass
class Entry:
    """A row with what pairs it: its document's identity and its own key."""

    row: dict[str, Any]
    doc: Doc
    identity: str
    key: tuple[tuple[str, Any], ...]
    order: tuple


def is_output_root(root: str | Path) -> bool:
    return any((Path(root) / name).is_dir() for name in schemas.DATASETS)


def _files(root: str, dataset: str) -> Iterable[tuple[str, list[dict[str, Any]]]]:
    for key, table in ParquetStore(root).iter_documents(dataset):
        yield key, table.to_pylist()


def load_run(root: str) -> Run:
    run = Run(root)
    for file_key, rows in _files(root, "documents"):
        for row in rows:
            doc = Doc(row["source"], row.get("doc_id"), row.get("file_name"), row.get("extractor"))
            run.docs[doc.source] = doc
            run.by_file_key[file_key] = doc
            run.by_doc_id.setdefault(doc.doc_id or "", []).append(doc)
    log.debug("%s: %d documents", root, len(run.docs))
    return run


def match_documents(old: Run, new: Run) -> dict[str, str]:
    """New source -> old source for documents whose source is in one run only and whose
    file name is that of exactly one such document in each run."""
    only_old = [d for s, d in old.docs.items() if s not in new.docs]
    only_new = [d for s, d in new.docs.items() if s not in old.docs]

    def unique_names(docs: list[Doc]) -> dict[str, Doc]:
        names: dict[str, list[Doc]] = defaultdict(list)
        for d in docs:
            if d.file_name:
                names[d.file_name].append(d)
        return {n: ds[0] for n, ds in names.items() if len(ds) == 1}

    olds, news = unique_names(only_old), unique_names(only_new)
    return {news[n].source: olds[n].source for n in olds.keys() & news.keys()}


def _entries(run: Run, dataset: str, identity_of: dict[str, str]) -> list[Entry]:
    spec = schemas.get(dataset)
    own_key = [c for c in spec.natural_key if c not in DOCUMENT_COLUMNS]
    entries: list[Entry] = []
    for n_file, (file_key, rows) in enumerate(_files(run.root, dataset)):
        for n_row, row in enumerate(rows):
            if spec.kind == "record":
                doc = run.doc_of(file_key, row.get("doc_id"))
            else:  # documents and failures name their source themselves
                doc = run.docs.get(row["source"]) or Doc(row["source"], row.get("doc_id"))
            page, top = row.get("page"), row.get("top")
            order = (page is None, page or 0, top is None, top or 0.0, n_file, n_row)
            key = tuple((c, row.get(c)) for c in own_key)
            entries.append(Entry(row, doc, identity_of.get(doc.source, doc.source), key, order))
    return entries


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def _comparable(column: str, value: Any) -> Any:
    """A rejected record's JSON without the columns that differ by version (record_id...)."""
    if column == "record" and isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return value
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in RECORD_JSON_VOLATILE}
    return value


def compared_columns(dataset: str) -> list[str]:
    spec = schemas.get(dataset)
    skip = VOLATILE | CAUSE_COLUMNS | ({"source"} if spec.kind != "record" else set())
    return [c for c in spec.columns if c not in skip]


def field_changes(dataset: str, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    rev_old, rev_new = reviewed_fields(old.get("corrected")), reviewed_fields(new.get("corrected"))
    return [
        FieldChange(c, old.get(c), new.get(c), c in rev_new, c in rev_old)
        for c in compared_columns(dataset)
        if not _same(_comparable(c, old.get(c)), _comparable(c, new.get(c)))
    ]


class _Causes:
    """Why rows of one dataset differ, from the provenance of both runs."""

    def __init__(self, dataset: str, old: list[Entry], new: list[Entry]) -> None:
        self.has_extractor = "extractor" in schemas.get(dataset).columns
        self.old_docs = {e.identity: e.doc for e in old}
        self.new_docs = {e.identity: e.doc for e in new}
        self.old_extractors: dict[str, set[str]] = defaultdict(set)
        self.new_extractors: dict[str, set[str]] = defaultdict(set)
        for entries, into in ((old, self.old_extractors), (new, self.new_extractors)):
            for e in entries:
                if e.row.get("extractor"):
                    into[e.identity].add(e.row["extractor"])

    def set_documents(self, old_docs: dict[str, Doc], new_docs: dict[str, Doc]) -> None:
        self.old_docs.update(old_docs)
        self.new_docs.update(new_docs)

    def of_row(self, old: Entry, new: Entry, changes: list[FieldChange]) -> str:
        if (old.row.get("doc_id") or old.doc.doc_id) != (new.row.get("doc_id") or new.doc.doc_id):
            return SOURCE_CHANGED
        old_x, new_x = old.row.get("extractor"), new.row.get("extractor")
        if self.has_extractor and (old_x or new_x):
            if old_x != new_x:
                return EXTRACTOR_CHANGED
        elif old.doc.extractor != new.doc.extractor:
            return EXTRACTOR_CHANGED
        rev_old, rev_new = reviewed_fields(old.row.get("corrected")), reviewed_fields(new.row.get("corrected"))
        explained = rev_old | rev_new | (REVIEW_BOOKKEEPING if rev_old != rev_new else frozenset())
        if (rev_old or rev_new) and all(c.field in explained for c in changes):
            return REVIEWED
        return NONDETERMINISM

    def of_one_side(self, identity: str) -> str:
        old, new = self.old_docs.get(identity), self.new_docs.get(identity)
        if old is None:
            return DOCUMENT_ADDED
        if new is None:
            return DOCUMENT_REMOVED
        if old.doc_id != new.doc_id:
            return SOURCE_CHANGED
        old_x, new_x = self.old_extractors.get(identity), self.new_extractors.get(identity)
        if self.has_extractor and old_x and new_x:
            return EXTRACTOR_CHANGED if old_x != new_x else NONDETERMINISM
        return EXTRACTOR_CHANGED if old.extractor != new.extractor else NONDETERMINISM


def _grouped(entries: list[Entry]) -> dict[tuple, list[Entry]]:
    groups: dict[tuple, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[(e.identity, e.key)].append(e)
    for group in groups.values():
        group.sort(key=lambda e: e.order)
    return groups


def _row_change(kind: str, dataset: str, entry: Entry, k: int, repeats: int, cause: str) -> RowChange:
    return RowChange(
        kind=kind,
        dataset=dataset,
        source=entry.doc.source,
        file_name=entry.doc.file_name,
        key=entry.key,
        occurrence=k + 1,
        repeats=repeats,
        cause=cause,
        page=entry.row.get("page"),
    )


def diff_dataset(dataset: str, old_run: Run, new_run: Run, renamed: dict[str, str]) -> DatasetDiff:
    old_entries = _entries(old_run, dataset, {})
    new_entries = _entries(new_run, dataset, renamed)
    causes = _Causes(dataset, old_entries, new_entries)
    causes.set_documents(old_run.docs, {renamed.get(s, s): d for s, d in new_run.docs.items()})
    olds, news = _grouped(old_entries), _grouped(new_entries)
    moved_to = {old_src: new_src for new_src, old_src in renamed.items()}
    out = DatasetDiff(dataset)
    for group in olds.keys() | news.keys():
        o, n = olds.get(group, []), news.get(group, [])
        for k in range(max(len(o), len(n))):
            if k < len(o) and k < len(n):
                changes = field_changes(dataset, o[k].row, n[k].row)
                if changes:
                    rc = _row_change("changed", dataset, n[k], k, len(n), causes.of_row(o[k], n[k], changes))
                    rc.fields = changes
                    rc.old_doc_id, rc.new_doc_id = o[k].row.get("doc_id"), n[k].row.get("doc_id")
                    rc.old_extractor = o[k].row.get("extractor") or o[k].doc.extractor
                    rc.new_extractor = n[k].row.get("extractor") or n[k].doc.extractor
                    out.changed.append(rc)
                else:
                    was = o[k].row.get("extractor") or o[k].doc.extractor
                    now = n[k].row.get("extractor") or n[k].doc.extractor
                    if was != now:
                        out.same_under_new_version[(str(was), str(now))] += 1
                continue
            entry, kind = (n[k], "added") if k < len(n) else (o[k], "removed")
            side = n if kind == "added" else o
            rc = _row_change(kind, dataset, entry, k, len(side), causes.of_one_side(entry.identity))
            rc.source = moved_to.get(rc.source, rc.source)  # a moved document is named by its new source
            if kind == "added":
                rc.new_doc_id, rc.new_extractor = entry.row.get("doc_id"), entry.row.get("extractor")
            else:
                rc.old_doc_id, rc.old_extractor = entry.row.get("doc_id"), entry.row.get("extractor")
            rc.values = {c: entry.row.get(c) for c in compared_columns(dataset) if entry.row.get(c) not in (None, [])}
            out.rows(kind).append(rc)
    for kind in ("added", "removed", "changed"):
        out.rows(kind).sort(key=lambda r: r.sort_key)
    log.debug("%s: %d added, %d removed, %d changed", dataset, len(out.added), len(out.removed), len(out.changed))
    return out


def _keep(result: DatasetDiff, doc: str | None, field_name: str | None) -> DatasetDiff:
    def doc_ok(r: RowChange) -> bool:
        return doc is None or doc in r.source or doc in (r.file_name or "")

    out = DatasetDiff(result.name)
    if doc is None and field_name is None:  # counted per dataset, not per document or field
        out.same_under_new_version = result.same_under_new_version
    if field_name is None:
        out.added = [r for r in result.added if doc_ok(r)]
        out.removed = [r for r in result.removed if doc_ok(r)]
    for r in result.changed:
        if not doc_ok(r):
            continue
        if field_name is not None:
            touching = [c for c in r.fields if c.field == field_name]
            if not touching:
                continue
            r.fields = touching
        out.changed.append(r)
    return out


def diff_outputs(
    old_root: str,
    new_root: str,
    datasets: Iterable[str] | None = None,
    doc: str | None = None,
    field: str | None = None,
) -> DiffResult:
    """Compare two output roots. ``datasets``: only these (default: all, in schema order);
    ``doc``: only documents whose source or file name contains it; ``field``: only changed
    rows where that field changed, and only that field of them."""
    names = list(schemas.DATASETS) if not datasets else [schemas.get(n).name for n in datasets]
    old_run, new_run = load_run(str(old_root)), load_run(str(new_root))
    renamed = match_documents(old_run, new_run)
    moved = sorted((old_src, new_src) for new_src, old_src in renamed.items())
    if doc is not None:
        moved = [(a, b) for a, b in moved if doc in a or doc in b]
    result = [_keep(diff_dataset(name, old_run, new_run, renamed), doc, field) for name in names]
    filters = {"dataset": names if datasets else None, "doc": doc, "field": field}
    return DiffResult(str(old_root), str(new_root), result, moved, filters)
