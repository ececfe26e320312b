"""Rows and cells of a MIR table from word boxes, once its columns are known.

A row is the vertical band between one row's first line and the next row's: rows are cut
at the tops of the cells that open a row (the clave that starts 'Resumen narrativo', the
SIGLAS that start 'Indicador'), because those are printed at the top of every row whatever
the vertical alignment of the other cells. Where a page has no such anchors, the rows'
numeric runs and level words give the row centres instead, and the cut goes in the widest
white gap between them. Each cell is then the words of one band inside one column — so a
number's field comes from where it is printed, never from where it falls in reading order.
"""

from __future__ import annotations

import logging
import statistics

from papeleo.model import BBox, Document, Page, Word

from .commentary import cell_commentaries
from .layout import Column, Layout, build_layout, is_number, same_template, y_lines
from .lexicon import (
    NOT_SIGLAS,
    PROSE,
    SIGLAS,
    SIGLAS_TAIL,
    SIGLAS_WORD,
    code_root,
    frecuencia_of,
    is_clave,
    is_siglas,
    level_of,
    unidad_of,
)
from .numbers import ZERO_GLYPHS, NumTok, looks_garbled_number, make_token
from .types import Commentary, RawRow

log = logging.getLogger(__name__)

# ruling remnants, quotes and brackets OCR glues to a cell's words: '|1.4.1', '(]', '—'
JUNK = "|;:'\"“”‘’`()[]{}¡!_=-—"

# Overlap (pt) two words need to share a line; less is a touching neighbour line.
LINE_OVERLAP = 1
# Slack (pt) when asking whether a word has a neighbour to its left in its cell.
LEFT_SLACK = 1
# Body words may start this far (pt) above the header's bottom edge (touching boxes).
BODY_TOP_SLACK = 1
# Row tops closer than this (pt) are one row's (its clave and SIGLAS printed side by side).
ROW_TOP_TOLERANCE = 5.0
# Bands start this far (pt) above a row's opening anchor, so its ascenders are inside.
BAND_LEAD = 2
# Below the last anchor, lines start this far (pt) below it to count as after the table.
BELOW_ANCHOR = 2
# A word crossing a column boundary by more than this (pt) on both sides is prose.
CROSSING_MARGIN = 3
# A gap wider than this many median word heights below the table is the page footer.
FOOTER_GAP_HEIGHTS = 4
FOOTER_GAP_DEFAULT = 40.0
# Words of a cell whose centres are this close (pt) are one line of the cell.
CELL_LINE_TOLERANCE = 3.0
# A stacked fragment with more characters than this is a second number, not an OCR speck;
# a word this short crossing a column boundary is a speck, not prose.
MAX_SPECK_CHARS = 2
# A row's numbers: a run of at least two numbers on one line (one alone is a stray).
MIN_RUN_NUMBERS = 2


def segment_geometry(doc: Document, ejercicio: int | None = None) -> tuple[list[RawRow], list[Commentary]] | None:
    """Column-labeled rows from word boxes; None means 'no table header found: use the
    line-stream reader'."""
    if not any(w.bbox is not None for p in doc.pages for w in p.words):
        return None
    root = code_root([(p.number, ln) for p in doc.pages for ln in p.lines])
    rows: list[RawRow] = []
    prev: Layout | None = None
    found = False
    for page in doc.pages:
        layout = build_layout(page, prev)
        if layout is not None and prev is not None and layout.header_found and same_template(layout, prev):
            layout = Layout(prev.columns, layout.body_top, True)
        if layout is None:
            continue
        found = found or layout.header_found
        if layout.header_found:
            prev = layout
        rows += page_rows(page, layout, root, ejercicio, start=len(rows))
    if not found or not rows:
        return None
    log.info("geometry: %d rows from %d pages", len(rows), len(doc.pages))
    return rows, []


def _cell_column(layout: Layout, w: Word) -> Column | None:
    return layout.column_at(w.bbox.x_center)


def _anchor_columns(layout: Layout) -> tuple[list[Column], Column | None]:
    text = [c for c in layout.columns if c.kind not in ("num", "comentario")]
    return text, layout.text_column("comentario")


def _first_in_cell(w: Word, col_words: list[Word]) -> bool:
    """Is ``w`` the first word of its cell line (nothing to its left in the same column)?"""
    return not any(v is not w and v.bbox.x1 <= w.bbox.x0 + LEFT_SLACK and _overlap(v, w) for v in col_words)


def _overlap(a: Word, b: Word) -> bool:
    return a.bbox.top < b.bbox.bottom - LINE_OVERLAP and b.bbox.top < a.bbox.bottom - LINE_OVERLAP


def page_rows(page: Page, layout: Layout, root: str, ejercicio: int | None, start: int = 0) -> list[RawRow]:
    """The page's rows: bands cut at the row anchors, each band read cell by cell."""
    body = [w for w in page.words if w.bbox is not None and w.bbox.top >= layout.body_top - BODY_TOP_SLACK]
    by_col: dict[int, list[Word]] = {}
    for w in body:
        c = _cell_column(layout, w)
        if c is not None:
            by_col.setdefault(id(c), []).append(w)
    text_cols, _ = _anchor_columns(layout)
    codes, siglas, niveles = [], [], []
    for c in text_cols:
        ws = by_col.get(id(c), [])
        for w in ws:
            t = w.text.strip(JUNK)
            if not _first_in_cell(w, ws):
                continue
            if is_clave(t, root):
                codes.append(w)
            elif SIGLAS_WORD.match(t + (":" if w.text.rstrip().endswith(("=", ":")) else "")) and is_siglas(t):
                siglas.append(w)
            elif c.kind in ("nivel",) or (layout.text_column("nivel") is None and c is text_cols[0]):
                if level_of(t):
                    niveles.append(w)
    runs = _runs([w for c in layout.numeric for w in by_col.get(id(c), []) if _numeric_ish(w)])
    end = _table_end(body, layout, [*codes, *siglas, *niveles, *[w for r in runs for w in r]])
    body = [w for w in body if w.bbox.y_center < end]
    bands = _bands(body, layout.body_top, end, codes + siglas, runs, niveles)
    rows = []
    for top, bottom in bands:
        ws = [w for w in body if top <= w.bbox.y_center < bottom]
        if ws:
            row = _row(page, layout, ws, root, ejercicio, start + len(rows))
            if row is not None:
                rows.append(row)
    return rows


def _numeric_ish(w: Word) -> bool:
    t = w.text.strip(JUNK)
    return bool(t) and (is_number(Word(t, w.bbox)) or looks_garbled_number(t) or t in ZERO_GLYPHS)


def _runs(nums: list[Word]) -> list[list[Word]]:
    """Numbers of one row's cells, grouped by vertical overlap (tolerant of skew)."""
    out: list[list[Word]] = []
    for w in sorted(nums, key=lambda w: w.bbox.y_center):
        if out and any(_overlap(w, v) for v in out[-1]):
            out[-1].append(w)
        else:
            out.append([w])
    return [r for r in out if sum(is_number(w) for w in r) >= MIN_RUN_NUMBERS]


def _table_end(body: list[Word], layout: Layout, anchors: list[Word]) -> float:
    """Below the last row anchor, the first line whose words cross a column boundary is
    prose ('Nota: Las cifras ...'), not a table row: the table ends there."""
    if not anchors:
        return float("inf")
    last = max(w.bbox.y_center for w in anchors)
    cuts = [c.right for c in layout.columns[:-1]]
    below = y_lines([w for w in body if w.bbox.y_center > last + BELOW_ANCHOR])
    prev_bottom = max(w.bbox.bottom for w in anchors)
    heights = [w.bbox.height for w in body if w.text.strip(JUNK)]
    gap_limit = FOOTER_GAP_HEIGHTS * statistics.median(heights) if heights else FOOTER_GAP_DEFAULT
    for line in below:
        top = min(v.bbox.top for v in line)
        if top - prev_bottom > gap_limit:
            return top  # a wide white gap: the footer ('Formato PbR-02a  MIR Avance'), not a row
        for w in line:
            if (
                any(w.bbox.x0 + CROSSING_MARGIN < x < w.bbox.x1 - CROSSING_MARGIN for x in cuts)
                and len(w.text) > MAX_SPECK_CHARS
            ):
                return top
        prev_bottom = max(prev_bottom, max(v.bbox.bottom for v in line))
    return float("inf")


def _bands(
    body: list[Word], body_top: float, end: float, tops: list[Word], runs: list[list[Word]], niveles: list[Word]
) -> list[tuple[float, float]]:
    starts = _cluster_y(sorted(w.bbox.top for w in tops))
    run_y = [statistics.fmean(w.bbox.y_center for w in r) for r in runs]
    if starts:
        edges = [s - BAND_LEAD for s in starts]
        first_content = min([*run_y, *(w.bbox.y_center for w in niveles)], default=edges[0])
        if first_content < edges[0]:
            edges[0] = body_top  # a row whose opening cells were lost: starts at the header
        bands = list(zip(edges, edges[1:] + [end]))
        out: list[tuple[float, float]] = []
        for lo, hi in bands:  # two runs in one band: an opening anchor was lost
            inside = [y for y in run_y if lo <= y < hi]
            if len(inside) >= 2:  # two runs in one band
                cuts = [_widest_gap(body, a, b) for a, b in zip(inside, inside[1:])]
                pts = [lo, *cuts, hi]
                out += list(zip(pts, pts[1:]))
            else:
                out.append((lo, hi))
        return out
    centers = sorted(run_y) or sorted(w.bbox.y_center for w in niveles)
    if not centers:
        return []
    cuts = [_widest_gap(body, a, b) for a, b in zip(centers, centers[1:])]
    pts = [body_top, *cuts, end]
    return list(zip(pts, pts[1:]))


def _cluster_y(ys: list[float], tol: float = ROW_TOP_TOLERANCE) -> list[float]:
    out: list[float] = []
    for y in ys:
        if not out or y - out[-1] > tol:
            out.append(y)
    return out


def _widest_gap(words: list[Word], a: float, b: float) -> float:
    """The middle of the widest vertical white space between y=a and y=b."""
    spans = sorted((w.bbox.top, w.bbox.bottom) for w in words if w.bbox.bottom > a and w.bbox.top < b)
    best, best_w, cur = (a + b) / 2, -1.0, a
    for top, bottom in spans:
        if top > cur and top - cur > best_w:
            best, best_w = (cur + top) / 2, top - cur
        cur = max(cur, bottom)
    if b - cur > best_w:
        best = (cur + b) / 2
    return best


def cell_text(words: list[Word]) -> str:
    """A cell's words in reading order, lines joined; a word broken by a line-end hyphen
    ('adminis-' / 'tración') is rejoined."""
    out = ""
    for line in y_lines(words, tol=CELL_LINE_TOLERANCE):
        for w in line:
            t = w.text.strip("|").lstrip("¡")  # ruling remnants glued to a word by OCR
            if not any(ch.isalnum() for ch in t):
                continue
            if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and t[:1].islower():
                out = out[:-1] + t
            else:
                out = f"{out} {t}" if out else t
    return out.strip()


def _row(page: Page, layout: Layout, ws: list[Word], root: str, ejercicio: int | None, index: int) -> RawRow | None:
    cells: dict[int, list[Word]] = {}
    for w in ws:
        c = _cell_column(layout, w)
        if c is not None:
            cells.setdefault(id(c), []).append(w)
    col = {c.kind: c for c in layout.columns if c.kind != "num"}
    row = RawRow(page=page.number, first_line=index, last_line=index)
    used: list[Word] = []
    text_cols = [c for c in layout.columns if c.kind not in ("num", "comentario")]
    # nivel: the level word of the Nivel column (or the first column when unlabeled)
    ncol = col.get("nivel") or (text_cols[0] if text_cols else None)
    for w in cells.get(id(ncol), []) if ncol else []:
        t = w.text.strip(JUNK)
        n = level_of(t)
        if n:
            row.nivel, row.nivel_raw = n, w.text
            used.append(w)
            break
    if row.nivel is None and ncol is not None and ncol.kind == "nivel":
        # OCR may cut the level word in pieces ('Fi' / 'n'): the labelled Nivel cell holds
        # nothing else, so its pieces joined in reading order are the word
        pieces = sorted(cells.get(id(ncol), []), key=lambda w: (w.bbox.top, w.bbox.x0))
        t = "".join(w.text.strip(JUNK) for w in pieces)
        n = level_of(t)
        if n and len(pieces) > 1:
            row.nivel, row.nivel_raw = n, " ".join(w.text for w in pieces)
            used.extend(pieces)
    for c in text_cols:
        words = cells.get(id(c), [])
        if not words:
            continue
        text = cell_text(words)
        toks = text.split()
        first = toks[0].strip(JUNK) if toks else ""
        if row.code_raw is None and is_clave(first, root):
            row.code_raw = first
            if c.kind in ("resumen", "nivel") or "resumen" not in col:
                row.resumen = " ".join(toks[1:]) or None
        elif c.kind == "resumen" and row.resumen is None:
            row.resumen = text
        if c.kind == "indicador" or ("indicador" not in col and row.siglas is None):
            m = SIGLAS.match(text)  # at the cell's start: 'PSAL: Porcentaje de ...'
            if m and m.group("s") not in NOT_SIGLAS:
                row.siglas, row.indicador = m.group("s"), m.group("rest") or None
            elif c.kind == "indicador":
                t = SIGLAS_TAIL.search(text)
                row.siglas = t.group("s") if t else None
                row.indicador = text[: t.start()].strip() if t else text
        for w in words:
            if row.frecuencia is None and (c.kind == "frecuencia" or "frecuencia" not in col):
                row.frecuencia = frecuencia_of(w.text)
            if row.unidad is None and (c.kind == "unidad" or "unidad" not in col):
                row.unidad = unidad_of(w.text.strip(JUNK).lower())
        used += words
    for c in layout.numeric:
        words = [w for w in cells.get(id(c), []) if w.text.strip(JUNK)]
        tok = _number_cell(words)
        if tok is not None and c.label:
            row.slots[c.label] = tok
            used += words
    ccol = col.get("comentario")
    if ccol is not None and cells.get(id(ccol)):
        words = cells[id(ccol)]
        conf = statistics.fmean(w.confidence for w in words)
        row.comments = cell_commentaries(cell_text(words), page.number, index, conf, ejercicio)
        used += words
    if not (row.nivel or row.code_raw or row.siglas or row.slots):
        return None
    row.text = " ".join(w.text for w in sorted(ws, key=lambda w: (w.bbox.top, w.bbox.x0)))
    row.bbox = BBox.union(w.bbox for w in ws)
    row.conf = statistics.fmean(w.confidence for w in used) if used else 1.0
    bad = [t for t in row.slots.values() if not t.clean]
    row.run_garbled = len(bad) / len(row.slots) if row.slots else 0.0
    return row


def _number_cell(words: list[Word]) -> NumTok | None:
    """The cell's number: one word, or fragments OCR split on one line ('1,216,' '528');
    prose that strayed into the column ('Porcentaje') is not part of it."""
    parts = [w for w in words if any(ch.isalnum() for ch in w.text) and not PROSE.match(w.text.strip(JUNK))]
    if not parts:
        return None
    lines = y_lines(parts, tol=CELL_LINE_TOLERANCE)
    if len(lines) > 1:
        # OCR specks ('l', '|') from erased rulings sit in cells as lines of their own; two
        # real numbers stacked in one cell leave which one is the value unknowable
        real = [
            ln
            for ln in lines
            if any(is_number(Word(w.text.strip(JUNK), w.bbox)) for w in ln)
            or sum(len(w.text.strip(JUNK)) for w in ln) > MAX_SPECK_CHARS
        ]
        if len(real) != 1:
            return None
        lines = real
    # a one-character fragment beside the number is a speck unless it is a digit
    line = [w for w in lines[0] if len(w.text.strip(JUNK)) > 1 or w.text.strip(JUNK).isdigit()] or lines[0]
    raw = "".join(w.text.strip(JUNK) for w in line).rstrip(".,")
    conf = min(w.confidence for w in line)
    if not raw or not (any(ch.isdigit() for ch in raw) or raw in ZERO_GLYPHS):
        return None
    return make_token(raw, conf)
