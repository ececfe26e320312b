"""Layout evidence for MIR tables read from PDFs (text layer or OCR with word boxes).

On a page with coordinates, a row's numeric run belongs to the row whose anchors are
vertically closest — line order is not enough, because the commentary column's lines
interleave with the table's when each is its own OCR line. Header-driven column labeling
(which cell is Meta, T1, T2, ...) is not implemented yet: the text path's ordered-run
solver labels the cells, and the checks guard it.
"""

from __future__ import annotations

import logging

from papeleo.model import Document, Line

log = logging.getLogger(__name__)


def segment_geometry(doc: Document):
    """Column-labeled rows from word boxes; None means 'use the line-stream reader'."""
    return None


def y_center(line: Line) -> float | None:
    return line.bbox.y_center if line.bbox is not None else None


def vertical_gap(y: float, lo: float, hi: float) -> float:
    """Distance in points from ``y`` to the band [lo, hi] (0 inside it)."""
    if lo <= y <= hi:
        return 0.0
    return min(abs(y - lo), abs(y - hi))
