"""The benchmarks' inputs, written once by the seeded generators and reused."""

from __future__ import annotations

import concurrent.futures as cf
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .common import CORES, MEMORY_SEEDS, MEMORY_SMALL_SEEDS, OCR_FORM, SCAN_FORM, SCAN_SEEDS, TEXT_FORM, TEXT_SEEDS

# --------------------------------------------------------------------------- inputs


def _generate_one(job: tuple[str, int, str, str]) -> str:
    from gen import FAMILIES
    from gen._generated import doc_name

    family, seed, form, folder = job
    target = Path(folder) / doc_name(family, seed, form)
    if not target.exists():
        module = next(f for f in FAMILIES if f.FAMILY == family)
        with tempfile.TemporaryDirectory(dir=folder) as tmp:  # a half-written file is never taken for a document
            written = module.generate(seed, Path(tmp), [form]).files[form]
            os.replace(written, target)
    return target.name


def ensure_generated(folder: Path, seeds: Sequence[int], form: str) -> list[Path]:
    """Every family's document for each seed in ``form``, written into ``folder`` unless it is
    there already; two processes, as the machine has cores."""
    from gen import FAMILIES

    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(f.FAMILY, s, form, str(folder)) for f in FAMILIES for s in seeds]
    missing = [j for j in jobs if not (folder / f"{j[0]}_s{j[1]:05d}_{form}").exists()]
    if missing:
        print(f"generating {len(missing)} document(s) into {folder} ...", file=sys.stderr, flush=True)
        with cf.ProcessPoolExecutor(max_workers=min(CORES, len(missing))) as pool:
            list(pool.map(_generate_one, missing))
    return sorted(folder / f"{j[0]}_s{j[1]:05d}_{form}" for j in jobs)


def pdf_pages(paths: Sequence[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        total += len(pdf)
        pdf.close()
    return total


def rendered_pages(scans: Sequence[Path], folder: Path) -> list[Path]:
    """Every page of ``scans`` as papeleo renders it for OCR (pypdfium2, greyscale, at the dpi
    ``readers.pdf.page_size_to_ocr_dpi`` gives), saved as PNG: the baseline's input."""
    import pypdfium2 as pdfium

    from papeleo.readers import ReadSettings
    from papeleo.readers.pdf import page_size_to_ocr_dpi

    settings = ReadSettings()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for scan in scans:
        pdf = pdfium.PdfDocument(str(scan))
        for i in range(len(pdf)):
            target = folder / f"{scan.stem}_p{i + 1:03d}.png"
            out.append(target)
            if target.exists():
                continue
            page = pdf[i]
            width, height = page.get_size()
            dpi = page_size_to_ocr_dpi(width, height, settings.dpi, settings.max_image_pixels)
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            bitmap.to_pil().save(target.with_suffix(".tmp.png"))
            bitmap.close()
            page.close()
            os.replace(target.with_suffix(".tmp.png"), target)
        pdf.close()
    return out


class Inputs:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def scans(self) -> Path:
        ensure_generated(self.root / "scans", SCAN_SEEDS, SCAN_FORM)
        return self.root / "scans"

    @property
    def text(self) -> Path:
        ensure_generated(self.root / "text", TEXT_SEEDS, TEXT_FORM)
        return self.root / "text"

    def pngs(self) -> list[Path]:
        return rendered_pages(sorted(self.scans.glob("*.pdf")), self.root / "scans_png")

    def memory_sets(self) -> tuple[Path, Path]:
        """Folders of 100 and 1,000 OCR'd-text documents (hard links into one pool)."""
        pool = self.root / "ocr_txt"
        files = ensure_generated(pool, MEMORY_SEEDS, OCR_FORM)
        small = {f"_s{s:05d}_" for s in MEMORY_SMALL_SEEDS}
        sets = []
        for name, chosen in (
            ("mem100", [f for f in files if any(k in f.name for k in small)]),
            ("mem1000", files),
        ):
            folder = self.root / name
            if not folder.is_dir() or len(list(folder.iterdir())) != len(chosen):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                for f in chosen:
                    try:
                        os.link(f, folder / f.name)
                    except OSError:
                        shutil.copy2(f, folder / f.name)
            sets.append(folder)
        return sets[0], sets[1]
