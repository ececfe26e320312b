"""What changed between two extraction runs (two output roots), for the reviewer who must
sign off a new extractor version or a re-run on new scans.

``match`` loads both roots and pairs rows by document and natural key (not by ``record_id``,
which a version bump or a re-scan renews) and gives each difference its cause; ``model``
holds the result; ``render_text``, ``render_md``, ``render_json`` and ``render_html`` show
the same result for a terminal, a pull request, a program and a browser.
"""

from __future__ import annotations

from . import render_html, render_json, render_md, render_text
from .match import diff_outputs, is_output_root
from .model import CAUSES, DatasetDiff, DiffResult, FieldChange, RowChange

FORMATS = {"text": render_text.render, "md": render_md.render, "json": render_json.render, "html": render_html.render}


def format_diff(result: DiffResult, limit: int = 50, fmt: str = "text") -> str:
    """``result`` in one of ``FORMATS``; ``limit``: rows listed per kind and dataset (not in json)."""
    try:
        render = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown diff format {fmt!r}; known: {', '.join(FORMATS)}") from None
    return render(result, limit)


__all__ = [
    "CAUSES",
    "FORMATS",
    "DatasetDiff",
    "DiffResult",
    "FieldChange",
    "RowChange",
    "diff_outputs",
    "format_diff",
    "is_output_root",
]
