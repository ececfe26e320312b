"""Shared test helpers, importable from any test folder as ``from helpers import ...``
(pytest puts ``tests/`` on the path: ``pythonpath`` in pyproject.toml). Fixtures live in
conftest.py files; plain values and functions live here, because every folder's conftest
is a module named ``conftest`` and importing from it would pick whichever came first.

Pages and documents are built by hand, the way spaCy's tests build a Doc, so extractor
tests need neither files nor OCR.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from papeleo.model import BBox, Document, Line, Page, Word

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REALWORLD = SHARED / "realworld"
SAMPLES = ROOT / "samples"
FAMILIES = ROOT / "tests" / "families"

requires_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"{SEEDS} is absent (the shared seed documents are not checked out beside the repo)"
)
requires_realworld = pytest.mark.skipif(
    not REALWORLD.is_dir(), reason=f"{REALWORLD} is absent (the shared real PDFs are not checked out beside the repo)"
)


def make_page(text: str, number: int = 1, source: str = "plain_text") -> Page:
    return Page(number=number, lines=tuple(Line.from_text(t) for t in text.split("\n")), text_source=source)  # type: ignore[arg-type]


def make_document(text: str, doc_id: str = "0" * 64, name: str = "doc.txt") -> Document:
    pages = [make_page(chunk, i + 1) for i, chunk in enumerate(text.split("\f"))]
    return Document(doc_id=doc_id, source=name, file_name=name, media_type="text", pages=pages, page_count=len(pages))


def pages_document(*pages: Page, name: str = "doc.pdf", doc_id: str = "0" * 64) -> Document:
    """A PDF-like document of hand-built pages (words with boxes, a text layer or OCR)."""
    return Document(
        doc_id=doc_id, source=name, file_name=name, media_type="pdf", pages=list(pages), page_count=len(pages)
    )


def extract_text(extractor: str, text: str):
    """The named registry extractor run on a document built from ``text`` (pages split at form
    feeds), in this process's context: the extractor tests' one way in."""
    from papeleo import registry
    from papeleo.context import process_context

    return registry.get(extractor).func(make_document(text), process_context())


def scan_word(text: str, x0: float, top: float) -> Word:
    """A word as tesseract boxes it on a scan set in 7-point type: 5 points a letter, read at
    0.95 (the hand-built pages of the ASM scan tests)."""
    return Word(text, BBox(x0, top, x0 + 5 * len(text), top + 7), 0.95)


def scan_line(*words: tuple[str, float], top: float) -> Line:
    """A line of ``scan_word`` words, each given as (text, x0)."""
    return Line.from_words([scan_word(t, x, top) for t, x in words])
