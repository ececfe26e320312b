"""``papeleo review OUT``: one HTML page listing every doubtful value of a run beside its evidence.

Extraction from bad scans is never certain, and the rows say where it is not: a corrected or
imputed value, a check in conflict, a row read with low confidence. A reviewer signs a run off
by looking at exactly those, each beside the page it was read from, and records a decision
(accept, or the right value) that ``papeleo ingest --decisions`` applies on every later run.
The page is one file with everything inlined, so it can be mailed or opened offline, and
needs no server: decisions leave it as a downloaded JSON file.

``collect`` finds the doubtful values, ``evidence`` cuts the crops and text lines, ``page``
writes the HTML (``assets`` holds its stylesheet and script).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .. import atomic
from .collect import DEFAULT_MIN_CONFIDENCE, Entry, Review, collect
from .evidence import attach
from .page import render

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Entry", "Review", "build_review", "collect", "write_review"]

log = logging.getLogger(__name__)


def build_review(root: str | os.PathLike, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> tuple[Review, str]:
    """The doubtful values under ``root`` with their evidence, and the page showing them."""
    review = collect(root, min_confidence)
    attach(review)
    return review, render(review)


def write_review(
    root: str | os.PathLike, output: str | os.PathLike | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> tuple[Review, Path]:
    """Write the page (default ``root/review.html``) atomically; returns the review and the path."""
    review, html = build_review(root, min_confidence)
    path = Path(output) if output else Path(root) / "review.html"
    atomic.write_text(path, html)
    log.info("review page written: %s (%d entries)", path, len(review.entries))
    return review, path
