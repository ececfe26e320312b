"""Small skew of a scanned page: measured by a projection-profile search, undone by a rotation.

A page fed a little crooked through a scanner has its text lines (and table rulings) tilted by
a degree or two. Tesseract copes with some of that itself, but the table reader does not: a
ruling tilted by 1 degree is found as a box as tall as its drift (12 pt across a 700-pt table),
from 1.5 degrees the ruling finder in :mod:`.rules` loses it altogether (it looks for rows of
ink), and the rows of a wide table drift into each other. When straightening is worth its
cost is measured in ``benchmarks/bench_orientation.py`` (see ``ocr_page.MIN_DESKEW_DEGREES``).

The angle is the one at which the page's ink, projected onto the vertical axis, is most
concentrated into rows: text lines and rulings are then horizontal. The search runs on a
downscaled copy (a tenth of a degree is a pixel's drift across the width of a 100-dpi page).
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

SKEW_DPI = 100.0  # resolution of the search copy: a 0.1-degree step moves a line end 1.4 px at 100 dpi
MAX_SKEW_DEGREES = 5.0  # a scanner feed tilts pages by a few degrees; more is a rotation, not a skew
COARSE_STEP_DEGREES = 0.25  # first pass over [-MAX, MAX]
FINE_STEP_DEGREES = 0.05  # second pass around the best coarse angle
INK_LEVEL = 150  # grey level under which a pixel is ink (as in rules.py)
MAX_INK_PIXELS = 200_000  # ink pixels sampled for the profile: more only costs time
# Less ink than this share of the search copy is a (nearly) blank page: no rows to align.
MIN_INK_SHARE = 0.002
# The best angle must concentrate the rows this much better than 0 degrees to count; below it,
# the profile is flat (a photo, a blank page) and the "best" angle is noise.
MIN_GAIN = 1.02


def image_to_ink_points(img: Image.Image, dpi: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(x, y) of the ink pixels of a SKEW_DPI copy of ``img`` (subsampled), or None when the
    page has too little ink to have rows."""
    scale = min(1.0, SKEW_DPI / dpi)
    small = img.convert("L")
    if scale < 1.0:
        small = small.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.BILINEAR)
    ink = np.asarray(small) < INK_LEVEL
    ys, xs = np.nonzero(ink)
    if ys.size < MIN_INK_SHARE * ink.size or ys.size < 50:
        return None
    if ys.size > MAX_INK_PIXELS:
        keep = np.random.default_rng(0).choice(ys.size, MAX_INK_PIXELS, replace=False)
        xs, ys = xs[keep], ys[keep]
    return xs.astype(np.float64), ys.astype(np.float64)


def profile_sharpness(xs: np.ndarray, ys: np.ndarray, degrees: float) -> float:
    """How strongly the ink falls into rows once a tilt of ``degrees`` counter-clockwise is
    undone (the sum of squared row counts: highest when every line is in as few rows as possible)."""
    theta = math.radians(degrees)
    rows = ys * math.cos(theta) + xs * math.sin(theta)
    counts = np.bincount((rows - rows.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def image_to_skew_degrees(img: Image.Image, dpi: float) -> float:
    """Degrees the page content is turned counter-clockwise (PIL's sense); 0.0 when it has too
    little ink or no angle aligns its rows clearly better than none. ``img.rotate(-angle)``
    straightens it."""
    points = image_to_ink_points(img, dpi)
    if points is None:
        return 0.0
    xs, ys = points
    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, COARSE_STEP_DEGREES)
    best = max(coarse, key=lambda a: profile_sharpness(xs, ys, float(a)))
    fine = np.arange(best - COARSE_STEP_DEGREES, best + COARSE_STEP_DEGREES + 1e-9, FINE_STEP_DEGREES)
    best = max(fine, key=lambda a: profile_sharpness(xs, ys, float(a)))
    if profile_sharpness(xs, ys, float(best)) < MIN_GAIN * profile_sharpness(xs, ys, 0.0):
        return 0.0
    return round(float(best), 2)


def image_to_deskewed(img: Image.Image, degrees: float) -> Image.Image:
    """``img`` turned back by ``degrees`` about its centre, same size (the corners that come
    in are paper white), so page coordinates keep their meaning to within the corners."""
    if degrees == 0.0:
        return img
    fill = 255 if img.mode in ("L", "1") else (255,) * len(img.getbands())
    return img.rotate(-degrees, resample=Image.BICUBIC, expand=False, fillcolor=fill)
