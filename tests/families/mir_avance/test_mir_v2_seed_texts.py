"""Seed 004's text fields under mir_avance.v2, against the hand-read golden (the issue asks that
they be compared, not only the numbers). Keys and levels are held exact; the indicator names
of this scattered OCR are a known defect, pinned by cause."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT, SEEDS, requires_seeds
from papeleo import registry
from papeleo.context import process_context
from papeleo.readers import ReadSettings, read_document
from scoring_specs import SPECS

SEED_004 = SEEDS / "004_5ffbe8bd8598b418.txt"
GOLDEN = ROOT / "tests/families/mir_avance/goldens/seeds/004_5ffbe8bd8598b418.indicators.json"


@pytest.fixture(scope="module")
def seed_score():
    rows = json.loads(GOLDEN.read_text(encoding="utf-8"))
    rows = rows.get("rows") or rows.get("indicators")
    doc = read_document(str(SEED_004), ReadSettings()).document
    records = registry.get("mir_avance.v2").func(doc, process_context()).records
    return SPECS["indicators"].score(rows, records)


@requires_seeds
@pytest.mark.parametrize("field", ["clave", "nivel"])
def test_seed_004_codes_and_levels_exact(seed_score, field):
    assert seed_score.ok_rate([field]) == 1.0, [str(m) for m in seed_score.misses([field])]


@requires_seeds
@pytest.mark.parametrize("field, floor", [("siglas", 0.95), ("frecuencia", 0.9), ("unidad_medida", 0.75)])
def test_seed_004_short_text_fields(seed_score, field, floor):
    # floors under the 0.97/1.0 of codes: OCR damage inside the word itself ('Porcenlaje',
    # 'Trimesbe}') is kept as printed, and a field read from a neighbouring cell shows here
    assert seed_score.ok_rate([field]) >= floor, [str(m) for m in seed_score.misses([field])]


@requires_seeds
@pytest.mark.xfail(
    strict=True,
    reason="seed 004's cells are scattered across interleaved OCR lines; the line-stream reading "
    "that reads its numbers joins indicator names with neighbouring cells' words (8 of 36 within "
    "the fuzzy floor), unflagged",
)
def test_seed_004_indicator_names(seed_score):
    assert seed_score.ok_rate(["indicador"]) >= 0.9
