"""Sources: what a user names becomes documents (papeleo.sources), and remote ones are fetched
into OUT/_raw within bounds (papeleo.fetch). Fetching runs against a real HTTP server on
loopback (http_fixture.Portal) that serves the samples and fails the ways portals fail."""

from __future__ import annotations

import base64
import hashlib
import os
import time
from pathlib import Path

import pytest
from http_fixture import BIG_BYTES, FLAKY_FAILURES, PDF_SAMPLE, SAMPLES, TEXT_SAMPLE, Portal

from papeleo import sources
from papeleo.sources import FetchError, FetchLimits, Source, SourceError, expand, fetch, file_name, validate

PDF_BYTES = (SAMPLES / PDF_SAMPLE).read_bytes()
PDF_SHA = hashlib.sha256(PDF_BYTES).hexdigest()
# Small limits and no real back-off; the time limit is generous (a loaded CI machine must not
# turn six loopback redirects into a timeout) except in NO_RETRY, for the tests of the time limit.
QUICK = FetchLimits(max_bytes=512 * 1024, timeout_s=10.0, max_redirects=5, retries=3, retry_delays_s=(0.01,))
NO_RETRY = FetchLimits(max_bytes=512 * 1024, timeout_s=1.0, max_redirects=5, retries=0)
# Generous: a time limit of 1 s that took this long was not enforced.
SLOW_FAIL_S = 10.0


@pytest.fixture(scope="module")
def portal():
    with Portal() as server:
        yield server


@pytest.fixture(autouse=True)
def no_proxy_env(monkeypatch):
    """A proxy set on the test machine must not carry loopback requests elsewhere."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def remote(url: str) -> Source:
    return Source(uri=url, remote=True)


def fetch_error(url: str, out: Path, limits: FetchLimits = QUICK) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(remote(url), out, limits)
    err = caught.value
    assert "\n" not in err.message and url in err.message
    assert not list((out / "_raw").glob(".tmp-*")), "a failed download left its temporary file"
    return err


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


# --- fetching over HTTP ----------------------------------------------------------------------


def test_a_fetched_pdf_is_kept_by_its_content(portal, tmp_path):
    got = fetch(remote(portal.url(f"/samples/{PDF_SAMPLE}")), tmp_path / "out", QUICK)
    assert Path(got.path) == tmp_path / "out" / "_raw" / f"{PDF_SHA}.pdf"
    assert Path(got.path).read_bytes() == PDF_BYTES
    assert (got.sha256, got.size) == (PDF_SHA, len(PDF_BYTES))


def test_the_same_bytes_fetched_twice_are_one_file(portal, tmp_path):
    out = tmp_path / "out"
    first = fetch(remote(portal.url(f"/samples/{PDF_SAMPLE}")), out, QUICK)
    second = fetch(remote(portal.url("/redirect/twice/0")), out, QUICK)  # another URL, the same bytes
    assert first == second
    assert [p.name for p in (out / "_raw").iterdir()] == [f"{PDF_SHA}.pdf"]


def test_text_is_a_document_and_kept_as_txt(portal, tmp_path):
    got = fetch(remote(portal.url(f"/samples/{TEXT_SAMPLE}")), tmp_path, QUICK)
    assert got.path.endswith(".txt")
    assert Path(got.path).read_bytes() == (SAMPLES / TEXT_SAMPLE).read_bytes()


@pytest.mark.parametrize("path", ["/samples/no_existe.pdf", "/gone.pdf"])
def test_a_missing_document_is_not_found_and_asked_once(portal, tmp_path, path):
    err = fetch_error(portal.url(path), tmp_path)
    assert err.error_type == "not_found"
    assert portal.hits[path] == 1  # a 404 is not worth a retry


def test_a_refusal_is_an_http_error_naming_a_login(portal, tmp_path):
    err = fetch_error(portal.url("/forbidden.pdf"), tmp_path)
    assert err.error_type == "http_error" and "403" in err.message and "login" in err.message
    assert portal.hits["/forbidden.pdf"] == 1


def test_a_stalled_server_times_out(portal, tmp_path):
    started = time.monotonic()
    err = fetch_error(portal.url("/slow/once"), tmp_path, NO_RETRY)
    assert err.error_type == "timeout"
    assert time.monotonic() - started < SLOW_FAIL_S


def test_a_timeout_is_retried(portal, tmp_path):
    limits = FetchLimits(timeout_s=0.5, retries=1, retry_delays_s=(0.01,))
    err = fetch_error(portal.url("/slow/twice"), tmp_path, limits)
    assert err.error_type == "timeout" and "after 2 attempts" in err.message
    assert portal.hits["/slow/twice"] == 2


def test_the_time_limit_is_for_the_whole_download_not_each_read(portal, tmp_path):
    # a byte every 0.2 s never trips a per-read timeout of 1 s; only a whole-download limit ends it
    started = time.monotonic()
    err = fetch_error(portal.url("/drip.pdf"), tmp_path, NO_RETRY)
    assert err.error_type == "timeout"
    assert time.monotonic() - started < SLOW_FAIL_S


@pytest.mark.parametrize(
    ("path", "why"),
    [("/big-honest.pdf", "declares"), ("/big-chunked.pdf", "sent over"), ("/big-unframed.pdf", "sent over")],
)
def test_an_oversized_download_is_refused(portal, tmp_path, path, why):
    assert BIG_BYTES > QUICK.max_bytes
    err = fetch_error(portal.url(path), tmp_path)
    assert err.error_type == "too_large" and why in err.message
    assert portal.hits[path] == 1  # too large stays too large: not retried
    assert not any((tmp_path / "_raw").iterdir())


@pytest.mark.parametrize("path", ["/page.html", "/fragment.pdf", "/empty.pdf"])
def test_a_web_page_or_nothing_is_not_a_document(portal, tmp_path, path):
    err = fetch_error(portal.url(path), tmp_path)
    assert err.error_type == "not_a_document"
    assert not any((tmp_path / "_raw").iterdir())


def test_redirects_are_followed_within_the_bound(portal, tmp_path):
    got = fetch(remote(portal.url("/redirect/short/4")), tmp_path, QUICK)  # 5 redirects: the limit
    assert Path(got.path).read_bytes() == PDF_BYTES
    assert portal.hits["/final/short"] == 1


def test_a_redirect_chain_past_the_bound_stops(portal, tmp_path):
    err = fetch_error(portal.url("/redirect/long/5"), tmp_path)  # 6 redirects
    assert err.error_type == "too_many_redirects"
    assert portal.hits["/redirect/long/0"] == 1
    assert portal.hits["/final/long"] == 0  # the sixth redirect was not followed


def test_a_redirect_to_a_local_file_is_not_followed(portal, tmp_path):
    err = fetch_error(portal.url("/redirect-to-file"), tmp_path)
    assert err.error_type == "unsupported_scheme" and "file:///etc/passwd" in err.message
    assert not files_under(tmp_path)


def test_a_redirect_to_a_bad_address_is_an_error_not_a_crash(portal, tmp_path):
    err = fetch_error(portal.url("/redirect-bad-port"), tmp_path)
    assert err.error_type == "network" and "not valid" in err.message
    assert portal.hits["/redirect-bad-port"] == 1


def test_a_503_is_retried_with_back_off(portal, tmp_path):
    got = fetch(remote(portal.url("/flaky/a")), tmp_path, QUICK)
    assert got.sha256 == PDF_SHA
    assert portal.hits["/flaky/a"] == FLAKY_FAILURES + 1


def test_retries_run_out(portal, tmp_path):
    limits = FetchLimits(retries=1, retry_delays_s=(0.01,))
    err = fetch_error(portal.url("/flaky/b"), tmp_path, limits)
    assert err.error_type == "http_error" and "503" in err.message and "after 2 attempts" in err.message
    assert portal.hits["/flaky/b"] == 2


def test_a_connection_cut_short_is_a_network_error_not_a_short_file(portal, tmp_path):
    err = fetch_error(portal.url("/truncated.pdf"), tmp_path)
    assert err.error_type == "network" and "100 of" in err.message
    assert portal.hits["/truncated.pdf"] == QUICK.retries + 1


def test_a_refused_connection_is_a_network_error(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nobody listens on once this socket closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = fetch_error(f"http://127.0.0.1:{port}/acta.pdf", tmp_path)
    assert err.error_type == "network" and "refused" in err.message


@pytest.mark.parametrize(
    "path", ["/../../etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/a/..%2f..%2f..%2fescape.pdf"]
)
def test_a_url_never_names_a_file(portal, tmp_path, path):
    out = tmp_path / "deep" / "out"
    got = fetch(remote(portal.url(path)), out, QUICK)
    assert Path(got.path) == out / "_raw" / f"{PDF_SHA}.pdf"
    assert files_under(tmp_path) == {Path(got.path)}
    assert path in portal.raw_paths  # the request went out as written: the client did not tidy it away
    assert "/" not in file_name(remote(portal.url(path)))


def test_urls_go_through_the_proxy_the_environment_names(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("http_proxy", portal.base)
    url = f"http://portal.example/samples/{PDF_SAMPLE}"  # resolvable by the proxy only
    got = fetch(remote(url), tmp_path, QUICK)
    assert got.sha256 == PDF_SHA
    assert url in portal.raw_paths


def test_a_proxy_with_credentials_gets_them(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("http_proxy", portal.base.replace("http://", "http://usuario:clave%40@"))
    url = "http://portal.example/final/proxied"
    fetch(remote(url), tmp_path, QUICK)
    sent = portal.proxy_auth[portal.raw_paths.index(url)]
    assert sent == "Basic " + base64.b64encode(b"usuario:clave@").decode()


@pytest.mark.parametrize("url", ["ftp://portal.gob.mx/a.pdf", "gopher://x/1", "javascript:alert(1)"])
def test_fetch_refuses_other_schemes(tmp_path, url):
    assert fetch_error(url, tmp_path).error_type == "unsupported_scheme"


def test_s3_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr("papeleo.fetch.s3_available", lambda: False)
    err = fetch_error("s3://bucket/acta.pdf", tmp_path)
    assert err.error_type == "unsupported_scheme" and "pip install 'papeleo[s3]'" in err.message


def test_a_fetch_error_is_a_fetch_failure_row():
    failure = FetchError("timeout", "https://a.mx/x.pdf did not finish").failure()
    assert (failure.stage, failure.error_type) == ("fetch", "timeout")


# --- fetching local files and file:// URLs -------------------------------------------------------


def test_a_local_source_is_hashed_in_place(tmp_path):
    got = fetch(Source(uri=str(SAMPLES / PDF_SAMPLE), remote=False), tmp_path / "out")
    assert (got.path, got.sha256, got.size) == (str(SAMPLES / PDF_SAMPLE), PDF_SHA, len(PDF_BYTES))
    assert not (tmp_path / "out").exists()


def test_a_missing_local_source_is_not_found(tmp_path):
    with pytest.raises(FetchError) as caught:
        fetch(Source(uri=str(tmp_path / "no.pdf"), remote=False), tmp_path)
    assert caught.value.error_type == "not_found"


def test_a_file_url_is_fetched_like_a_remote_one(tmp_path):
    doc = tmp_path / "en el buzón" / "mi informe.pdf"
    doc.parent.mkdir()
    doc.write_bytes(PDF_BYTES)
    url = doc.as_uri()
    assert "%20" in url
    got = fetch(remote(url), tmp_path / "out", QUICK)
    assert Path(got.path) == tmp_path / "out" / "_raw" / f"{PDF_SHA}.pdf"
    assert Path(got.path).read_bytes() == PDF_BYTES
    assert file_name(remote(url)) == "mi informe.pdf"


def test_file_url_failures(tmp_path):
    assert fetch_error((tmp_path / "no.pdf").as_uri(), tmp_path).error_type == "not_found"
    assert fetch_error(tmp_path.as_uri(), tmp_path).error_type == "unreadable"
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF_BYTES)
    small = FetchLimits(max_bytes=1000)
    assert fetch_error(big.as_uri(), tmp_path, small).error_type == "too_large"
    page = tmp_path / "page.pdf"
    page.write_bytes(b"<html><body>login</body></html>")
    assert fetch_error(page.as_uri(), tmp_path).error_type == "not_a_document"


def test_raw_path_takes_only_a_hash_and_a_known_extension(tmp_path):
    assert sources.raw_path(tmp_path, PDF_SHA, "pdf") == tmp_path / "_raw" / f"{PDF_SHA}.pdf"
    for sha, ext in [("../../etc/passwd", "pdf"), (PDF_SHA, "pdf/../../x"), (PDF_SHA, "exe")]:
        with pytest.raises(ValueError):
            sources.raw_path(tmp_path, sha, ext)


def test_partial_downloads_of_a_killed_run_are_removed(tmp_path):
    raw = tmp_path / "_raw"
    raw.mkdir()
    (raw / ".tmp-0123abcd").write_bytes(b"%PDF-half")
    (raw / f"{PDF_SHA}.pdf").write_bytes(PDF_BYTES)
    assert sources.remove_partial_downloads(tmp_path) == 1
    assert [p.name for p in raw.iterdir()] == [f"{PDF_SHA}.pdf"]
    assert sources.remove_partial_downloads(tmp_path / "elsewhere") == 0


@pytest.mark.parametrize(
    ("uri", "name"),
    [
        ("https://portal.gob.mx/descargas/Acta%20de%20cabildo.pdf?v=2", "Acta de cabildo.pdf"),
        ("https://portal.gob.mx/", "download"),
        ("https://portal.gob.mx", "download"),
        ("https://portal.gob.mx/a/%2e%2e%2f", "download"),
        ("https://portal.gob.mx/a/..%2f..%2fpasswd", "passwd"),
        ("s3://bucket/2024/informe.pdf", "informe.pdf"),
    ],
)
def test_file_name_is_a_label_from_the_last_segment(uri, name):
    assert file_name(remote(uri)) == name


# --- expand: what the user named, as documents ----------------------------------------------------


def make_tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF_BYTES if name.endswith(".pdf") else b"texto\n")


def test_a_folder_is_walked_in_name_order_under_the_folder_rules(tmp_path):
    make_tree(
        tmp_path,
        ["inbox/b.pdf", "inbox/a.txt", "inbox/sub/c.pdf", "inbox/_raw/x.pdf", "inbox/.git/y.pdf"]
        + ["inbox/.hidden.pdf", "inbox/README.md", "inbox/notas.json"],
    )
    skipped: list[str] = []
    got = expand([str(tmp_path / "inbox")], skipped)
    inbox = str(tmp_path / "inbox")
    assert got == [Source(os.path.join(inbox, n), False) for n in ["a.txt", "b.pdf", os.path.join("sub", "c.pdf")]]
    assert skipped == [os.path.join(inbox, "README.md"), os.path.join(inbox, "notas.json")]


def test_a_glob_is_matched_sorted_and_stays_out_of_underscore_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path, ["inbox/2024/b.pdf", "inbox/2023/a.pdf", "inbox/a.txt", "inbox/_raw/z.pdf", "inbox/c.pdf"])
    got = expand(["inbox/**/*.pdf"])
    assert [s.uri for s in got] == ["inbox/2023/a.pdf", "inbox/2024/b.pdf", "inbox/c.pdf"]
    assert not any(s.remote for s in got)
    assert [s.uri for s in expand(["inbox/202?"])] == ["inbox/2023/a.pdf", "inbox/2024/b.pdf"]  # folders walked
    everything = ["inbox/a.txt", "inbox/c.pdf", "inbox/2023/a.pdf", "inbox/2024/b.pdf"]
    assert [os.path.normpath(s.uri) for s in expand(["inbox/**"])] == everything


URL_LIST = """\ufeff# actas publicadas en 2024
https://portal.gob.mx/actas/enero.pdf

  https://portal.gob.mx/actas/febrero.pdf   # la segunda
# s3 y archivos locales también
file:///srv/buzon/marzo.pdf\r
https://portal.gob.mx/actas/enero.pdf
"""


def test_a_url_list_becomes_its_urls_in_order(tmp_path):
    (tmp_path / "urls.txt").write_text(URL_LIST, "utf-8")
    got = expand([str(tmp_path / "urls.txt")])
    assert got == [
        remote("https://portal.gob.mx/actas/enero.pdf"),
        remote("https://portal.gob.mx/actas/febrero.pdf"),
        remote("file:///srv/buzon/marzo.pdf"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Acta de la sesión ordinaria.\nConsulte https://portal.gob.mx/actas/enero.pdf para el anexo.\n",
        "https://portal.gob.mx/actas/enero.pdf\nFirma: el secretario\n",
        "Fecha:2024-03-01\nFolio:123\n",  # URL-shaped tokens, but no fetchable URL
        "",
    ],
)
def test_a_text_document_that_mentions_a_url_stays_a_document(tmp_path, text):
    doc = tmp_path / "acta_ocr.txt"
    doc.write_text(text, "utf-8")
    assert expand([str(doc)]) == [Source(str(doc), False)]
    validate([str(doc)])


def test_a_large_file_is_never_read_as_a_list(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "LIST_MAX_BYTES", 100)
    doc = tmp_path / "urls.txt"
    doc.write_text("https://portal.gob.mx/actas/enero.pdf\n" * 10, "utf-8")
    assert expand([str(doc)]) == [Source(str(doc), False)]


def test_a_list_inside_a_folder_is_a_document(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "urls.txt").write_text(URL_LIST, "utf-8")
    assert expand([str(tmp_path / "inbox")]) == [Source(str(tmp_path / "inbox" / "urls.txt"), False)]


def test_each_document_is_listed_once_the_first_way_it_was_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path, ["inbox/a.pdf", "inbox/b.pdf"])
    (tmp_path / "urls.txt").write_text("https://portal.gob.mx/x.pdf\nhttps://portal.gob.mx/x.pdf\n", "utf-8")
    got = expand(["inbox/b.pdf", "inbox", "./inbox/a.pdf", "urls.txt", "https://portal.gob.mx/x.pdf"])
    assert got == [
        Source("inbox/b.pdf", False),
        Source(os.path.join("inbox", "a.pdf"), False),
        remote("https://portal.gob.mx/x.pdf"),
    ]


def test_expand_never_raises_for_what_validate_refuses(tmp_path):
    missing = str(tmp_path / "no.pdf")
    got = expand([missing, "ftp://portal.gob.mx/a.pdf", str(tmp_path / "*.zzz")])
    assert got == [Source(missing, False), remote("ftp://portal.gob.mx/a.pdf")]


# --- validate: one line a person can act on, before any work -------------------------------------


def validate_error(specs: list[str]) -> str:
    with pytest.raises(SourceError) as caught:
        validate(specs)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_validate_accepts_every_kind_of_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path, ["inbox/a.pdf", "inbox/sub/b.pdf"])
    (tmp_path / "urls.txt").write_text(URL_LIST, "utf-8")
    validate(["inbox", "inbox/a.pdf", "inbox/**/*.pdf", "urls.txt", "https://portal.gob.mx/a.pdf"])
    validate([(tmp_path / "inbox" / "a.pdf").as_uri(), Path("inbox")])


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("ftp://portal.gob.mx/a.pdf", "'ftp:' URLs are not fetched; give http, https, file or s3"),
        ("javascript:alert(1)", "'javascript:' URLs are not fetched"),
        ("data:application/pdf;base64,JVBERi0=", "'data:' URLs are not fetched"),
        ("gopher://portal.gob.mx/1", "'gopher:' URLs are not fetched"),
        ("https:///acta.pdf", "names no host"),
        ("https://usuario:clave@portal.gob.mx/a.pdf", "user name or password"),
        ("https://portal.gob.mx/mi informe.pdf", "write a space as %20"),
        ("http://portal.gob.mx:99999/a.pdf", "not a valid URL"),
        ("file://otra-maquina/srv/a.pdf", "names another machine"),
    ],
)
def test_validate_refuses_urls_that_cannot_be_fetched(spec, words):
    message = validate_error([str(SAMPLES), spec])
    assert spec[:40] in message and words in message


def test_validate_refuses_nothing_a_missing_path_and_an_empty_pattern(tmp_path):
    assert "no input given" in validate_error([])
    missing = str(tmp_path / "acción" / "informe 2024.pdf")
    assert (
        validate_error([str(SAMPLES), missing])
        == f"input not found: {missing} (check the path, accents and spaces included)"
    )
    assert "matches no file" in validate_error([str(tmp_path / "**" / "*.pdf")])
    assert "input not found" in validate_error([(tmp_path / "no.pdf").as_uri()])


def test_a_missing_file_with_a_colon_is_named_both_ways(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert validate_error(["acta:2024.pdf"]).endswith("(or, if it is a file name, no such file exists)")
    (tmp_path / "acta:2024.pdf").write_bytes(PDF_BYTES)
    validate(["acta:2024.pdf"])
    assert expand(["acta:2024.pdf"]) == [Source("acta:2024.pdf", False)]


def test_validate_names_the_file_and_line_of_a_bad_list_entry(tmp_path):
    (tmp_path / "urls.txt").write_text("# lista\nhttps://portal.gob.mx/a.pdf\n\nftp://portal.gob.mx/b.pdf\n", "utf-8")
    message = validate_error([str(tmp_path / "urls.txt")])
    assert message.startswith(f"{tmp_path / 'urls.txt'}, line 4: ftp://portal.gob.mx/b.pdf") and "ftp:" in message


def test_validate_s3_without_the_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(sources, "s3_available", lambda: False)
    assert "pip install 'papeleo[s3]'" in validate_error(["s3://bucket/acta.pdf"])


def test_validate_accepts_s3_with_the_extra():
    pytest.importorskip("s3fs")
    validate(["s3://transparencia/2024/acta.pdf"])  # no network: only the URL's shape is checked
    assert "names no bucket" in validate_error(["s3:///acta.pdf"])
