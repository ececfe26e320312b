"""Pages with word boxes (text layers, scans) -> rows, under the columns the head names.

The head's lines give the columns (``head_layout.py``): the leaves, left to right, each named
by its own text and the groups above it. Their borders are the rules the page draws, else the
body's gutters, else the middle between neighbours. Rows are anchored on their numbers — every
indicator row prints its targets on one line, whatever the height of its text cells — and the
lines between two anchors go to the nearer one unless a rule or a wider gap separates them.

Nothing here knows a column order, a quarter label set or a number of columns: a report with
its meta anual last, its quarters as 'Ene-Mar' and an extra 'Sentido' column is read the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from papeleo.model import Page, Word
from papeleo.tables.words import is_speck, median_word_height, placed_words, words_to_text, words_to_word_lines

from .body_columns import layout_with_body_columns
from .body_lines import (
    anchor_lines,
    code_lines_start_the_next_row,
    column_of,
    crosses_border,
    drop_trailing_strays,
    is_note,
    lines_to_anchors,
    table_end,
)
from .columns import NUMERIC
from .commentary import NOTE
from .head_find import find_head, head_without_body_lines, line_gap, main_head_line
from .head_layout import Column, Layout
from .head_twins import layout_with_surer_labels
from .order import order_check_and_note, order_evidence, order_is_uneven, quarter_order_check_and_note, swapped_order
from .quarter_lines import line_with_quarters_read, lines_with_doubtful_labels
from .table import NUMBER_TOKEN, RowCells, flag_unplaced, numeric_field

# the lines of one cell follow each other closer than this many word heights (their leading); the
# lines over the first row's numbers this close are that row's, a caption is set further apart
# (wider would take it into the table's gutters)
ROW_LEADING_GAP = 0.8

# a row prints at least one of these; numbers alone (a date or a page number under the signatures
# read through a carried head) are not a row
NAMING_KINDS = ("nivel", "clave", "siglas", "resumen", "indicador")

# a page's gutters are found from its own rows when it has at least this many; in fewer, the
# spaces between the words of one cell look like gutters too, so a page or a component's table
# of one or two rows finds them with the rows read under the same head before (more would mix
# in earlier pages whose columns an auto-fitted table set a little apart)
MIN_BORDER_ROWS = 3


def set_borders(layout: Layout, body: list[Word], page: Page) -> None:
    cols = layout.columns
    vrules = sorted((r.x0 + r.x1) / 2 for r in page.rules if r.orientation == "v" and r.bottom > layout.head_bottom)
    for a, b in zip(cols, cols[1:]):
        lo, hi = a.xc if hasattr(a, "xc") else (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
        inside = [x for x in vrules if lo < x < hi]
        gutter = _gutter(body, max(lo, a.x1 - 1), min(hi, b.x0 + 1))
        if inside:
            cut = min(inside, key=lambda x: abs(x - (a.x1 + b.x0) / 2))
        else:
            cut = gutter or (a.x1 + b.x0) / 2
        a.right = b.left = cut
        b.left_sure = bool(inside) or gutter is not None
    if cols:
        cols[0].left, cols[-1].right = float("-inf"), float("inf")


def _gutter(words: list[Word], lo: float, hi: float) -> float | None:
    """The middle of the widest x-range in (lo, hi) no body word crosses."""
    if hi <= lo:
        return None
    spans = sorted((w.bbox.x0, w.bbox.x1) for w in words if w.bbox.x1 > lo and w.bbox.x0 < hi)
    best, cursor = None, lo
    for x0, x1 in spans + [(hi, hi)]:
        if x0 > cursor and (best is None or x0 - cursor > best[1] - best[0]):
            best = (cursor, x0)
        cursor = max(cursor, x1)
    return (best[0] + best[1]) / 2 if best else None


def page_to_rows(
    page: Page,
    T: int | None,
    carried: Layout | None,
    others: Sequence[Layout] = (),
    heads: list[Layout] | None = None,
) -> tuple[list[RowCells], Layout | None]:
    """The rows of one page and the layout they were read with (carried to a next page that
    does not repeat the head). ``others``: the heads read elsewhere in the document, whose surer
    labels a damaged one here takes (``head_twins.layout_with_surer_labels``). With ``heads``,
    only the heads are read, each appended to it, and no row."""
    words = placed_words(w for line in page.lines for w in line.words)
    if not words:
        return [], carried
    h = median_word_height(words)
    doubtful = [w for line in page.lines for w in line.words if w.bbox is not None and is_speck(w)]
    lines = [line_with_quarters_read(line) for line in lines_with_doubtful_labels(words_to_word_lines(words), doubtful)]
    rows: list[RowCells] = []
    i, layout = 0, carried
    while i < len(lines):
        head = find_head(lines, h, i, layout.head_text if layout else "", page.rules)
        stop = head[0] if head else len(lines)
        if layout is not None and stop > i and heads is None:
            rows += _ordered_body_to_rows(lines[i:stop], layout, page, h, T, under_head=i > 0)
        if head is None:
            break
        found, head_end = head_without_body_lines(lines, head[0], head[1], h)
        head = (head[0], head_end)
        found.head_text = main_head_line(lines[head[0] : head[1]])
        if any(k[0] in NUMERIC for c in found.columns for k in c.kinds):
            if heads is not None:
                heads.append(found)
            layout = _with_borders_of(
                layout_with_surer_labels(found, [*([layout] if layout else []), *others], h), layout, h
            )
        i = head[1]
    return rows, layout


def _with_borders_of(found: Layout, previous: Layout | None, h: float) -> Layout:
    """A head repeated over each component's table (one or two rows each) finds its borders with
    the rows read under the same head before: the same columns, each label where it was (within a
    word height)."""
    if previous is None or len(previous.columns) != len(found.columns):
        return found
    if all(
        a.kinds == b.kinds and abs(a.x0 - b.x0) <= h and abs(a.x1 - b.x1) <= h
        for a, b in zip(found.columns, previous.columns)
    ):
        found.border_words = previous.border_words
    return found


def _ordered_body_to_rows(
    lines: list[list[Word]], layout: Layout, page: Page, h: float, T: int | None, under_head: bool
) -> list[RowCells]:
    """The body's rows; under a by-order head (programado/alcanzado, or the quarters, told by
    order), read the way the document's later quarters support, each row saying so in
    ``columnas_por_orden`` (see ``order_evidence``). Columns of numbers the head lost are put
    back from the body first (``body_columns``)."""
    layout = layout_with_body_columns(layout, lines)
    rows = _body_to_rows(lines, layout, page, h, T, under_head)
    if any(c.quarter_by_order for c in layout.columns):
        check, note = quarter_order_check_and_note(order_evidence(rows, T))
    elif any(c.by_order for c in layout.columns):
        evidence = order_evidence(rows, T)
        if evidence == "swap":
            rows = _body_to_rows(lines, swapped_order(layout), page, h, T, under_head)
        check, note = order_check_and_note(evidence, order_is_uneven(layout.columns))
    else:
        return rows
    for r in rows:
        r.checks.append(check)
        r.notes.append(note)
    return rows


def _body_to_rows(
    lines: list[list[Word]], layout: Layout, page: Page, h: float, T: int | None, under_head: bool
) -> list[RowCells]:
    cols = layout.columns
    numeric = {i for i, c in enumerate(cols) if any(k[0] in NUMERIC for k in c.kinds)}
    # borders from everything under the head first, then again from the lines between the first
    # and the last row's numbers only: captions and notes around the table run across its gutters
    # ... and, for a page or a component's table of fewer than MIN_BORDER_ROWS rows, together
    # with the rows read under the same head before
    core = lines
    for _ in range(2):
        core_words = [w for line in core for w in line]
        set_borders(layout, core_words, page)
        anchors = anchor_lines(lines, cols, numeric)
        if layout.border_words and len(anchors) < MIN_BORDER_ROWS:
            set_borders(layout, layout.border_words + core_words, page)
            anchors = anchor_lines(lines, cols, numeric)
        if not anchors:
            return []
        end = table_end(lines, anchors[-1], h)
        crossing = [j for j in range(anchors[-1] + 1, end) if crosses_border(lines[j], cols) or is_note(lines[j])]
        end = crossing[0] if crossing else end
        # the rows between the first and the last numbers, and under a head the first row's lines
        # over its numbers (at a page's top a running header can sit as close): no caption or
        # note among them
        top = anchors[0]
        while under_head and top > 0 and line_gap(lines[top - 1], lines[top]) < ROW_LEADING_GAP * h:
            top -= 1
        core = lines[top : anchors[-1] + 1]
    # a line with a word across a drawn or empty border is no table row (a caption
    # 'Componente 1: Dirección de …', a note, a footer)
    lines = [line for line in lines[:end] if not crosses_border(line, cols)]
    anchors = anchor_lines(lines, cols, numeric)
    if not anchors:
        return []
    layout.border_words = layout.border_words + [w for line in core for w in line]
    hrules = sorted((r.top + r.bottom) / 2 for r in page.rules if r.orientation == "h")
    owner = lines_to_anchors(lines, anchors, hrules)
    code_lines_start_the_next_row(lines, anchors, owner, cols)
    drop_trailing_strays(lines, anchors, owner, h)
    out = []
    for a in anchors:
        members = [w for j, line in enumerate(lines) if owner[j] == a for w in line]
        row = _row(members, cols, page, T)
        if any(row.text.get(k) for k in NAMING_KINDS):
            out.append(row)  # numbers under no level, code, objective or indicator: page furniture
    return out


def _row(words: list[Word], cols: list[Column], page: Page, T: int | None) -> RowCells:
    rc = RowCells(page=page.number, ruled=any(r.orientation == "v" for r in page.rules))
    by_col: dict[int, list[Word]] = {}
    for w in words:
        c = column_of(w, cols)
        if c is not None:
            by_col.setdefault(c, []).append(w)
    xs = [w.bbox for w in words]
    rc.bbox = (min(b.x0 for b in xs), min(b.top for b in xs), max(b.x1 for b in xs), max(b.bottom for b in xs))
    rc.confidence = sum(w.confidence for w in words) / len(words)
    unplaced: list[str] = []
    noted = _unnamed_note_columns(by_col, cols)
    if noted:
        # columns whose label OCR lost ('Conmeriario SAO') right of the numbers, printing the
        # row's commentary ('Meta Trimestral: Se obtuvo un 82.38% …', dev scan 28): the
        # commentary, not loose numbers (its figures were read as cells under no head)
        rc.text["comentario"] = words_to_text(w for i in noted for w in by_col.pop(i))
    for i, ws in by_col.items():
        kinds = cols[i].kinds
        if not kinds:
            tokens = [w.text for w in ws if NUMBER_TOKEN.match(w.text)]
            unplaced += tokens
            rc.loose += [(cols[i].x0, cols[i].x1, t) for t in tokens]
            continue
        text = words_to_text(ws)
        numeric = [k for k in kinds if k[0] in NUMERIC]
        if not numeric:
            kind = kinds[0][0]
            rc.text[kind] = f"{rc.text.get(kind, '')} {text}".strip()
            continue
        name = numeric_field(*numeric[0], T)
        if name:
            rc.numbers[name] = text
    flag_unplaced(rc, unplaced)
    return rc


def _unnamed_note_columns(by_col: dict[int, list[Word]], cols: list[Column]) -> list[int]:
    """The unnamed columns right of every numeric column whose words, together, read as a
    commentary (``NOTE``), when the head names no commentary column."""
    if any(k[0] == "comentario" for c in cols for k in c.kinds):
        return []
    numeric = [i for i, c in enumerate(cols) if any(k[0] in NUMERIC for k in c.kinds)]
    right = sorted(i for i in by_col if not cols[i].kinds and (not numeric or i > max(numeric)))
    if not right or not NOTE.match(words_to_text(w for i in right for w in by_col[i])):
        return []
    return right


def document_to_geometric_rows(pages: list[Page], T: int | None) -> list[RowCells]:
    """Every page's rows, under heads whose damaged labels take the surest reading of the same
    column among every head the report prints (found first, reading no row)."""
    heads: list[Layout] = []
    for others, found in (((), heads), (heads, None)):
        rows: list[RowCells] = []
        layout = None
        for page in pages:
            got, layout = page_to_rows(page, T, layout, others, found)
            rows += got
    return rows
