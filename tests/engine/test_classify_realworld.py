"""The classifier on the real PDFs of ../shared/realworld: each is its golden family (read by hand
from its pages, tests/realworld/goldens), with a score at or above the unknown threshold.

These are near relatives of the families (a state PbR indicator report, a SEVAC format, a POA
export, ASM follow-up annexes, a state audit report, an external audit), not copies of the
samples' layouts. Reading them OCRs about 40 scanned pages once per session (~2 minutes).
"""

from __future__ import annotations

import json

import pytest

from helpers import REALWORLD, ROOT, requires_realworld
from papeleo.classify import classify, load_calibration
from papeleo.readers import read_document

GOLDENS = ROOT / "tests" / "realworld" / "goldens"
CASES = [json.loads(p.read_text("utf-8")) for p in sorted(GOLDENS.glob("*.json"))]

pytestmark = [requires_realworld, pytest.mark.ocr]


@pytest.fixture(scope="module")
def read_cache(read_root):
    return read_root


@pytest.mark.parametrize("golden", CASES, ids=[c["file"] for c in CASES])
def test_a_real_pdf_is_its_golden_family(golden, read_cache):
    read = read_document(REALWORLD / golden["file"], cache_root=read_cache)
    assert read.document is not None, read.failures
    result = classify(read.document)
    assert result.doc_type == golden["family"], (result.reason, result.evidence)
    assert result.score >= load_calibration().min_probability
