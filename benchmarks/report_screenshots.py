"""Screenshots of the report page (``papeleo.analysis.write_report``) for docs/report.md.

Ingests ``samples/`` (the scanned PDFs are OCR'd: a few minutes on a cold read cache) and the
four shared seed texts (``../shared/seeds``) into output roots of their own, writes each
root's report and photographs the whole page in headless Chromium (the window made as tall
as the page), so the pictures in the docs show what the code draws from real documents.

    .venv/bin/python benchmarks/report_screenshots.py [--work DIR]

Needs Debian's ``chromium`` and ``chromium-driver``. Not a test: it checks nothing beyond the
page drawing without console errors; look at the pictures.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from papeleo.analysis import write_report  # noqa: E402

log = logging.getLogger("report_screenshots")

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WIDTH = 1200
SETS = {
    "samples": ROOT / "samples",
    "seeds": ROOT.parent / "shared" / "seeds",
}


def ingest(source: Path, out: Path) -> None:
    papeleo = Path(sys.executable).parent / "papeleo"
    cmd = [str(papeleo), "ingest", str(source), "--out", str(out), "--no-progress"]
    log.info("%s", " ".join(cmd))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def browser() -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={WIDTH},1000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)


def screenshot(driver: webdriver.Chrome, page: Path, png: Path) -> None:
    driver.set_window_size(WIDTH, 1000)
    driver.get(page.as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.querySelectorAll('.chart:not([data-drawn])').length") == 0
    )
    errors = [m for m in driver.get_log("browser") if m["level"] == "SEVERE"]
    if errors:
        raise SystemExit(f"{page}: console errors: {errors}")
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(WIDTH, height + 120)  # the window's frame takes some of it
    time.sleep(0.5)
    png.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(png))
    log.info("%s -> %s (%d px tall)", page, png, height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="folder for the output roots (default: a temporary one)")
    parser.add_argument("--img", type=Path, default=ROOT / "docs" / "img", help="where the PNGs go")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="report_shots_") as tmp:
        work = args.work or Path(tmp)
        driver = browser()
        try:
            for name, source in SETS.items():
                if not source.is_dir():
                    log.warning("%s is absent: no report_%s.png", source, name)
                    continue
                out = work / f"rep_{name}"
                ingest(source, out)
                screenshot(driver, write_report(out), args.img / f"report_{name}.png")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
