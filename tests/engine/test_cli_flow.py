"""End to end through the real CLI, as a user runs it: bad files beside a good one, a second
run over the same folder, DuckDB reading the result; usage errors; the same ingestion as a
Prefect flow run (``--prefect``) giving the same rows as the in-process run."""

import os
import random
import subprocess
import sys

import duckdb
import pytest
from pypdf import PdfReader, PdfWriter
from test_bad_input_read import make_pdf, png_chunk

import schemas
from helpers import ROOT
from papeleo.store import ParquetStore
from papeleo.store.layout import partition_labels

GOOD = (
    "INFORME DE SUPERVISIÓN AL HOSPITAL REGIONAL DE OCCIDENTE\n\n"
    "Objetivo general\nVerificar la atención a pacientes en el área de emergencia.\n\n"
    "Objetivos específicos\n1. Verificar el abastecimiento de medicamentos.\n\n"
    "Hallazgos\nVisita del 14 de marzo de 2023: faltan camas en el área de encamamiento.\n\n"
    "Conclusiones\nEl hospital no cuenta con personal suficiente.\n\n"
    "Recomendaciones\nAl Ministerio de Salud: asignar presupuesto. Ver https://www.ejemplo.gob.gt/informes/2023/\n"
)

EXPECTED_FAILURES = {  # file -> error_type, as each bad input is described in the core issue
    "vacio.pdf": "empty_file",
    "aleatorio.pdf": "not_a_pdf",
    "truncado.pdf": "corrupt_pdf",
    "cifrado.pdf": "encrypted_pdf",
    "enorme.png": "image_too_large",
    "binario.txt": "not_text",
}


def _inbox(folder):
    folder.mkdir()
    (folder / "informe de supervisión ñ.txt").write_text(GOOD, "utf-8")
    (folder / "vacio.pdf").write_bytes(b"")
    (folder / "aleatorio.pdf").write_bytes(random.Random(1).randbytes(3000))
    whole = make_pdf(folder.parent / "whole.pdf").read_bytes()
    (folder / "truncado.pdf").write_bytes(whole[: len(whole) // 2])
    writer = PdfWriter()
    for page in PdfReader(folder.parent / "whole.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secreto")
    with open(folder / "cifrado.pdf", "wb") as fh:
        writer.write(fh)
    ihdr = (60000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    (folder / "enorme.png").write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", b"x\x9c\x03\x00\x00\x00\x00\x01")
        + png_chunk(b"IEND", b"")
    )
    (folder / "binario.txt").write_bytes(bytes(range(256)) * 20)


def _ingest(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "papeleo.cli", "ingest", *args, "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def _no_prefect_env():
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    return env


def _counts(out):
    return {
        name: duckdb.sql(
            f"select count(*) from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true)"
        ).fetchall()[0][0]
        for name in ("documents", "mentions", "failures")
    }


def test_bad_inputs_fail_alone_and_a_rerun_changes_nothing(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _inbox(inbox)
    first = _ingest(str(inbox), "--out", str(out))
    assert first.returncode == 1, first.stdout + first.stderr  # completed, some documents failed
    assert "Failures (" in first.stdout and "informe_supervision" in first.stdout

    failures = duckdb.sql(
        f"select source, stage, error_type, message from read_parquet('{out}/failures/**/*.parquet', hive_partitioning=false)"
    ).fetchall()
    by_file = {src.rsplit("/", 1)[-1]: (stage, kind, msg) for src, stage, kind, msg in failures}
    good_name = "informe de supervisión ñ.txt"
    assert good_name not in by_file  # the good file is read whole while the bad ones fail beside it
    assert {f: v[1] for f, v in by_file.items()} == EXPECTED_FAILURES
    assert all(stage == "read" and len(msg) > 40 for stage, _, msg in by_file.values())

    docs = duckdb.sql(
        f"select file_name, doc_type, status, text_source from read_parquet('{out}/documents/**/*.parquet', hive_partitioning=false)"
    ).fetchall()
    good = [d for d in docs if d[0] == "informe de supervisión ñ.txt"]
    assert good == [("informe de supervisión ñ.txt", "informe_supervision", "ok", "plain_text")]
    # the five items GOOD prints, one per section (read from GOOD above)
    tipos = duckdb.sql(
        f"select seccion from read_parquet('{out}/findings/**/*.parquet', hive_partitioning=false)"
    ).fetchall()
    assert sorted(t for (t,) in tipos) == sorted(
        ["objetivo_general", "objetivo_especifico", "hallazgo", "conclusion", "recomendacion"]
    )
    assert {d[2] for d in docs if d[0] != good[0][0]} == {"failed"}
    urls = duckdb.sql(
        f"select valor from read_parquet('{out}/mentions/**/*.parquet', hive_partitioning=false) where tipo = 'url'"
    ).fetchall()
    assert urls == [("https://www.ejemplo.gob.gt/informes/2023/",)]

    before = _counts(out)
    second = _ingest(str(inbox), "--out", str(out))
    assert second.returncode == 1
    assert _counts(out) == before

    for name in schemas.DATASETS:  # every dataset present has the contract's types
        files = ParquetStore(out).files(name)
        if files:
            got = duckdb.sql(
                f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true) limit 0"
            ).columns
            assert got == schemas.get(name).schema.names + list(partition_labels(name))


def test_usage_errors_exit_2_with_one_line_before_any_work(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "papeleo.cli", "ingest", "--max-pages", "0", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "--max-pages" in result.stderr
    (tmp_path / "doc.txt").write_text(GOOD, "utf-8")
    a_file = tmp_path / "not_a_folder"
    a_file.write_text("x")
    cases = {
        "input not found": [str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "out")],
        "is a file": [str(tmp_path / "doc.txt"), "--out", str(a_file)],
        "cannot be written": [str(tmp_path / "doc.txt"), "--out", str(a_file / "below")],
    }
    for expected, args in cases.items():
        result = _ingest(*args, env=_no_prefect_env())
        assert result.returncode == 2, (expected, result.stdout, result.stderr)
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "out").exists()  # found before any work


def test_an_empty_inbox_is_a_normal_night(tmp_path):
    (tmp_path / "inbox").mkdir()
    result = _ingest(str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), env=_no_prefect_env())
    assert result.returncode == 0, result.stderr
    assert "no documents found" in result.stdout


def test_every_dataset_is_queryable_before_it_has_rows(tmp_path):
    import pandas as pd

    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "doc.txt").write_text(GOOD, "utf-8")
    out = tmp_path / "out"
    assert _ingest(str(tmp_path / "inbox"), "--out", str(out), env=_no_prefect_env()).returncode == 0
    for name, dataset in schemas.DATASETS.items():
        got = duckdb.sql(
            f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=false) limit 0"
        ).columns
        assert got == dataset.schema.names, name
        # pandas adds the partition folders' labels (family=, year=) after the declared columns
        labels = list(partition_labels(name))
        assert list(pd.read_parquet(out / name).columns) == dataset.schema.names + labels, name
    assert duckdb.sql(
        f"select count(*) from read_parquet('{out}/commitments/**/*.parquet', hive_partitioning=false)"
    ).fetchall() == [(0,)]


def test_in_process_runs_never_import_prefect(tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD, "utf-8")
    code = (
        "import sys; from papeleo.cli import main;"
        f"rc = main(['ingest', {str(tmp_path / 'doc.txt')!r}, '--out', {str(tmp_path / 'out')!r}, '--no-progress']);"
        "sys.exit(3 if any(m == 'prefect' or m.startswith(('prefect.', 'flows')) for m in sys.modules) else rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_no_prefect_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _rows(out):
    tables = {}
    for name in ("documents", "mentions", "failures"):
        rows = duckdb.sql(
            f"select * exclude (extracted_at) from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=false)"
            if name == "documents"
            else f"select * exclude (failed_at) from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=false)"
            if name == "failures"
            else f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=false)"
        ).fetchall()
        tables[name] = sorted(map(repr, rows))
    return tables


@pytest.mark.prefect
def test_a_prefect_flow_run_writes_the_same_rows_as_an_in_process_run(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "informe.txt").write_text(GOOD, "utf-8")
    (inbox / "vacio.pdf").write_bytes(b"")
    local = _ingest(str(inbox), "--out", str(tmp_path / "local"), env=_no_prefect_env())
    flow = _ingest(str(inbox), "--out", str(tmp_path / "flow"), "--prefect", env=_no_prefect_env())
    assert (local.returncode, flow.returncode) == (1, 1), flow.stderr
    assert _rows(tmp_path / "local") == _rows(tmp_path / "flow")
