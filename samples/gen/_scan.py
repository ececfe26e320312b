"""The scanned form of a sample: the text PDF rendered and degraded into an image-only PDF.

The scans must make tesseract work the way real office scans do (skew, grey toner, noise,
blur, dust, a lid shadow, heavy JPEG), yet stay reproducible: all randomness comes from one
seeded ``RandomState`` and Pillow gets fixed PDF dates. Their bytes still depend on the
pdfium / Pillow / libjpeg versions, never their content.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SCAN_DPI = 200
FIXED_PDF_TIME = time.strptime("2024-07-15 09:30:00", "%Y-%m-%d %H:%M:%S")


def scan(src: Path, dst: Path, seed: int, quality: int = 30) -> None:
    """Image-only copy of src: 200 dpi greyscale, skewed <= 0.55 deg, toner/paper tones, noise,
    blur, dust specks and a lid shadow; JPEG-compressed (quality ~30, like office scanners)."""
    rng = np.random.RandomState(seed)
    pdf = pdfium.PdfDocument(str(src))
    imgs = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        page.close()
        angle = float(rng.uniform(0.2, 0.55)) * (1 if rng.rand() < 0.5 else -1)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        a = np.asarray(img, dtype=np.float32)
        h, w = a.shape
        a = 28 + a * (240 - 28) / 255.0  # toner is not black, paper is not white
        a += rng.normal(0, 6.0, a.shape).astype(np.float32)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
        img = img.filter(ImageFilter.GaussianBlur(0.95))
        a = np.asarray(img, dtype=np.float32)
        a = np.where(a > 220, 244, a)  # the scanner's auto-level flattens the paper
        # a soft shadow along the left edge (flatbed lid) and a few dust specks
        a[:, :40] -= np.linspace(50, 0, 40, dtype=np.float32)[None, :]
        for _ in range(int(h * w / 90000)):
            y, x = int(rng.randint(0, h - 3)), int(rng.randint(0, w - 3))
            a[y : y + int(rng.randint(1, 4)), x : x + int(rng.randint(1, 4))] = float(rng.uniform(40, 150))
        imgs.append(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L"))
    pdf.close()
    imgs[0].save(
        dst,
        "PDF",
        save_all=True,
        append_images=imgs[1:],
        resolution=float(SCAN_DPI),
        quality=quality,
        optimize=True,
        title=dst.stem,
        creationDate=FIXED_PDF_TIME,
        modDate=FIXED_PDF_TIME,
        producer="Scanner",
    )
