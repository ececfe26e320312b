"""Properties of metadata.v2 over documents the seeded generators write now (development seeds,
text-layer PDF and OCR'd text), against the truth each generator drew — never v2's output.

What must always hold, whatever the layout: a reference number is the document's own or none
(never another document's, never one invented where the document prints none), and a date is the
document's own or none — with one declared exception: a 'Fecha de corte' is taken as the date when
nothing dates the document better (the brief's basis), where the MIR generator's truth leaves the
date empty. Accuracy floors per field and form are benchmarks/metadata_accuracy.py's business.
"""

from __future__ import annotations

import sys

import pytest
from metadata_scoring import EXTRA, PARTIAL, WRONG, compare

from extractors.metadata import v2
from helpers import ROOT
from papeleo.readers import read_document

sys.path.insert(0, str(ROOT / "samples"))
from gen import FAMILIES  # noqa: E402  (samples/gen: the generators, not part of papeleo)

DEVELOPMENT_SEEDS = (0, 1)
FORMS = ("texto.pdf", "ocr.txt")
GENERATORS = [f for f in FAMILIES if hasattr(f, "generate")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(family, seed, form) -> (truth, fields)."""
    out = {}
    for fam in GENERATORS:
        folder = tmp_path_factory.mktemp(fam.FAMILY)
        for seed in DEVELOPMENT_SEEDS:
            doc = fam.generate(seed, folder, FORMS)
            for form, path in doc.files.items():
                read = read_document(str(path), cache_root=folder / "_cache")
                assert read.document is not None, read.failures
                out[fam.FAMILY, seed, form] = (doc.truth_for(form)["documents"], v2.document_to_fields(read.document))
    return out


CASES = [(f.FAMILY, s, form) for f in GENERATORS for s in DEVELOPMENT_SEEDS for form in FORMS]


@pytest.mark.parametrize("case", CASES, ids=["-".join(map(str, c)) for c in CASES])
def test_a_reference_number_is_the_documents_own_or_none(case, generated):
    truth, got = generated[case]
    outcome = compare("clave_documento", truth.get("clave_documento"), got["clave_documento"])
    assert outcome not in (WRONG, EXTRA, PARTIAL), (outcome, got["clave_documento"], truth.get("clave_documento"))


@pytest.mark.parametrize("case", CASES, ids=["-".join(map(str, c)) for c in CASES])
def test_a_date_is_the_documents_own_or_none(case, generated):
    truth, got = generated[case]
    outcome = compare("fecha_documento", truth.get("fecha_documento"), got["fecha_documento"])
    cut_off = (got["fecha_documento_fuente"] or "").startswith("fecha_de_corte")
    assert outcome != WRONG, (got["fecha_documento"], got["fecha_documento_fuente"], truth.get("fecha_documento"))
    assert outcome != EXTRA or cut_off, (got["fecha_documento"], got["fecha_documento_fuente"])
