"""Ink on a text-layer page that no text explains: a stain, a blot, a stamp's filled shape.

A table cell that prints nothing reads as empty, whether nothing was printed there or something
was and a blot covers it. Only the drawing tells them apart, so the text-layer reader keeps the
filled shapes that are neither rulings nor backgrounds, as boxes (``Page.marks``), and an
extractor that finds an empty cell under one says the value could not be read instead of
reporting it absent. Scans have no such layer: their marks are not detected (yet).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from papeleo.model import BBox, Word

# a mark is at least this many points tall and wide: thinner is a rule or an underline (the
# rule finder's business), smaller a bullet or a speck
MIN_MARK_PT = 4.0
# ... and at most this share of the page's width: wider is a band or a background behind a block
MAX_MARK_WIDTH_SHARE = 0.5
# a fill this dark or darker (grey level 0-1) hides print; lighter is a highlight or a shade
MAX_MARK_GREY = 0.5


def _grey(color: Any) -> float | None:
    """The fill's grey level (0 black - 1 white) from pdfplumber's colour (grey, RGB or CMYK)."""
    if color is None:
        return None
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return None
    if len(nums) == 1:
        return nums[0]
    if len(nums) == 3:
        return sum(nums) / 3
    if len(nums) == 4:
        return 1.0 - min(1.0, nums[3] + sum(nums[:3]) / 3)
    return None


def plumber_objects_to_marks(
    rects: Sequence[dict[str, Any]], curves: Sequence[dict[str, Any]], words: Sequence[Word], width: float
) -> list[BBox]:
    """The dark filled shapes of a page that no word lies on, as boxes in points (top-left)."""
    out: list[BBox] = []
    for obj in [*rects, *curves]:
        if not obj.get("fill"):
            continue
        grey = _grey(obj.get("non_stroking_color"))
        if grey is None or grey > MAX_MARK_GREY:
            continue
        box = BBox(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        if box.width < MIN_MARK_PT or box.height < MIN_MARK_PT or box.width > MAX_MARK_WIDTH_SHARE * width:
            continue
        if any(w.bbox is not None and box.overlaps(w.bbox) for w in words):
            continue  # print on it: a dark band with white text, a filled label
        out.append(box)
    return out
