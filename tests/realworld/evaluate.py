"""How papeleo does on one real PDF, against the golden read by hand from its pages.

Shared by ``tests/realworld/test_realworld.py`` (one test per document) and
``benchmarks/realworld.py`` (the table for a closing note), so both judge alike:
classification, page orientation, text-layer pages, metadata, and records — either read and
scored with ``tests/scoring.py``, or missing with a ``no_records`` failure that says so
(never a silent empty dataset, never a keyless junk row).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from papeleo import pipeline, registry
from papeleo.readers import read_document
from papeleo.store import ParquetStore, source_key
from scoring_specs import SPECS

GOLDENS = Path(__file__).resolve().parent / "goldens"
METADATA_FIELDS = ("emisor", "titulo", "clave_documento", "fecha_documento")
# emisor and titulo are compared with rapidfuzz's token_set_ratio: an issuer printed with or
# without its state ('Secretaría de la Contraloría' / '… del Estado de Campeche') or a title
# with its subtitle still matches; another body or a table header does not
TEXT_FLOOR = 85


def goldens() -> list[Path]:
    return sorted(GOLDENS.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Evaluation:
    file: str
    family: str  # the golden's
    doc_type: str
    score: float | None
    runner_up: tuple[str, float] | None
    status: str
    rotations: dict[int, int] = field(default_factory=dict)  # page -> Page.rotation (its /Rotate included)
    rotations_expected: dict[int, int] = field(default_factory=dict)
    pages_ocr: list[int] = field(default_factory=list)
    metadata: dict[str, tuple[Any, Any, bool]] = field(default_factory=dict)  # field -> (expected, got, right)
    dataset: str | None = None
    records_expected: int = 0
    records_found: int = 0
    record_score: Any = None  # scoring.Score when records were extracted
    failures: list[tuple[str, str]] = field(default_factory=list)  # (stage, error_type)

    @property
    def classified_right(self) -> bool:
        return self.doc_type == self.family

    @property
    def rotation_right(self) -> bool:
        pages = set(self.rotations_expected) | {p for p, r in self.rotations.items() if r}
        return all(self.rotations.get(p, 0) % 360 == self.rotations_expected.get(p, 0) % 360 for p in pages)

    @property
    def no_records_said(self) -> bool:
        return any(kind == "no_records" for _stage, kind in self.failures)


def metadata_right(field_name: str, expected: Any, got: Any) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    if field_name == "fecha_documento":
        return (got.isoformat() if isinstance(got, dt.date) else str(got)[:10]) == expected
    if field_name == "clave_documento":
        return "".join(str(got).split()).upper() == "".join(str(expected).split()).upper()
    return fuzz.token_set_ratio(str(got).lower(), str(expected).lower()) >= TEXT_FLOOR


def _rows(out: Path, dataset: str, source: str) -> list[dict[str, Any]]:
    # a document's rows are keyed by its source, in its own file or in a compacted one
    return ParquetStore(out).read_key(dataset, source_key(source)).to_pandas().to_dict("records")


def evaluate(pdf: Path, golden: dict[str, Any], out: Path) -> Evaluation:
    """Ingest ``pdf`` into ``out`` (its read cache makes a second call cheap) and judge it."""
    summary = pipeline.process_document(pdf, out)
    [doc] = _rows(out, "documents", summary.source)
    read = read_document(pdf, cache_root=out)
    assert read.cached, "the pipeline's read should be in the cache"
    pages = read.document.pages if read.document else []
    family = golden["family"]
    spec = registry.specs().get(family)
    ev = Evaluation(
        file=golden["file"],
        family=family,
        doc_type=summary.doc_type,
        score=doc["doc_type_score"],
        runner_up=None,
        status=summary.status,
        rotations={p.number: p.rotation % 360 for p in pages},
        rotations_expected={int(k): int(v) for k, v in (golden.get("pages_rotated") or {}).items()},
        pages_ocr=[p.number for p in pages if p.text_source == "ocr"],
        dataset=spec.dataset if spec else None,
        records_expected=len(golden.get("records", [])),
        failures=[(f["stage"], f["error_type"]) for f in summary.failures],
    )
    for name in METADATA_FIELDS:
        expected, got = golden["documents"].get(name), doc.get(name)
        if isinstance(got, float) and pd.isna(got):
            got = None
        ev.metadata[name] = (expected, got, metadata_right(name, expected, got))
    if ev.dataset:
        found = _rows(out, ev.dataset, summary.source)
        ev.records_found = len(found)
        if found and ev.dataset in SPECS:
            ev.record_score = SPECS[ev.dataset].score(golden.get("records", []), found)
    return ev
