"""The review page in a real browser: Debian's headless Chromium driven by selenium.

What a reviewer does, checked the way they would see it: the page loads with no console
error and no Content-Security-Policy violation (a listener added through the DevTools
protocol before the page's own script, which CSP does not govern, records every violation);
the entries shown are the doubtful values of the rows (derived here from the rows read back
with pandas); a crop is the row's region of the page (compared with an independent pypdfium2
render); accept, correct, keyboard and filters work; the exported decisions file (read from
Chrome's download folder) has the agreed shape; a value holding a script shows as text.

The scanned sample is OCR'd once, in the module-scoped ``scan_root`` fixture (30-60 s)."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import json
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pypdfium2 as pdfium
import pytest
from PIL import Image
from review_expect import expected_doubts

import schemas
from helpers import SAMPLES
from papeleo.cli import build_parser, main
from papeleo.store import ParquetStore, source_key

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="Debian's chromium and chromium-driver are not installed"
)
TEXT_SAMPLE = SAMPLES / "mir_avance_ocr.txt"
SCAN_SAMPLE = SAMPLES / "mir_avance_escaneado.pdf"
EVIL = "<script>alert(1)</script>"
# Records every CSP violation from the very start of each page (DevTools scripts run before
# the page's own and are not subject to its policy).
CSP_PROBE = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_PROBE})
    driver.downloads = downloads
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> list[dict]:
    """Load the page; the console messages it logged (SEVERE ones are errors)."""
    driver.get(path.as_uri())
    driver.find_element(By.ID, "shown")
    time.sleep(0.2)
    return driver.get_log("browser")


def assert_clean(driver, logs):
    assert [m for m in logs if m["level"] == "SEVERE"] == []
    assert driver.execute_script("return window.__csp") == []


def shown(driver) -> set:
    out = set()
    for art in driver.find_elements(By.CSS_SELECTOR, "article.entry"):
        if art.is_displayed():
            key = json.loads(art.get_attribute("data-key"))
            out.add((key["clave"], art.get_attribute("data-field")))
    return out


def ingest(source: Path, out: Path, *more: str) -> Path:
    assert main(["ingest", str(source), "--out", str(out), "--no-progress", *more]) == 0
    return out


@pytest.fixture(scope="module")
def text_page(tmp_path_factory):
    out = ingest(TEXT_SAMPLE, tmp_path_factory.mktemp("rv_text") / "out")
    assert main(["review", str(out)]) == 0
    return out, out / "review.html"


def test_text_page_loads_clean_and_lists_the_doubtful_values(browser, text_page):
    out, page = text_page
    assert_clean(browser, open_page(browser, page))
    expected = expected_doubts(pd.read_parquet(out / "indicators"), row_marker="")
    assert shown(browser) == expected
    assert browser.find_element(By.ID, "shown").text == f"{len(expected)} of {len(expected)} shown"
    assert browser.find_elements(By.CSS_SELECTOR, "pre.context span.l.row")  # the text lines, row marked


def test_filters_and_keyboard(browser, text_page):
    out, page = text_page
    open_page(browser, page)

    def keys(*pressed):
        ActionChains(browser).send_keys(*pressed).perform()

    df = pd.read_parquet(out / "indicators")
    n_corrected = sum(len(c) for c in df["corrected"])
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("corrected")
    arts = [a for a in browser.find_elements(By.CSS_SELECTOR, "article.entry") if a.is_displayed()]
    assert len(arts) == n_corrected and all("corrected" in a.get_attribute("data-kinds").split() for a in arts)
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("")
    browser.execute_script("document.activeElement.blur()")
    keys("j", "j", "a")
    arts = browser.find_elements(By.CSS_SELECTOR, "article.entry")
    assert "focused" in arts[1].get_attribute("class") and "d-accept" in arts[1].get_attribute("class")
    keys(Keys.ARROW_DOWN, "e")
    active = browser.switch_to.active_element
    assert "value" in active.get_attribute("class") and arts[2].find_element(By.CSS_SELECTOR, ".editor").is_displayed()
    keys(Keys.ESCAPE, "k", "a")  # out of the field, back to the second: accepting again undoes
    assert "d-accept" not in arts[1].get_attribute("class")


def click(browser, element) -> None:
    """Scroll the element to the middle of the window first, as a person would: the page's
    sticky header covers whatever WebDriver scrolls to the very top."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def export(browser, reviewer: str) -> dict:
    for f in browser.downloads.iterdir():
        f.unlink()
    name = browser.find_element(By.ID, "reviewer")
    name.clear()
    name.send_keys(reviewer)
    click(browser, browser.find_element(By.ID, "export"))
    for _ in range(100):
        done = [f for f in browser.downloads.glob("*.json")]
        if done:
            time.sleep(0.1)
            return json.loads(done[0].read_text(encoding="utf-8"))
        time.sleep(0.05)
    raise AssertionError("no decisions file was downloaded")


def entry(browser, clave: str, field: str):
    for art in browser.find_elements(By.CSS_SELECTOR, "article.entry"):
        if json.loads(art.get_attribute("data-key"))["clave"] == clave and art.get_attribute("data-field") == field:
            return art
    raise AssertionError(f"no entry for {clave} {field}")


def decide(browser, out: Path) -> tuple[dict, dict, dict]:
    """Accept one corrected value, correct another; the two rows as stored."""
    df = pd.read_parquet(out / "indicators")
    corrected = [(r, c.split(":")[0]) for r in df.to_dict("records") for c in r["corrected"]]
    (row_a, field_a), (row_b, field_b) = [x for x in corrected if x[1] != "clave"][:2]
    click(browser, entry(browser, row_a["clave"], field_a).find_element(By.CSS_SELECTOR, "button.accept"))
    art = entry(browser, row_b["clave"], field_b)
    click(browser, art.find_element(By.CSS_SELECTOR, "button.correct"))
    art.find_element(By.CSS_SELECTOR, "input.value").send_keys("13")
    art.find_element(By.CSS_SELECTOR, "input.note").send_keys("leído en el original <b>")
    click(browser, art.find_element(By.CSS_SELECTOR, "button.save"))
    return (row_a, field_a), (row_b, field_b), df


def test_accept_correct_and_export_decisions(browser, text_page):
    out, page = text_page
    open_page(browser, page)
    (row_a, field_a), (row_b, field_b), _ = decide(browser, out)
    data = export(browser, "Ana Ruiz")
    doc = pd.read_parquet(out / "documents").iloc[0]
    assert set(data) == {"papeleo_decisions", "exported_at", "decisions"} and data["papeleo_decisions"] == 1
    exported = dt.datetime.fromisoformat(data["exported_at"].replace("Z", "+00:00"))
    assert abs((dt.datetime.now(dt.UTC) - exported).total_seconds()) < 120
    assert len(data["decisions"]) == 2  # in page order: one per entry decided
    by_value = {(d["key"]["clave"], d["field"]): d for d in data["decisions"]}
    a, b = by_value[(row_a["clave"], field_a)], by_value[(row_b["clave"], field_b)]
    for d, row, field in ((a, row_a, field_a), (b, row_b, field_b)):
        assert d["source"] == doc["source"] and d["doc_id"] == row["doc_id"] == doc["doc_id"]
        assert d["file_name"] == "mir_avance_ocr.txt" and d["dataset"] == "indicators"
        assert d["key"] == {"clave": row["clave"], "siglas": row["siglas"], "unidad": None}
        assert d["occurrence"] == 0 and d["field"] == field and d["extracted"] == row[field]
        assert d["reviewer"] == "Ana Ruiz" and d["date"] == exported.date().isoformat()
    assert a["action"] == "accept" and a["value"] == row_a[field_a] and a["note"] == ""
    assert b["action"] == "correct" and b["value"] == 13 and isinstance(b["value"], int | float)
    assert b["note"] == "leído en el original <b>"
    assert json.loads(browser.execute_script("return window.papeleoReview.lastExport")) == data


def test_decisions_survive_a_reload_but_not_new_bytes(browser, tmp_path):
    """Decisions not yet exported are kept in the browser: a reload finds them on the same
    values; a stored decision for another version of the document (another doc_id) is not
    applied."""
    out = ingest(TEXT_SAMPLE, tmp_path / "out")
    assert main(["review", str(out)]) == 0
    page = out / "review.html"
    assert_clean(browser, open_page(browser, page))
    decide(browser, out)
    browser.find_element(By.ID, "reviewer").send_keys("Ana Ruiz", Keys.TAB)
    before = browser.execute_script("return window.papeleoReview.decisions()")
    assert len(before) == 2
    browser.refresh()
    browser.find_element(By.ID, "shown")
    assert browser.execute_script("return window.papeleoReview.decisions()") == before
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.d-accept")) == 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.d-correct")) == 1
    assert browser.find_element(By.ID, "reviewer").get_attribute("value") == "Ana Ruiz"
    assert "2 decision(s) kept in this browser" in browser.find_element(By.ID, "export-status").text
    # the same values of new bytes at that source: the stored decisions are not theirs
    browser.execute_script(  # this root's store (other tests' pages share the browser)
        "const k = 'papeleo-review:' + arguments[0];"
        "const s = JSON.parse(localStorage.getItem(k)); const moved = {};"
        "Object.keys(s.decisions).forEach(i => { const id = JSON.parse(i); id[1] = 'f'.repeat(64);"
        " moved[JSON.stringify(id)] = s.decisions[i]; });"
        "s.decisions = moved; localStorage.setItem(k, JSON.stringify(s));",
        str(out),
    )
    browser.refresh()
    browser.find_element(By.ID, "shown")
    assert browser.execute_script("return window.papeleoReview.decisions()") == []
    assert not browser.find_elements(By.CSS_SELECTOR, "article.d-accept, article.d-correct")


def test_a_script_in_a_value_shows_as_text(browser, tmp_path):
    sha = "c" * 64
    rows = [
        {"doc_id": sha, "record_id": "r1", "clave": EVIL, "page": 1, "confidence": 0.9, "extractor": "hand.v1",
         "indicador": '<img src=x onerror="window.__pwned=1">', "corrected": ["indicador:corregido"],
         "comentario_extraccion": "indicador: '<a href=\"javascript:window.__pwned=2\">ver</a>'"},
    ]  # fmt: skip
    store = ParquetStore(tmp_path)
    store.prepare()
    doc = {"doc_id": sha, "source": "/x/<b>x</b>.pdf", "file_name": "<b>x</b>.pdf", "status": "ok"}
    store.replace_document(
        source_key(doc["source"]),
        {"indicators": schemas.get("indicators").to_table(rows), "documents": schemas.get("documents").to_table([doc])},
    )
    assert main(["review", str(tmp_path)]) == 0
    logs = open_page(browser, tmp_path / "review.html")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert_clean(browser, logs)
    text = browser.find_element(By.CSS_SELECTOR, "article.entry").text
    assert EVIL in text and '<img src=x onerror="window.__pwned=1">' in text and "javascript:" in text
    assert browser.execute_script("return window.__pwned === undefined && document.scripts.length === 2")
    assert browser.find_elements(By.CSS_SELECTOR, "article img, article a") == []
    assert "<b>x</b>.pdf" in browser.find_element(By.CSS_SELECTOR, "section.doc h2").text


def ingest_takes_decisions() -> bool:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return any("--decisions" in a.option_strings for a in sub.choices["ingest"]._actions)


@pytest.mark.skipif(not ingest_takes_decisions(), reason="papeleo ingest --decisions is not there yet")
def test_round_trip_through_ingest_decisions(browser, tmp_path):
    out = ingest(TEXT_SAMPLE, tmp_path / "out")
    assert main(["review", str(out)]) == 0
    open_page(browser, out / "review.html")
    (row_a, field_a), (row_b, field_b), _ = decide(browser, out)
    file = tmp_path / "decisions.json"
    file.write_text(json.dumps(export(browser, "Ana Ruiz")), encoding="utf-8")
    ingest(TEXT_SAMPLE, out, "--decisions", str(file))
    ingest(TEXT_SAMPLE, out)  # the next night's run
    df = pd.read_parquet(out / "indicators").set_index("clave")
    assert df.loc[row_a["clave"], field_a] == row_a[field_a]
    assert df.loc[row_b["clave"], field_b] == 13
    for clave, field in ((row_a["clave"], field_a), (row_b["clave"], field_b)):
        assert f"{field}:revisado" in list(df.loc[clave, "corrected"])
        assert "Ana Ruiz" in df.loc[clave, "comentario_extraccion"]
    # the next review page lists what is still in doubt, not the two values decided
    assert main(["review", str(out)]) == 0
    assert_clean(browser, open_page(browser, out / "review.html"))
    now = shown(browser)
    assert now == expected_doubts(pd.read_parquet(out / "indicators"), row_marker="")
    assert (row_a["clave"], field_a) not in now and (row_b["clave"], field_b) not in now


# --------------------------------------------------------------------------- the scanned sample


@pytest.fixture(scope="module")
def scan_root(tmp_path_factory):
    """The scan OCR'd once (30-60 s); its page written."""
    out = ingest(SCAN_SAMPLE, tmp_path_factory.mktemp("rv_scan") / "out")
    assert main(["review", str(out)]) == 0
    return out


def test_scan_page_loads_clean_and_lists_the_doubtful_values(browser, scan_root):
    logs = open_page(browser, scan_root / "review.html")
    assert_clean(browser, logs)
    expected = expected_doubts(pd.read_parquet(scan_root / "indicators"), row_marker="")
    assert expected and shown(browser) == expected
    assert browser.find_elements(By.CSS_SELECTOR, "article .imgwrap img")


def test_scan_crop_is_the_rows_region_of_the_page(browser, scan_root):
    open_page(browser, scan_root / "review.html")
    df = pd.read_parquet(scan_root / "indicators")
    art = next(
        a for a in browser.find_elements(By.CSS_SELECTOR, "article.entry") if a.find_elements(By.TAG_NAME, "img")
    )
    row = df[df["clave"] == json.loads(art.get_attribute("data-key"))["clave"]].iloc[0]
    src = art.find_element(By.TAG_NAME, "img").get_attribute("src")
    assert src.startswith("data:image/png;base64,")
    crop = np.asarray(Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L"), dtype=float)
    pdf = pdfium.PdfDocument(str(SCAN_SAMPLE))
    bitmap = pdf[int(row["page"]) - 1].render(scale=150 / 72, grayscale=True)
    page = np.asarray(bitmap.to_pil().convert("L"), dtype=float)
    pdf.close()
    s = 150 / 72
    h, w = crop.shape
    # the crop holds the row's box (and a margin of at most 30 pt around it)
    assert (row["x1"] - row["x0"]) * s <= w <= (row["x1"] - row["x0"] + 30) * s
    assert (row["bottom"] - row["top"]) * s <= h <= (row["bottom"] - row["top"] + 30) * s
    left, upper = int(max(0.0, row["x0"] - 14) * s), int(max(0.0, row["top"] - 14) * s)

    def diff(dx, dy):
        region = page[upper + dy : upper + dy + h, left + dx : left + dx + w]
        return float(np.abs(crop - region).mean()) if region.shape == crop.shape else 255.0

    same = diff(0, 0)
    assert same < 3.0
    elsewhere = diff(0, h) if upper + 2 * h <= page.shape[0] else diff(0, -h)
    assert elsewhere > 4 * max(same, 1.0)


SCREENSHOTS = os.environ.get("PAPELEO_REVIEW_SCREENSHOTS")


def screenshot(browser, page: Path, name: str) -> None:
    """The README's screenshot (1400x1000), the first entry focused as a reviewer starts."""
    browser.set_window_size(1400, 1000)
    open_page(browser, page)
    ActionChains(browser).send_keys("j").perform()
    assert browser.save_screenshot(str(Path(SCREENSHOTS) / name))


@pytest.mark.skipif(not SCREENSHOTS, reason="PAPELEO_REVIEW_SCREENSHOTS=docs/img writes the README's screenshots")
def test_screenshot_text(browser, text_page):
    screenshot(browser, text_page[1], "review_text.png")


@pytest.mark.skipif(not SCREENSHOTS, reason="PAPELEO_REVIEW_SCREENSHOTS=docs/img writes the README's screenshots")
def test_screenshot_scan(browser, scan_root):
    screenshot(browser, scan_root / "review.html", "review_scan.png")
