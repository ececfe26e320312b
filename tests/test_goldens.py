"""Golden tests: one case per file in samples/, against tests/goldens/samples/<file>.json.

The goldens hold the authored truth of each sample (written by samples/make_samples.py
from the same data it draws the documents from), never this program's output. A missing
golden fails. ``pytest --update-goldens`` rewrites the compared fields from the current
output so a reviewer can read the change as a git diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest

from papeleo import pipeline, registry
from papeleo.pipeline import is_candidate

from conftest import GOLDENS, SAMPLES

SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and is_candidate(p.name)) if SAMPLES.is_dir() else []
DOCUMENT_FIELDS = ("doc_type", "pages", "text_source")
# the family datasets whose extractor is registered are compared; others wait for theirs
FAMILY_DATASETS = {"indicators": "mir_avance", "commitments": "convenio_asm", "scores": "dictamen_puntajes", "findings": "informe_supervision"}
NUMERIC_TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden_out")
    pipeline.prepare_output(out)
    summaries = {name: pipeline.process_document(SAMPLES / name, out) for name in SAMPLE_FILES}
    return out, summaries


def _rows(out, dataset, doc_id):
    path = out / dataset / f"{doc_id}.parquet"
    return pd.read_parquet(path).to_dict("records") if path.exists() else []


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _extractor_for(doc_type: str) -> bool:
    return any(s.family == doc_type for s in registry.for_doc_type(doc_type))


def test_every_sample_has_a_case():
    assert SAMPLE_FILES, "samples/ is empty: run `make samples`"


@pytest.mark.ocr
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_matches_golden(name, ingested, update_goldens):
    out, summaries = ingested
    summary = summaries[name]
    golden_path = GOLDENS / "samples" / f"{name}.json"
    doc = _rows(out, "documents", summary.doc_id)[0]
    mentions = _rows(out, "mentions", summary.doc_id)
    if update_goldens:
        golden = json.loads(golden_path.read_text("utf-8")) if golden_path.exists() else {"file": name}
        golden.setdefault("documents", {}).update({k: _plain(doc[k]) for k in DOCUMENT_FIELDS})
        golden["mentions"] = {t: sorted({m["valor"] for m in mentions if m["tipo"] == t}) for t in ("url", "fecha")}
        golden_path.write_text(json.dumps(golden, ensure_ascii=False, indent=2) + "\n", "utf-8")
        pytest.skip("golden rewritten; review the diff")
    assert golden_path.exists(), f"no golden for {name}: write {golden_path} from the document (or run with --update-goldens and review)"
    golden = json.loads(golden_path.read_text("utf-8"))

    assert summary.status == "ok", summary.failures
    for key in DOCUMENT_FIELDS:
        assert _plain(doc[key]) == golden["documents"][key], key
    _compare_mentions(golden.get("mentions", {}), mentions, ocr=doc["text_source"] == "ocr", name=name)

    for dataset, doc_type in FAMILY_DATASETS.items():
        if dataset in golden and _extractor_for(doc_type):
            _compare_family_rows(golden[dataset], _rows(out, dataset, summary.doc_id), dataset)


# Tesseract misreads characters in long URLs ('gt/informes' -> 'gUintormes') and, on ruled
# tables, sometimes drops whole cells (a date column): for scans we require most mentions
# and URLs within a small edit distance; text layers and plain text must give every one.
OCR_MIN_RECALL = 0.75
OCR_URL_SIMILARITY = 90


def _compare_mentions(expected, mentions, ocr, name):
    from rapidfuzz import fuzz

    wanted = [(t, v) for t in ("url", "fecha") for v in expected.get(t, [])]
    got = {(m["tipo"], m["valor"]) for m in mentions}
    missing = []
    for tipo, valor in wanted:
        if (tipo, valor) in got:
            continue
        if ocr and tipo == "url" and any(t == "url" and fuzz.ratio(v, valor) >= OCR_URL_SIMILARITY for t, v in got):
            continue
        missing.append(f"{tipo} {valor}")
    if ocr:
        assert len(missing) <= (1 - OCR_MIN_RECALL) * len(wanted), f"{name}: too many mentions missing: {missing}"
    else:
        assert not missing, f"{name}: mentions missing: {missing}"


MIN_NUMERIC_EXACT = 0.9  # per sample; the accuracy figures themselves are in benchmarks/mir_accuracy.py


def _compare_family_rows(expected_rows, got_rows, dataset):
    """A number is exact, missing (null), or flagged (corrected / a check in conflict) —
    never silently wrong; text fields must match; most numbers must be exact."""
    assert len(got_rows) == len(expected_rows), f"{dataset}: {len(got_rows)} rows, expected {len(expected_rows)}"
    exact = numeric = 0
    for exp, got in zip(expected_rows, got_rows):
        flagged = {c.split(":")[0] for c in (_plain(got.get("corrected")) or [])}
        conflicts = [c for c in (_plain(got.get("checks")) or []) if c.endswith("=conflict")]
        for key, want in exp.items():
            if key not in got or key in ("page", "comentario", "resumen_narrativo", "indicador"):
                continue
            have = _plain(got[key])
            if isinstance(want, float):
                numeric += 1
                if have is None:
                    continue
                if abs(have - want) <= NUMERIC_TOLERANCE:
                    exact += 1
                    continue
            elif have == want:
                continue
            assert key in flagged or conflicts, f"{dataset} row {exp.get('clave', exp)}: {key} is {have!r}, expected {want!r}, and nothing flags it"
    assert exact >= MIN_NUMERIC_EXACT * numeric, f"{dataset}: only {exact}/{numeric} numeric fields exact"
