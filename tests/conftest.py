"""Shared test helpers. Pages and documents are built by hand, the way spaCy's tests
build a Doc, so extractor tests need neither files nor OCR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from papeleo.model import Document, Line, Page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
GOLDENS = ROOT / "tests" / "goldens"

os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Prefect logs "Stopping temporary server" at interpreter exit, after pytest has closed its
# captured streams; at WARNING that line is never emitted.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

requires_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (the shared seed documents are not checked out beside the repo)")


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output (review the diff before committing)")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def make_page(text: str, number: int = 1, source: str = "plain_text") -> Page:
    return Page(number=number, lines=tuple(Line.from_text(t) for t in text.split("\n")), text_source=source)  # type: ignore[arg-type]


def make_document(text: str, doc_id: str = "0" * 64, name: str = "doc.txt") -> Document:
    pages = [make_page(chunk, i + 1) for i, chunk in enumerate(text.split("\f"))]
    return Document(doc_id=doc_id, source=name, file_name=name, media_type="text", pages=pages, page_count=len(pages))
