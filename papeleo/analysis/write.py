"""``write_report``: the report page of an output root, written where a browser can open it.

The page is read while a run may be writing it (the nightly run links to it), so it is
written beside its place and moved in (``papeleo.atomic``): a reader sees the old page or the
new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from .. import atomic
from .figures import load
from .page import render

log = logging.getLogger(__name__)

PAGE = "report.html"


def write_report(out: str | os.PathLike, dest: str | os.PathLike | None = None) -> Path:
    """Write the report of output root ``out`` to ``dest`` (default ``OUT/report.html``);
    returns the path written. An output root with no documents gives a page that says so."""
    root = Path(out)
    if not root.is_dir():
        raise FileNotFoundError(f"no output root at {root}: run `papeleo ingest ... --out {root}` first")
    row_counts, frames = load(root)
    html = render(root, row_counts, frames, dt.datetime.now(dt.UTC))
    path = atomic.write_text(Path(dest) if dest is not None else root / PAGE, html)
    log.info("report: wrote %s (%d bytes)", path, len(html.encode("utf-8")))
    return path
