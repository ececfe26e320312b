"""Which way up a scanned page is: tesseract's orientation detection (OSD), and when to ask it.

Landscape tables are often scanned onto portrait pages, so their text runs up or down the page.
OCR'd as they are, they read as noise — silently: the real ``camp_itse_asm_2018.pdf`` pages 3-8
came out at a mean word confidence of 0.38-0.47 before this module existed.

When to ask (measured on the 37 scanned pages of the 8 real PDFs, ``benchmarks/bench_orientation.py``):

- OSD is not cheap: 0.4-1.4 s per page at 150 dpi (0.7-2.2 s at 300 dpi), against 0.8-5 s for
  the OCR itself, most of it fixed cost (a tesseract process, the image written to a file). Run
  on every page it would add ~40% to every OCR'd page of a document that is upright anyway.
- A page read the wrong way round announces itself in the OCR result: turned 180 or 270 degrees,
  its mean word confidence falls to 0.31-0.47 (every upright real page: 0.73 or more); turned
  90 degrees clockwise, tesseract reads its vertical lines well (0.82-0.94) but every word box
  is taller than wide.
- So the page is OCR'd as it is first, and OSD runs only when that read is unconvincing
  (:func:`read_is_unconvincing`). On the real set that costs OSD plus a second OCR on the 6
  sideways pages and nothing on the 31 upright ones — less than OSD on all 37, and on an
  ordinary batch, where sideways pages are rare, close to nothing.
- OSD can be wrong on a page with little text (the real ASEH cover, 8 words: "180 degrees",
  confidence 1.8), so a turn is kept only when the turned page reads better
  (:func:`read_score`), never on OSD's word alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import pytesseract
from PIL import Image

from papeleo.model import Line

log = logging.getLogger(__name__)

# OSD runs on a copy at this resolution. On the 37 real pages, 150 and 300 dpi were each wrong once
# (the 8-word ASEH cover) and found all 6 sideways pages; 150 dpi took 0.66x the time of 300 dpi
# (26 s vs 40 s in all); at 100 dpi OSD was wrong on 12 pages ("180" for upright ones).
OSD_DPI = 150.0
# OSD's own confidence below which its answer is ignored. Low because a wrong answer only costs
# one more OCR of the page (a turn is kept only if the turned page reads better); the sideways
# real pages scored 3.5-12 at 150 dpi, the wrong answers seen at 100 dpi scored 0.01-3.9.
MIN_OSD_CONFIDENCE = 1.0
# An OCR read whose mean word confidence is below this is re-checked for orientation. Upright real
# pages read at 0.73-0.95, the same pages turned 180/270 degrees at 0.31-0.47: 0.6 sits between.
# Higher would run OSD on poor-but-upright scans (cost only); lower would miss a sideways page.
ORIENTATION_CHECK_CONFIDENCE = 0.6
# A word needs at least this many characters for its box shape to say which way its line runs.
MIN_CHARS_FOR_SHAPE = 3
# Below this share of wider-than-tall words, the page's lines run vertically: tesseract read a
# page turned 90 degrees clockwise down its columns (well, but with sideways geometry). Upright
# pages score ~0.9 and more, pages read sideways ~0.
MIN_UPRIGHT_SHARE = 0.5
# tesseract's OSD message for a page with too little text to judge.
_TOO_FEW_CHARACTERS = "too few characters"


@dataclass(frozen=True, slots=True)
class Osd:
    """Tesseract's answer: ``clockwise`` degrees to turn the image so it is upright (None when
    it could not tell: too little text), its ``confidence`` and the ``seconds`` it took."""

    clockwise: int | None
    confidence: float | None
    seconds: float


def image_to_osd(img: Image.Image, dpi: float, timeout: float = 0) -> Osd:
    """Orientation of ``img`` (rendered at ``dpi``) by tesseract's OSD, on an OSD_DPI copy.
    A page with too little text is "unknown" (``clockwise=None``), not an error. pytesseract's
    timeout (RuntimeError) is not caught: the document's deadline is the caller's business."""
    started = time.perf_counter()
    small = image_to_resolution(img, dpi, OSD_DPI)
    try:
        osd = pytesseract.image_to_osd(small, output_type=pytesseract.Output.DICT, timeout=timeout)
    except pytesseract.TesseractError as exc:
        # "Too few characters" is OSD's normal answer for a page with little text; any other
        # failure of OSD is no reason to lose the page, which was already read as it is.
        if _TOO_FEW_CHARACTERS in str(exc.message).lower():
            log.debug("OSD: too few characters to tell the orientation")
        else:
            log.warning("OSD failed (exit status %s: %s); the page is left as it is", exc.status, exc.message)
        return Osd(None, None, time.perf_counter() - started)
    return Osd(int(osd["rotate"]) % 360, float(osd["orientation_conf"]), time.perf_counter() - started)


def image_to_resolution(img: Image.Image, dpi: float, target_dpi: float) -> Image.Image:
    """``img`` scaled down to ``target_dpi`` (unchanged when it is already at or below it)."""
    if dpi <= target_dpi:
        return img
    scale = target_dpi / dpi
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS)


def osd_to_turn(osd: Osd) -> int:
    """The clockwise turn worth trying: OSD's answer when it is confident, else 0 (leave it)."""
    if osd.clockwise is None or osd.confidence is None or osd.confidence < MIN_OSD_CONFIDENCE:
        return 0
    return osd.clockwise


def osd_to_turns(osd: Osd, upright_share: float | None) -> tuple[int, ...]:
    """The clockwise turns worth trying, best guess first. OSD's confident answer; else, when
    the read's lines run down the page (upright share below MIN_UPRIGHT_SHARE), the page is
    sideways for certain and only the direction is unknown, so both quarter turns are tried
    (OSD's own guess first when it made one): a generated MIR scan turned 270 degrees got an OSD
    confidence of 0.24 and was left sideways, every number lost. Otherwise none."""
    confident = osd_to_turn(osd)
    if confident:
        return (confident,)
    if upright_share is None or upright_share >= MIN_UPRIGHT_SHARE:
        return ()
    guess = osd.clockwise if osd.clockwise in (90, 270) else 90
    return (guess, 360 - guess)


def image_to_turned(img: Image.Image, clockwise: int) -> Image.Image:
    """``img`` turned ``clockwise`` degrees (a multiple of 90), without resampling."""
    turns = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    op = turns[clockwise % 360]
    return img if op is None else img.transpose(op)


def lines_to_upright_share(lines: Sequence[Line]) -> float | None:
    """Share of the words of MIN_CHARS_FOR_SHAPE or more characters whose box is wider than
    tall (None when there are none): ~1 for horizontal lines, ~0 for lines read down a page."""
    shaped = [
        w.bbox.width > w.bbox.height
        for ln in lines
        for w in ln.words
        if w.bbox is not None and len(w.text) >= MIN_CHARS_FOR_SHAPE
    ]
    return sum(shaped) / len(shaped) if shaped else None


def read_is_unconvincing(confidence: float | None, upright_share: float | None) -> bool:
    """Whether an OCR read of a page is worth checking for orientation: low confidence (text
    read upside down or up the page) or lines that run vertically (read down the page)."""
    if confidence is not None and confidence < ORIENTATION_CHECK_CONFIDENCE:
        return True
    return upright_share is not None and upright_share < MIN_UPRIGHT_SHARE


def read_score(confidence: float | None, upright_share: float | None) -> float:
    """How good a read is, to choose between a page as it is and turned: its confidence
    weighted by the share of upright words (a page read down its columns can be confident,
    but its geometry is sideways)."""
    return (confidence or 0.0) * (1.0 if upright_share is None else upright_share)
