"""A report's pages as one stream of body lines, with what a reader sees around each one.

Supervision reports reach us as text-layer PDFs (words with boxes), scans (OCR words with
boxes) and OCR'd text (no boxes; leading spaces, blank lines and form feeds are all the
layout there is). Everything downstream reads the same ``Ln`` whichever form it came
from, so each layout signal is computed here once, from geometry when the line has a box
and from characters when it does not: is the line indented, does it stop short of the
right margin (a paragraph's last line), is it set smaller or centred (a caption), did a
blank line or a wider gap come before it. Page furniture (running headers and footers,
page numbers) and footnote bodies are taken out here, so that no finding can contain them.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

import regex

from papeleo.model import BBox, Document, Page

from .furniture import FURNITURE_LINES, furniture_keys, is_furniture

log = logging.getLogger(__name__)

# A line indented this many points past the page's text margin is indented (a list item's
# label, a centred line). Smaller misses a bullet set close to the margin; larger takes the
# jitter of OCR boxes (2-3 pt) for indentation.
INDENT_PT = 5.0
# A line ending this far (share of the text width) before the right margin stops short: the
# last line of a paragraph. Lower counts ragged-right lines as paragraph ends; higher misses
# last lines that almost fill the width.
SHORT_SHARE = 0.12
# Plain text: a line shorter than this share of the page's long lines stops short (same trade).
SHORT_CHARS_SHARE = 0.8
# Plain text whose long lines run past this many characters puts each paragraph on one line
# (an OCR export that joined them): every line then ends its paragraph. Printed lines of these
# reports hold at most ~130 characters; a joined paragraph of two lines already passes 160.
PARAGRAPH_LINE_CHARS = 160
# A plain line stops short when the next line's first word would have fitted on it within this
# share of the long lines' width (characters approximate a proportional font's widths: higher
# takes a wrapped line whose next word was just too wide for a paragraph's end).
WRAP_FIT = 0.9
# ... as does one whose long lines (WRAP_LINE_CHARS or more) go on in lower case on the next line
# in fewer than WRAP_SHARE of WRAP_MIN_PAIRS or more cases: wrapped exports go on in a third to
# two thirds (dev 2000-2029: 0.33-0.69), exports of one paragraph a line in 0-0.08.
WRAP_LINE_CHARS = 60
WRAP_MIN_PAIRS = 5
WRAP_SHARE = 0.15
# A line set this much smaller than the body (height ratio) is small print (footnotes,
# captions). Lower misses 8-on-9 pt captions; higher takes OCR box jitter for small print.
SMALL_RATIO = 0.93
# A centred line: its centre within this many points of the text block's centre and its left
# edge this far past the margin (captions and signatures are centred; body lines are not).
CENTRE_TOL_PT = 18.0
CENTRE_MIN_INDENT_PT = 30.0
# A vertical gap this many times the body's line pitch starts a new paragraph. Lower splits a
# paragraph at OCR jitter; higher joins paragraphs set with tight spacing.
PARAGRAPH_GAP = 1.35
# A plain text is double-spaced (every line followed by a blank one, as PDF-to-text exports
# do) when at least this share of its lines are followed by a blank line; then a single blank
# line says nothing about paragraphs.
DOUBLE_SPACED_SHARE = 0.7
# An OCR word of at most two characters read after a line's last word with less confidence
# than this is a speck ('establecimiento. SE' at 0.12). Real short words end lines at 0.6 and
# more; higher would cut them.
SPECK_CONF = 0.3
# An OCR line of at most NOISE_CHARS letters and digits read below NOISE_CONF (mean word
# confidence) is a photo's texture read as text ('AE, IE' at 0.35, 'E Le hy E' at 0.36, 'A LA bd
# dd' at 0.35), as is a line of NOISE_SHORT_CHARS characters or fewer below NOISE_SHORT_CONF ('1'
# at 0.66). A list number or a word alone on its line read that badly is lost with them; higher
# confidence or more characters would drop short lines read well (a sub-heading reads at 0.9+).
NOISE_CONF = 0.5
NOISE_CHARS = 8
NOISE_SHORT_CHARS = 3
NOISE_SHORT_CONF = 0.8
# a bullet glyph standing alone on its line ('»' read a line above its item's text)
LONE_GLYPH = re.compile(r"^[•·●▪■◦\-–—»>*~«+]{1,2}$")
# a list number OCR set on a line of its own ('8.', a note's mark '1'): tesseract puts it a line above its item's
# text, or below, or beside a wrapped line, so it labels no line; its item is read by its indent
LONE_NUMBER = re.compile(r"^\d{1,2}[.)]?$")
# Trailing spaces that mark an image anchored at the end of a line in a PDF-to-text export
# (seed 000: 'hay pacientes de medicina interna en el área de aislamiento.       ').
ANCHOR_TRAILING_SPACES = 5

# 'Página 1 de 2', '3 de 9', '- 4 -', '12', 'Pág. 3'
PAGE_NUMBER = regex.compile(
    r"^\s*(?:p[aá]g(?:ina|\.)?\s*)?[-–—]?\s*\d{1,3}\s*(?:(?:de|/)\s*\d{1,3})?\s*[-–—]?\s*$", regex.I
)
# a footnote body's first line: '1 Procuraduría Nacional ...', '12 https://www.pdh.org.gt/...',
# '2 Amparo No. 4960-2019.' (the number is not followed by '.' or ')', which would be a list item;
# a scan reads 'https:/www. elobservador...')
FOOTNOTE_START = regex.compile(r"^(?P<n>\d{1,2})\s+(?=[\p{Lu}\"“(]|h\S*?:?\s?//?|www\.)")
# a line that is all URL-ish (no spaces, path characters): a wrapped footnote URL or the
# links a PDF-to-text export dumps after the footnotes ('supervision-y-monitoreo/defensoria-...')
URLISH = regex.compile(r"^(?:h\S*:?\s?//\S*|www\.\S+|[\w%.~+=&?#:-]*[/_][\w/%.~+=&?#:-]*|[\w.-]+-[\w.-]*-[\w./-]*)$")
# (a numbered line citing a URL is a note whatever its size: OCR boxes of small print vary)
URL_IN = regex.compile(r"h\w{1,3}ps?\s?:\s?/{1,2}|www\.", regex.I)
# what a footnote cites: sources, legal actions, reports (any of these makes a numbered line a note)
FOOTNOTE_WORDS = regex.compile(r"\b(?:amparo|informe|ley|art[ií]culo|sentencia|expediente|resoluci[oó]n)\b", regex.I)
# who a footnote cites: 'Procuraduría ..., Informe Anual Circunstanciado, 2020.'
FOOTNOTE_SOURCE = regex.compile(r",\s*(?:19|20)\d\d\.")
# a note's number alone on its line, its URL on the next (seed 000: '1' / 'https://www.academia.edu/...')
FOOTNOTE_NUMBER_ALONE = regex.compile(r"^\d{1,2}$")
# the footnote rule as a PDF-to-text export reads it: a line of spaces only
SEPARATOR = re.compile(r"^[ \t_]{10,}$")
FORM_FEED = "\f"


@dataclass
class Ln:
    """One body line with its layout signals (see the module docstring)."""

    text: str  # stripped of surrounding whitespace
    page: int
    bbox: BBox | None
    conf: float
    lead: int = 0  # leading spaces (plain text)
    indent: bool = False
    short: bool = False  # stops before the right margin
    small: bool = False
    centred: bool = False
    gap: bool = False  # a paragraph gap (or blank line) comes before it
    anchor: bool = False  # an image is anchored just before it (plain-text exports)
    flags: set[str] = field(default_factory=set)


def _without_specks(line) -> str:
    """An OCR line without the specks read after its last word: marks standing alone
    ('señalados . -', 'disponibles »') and a letter or two read with little confidence
    ('establecimiento. SE'). A colon is kept: tesseract gives it no confidence at all."""
    words = list(line.words)
    while len(words) > 1:
        w = words[-1]
        mark = not any(ch.isalnum() for ch in w.text) and w.text != ":"
        if not (mark or (len(w.text) <= 2 and w.confidence < SPECK_CONF)):
            break
        words.pop()
    return " ".join(w.text for w in words).strip()


def _image_noise(text: str, confidence: float) -> bool:
    """What OCR makes of a photo: a letter or two read with little confidence ('AE, IE' at 0.35)."""
    if len(text) <= NOISE_SHORT_CHARS and confidence < NOISE_SHORT_CONF:
        return True  # a mark of the photo read as '1' at 0.66
    return confidence < NOISE_CONF and sum(ch.isalnum() for ch in text) <= NOISE_CHARS


def _page_lines(page: Page) -> list[tuple[str, BBox | None, float, int, bool]]:
    """(text, bbox, confidence, leading spaces, blank line before) per non-blank line, with
    a page split at form feeds folded in (plain text pages already are)."""
    out = []
    blank = False
    glyph = ""  # a bullet read on a line of its own, for the next line
    empties = 0  # empty lines in a row: a page break of an export leaves several
    for line in page.lines:
        raw = line.text.replace(FORM_FEED, "")
        if not raw.strip():
            blank = True
            if SEPARATOR.match(raw):
                out.append(("\x00sep", line.bbox, 1.0, 0, blank))
            elif raw and out and out[-1][0] != "\x00sep" and empties <= 1:
                out.append(("\x00anchor", None, 1.0, 0, blank))  # a whitespace-only line: an image's place
            empties = 0 if raw else empties + 1
            continue
        empties = 0
        lead = len(raw) - len(raw.lstrip(" "))
        trailing = len(raw) - len(raw.rstrip(" "))
        text = _without_specks(line) if line.words and min(w.confidence for w in line.words) < 1.0 else raw.strip()
        if line.words and _image_noise(text, line.confidence):
            continue
        if line.words and LONE_NUMBER.match(text):
            continue  # a scan's list number read as a line of its own: which line it labels is unknown
        if not any(ch.isalnum() for ch in text):
            # a glyph OCR set on a line of its own labels the next line; any other mark is a speck
            glyph = text if LONE_GLYPH.match(text) else ""
            continue
        if glyph:
            text, glyph = f"{glyph} {text}", ""
        out.append((text, line.bbox, line.confidence, lead, blank))
        if trailing >= ANCHOR_TRAILING_SPACES:
            out.append(("\x00anchor", None, 1.0, 0, False))
        blank = False
    return out


def _footnote_rows(texts: list[str], small: list[bool], geometry: bool) -> set[int]:
    """Indices of the page's footnote bodies.

    A note opens at a numbered line citing a source (a URL, a law, a legal action) — or at the
    rule of spaces above the notes — and goes on over numbered lines, wrapped URLs and lines
    that cite; with boxes, over lines set small. Body text resumes at the first line that is
    none of these (a PDF-to-text export without page breaks prints notes mid-text)."""
    out: set[int] = set()
    i, n = 0, len(texts)
    while i < n:
        t = texts[i]
        opens = t == "\x00sep"
        if not opens and FOOTNOTE_START.match(t) and (small[i] or not geometry or URL_IN.search(t)):
            opens = bool(URL_IN.search(t) or FOOTNOTE_WORDS.search(t) or FOOTNOTE_SOURCE.search(t))
            opens = opens or (i + 1 < n and bool(URLISH.match(texts[i + 1]) or URL_IN.search(texts[i + 1])))
        if not opens and FOOTNOTE_NUMBER_ALONE.match(t) and i + 1 < n and URL_IN.search(texts[i + 1]):
            opens = True
        if not opens:
            i += 1
            continue
        out.add(i)
        i += 1
        while i < n:
            x = texts[i]
            if x.startswith("\x00") or PAGE_NUMBER.match(x):
                i += 1
                continue
            note = FOOTNOTE_START.match(x) or URLISH.match(x) or URL_IN.search(x) or FOOTNOTE_WORDS.search(x)
            if not (note or (geometry and small[i])):
                break
            out.add(i)
            i += 1
    return out


# a line that opens a list item: a bullet glyph or a printed number ('1.', 'a)')
ITEM_OPEN = regex.compile(r"^(?:[•·\-–—»*>~+]|\d{1,2}[.)]|[a-z]\))\s")


def _starts_item(text: str) -> bool:
    return bool(ITEM_OPEN.match(text))


def _links_dump(text: str) -> bool:
    """A whole URL on a line of its own after the notes (PDF-to-text exports list a page's links)."""
    return bool(re.fullmatch(r"\s*https?://\S+\s*", text))


def document_lines(doc: Document) -> list[Ln]:
    """Every body line of the document, furniture and footnote bodies taken out."""
    furniture = furniture_keys(doc) if len(doc.pages) > 1 else set()
    plain_lengths = [len(ln.text.strip()) for p in doc.pages for ln in p.lines if ln.bbox is None and ln.text.strip()]
    long_chars = statistics.quantiles(plain_lengths, n=10)[-1] if len(plain_lengths) >= 10 else 80
    double = _double_spaced(doc)
    one_per_line = _paragraph_per_line(doc)
    out: list[Ln] = []
    for page in doc.pages:
        rows = _page_lines(page)
        geometry = any(b is not None for _, b, *_ in rows)
        body = _body_metrics(page, rows) if geometry else None
        texts = [r[0] for r in rows]
        small = [_is_small(r[1], body) for r in rows]
        notes = _footnote_rows(texts, small, geometry)
        cut = len(rows)
        kept = []
        for i, (text, bbox, conf, lead, blank) in enumerate(rows):
            if i in notes:
                continue
            if text.startswith("\x00"):
                if text == "\x00anchor":
                    kept.append(Ln("", page.number, None, 1.0, flags={"anchor"}))
                continue
            edge = i < FURNITURE_LINES or i >= cut - FURNITURE_LINES
            if edge and (PAGE_NUMBER.match(text) or is_furniture(text, furniture)):
                continue
            if _links_dump(text):
                continue
            ln = Ln(text, page.number, bbox, conf, lead=lead)
            if body is not None and bbox is not None:
                left, right, height, pitch = body
                ln.indent = bbox.x0 - left > INDENT_PT
                ln.short = (right - bbox.x1) > SHORT_SHARE * (right - left)
                ln.small = small[i]
                centre = (left + right) / 2
                ln.centred = (
                    abs((bbox.x0 + bbox.x1) / 2 - centre) < CENTRE_TOL_PT and bbox.x0 - left > CENTRE_MIN_INDENT_PT
                )
                prev = next((k for k in reversed(kept) if k.bbox is not None), None)
                ln.gap = (
                    prev is None
                    or prev.page != page.number
                    or bbox.top - prev.bbox.bottom > (PARAGRAPH_GAP - 1) * pitch + 1
                )
            else:
                ln.indent = lead >= 1
                ln.short = (
                    len(text) < SHORT_CHARS_SHARE * long_chars or long_chars > PARAGRAPH_LINE_CHARS or one_per_line
                )
                ln.gap = blank and not double
            kept.append(ln)
        # an anchor marks the line after it
        for k, ln in enumerate(kept):
            if "anchor" in ln.flags and k + 1 < len(kept):
                kept[k + 1].anchor = True
        out += [ln for ln in kept if "anchor" not in ln.flags]
    _short_where_the_next_word_fits(out, long_chars)
    log.debug("informe_supervision: %d body lines", len(out))
    return out


def _short_where_the_next_word_fits(lines: list[Ln], long_chars: float) -> None:
    """A plain-text line after which the next line's first word would still have fitted ended
    its paragraph: the export wrapped nothing there ('... para 107 estudiantes.' / 'En las
    entrevistas ...'). Widths in characters are a proportional font's approximations, so the word
    must fit within WRAP_FIT of the long lines' width."""
    for ln, nxt in zip(lines, lines[1:]):
        if ln.bbox is not None or ln.short or nxt.page != ln.page or not nxt.text:
            continue
        word = nxt.text.split()[0]
        if len(ln.text) + 1 + len(word) <= WRAP_FIT * long_chars:
            ln.short = True


def _paragraph_per_line(doc: Document) -> bool:
    """A plain text that puts each paragraph on one line however long (an OCR export that
    joined them): a long line is almost never followed by one that goes on in lower case."""
    lines = [ln.text.strip() for p in doc.pages for ln in p.lines if ln.bbox is None and ln.text.strip()]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if len(a) >= WRAP_LINE_CHARS]
    if len(pairs) < WRAP_MIN_PAIRS:
        return False
    goes_on = sum(1 for _, b in pairs if b[:1].islower())
    return goes_on < WRAP_SHARE * len(pairs)


def _double_spaced(doc: Document) -> bool:
    lines = [ln.text for p in doc.pages for ln in p.lines if ln.bbox is None]
    if len(lines) < 10:
        return False
    nonblank = [i for i, t in enumerate(lines) if t.strip()]
    followed = sum(1 for i in nonblank if i + 1 < len(lines) and not lines[i + 1].strip())
    return followed >= DOUBLE_SPACED_SHARE * len(nonblank)


def _body_metrics(page: Page, rows) -> tuple[float, float, float, float] | None:
    """(left margin, right margin, body line height, line pitch) from the page's own lines."""
    boxes = [b for t, b, *_ in rows if b is not None and not t.startswith("\x00") and len(t) > 25]
    if not boxes:
        boxes = [b for t, b, *_ in rows if b is not None]
    if not boxes:
        return None
    lefts = Counter(round(b.x0) for b in boxes)
    left = min(x for x, c in lefts.items() if c >= max(1, max(lefts.values()) // 3))
    right = statistics.quantiles([b.x1 for b in boxes], n=10)[-1] if len(boxes) >= 10 else max(b.x1 for b in boxes)
    height = statistics.median([b.bottom - b.top for b in boxes])
    tops = sorted(b.top for b in boxes)
    steps = [b - a for a, b in zip(tops, tops[1:]) if 0 < b - a < 3 * height]
    pitch = statistics.median(steps) if steps else height * 1.3
    return float(left), float(right), float(height), float(pitch)


def _is_small(bbox: BBox | None, body) -> bool:
    if bbox is None or body is None:
        return False
    return (bbox.bottom - bbox.top) < SMALL_RATIO * body[2]
