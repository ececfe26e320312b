"""PDFs: the text layer where it can be trusted, OCR for the pages where it cannot.

Accountability PDFs are often hybrids: a digitally produced report with scanned annexes
(signed pages, stamped tables), or a scan with a one-line digital footer stamped on top.
The decision is therefore per page, and a document mixing both yields pages of both kinds
(``Document.text_source == "mixed"``). A text layer is distrusted when it is absent or
nearly so on a page with images, when it is ``(cid:NN)`` glyph codes (fonts without a
Unicode map), or when it is mostly symbols rather than letters and digits. A text layer
whose words run together (spaces drawn as positioning only, narrower than pdfplumber's
word gap) is read again with the page's own word gap (``spacing``).

What was done to a page beyond reading it as it is — re-spaced, or OCR'd and why — comes
back as a :class:`PageNote` beside the pages (``read_pdf_with_notes``), so it can be shown
to whoever reads the document and not only logged.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges
from pdfplumber.utils.exceptions import PdfminerException

from papeleo.model import BBox, Document, Failure, Page, Rule, Word

from .layout import DEFAULT_Y_TOLERANCE, words_to_lines
from .marks import plumber_objects_to_marks
from .ocr import OcrBatch, ocr_unavailable_failure, pdf_page_to_ocr_page
from .rules import rules_to_merged_rules
from .spacing import page_words_to_respacing

log = logging.getLogger(__name__)

MIN_CHARS_WITH_IMAGES = 20  # fewer non-space characters than this on a page with images: a scan
SCAN_COVERAGE = 0.5  # images covering half the page ...
SCAN_MAX_CHARS = 100  # ... with fewer characters than this: a scan with a stamped header/footer
MAX_CID_RATIO = 0.10
MAX_JUNK_RATIO = 0.10
MIN_ALNUM_RATIO = 0.5
MANY_CURVES = 100  # text converted to outlines: no characters, only vector paths
THIN_FILL_PT = 2.0  # a filled rectangle at most this thick is a ruling drawn as a box; thicker, a background

# A glyph pdfminer could not map to Unicode, e.g. "(cid:72)(cid:85)(cid:3)" for "la ".
_CID = re.compile(r"\(cid:\d+\)")
# A word that is nothing but glyph codes, e.g. the bullet "(cid:127)" before "Emitir los criterios".
_CID_ONLY = re.compile(r"(?:\(cid:\d+\))+")
# Characters no real text layer is made of: private-use glyphs (e.g. "\uf0b7" from Symbol
# fonts), the replacement character, and C0 controls such as "\x03".
_JUNK_CHAR = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b-\x1f]")
# A letter or digit, in any script: the "A", "í", "9" of "Auditoría 9,583".
_ALNUM = re.compile(r"[^\W_]")
# Filler that legitimately dominates some lines and says nothing about the text layer:
# leader dots in an index ("Introducción ........ 3"), dashes in empty table cells
# ("- - 1,250.00"), rules typed with "_" or "=".
_FILLER = re.compile(r"[\s.\-_·…=|*]")
# Any run of whitespace, e.g. the "  \n" between "Total" and "1,250.00"; only used to count characters.
_WHITESPACE = re.compile(r"\s+")
# pdfplumber's word settings for every text-layer page; a re-spacing keeps them and changes only the word gap.
# use_text_flow: a word is a run of characters the PDF draws one after another. Without it,
# pdfplumber first chains every character whose top is within 3 pt of another's into one line,
# so a table head whose labels sit at several heights ('1er' over 'Trim.', a rotated-looking
# stack of centred labels) became one line and its words interleaved ('T 1 ri e m r .'). Measured
# on 30 generated MIR reports, the samples and the real PDFs: only those heads' pages change.
WORD_SETTINGS: dict[str, Any] = {"keep_blank_chars": False, "use_text_flow": True}

# "respaced": run-together words split with the page's own word gap; "spacing_left": run-together
# words found but the re-reading was rejected (it would have changed other words); "ocr": the
# text layer was not used and the page went to OCR.
PageAction = Literal["respaced", "spacing_left", "ocr"]


@dataclass(frozen=True, slots=True)
class PageNote:
    """Something the reader did to a page beyond reading its text layer as it is, with the
    reason in a sentence. Without it a reader of the output cannot tell a page read as
    published from one repaired or OCR'd, and a wrong value would look like the publisher's."""

    page: int  # 1-based
    action: PageAction
    reason: str


def plumber_words_to_words(raw_words: Sequence[dict[str, Any]]) -> list[Word]:
    """pdfplumber word dicts -> Words. pdfplumber's x0/top/x1/bottom are already PDF points
    with a top-left origin, the model's convention, so no conversion."""
    return [
        Word(
            text=w["text"],
            bbox=BBox(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
            confidence=1.0,
        )
        for w in raw_words
        if w["text"].strip()
    ]


def drop_glyph_code_words(words: Sequence[Word]) -> list[Word]:
    """On a page whose text layer is kept, a word made only of ``(cid:NN)`` codes is a glyph
    with no Unicode meaning — in practice a bullet ("(cid:127) Emitir los criterios ...").
    It carries no text, and left in it would read as a token to every extractor."""
    return [w for w in words if not _CID_ONLY.fullmatch(w.text)]


def images_to_coverage(images: Sequence[dict[str, Any]], width: float, height: float) -> float:
    """Share of the page covered by images (overlaps counted twice, capped at 1): enough to
    tell a full-page scan from a logo."""
    if width <= 0 or height <= 0:
        return 0.0
    area = 0.0
    for im in images:
        x0, x1 = max(0.0, float(im["x0"])), min(width, float(im["x1"]))
        top, bottom = max(0.0, float(im["top"])), min(height, float(im["bottom"]))
        area += max(0.0, x1 - x0) * max(0.0, bottom - top)
    return min(1.0, area / (width * height))


def text_layer_problem(words: Sequence[Word], n_images: int, image_coverage: float, n_curves: int) -> str | None:
    """Why this page's text layer should not be used (so the page is OCR'd), or None."""
    text = " ".join(w.text for w in words)
    chars = len(_WHITESPACE.sub("", text))
    if chars == 0:
        if n_images:
            return "no text layer, only images"
        if n_curves >= MANY_CURVES:
            return "no text layer, only vector shapes (text converted to outlines?)"
        return None  # a genuinely blank page
    if n_images and chars < MIN_CHARS_WITH_IMAGES:
        return f"only {chars} characters of text on a page with images"
    if image_coverage >= SCAN_COVERAGE and chars < SCAN_MAX_CHARS:
        return f"a scanned page ({image_coverage:.0%} images) with only {chars} characters of text"
    cid_chars = sum(len(m) for m in _CID.findall(text))
    if cid_chars / chars > MAX_CID_RATIO:
        return "the text layer is (cid:NN) glyph codes without a Unicode map"
    if len(_JUNK_CHAR.findall(text)) / chars > MAX_JUNK_RATIO:
        return "the text layer is mostly private-use or control characters"
    meaningful = len(_FILLER.sub("", text))
    if meaningful and len(_ALNUM.findall(text)) / meaningful < MIN_ALNUM_RATIO:
        return "the text layer is mostly symbols, not letters or digits"
    return None


def plumber_objects_to_edges(
    lines: Sequence[dict[str, Any]], rects: Sequence[dict[str, Any]], curves: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The drawn lines of a page as pdfplumber edges: line objects, the sides of stroked
    rectangles, a filled rectangle no thicker than THIN_FILL_PT (a line drawn as a box, as
    spreadsheet exports draw their grids), and the straight pieces of stroked curves.

    The sides of wider *filled* rectangles are left out: they are backgrounds (a shaded
    header, a highlight behind each cell's text), not rulings — the real audit report in
    shared/realworld fills a grey box behind every cell, 440 on one page, whose sides would
    cut every row into slivers. A scan's rule finder ignores such fills the same way."""
    edges = [line_to_edge(line) for line in lines]
    for rect in rects:
        if rect.get("stroke"):
            edges.extend(rect_to_edges(rect))
        elif rect.get("fill") and min(float(rect["width"]), float(rect["height"])) <= THIN_FILL_PT:
            edges.append({**rect, "orientation": "h" if rect["width"] >= rect["height"] else "v"})
    for curve in curves:
        if curve.get("stroke"):
            edges.extend(curve_to_edges(curve))
    return edges


def plumber_edges_to_rules(edges: Sequence[dict[str, Any]], width: float, height: float) -> list[Rule]:
    """pdfplumber edges -> table rulings in points: clipped to the page, collinear pieces
    merged (a grid drawn cell by cell arrives as one segment per cell side), short ones
    dropped. Diagonal pieces are not rulings. pdfplumber's coordinates are already the
    model's (top-left origin)."""
    rules = []
    for edge in edges:
        if edge.get("orientation") not in ("h", "v"):
            continue
        x0, x1 = max(0.0, float(edge["x0"])), min(width, float(edge["x1"]))
        top, bottom = max(0.0, float(edge["top"])), min(height, float(edge["bottom"]))
        if x1 >= x0 and bottom >= top:
            rules.append(Rule(x0, top, x1, bottom))
    return rules_to_merged_rules(rules)


def page_to_rotated_words(page: Any, rotated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words of the page's ``rotated`` characters, each read the way it runs. pdfplumber
    reads a rotated word top to bottom unless told otherwise, so a head printed turned a quarter
    anticlockwise (reading upwards, the usual way for narrow table heads) came out reversed
    ('.múN' for 'Núm.', dev ASM text PDF seed 0, whose table was then not found); and text flow
    order, right for upright text, cuts rotated words into letters. A character's matrix says
    which way it runs: b > 0 turns its baseline upwards."""
    upward = sum(1 for c in rotated if (c.get("matrix") or (0, 0))[1] > 0)
    turned = page.filter(lambda obj: obj.get("object_type") == "char" and not obj.get("upright", True))
    return turned.extract_words(
        return_chars=True,
        keep_blank_chars=False,
        use_text_flow=False,
        char_dir_rotated="btt" if 2 * upward > len(rotated) else "ttb",
    )


def plumber_page_to_page(page: Any, number: int) -> tuple[Page | None, PageNote | None]:
    """(Page from the text layer, a note when its words were re-spaced) or (None, a note
    saying why the page is OCR'd instead)."""
    rotated_chars = [c for c in page.chars if not c.get("upright", True)]
    upright, rotated = page, []
    if rotated_chars:  # only then is a filtered view worth its pass over the page's objects
        upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
        rotated = page_to_rotated_words(page, rotated_chars)
    straight = upright.extract_words(return_chars=True, **WORD_SETTINGS)
    words = plumber_words_to_words([*straight, *rotated])
    objects = page.objects
    images = objects.get("image", [])
    coverage = images_to_coverage(images, float(page.width), float(page.height))
    problem = text_layer_problem(words, len(images), coverage, len(objects.get("curve", [])))
    if problem is not None:
        return None, PageNote(number, "ocr", problem)
    note = None
    respacing = page_words_to_respacing(upright, straight, **WORD_SETTINGS)
    if respacing is not None:
        note = PageNote(number, "respaced" if respacing.kept else "spacing_left", respacing.note)
        words = plumber_words_to_words([*respacing.words, *rotated])
    lines = words_to_lines(drop_glyph_code_words(words), DEFAULT_Y_TOLERANCE)
    width, height = float(page.width), float(page.height)
    rules = plumber_edges_to_rules(plumber_objects_to_edges(page.lines, page.rects, page.curves), width, height)
    marks = plumber_objects_to_marks(page.rects, page.curves, words, width)
    page_out = Page(number, tuple(lines), "text_layer", width, height, rules=tuple(rules), marks=tuple(marks))
    return page_out, note


def page_size_to_ocr_dpi(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> int:
    """The requested dpi, lowered just enough that the rendered bitmap stays within
    ``max_pixels`` (an A0 plan in a report is 139 M pixels at 300 dpi)."""
    pixels = (width_pt * dpi / 72.0) * (height_pt * dpi / 72.0)
    if pixels <= max_pixels or width_pt <= 0 or height_pt <= 0:
        return dpi
    return max(1, math.floor(72.0 * math.sqrt(max_pixels / (width_pt * height_pt))))


def pdfminer_error_to_failure(exc: BaseException, file_name: str) -> Failure:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return _fail(
            "encrypted_pdf",
            f"'{file_name}' is password-protected ({type(cause).__name__}), so its text cannot be "
            "read. Ask the publisher for an unprotected copy, or decrypt it with "
            "`qpdf --decrypt --password=PASSWORD in.pdf out.pdf`.",
        )
    return _fail(
        "corrupt_pdf",
        f"'{file_name}' starts like a PDF but could not be parsed ({type(cause).__name__}: {cause}); "
        "it looks truncated or damaged. Re-download it (compare the size with the source) or "
        "re-export it.",
    )


def pdf_tail_has_eof_marker(path: str, window: int = 2048) -> bool:
    """Every complete PDF (incremental updates included) ends with %%EOF; readers tolerate
    some trailing junk, so look in the last couple of KiB."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - window))
        return b"%%EOF" in fh.read()


def read_pdf(
    path: str, doc_id: str, source: str, file_name: str, settings: Any, deadline: float
) -> tuple[Document | None, list[Failure]]:
    """The reader's entry point: each page carries its notes (``Page.reading_notes``)."""
    doc, failures, notes = read_pdf_with_notes(path, doc_id, source, file_name, settings, deadline)
    if doc is not None and notes:
        by_page: dict[int, list[str]] = {}
        for note in notes:
            by_page.setdefault(note.page, []).append(f"{note.action}: {note.reason}")
        doc.pages = [replace(p, reading_notes=p.reading_notes + tuple(by_page.get(p.number, ()))) for p in doc.pages]
    return doc, failures


def read_pdf_with_notes(
    path: str, doc_id: str, source: str, file_name: str, settings: Any, deadline: float
) -> tuple[Document | None, list[Failure], list[PageNote]]:
    """Like ``read_pdf``, with a note for every page re-spaced or OCR'd and why."""
    if not pdf_tail_has_eof_marker(path):
        log.warning("%s has no %%%%EOF marker near its end: it may be truncated; reading what can be read", file_name)
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, ValueError) as exc:  # OSError goes up: the file vanished, not a bad PDF
        return None, [pdfminer_error_to_failure(exc, file_name)], []
    try:
        plumber_pages = pdf.pages
    except Exception as exc:  # pdfminer raises arbitrary types on malformed page trees
        log.debug("page tree of %s unreadable", file_name, exc_info=True)
        _close_quietly(pdf)
        return None, [pdfminer_error_to_failure(exc, file_name)], []
    with pdf:
        n_pages = len(plumber_pages)
        if n_pages == 0:
            empty = _fail(
                "corrupt_pdf",
                f"'{file_name}' has no pages that can be found; it looks "
                "truncated or damaged. Re-download it or re-export it from the source.",
            )
            return None, [empty], []
        if n_pages > settings.max_pages:
            too_long = _fail(
                "too_many_pages",
                f"'{file_name}' has {n_pages} pages, more than the limit of {settings.max_pages}. "
                "Split it, or raise the limit with `--max-pages` (ReadSettings.max_pages).",
            )
            return None, [too_long], []
        pages, failures, notes = plumber_pages_to_pages(plumber_pages, path, file_name, settings, deadline)
    if not pages:
        return None, failures, notes
    doc = Document(doc_id=doc_id, source=source, file_name=file_name, media_type="pdf", pages=pages, page_count=n_pages)
    return doc, failures, notes


def plumber_pages_to_pages(
    plumber_pages: Sequence[Any], path: str, file_name: str, settings: Any, deadline: float
) -> tuple[list[Page], list[Failure], list[PageNote]]:
    """Text-layer pages read here; OCR pages sent to the worker pool as soon as they are
    found, so both proceed at once. Notes say which pages were re-spaced or OCR'd and why."""
    text_pages: dict[int, Page] = {}
    failures: list[Failure] = []
    notes: list[PageNote] = []
    batch = OcrBatch(settings.ocr_workers, deadline, settings.timeout_s)
    ocr_blocked: Failure | None = None
    skipped_for_ocr: list[int] = []
    timed_out = False
    for index, plumber_page in enumerate(plumber_pages):
        if time.monotonic() > deadline:
            timed_out = True
            break
        number = index + 1
        try:
            page, note = plumber_page_to_page(plumber_page, number)
        except Exception as exc:  # a damaged content stream fails in pdfminer with any type
            log.warning(
                "%s page %d: text layer unreadable (%s: %s); trying OCR", file_name, number, type(exc).__name__, exc
            )
            page, note = None, PageNote(number, "ocr", f"unreadable text layer ({type(exc).__name__})")
        finally:
            plumber_page.close()
        if note is not None:
            notes.append(note)
            log.info("%s page %d: %s (%s)", file_name, number, note.action, note.reason)
        if page is not None:
            text_pages[index] = page
            continue
        if ocr_blocked is None:
            ocr_blocked = ocr_unavailable_failure(settings.ocr_lang)
        if ocr_blocked is not None:
            skipped_for_ocr.append(number)
            continue
        width, height = float(plumber_page.width), float(plumber_page.height)
        dpi = page_size_to_ocr_dpi(width, height, settings.dpi, settings.max_image_pixels)
        if dpi < settings.dpi:
            log.warning(
                "%s page %d is %.0fx%.0f pt; OCR at %d dpi instead of %d to stay within %d pixels",
                file_name,
                number,
                width,
                height,
                dpi,
                settings.dpi,
                settings.max_image_pixels,
            )
        batch.submit(index, pdf_page_to_ocr_page, path, index, dpi, settings.ocr_lang)

    ocr_pages, ocr_failures = batch.collect() if len(batch) else ({}, [])
    failures.extend(ocr_failures)
    if timed_out and not any(f.error_type == "read_timeout" for f in failures):
        failures.append(
            _fail(
                "read_timeout",
                f"Reading stopped at the per-document time limit of {settings.timeout_s:g} s after "
                f"{len(text_pages)} text page(s) of {len(plumber_pages)}. Raise the limit with "
                "`--timeout` (ReadSettings.timeout_s), or split the file into smaller parts.",
            )
        )
    if ocr_blocked is not None:
        shown = ", ".join(str(n) for n in skipped_for_ocr[:10]) + (" ..." if len(skipped_for_ocr) > 10 else "")
        failures.append(
            _fail(
                ocr_blocked.error_type,
                f"{len(skipped_for_ocr)} page(s) of '{file_name}' need OCR (pages {shown}). " + ocr_blocked.message,
            )
        )
    merged = {**text_pages, **ocr_pages}
    return [merged[i] for i in sorted(merged)], failures, notes


def _close_quietly(pdf: Any) -> None:
    try:
        pdf.close()
    except Exception:  # closing a half-parsed PDF must not hide the real failure
        log.debug("closing a damaged PDF failed", exc_info=True)


def _fail(error_type: str, message: str) -> Failure:
    return Failure(stage="read", error_type=error_type, message=message)
