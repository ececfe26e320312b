"""The read-document cache: re-extracting an unchanged file never reads (or OCRs) it again;
the cache is keyed by content and reader version and can be deleted at any time."""

import gzip
import shutil

import pytest

from helpers import SAMPLES
from papeleo import pipeline
from papeleo.model import BBox, Document, Failure, Line, Page, Rule, Word
from papeleo.readers import ReadSettings, read_document
from papeleo.readers import cache as cache_mod
from papeleo.readers.cache import ReadCache, dict_to_document, document_to_dict


def _page() -> Page:
    words = (Word("Meta", BBox(10, 20, 40, 30), 0.91), Word("3,600", BBox(50, 20, 80, 30), 0.5))
    return Page(
        number=2,
        lines=(Line.from_words(words), Line(text="a\tb", words=(Word("a"), Word("b")))),
        text_source="ocr",
        width=612.0,
        height=792.0,
        ocr_confidence=0.7,
        rules=(Rule(10, 15, 300, 15.5), Rule(45, 15, 45.5, 200)),
        rotation=90,
    )


def test_a_document_survives_the_round_trip():
    doc = Document("a" * 64, "in/x.pdf", "x.pdf", "pdf", pages=[_page()], page_count=3)
    back = dict_to_document(document_to_dict(doc), doc.doc_id, "other/y.pdf", "y.pdf")
    assert back.pages == doc.pages and back.page_count == 3 and back.media_type == "pdf"
    assert (back.source, back.file_name) == ("other/y.pdf", "y.pdf")  # the cache holds no source


def test_a_fresh_read_and_a_cached_read_are_the_same_document(tmp_path):
    # rows are read from boxes; a box a cache rounds differently from a fresh read once moved
    # a value to another column between a run and its re-run
    path = SAMPLES / "mir_avance_texto.pdf"
    fresh = read_document(path, cache_root=tmp_path)
    cached = read_document(path, cache_root=tmp_path)
    assert not fresh.cached and cached.cached
    assert cached.document.pages == fresh.document.pages
    uncached = read_document(path)
    assert uncached.document.pages == fresh.document.pages


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = ReadCache(tmp_path, "300dpi-spa")
    doc = Document("b" * 64, "x", "x", "text", pages=[_page()], page_count=1)
    assert cache.put(doc.doc_id, "x", doc, [])
    cache.path_for(doc.doc_id).write_bytes(gzip.compress(b"{not json"))
    assert cache.get(doc.doc_id, "x", "x") is None


def test_reads_that_hit_a_limit_are_not_cached(tmp_path):
    cache = ReadCache(tmp_path, "300dpi-spa")
    doc = Document("c" * 64, "x", "x", "pdf", pages=[_page()], page_count=9)
    assert not cache.put(doc.doc_id, "x", doc, [Failure("read", "read_timeout", "stopped")])
    assert cache.get(doc.doc_id, "x", "x") is None


def test_the_key_is_content_reader_version_and_settings(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("hola www.ejemplo.org\n", "utf-8")
    first = read_document(src, cache_root=tmp_path / "out")
    assert not first.cached
    assert read_document(src, cache_root=tmp_path / "out").cached
    assert not read_document(src, ReadSettings(dpi=200), cache_root=tmp_path / "out").cached
    monkeypatch.setattr(cache_mod, "READER_VERSION", cache_mod.READER_VERSION + 1)
    assert not read_document(src, cache_root=tmp_path / "out").cached
    src.write_text("hola www.otro.org\n", "utf-8")  # new bytes, new entry
    changed = read_document(src, cache_root=tmp_path / "out")
    assert not changed.cached and "otro" in changed.document.text


def test_same_bytes_under_another_name_share_the_entry_and_name_themselves(tmp_path):
    (tmp_path / "vacio.pdf").write_bytes(b"%PDF-1.4\n")
    read_document(tmp_path / "vacio.pdf", cache_root=tmp_path / "out")
    shutil.copy(tmp_path / "vacio.pdf", tmp_path / "otro.pdf")
    again = read_document(tmp_path / "otro.pdf", cache_root=tmp_path / "out")
    assert again.cached and again.failures
    assert all("vacio.pdf" not in f.message for f in again.failures)


@pytest.mark.ocr
def test_re_extracting_a_scan_never_runs_ocr_again(tmp_path, monkeypatch):
    scan = SAMPLES / "mir_avance_escaneado.pdf"
    out = tmp_path / "out"
    first = pipeline.process_document(scan, out)
    assert first.pages_ocr == first.pages > 0 and not first.cached_read

    def no_ocr(*args, **kwargs):
        raise AssertionError("the page was OCR'd again")

    monkeypatch.setattr("papeleo.readers.pdf.plumber_pages_to_pages", no_ocr)
    monkeypatch.setattr("papeleo.readers.read_pdf", no_ocr)
    second = pipeline.process_document(scan, out)
    assert second.cached_read and second.pages_ocr == 0
    assert second.rows == first.rows and second.doc_type == first.doc_type

    shutil.rmtree(out / "_cache")  # deletable at any time: the next run simply reads again
    monkeypatch.undo()
    third = pipeline.process_document(scan, out)
    assert not third.cached_read and third.rows == first.rows
