"""The report page in a real browser: Debian's headless Chromium driven by selenium.

What a reader sees, checked the way they would see it: the page opens from ``file://`` with
no console error or warning and no Content-Security-Policy violation (a listener added through
the DevTools protocol before the page's own scripts, which CSP does not govern, records every
violation), and every chart is drawn as an SVG with marks in it — for a root with MIR, scores
and commitments rows (``build_corpus``, the hand-written root of the unit tests) and for an
empty root, whose page has sentences and no charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_analysis_report import EVIL_ENTE, build_corpus

from papeleo.analysis import write_report
from papeleo.store import ParquetStore

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="Debian's chromium and chromium-driver are not installed"
)
CSP_PROBE = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
)
# Per chart: whether vega-embed finished, how many SVGs it holds and how many marks they draw.
CHART_STATE = """return Array.from(document.querySelectorAll('.chart')).map(function (c) {
  return {id: c.id, drawn: c.getAttribute('data-drawn'), svgs: c.querySelectorAll('svg').length,
          marks: c.querySelectorAll('svg g[class*="mark-"] path, svg g[class*="mark-"] rect,'
                                    + ' svg g[class*="mark-"] symbol').length,
          text: Array.from(c.querySelectorAll('svg text')).map(function (t) { return t.textContent; })};
});"""


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_PROBE})
    yield driver
    driver.quit()


def open_page(driver, page: Path) -> tuple[list[dict], list[dict]]:
    """Load the page and wait for every chart to finish; its console messages and charts."""
    driver.get(page.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.querySelectorAll('.chart:not([data-drawn])').length") == 0
    )
    return driver.get_log("browser"), driver.execute_script(CHART_STATE)


def assert_clean(driver, logs):
    assert [m for m in logs if m["level"] in ("SEVERE", "WARNING")] == []
    assert driver.execute_script("return window.__csp") == []


def test_every_chart_draws_offline_with_no_error(browser, tmp_path):
    page = write_report(build_corpus(tmp_path / "out"))
    logs, charts = open_page(browser, page)
    assert_clean(browser, logs)
    # documents x3, rows per dataset, failures, value origins, two MIR panels, scores, commitments
    assert len(charts) == 10
    for chart in charts:
        assert chart["drawn"] == "1" and chart["svgs"] == 1 and chart["marks"] > 0, chart
    labels = {t for c in charts for t in c["text"]}
    # the commitments axis in Spanish, the month without commitments included
    assert {"may 2024", "jun 2024", "jul 2024"} <= labels
    # the hostile ente is shown as text, not markup
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#mir h3")]
    assert f"{EVIL_ENTE} — ejercicio 2023" in headings
    assert browser.find_elements(By.CSS_SELECTOR, "#mir h3 b") == []


def test_an_empty_root_opens_with_sentences_and_no_chart(browser, tmp_path):
    out = tmp_path / "out"
    ParquetStore(out).prepare()
    logs, charts = open_page(browser, write_report(out))
    assert_clean(browser, logs)
    assert charts == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "section p.vacio")) == 6
    assert browser.find_element(By.TAG_NAME, "h1").text == "Lo que se ha ingerido"
