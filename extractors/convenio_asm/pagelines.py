"""A page's lines made ready for the ASM column reader (``grid``): running lines and page
numbers dropped, and the reading order OCR gives put right where it would give a row's lines to
its neighbour — a row's number read after its cells, a date label read apart from its date.
Kept apart from ``grid`` because it is about a page's lines, not about a table's columns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from papeleo.model import Line, Word
from papeleo.text import fold
from papeleo.text.pagetext import lines_with_stray_words_joined

from .head import fecha_row_end, header_at
from .labels import NUMBER_LIKE, fecha_label_end, roles_in, row_number

# '2', '- 2 -', '2/5', 'Página 2 de 5', 'Hoja 3 de 7': a page's number
PAGE_NUMBER = re.compile(r"^\W*(?:p[aá]gina|hoja)?\s*\d{1,3}\s*(?:(?:de|/)\s*\d{1,3})?\W*$", re.I)


def furniture(pages: list[list[Line]]) -> set[str]:
    """Lines printed on two or more pages (running headers, mottos, footers): folded text. A
    table header repeated on the next page is no furniture (it says the table goes on), nor is
    a piece of one: a label stacked over two lines ('Fecha de' / 'cumplimiento') sits beside
    the header line that names the other columns, overlapping it in height. Nor is a cell's
    line that two rows happen to share ('documental', the end of a list item printed again):
    furniture stands at a page's top or bottom (``EDGE_LINES``) in most of the pages it is on
    (a cell's line at one page's foot and amid the next page's rows is no furniture, dev ASM
    scan 49). OCR reads a running line a little differently on each page ('“2017. Año ...',
    '22017. Año ...'): lines ``FURNITURE_SIMILARITY`` alike count as one."""
    found: list[tuple[int, str, bool]] = []  # (page, folded text, at an edge)
    for p, lines in enumerate(pages):
        named = [ln for ln in lines if ln.bbox is not None and roles_in(ln.text)]
        texts = {
            fold(ln.text).strip(): k
            for k, ln in enumerate(lines)
            if ln.text.strip()
            and not any(
                m is not ln and ln.bbox is not None and ln.bbox.top < m.bbox.bottom and m.bbox.top < ln.bbox.bottom
                for m in named
            )
        }
        order = sorted(range(len(lines)), key=lambda k: lines[k].bbox.top if lines[k].bbox else k)
        edge = set(order[:EDGE_LINES] + order[-EDGE_LINES:])
        found += [(p, t, k in edge) for t, k in texts.items() if len(t) > 3 and not roles_in(t)]
    keys = [_letters(t) for _, t, _ in found]
    page_of = np.array([p for p, _, _ in found], dtype=int)
    at_edge = np.array([e for _, _, e in found], dtype=bool)
    running: set[str] = set()
    uniq = sorted(set(keys))
    # every line's key against every line's, in one call per block of keys (not one per line:
    # that was a quarter second on four pages), the block bounding the matrix a long report makes
    for start in range(0, len(uniq), FURNITURE_BLOCK):
        block = uniq[start : start + FURNITURE_BLOCK]
        scores = process.cdist(block, keys, scorer=fuzz.ratio, score_cutoff=FURNITURE_SIMILARITY)
        for key, row in zip(block, scores, strict=True):
            alike = row >= FURNITURE_SIMILARITY
            on, edge = set(page_of[alike].tolist()), set(page_of[alike & at_edge].tolist())
            if len(on) >= 2 and 2 * len(edge) > len(on):
                running.add(key)
    return {t for (_, t, _), key in zip(found, keys, strict=True) if key in running}


def _letters(text: str) -> str:
    """A line's letters, digits and spaces: what stays of a running line however OCR read its marks."""
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


# how alike (rapidfuzz ratio, 0-100, on letters and digits) two pages' lines are to be one
# running line: 90 lets a mark or two of an 80-letter motto go ('22017', a lost quote); lower
# would take two rows' lines that differ in a word for one line printed on every page
FURNITURE_SIMILARITY = 90
# lines' keys scored against all of a document's at a time: bounds the score matrix (256 x a
# long report's 10,000 lines, 10 MB)
FURNITURE_BLOCK = 256


# a page's number is its first or its last line once the running lines are gone; a lone number
# further in is a row's (a continued table's first row, under its repeated header, is among a
# page's first four lines). 2 admits a page number above or below one unrepeated line
PAGE_NUMBER_LINES = 2
# running lines stand among a page's first or last this many lines (a motto, a heading, the
# page number and a footer note); more lets a table's first or last rows pass for furniture
EDGE_LINES = 4


def kept_lines(all_lines: list[Line], running: set[str], hrules: Sequence[float] = ()) -> list[Line]:
    """A page's lines less furniture and page numbers. A lone number between a ruled table's
    first and last horizontal rule is a row's number cell, not the page's number: tesseract
    reads each cell of a ruled grid as a line of its own (dev ASM scan 7 lost row 1 this way).
    Nor is one with ``PAGE_NUMBER_LINES`` lines above and below it: a page's number stands at
    its top or its bottom (dev ASM scan 11 lost row 1, above a first rule the scan's header band hid)."""
    top, bottom = (min(hrules), max(hrules)) if len(hrules) >= 2 else (0.0, 0.0)
    lines = [ln for ln in all_lines if ln.words and ln.bbox and fold(ln.text).strip() not in running]
    tops = sorted(ln.bbox.top for ln in lines)

    def page_number(ln: Line) -> bool:
        if top < ln.bbox.top < bottom:
            return False
        return _page_number_at(ln.text, bisect.bisect_left(tops, ln.bbox.top), len(tops))

    return [ln for ln in lines if not page_number(ln)]


def _page_number_at(text: str, rank: int, count: int) -> bool:
    """A page's number: a number line among a page's first or last ``PAGE_NUMBER_LINES`` of its
    ``count`` lines (``rank``: its place among them, from the top)."""
    return PAGE_NUMBER.match(text) is not None and (rank < PAGE_NUMBER_LINES or rank >= count - PAGE_NUMBER_LINES)


def body_text(pages: list[list[Line]]) -> str:
    """The document's text (pages joined by form feeds) less its running lines and page numbers:
    the clause that names the programme may run over a page break, and its page's number and the
    next page's motto then stand inside the name ('... al 1 Fondo de Aportaciones ...', '... al
    Fondo de Página 1 de 4 "2020. Año de ..." Aportaciones ...': dev ASM text PDFs 8 and 58).
    Plain text has no geometry: a page number is a number line among a page's first or last
    ``PAGE_NUMBER_LINES`` lines in reading order."""
    running = furniture(pages)
    out = []
    for lines in pages:
        # a word OCR read as a line of its own goes back into its line's gap (ASM scan 83's
        # programme 'Fondo de para la Infraestructura' lost 'Aportaciones' so)
        lines = lines_with_stray_words_joined(lines)
        kept = [ln for ln in lines if fold(ln.text).strip() not in running]
        out.append("\n".join(ln.text for k, ln in enumerate(kept) if not _page_number_at(ln.text, k, len(kept))))
    return "\f".join(out)


# a box narrower than this share of its height holds one narrow glyph ('1', 'l', 'I'), whatever
# OCR read in it; two letters of any face are wider (~0.9 of the height for 'il' at 9 pt)
NARROW_GLYPH = 0.5


def narrow_glyph(word: Word) -> bool:
    """A 'word' of several letters in a box one narrow glyph wide: a row's '1' OCR read as 'subo'
    in a box 1.9 pt wide and 5.5 pt tall (dev ASM scan 0 lost its row 1 so)."""
    box = word.bbox
    return box is not None and len(word.text) >= 2 and box.width < NARROW_GLYPH * box.height


def _lone_number(ln: Line) -> bool:
    """A line that is a row's number alone: a number, or one narrow glyph OCR read as letters."""
    return len(ln.words) == 1 and (row_number(ln.text) is not None or narrow_glyph(ln.words[0]))


def numbers_first(lines: list[Line], hrules: list[float]) -> list[Line]:
    """The lines in reading order, except that a lone number comes first among the lines
    between the same two horizontal rules. A ruled row's number is centred in its cell, so its
    line sits below the first lines of the row's other cells, which would otherwise go to the
    row above (dev ASM scan 7: every finding's first lines under the previous number). Never
    above a header between the same rules: a table whose header's rulings the scan lost shares
    its band with the header, and its first number went over it (dev ASM scan 12)."""
    lines = _numbers_before_their_line(lines)
    if len(hrules) < 2:
        return lines
    ys = sorted(hrules)
    part = _header_parts(lines, hrules)

    def band_of(ln: Line) -> int:
        return bisect.bisect(ys, (ln.bbox.top + ln.bbox.bottom) / 2)

    left: dict[int, float] = {}
    for ln in lines:
        left[band_of(ln)] = min(left.get(band_of(ln), ln.bbox.x0), ln.bbox.x0)

    def key(item: tuple[int, Line]) -> tuple[int, int, int]:
        i, ln = item
        band = band_of(ln)
        inside = 0 < band < len(ys)
        numbered = row_number(ln.words[0].text) is not None or _lone_number(ln)
        # the row's number alone, or the leftmost line opening with it: tesseract may read a row's
        # number with its finding, after the cells right of them (dev ASM scan 24 lost every row)
        first = inside and numbered and (len(ln.words) == 1 or ln.bbox.x0 <= left[band])
        return (band, part[i], 0 if first else 1, i)

    return [ln for _, ln in sorted(enumerate(lines), key=key)]


def _header_parts(lines: list[Line], hrules: list[float]) -> list[int]:
    """Per line, how many header edges come before it in reading order (a header's first line
    and the line after its last): what a number may not be moved across."""
    part, count, i = [], 0, 0
    while i < len(lines):
        hdr = header_at(lines, i, hrules)
        k = hdr[0] if hdr is not None else 0
        if k:
            part += [count + 1] * k
            count += 2
            i += k
        else:
            part.append(count)
            i += 1
    return part


def _numbers_before_their_line(lines: list[Line]) -> list[Line]:
    """A lone row number moved before the lines beside it on its own height: centred on a row's
    first line, it may sit a point lower and come after it (dev ASM scan 11 gave row 1's first
    line to the header above, 'Como resultado de la evaluación, se'). So does a line that opens
    with the row's number, read or garbled: its first word a fifth of a point lower than the date
    and activity beside it gave both to the row above (ASM scan 7800: row 9's date on row 8, and
    row 11's, numbered 'Al', unflagged)."""
    out = list(lines)
    for ln in lines:
        # a line whose first word may be its row's number, read or garbled ('9', '11.', 'Al' for
        # '11'): moved, it changes no cell, only which row the lines beside it join
        if not _lone_number(ln) and not (ln.words and NUMBER_LIKE.match(ln.words[0].text)):
            continue
        j = out.index(ln)
        mid = (ln.bbox.top + ln.bbox.bottom) / 2
        while j > 0 and out[j - 1].bbox.x0 > ln.bbox.x1 and out[j - 1].bbox.top <= mid <= out[j - 1].bbox.bottom:
            out[j - 1], out[j] = out[j], out[j - 1]
            j -= 1
    return out


def date_rows_joined(lines: list[Line]) -> list[Line]:
    """A bare 'Fecha compromiso:' label joined with the lines beside it on its row: tesseract
    reads each cell of a ruled row as a line of its own, and the date's line, a point higher,
    came first and went to the activity above (dev ASM scan 1: every date lost)."""
    out = list(lines)
    for ln in lines:
        if ln not in out or fecha_label_end(ln.text) is None or fecha_row_end(ln) is not None:
            continue
        mid = (ln.bbox.top + ln.bbox.bottom) / 2
        beside = [m for m in out if m is not ln and m.bbox.x0 > ln.bbox.x1 and m.bbox.top <= mid <= m.bbox.bottom]
        if not beside or any(roles_in(m.text) for m in beside):
            continue  # beside other labels it is a header's 'Fecha de término' (dev ASM scan 24)
        out[out.index(ln)] = Line.from_words(sorted([*ln.words, *(w for m in beside for w in m.words)], key=_x0))
        out = [m for m in out if m not in beside]
    return out


def _x0(w: Word) -> float:
    return w.bbox.x0 if w.bbox is not None else 0.0
