"""The ``papeleo diff --format html`` page as a browser sees it: Debian's headless Chromium
through its chromedriver loads the written file, logs no console error (a CSP violation is one:
the page must not try to load anything), runs no script, and shows a document's hostile text
as the characters it is."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import schemas
from papeleo.diff import diff_outputs, format_diff
from papeleo.store import ParquetStore, source_key

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists() and shutil.which("chromedriver")),
    reason="Debian's chromium and chromium-driver are not installed (make setup)",
)

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def _root(root: Path, comentario: str, when: dt.datetime) -> str:
    store = ParquetStore(root)
    store.prepare()
    row = {"doc_id": "a" * 64, "record_id": "r1", "extractor": "mir_avance.v2", "clave": "1.1", "page": 1}
    doc = {"doc_id": "a" * 64, "source": "javascript:alert(4)", "file_name": "mir.pdf", "extracted_at": when}
    store.replace_document(
        source_key(doc["source"]),
        {
            "indicators": schemas.get("indicators").to_table([{**row, "comentario": comentario}]),
            "documents": schemas.get("documents").to_table([doc]),
        },
    )
    return str(root)


@pytest.fixture
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_the_diff_page_loads_without_console_errors_and_shows_hostile_text_as_text(tmp_path, browser):
    old = _root(tmp_path / "old", "sin novedad", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    new = _root(tmp_path / "new", HOSTILE, dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    page = tmp_path / "diff.html"
    page.write_text(format_diff(diff_outputs(old, new), fmt="html"), "utf-8")
    browser.get(page.as_uri())
    from selenium.webdriver.common.by import By

    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR", "WARNING")]
    assert errors == []
    assert (
        browser.execute_script("return document.scripts.length + document.images.length + document.links.length") == 0
    )
    text = browser.find_element(By.TAG_NAME, "body").text
    assert HOSTILE in text.replace("\n", "")  # shown as written (the value cell wraps)
    assert "javascript:alert(4)" in text and "WARNING: 1 row(s) changed" in text
    assert browser.find_element(By.CSS_SELECTOR, "p.warning").is_displayed()
