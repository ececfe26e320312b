import datetime as dt

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import schemas
from papeleo.store import ParquetStore
from papeleo.store.layout import STAGING

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _mentions(doc_id, values):
    rows = [
        {"doc_id": doc_id, "record_id": f"{doc_id}-{i}", "tipo": "url", "valor": v, "page": 1, "confidence": 1.0}
        for i, v in enumerate(values)
    ]
    return schemas.get("mentions").to_table(rows)


def _document(doc_id):
    return schemas.get("documents").to_table(
        [{"doc_id": doc_id, "source": f"/in/{doc_id}.pdf", "status": "ok", "extracted_at": NOW}]
    )


def test_replacing_a_document_never_duplicates(tmp_path):
    store = ParquetStore(tmp_path)
    store.prepare()
    store.replace_document(
        "a" * 64, {"mentions": _mentions("a" * 64, ["x", "y", "z"]), "documents": _document("a" * 64)}
    )
    store.replace_document("a" * 64, {"mentions": _mentions("a" * 64, ["x", "y"]), "documents": _document("a" * 64)})
    store.replace_document("b" * 64, {"mentions": _mentions("b" * 64, ["w"]), "documents": _document("b" * 64)})
    assert store.read("mentions").num_rows == 3
    assert store.read("documents").num_rows == 2
    # an empty table removes the document's rows from that dataset
    store.replace_document("a" * 64, {"mentions": None})
    assert store.read("mentions").num_rows == 1


def test_files_keep_declared_types_and_descriptions(tmp_path):
    store = ParquetStore(tmp_path)
    store.prepare()
    store.replace_document("a" * 64, {"documents": _document("a" * 64)})
    written = pq.read_schema(store.fresh_files("documents", "a" * 64)[0])
    assert written.field("extracted_at").type == schemas.get("documents").schema.field("extracted_at").type
    assert written.field("source").type == "string"  # not large_string
    assert written.field("doc_id").metadata[b"description"].startswith(b"sha256")
    df = pd.read_parquet(tmp_path / "documents")
    assert len(df) == 1
    got = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path}/documents/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert got == [(1,)]


def test_a_write_killed_before_its_commit_point_is_discarded(tmp_path, monkeypatch):
    store = ParquetStore(tmp_path)
    store.prepare()
    store.replace_document("a" * 64, {"mentions": _mentions("a" * 64, ["old"])})

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed while writing the manifest")

    monkeypatch.setattr("papeleo.store.journal.json.dumps", killed)
    with pytest.raises(KeyboardInterrupt):
        store.replace_document("a" * 64, {"mentions": _mentions("a" * 64, ["new1", "new2"])})
    monkeypatch.undo()
    # readers still see exactly the old rows; the half-done write is invisible to them
    assert pd.read_parquet(tmp_path / "mentions")["valor"].tolist() == ["old"]
    assert any((tmp_path / STAGING).iterdir())
    repaired = ParquetStore(tmp_path).prepare()
    assert repaired and "discarded" in repaired[0]
    assert not any((tmp_path / STAGING).iterdir())
    assert store.read("mentions")["valor"].to_pylist() == ["old"]


def test_a_write_killed_after_its_commit_point_is_finished_by_the_next_run(tmp_path, monkeypatch):
    store = ParquetStore(tmp_path)
    store.prepare()
    store.replace_document("a" * 64, {"mentions": _mentions("a" * 64, ["old"])})
    monkeypatch.setattr("papeleo.store.journal.apply", lambda root, txn: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        store.replace_document(
            "a" * 64, {"mentions": _mentions("a" * 64, ["new1", "new2"]), "documents": _document("a" * 64)}
        )
    monkeypatch.undo()
    assert store.read("documents").num_rows == 0  # documents row only once everything is in place
    repaired = ParquetStore(tmp_path).prepare()
    assert "finished" in repaired[0]
    assert sorted(store.read("mentions")["valor"].to_pylist()) == ["new1", "new2"]
    assert store.read("documents").num_rows == 1
