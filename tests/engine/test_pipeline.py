"""The pipeline without Prefect: one call per document, every stage's failure kept."""

import dataclasses
import json

import pandas as pd
import pytest

from helpers import SEEDS, requires_seeds
from papeleo import pipeline, registry, run
from papeleo.registry import Extraction
from papeleo.store import ParquetStore


def _read(out, dataset):
    table = ParquetStore(out).read(dataset)
    return table.to_pandas() if table.num_rows else pd.DataFrame()


@requires_seeds
def test_seed_documents_land_with_their_type(tmp_path):
    out = tmp_path / "out"
    ParquetStore(out).prepare()
    for name in ("000_d25be6a88549277e.txt", "003_7d2b415eb347f7ac.txt"):
        pipeline.process_document(SEEDS / name, out)
    docs = _read(out, "documents").set_index("file_name")
    assert docs.loc["000_d25be6a88549277e.txt", "doc_type"] == "informe_supervision"
    assert docs.loc["003_7d2b415eb347f7ac.txt", "doc_type"] == "dictamen_puntajes"
    assert docs.loc["003_7d2b415eb347f7ac.txt", "clave_documento"] == "IEM/CV/SPE/07/2020"
    assert set(docs["text_source"]) == {"plain_text"}
    assert docs["ocr_confidence"].isna().all()
    mentions = _read(out, "mentions")
    assert (mentions["tipo"] == "url").sum() >= 10


def test_unknown_document_still_gets_its_row_and_mentions(tmp_path):
    src = tmp_path / "novela.txt"
    src.write_text("Capítulo uno. El 3 de mayo de 1990 llegó la carta; decía: visita www.ejemplo.org.\n", "utf-8")
    out = tmp_path / "out"
    summary = pipeline.process_document(src, out)
    assert (summary.doc_type, summary.status) == ("unknown", "ok")
    assert _read(out, "documents")["doc_type"].tolist() == ["unknown"]
    assert sorted(_read(out, "mentions")["valor"]) == ["1990-05-03", "www.ejemplo.org"]


def test_reingesting_replaces_rows_and_keeps_record_ids(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("ver www.uno.org y www.dos.org el 1 de enero de 2020\n", "utf-8")
    out = tmp_path / "out"
    pipeline.process_document(src, out)
    first = _read(out, "mentions").sort_values("record_id")
    pipeline.process_document(src, out)
    second = _read(out, "mentions").sort_values("record_id")
    assert first["record_id"].tolist() == second["record_id"].tolist()
    assert len(_read(out, "documents")) == 1


def test_a_rejected_record_becomes_a_failure_and_the_document_partial(tmp_path, probe_family):
    def bad_extractor(doc, ctx):
        return Extraction(records=[{"tipo": "url", "valor": "ok.org"}, {"tipo": "telefono", "valor": "555"}])

    probe_family("zz_probe.v1", bad_extractor)
    src = tmp_path / "a.txt"
    src.write_text("nada\n", "utf-8")
    out = tmp_path / "out"
    summary = pipeline.process_document(src, out)
    assert summary.status == "partial"
    failures = _read(out, "failures")
    assert failures["stage"].tolist() == ["validate"]
    assert failures["error_type"].tolist() == ["schema_violation"]
    assert "telefono" in failures["message"].iloc[0]
    assert json.loads(failures["record"].iloc[0])["valor"] == "555"
    assert "ok.org" in _read(out, "mentions")["valor"].tolist()


def test_an_extractor_crash_is_collected_not_raised(tmp_path, probe_family):
    def crashing(doc, ctx):
        raise ZeroDivisionError("boom")

    probe_family("crashy.v1", crashing)
    src = tmp_path / "a.txt"
    src.write_text("ver www.uno.org\n", "utf-8")
    summary = pipeline.process_document(src, tmp_path / "out")
    assert summary.status == "partial"
    assert summary.failures[0]["error_type"] == "extractor_error" and "crashy.v1" in summary.failures[0]["message"]
    assert summary.rows["mentions"] == 1


def test_a_write_error_is_transient(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("hola\n", "utf-8")

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("papeleo.store.ParquetStore.replace_document", disk_full)
    with pytest.raises(pipeline.TransientWriteError, match="No space left"):
        pipeline.process_document(src, tmp_path / "out")


def test_discover_walks_folders_and_names_what_it_skips(tmp_path):
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in ("b.pdf", "sub/a.txt", "sub/notas.docx", "README.md", "sub/.hidden/x.pdf", "sub/make.py"):
        (tmp_path / name).write_bytes(b"x")
    skipped = []
    found = list(run.discover([tmp_path, tmp_path / "missing.pdf"], skipped))
    # a .docx is read, so that it becomes a failures row saying how to convert it
    assert [p.replace(str(tmp_path), "") for p in found] == ["/b.pdf", "/sub/a.txt", "/sub/notas.docx", "/missing.pdf"]
    assert [p.replace(str(tmp_path), "") for p in skipped] == ["/README.md", "/sub/make.py"]


def test_a_row_without_its_key_becomes_a_failure_with_its_cells(tmp_path, probe_family):
    def keyless(doc, ctx):
        rows = [
            {"clave": "1.1", "nivel": "fin", "meta_anual": 10.0, "page": 1},
            # a Propósito that prints its acronym but no code: named, so written
            {"clave": None, "siglas": "PSAL", "nivel": "proposito", "meta_anual": 4.0, "page": 1},
            # cell debris: neither code nor acronym
            {"clave": None, "siglas": None, "indicador": "2/2 200 100.00", "meta_anual": 10.0, "page": 2},
        ]
        return Extraction(records=rows)

    probe_family("zz_keys.v1", keyless, dataset="indicators")
    src = tmp_path / "a.txt"
    src.write_text("nada\n", "utf-8")
    out = tmp_path / "out"
    summary = pipeline.process_document(src, out)
    assert summary.status == "partial" and summary.rows["indicators"] == 2
    failures = _read(out, "failures")
    row = failures[failures["error_type"] == "missing_key"].iloc[0]
    assert row["stage"] == "validate" and "no clave" in row["message"] and "page 2" in row["message"]
    assert json.loads(row["record"])["indicador"] == "2/2 200 100.00"
    assert _read(out, "indicators")["siglas"].fillna("").tolist() == ["", "PSAL"]


def test_a_document_whose_every_row_is_rejected_says_it_has_no_records(tmp_path, probe_family):
    def only_debris(doc, ctx):
        return Extraction(records=[{"clave": None, "siglas": None, "indicador": "2/2", "page": 2}])

    probe_family("zz_debris.v1", only_debris, dataset="indicators")
    src = tmp_path / "a.txt"
    src.write_text("nada\n", "utf-8")
    summary = pipeline.process_document(src, tmp_path / "out")
    kinds = [(f["stage"], f["error_type"]) for f in summary.failures]
    assert ("validate", "missing_key") in kinds and ("validate", "no_records") in kinds


def test_a_family_document_with_no_records_is_partial_and_says_why(tmp_path, probe_family):
    def finds_nothing(doc, ctx):
        return Extraction()

    probe_family("zz_empty.v1", finds_nothing, dataset="indicators", doc_types=("unknown",))
    src = tmp_path / "a.txt"
    src.write_text("nada\n", "utf-8")
    summary = pipeline.process_document(src, tmp_path / "out")
    assert summary.status == "partial"
    (failure,) = [f for f in summary.failures if f["error_type"] == "no_records"]
    assert "zz_empty.v1 found no indicators rows" in failure["message"]


def test_a_family_without_an_extractor_yet_says_its_rows_are_missing(tmp_path, probe_family):
    # every family has an extractor now: declare informes as classified but not extracted
    spec = probe_family("zz_unused.v1", lambda doc, ctx: Extraction(), doc_types=("zz_unused",))
    specs = registry._default.specs()
    specs["informe_supervision"] = dataclasses.replace(specs["informe_supervision"], runs=None)
    assert spec.family == "zz_unused"
    src = tmp_path / "informe.txt"
    src.write_text(
        "INFORME DE SUPERVISIÓN\nObjetivo general\nVerificar la atención.\nObjetivos específicos\n"
        "1. Verificar medicamentos.\nHallazgos\nfaltan camas.\nConclusiones\nNo hay personal.\nRecomendaciones\n"
        "Supervisión de derechos humanos en la visita.\n",
        "utf-8",
    )
    summary = pipeline.process_document(src, tmp_path / "out")
    assert summary.doc_type == "informe_supervision" and summary.status == "partial"
    (failure,) = [f for f in summary.failures if f["error_type"] == "no_records"]
    assert "no informe_supervision extractor yet" in failure["message"]
