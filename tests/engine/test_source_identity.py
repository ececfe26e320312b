"""A document is its source: new bytes at the same path replace the old version's rows (issue
13); identical bytes under two sources are two documents; a root written when files were keyed
by ``doc_id`` is moved to source keys once, its duplicates gone."""

import hashlib
import shutil

import schemas
from papeleo import pipeline
from papeleo.store import ParquetStore, source_key


def _read(out, dataset):
    return ParquetStore(out).read(dataset).to_pandas()


def test_new_bytes_at_the_same_source_replace_the_old_rows(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("ver www.uno.org y www.dos.org el 1 de enero de 2020\n", "utf-8")
    out = tmp_path / "out"
    first = pipeline.process_document(src, out)
    src.write_text("ver www.tres.org el 2 de febrero de 2021\n", "utf-8")
    second = pipeline.process_document(src, out)
    docs = _read(out, "documents")
    assert docs["doc_id"].tolist() == [hashlib.sha256(src.read_bytes()).hexdigest()]
    assert sorted(_read(out, "mentions")["valor"]) == ["2021-02-02", "www.tres.org"]
    assert (first.replaced, second.replaced) == (None, first.doc_id)


def test_identical_bytes_under_two_sources_are_two_documents(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_text("ver www.uno.org el 1 de enero de 2020\n", "utf-8")
    out = tmp_path / "out"
    pipeline.process_document(a, out)
    pipeline.process_document(b, out)
    docs = _read(out, "documents")
    assert sorted(docs["source"]) == sorted([str(a), str(b)])
    assert docs["doc_id"].nunique() == 1
    assert len(_read(out, "mentions")) == 4


def test_a_root_keyed_by_doc_id_is_moved_to_source_keys_and_its_duplicates_dropped(tmp_path):
    """Two versions of one source written under their doc_ids (as before issue 13): after
    prepare() only the newer one's rows are left, under the source's key."""
    src = tmp_path / "a.txt"
    out, legacy = tmp_path / "out", tmp_path / "legacy"
    store = ParquetStore(out)
    old_keys = []
    for text in ("ver www.uno.org el 1 de enero de 2020\n", "ver www.tres.org el 2 de febrero de 2021\n"):
        src.write_text(text, "utf-8")
        pipeline.process_document(src, out)
        key = source_key(str(src))
        doc_id = store.previous_doc_id(key)
        for dataset in schemas.DATASETS:  # this version as that layout kept it: <dataset>/<doc_id>.parquet
            (legacy / dataset).mkdir(parents=True, exist_ok=True)
            for path in store.fresh_files(dataset, key):
                shutil.copy(path, legacy / dataset / f"{doc_id}.parquet")
        old_keys.append(doc_id)
    store = ParquetStore(legacy)
    assert len(_read(legacy, "documents")) == 2  # the duplicate a changed file left
    out = legacy
    done = store.prepare()
    assert str(src) in done[0] and "generation 1" in done[1]
    docs = _read(out, "documents")
    assert docs["doc_id"].tolist() == [old_keys[-1]]
    assert sorted(_read(out, "mentions")["valor"]) == ["2021-02-02", "www.tres.org"]
    assert store.fresh_files("documents", source_key(str(src)))
    assert (out / "documents").is_symlink()  # the generation layout (papeleo.store.layout)
    assert store.prepare() == []  # once: nothing left to move


def test_the_run_summary_names_a_replacement(tmp_path):
    from papeleo import run
    from papeleo.report import format_summary

    src = tmp_path / "inbox" / "a.txt"
    src.parent.mkdir()
    out = str(tmp_path / "out")
    src.write_text("ver www.uno.org el 1 de enero de 2020\n", "utf-8")
    run.run_ingest([str(src.parent)], out, progress=False)
    src.write_text("ver www.dos.org el 2 de enero de 2020\n", "utf-8")
    summary = run.run_ingest([str(src.parent)], out, progress=False)
    assert [r["source"] for r in summary.replaced] == [str(src)]
    assert "Replaced 1 document(s) whose file changed" in format_summary(summary, out)
    assert len(_read(out, "documents")) == 1
