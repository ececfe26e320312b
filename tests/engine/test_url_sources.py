"""URLs through the whole run (issue 13): a document fetched from a real loopback server is
ingested with its URL as its source and its bytes kept at ``OUT/_raw/<sha256>.<ext>``; a URL
that cannot be fetched is a ``fetch`` failures row and the run goes on; a URL list names
many; a URL unchanged since last night is skipped after fetching; a bad URL is refused
before any work starts."""

import hashlib

import pandas as pd
import pytest
from http_fixture import PDF_SAMPLE, SAMPLES, TEXT_SAMPLE, Portal

from papeleo import cli, run
from papeleo.context import Settings
from papeleo.store import ParquetStore

# small limits so the slow and oversized routes end fast
SETTINGS = Settings(fetch_max_mb=1.0, fetch_timeout_s=2.0)


@pytest.fixture(scope="module")
def portal():
    with Portal() as p:
        yield p


def _read(out, dataset):
    return ParquetStore(out).read(dataset).to_pandas()


def test_urls_are_fetched_kept_by_content_and_their_failures_recorded(portal, tmp_path):
    good_pdf, good_txt = portal.url(f"/samples/{PDF_SAMPLE}"), portal.url(f"/samples/{TEXT_SAMPLE}")
    missing, page, big = portal.url("/gone.pdf"), portal.url("/page.html"), portal.url("/big-chunked.pdf")
    listing = tmp_path / "portal.urls"
    listing.write_text(f"# the portal's reports\n{good_pdf}\n\n{good_txt}\n{missing}\n{page}\n{big}\n", "utf-8")
    out = tmp_path / "out"
    summary = run.run_ingest([str(listing)], str(out), SETTINGS, progress=False, jobs=1)

    assert summary.documents == 5 and summary.failed_documents == 3  # the run went on past each failure
    docs = _read(out, "documents").set_index("source")
    assert sorted(docs.index) == sorted([good_pdf, good_txt])
    assert docs.loc[good_pdf, "file_name"] == PDF_SAMPLE and docs.loc[good_pdf, "doc_type"] == "mir_avance"
    pdf_bytes = (SAMPLES / PDF_SAMPLE).read_bytes()
    sha = hashlib.sha256(pdf_bytes).hexdigest()
    assert docs.loc[good_pdf, "doc_id"] == sha
    assert (out / "_raw" / f"{sha}.pdf").read_bytes() == pdf_bytes  # the exact file the rows came from
    assert len(_read(out, "indicators")) > 0

    failures = _read(out, "failures").set_index("source")
    assert (failures.loc[[missing, page, big], "stage"] == "fetch").all()
    assert failures.loc[missing, "error_type"] == "not_found"
    assert failures.loc[page, "error_type"] == "not_a_document"
    assert failures.loc[big, "error_type"] == "too_large"
    assert missing in failures.loc[missing, "message"]  # says which URL, so a person can act on it
    assert not [p for p in (out / "_raw").iterdir() if p.name.startswith(".tmp")]


def test_an_unchanged_url_is_skipped_after_fetching(portal, tmp_path):
    url = portal.url(f"/samples/{TEXT_SAMPLE}")
    out = tmp_path / "out"
    first = run.run_ingest([url], str(out), SETTINGS, progress=False)
    again = run.run_ingest([url], str(out), SETTINGS, progress=False)
    assert first.documents == 1 and again.unchanged == [url]
    assert portal.hits[f"/samples/{TEXT_SAMPLE}"] >= 2  # fetched again: only the bytes tell it is unchanged
    pd.testing.assert_series_equal(_read(out, "documents")["source"], pd.Series([url], name="source"))


@pytest.mark.parametrize(
    "spec, says",
    [
        ("ftp://example.org/a.pdf", "ftp"),
        ("javascript:alert(1)", "javascript"),
        ("nowhere/inbox", "not found"),
    ],
)
def test_a_source_papeleo_cannot_take_is_refused_before_any_work(spec, says, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["ingest", spec, "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1
    assert not out.exists()  # nothing started
