"""One test per real PDF in ../shared/realworld, against its golden read by hand from the
pages (tests/realworld/goldens). Skips when that folder is absent.

What every document must show: its family recognised; every page turned upright (a page's
/Rotate plus the reader's turn equals the golden's); its records either read — scored with
tests/scoring.py — or missing with a ``no_records`` failure that says so, never a silent empty
dataset. Metadata fields are held to the golden, except the misses pinned below: each is a
known limit named with its cause, and a pin that starts passing fails too, so the list can
only shrink on purpose.
"""

from __future__ import annotations

import pytest

from evaluate import METADATA_FIELDS, evaluate, goldens, load
from helpers import REALWORLD, requires_realworld

pytestmark = [requires_realworld, pytest.mark.ocr]

# (file, field) -> why papeleo does not give the golden's value yet
KNOWN_METADATA_MISSES: dict[tuple[str, str], str] = {
    ("camp_itse_asm_2018.pdf", "clave_documento"): "the '1' of ITSE/SPV/SD017/04/19 lies under a scanner line: "
    "tesseract reads SDO7",
    ("camp_itse_asm_2018.pdf", "fecha_documento"): "the dateline '28 /Marzo/2019' is printed white on black; "
    "tesseract reads no text there",
    ("camp_itse_asm_2021.pdf", "fecha_documento"): "the dateline '06/abril/2022' is printed white on a black band; "
    "tesseract reads no text there",
}


@pytest.fixture(scope="module")
def out(read_root):
    return read_root


@pytest.mark.parametrize("golden_path", goldens(), ids=lambda p: p.stem)
def test_real_pdf(golden_path, out):
    golden = load(golden_path)
    ev = evaluate(REALWORLD / golden["file"], golden, out)
    assert ev.classified_right, f"classified {ev.doc_type} ({ev.score}), golden {ev.family}"
    assert ev.rotation_right, f"pages turned {ev.rotations}, golden {ev.rotations_expected}"
    assert ev.records_found > 0 or ev.no_records_said, f"no {ev.dataset} rows and no failure saying so: {ev.failures}"
    wrong = {name for name in METADATA_FIELDS if not ev.metadata[name][2]}
    pinned = {name for (file, name) in KNOWN_METADATA_MISSES if file == golden["file"]}
    assert wrong == pinned, {name: ev.metadata[name][:2] for name in wrong ^ pinned}


# convenio_asm: file -> (golden rows the extractor reads, with dates exact; why the others are not)
KNOWN_ASM_ROWS: dict[str, tuple[int, str]] = {
    "camp_itse_asm_2018.pdf": (
        0,
        "Anexo B/C are sideways scans in ~6 pt type: tesseract reads the header as 'iSpectos Susceptibles de "
        "Melo ctVIda des' and no row number, so no table is anchored (0 of 10)",
    ),
    "camp_itse_asm_2021.pdf": (
        0,
        "Anexo D's column labels are printed turned 90°: tesseract reads them as debris ('EAT.', 'A OA', 'NU]') "
        "and each cell's lines as separate fragments, so no header anchors the table (0 of 2)",
    ),
    "camp_itse_asm_interinst_2024.pdf": (
        2,
        "both label/value boxes are read, texts and programme as the golden (their 'Aspecto No. N.' headings "
        "are lost by OCR: numbered by place); the format has no dates",
    ),
}


@pytest.mark.parametrize("name", sorted(KNOWN_ASM_ROWS))
def test_asm_rows_read(name, out):
    """The ASM rows read from each real convenio_asm document, pinned by cause: read rows keep
    their dates exact; a count that changes either way fails until the pin is updated."""
    golden = load(next(p for p in goldens() if load(p)["file"] == name))
    ev = evaluate(REALWORLD / name, golden, out)
    score = ev.record_score
    paired = len(score.pairs) if score is not None else 0
    assert paired == KNOWN_ASM_ROWS[name][0], KNOWN_ASM_ROWS[name][1]
    wrong_dates = [
        m
        for m in (score.misses(("fecha_compromiso", "fecha_precision")) if score else [])
        if "row not found" not in str(m)
    ]
    assert not wrong_dates, wrong_dates
