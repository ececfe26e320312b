"""Pages per second of papeleo.readers: text layer vs OCR at 300 dpi, on generated PDFs.

Usage: .venv/bin/python benchmarks/bench_readers.py [--pages 2] [--repeat 20] [--workers N]

Two PDFs with the same content are generated in a temporary folder: one with a text layer,
one whose pages are only 300-dpi images of the first (a scan). OCR is timed cold (first
document: the worker pool starts) and warm (pool already running).
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from papeleo.readers import ReadSettings, read_document, shutdown_ocr_pools

LINE = "Renglón {i}: la Auditoría Superior revisó el ejercicio 2023 del programa {p}, monto $ {m:,.2f}"


def make_text_pdf(path: Path, pages: int) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    for p in range(pages):
        c.setFont("Helvetica", 10)
        for i in range(45):
            c.drawString(56, A4[1] - 56 - 16 * i, LINE.format(i=i + 1, p=p + 1, m=1234.5 * (i + 1)))
        c.showPage()
    c.save()


def make_scanned_pdf(src: Path, path: Path, dpi: int = 300) -> None:
    pdf = pdfium.PdfDocument(str(src))
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil()
        c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    pdf.close()


def pages_per_second(path: Path, settings: ReadSettings, repeat: int) -> tuple[float, str]:
    start = time.perf_counter()
    pages = 0
    source = ""
    for _ in range(repeat):
        result = read_document(path, settings)
        assert result.document is not None and not result.failures, result.failures
        pages += len(result.document.pages)
        source = result.document.text_source or ""
    return pages / (time.perf_counter() - start), source


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20, help="repetitions for the text layer")
    parser.add_argument("--ocr-repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = ReadSettings(ocr_workers=args.workers)

    with tempfile.TemporaryDirectory() as tmp:
        text_pdf, scan_pdf = Path(tmp) / "texto.pdf", Path(tmp) / "escaneo.pdf"
        make_text_pdf(text_pdf, args.pages)
        make_scanned_pdf(text_pdf, scan_pdf)
        print(f"cpu_count={os.cpu_count()} workers={args.workers or os.cpu_count()} pages/document={args.pages}")

        rate, source = pages_per_second(text_pdf, settings, args.repeat)
        print(f"text layer ({source}): {rate:.1f} pages/s  ({1000 / rate:.0f} ms/page)")

        rate, source = pages_per_second(scan_pdf, settings, 1)
        print(f"OCR 300 dpi, cold pool ({source}): {rate:.2f} pages/s  ({1 / rate:.2f} s/page)")
        rate, source = pages_per_second(scan_pdf, settings, args.ocr_repeat)
        print(f"OCR 300 dpi, warm pool ({source}): {rate:.2f} pages/s  ({1 / rate:.2f} s/page)")
    shutdown_ocr_pools()


if __name__ == "__main__":
    main()
