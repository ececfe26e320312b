"""Fixtures for the table reader's tests; the drawing helpers are in ``table_pdfs.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from table_pdfs import TableDrawer


@pytest.fixture
def new_pdf(tmp_path: Path) -> Callable[[str], tuple[canvas.Canvas, TableDrawer, Path]]:
    """A fresh reportlab canvas (A4, fixed metadata) and its drawer; save with ``c.save()``."""

    def make(name: str) -> tuple[canvas.Canvas, TableDrawer, Path]:
        path = tmp_path / name
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        c.setLineWidth(0.7)
        return c, TableDrawer(c), path

    return make
