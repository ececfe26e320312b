"""metadata.v2 on real documents, field by field, against values read by hand or authored:

* the four seed texts — goldens/seeds.json (each value with the line it is read from);
* the eight real PDFs of ../shared/realworld — tests/realworld/goldens (skipped when the folder
  is absent); what v2 cannot read yet is a strict xfail naming its cause, so a fix shows up;
* the twelve samples — their authored goldens.

Judged by metadata_scoring.compare: a field passes when it is ``ok`` or both sides are null.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from metadata_scoring import BOTH_NULL, FIELDS, OK, compare

from extractors.metadata import v2
from helpers import FAMILIES, REALWORLD, ROOT, SAMPLES, SEEDS, make_document, requires_realworld, requires_seeds
from papeleo.readers import read_document

HERE = Path(__file__).resolve().parent
SEED_GOLDENS = json.loads((HERE / "goldens" / "seeds.json").read_text(encoding="utf-8"))["seeds"]
REAL_GOLDENS = ROOT / "tests" / "realworld" / "goldens"
SAMPLE_GOLDENS = sorted(FAMILIES.glob("*/goldens/samples/*.json"))

# (document, field) -> why v2 does not give the golden's value; strict: a fix must remove the entry
KNOWN_MISSES = {
    ("camp_itse_asm_2018.pdf", "clave_documento"): "OCR reads 'SD017' under a scanner line as 'SDO' 7' (near miss)",
    ("camp_itse_asm_2018.pdf", "fecha_documento"): "the dateline is printed white on black; OCR reads no date",
    ("camp_itse_asm_2021.pdf", "fecha_documento"): "the dateline is printed white on black; OCR reads no date",
    ("camp_itse_asm_interinst_2024.pdf", "emisor"): (
        "read 'Secretaría de Educación del Gobierno del Estado de Campeche' (self-reference, state from the "
        "running logo); the golden's reading 'del Estado de Campeche (SEDUC)' scores 81 < the text floor"
    ),
}


def _judge(expected: dict, got: dict, field: str) -> None:
    outcome = compare(field, expected.get(field), got.get(field))
    assert outcome in (OK, BOTH_NULL), f"{field}: {outcome}, got {got.get(field)!r}, expected {expected.get(field)!r}"


@pytest.fixture(scope="session")
def read_cache(read_root) -> Path:
    return read_root


_fields_of: dict[Path, dict] = {}


def _fields(path: Path, cache: Path) -> dict:
    if path not in _fields_of:
        read = read_document(str(path), cache_root=cache)
        assert read.document is not None, read.failures
        _fields_of[path] = v2.document_to_fields(read.document)
    return _fields_of[path]


@requires_seeds
@pytest.mark.seeds
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("name", sorted(SEED_GOLDENS))
def test_seed(name, field):
    got = v2.document_to_fields(make_document((SEEDS / name).read_text("utf-8")))
    _judge(SEED_GOLDENS[name], got, field)


def _real_cases():
    for path in sorted(REAL_GOLDENS.glob("*.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        scanned = bool(golden.get("scanned_pages"))
        for field in FIELDS:
            marks = [pytest.mark.ocr] if scanned else []
            why = KNOWN_MISSES.get((golden["file"], field))
            if why:
                marks.append(pytest.mark.xfail(reason=why, strict=True, raises=AssertionError))
            yield pytest.param(golden, field, id=f"{golden['file']}-{field}", marks=marks)


@requires_realworld
@pytest.mark.parametrize(("golden", "field"), list(_real_cases()))
def test_real_pdf(golden, field, read_cache):
    _judge(golden["documents"], _fields(REALWORLD / golden["file"], read_cache), field)


def _sample_cases():
    for path in SAMPLE_GOLDENS:
        golden = json.loads(path.read_text(encoding="utf-8"))
        marks = [pytest.mark.ocr] if golden["documents"]["text_source"] == "ocr" else []
        for field in FIELDS:
            yield pytest.param(path, field, id=f"{path.stem}-{field}", marks=marks)


@pytest.mark.parametrize(("golden_path", "field"), list(_sample_cases()))
def test_sample(golden_path, field, read_cache):
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    _judge(golden["documents"], _fields(SAMPLES / golden_path.stem, read_cache), field)
