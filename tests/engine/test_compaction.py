"""Compaction (papeleo.store.compact): a partition's small files become a few parts, and a
document is still replaced exactly, by rows built here by hand (expected values are the rows
written)."""

import datetime as dt
import os

import duckdb
import pandas as pd
import pyarrow.parquet as pq

import schemas
from papeleo.store import ParquetStore, layout
from papeleo.store import compact as compaction
from papeleo.store.keyindex import footer_keys

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _doc(key, year=2024, doc_type="mir_avance", n=3, tag="a"):
    doc_id = f"{key}-{tag}"
    ind = [
        {"doc_id": doc_id, "record_id": f"{doc_id}-{i}", "ente": key, "ejercicio": year, "clave": f"1.{i}",
         "meta_anual": float(i), "page": 1, "confidence": 1.0}
        for i in range(n)
    ]  # fmt: skip
    docs = [{"doc_id": doc_id, "source": f"/in/{key}.txt", "doc_type": doc_type, "ejercicio": year,
             "status": "ok", "extracted_at": NOW}]  # fmt: skip
    return {"indicators": schemas.get("indicators").to_table(ind), "documents": schemas.get("documents").to_table(docs)}


def _store(tmp_path, n=10):
    store = ParquetStore(tmp_path)
    store.prepare()
    for i in range(n):
        store.replace_document(f"src-{i:02d}", _doc(f"src-{i:02d}"))
    return store


def _rows(store, dataset="indicators"):
    return sorted(store.read(dataset).column("record_id").to_pylist())


def test_small_files_become_one_part_with_the_same_rows(tmp_path):
    store = _store(tmp_path)
    before = _rows(store)
    assert len(store.files("indicators")) == 10
    result = store.compact()
    assert result.generation == 2 and "indicators/year=2024" in result.partitions
    files = store.files("indicators")
    assert [f.name for f in files] == ["part-000002-0000.parquet"]
    assert _rows(store) == before
    # the part says which document each run of rows belongs to, in row order
    keys = [k for k, _ in footer_keys(files[0])]
    assert keys == [f"src-{i:02d}" for i in range(10)]
    # readers: DuckDB and pandas see the same rows, with the year folder as a column
    got = duckdb.sql(
        f"select count(*), min(year) from read_parquet('{tmp_path}/indicators/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert got == [(30, "2024")]
    assert len(pd.read_parquet(tmp_path / "indicators")) == 30


def test_below_the_threshold_nothing_is_rewritten(tmp_path):
    store = _store(tmp_path, n=2)
    assert store.compact(min_small_files=3).generation is None
    assert store.compact(force=True, min_small_files=3).generation == 2  # papeleo compact OUT --force
    assert len(store.files("indicators")) == 1
    # a partition's one new file is left alone: nothing to merge it with
    store.replace_document("src-50", _doc("src-50", year=2019, doc_type="dictamen_puntajes"))
    assert store.compact().generation is None


def test_full_parts_are_kept_and_only_small_files_merged(tmp_path, monkeypatch):
    monkeypatch.setattr(compaction, "PART_MAX_ROWS", 6)  # a part of 3+ rows is full
    store = _store(tmp_path, n=4)  # 3 rows each
    store.compact()
    parts = sorted(f.name for f in store.files("indicators"))
    assert len(parts) == 2  # 12 rows in parts of at most 6
    store.replace_document("src-10", _doc("src-10", n=1))
    store.replace_document("src-11", _doc("src-11", n=1))
    store.compact()
    after = sorted(f.name for f in store.files("indicators"))
    assert set(parts) <= set(after) and len(after) == 3  # the full parts untouched, the two new merged
    assert len(_rows(store)) == 14


def test_a_compacted_document_is_replaced_at_the_next_compaction_exactly(tmp_path):
    store = _store(tmp_path)
    store.compact()
    store.replace_document("src-03", _doc("src-03", n=2, tag="b"))
    # until the run's compaction, readers see the old version whole (never both, never none)
    assert [r for r in _rows(store) if r.startswith("src-03")] == [f"src-03-a-{i}" for i in range(3)]
    assert store.previous_doc_id("src-03") == "src-03-a"
    result = store.compact()
    assert result.replacements == 1
    assert [r for r in _rows(store) if r.startswith("src-03")] == ["src-03-b-0", "src-03-b-1"]
    assert len(_rows(store)) == 9 * 3 + 2
    assert store.read("documents").num_rows == 10
    assert store.previous_doc_id("src-03") == "src-03-b"
    assert not any((tmp_path / layout.PENDING).iterdir())


def test_a_compacted_document_removed_is_gone_from_every_dataset(tmp_path):
    store = _store(tmp_path)
    store.compact()
    assert store.has_document("src-05") and store.source_of("src-05") == "/in/src-05.txt"
    store.replace_document("src-05", {name: None for name in schemas.DATASETS})
    store.compact()
    assert not store.has_document("src-05")
    assert not any(r.startswith("src-05") for r in _rows(store))
    assert "src-05" not in store.keys("documents")


def test_a_document_whose_year_changed_moves_partition(tmp_path):
    store = _store(tmp_path)
    store.compact()
    store.replace_document("src-01", _doc("src-01", year=2025, tag="b"))
    store.compact()
    years = duckdb.sql(
        f"select year, count(*) from read_parquet('{tmp_path}/indicators/**/*.parquet', hive_partitioning=true) "
        "where ente = 'src-01' group by year"
    ).fetchall()
    assert years == [("2025", 3)]
    fam = duckdb.sql(
        f"select family, ejercicio from read_parquet('{tmp_path}/documents/**/*.parquet', hive_partitioning=true) "
        "where source = '/in/src-01.txt'"
    ).fetchall()
    assert fam == [("mir_avance", 2025)]


def test_a_fresh_document_replaced_twice_before_compaction_keeps_the_last(tmp_path):
    store = _store(tmp_path, n=3)
    store.replace_document("src-01", _doc("src-01", n=1, tag="b"))
    store.replace_document("src-01", _doc("src-01", year=2023, n=2, tag="c"))
    assert [r for r in _rows(store) if r.startswith("src-01")] == ["src-01-c-0", "src-01-c-1"]
    assert len(store.fresh_files("indicators", "src-01")) == 1


def test_a_query_that_listed_the_old_files_can_still_read_them(tmp_path):
    store = _store(tmp_path)
    listed = [os.path.realpath(p) for p in store.files("indicators")]
    store.compact()
    assert sum(pq.read_metadata(p).num_rows for p in listed) == 30  # the previous generation is kept
    store.replace_document("src-00", _doc("src-00", tag="b"))
    store.compact()
    store.replace_document("src-00", _doc("src-00", tag="c"))
    store.compact()
    gens = sorted(p.name for p in (tmp_path / layout.GEN_DIR).iterdir())
    assert gens == ["000003", "000004"]  # older ones are removed


def test_compaction_is_idempotent(tmp_path):
    store = _store(tmp_path)
    first = store.compact()
    again = store.compact()
    assert first.generation == 2 and again.generation is None
    assert again.files_after == first.files_after


def test_replacements_applied_before_a_kill_are_not_applied_twice(tmp_path, monkeypatch):
    """Killed after the new generation went live but before the pending replacements were
    cleared: the next run must not take the replaced document's rows out again."""
    store = _store(tmp_path)
    store.compact()
    store.replace_document("src-02", _doc("src-02", n=1, tag="b"))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed after the swap")

    monkeypatch.setattr(compaction, "remove_old_generations", killed)
    monkeypatch.setattr(compaction.layout, "remove_tree", lambda p: None)  # the pending folder stays
    try:
        store.compact()
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert any((tmp_path / layout.PENDING).iterdir())
    done = ParquetStore(tmp_path).prepare()
    assert [r for r in _rows(store) if r.startswith("src-02")] == ["src-02-b-0"]
    assert len(_rows(store)) == 9 * 3 + 1, done


def test_files_under_an_older_partition_layout_are_moved_by_the_next_run(tmp_path):
    """documents were filed by family and year for a while; a root written then is read as it
    is and its files moved under family only by the next run's preparation."""
    store = _store(tmp_path, n=3)
    for path in store.files("documents"):  # as that layout had them: family=<f>/year=<y>/
        deeper = path.parent / "year=2024" / path.name
        deeper.parent.mkdir(exist_ok=True)
        os.replace(path, deeper)
    assert store.read("documents").num_rows == 3  # readable as it is
    assert ParquetStore(tmp_path).prepare()[-1].startswith("finished the interrupted compaction")
    assert sorted(str(p.relative_to(tmp_path)).split("/")[1] for p in store.files("documents")) == ["family=mir_avance"]
    assert store.read("documents").num_rows == 3 and store.has_document("src-01")
    got = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path}/documents/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert got == [(3,)]
