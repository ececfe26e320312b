"""One document through read → classify → extract → validate → write.

Docling-style: a ``Conversion`` is handed from stage to stage, every stage has the same
signature, and whatever goes wrong is appended to ``conversion.failures`` with its stage
instead of escaping — one bad file, page or record never ends a run. The only exception
that leaves ``process_document`` is ``TransientWriteError`` (the disk or the file system
refused a write), so an orchestrator can retry the document.

This module never imports prefect: the flow in ``flows/`` calls it, and so can anything else.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import schemas

from . import decisions, registry
from .classify import UNKNOWN, classify
from .context import Context, Settings, process_context
from .model import Document, Failure
from .readers import read_document
from .rows import _now, conversion_to_documents_row, conversion_to_failure_rows
from .store import ParquetStore, source_key

log = logging.getLogger(__name__)


class TransientWriteError(OSError):
    """Writing the output failed for a reason that may pass (disk full, I/O error)."""


__all__ = ["Context", "Conversion", "DocSummary", "Settings", "TransientWriteError", "process_document"]


@dataclass
class Conversion:
    source: str
    ctx: Context = field(default_factory=process_context)
    out: str | None = None  # output root: where the read cache lives
    path: str | None = None  # the file read, when not the source itself (a URL's fetched copy)
    file_name: str | None = None  # the document's file name, when not the source's last segment
    doc_id: str | None = None
    document: Document | None = None
    doc_type: str = UNKNOWN
    doc_type_score: float | None = None
    extractors: list[str] = field(default_factory=list)
    cached_read: bool = False
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    doc_fields: dict[str, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    replaced: str | None = None  # the doc_id of the version of this source the write replaced
    decisions: dict[str, Any] = field(default_factory=dict)  # reviewer decisions applied and stale

    @property
    def key(self) -> str:
        """The document's key in the store: its source (a document is its source)."""
        return source_key(self.source)

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def status(self) -> str:
        if self.document is None:
            return "failed"
        return "partial" if self.failures else "ok"


@dataclass
class DocSummary:
    source: str
    doc_id: str | None
    doc_type: str
    status: str
    rows: dict[str, int]
    failures: list[dict[str, str]]
    pages: int = 0
    pages_ocr: int = 0  # pages OCR'd now (0 when the read came from the cache)
    cached_read: bool = False
    replaced: str | None = None  # the doc_id of the older version of this source the run replaced
    decisions: dict[str, Any] = field(default_factory=dict)  # applied, stale (with why), digest

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Stage = Callable[[Conversion], Conversion]


def _guarded(name: str, stage: Stage) -> Stage:
    def run(conv: Conversion) -> Conversion:
        try:
            return stage(conv)
        except TransientWriteError:
            raise
        except Exception as exc:  # a bug in papeleo or an extractor: keep going, say so
            log.exception("stage %s failed on %s", name, conv.source)
            conv.failures.append(
                Failure(
                    name,
                    "internal_error",
                    f"papeleo failed in its {name} stage ({type(exc).__name__}: {exc}). This is a papeleo bug: report it with the file; the rest of the run went on.",
                )
            )  # type: ignore[arg-type]
            return conv

    return run


def read_stage(conv: Conversion) -> Conversion:
    cache_root = conv.out if conv.settings.use_cache else None
    result = read_document(
        conv.path or conv.source,
        conv.settings.read_settings(),
        cache_root=cache_root,
        source=conv.source,
        file_name=conv.file_name,
    )
    conv.doc_id, conv.document, conv.cached_read = result.doc_id, result.document, result.cached
    conv.failures.extend(result.failures)
    return conv


def classify_stage(conv: Conversion) -> Conversion:
    if conv.document is None:
        return conv
    result = classify(conv.document, conv.ctx)
    conv.doc_type, conv.doc_type_score = result.doc_type, result.score
    return conv


def extract_stage(conv: Conversion) -> Conversion:
    if conv.document is None:
        return conv
    # generic extractors (metadata) come first, so a family extractor's document fields win
    specs, unavailable = registry.for_doc_type(conv.doc_type)
    for family, error in unavailable.items():
        conv.failures.append(
            Failure(
                "extract",
                "extractor_unavailable",
                f"the {family} extractor could not be loaded ({error}), so the rows it would have extracted from this document are missing. Fix or reinstall extractors/{family} and re-ingest.",
            )
        )
    for spec in specs:
        try:
            out = spec.func(conv.document, conv.ctx)
        except Exception as exc:
            log.exception("extractor %s failed on %s", spec.name, conv.source)
            conv.failures.append(
                Failure(
                    "extract",
                    "extractor_error",
                    f"extractor {spec.name} failed on this document ({type(exc).__name__}: {exc}); its {spec.dataset} rows are missing, the other datasets were written. Report it with the file.",
                )
            )
            continue
        conv.extractors.append(spec.name)
        conv.doc_fields.update({k: v for k, v in out.document.items() if v is not None})
        conv.failures.extend(out.failures)
        for i, record in enumerate(out.records):
            key = str(record.pop("_key", i))
            record_id = hashlib.sha256(f"{conv.doc_id}|{spec.name}|{key}".encode()).hexdigest()[:32]
            record.update(doc_id=conv.doc_id, record_id=record_id, extractor=spec.name)
            conv.records.setdefault(spec.dataset, []).append(record)
        if not spec.spec.generic and not out.records:
            conv.failures.append(no_records_failure(conv, spec.spec, spec.name))
    for family_spec in registry.specs().values():
        # a family classified but with no extractor yet: its rows are missing, and say so
        if family_spec.runs is None and conv.doc_type in family_spec.doc_types:
            conv.failures.append(no_records_failure(conv, family_spec, None))
    return conv


def no_records_failure(conv: Conversion, spec: registry.FamilySpec, extractor: str | None) -> Failure:
    """A document recognised as a family that yielded none of the family's records: never a
    silent 'ok' with an empty dataset."""
    score = f" (score {conv.doc_type_score:.2f})" if conv.doc_type_score is not None else ""
    if extractor is None:
        return Failure(
            "extract",
            "no_records",
            f"classified as {conv.doc_type}{score}, but papeleo has no {spec.family} extractor yet, so its "
            f"{spec.dataset} rows are not extracted. They will be once the family's extractor lands; re-ingest then.",
        )
    return Failure(
        "extract",
        "no_records",
        f"classified as {conv.doc_type}{score}, but {extractor} found no {spec.dataset} rows in it "
        f"(it looks for: {spec.description or spec.dataset}). If the document is of this family, its layout is one "
        "the extractor does not read yet: report it with the file; if it is not, its classification is wrong.",
    )


def validate_stage(conv: Conversion) -> Conversion:
    for dataset, rows in conv.records.items():
        ds = schemas.get(dataset)
        kept, seen = [], set()
        for row in rows:
            unkeyed = ds.missing_key(row)
            if unkeyed:
                conv.failures.append(
                    Failure(
                        "validate",
                        "missing_key",
                        f"a {dataset} row from {row.get('extractor')} on page {row.get('page')} has no "
                        f"{' or '.join(unkeyed)}, so it cannot be told from cell debris and was not written. Its "
                        "cells are in `record`: check that part of the page.",
                        record=json.dumps(row, default=str, ensure_ascii=False),
                    )
                )
                continue
            errors = ds.validate(row, run_time_enums())
            if not errors and row["record_id"] in seen:
                errors = [f"record_id {row['record_id']} is not unique in the document (extractor keys collide)"]
            if errors:
                conv.failures.append(
                    Failure(
                        "validate",
                        "schema_violation",
                        f"a {dataset} row from {row.get('extractor')} was rejected: {'; '.join(errors)}. The document's other rows were written.",
                        record=json.dumps(row, default=str, ensure_ascii=False),
                    )
                )
                continue
            seen.add(row["record_id"])
            kept.append(row)
        conv.records[dataset] = kept
        if rows and not kept:
            conv.failures.append(
                Failure(
                    "validate",
                    "no_records",
                    f"classified as {conv.doc_type}, but none of the {len(rows)} {dataset} row(s) found could be "
                    "written (see the missing_key or schema_violation failures beside this one, with their cells).",
                )
            )
    return conv


def run_time_enums() -> dict[str, frozenset[str]]:
    """Allowed values known only from the installed families."""
    return {"doc_type": frozenset(registry.doc_types())}


def make_write_stage(out: str | os.PathLike) -> Stage:
    store = ParquetStore(out)

    def write_stage(conv: Conversion) -> Conversion:
        now = _now()
        tables: dict[str, Any] = {name: None for name in schemas.RECORD_DATASETS}
        if conv.doc_id is not None:
            for dataset, rows in conv.records.items():
                if dataset != "documents":
                    tables[dataset] = schemas.get(dataset).to_table(rows) if rows else None
        doc_row = conversion_to_documents_row(conv, now)
        tables["documents"] = schemas.get("documents").to_table([doc_row]) if doc_row else None
        fail_rows = conversion_to_failure_rows(conv, now)
        tables["failures"] = schemas.get("failures").to_table(fail_rows) if fail_rows else None
        if conv.doc_id is None:  # nothing but the failure can be keyed for an unreadable file
            tables = {"failures": tables["failures"]}
        try:
            previous = store.previous_doc_id(conv.key)
            if conv.doc_id is not None and previous not in (None, conv.doc_id):
                conv.replaced = previous  # new bytes at the same source: its rows replace the old ones
            store.replace_document(conv.key, tables)
        except OSError as exc:
            raise TransientWriteError(f"could not write the datasets of {conv.source} under {out}: {exc}") from exc
        return conv

    return write_stage


def process_document(
    source: str | os.PathLike,
    out: str | os.PathLike,
    settings: Settings | None = None,
    ctx: Context | None = None,
    *,
    path: str | None = None,
    file_name: str | None = None,
) -> DocSummary:
    """Read, classify, extract, validate and write one document; never raises for bad input.
    ``path`` is the file to read when it is not ``source`` itself (a URL's fetched copy)."""
    ctx = ctx or process_context(settings)
    conv = Conversion(source=str(source), ctx=ctx, out=str(out), path=path, file_name=file_name)
    stages: list[tuple[str, Stage]] = [
        ("read", read_stage),
        ("classify", classify_stage),
        ("extract", extract_stage),
        ("validate", validate_stage),
        ("validate", lambda c: decisions.apply_to_conversion(c, run_time_enums())),  # reviewers' values
    ]
    for name, stage in stages:
        conv = _guarded(name, stage)(conv)
    make_write_stage(out)(conv)
    doc = conv.document
    log.info(
        "%s: %s %s (%s)",
        conv.source,
        conv.status,
        conv.doc_type,
        ", ".join(f"{k}={len(v)}" for k, v in conv.records.items()),
    )
    return DocSummary(
        source=conv.source,
        doc_id=conv.doc_id,
        doc_type=conv.doc_type,
        status=conv.status,
        rows={
            **{k: len(v) for k, v in conv.records.items()},
            "documents": int(conv.doc_id is not None),
            "failures": len(conv.failures),
        },
        failures=[{"stage": f.stage, "error_type": f.error_type, "message": f.message} for f in conv.failures],
        pages=len(doc.pages) if doc else 0,
        pages_ocr=0 if conv.cached_read or doc is None else sum(p.text_source == "ocr" for p in doc.pages),
        cached_read=conv.cached_read,
        replaced=conv.replaced,
        decisions=conv.decisions,
    )


def write_crash(source: str, out: str | os.PathLike, message: str) -> None:
    """Record a document the orchestrator gave up on (e.g. writes kept failing) as best it can."""
    write_failure(source, out, Failure("write", "write_failed", message))


def write_failure(source: str, out: str | os.PathLike, failure: Failure) -> None:
    """Make ``failure`` the only failures row of ``source`` (e.g. a URL that could not be
    fetched); its rows in the other datasets, if any, are kept: a source that failed to come
    tonight is not a source that vanished."""
    conv = Conversion(source=source, out=str(out))
    conv.failures.append(failure)
    ParquetStore(out).replace_document(
        conv.key, {"failures": schemas.get("failures").to_table(conversion_to_failure_rows(conv, _now()))}
    )
