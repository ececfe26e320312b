"""ASM tables read from word geometry: text-layer pages, scans, and space-aligned text.

The shared table reader finds ruled grids well, but an agreement's tables are just as often
unruled or ruled only across, with centred labels, cells of six wrapped lines, a date row
centred under each finding and a table that runs on over two pages. What every one of them
keeps is a header naming its columns. So the header is the anchor: its labels give the
columns and their roles, the whitespace (or the ruling) between two labels' centres gives
the border, and every line below is cut at those borders until a line crosses one (prose:
the table has ended). A row starts where the number column holds a number; a ``Fecha
comprometida de cumplimiento:`` line gives the row above its date; anything else continues
the row above — also at the top of the next page, which is how a row cut by a page break is
joined. Running headers and page numbers are dropped before any of this.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from papeleo.model import BBox, Line, Word
from papeleo.text import fold

from .head import LABEL_GAP, borders, fecha_row_end, header_at
from .labels import FECHA, NUMERO, fecha_label_end, roles_in, row_number
from .ruling import IN_BLOCK, Block, block_of, blocks, lead_in_kind, matches

log = logging.getLogger(__name__)

# a gap under this share of the line height is a word's space, not a gutter between two cells
# (a space is ~0.3 of it; LABEL_GAP, 0.8, is the least a gutter is): a word that far after a
# cell's last word and a gutter before the next cell's text is the first cell's
WORD_SPACE = 0.5
# a word may reach this far (points) over a border and still sit in its cell: a glyph's
# overhang or OCR's loose boxes; more lets prose through as a table line
BORDER_TOLERANCE = 2.0
# a vertical gap above a line, in line heights, that ends a table (the body below is prose)
MAX_ROW_GAP = 4.0
# 'A', 'lá', '4.' — one or two letters or digits alone in a number cell: a number OCR garbled
GARBLED_NUMBER = re.compile(r"^[^\W_]{1,2}[.)]?$")
# '2', '- 2 -', '2/5', 'Página 2 de 5', 'Hoja 3 de 7': a page's number
PAGE_NUMBER = re.compile(r"^\W*(?:p[aá]gina|hoja)?\s*\d{1,3}\s*(?:(?:de|/)\s*\d{1,3})?\W*$", re.I)


@dataclass
class CellLine:
    text: str
    x0: float
    x1: float


@dataclass
class RawRow:
    """One record as read: its cells' lines per role, where it starts and what it spans."""

    tipo: str
    numero: int
    page: int
    cells: dict[str, list[CellLine]] = field(default_factory=dict)
    fecha_lines: list[str] = field(default_factory=list)
    boxes: list[tuple[int, BBox]] = field(default_factory=list)  # (page, box) per line
    right: dict[str, float] = field(default_factory=dict)  # the right edge of each column's text
    # where the row's date is printed: its date column's x-range, and the rest of a date row's
    # line after a label that holds nothing (page, box); an empty date under ink there is unread
    date_x: tuple[float, float] | None = None
    date_area: list[tuple[int, BBox]] = field(default_factory=list)
    covered: bool = False  # its date's place is under a mark (a blot) and holds no date
    # the number as read ('4', 'A', '' for none), when its neighbours gave the row another
    read_numero: str | None = None
    # a row started by a garbled number cell or by lines after a finished row's date row, whose
    # number only its neighbours can give (numbering.renumbered); else it joins the row above
    tentative: bool = False
    closed: bool = False  # its 'Fecha comprometida:' row is read: the next table line is a new row
    opens: bool = False  # the first row read under its header: no row above it is of its table

    def add(self, role: str, line: CellLine) -> None:
        self.cells.setdefault(role, []).append(line)


@dataclass
class Columns:
    roles: list[str | None]
    borders: list[float]  # len(roles) - 1 cuts between columns
    tipo: str
    block: Block | None = None  # the ruled table it was read in, if ruled

    def column_of(self, x: float) -> int:
        return sum(1 for b in self.borders if x > b)


def furniture(pages: list[list[Line]]) -> set[str]:
    """Lines printed on two or more pages (running headers, mottos, footers): folded text. A
    table header repeated on the next page is no furniture (it says the table goes on), nor is
    a piece of one: a label stacked over two lines ('Fecha de' / 'cumplimiento') sits beside
    the header line that names the other columns, overlapping it in height. Nor is a cell's
    line that two rows happen to share ('documental', the end of a list item printed again):
    furniture stands at a page's top or bottom (``EDGE_LINES``) in at least half the pages it
    is on; OCR may read it once among a table's rows, but not everywhere."""
    seen: Counter[str] = Counter()
    at_edge: Counter[str] = Counter()
    for lines in pages:
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
        seen.update(texts.keys())
        at_edge.update(t for t, k in texts.items() if k in edge)
    return {t for t, n in seen.items() if n >= 2 and len(t) > 3 and not roles_in(t) and 2 * at_edge[t] >= n}


# a page's number is its first or its last line once the running lines are gone; a lone number
# further in is a row's (a continued table's first row, under its repeated header, is among a
# page's first four lines). 2 admits a page number above or below one unrepeated line
PAGE_NUMBER_LINES = 2
# running lines stand among a page's first or last this many lines (a motto, a heading, the
# page number and a footer note); more lets a table's first or last rows pass for furniture
EDGE_LINES = 4


def _crosses(line: Line, cols: Columns) -> bool:
    """Prose, not a table line: words run over two borders, or over the first one (a number
    column's border, which no cell text reaches). One word over a later border is a cell's
    long line against a border drawn a little too tight, and stays in the table."""
    crossed = []
    for w in line.words:
        if w.bbox is None:
            continue
        for k, b in enumerate(cols.borders):
            if w.bbox.x0 < b - BORDER_TOLERANCE and w.bbox.x1 > b + BORDER_TOLERANCE:
                crossed.append(k)
    return len(crossed) >= 2 or (0 in crossed and cols.roles[0] == NUMERO)


def _kept(all_lines: list[Line], running: set[str], hrules: Sequence[float] = ()) -> list[Line]:
    """A page's lines less furniture and page numbers. A lone number between a ruled table's
    first and last horizontal rule is a row's number cell, not the page's number: tesseract
    reads each cell of a ruled grid as a line of its own (dev ASM scan 7 lost row 1 this way).
    Nor is one with ``PAGE_NUMBER_LINES`` lines above and below it: a page's number stands at
    its top or its bottom (dev ASM scan 11 lost row 1, above a first rule the scan's header band hid)."""
    top, bottom = (min(hrules), max(hrules)) if len(hrules) >= 2 else (0.0, 0.0)
    lines = [ln for ln in all_lines if ln.words and ln.bbox and fold(ln.text).strip() not in running]
    tops = sorted(ln.bbox.top for ln in lines)

    def page_number(ln: Line) -> bool:
        if not PAGE_NUMBER.match(ln.text) or top < ln.bbox.top < bottom:
            return False
        rank = bisect.bisect_left(tops, ln.bbox.top)
        return rank < PAGE_NUMBER_LINES or rank >= len(tops) - PAGE_NUMBER_LINES

    return [ln for ln in lines if not page_number(ln)]


def _numbers_first(lines: list[Line], hrules: list[float]) -> list[Line]:
    """The lines in reading order, except that a lone number comes first among the lines
    between the same two horizontal rules. A ruled row's number is centred in its cell, so its
    line sits below the first lines of the row's other cells, which would otherwise go to the
    row above (dev ASM scan 7: every finding's first lines under the previous number)."""
    lines = _numbers_before_their_line(lines)
    if len(hrules) < 2:
        return lines
    ys = sorted(hrules)

    def band_of(ln: Line) -> int:
        return bisect.bisect(ys, (ln.bbox.top + ln.bbox.bottom) / 2)

    left: dict[int, float] = {}
    for ln in lines:
        left[band_of(ln)] = min(left.get(band_of(ln), ln.bbox.x0), ln.bbox.x0)

    def key(item: tuple[int, Line]) -> tuple[int, int, int]:
        i, ln = item
        band = band_of(ln)
        inside = 0 < band < len(ys)
        numbered = row_number(ln.words[0].text) is not None
        # the row's number alone, or the leftmost line opening with it: tesseract may read a row's
        # number with its finding, after the cells right of them (dev ASM scan 24 lost every row)
        first = inside and numbered and (len(ln.words) == 1 or ln.bbox.x0 <= left[band])
        return (band, 0 if first else 1, i)

    return [ln for _, ln in sorted(enumerate(lines), key=key)]


def _numbers_before_their_line(lines: list[Line]) -> list[Line]:
    """A lone row number moved before the lines beside it on its own height: centred on a row's
    first line, it may sit a point lower and come after it (dev ASM scan 11 gave row 1's first
    line to the header above, 'Como resultado de la evaluación, se')."""
    out = list(lines)
    for ln in lines:
        if len(ln.words) != 1 or row_number(ln.text) is None:
            continue
        j = out.index(ln)
        mid = (ln.bbox.top + ln.bbox.bottom) / 2
        while j > 0 and out[j - 1].bbox.x0 > ln.bbox.x1 and out[j - 1].bbox.top <= mid <= out[j - 1].bbox.bottom:
            out[j - 1], out[j] = out[j], out[j - 1]
            j -= 1
    return out


def _headers(pages: list[tuple[int, list[Line], list[tuple[float, float, float]], list[float]]]) -> list[Columns]:
    """Every header the document prints, with its borders: the columns a ruled table whose
    header OCR lost is read by."""
    out = []
    for _, lines, vrules, hrules in pages:
        xs = [x for x, _, _ in vrules]
        for i in range(len(lines)):
            hdr = header_at(lines, i, hrules)
            if hdr is not None:
                k, labels, tipo = hdr
                out.append(Columns([r for r, _, _ in labels], borders(labels, lines[i + k :], xs), tipo))
    return out


def _date_rows_joined(lines: list[Line]) -> list[Line]:
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


def read_rows(pages: list[tuple[int, list[Line], list[tuple[float, float, float]], list[float]]]) -> list[RawRow]:
    """Every ASM row on the pages (page number, lines with boxes, vertical rulings as (x, top,
    bottom), y of horizontal rulings)."""
    running = furniture([lines for _, lines, _, _ in pages])
    pages = [(n, _numbers_first(_date_rows_joined(_kept(lines, running, h)), h), v, h) for n, lines, v, h in pages]
    known = _headers(pages)
    rows: list[RawRow] = []
    cols: Columns | None = None
    current: RawRow | None = None
    for number, lines, vrules, hrules in pages:
        rules = [x for x, _, _ in vrules]
        ruled = blocks(number, vrules)
        prev_bottom: float | None = None
        i = 0
        while i < len(lines):
            hdr = header_at(lines, i, hrules)
            if hdr is not None:
                k, labels, tipo = hdr
                body = lines[i + k :]
                cols = Columns([r for r, _, _ in labels], borders(labels, body, rules), tipo, block_of(lines[i], ruled))
                if current is not None and current.tipo != tipo:
                    current = None
                prev_bottom = lines[i + k - 1].bbox.bottom
                i += k
                continue
            line = lines[i]
            i += 1
            blk = block_of(line, ruled)
            if cols is not None and cols.block is not None and blk is not cols.block:
                log.debug("grid: page %d table ends out of its ruled block at %r", number, line.text[:40])
                cols, current = None, None  # out of its ruled table: the table has ended
            if cols is None and blk is not None:
                cols = _headerless(blk, known, lines[: i - 1])
                if cols is not None and cols.tipo != (current.tipo if current else None):
                    current = None
                prev_bottom = None
            if cols is None:
                continue
            height = median(w.bbox.height for w in line.words if w.bbox)
            if prev_bottom is not None and line.bbox.top - prev_bottom > MAX_ROW_GAP * max(height, 1.0):
                log.debug("grid: page %d table ends at a gap above %r", number, line.text[:40])
                cols, current = None, None
                continue
            m = fecha_row_end(line)
            if m is None and fecha_label_end(line.text) is not None:
                prev_bottom = line.bbox.bottom  # a bare 'Fecha compromiso' label: a header's piece
                if current is not None:  # ... or a date row whose date is not there to read
                    current.date_area.append(
                        (number, BBox(line.bbox.x1, line.bbox.top, float("inf"), line.bbox.bottom))
                    )
                continue
            if m is not None:
                if current is not None:
                    rest = [w.text for w in line.words if w.bbox and w.bbox.x0 >= _label_end(line, m)]
                    current.fecha_lines.append(" ".join(rest))
                    current.boxes.append((number, line.bbox))
                    current.closed = FECHA not in cols.roles
                prev_bottom = line.bbox.bottom
                continue
            if _crosses(line, cols):
                # a header OCR garbled ('p ecomendació compro Je atención') draws borders its
                # own ruled table's rows cross: the borders of a header read elsewhere that this
                # table's rulings match are the table's (dev ASM scan 39 lost its first row)
                alt = _headerless(blk, known, lines[: i - 1]) if blk is not None else None
                if alt is None or _crosses(line, alt):
                    log.debug("grid: page %d table ends at prose %r", number, line.text[:40])
                    cols, current = None, None
                    continue
                cols = Columns(alt.roles, alt.borders, cols.tipo, blk)
            prev_bottom = line.bbox.bottom
            current = _cells(line, cols, current, rows, number)
    log.debug("grid: %d rows", len(rows))
    return rows


def _headerless(blk: Block, known: list[Columns], above: list[Line]) -> Columns | None:
    """Columns for a ruled table with no header read: a header printed elsewhere in the document
    whose borders are the table's rulings; its kind from the lead-in above, else that header's."""
    match = next((c for c in known if matches(c.borders, blk)), None)
    if match is None:
        return None
    tipo = lead_in_kind([ln for ln in above if ln.bbox.bottom <= blk.top + IN_BLOCK], blk) or match.tipo
    log.debug("grid: page %d table at %.0f read by a header printed elsewhere (%s)", blk.page, blk.top, tipo)
    return Columns(match.roles, match.borders, tipo, blk)


def _cells(line: Line, cols: Columns, current: RawRow | None, rows: list[RawRow], page: int) -> RawRow | None:
    """A table line cut at the borders: a new row when its number cell holds a number, else
    more of the current row. Returns the row being read."""
    per_col: dict[int, list[Word]] = {}
    edges = _frame(cols)
    for w in line.words:
        if w.bbox is None:
            continue
        if edges and (w.bbox.x0 > edges[1] + BORDER_TOLERANCE or w.bbox.x1 < edges[0] - BORDER_TOLERANCE):
            continue  # outside a ruled table's frame: a margin's rúbrica read as 'O' (dev ASM scan 8)
        per_col.setdefault(cols.column_of(w.bbox.x_center), []).append(w)
    _words_back_across(per_col, cols.roles)
    first = per_col.get(0, [])
    n = row_number(first[0].text) if cols.roles[0] == NUMERO and len(first) == 1 else None
    unsure = None  # what stands for a number OCR could not read
    if n is None and cols.roles[0] == NUMERO:
        if len(first) == 1 and GARBLED_NUMBER.match(first[0].text):
            unsure = first[0].text  # '4' read 'A', '7' read 'lá' (dev ASM scan 47), '1' read 'q' (21)
        elif current is not None and current.closed and not first:
            unsure = ""  # the row's number lost, after the row above ended on its date row (dev scan 4)
    if n is not None or unsure is not None:
        opens = current is None
        current = RawRow(cols.tipo, n or 0, page, read_numero=unsure, tentative=unsure is not None)
        current.opens = opens
        if FECHA in cols.roles:
            j = cols.roles.index(FECHA)
            edges = [float("-inf"), *cols.borders, float("inf")]
            current.date_x = (edges[j], edges[j + 1])
        rows.append(current)
    if current is None:
        return None
    current.boxes.append((page, line.bbox))
    for c, ws in per_col.items():
        role = cols.roles[c] if c < len(cols.roles) else None
        if role is None or (role == NUMERO and n is not None):
            continue
        cl = CellLine(" ".join(w.text for w in ws), ws[0].bbox.x0, ws[-1].bbox.x1)
        if role == FECHA:
            current.fecha_lines.append(cl.text)
        else:
            current.add(role, cl)
            current.right[role] = max(current.right.get(role, 0.0), cl.x1)
    return current


def _words_back_across(per_col: dict[int, list[Word]], roles: list[str | None]) -> None:
    """A cell's word that ran a little over its border goes back to its cell: it stands a word's
    space after the cell's last word and a column's gap before the next cell's text ('... la
    evidencia fotográfica y | S/F' on an unruled page, dev ASM text PDF 66: the date read 'y S/F')."""
    for c in sorted(per_col):
        left, here = per_col.get(c - 1), per_col[c]
        if not left or not here or c - 1 >= len(roles) or roles[c - 1] in (None, NUMERO):
            continue  # a number cell holds its number alone, however close the text stands
        w, last = here[0], left[-1]
        height = max(w.bbox.height, last.bbox.height, 1.0)
        after = here[1].bbox.x0 - w.bbox.x1 if len(here) > 1 else float("inf")
        if w.bbox.x0 - last.bbox.x1 < WORD_SPACE * height and after > LABEL_GAP * height:
            left.append(here.pop(0))
            if not here:
                del per_col[c]


def _frame(cols: Columns) -> tuple[float, float] | None:
    """A ruled table's outer left and right rulings, when both lie beyond its outer borders
    between columns (a frame ruling the scan lost would make an inner one the edge)."""
    xs = cols.block.xs if cols.block is not None else []
    if len(xs) < 2 or not cols.borders:
        return None
    if xs[0] < cols.borders[0] - BORDER_TOLERANCE and xs[-1] > cols.borders[-1] + BORDER_TOLERANCE:
        return xs[0], xs[-1]
    return None


def _label_end(line: Line, end: int) -> float:
    """The x where the 'Fecha comprometida ...:' label ends in a line (its last word's right)."""
    consumed, end_x = 0, line.bbox.x0
    for w in line.words:
        if consumed >= end or w.bbox is None:
            break
        consumed += len(w.text) + 1
        end_x = w.bbox.x1
    return end_x + 0.1
