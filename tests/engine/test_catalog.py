"""The analysts' catalog ``OUT/papeleo.duckdb`` (papeleo.catalog): views over the Parquet files,
in the flat layout (``<dataset>/src-*.parquet``), the partitioned one (``<dataset>`` a symlink to
``.../year=<y>/``, documents under ``family=<doc_type>/year=<y>/``) and whatever the store writes.

Every expected value is counted from the rows written here, never taken from the program."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

import schemas
from helpers import ROOT, SAMPLES
from papeleo.catalog import CATALOG_NAME, build_catalog, catalog_help
from papeleo.store import ParquetStore

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
EARLIER = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
ANALYST_VIEWS = ("indicators_by_document", "indicators_latest", "document_quality", "catalog_columns")
# how DuckDB names each Arrow type of the contract
DUCKDB_TYPE = {
    "string": "VARCHAR",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "date32[day]": "DATE",
    "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE",
    "list<item: string>": "VARCHAR[]",
    "bool": "BOOLEAN",
}

D1, D2, D3, D4, D5, D6, D7 = (c * 64 for c in "abcdefg")


def _doc(doc_id, name, doc_type, status="ok", fecha=None, extracted_at=NOW, emisor=None):
    return {
        "doc_id": doc_id,
        "source": f"/in/{name}",
        "file_name": name,
        "doc_type": doc_type,
        "status": status,
        "fecha_documento": fecha,
        "extracted_at": extracted_at,
        "emisor": emisor,
    }


def _ind(doc_id, n, ente, ejercicio, trimestre, **cells):
    return {
        "doc_id": doc_id,
        "record_id": f"{doc_id[:4]}-{n}",
        "page": 1 + n,
        "confidence": 0.9,
        "ente": ente,
        "ejercicio": ejercicio,
        "trimestre": trimestre,
        **cells,
    }


# (documents row, year label, {dataset: rows}) per document
DOCS = [
    (
        _doc(D1, "x_q2.pdf", "mir_avance", fecha=dt.date(2023, 7, 10), emisor="Tesorería X"),
        "2023",
        {
            "indicators": [
                _ind(D1, 0, "X", 2023, 2, clave="1.1", alcanzado_t2=10.0, avance_pct=50.0),
                _ind(D1, 1, "X", 2023, 2, clave="1.2", alcanzado_t2=20.0),
                _ind(D1, 2, "X", 2023, 2, siglas="PSAL", alcanzado_t2=5.0),
            ]
        },
    ),
    (
        _doc(D2, "x_q3.pdf", "mir_avance", status="partial", fecha=dt.date(2023, 10, 10), emisor="Tesorería X"),
        "2023",
        {
            "indicators": [
                # 7 values (ente, ejercicio, trimestre, clave, alcanzado_t3, avance_pct, meta_anual):
                # 1 corrected, 1 imputed, 2 checks in conflict
                _ind(
                    D2,
                    0,
                    "X",
                    2023,
                    3,
                    clave="1.1",
                    alcanzado_t3=30.0,
                    avance_pct=75.0,
                    meta_anual=40.0,
                    corrected=["alcanzado_t3:corregido", "meta_anual:imputado"],
                    checks=["suma_programado=conflict", "avance_calculado=ok", "alcanzado_t3_sin_respaldo=conflict"],
                    comentario_extraccion="alcanzado_t3 read back; meta_anual from the quarters",
                ),
                # 5 values, 1 corrected
                _ind(
                    D2,
                    1,
                    "X",
                    2023,
                    3,
                    siglas="PSAL",
                    alcanzado_t3=7.0,
                    corrected=["alcanzado_t3:corregido"],
                    checks=["suma_programado=ok"],
                ),
                # 5 values
                _ind(D2, 2, "X", 2023, 3, clave="9.9", avance_pct=1.0),
            ],
            # 2 values each (tipo, valor)
            "mentions": [
                {"doc_id": D2, "record_id": f"{D2[:4]}-m{i}", "tipo": "url", "valor": v, "page": 1}
                for i, v in enumerate(["https://a.mx", "https://b.mx"])
            ],
            "failures": [
                {
                    "doc_id": D2,
                    "record_id": "failure-b",
                    "source": "/in/x_q3.pdf",
                    "stage": "validate",
                    "error_type": "schema_violation",
                    "message": "a row without clave",
                    "failed_at": NOW,
                }
            ],
        },
    ),
    (
        _doc(D3, "y_q2.pdf", "mir_avance", fecha=dt.date(2023, 7, 1)),
        "2023",
        {"indicators": [_ind(D3, 0, "Y", 2023, 2, clave="1.1", avance_pct=40.0)]},
    ),
    (
        _doc(D4, "asm.pdf", "convenio_asm"),
        "unknown",
        {
            "commitments": [
                # 4 values (tipo, numero, texto, fecha_compromiso): 2 corrected, 1 conflict
                {
                    "doc_id": D4,
                    "record_id": f"{D4[:4]}-0",
                    "tipo": "hallazgo",
                    "numero": 1,
                    "texto": "Falta de evidencia",
                    "fecha_compromiso": dt.date(2024, 3, 31),
                    "corrected": ["numero:corregido", "fecha_compromiso:corregido"],
                    "checks": ["conteo=ok", "secuencia=conflict"],
                },
                # 2 values (tipo, texto): 1 imputed, 1 conflict
                {
                    "doc_id": D4,
                    "record_id": f"{D4[:4]}-1",
                    "tipo": "recomendacion",
                    "texto": "Publicar el padrón",
                    "corrected": ["texto:imputado"],
                    "checks": ["conteo=conflict"],
                },
            ]
        },
    ),
    (
        # a second Q3 report of X for 2023, dated later: it wins 9.9 over x_q3.pdf
        _doc(D5, "x_q3_fe.pdf", "mir_avance", fecha=dt.date(2023, 10, 20), extracted_at=EARLIER),
        "2023",
        {"indicators": [_ind(D5, 0, "X", 2023, 3, clave="9.9", avance_pct=2.0)]},
    ),
    (
        _doc(D6, "x_2022_q4.pdf", "mir_avance", fecha=dt.date(2023, 1, 15)),
        "2022",
        {"indicators": [_ind(D6, 0, "X", 2022, 4, clave="1.1", avance_pct=99.0)]},
    ),
    (
        _doc(D7, "broken.pdf", "unknown", status="failed"),
        "unknown",
        {
            "failures": [
                {
                    "doc_id": D7,
                    "record_id": "failure-g",
                    "source": "/in/broken.pdf",
                    "stage": "extract",
                    "error_type": "no_records",
                    "message": "nothing found",
                    "failed_at": NOW,
                }
            ]
        },
    ),
]


def _written(dataset):
    if dataset == "documents":
        return [doc for doc, _, _ in DOCS]
    return [row for _, _, tables in DOCS for row in tables.get(dataset, [])]


def _table(dataset, rows):
    return schemas.get(dataset).to_table(rows)


def _flat_root(root):
    """The layout before partitioning: ``<dataset>/schema.parquet`` and one file per document."""
    for name, dataset in schemas.DATASETS.items():
        (root / name).mkdir(parents=True)
        pq.write_table(dataset.schema.empty_table(), root / name / "schema.parquet")
    for doc, _, tables in DOCS:
        for name, rows in {**tables, "documents": [doc]}.items():
            pq.write_table(_table(name, rows), root / name / f"src-{doc['doc_id'][:16]}.parquet")
    return root


def _labels(name, doc, year):
    if name == "documents":
        return f"family={doc['doc_type']}/year={year}"
    return f"year={year}"


def _partitioned_root(root):
    """The partitioned layout: ``OUT/<dataset>`` a symlink to ``<gen>/<dataset>``, files in
    ``year=<y>/`` (documents: ``family=<doc_type>/year=<y>/``), the schema file in the unknown
    partition."""
    gen = root / ".gen" / "000001"
    for name, dataset in schemas.DATASETS.items():
        unknown = gen / name / ("family=unknown/year=unknown" if name == "documents" else "year=unknown")
        unknown.mkdir(parents=True)
        pq.write_table(dataset.schema.empty_table(), unknown / "schema.parquet")
        (root / name).symlink_to(gen / name, target_is_directory=True)
    for doc, year, tables in DOCS:
        for name, rows in {**tables, "documents": [doc]}.items():
            folder = gen / name / _labels(name, doc, year)
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(_table(name, rows), folder / f"src-{doc['doc_id'][:16]}.parquet")
    return root


def _store_root(root):
    """Whatever layout the store writes."""
    store = ParquetStore(root)
    store.prepare()
    for doc, _, tables in DOCS:
        store.replace_document(
            doc["doc_id"][:32],
            {**{n: _table(n, rows) for n, rows in tables.items()}, "documents": _table("documents", [doc])},
        )
    return root


LAYOUTS = {"flat": _flat_root, "partitioned": _partitioned_root, "store": _store_root}


@pytest.fixture(params=list(LAYOUTS))
def out(request, tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    return LAYOUTS[request.param](root)


def _open(out):
    return duckdb.connect(str(out / CATALOG_NAME), read_only=True)


def test_every_dataset_view_returns_the_written_rows(out):
    path = build_catalog(out)
    assert path == out.absolute() / CATALOG_NAME
    con = _open(out)
    views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert views == set(schemas.DATASETS) | set(ANALYST_VIEWS)
    assert con.execute("select count(*) from duckdb_tables()").fetchone() == (0,)  # views only
    for name in schemas.DATASETS:
        id_column = "doc_id" if name == "documents" else "record_id"
        got = sorted(r[0] for r in con.execute(f"select {id_column} from {name}").fetchall())
        assert got == sorted(row[id_column] for row in _written(name)), name
    assert sorted(con.execute("select file_name, status, fecha_documento from documents").fetchall()) == sorted(
        (d["file_name"], d["status"], d["fecha_documento"]) for d in _written("documents")
    )
    assert con.execute("select count(*) from scores").fetchone() == (0,)  # nothing written there


def test_column_types_follow_the_schemas_also_without_rows(out):
    build_catalog(out)
    con = _open(out)
    for name, dataset in schemas.DATASETS.items():
        got = dict(con.execute(f"select column_name, column_type from (describe {name})").fetchall())
        for field in dataset.schema:
            if field.name in got:  # a column newer than the files is absent until a run writes it
                assert got[field.name] == DUCKDB_TYPE[str(field.type)], (name, field.name)
        assert set(got) - set(dataset.schema.names) <= {"year", "family"}, name
        labels = {c for c in got if c in ("year", "family")}
        for label in labels:
            assert got[label] == "VARCHAR"
    assert con.execute("select count(*), count(calificacion_final) from scores").fetchone() == (0, 0)


def test_partition_labels_are_text_columns_when_the_folders_are_there(tmp_path):
    out = _partitioned_root(tmp_path / "out")
    build_catalog(out)
    con = _open(out)
    assert sorted(con.execute("select file_name, family, year from documents").fetchall()) == sorted(
        (doc["file_name"], doc["doc_type"], year) for doc, year, _ in DOCS
    )
    assert con.execute("select year, count(*) from indicators group by year order by year").fetchall() == [
        ("2022", 1),
        ("2023", 8),
    ]
    # the labels came through the analyst views too, which never name them
    assert con.execute("select count(*) from indicators_latest where year = '2023'").fetchone() == (5,)
    assert "year" not in {r[0] for r in con.execute("select column_name from (describe document_quality)").fetchall()}


def test_flat_layout_has_no_label_columns(tmp_path):
    out = _flat_root(tmp_path / "out")
    build_catalog(out)
    columns = {r[0] for r in _open(out).execute("select column_name from (describe documents)").fetchall()}
    assert "year" not in columns and "family" not in columns


def test_views_and_columns_carry_the_contract_descriptions(out):
    build_catalog(out)
    con = _open(out)
    view_comments = dict(con.execute("select view_name, comment from duckdb_views() where not internal").fetchall())
    for name, dataset in schemas.DATASETS.items():
        assert view_comments[name].startswith(dataset.description)
        assert "absolute" in view_comments[name]
        comments = dict(
            con.execute("select column_name, comment from duckdb_columns() where table_name = ?", [name]).fetchall()
        )
        for field in dataset.schema:
            if field.name in comments:
                assert comments[field.name] == field.metadata[b"description"].decode(), (name, field.name)
        assert all(comments.values()), name  # labels too
    for name in ANALYST_VIEWS:
        assert view_comments[name]
        uncommented = con.execute(
            "select column_name from duckdb_columns() where table_name = ? and comment is null", [name]
        ).fetchall()
        assert uncommented == [], name
    # the data dictionary view lists them for tools that do not show comments
    assert con.execute(
        "select comment from catalog_columns where view_name = 'indicators' and column_name = 'clave'"
    ).fetchone() == (schemas.get("indicators").schema.field("clave").metadata[b"description"].decode(),)


def test_indicators_latest_takes_the_latest_quarter_per_ente_and_year(out):
    build_catalog(out)
    rows = (
        _open(out)
        .execute(
            "select ente, ejercicio, indicator_key, trimestre, avance_pct, alcanzado_t2, alcanzado_t3, "
            "file_name, reports from indicators_latest order by all"
        )
        .fetchall()
    )
    assert rows == [
        ("X", 2022, "clave 1.1", 4, 99.0, None, None, "x_2022_q4.pdf", 1),
        ("X", 2023, "clave 1.1", 3, 75.0, None, 30.0, "x_q3.pdf", 2),  # Q3 over Q2
        ("X", 2023, "clave 1.2", 2, None, 20.0, None, "x_q2.pdf", 1),  # only in Q2
        ("X", 2023, "clave 9.9", 3, 2.0, None, None, "x_q3_fe.pdf", 2),  # same quarter: later fecha_documento
        ("X", 2023, "siglas PSAL", 3, None, None, 7.0, "x_q3.pdf", 2),  # no clave: its siglas
        ("Y", 2023, "clave 1.1", 2, 40.0, None, None, "y_q2.pdf", 1),  # another ente, kept apart
    ]


def test_indicators_by_document_puts_the_report_up_front(out):
    build_catalog(out)
    con = _open(out)
    columns = [r[0] for r in con.execute("select column_name from (describe indicators_by_document)").fetchall()]
    assert columns[:6] == ["ente", "ejercicio", "trimestre", "file_name", "source", "emisor"]
    assert len(columns) == len(set(columns))
    rows = con.execute("select record_id, file_name, emisor from indicators_by_document").fetchall()
    names = {doc["doc_id"]: doc for doc, _, _ in DOCS}
    assert sorted(rows) == sorted(
        (r["record_id"], names[r["doc_id"]]["file_name"], names[r["doc_id"]]["emisor"]) for r in _written("indicators")
    )


def test_document_quality_counts_what_was_corrected_imputed_and_in_conflict(out):
    build_catalog(out)
    con = _open(out)
    got = {
        r[0]: r[1:]
        for r in con.execute(
            "select file_name, doc_type, status, records, values_filled, values_as_is, values_corrected, "
            "values_imputed, conflicts, failures, indicators_records, mentions_records, commitments_records "
            "from document_quality"
        ).fetchall()
    }
    # counted by hand from DOCS above
    assert got["x_q3.pdf"] == ("mir_avance", "partial", 5, 21, 18, 2, 1, 2, 1, 3, 2, 0)
    assert got["asm.pdf"] == ("convenio_asm", "ok", 2, 6, 3, 2, 1, 2, 0, 0, 0, 2)
    assert got["broken.pdf"] == ("unknown", "failed", 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)
    # x_q2.pdf: rows of 6, 5 and 5 values (ente, ejercicio, trimestre, clave or siglas, the numbers), as read
    assert got["x_q2.pdf"][2:8] == (3, 16, 16, 0, 0, 0)
    assert len(got) == len(DOCS)


def _noise(i):
    return "".join(hashlib.sha512(f"{i}-{k}".encode()).hexdigest() for k in range(8))


def test_the_catalog_copies_no_data(tmp_path):
    out = tmp_path / "out"
    _flat_root(out)
    # 3000 rows of text that does not compress: well over a megabyte of Parquet
    rows = [_ind(D1, 100 + i, "X", 2023, 2, clave=f"5.{i}", comentario=_noise(i)) for i in range(3000)]
    pq.write_table(_table("indicators", rows), out / "indicators" / "bulk.parquet", compression="zstd")
    assert sum(f.stat().st_size for f in (out / "indicators").iterdir()) > 1_000_000
    path = build_catalog(out)
    assert path.stat().st_size < 1_000_000
    con = _open(out)
    assert con.execute("select count(*) from indicators").fetchone() == (3000 + len(_written("indicators")),)
    assert con.execute("select count(*) from duckdb_tables()").fetchone() == (0,)


def test_the_catalog_opens_read_only_from_another_directory(out, tmp_path, monkeypatch):
    build_catalog(out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    con = duckdb.connect(str(out / CATALOG_NAME), read_only=True)
    assert con.execute("select count(*) from indicators").fetchone() == (len(_written("indicators")),)
    assert con.execute("select count(*) from document_quality").fetchone() == (len(DOCS),)
    with pytest.raises(duckdb.Error):
        con.execute("create view v as select 1")


def test_a_rebuild_replaces_the_file_atomically(tmp_path):
    out = _flat_root(tmp_path / "out")
    first = build_catalog(out)
    old = duckdb.connect(str(first), read_only=True)  # a BI tool holding the old catalog open
    inode = first.stat().st_ino
    killed = out / f".{CATALOG_NAME}.0123456789ab.tmp"
    killed.write_bytes(b"what a build killed two hours ago left")
    os.utime(killed, (time.time() - 7200, time.time() - 7200))
    second = build_catalog(out)
    assert second == first and second.stat().st_ino != inode
    assert old.execute("select count(*) from documents").fetchone() == (len(DOCS),)  # still reads its file
    leftovers = [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".wal")) or ".tmp." in p.name]
    assert leftovers == []
    assert _open(out).execute("select count(*) from documents").fetchone() == (len(DOCS),)


def test_two_builds_at_once_leave_one_whole_catalog(tmp_path):
    out = _flat_root(tmp_path / "out")
    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(lambda _: build_catalog(out), range(2)))
    assert paths[0] == paths[1]
    assert _open(out).execute("select count(*) from document_quality").fetchone() == (len(DOCS),)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_a_dataset_folder_with_no_file_is_an_empty_typed_view(tmp_path, caplog):
    out = _flat_root(tmp_path / "out")
    for f in (out / "scores").iterdir():
        f.unlink()
    with caplog.at_level("WARNING", logger="papeleo.catalog"):
        build_catalog(out)
    assert "scores" in caplog.text
    con = _open(out)
    assert con.execute("select count(*) from scores").fetchone() == (0,)
    types = dict(con.execute("select column_name, column_type from (describe scores)").fetchall())
    assert types["calificacion_final"] == "DOUBLE" and types["checks"] == "VARCHAR[]"
    assert con.execute("select count(*) from document_quality").fetchone() == (len(DOCS),)


def test_roots_the_views_cannot_read_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_catalog(tmp_path / "missing")
    odd = tmp_path / "out[1]"
    odd.mkdir()
    with pytest.raises(ValueError, match="glob"):
        build_catalog(odd)


def test_catalog_help_says_how_to_open_it(tmp_path):
    text = catalog_help(tmp_path)
    path = str(tmp_path.absolute() / CATALOG_NAME)
    assert f"duckdb -readonly {path}" in text
    assert f"duckdb.connect('{path}', read_only=True)" in text
    assert "DBeaver" in text and "Metabase" in text


def test_the_catalog_of_a_real_ingest_counts_what_the_parquet_files_hold(tmp_path):
    out = tmp_path / "out"
    papeleo = os.path.join(os.path.dirname(sys.executable), "papeleo")
    subprocess.run(
        [papeleo, "ingest", str(SAMPLES / "mir_avance_ocr.txt"), "--out", str(out), "--no-progress"],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    build_catalog(out)
    con = _open(out)
    for name in schemas.DATASETS:
        files = pads.dataset(str(out / name), format="parquet", partitioning="hive")
        assert con.execute(f"select count(*) from {name}").fetchone() == (files.count_rows(),), name
    assert con.execute("select count(*) from indicators").fetchone()[0] > 0
    # the view's own count of a document's records agrees with the pipeline's
    assert con.execute(
        "select q.records = d.records from document_quality q join documents d using (doc_id)"
    ).fetchall() == [(True,)]
    assert con.execute("select count(*) from indicators_latest").fetchone()[0] > 0


def test_the_catalog_is_written_for_duckdb_1_clients(tmp_path):
    """The v1.0.0 storage format: older DBeaver and Metabase drivers open it too."""
    out = _flat_root(tmp_path / "out")
    build_catalog(out)
    tags = _open(out).execute("select tags from duckdb_databases() where database_name = current_database()").fetchone()
    assert tags == ({"storage_version": "v1.0.0+"},)
