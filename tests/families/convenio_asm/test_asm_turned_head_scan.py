"""CONEVAL annexes whose head labels are printed turned a quarter, read from their scans with
tesseract (the real OCR path: papeleo/readers/turned.py, then the column reader).

The documents are made by the generator (seeds 7509 and 7516: institutional documents, Anexo D,
turned head; 7516's head tesseract reads half upright and half as junk); expected rows come from
the generator's truth. Before the turned read both gave no row at all.
"""

from __future__ import annotations

import os
import sys

import pytest

from helpers import SAMPLES
from papeleo import registry
from papeleo.context import process_context
from papeleo.readers import ReadSettings, read_document

_old = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # `papeleo ingest samples` walks samples/: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import SCAN_PDF  # noqa: E402
from gen.convenio_asm import generate  # noqa: E402

sys.dont_write_bytecode = _old


# rows each scan must give, with the truth's dates: 7516's row 6 has no date and OCR reads a
# stroke there (a failure, not a guess); its row 7 loses its number to OCR and joins no row —
# a known defect of the column reader (a ruled row with no number), not of the turned head
MUST_READ = {7509: {1, 2}, 7516: {1, 2, 3, 4, 5}}


@pytest.mark.parametrize("seed", sorted(MUST_READ))
def test_a_turned_head_s_table_is_read_from_its_scan(tmp_path, seed: int) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    g = generate(seed, tmp_path, (SCAN_PDF,))
    assert g.variant["encabezado_vertical"]  # the generator drew the head turned
    doc = read_document(str(g.files[SCAN_PDF]), ReadSettings(), cache_root=tmp_path / "cache").document
    ext = registry.get("convenio_asm.v1").func(doc, process_context())
    truth = {t["numero"]: t for t in g.truth["commitments"]}
    got = {r["numero"]: r for r in ext.records}
    assert MUST_READ[seed] <= set(got)
    for n, r in got.items():  # every row read is right: its date as the truth has it
        got_date = r["fecha_compromiso"].isoformat() if r["fecha_compromiso"] else None
        assert (got_date, r["fecha_precision"]) == (truth[n]["fecha_compromiso"], truth[n]["fecha_precision"]), n
        assert r["texto"][:20] == truth[n]["texto"][:20], n
