"""The one document model every reader produces and every extractor consumes.

Coordinate convention (the only one in papeleo): PDF points (1/72 inch), origin at the
top-left corner of the page, y growing downwards — the convention pdfplumber uses for
``top``/``bottom``. OCR readers convert pixels with ``points = pixels * 72 / dpi``. Text
that has no geometry (plain-text input) has ``bbox=None``; extractors must accept that.

Confidence is always 0–1. A text-layer word is 1.0 (the PDF says what it says); an OCR
word carries tesseract's own confidence divided by 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

TextSource = Literal["text_layer", "ocr", "plain_text"]
Stage = Literal["fetch", "read", "classify", "extract", "validate", "write"]


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_center(self) -> float:
        return (self.top + self.bottom) / 2

    def overlaps(self, other: BBox) -> bool:
        return not (other.x1 < self.x0 or other.x0 > self.x1 or other.bottom < self.top or other.top > self.bottom)

    @staticmethod
    def union(boxes: Iterable[BBox | None]) -> BBox | None:
        real = [b for b in boxes if b is not None]
        if not real:
            return None
        return BBox(
            min(b.x0 for b in real),
            min(b.top for b in real),
            max(b.x1 for b in real),
            max(b.bottom for b in real),
        )


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight ruling segment found on a page (a table line), in PDF points with the
    top-left origin. Readers record them — pdfplumber's edges on text-layer pages, the
    lines erased before OCR on scans — so table readers need not guess a grid the reader
    already saw. A horizontal rule has ``top == bottom`` up to its stroke width."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def orientation(self) -> Literal["h", "v"]:
        return "h" if (self.x1 - self.x0) >= (self.bottom - self.top) else "v"

    @property
    def length(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Line:
    """A visual line. ``text`` is kept as read (tabs and runs of spaces survive for
    plain text, where they are the only column evidence there is)."""

    text: str
    words: tuple[Word, ...] = ()
    bbox: BBox | None = None

    @property
    def confidence(self) -> float:
        if not self.words:
            return 1.0
        return sum(w.confidence for w in self.words) / len(self.words)

    @staticmethod
    def from_words(words: Sequence[Word], sep: str = " ") -> Line:
        return Line(
            text=sep.join(w.text for w in words),
            words=tuple(words),
            bbox=BBox.union(w.bbox for w in words),
        )

    @staticmethod
    def from_text(text: str) -> Line:
        return Line(text=text, words=tuple(Word(t) for t in text.split()), bbox=None)


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]
    text_source: TextSource
    width: float | None = None
    height: float | None = None
    # mean word confidence, only for OCR'd pages
    ocr_confidence: float | None = None
    # ruling segments (table lines) the reader found; empty when it found none or has no geometry
    rules: tuple[Rule, ...] = ()
    # ink no text explains (a blot, a stamp's filled shape), in points: an empty cell under one
    # was not necessarily printed empty (papeleo.readers.marks; text-layer pages only)
    marks: tuple[BBox, ...] = ()
    # degrees (0, 90, 180, 270) the page as stored in the file is turned clockwise to be upright:
    # the PDF's /Rotate (or an image's EXIF orientation) plus the turn the OCR reader found
    rotation: int = 0
    # what the reader did to the page beyond reading it as published, each with its reason
    # ("respaced: 7 of 325 words ran together ...", "ocr: a scanned page ..."), so a value
    # read from a repaired or OCR'd page is never mistaken for the publisher's own text
    reading_notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)

    def crop(self, bbox: BBox) -> Page:
        """A new Page holding only the words inside ``bbox`` (the original is untouched),
        so an extractor can look at one region — a table, a column — as if it were a page."""
        kept: list[Line] = []
        for line in self.lines:
            words = [w for w in line.words if w.bbox is not None and _inside(w.bbox, bbox)]
            if words:
                kept.append(Line.from_words(words))
        rules = tuple(r for r in self.rules if _rule_inside(r, bbox))
        return replace(self, lines=tuple(kept), rules=rules)


def _inside(inner: BBox, outer: BBox) -> bool:
    cx, cy = inner.x_center, inner.y_center
    return outer.x0 <= cx <= outer.x1 and outer.top <= cy <= outer.bottom


def _rule_inside(rule: Rule, outer: BBox) -> bool:
    return outer.x0 <= rule.x0 and rule.x1 <= outer.x1 and outer.top <= rule.top and rule.bottom <= outer.bottom


@dataclass(frozen=True, slots=True)
class Failure:
    """A problem kept in the result instead of raised, so one bad page or record never
    ends the run. ``message`` is written for the person who has to fix the input."""

    stage: Stage
    error_type: str
    message: str
    record: str | None = None  # the rejected record as JSON, for single-record failures


@dataclass(slots=True)
class Document:
    doc_id: str  # sha256 of the file bytes, hex
    source: str
    file_name: str
    media_type: str  # "pdf", "image", "text"
    pages: list[Page] = field(default_factory=list)
    page_count: int = 0  # pages in the file (may exceed len(pages) if reading stopped)

    @property
    def text(self) -> str:
        return "\f".join(p.text for p in self.pages)

    @property
    def text_source(self) -> str | None:
        kinds = {p.text_source for p in self.pages}
        if not kinds:
            return None
        if kinds == {"plain_text"}:
            return "plain_text"
        if kinds == {"ocr"}:
            return "ocr"
        if kinds == {"text_layer"}:
            return "text_layer"
        return "mixed"

    @property
    def ocr_confidence(self) -> float | None:
        confs = [p.ocr_confidence for p in self.pages if p.text_source == "ocr" and p.ocr_confidence is not None]
        return sum(confs) / len(confs) if confs else None

    def iter_lines(self) -> Iterable[tuple[Page, Line]]:
        for page in self.pages:
            for line in page.lines:
                yield page, line
