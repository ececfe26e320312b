"""End to end through the real CLI and the Prefect flow, as a user runs it: bad files
beside a good one, a second run over the same folder, and DuckDB reading the result."""

import random
import subprocess
import sys

import duckdb
import pytest
from pypdf import PdfReader, PdfWriter

import schemas

from conftest import ROOT
from test_bad_input_read import make_pdf, png_chunk

pytestmark = pytest.mark.prefect

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
    (folder / "enorme.png").write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", b"x\x9c\x03\x00\x00\x00\x00\x01") + png_chunk(b"IEND", b""))
    (folder / "binario.txt").write_bytes(bytes(range(256)) * 20)


def _ingest(*args):
    return subprocess.run([sys.executable, "-m", "papeleo.cli", "ingest", *args, "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def _counts(out):
    return {name: duckdb.sql(f"select count(*) from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
            for name in ("documents", "mentions", "failures")}


def test_bad_inputs_fail_alone_and_a_rerun_changes_nothing(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _inbox(inbox)
    first = _ingest(str(inbox), "--out", str(out))
    assert first.returncode == 1, first.stdout + first.stderr  # completed, some documents failed
    assert "Failures (" in first.stdout and "informe_supervision" in first.stdout

    failures = duckdb.sql(f"select source, stage, error_type, message from read_parquet('{out}/failures/*.parquet')").fetchall()
    by_file = {src.rsplit("/", 1)[-1]: (stage, kind, msg) for src, stage, kind, msg in failures}
    assert {f: v[1] for f, v in by_file.items()} == EXPECTED_FAILURES
    assert all(stage == "read" and len(msg) > 40 for stage, _, msg in by_file.values())

    docs = duckdb.sql(f"select file_name, doc_type, status, text_source from read_parquet('{out}/documents/*.parquet')").fetchall()
    good = [d for d in docs if d[0] == "informe de supervisión ñ.txt"]
    assert good == [("informe de supervisión ñ.txt", "informe_supervision", "ok", "plain_text")]
    assert {d[2] for d in docs if d[0] != good[0][0]} == {"failed"}
    urls = duckdb.sql(f"select valor from read_parquet('{out}/mentions/*.parquet') where tipo = 'url'").fetchall()
    assert urls == [("https://www.ejemplo.gob.gt/informes/2023/",)]

    before = _counts(out)
    second = _ingest(str(inbox), "--out", str(out))
    assert second.returncode == 1
    assert _counts(out) == before

    for name in schemas.DATASETS:  # every dataset present has the contract's types
        files = list((out / name).glob("*.parquet"))
        if files:
            got = duckdb.sql(f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true) limit 0").columns
            assert got == schemas.get(name).schema.names


def test_usage_errors_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "papeleo.cli", "ingest", "--max-pages", "0", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "--max-pages" in result.stderr
