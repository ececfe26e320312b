"""Golden tests: every file in samples/ against its family's golden,
tests/families/<family>/goldens/samples/<file>.json.

Those goldens are the authored truth of each sample, written only by samples/make_samples.py
from the data it draws the documents from — never from this program's output, so there is
no option to rewrite them from it. A sample without a golden fails, and so does a golden
without a sample. A disagreement is fixed in the program, or, for a deliberate change of a
sample, in samples/gen/<family>.py followed by `make samples`.

Every sample is compared on its ``documents`` fields and its mentions; its family's rows are
compared with tests/scoring.py as soon as the family's spec.json names an extractor
(``runs``), so a family gets its golden test the day its extractor lands.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papeleo import pipeline, registry
from papeleo.sources import is_candidate
from papeleo.store import ParquetStore, source_key
from scoring import Floors, assert_score, score_values
from scoring_specs import SPECS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
FAMILIES = ROOT / "tests" / "families"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and is_candidate(p.name))
DOCUMENT_FIELDS = ("doc_type", "pages", "text_source")


def golden_paths(name: str) -> list[Path]:
    return sorted(FAMILIES.glob(f"*/goldens/samples/{name}.json"))


def load_golden(name: str) -> dict:
    paths = golden_paths(name)
    assert len(paths) == 1, (
        f"{name}: expected one golden under tests/families/<family>/goldens/samples/, "
        f"found {[str(p.relative_to(ROOT)) for p in paths]}; goldens are written by "
        "samples/make_samples.py"
    )
    return json.loads(paths[0].read_text("utf-8"))


def _case(name: str, known_defect: str | None = None):
    """A scanned sample is OCR'd (slow): mark it so `-m "not ocr"` can leave it out."""
    paths = golden_paths(name)
    scanned = len(paths) == 1 and json.loads(paths[0].read_text("utf-8"))["documents"]["text_source"] == "ocr"
    marks = [pytest.mark.ocr] if scanned else []
    if known_defect:
        marks.append(pytest.mark.xfail(reason=known_defect, strict=True, raises=AssertionError))
    return pytest.param(name, marks=marks)


@pytest.fixture(scope="module")
def ingest(read_root):
    """Ingest a sample once per module, on first use, into the session's shared output root: its
    read cache holds the sample scans the metadata tests OCR'd already (tests/conftest.py), and
    each document's rows are its own files there (keyed by the document's id)."""
    out = read_root
    ParquetStore(out).prepare()
    done: dict[str, pipeline.DocSummary] = {}

    def run(name: str) -> tuple[Path, pipeline.DocSummary]:
        if name not in done:
            done[name] = pipeline.process_document(SAMPLES / name, out)
        return out, done[name]

    return run


def rows(out: Path, dataset: str, source: str) -> list[dict]:
    # a document's rows are keyed by its source, in its own file or in a compacted one
    return ParquetStore(out).read_key(dataset, source_key(source)).to_pandas().to_dict("records")


def test_samples_exist():
    assert SAMPLE_FILES, "samples/ is empty: run `make samples`"


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_has_one_golden(name):
    golden = load_golden(name)
    assert golden["file"] == name


def test_every_golden_has_its_sample():
    goldens = {p.name.removesuffix(".json") for p in FAMILIES.glob("*/goldens/samples/*.json")}
    assert goldens - set(SAMPLE_FILES) == set(), "goldens without a sample in samples/"


# Tesseract misreads characters in long URLs ('gt/informes' -> 'gUintormes') and, on ruled
# tables, sometimes drops whole cells (a date column): for scans we require most mentions,
# URLs within a small edit distance; text layers and plain text must give every one.
OCR_MIN_RECALL = 0.75  # lower admits a scan that lost a quarter of its dates and URLs
OCR_URL_SIMILARITY = 90  # rapidfuzz ratio; lower would pair two different URLs of one site
MENTION_TYPES = ("url", "fecha")

# Family rows: most numbers must be read right (the accuracy figures themselves are in the
# benchmarks); codes, levels and pages all; every miss null or flagged on its own field.
MIN_NUMERIC_OK = 0.9  # lower would let a sample lose one number in ten and still pass

# Defects the scorer found that the extractor does not handle yet. Each is a strict xfail:
# it must keep failing, and the day it is fixed the XPASS fails until the entry goes.
KNOWN_TEXT_DEFECTS = {
    "mir_avance_ocr.txt": "page 1 is read across: resumen_narrativo and indicador of each row "
    "come out interleaved with the neighbouring cells' words, unflagged",
    "dictamen_puntajes_escaneado.pdf": "tesseract loses words of wrapped cells: 'Coordinador' of "
    "'Coordinador de Organización Electoral' (read 'le de Organización'), the second given name of "
    "'Gallegos Peña María José', 'Ciudadana' read 'TES CAAdane'; unflagged",
}
# Row defects of the same kind (rows merged or lost), strict xfails like the ones above.
KNOWN_ROW_DEFECTS = {
    "dictamen_puntajes_escaneado.pdf": "two levels OCR'd past reading ('Escala', 'Excalaráa' for "
    "'Excelente') and the document states no bands to read them back; each row says "
    "nivel_bandas=conflict (flagged), but this test holds every level exact",
}


@pytest.mark.parametrize("name", [_case(n) for n in SAMPLE_FILES])
def test_sample_documents_and_mentions(name, ingest):
    golden = load_golden(name)
    out, summary = ingest(name)
    family = golden["documents"]["doc_type"]
    if registry.specs()[family].runs is None:  # classified, no extractor yet: partial, and it says so
        assert summary.status == "partial" and [f["error_type"] for f in summary.failures] == ["no_records"]
    else:
        assert summary.status == "ok", summary.failures
    [doc] = rows(out, "documents", summary.source)
    assert {k: doc[k] for k in DOCUMENT_FIELDS} == {k: golden["documents"][k] for k in DOCUMENT_FIELDS}
    ocr = golden["documents"]["text_source"] == "ocr"
    check_mentions(name, golden.get("mentions", {}), rows(out, "mentions", summary.source), ocr)


@pytest.mark.parametrize("name", [_case(n, KNOWN_ROW_DEFECTS.get(n)) for n in SAMPLE_FILES])
def test_sample_rows(name, ingest):
    spec, score = family_score(name, ingest)
    assert_score(score, Floors(ok_rate=MIN_NUMERIC_OK, fields=spec.numeric), what=f"{name}: numbers")
    assert_score(score, Floors(fields=spec.exact), what=f"{name}: codes and other exact fields")


@pytest.mark.parametrize("name", [_case(n, KNOWN_TEXT_DEFECTS.get(n)) for n in SAMPLE_FILES])
def test_sample_row_texts(name, ingest):
    spec, score = family_score(name, ingest)
    assert_score(score, Floors(fields=tuple(spec.text)), what=f"{name}: texts (rapidfuzz floors)")


def family_score(name: str, ingest):
    """The sample's family rows scored against its golden, or a skip when the family has no
    extractor yet (its truth is already in the golden, waiting for it)."""
    golden = load_golden(name)
    family = registry.specs()[golden["documents"]["doc_type"]]
    if family.runs is None:
        pytest.skip(f"{family.family} has no extractor yet (spec.json runs: null)")
    assert family.dataset in golden, f"{name}: the golden has no {family.dataset!r} rows"
    out, summary = ingest(name)
    spec = SPECS[family.dataset]
    return spec, spec.score(golden[family.dataset], rows(out, family.dataset, summary.source))


def check_mentions(name: str, expected: dict, mentions: list[dict], ocr: bool) -> None:
    wanted = missing = 0
    lost = []
    for tipo in MENTION_TYPES:
        got = [m["valor"] for m in mentions if m["tipo"] == tipo]
        floor = OCR_URL_SIMILARITY if ocr and tipo == "url" else None
        s = score_values(expected.get(tipo, []), got, floor=floor)
        wanted += len(s.found) + len(s.fuzzy) + len(s.missing)
        missing += len(s.missing)
        lost += [f"{tipo} {v}" for v in s.missing]
    if ocr:
        assert missing <= (1 - OCR_MIN_RECALL) * wanted, f"{name}: too many mentions missing: {lost}"
    else:
        assert not lost, f"{name}: mentions missing: {lost}"
