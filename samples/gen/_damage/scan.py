"""The scanned form and the real OCR path, for any family: PDF → degraded image-only PDF → text.

The damage channel imitates OCR; this is the real thing, for a share of generated documents,
so the benchmark also sees what tesseract does that nobody thought to imitate. ``pdf_to_scan``
renders each page with pypdfium2 at a drawn resolution and degrades it the way office scans
are degraded — skew, toner that is not black and paper that is not white, sensor noise, blur,
dust specks, JPEG compression, and (when asked) a landscape page fed sideways — then writes
an image-only PDF with Pillow. ``scan_to_ocr_text`` reads that PDF with papeleo's own reader,
so the OCR'd-text form of those documents is exactly what the pipeline would see.

Reproducible: every random choice comes from the caller's ``random.Random`` (numpy's noise is
seeded from it) and the PDF gets fixed dates and title, so a seed gives the same file. The
bytes still depend on the pdfium / Pillow / libjpeg versions (as the committed samples'
scans do), never on the clock or the output path.
"""

from __future__ import annotations

import logging
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from papeleo.readers import ReadSettings, read_document

log = logging.getLogger(__name__)

FIXED_PDF_TIME = time.strptime("2024-07-15 09:30:00", "%Y-%m-%d %H:%M:%S")  # no clock in the bytes
PDF_TITLE = "Escaneo"  # fixed, so the bytes do not depend on the output file name
# share of documents fed sideways when the caller allows it: real portals hold some landscape
# tables scanned turned; more would make the benchmark mostly a test of orientation detection
SIDEWAYS_SHARE = 0.15
MIN_SKEW_DEG = 0.2  # below this a scan is straighter than any real office scan we have seen
BLUR_REF_DPI = 300  # blur radii are given in pixels at this resolution, so they mean the same ink at any dpi
SPECKLE_SIZE_PX = (1, 3)  # dust specks, in pixels (inclusive)
SPECKLE_INK = (30, 140)  # grey of a speck: from toner-dark to faint

Range = tuple[float, float]
# Per level, the range each scanner setting of a document is drawn from. Lower dpi, heavier blur,
# noise and JPEG exercise OCR recovery (numbers misread, cells lost) at the price of pages where no
# reader gets a number right; TOOLCHAIN.md measured 78 % of numbers exact at 300 dpi on a degraded scan.
SCAN_LEVELS: dict[str, dict[str, Range]] = {
    "light": {
        "dpi": (260, 300),
        "max_skew": (0.3, 0.5),
        "blur_px": (0.3, 0.6),
        "noise": (2.0, 4.0),
        "speckles_per_mpx": (2, 8),
        "toner": (10, 30),
        "paper": (238, 252),
        "quality": (60, 85),
    },
    "medium": {
        "dpi": (220, 300),
        "max_skew": (0.4, 1.0),
        "blur_px": (0.5, 0.9),
        "noise": (4.0, 8.0),
        "speckles_per_mpx": (8, 25),
        "toner": (20, 45),
        "paper": (228, 245),
        "quality": (35, 60),
    },
    "heavy": {
        "dpi": (200, 240),
        "max_skew": (0.8, 1.5),
        "blur_px": (0.8, 1.3),
        "noise": (7.0, 12.0),
        "speckles_per_mpx": (25, 60),
        "toner": (35, 70),
        "paper": (215, 235),
        "quality": (20, 35),
    },
}


@dataclass(frozen=True)
class ScanProfile:
    """One document's scanner: the same for all its pages, as one scanner made them. Each page
    is skewed by its own angle, between ``MIN_SKEW_DEG`` and ``max_skew`` either way."""

    level: str
    dpi: int
    max_skew: float
    blur_px: float
    noise: float
    speckles_per_mpx: float
    toner: float
    paper: float
    quality: int

    @classmethod
    def draw(cls, rng: random.Random, level: str) -> ScanProfile:
        if level not in SCAN_LEVELS:
            raise ValueError(f"scan level {level!r} is not one of {tuple(SCAN_LEVELS)}")
        r = SCAN_LEVELS[level]
        return cls(
            level=level,
            dpi=rng.randint(*map(int, r["dpi"])),
            max_skew=rng.uniform(*r["max_skew"]),
            blur_px=rng.uniform(*r["blur_px"]),
            noise=rng.uniform(*r["noise"]),
            speckles_per_mpx=rng.uniform(*r["speckles_per_mpx"]),
            toner=rng.uniform(*r["toner"]),
            paper=rng.uniform(*r["paper"]),
            quality=rng.randint(*map(int, r["quality"])),
        )


@dataclass(frozen=True)
class PageScan:
    number: int
    skew_deg: float  # counter-clockwise
    turned_cw: int  # 0, or 90/270 when the page was fed sideways (its content turned clockwise)
    size_px: tuple[int, int]


@dataclass
class ScanRecord:
    """What the scan did, page by page, for grouping OCR failures by cause."""

    profile: ScanProfile
    pages: list[PageScan] = field(default_factory=list)

    @property
    def sideways(self) -> bool:
        return any(p.turned_cw for p in self.pages)


def sideways_pages(sizes: list[tuple[float, float]], fallback: int) -> set[int]:
    """The pages a sideways-fed document turns: its landscape pages (the tables that come
    sideways in real portals), or page ``fallback`` when none is landscape."""
    landscape = {i for i, (w, h) in enumerate(sizes) if w > h}
    return landscape or {fallback}


def degrade(img: Image.Image, profile: ScanProfile, skew: float, nrng: np.random.Generator) -> Image.Image:
    """One page through the scanner: skew, tones, noise, blur, dust."""
    img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img, dtype=np.float32)
    a = profile.toner + a * (profile.paper - profile.toner) / 255.0
    a += nrng.normal(0.0, profile.noise, a.shape).astype(np.float32)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    img = img.filter(ImageFilter.GaussianBlur(profile.blur_px * profile.dpi / BLUR_REF_DPI))
    a = np.array(img, dtype=np.float32)
    h, w = a.shape
    for _ in range(int(profile.speckles_per_mpx * h * w / 1e6)):
        y, x = int(nrng.integers(0, h - 3)), int(nrng.integers(0, w - 3))
        dy, dx = (int(nrng.integers(SPECKLE_SIZE_PX[0], SPECKLE_SIZE_PX[1] + 1)) for _ in range(2))
        a[y : y + dy, x : x + dx] = float(nrng.uniform(*SPECKLE_INK))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def pdf_to_scan(
    pdf: str | Path | bytes,
    out_path: str | Path,
    rng: random.Random,
    profile: ScanProfile,
    *,
    allow_sideways: bool = False,
    sideways_share: float = SIDEWAYS_SHARE,
) -> ScanRecord:
    """Write an image-only, degraded copy of ``pdf`` to ``out_path``; the same pages, in order.
    With ``allow_sideways`` a share of documents has its landscape pages fed sideways. The
    sideways draws are made either way, so allowing it changes nothing else of the scan."""
    nrng = np.random.default_rng(rng.getrandbits(64))
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        sizes = [doc.get_page_size(i) for i in range(len(doc))]
        # drawn whether or not sideways is allowed, so allowing it changes nothing else
        turn_doc = rng.random() < sideways_share
        turn_cw = rng.choice((90, 270))
        fallback = rng.randrange(max(1, len(sizes)))
        turned = sideways_pages(sizes, fallback) if allow_sideways and turn_doc else set()
        record, images = ScanRecord(profile), []
        for i in range(len(doc)):
            page = doc[i]
            img = page.render(scale=profile.dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            turn = turn_cw if i in turned else 0
            if turn:
                img = img.rotate(-turn, expand=True)  # PIL turns counter-clockwise
            skew = rng.uniform(MIN_SKEW_DEG, max(MIN_SKEW_DEG, profile.max_skew)) * rng.choice((-1, 1))
            images.append(degrade(img, profile, skew, nrng))
            record.pages.append(PageScan(i + 1, skew, turn, img.size))
    finally:
        doc.close()
    if not images:
        raise ValueError("the PDF has no pages to scan")
    images[0].save(
        Path(out_path),
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(profile.dpi),
        quality=profile.quality,
        optimize=True,
        title=PDF_TITLE,
        creationDate=FIXED_PDF_TIME,
        modDate=FIXED_PDF_TIME,
        producer="Scanner",
    )
    log.debug(
        "scanned %d page(s) at %d dpi, JPEG %d, sideways %s", len(images), profile.dpi, profile.quality, sorted(turned)
    )
    return record


def scan_to_ocr_text(scan_pdf: str | Path | bytes, settings: ReadSettings | None = None) -> str:
    """The scan read by papeleo's own reader (tesseract through ``papeleo.readers``): its text,
    each page ending in a newline, a form feed between pages — the same shape as the channel's
    output, so either can be a document's OCR'd-text form."""
    with tempfile.TemporaryDirectory(prefix="papeleo-scan-") as tmp:
        path = Path(tmp, "scan.pdf")
        if isinstance(scan_pdf, bytes):
            path.write_bytes(scan_pdf)
        else:
            path = Path(scan_pdf)
        result = read_document(path, settings or ReadSettings())
    if result.document is None:
        raise RuntimeError("papeleo could not read the scan: " + "; ".join(f.message for f in result.failures))
    for failure in result.failures:
        log.warning("reading the scan: %s: %s", failure.error_type, failure.message)
    return "\f".join(p.text.rstrip("\n") + "\n" for p in result.document.pages)
