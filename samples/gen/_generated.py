"""The contract between the seeded family generators and whatever consumes their documents
(property tests, benchmarks, ``samples/generate.py``).

Each family package ``samples/gen/<family>/`` exposes, beside its fixed sample, a seeded
generator of varied documents::

    generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc

It draws every axis of variation from ``random.Random(seed)`` (so a seed is a document),
writes the requested forms into ``out_dir`` under ``doc_name(...)`` names, and returns the
document's exact truth — produced from the values it drew, never by running papeleo — in
the same shape as the sample goldens (``tests/families/<family>/goldens/samples/*.json``),
so ``tests/scoring.py`` scores both alike.

Seeds are kept in three sets so figures are honest (see ../shared/notes/GENERALITY.md):
development seeds may be looked at document by document; validation seeds are run by
benchmarks and looked at in aggregate; report seeds are for the figures of a closing note
and are used once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the three forms of every document: a text-layer PDF, a degraded scan, OCR'd text
TEXT_PDF, SCAN_PDF, OCR_TEXT = "texto.pdf", "escaneado.pdf", "ocr.txt"
FORMS: tuple[str, ...] = (TEXT_PDF, SCAN_PDF, OCR_TEXT)
TEXT_SOURCE = {TEXT_PDF: "text_layer", SCAN_PDF: "ocr", OCR_TEXT: "plain_text"}

SEED_SETS: dict[str, range] = {
    # 0-99 looked at first; 100-999 added when the text-layer figures on 0-99 left too few failures
    # to learn from (every seed below 1000 is development: open any of them)
    "development": range(0, 1000),
    "validation": range(1000, 1100),
    # fresh for each closing note: take a block never used before and say which
    "report": range(5000, 10000),
    # development too: seeds found by searching plans for a variant a report block showed in
    # aggregate (plan_document is cheap), to reproduce it without opening the report's document
    "development_search": range(20000, 10_000_000),
}


def doc_name(family: str, seed: int, form: str) -> str:
    """``mir_avance_s01003_texto.pdf``: family, seed, form — sortable, unique per document."""
    return f"{family}_s{seed:05d}_{form}"


@dataclass
class GeneratedDoc:
    family: str
    seed: int
    files: dict[str, Path] = field(default_factory=dict)  # form -> written file
    # {"documents": {doc_type, pages, emisor, titulo, clave_documento, fecha_documento, ...},
    #  "<dataset>": [rows with the contract's columns (+ "page")],
    #  "mentions": [{"tipo", "valor", "texto", "page", ...extra: "cargo", "moneda", ...}]}
    # (the fixed samples' goldens keep the older {tipo: [valor, ...]}: see mentions_by_tipo)
    truth: dict[str, Any] = field(default_factory=dict)
    # the axes drawn for this document (layout, column order, quarter, damage level, ...), so a
    # benchmark can group its failures by cause
    variant: dict[str, Any] = field(default_factory=dict)
    # form -> the damage applied to produce it (gen._damage DamageLog.to_records(), scan record)
    damage: dict[str, Any] = field(default_factory=dict)

    def truth_for(self, form: str) -> dict[str, Any]:
        """The golden of one form: the truth with that form's file name and text source."""
        documents = dict(self.truth.get("documents", {}), text_source=TEXT_SOURCE[form])
        return {"file": doc_name(self.family, self.seed, form), **self.truth, "documents": documents}

    def write_truth(self, out_dir: Path) -> Path:
        """``<family>_s<seed>.truth.json`` beside the forms: truth, variant and damage."""
        path = Path(out_dir) / f"{self.family}_s{self.seed:05d}.truth.json"
        body = {
            "family": self.family,
            "seed": self.seed,
            "files": {form: p.name for form, p in self.files.items()},
            "truth": self.truth,
            "variant": self.variant,
            "damage": self.damage,
        }
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
        return path


def mentions_by_tipo(mentions: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The generated truth's mentions in the fixed samples' golden shape: {tipo: sorted values}."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m["tipo"], set()).add(str(m["valor"]))
    return {tipo: sorted(values) for tipo, values in sorted(out.items())}


def check_forms(forms: Sequence[str]) -> tuple[str, ...]:
    unknown = [f for f in forms if f not in FORMS]
    if unknown:
        raise ValueError(f"unknown form(s) {unknown}; forms are {', '.join(FORMS)}")
    return tuple(forms)


def load_truth(path: Path) -> Mapping[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
