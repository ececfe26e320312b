"""One page image -> one OCR'd :class:`~papeleo.model.Page`: upright, straight, rulings erased, read.

The steps, in order:

1. **Skew** (:mod:`.skew`): the page is straightened when its lines tilt by MIN_DESKEW_DEGREES
   or more, so the ruling finder sees its grid as straight lines and a table's rows stay apart
   (measured in ``benchmarks/bench_orientation.py``: from 1.5 degrees the grid was lost).
2. **Rulings** (:mod:`.rules`) are recorded and erased; **tesseract** reads the rest (``--psm 3``).
   When much of the page's ink lies outside every word read, a sparse-text read fills the gap
   (:mod:`.fill`: psm 3 sometimes skips a whole block of a table as if it were a picture).
   Smaller losses are read on crops: runs of unsure words (:mod:`.reread`), empty cells of a
   ruled grid (:mod:`.cells`), and print standing alone that no word explains (:mod:`.lone`).
3. **Orientation** (:mod:`.orient`): when that read is unconvincing (low confidence, or lines
   running down the page), tesseract's OSD says which way up the page is; the page is turned,
   straightened and read again, and the turned read is kept only if it is better.
4. **Confidence floor**: a page still below LOW_CONFIDENCE_FLOOR becomes a
   ``low_ocr_confidence`` failure — its text is kept, but nobody is left to find out by chance
   that it is noise.

Geometry: every box (words, lines, rulings) is in PDF points with the origin at the top-left
corner of the page **as displayed upright**, i.e. after the PDF's ``/Rotate`` (pdfium renders
with it), an image's EXIF orientation, and the turn chosen here; ``Page.width``/``height`` are
that upright page's. The small deskew rotates about the page centre without changing its size,
so it moves nothing but the corners. ``Page.rotation`` is the whole clockwise turn from the page
*as stored in the file* to upright (``/Rotate`` or EXIF plus the turn chosen here), the same
convention as the goldens' ``pages_rotated``. The skew angle has no field on the Page: it is in
:class:`OcrPageResult` and, with the turn, in ``Page.reading_notes`` ("turned: ...", "deskewed: ...").
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytesseract
from PIL import Image

from papeleo.errors import ErrorKind
from papeleo.model import BBox, Failure, Line, Page, Rule, Word

from . import tesseract_run
from .cells import lines_to_cell_read_lines
from .fill import (
    UNEXPLAINED_INK_FOR_SECOND_READ,
    image_to_ink,
    ink_to_unexplained_share,
    lines_to_filled_lines,
)
from .lone import lines_to_lone_read_lines
from .orient import Osd, image_to_osd, image_to_turned, lines_to_upright_share, osd_to_turns, read_is_unconvincing
from .orient import read_score as orient_read_score
from .reread import lines_to_reread_lines
from .rules import image_to_unruled_and_rules, pixel_rules_to_point_rules
from .skew import image_to_deskewed, image_to_skew_degrees
from .tesseract_configs import CELL_READ, PAGE_READ, SPARSE_READ
from .turned import lines_to_turned_read_lines

log = logging.getLogger(__name__)

# Straighten a page only when it tilts at least this much (benchmarks/bench_orientation.py, the
# sample text pages tilted and degraded like a scan, means over 8 pages, raw -> straightened):
#   tilt 0.5 deg: numbers read exactly 0.880 -> 0.858, table rows read whole 0.848 -> 0.776
#   tilt 1.0 deg: numbers 0.881 -> 0.862, rows whole 0.736 -> 0.876
#   tilt 1.5-3 deg: numbers 0.71-0.74 -> 0.85-0.86, rows whole 0.00-0.07 -> 0.79-0.87 (the grid is
#   lost: rulings drift off the ruling finder's rows, rows of a wide table drift into each other)
# and on the committed sample scans (tilted 0.3-0.5 deg) straightening lost numbers (0.867 -> 0.842):
# resampling the page softens its glyphs, which costs more than a small tilt. So: from 1 degree,
# where the table reader starts losing rows, and not below, where tesseract copes on its own.
MIN_DESKEW_DEGREES = 1.0
# A page read below this mean word confidence, even upright, becomes a low_ocr_confidence
# failure. Measured (benchmarks/bench_orientation.py): every real scanned page once upright reads
# at 0.73 or more and the sample scans at 0.80 or more; sideways pages left sideways read at
# 0.31-0.47, a blurred page at 0.33. Higher would flag the real signature sheets (0.73-0.76,
# handwriting over print) that are fine; lower would let pages of noise through unflagged.
LOW_CONFIDENCE_FLOOR = 0.6
# Fewer OCR'd words than this is a near-blank page (a stamp, a signature, dust read as letters):
# its mean confidence is noise about noise, and there is no text worth a warning.
MIN_WORDS_FOR_FLOOR = 5


@dataclass(frozen=True, slots=True)
class ImageRead:
    """One tesseract pass over one page image as it was given (already turned)."""

    lines: tuple[Line, ...]
    rules: tuple[Rule, ...]  # points
    width: float  # points
    height: float  # points
    confidence: float | None
    upright_share: float | None
    skew: float  # degrees the content tilted counter-clockwise; 0.0 when not straightened
    # share of the ink outside the first read's words, and words a second read added (fill.py)
    unexplained_ink: float = 0.0
    words_added: int = 0

    @property
    def score(self) -> float:
        return orient_read_score(self.confidence, self.upright_share)

    @property
    def word_count(self) -> int:
        return sum(len(ln.words) for ln in self.lines)


@dataclass(frozen=True, slots=True)
class OcrPageResult:
    """The page, its failures (a low-confidence warning), and how it was put upright: the OSD
    answer when OSD ran, the skew straightened (degrees the content tilted counter-clockwise),
    the seconds spent on orientation (OSD plus reading the turned page again) and the first
    read, of the page as it came — for benchmarks and logs."""

    page: Page
    failures: tuple[Failure, ...]
    skew: float
    osd: Osd | None
    orientation_seconds: float
    first_read: ImageRead


# --------------------------------------------------------------------------- tesseract data


def tesseract_data_to_lines(data: Mapping[str, Sequence[Any]], x_scale: float, y_scale: float) -> list[Line]:
    """tesseract ``image_to_data`` output -> Lines in points.

    Rows with conf < 0 are tesseract's layout rows (page, block, paragraph, line), not words.
    Words are grouped by tesseract's own (block, paragraph, line) keys rather than by
    geometry: tesseract already decided what a line is, with more evidence than boxes."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw_text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        text = str(raw_text).strip()
        if conf < 0 or not text:
            continue
        left, top = float(data["left"][i]), float(data["top"][i])
        box = BBox(
            x0=left * x_scale,
            top=top * y_scale,
            x1=(left + float(data["width"][i])) * x_scale,
            bottom=(top + float(data["height"][i])) * y_scale,
        )
        word = Word(text=text, bbox=box, confidence=min(1.0, max(0.0, conf / 100.0)))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        groups.setdefault(key, []).append(word)
    lines = [Line.from_words(sorted(ws, key=lambda w: w.bbox.x0)) for ws in groups.values()]  # type: ignore[union-attr]
    lines.sort(key=lambda ln: (ln.bbox.top, ln.bbox.x0) if ln.bbox else (0.0, 0.0))
    return lines


def lines_to_mean_confidence(lines: Sequence[Line]) -> float | None:
    confs = [w.confidence for ln in lines for w in ln.words]
    return sum(confs) / len(confs) if confs else None


# --------------------------------------------------------------------------- one page


def seconds_left(deadline_epoch: float | None) -> float:
    """pytesseract's timeout for the next call (0 = none); TimeoutError once the deadline passed."""
    if deadline_epoch is None:
        return 0.0
    left = deadline_epoch - time.time()
    if left <= 0:
        raise TimeoutError("document deadline passed before this page was finished")
    return left


# Sauvola binarisation (tesseract_configs.BINARIZATION) needs a window of at least 2 pixels each
# side inside the image: on a crop a few pixels tall (a sliver between two rules that reread.py or
# cells.py reads again) tesseract stops with "Error in pixSauvolaBinarizeTiled: whsize must be >= 2"
# and the whole page was lost (dev MIR scan 24, page 2). Such a crop is read again on paper of
# at least this many pixels each way, placed at its top left so that its coordinates stay.
SAUVOLA_ERROR = "whsize must be >= 2"
MIN_SAUVOLA_SIDE_PX = 64


def image_to_lines(
    img: Image.Image, lang: str, config: str, deadline_epoch: float | None, x_scale: float, y_scale: float
) -> list[Line]:
    """One tesseract pass over ``img`` with ``config`` -> Lines in points (``x_scale`` and
    ``y_scale`` are points per pixel)."""
    try:
        data = tesseract_run.image_to_data(img, lang, config, seconds_left(deadline_epoch))
    except pytesseract.TesseractError as exc:
        too_small = SAUVOLA_ERROR in str(exc) or tesseract_run.READ_FAILED in str(exc)
        if not too_small or min(img.size) >= MIN_SAUVOLA_SIDE_PX:
            raise
        log.debug("a %dx%d crop is too small to binarise: read again on paper", *img.size)
        return image_to_lines(image_on_paper(img, MIN_SAUVOLA_SIDE_PX), lang, config, deadline_epoch, x_scale, y_scale)
    return tesseract_data_to_lines(data, x_scale, y_scale)


def image_on_paper(img: Image.Image, side: float) -> Image.Image:
    """``img`` at the top left of a white page at least ``side`` pixels each way."""
    grey = img.convert("L")
    paper = Image.new("L", (max(grey.width, int(side)), max(grey.height, int(side))), 255)
    paper.paste(grey, (0, 0))
    return paper


def image_to_read(
    img: Image.Image,
    x_dpi: float,
    y_dpi: float,
    lang: str,
    deadline_epoch: float | None,
    min_deskew: float = MIN_DESKEW_DEGREES,
) -> ImageRead:
    """Straighten (when tilted ``min_deskew`` degrees or more), record and erase rulings, OCR;
    geometry in points."""
    dpi = min(x_dpi, y_dpi)
    skew = image_to_skew_degrees(img, dpi) if math.isfinite(min_deskew) else 0.0
    if abs(skew) < min_deskew:
        skew = 0.0
    straight = image_to_deskewed(img, skew)
    unruled, pixel_rules = image_to_unruled_and_rules(straight, dpi)
    x_scale, y_scale = 72.0 / x_dpi, 72.0 / y_dpi
    point_rules = pixel_rules_to_point_rules(pixel_rules, x_dpi, y_dpi)
    lines = image_to_lines(unruled, lang, PAGE_READ, deadline_epoch, x_scale, y_scale)
    confidence, upright = lines_to_mean_confidence(lines), lines_to_upright_share(lines)
    # a page that may be sideways is not re-read (nor filled, below): its turned read will be
    if not read_is_unconvincing(confidence, upright):
        # a head's labels set turned a quarter: read turned (a block, each strip a line: --psm 6)
        lines, turned = lines_to_turned_read_lines(
            lines,
            unruled,
            x_scale,
            y_scale,
            lambda crop: image_to_lines(crop, lang, CELL_READ, deadline_epoch, 1.0, 1.0),
        )
        if turned:
            log.debug("%d block(s) of print turned a quarter read upright", turned)
        lines, reread = lines_to_reread_lines(
            lines,
            unruled,
            x_scale,
            y_scale,
            lambda crop: image_to_lines(crop, lang, SPARSE_READ, deadline_epoch, 1.0, 1.0),
        )
        if reread:
            log.debug("%d line(s) with a run of unsure words read again as sparse text", reread)

        def read_cell(crop: Image.Image) -> list[Line]:
            return image_to_lines(crop, lang, CELL_READ, deadline_epoch, 1.0, 1.0)

        lines, _ = lines_to_cell_read_lines(lines, unruled, x_scale, y_scale, point_rules, read_cell)
        lines, lone = lines_to_lone_read_lines(lines, unruled, x_scale, y_scale, read_cell)
        if lone:
            log.debug("%d word(s) of print standing alone read on their own crops", lone)
        confidence = lines_to_mean_confidence(lines)
    unexplained = ink_to_unexplained_share(image_to_ink(unruled), lines, x_scale, y_scale)
    added = 0
    # a page that may be sideways is not filled: its turned read will be, if it is kept
    if unexplained > UNEXPLAINED_INK_FOR_SECOND_READ and not read_is_unconvincing(confidence, upright):
        second = image_to_lines(unruled, lang, SPARSE_READ, deadline_epoch, x_scale, y_scale)
        lines, added = lines_to_filled_lines(lines, second)
        log.debug("%.1f%% of the ink unread by --psm 3: %d words added by a second read", 100 * unexplained, added)
    return ImageRead(
        lines=tuple(lines),
        rules=tuple(point_rules),
        width=img.width * 72.0 / x_dpi,
        height=img.height * 72.0 / y_dpi,
        confidence=confidence,
        upright_share=upright,
        skew=skew,
        unexplained_ink=unexplained,
        words_added=added,
    )


def image_to_ocr_result(
    img: Image.Image,
    number: int,
    x_dpi: float,
    y_dpi: float,
    lang: str,
    deadline_epoch: float | None,
    stored_rotation: int = 0,
    name: str = "",
    orient: bool = True,
    min_deskew: float = MIN_DESKEW_DEGREES,
) -> OcrPageResult:
    """OCR one page image (already turned by ``stored_rotation``, the PDF's /Rotate or the
    EXIF orientation, clockwise degrees), turning it upright first when it needs it.
    ``orient=False`` and ``min_deskew`` (``math.inf``: never, 0: any tilt) are for benchmarks:
    they measure what each step is worth."""
    read = first = image_to_read(img, x_dpi, y_dpi, lang, deadline_epoch, min_deskew)
    turn, osd, spent = 0, None, 0.0
    if orient and read_is_unconvincing(read.confidence, read.upright_share):
        started = time.perf_counter()
        osd = image_to_osd(img, min(x_dpi, y_dpi), seconds_left(deadline_epoch))
        best = read
        tried: dict[int, ImageRead] = {}

        def read_turned(clockwise: int) -> ImageRead:
            turned_dpi = (y_dpi, x_dpi) if clockwise in (90, 270) else (x_dpi, y_dpi)
            tried[clockwise] = image_to_read(
                image_to_turned(img, clockwise), *turned_dpi, lang, deadline_epoch, min_deskew
            )
            return tried[clockwise]

        for candidate in osd_to_turns(osd, read.upright_share):
            turned = read_turned(candidate)
            log.debug(
                "page %d: turn %d (OSD %s, conf %.1f); read score %.2f as is, %.2f turned",
                number,
                candidate,
                osd.clockwise,
                osd.confidence or 0.0,
                read.score,
                turned.score,
            )
            if turned.score > best.score:
                best, turn = turned, candidate
        opposite = (turn + 180) % 360
        if turn and opposite not in tried and read_is_unconvincing(best.confidence, None):
            # OSD can be sure of the axis and wrong of the side: a generated MIR scan turned 270
            # degrees read upside down at 0.4 after OSD's confident 90 (block 6400-6449, 6433);
            # when both quarter turns were tried (OSD unsure), the opposite one was read already
            turned = read_turned(opposite)
            log.debug(
                "page %d: turn %d still reads at %.2f; %d reads %.2f", number, turn, best.score, opposite, turned.score
            )
            if turned.score > best.score:
                best, turn = turned, opposite
        read = best
        spent = time.perf_counter() - started
    page = Page(
        number=number,
        lines=read.lines,
        text_source="ocr",
        width=read.width,
        height=read.height,
        ocr_confidence=read.confidence,
        rules=read.rules,
        rotation=(stored_rotation + turn) % 360,
        reading_notes=read_to_notes(first, read, turn, osd),
    )
    failure = page_to_low_confidence_failure(page, read.word_count, name)
    return OcrPageResult(page, (failure,) if failure else (), read.skew, osd, spent, first)


def read_to_notes(first: ImageRead, kept: ImageRead, turn: int, osd: Osd | None) -> tuple[str, ...]:
    """``Page.reading_notes`` for what was done to the image before OCR: the turn chosen here
    (not a PDF's /Rotate: that is the publisher's own instruction), the skew straightened, and
    the words a second read added."""
    notes = []
    if turn and osd is not None:
        notes.append(
            f"turned: {turn} degrees clockwise before OCR (tesseract OSD said {osd.clockwise}, confidence "
            f"{osd.confidence or 0:.1f}; the turned page read better); "
            f"mean word confidence {first.confidence or 0:.2f} as scanned, {kept.confidence or 0:.2f} turned"
        )
    if kept.skew:
        sense = "counter-clockwise" if kept.skew > 0 else "clockwise"
        notes.append(f"deskewed: the scan tilted {abs(kept.skew):.2f} degrees {sense}; straightened before OCR")
    if kept.words_added:
        notes.append(
            f"second read: {100 * kept.unexplained_ink:.0f}% of the ink lay outside the words first read; "
            f"{kept.words_added} words added by a sparse-text read (tesseract --psm 11)"
        )
    return tuple(notes)


def page_to_low_confidence_failure(page: Page, word_count: int, name: str = "") -> Failure | None:
    """A ``low_ocr_confidence`` failure for a page that reads as noise even upright, else None.
    The page itself is kept: a bad read is still more than no read, and the message says so."""
    conf = page.ocr_confidence
    if conf is None or conf >= LOW_CONFIDENCE_FLOOR or word_count < MIN_WORDS_FOR_FLOOR:
        return None
    where = f"Page {page.number} of '{name}'" if name else f"Page {page.number}"
    turned = f", after turning it {page.rotation} degrees clockwise," if page.rotation else ""
    kind = ErrorKind.LOW_OCR_CONFIDENCE
    return Failure(
        stage="read",
        error_type=kind.value,
        message=f"{where} was OCR'd{turned} with a mean word confidence of {conf:.2f}, below the floor of "
        f"{LOW_CONFIDENCE_FLOOR:.2f}: its {word_count} words are kept but are probably noise, and any "
        f"record read from them is suspect. {kind.advice}",  # type: ignore[attr-defined]
    )
