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
from papeleo.tables.words import words_to_word_lines
from papeleo.text import fold

from .labels import FECHA, NUMERO, RECOMENDACION, TEXTO, fecha_label_end, is_header_text, role_of, roles_in, row_number
from .ruling import IN_BLOCK, Block, block_of, blocks, lead_in_kind, matches

log = logging.getLogger(__name__)

# a gap between two header words wider than this share of the line height separates two
# labels: a space is ~0.3 of it, a column gap several; lower splits 'Actividad comprometida'
LABEL_GAP = 0.8
# labels closer than this (points) leave no room to look for the gutter between their edges;
# then it is looked for between their centres
MIN_LABEL_GAP = 4.0
# a header wrapped over more lines than this is not a header (prose that names two labels)
MAX_HEADER_LINES = 4
# a column's ruling OCR read as a glyph between two labels ('Núm. | Recomendaciones', dev scan
# 16): no word, and no part of either label
RULE_GLYPH = re.compile(r"[|¦]+")
# a header 'word' narrower than this (points) is a speck OCR read as a letter ('J', 0.24 pt wide,
# dev scan 16), which made a column of its own; a one-letter label ('N', '#') is 4 pt or more
MIN_LABEL_WORD_W = 1.5
# labels a header line holds at most (a CONEVAL annex has seven columns): how many of OCR's
# lines, one per label cell, a header's visual lines may be made of
MAX_LABELS = 8
# a word may reach this far (points) over a border and still sit in its cell: a glyph's
# overhang or OCR's loose boxes; more lets prose through as a table line
BORDER_TOLERANCE = 2.0
# a header line may sit this far (line heights) under the one above; a table's first row
# sits further, below the header's padding; more swallows a continued row at a page's top
HEADER_LINE_GAP = 0.35
# a header with no number label gets one when this many lone row numbers stand left of its first
# label in the NUMBER_LOOKAHEAD lines under it
MIN_NUMBER_CELLS = 2
NUMBER_LOOKAHEAD = 60
# a vertical gap above a line, in line heights, that ends a table (the body below is prose)
MAX_ROW_GAP = 4.0
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


# running lines stand among a page's first or last this many lines (a motto, a heading, the
# page number and a footer note); more lets a table's first or last rows pass for furniture
EDGE_LINES = 4
# a word box this many times taller than wide is a word printed turned (no upright word of two
# letters or more is; a turned two-letter word is about square and goes with its label's majority)
VERTICAL_ASPECT = 1.5


def _clusters(words: list[Word], height: float) -> list[list[Word]]:
    """Header words grouped into labels: overlapping in x (a label wrapped over lines) or
    closer than a label gap on one line."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox.x0):
        if out and w.bbox.x0 <= max(v.bbox.x1 for v in out[-1]) + LABEL_GAP * height:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _label_text(words: list[Word]) -> str:
    """A label's words in reading order: lines top to bottom, words left to right; a label
    printed turned upwards (a narrow column's head) reads its lines left to right and each
    line bottom to top ('Aspecto' / 'Susceptible de' / 'Mejora')."""
    if 2 * sum(1 for w in words if _is_vertical(w)) > len(words):
        return " ".join(w.text for w in sorted(words, key=lambda w: (round(w.bbox.x0), -w.bbox.bottom)))
    # lines by vertical overlap, not by rounded tops: on a scan tilted 0.4 degrees 'Fecha' sat a
    # point under 'comprometida' and the label read 'comprometida Fecha' (dev ASM scan 7)
    return " ".join(w.text for line in words_to_word_lines(words, keep_specks=True) for w in line)


def _is_vertical(word: Word) -> bool:
    """A word printed turned a quarter: its box is taller than wide by VERTICAL_ASPECT."""
    return word.bbox.height > VERTICAL_ASPECT * word.bbox.width


def _block(lines: list[Line], i: int, hrules: list[float]) -> list[Line]:
    """Line ``i`` and the lines a header wrapped onto: overlapping it (a label centred over
    two lines) or right under it with no ruling between, until a row starts."""
    block = [lines[i]]
    bottom = lines[i].bbox.bottom
    rows = 1  # visual lines: tesseract reads each label of a ruled head as a line of its own
    for nxt in lines[i + 1 : i + MAX_HEADER_LINES * MAX_LABELS]:
        if row_number(nxt.words[0].text) is not None or _fecha_row(nxt) is not None:
            break
        height = max(nxt.bbox.height, 1.0)
        gap = nxt.bbox.top - bottom
        ruled = any(bottom - 1 <= y <= nxt.bbox.top + 1 for y in hrules)
        if gap > HEADER_LINE_GAP * height or (gap > 0 and ruled):
            break
        rows += nxt.bbox.top >= bottom - height / 2  # below the lines so far, not beside them
        if rows > MAX_HEADER_LINES:
            break
        block.append(nxt)
        bottom = max(bottom, nxt.bbox.bottom)
    return block


def header_at(
    lines: list[Line], i: int, hrules: list[float] = ()
) -> tuple[int, list[tuple[str | None, float, float]], str] | None:
    """If a header starts at line ``i``: (its line count, its labels as (role, x0, x1), tipo).
    Of the header's possible extents, the one naming most columns, the longest on a tie."""
    block = _block(lines, i, list(hrules))
    if not is_header_text(" ".join(ln.text for ln in block)):
        return None
    best = None
    for k in range(1, len(block) + 1):
        words = [
            w
            for ln in block[:k]
            for w in ln.words
            if w.bbox is not None and not RULE_GLYPH.fullmatch(w.text) and w.bbox.width >= MIN_LABEL_WORD_W
        ]
        height = median(w.bbox.height for w in words)
        labels = [(_role_of_label(_label_text(c), k), min(w.bbox.x0 for w in c), max(w.bbox.x1 for w in c))
                  for k, c in enumerate(_clusters(words, height))]  # fmt: skip
        named = [r for r, _, _ in labels if r]
        if TEXTO in named and len(named) >= 2 and 2 * len(named) >= len(labels):
            if best is None or len(named) >= best[0]:
                best = (len(named), k, labels)
    if best is None:
        return None
    text = " ".join(ln.text for ln in block[: best[1]])
    tipo = "recomendacion" if RECOMENDACION.search(fold(text)) else "hallazgo"
    return best[1], _with_number_column(best[2], lines[i + best[1] : i + best[1] + NUMBER_LOOKAHEAD]), tipo


def _role_of_label(text: str, k: int) -> str | None:
    """A label's role; the first label, when it is a symbol or two and no word, is the number
    column's '#' as OCR misreads it ('$', '%', '*': dev scan 21 lost its table over '$')."""
    role = role_of(text)
    if role is None and k == 0 and 0 < len(text.strip()) <= 2 and not any(c.isalnum() for c in text):
        return NUMERO
    return role


def _with_number_column(
    labels: list[tuple[str | None, float, float]], body: list[Line]
) -> list[tuple[str | None, float, float]]:
    """A header with no number label ('No.' printed white on a dark band OCR read as nothing,
    dev ASM scan 13) over rows whose numbers stand first, left of its first label: the number
    column is there, its label lost. At least MIN_NUMBER_CELLS of them, or a stray digit
    would make one."""
    if any(role == NUMERO for role, _, _ in labels) or not labels:
        return labels
    first = labels[0][1]
    numbers = [  # a line's first word: OCR's lines of an unruled page are regrouped into visual lines
        ln.words[0].bbox for ln in body if ln.words and ln.words[0].bbox and row_number(ln.words[0].text) is not None
    ]
    numbers = [b for b in numbers if b.x1 < first - MIN_LABEL_GAP]
    if len(numbers) < MIN_NUMBER_CELLS:
        return labels
    return [(NUMERO, min(b.x0 for b in numbers), max(b.x1 for b in numbers)), *labels]


def _fecha_row(line: Line) -> int | None:
    """Where the 'Fecha comprometida ...:' label at the start of a line with a date after it ends."""
    end = fecha_label_end(line.text)
    if end is None or not line.text[end:].strip():
        return None
    return end


def _cell_lines(body: list[Line]) -> list[Line]:
    """Body lines that hold two cells or more (a gap wider than a label gap between two words):
    a justified prose line under the table covers every x and would hide the columns' gutters."""
    out = []
    for ln in body:
        ws = [w for w in ln.words if w.bbox is not None]
        height = max(median(w.bbox.height for w in ws), 1.0) if ws else 1.0
        if any(b.bbox.x0 - a.bbox.x1 > LABEL_GAP * height for a, b in zip(ws, ws[1:])):
            out.append(ln)
    return out


def borders(labels: list[tuple[str | None, float, float]], body: list[Line], rules: list[float]) -> list[float]:
    """Cuts between adjacent labels: a vertical ruling between their centres, else the middle of
    the widest run of x covered by the fewest words of the body's cell lines there (the gutter)."""
    cuts = []
    cells = _cell_lines(body)
    for (_, a0, a1), (_, b0, b1) in zip(labels, labels[1:]):
        lo, hi = (a0 + a1) / 2, (b0 + b1) / 2
        inside = [x for x in rules if lo < x < hi]
        if inside:
            cuts.append(min(inside, key=lambda x: abs(x - (a1 + b0) / 2)))
            continue
        if b0 - a1 > MIN_LABEL_GAP:  # the gutter lies between the labels' edges, not inside a centred cell
            lo, hi = a1, b0
        spans = [
            (w.bbox.x0, w.bbox.x1) for ln in cells for w in ln.words if w.bbox and w.bbox.x1 > lo and w.bbox.x0 < hi
        ]
        xs = [lo + k for k in range(int(hi - lo) + 1)]
        cover = [sum(1 for s0, s1 in spans if s0 <= x <= s1) for x in xs]
        if not xs:
            cuts.append((a1 + b0) / 2)
            continue
        least = min(cover)
        runs: list[tuple[float, float]] = []  # runs of least coverage, (start, end)
        for x, n in zip(xs, cover):
            if n != least:
                continue
            if runs and x - runs[-1][1] <= 1.0:
                runs[-1] = (runs[-1][0], x)
            else:
                runs.append((x, x))
        mid = (a1 + b0) / 2
        start, end = max(runs, key=lambda r: (r[1] - r[0], -abs((r[0] + r[1]) / 2 - mid)))
        cuts.append((start + end) / 2)
    return cuts


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
    reads each cell of a ruled grid as a line of its own (dev ASM scan 7 lost row 1 this way)."""
    top, bottom = (min(hrules), max(hrules)) if len(hrules) >= 2 else (0.0, 0.0)
    return [
        ln for ln in all_lines
        if ln.words and ln.bbox and fold(ln.text).strip() not in running
        and not (PAGE_NUMBER.match(ln.text) and not top < ln.bbox.top < bottom)
    ]  # fmt: skip


def _numbers_first(lines: list[Line], hrules: list[float]) -> list[Line]:
    """The lines in reading order, except that a lone number comes first among the lines
    between the same two horizontal rules. A ruled row's number is centred in its cell, so its
    line sits below the first lines of the row's other cells, which would otherwise go to the
    row above (dev ASM scan 7: every finding's first lines under the previous number)."""
    if len(hrules) < 2:
        return lines
    ys = sorted(hrules)

    def key(item: tuple[int, Line]) -> tuple[int, int, int]:
        i, ln = item
        band = bisect.bisect(ys, (ln.bbox.top + ln.bbox.bottom) / 2)
        inside = 0 < band < len(ys)
        lone = inside and len(ln.words) == 1 and row_number(ln.text) is not None
        return (band, 0 if lone else 1, i)

    return [ln for _, ln in sorted(enumerate(lines), key=key)]


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
        if ln not in out or fecha_label_end(ln.text) is None or _fecha_row(ln) is not None:
            continue
        mid = (ln.bbox.top + ln.bbox.bottom) / 2
        beside = [m for m in out if m is not ln and m.bbox.x0 > ln.bbox.x1 and m.bbox.top <= mid <= m.bbox.bottom]
        if not beside:
            continue
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
            m = _fecha_row(line)
            if m is None and fecha_label_end(line.text) is not None:
                prev_bottom = line.bbox.bottom  # a bare 'Fecha compromiso' label: a header's piece
                continue
            if m is not None:
                if current is not None:
                    rest = [w.text for w in line.words if w.bbox and w.bbox.x0 >= _label_end(line, m)]
                    current.fecha_lines.append(" ".join(rest))
                    current.boxes.append((number, line.bbox))
                prev_bottom = line.bbox.bottom
                continue
            if _crosses(line, cols):
                log.debug("grid: page %d table ends at prose %r", number, line.text[:40])
                cols, current = None, None
                continue
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
    for w in line.words:
        if w.bbox is not None:
            per_col.setdefault(cols.column_of(w.bbox.x_center), []).append(w)
    first = per_col.get(0, [])
    n = row_number(first[0].text) if cols.roles[0] == NUMERO and len(first) == 1 else None
    if n is not None:
        current = RawRow(cols.tipo, n, page)
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


def _label_end(line: Line, end: int) -> float:
    """The x where the 'Fecha comprometida ...:' label ends in a line (its last word's right)."""
    consumed, end_x = 0, line.bbox.x0
    for w in line.words:
        if consumed >= end or w.bbox is None:
            break
        consumed += len(w.text) + 1
        end_x = w.bbox.x1
    return end_x + 0.1
