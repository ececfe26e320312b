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

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

import regex

from papeleo.model import BBox, Line, Word
from papeleo.text import fold
from papeleo.text.people import is_title_word

from .coneval_columns import with_lost_columns
from .head import LABEL_GAP, RULE_GLYPH, borders, fecha_row_end, header_at, speck_led
from .labels import EVIDENCIAS, FECHA, NUMBER_LIKE, NUMERO, RESULTADOS, fecha_label_end, row_number
from .pagelines import date_rows_joined, furniture, kept_lines, narrow_glyph, numbers_first
from .raw_row import RawRow
from .ruling import IN_BLOCK, MATCH_X, Block, block_of, blocks, lead_in_kind, matches
from .spaced_dates import date_goes_on, took_label_date

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
GARBLED_NUMBER = NUMBER_LIKE
# titles of persons on one table line ('Licda.', 'Lic.', 'CP.') that make it a row of signatures:
# two parties side by side at least; a finding that names one official ('el Lic. Pérez') is a row
MIN_SIGNATURE_TITLES = 2
# 'b) De las recomendaciones:', 'a) De los hallazgos:' (folded): a table's lead-in, whole on its
# line but for a margin's mark beside it ('b) De las recomendaciones: EAN', a rúbrica, scan 7700);
# its noun as OCR damages it, two letters at most ('b) De las rccomendaciones:', dev OCR'd text 142)
LEAD_IN = regex.compile(
    r"^\W*(?:[a-e]\)\s*)?(?:de\s+)?(?:las|los)\s+(?:(?:recomendaciones){e<=2}|(?:hallazgos){e<=1})\s*:(?:\s+\S{1,4})?\W*$"
)


class GridPage(NamedTuple):
    """One page as the column reader takes it: its lines with boxes, its vertical rulings as
    (x, top, bottom), the y of its horizontal rulings, and those rulings' spans (y, x0, x1)."""

    number: int
    lines: list[Line]
    vrules: list[tuple[float, float, float]]
    hrules: list[float]
    hspans: Sequence[tuple[float, float, float]] = ()


@dataclass
class Columns:
    roles: list[str | None]
    borders: list[float]  # len(roles) - 1 cuts between columns
    tipo: str
    block: Block | None = None  # the ruled table it was read in, if ruled

    def column_of(self, x: float) -> int:
        return sum(1 for b in self.borders if x > b)


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
                # ... but a speck OCR joined before a cell's first word, in the number column
                # ('“información', ASM scan 7824 ended its table there), crosses nothing
                if not (k == 0 and speck_led(w)):
                    crossed.append(k)
    return len(crossed) >= 2 or (0 in crossed and cols.roles[0] == NUMERO)


def _headers(pages: list[GridPage]) -> list[Columns]:
    """Every header the document prints, with its borders: the columns a ruled table whose
    header OCR lost is read by."""
    out = []
    for _, lines, vrules, hrules, _ in pages:
        xs = [x for x, _, _ in vrules]
        for i in range(len(lines)):
            hdr = _header_at(lines, i, hrules)
            if hdr is not None:
                k, labels, tipo = hdr
                out.append(Columns([r for r, _, _ in labels], borders(labels, lines[i + k :], xs), tipo))
    return out


def _header_at(lines: list[Line], i: int, hrules: list[float]) -> tuple[int, list, str] | None:
    """``head.header_at``, with the columns a CONEVAL header lost found in its body."""
    hdr = header_at(lines, i, hrules)
    if hdr is None:
        return None
    k, labels, tipo = hdr
    return k, with_lost_columns(labels, lines[i + k :]), tipo


def read_rows(pages: Sequence[GridPage | tuple]) -> list[RawRow]:
    """Every ASM row on the pages (:class:`GridPage`, or the tuple of its fields)."""
    pages = [GridPage(*p) for p in pages]
    running = furniture([p.lines for p in pages])
    pages = [
        p._replace(lines=numbers_first(date_rows_joined(kept_lines(p.lines, running, p.hrules)), p.hrules))
        for p in pages
    ]
    known = _headers(pages)
    rows: list[RawRow] = []
    cols: Columns | None = None
    current: RawRow | None = None
    heads: dict[str, Columns] = {}  # the last header read of each kind of table
    for number, lines, vrules, hrules, hspans in pages:
        rules = [x for x, _, _ in vrules]
        ruled = blocks(number, vrules)
        prev_bottom: float | None = None
        body_bottom: float | None = None  # the last table line's bottom on this page, under its header
        under_label: RawRow | None = None  # a row whose bare date label was the line before
        i = 0
        while i < len(lines):
            hdr = _header_at(lines, i, hrules)
            if hdr is not None:
                k, labels, tipo = hdr
                body = lines[i + k :]
                cols = Columns([r for r, _, _ in labels], borders(labels, body, rules), tipo, block_of(lines[i], ruled))
                cols = _repeated(cols, heads.get(tipo))
                heads[tipo] = cols
                if current is not None and current.tipo != tipo:
                    current = None
                prev_bottom = lines[i + k - 1].bbox.bottom
                body_bottom = None
                i += k
                continue
            line = lines[i]
            i += 1
            blk = block_of(line, ruled)
            if cols is not None and cols.block is not None and blk is not cols.block:
                log.debug("grid: page %d table ends out of its ruled block at %r", number, line.text[:40])
                # out of its ruled table: the table has ended, unless it is a ruled table going on at
                # the top of the next page, whose first lines end the row the page break cut (dev
                # ASM text PDF 89 lost them); a row there is the row above's, as on an unruled page
                going_on = blk is not None and blk.page != cols.block.page and prev_bottom is None
                going = cols.tipo if going_on else None
                cols, current = None, current if going_on else None
            else:
                going = None
            if cols is None and blk is not None:
                cols = _headerless(blk, known, lines[: i - 1], going)
                if cols is not None and cols.tipo != (current.tipo if current else None):
                    current = None
                prev_bottom = None
            if cols is None:
                continue
            height = median(w.bbox.height for w in line.words if w.bbox)
            # a gap ends the table, but not inside its ruled frame, nor above a numbered first row
            # under the header (OCR lost row 1's lines under a turned head, ASM 7526: 6 rows lost)
            kept = (cols.block is not None and blk is cols.block) or (
                body_bottom is None and bool(line.words) and row_number(line.words[0].text) is not None
            )
            if prev_bottom is not None and line.bbox.top - prev_bottom > MAX_ROW_GAP * max(height, 1.0) and not kept:
                log.debug("grid: page %d table ends at a gap above %r", number, line.text[:40])
                cols, current = None, None
                continue
            labelled, under_label = under_label, None
            if labelled is not None and took_label_date(labelled, line.text.strip()):
                # the date on the line under its bare label ('Fecha compromiso:' / '30/09/2020', dev
                # OCR'd text 127: taken for the number column's, the row's date came out empty),
                # cut over lines until its year ('15 de agosto de' / '2021', dev OCR'd text 139)
                labelled.boxes.append((number, line.bbox))
                prev_bottom = body_bottom = line.bbox.bottom
                under_label = labelled if date_goes_on(labelled) else None
                continue
            m = fecha_row_end(line)
            if m is None and fecha_label_end(line.text) is not None:
                prev_bottom = line.bbox.bottom  # a bare 'Fecha compromiso' label: a header's piece
                if current is not None:  # ... or a date row whose date is not there to read
                    current.date_area.append(
                        (number, BBox(line.bbox.x1, line.bbox.top, float("inf"), line.bbox.bottom))
                    )
                    under_label = current if not current.fecha_lines else None
                continue
            if m is not None:
                if current is not None:
                    rest = [w.text for w in line.words if w.bbox and w.bbox.x0 >= _label_end(line, m)]
                    current.fecha_lines.append(" ".join(rest))
                    current.boxes.append((number, line.bbox))
                    current.closed = FECHA not in cols.roles
                prev_bottom = body_bottom = line.bbox.bottom
                continue
            if LEAD_IN.match(fold(line.text)):
                # the next table's lead-in: this table has ended (dev ASM scans gave 'las
                # recomendaciones:' to the last finding, its 'b) De' cut off in the number column)
                log.debug("grid: page %d table ends at the lead-in %r", number, line.text[:40])
                cols, current = None, None
                continue
            if sum(1 for w in line.words if is_title_word(w.text)) >= MIN_SIGNATURE_TITLES:
                # the signatures under the table, names side by side ('Licda. Yolanda Palacios
                # Nava  Lic. Araceli Vivero Rangel  CP. Claudia ...'): their cells went to the last
                # row's finding and activity, unflagged (block 7400 scan 7415)
                log.debug("grid: page %d table ends at signatures %r", number, line.text[:40])
                cols, current = None, None
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
            apart = body_bottom is not None and _ruled_apart(hspans, body_bottom, line.bbox.top, cols)
            prev_bottom = body_bottom = line.bbox.bottom
            current = _cells(line, cols, current, rows, number, apart)
    log.debug("grid: %d rows", len(rows))
    return rows


def _repeated(cols: Columns, before: Columns | None) -> Columns:
    """A header repeated on a new page whose date label OCR garbled ('Fe0n 96' / 'cumplimiento',
    dev ASM scan 47 dropped its rows' dates with no flag: two rows are too few to find the column
    by its dates) is the header its table printed before: the same columns where both name one,
    the earlier one naming the date's too."""
    if before is None or FECHA in cols.roles or FECHA not in before.roles:
        return cols
    named = [r for r in cols.roles if r is not None]
    if named != [r for r in before.roles if r not in (None, FECHA)]:
        return cols
    # the borders between the text columns agree (the number's lies anywhere in a wide gutter)
    shared = min(len(cols.borders), len(before.borders), before.roles.index(FECHA) - 1)
    if shared < 2 or any(abs(a - b) > MATCH_X for a, b in zip(cols.borders[1:shared], before.borders[1:shared])):
        return cols
    log.debug("grid: a header repeated with its date label garbled read as the one before (%s)", cols.tipo)
    return Columns(before.roles, before.borders, cols.tipo, cols.block)


def _headerless(blk: Block, known: list[Columns], above: list[Line], going: str | None = None) -> Columns | None:
    """Columns for a ruled table with no header read: a header printed elsewhere in the document
    whose borders are the table's rulings; its kind from the lead-in above, else, for the table of
    the page before going on (``going``), that table's (ASM text PDF 8019: the recommendations'
    last row, alone at the top of page 3, was read as a finding), else that header's."""
    fits = [c for c in known if matches(c.borders, blk)]
    match = next((c for c in fits if c.tipo == going), fits[0] if fits else None)
    if match is None:
        return None
    tipo = lead_in_kind([ln for ln in above if ln.bbox.bottom <= blk.top + IN_BLOCK], blk) or going or match.tipo
    log.debug("grid: page %d table at %.0f read by a header printed elsewhere (%s)", blk.page, blk.top, tipo)
    return Columns(match.roles, match.borders, tipo, blk)


def _ruled_apart(hspans: Sequence[tuple[float, float, float]], above: float, top: float, cols: Columns) -> bool:
    """A horizontal ruling runs between the table line above (its bottom) and this one (its
    top) across the number column and the next: rows are ruled apart there. A ruling that
    starts right of the number column parts the sub-rows of one record (a number cell spanning
    several activities' rows) and does not count."""
    if not cols.borders or cols.roles[0] != NUMERO:
        return False
    reach = cols.borders[1] if len(cols.borders) > 1 else cols.borders[0]
    return any(
        above - BORDER_TOLERANCE <= y <= top + BORDER_TOLERANCE and x0 < cols.borders[0] and x1 > reach
        for y, x0, x1 in hspans
    )


def _cells(
    line: Line, cols: Columns, current: RawRow | None, rows: list[RawRow], page: int, apart: bool = False
) -> RawRow | None:
    """A table line cut at the borders: a new row when its number cell holds a number, else
    more of the current row (``apart``: a ruling parts it from the line above, so a row whose
    number OCR lost starts here). Returns the row being read."""
    per_col: dict[int, list[Word]] = {}
    edges = _frame(cols)
    for w in line.words:
        if w.bbox is None:
            continue
        if edges and (w.bbox.x0 > edges[1] + BORDER_TOLERANCE or w.bbox.x1 < edges[0] - BORDER_TOLERANCE):
            continue  # outside a ruled table's frame: a margin's rúbrica read as 'O' (dev ASM scan 8)
        per_col.setdefault(cols.column_of(w.bbox.x_center), []).append(w)
    _words_back_across(per_col, cols.roles)
    # a speck beside the number ('6 -', dev ASM scan 18) is no part of it
    first = [w for w in per_col.get(0, []) if any(ch.isalnum() for ch in w.text)]
    n = row_number(first[0].text) if cols.roles[0] == NUMERO and len(first) == 1 else None
    unsure = None  # what stands for a number OCR could not read
    if n is None and cols.roles[0] == NUMERO:
        if len(first) == 1 and (GARBLED_NUMBER.match(first[0].text) or narrow_glyph(first[0])):
            unsure = first[0].text  # '4' read 'A', '7' read 'lá' (dev ASM scan 47), '1' read 'q' (21)
        elif current is None and not first and _sign_for_number(per_col.get(0, [])):
            unsure = per_col[0][0].text  # row 1's '1' read '>' under a turned head (dev ASM scan 77)
        elif current is not None and (current.closed or apart) and not first:
            # the row's number lost, after the row above ended on its date row (dev scan 4) or
            # under the ruling that closes it (dev scan 71: two rows' dates read as one)
            unsure = ""
    if n is not None or unsure is not None:
        current = RawRow(
            cols.tipo, n or 0, page, read_numero=unsure, tentative=unsure is not None, opens=current is None
        )
        if FECHA in cols.roles:
            j = cols.roles.index(FECHA)
            edges = [float("-inf"), *cols.borders, float("inf")]
            current.date_x = (edges[j], edges[j + 1])
        elif RESULTADOS in cols.roles or EVIDENCIAS in cols.roles:
            # a CONEVAL follow-up form prints a 'Fecha de término' column: here its label was
            # lost and its cells went into a neighbour's (dev ASM scan 8529: six rows undated)
            current.date_column_lost = True
        rows.append(current)
    if current is None:
        return None
    current.boxes.append((page, line.bbox))
    for c, ws in per_col.items():
        role = cols.roles[c] if c < len(cols.roles) else None
        if role is None or (role == NUMERO and n is not None):
            continue
        current.add_words(role, ws)
    return current


def _sign_for_number(words: list[Word]) -> bool:
    """The number cell of a table's first row holds one sign and no letter or digit ('>', '»'):
    its '1' as OCR misread it. Taken only where no row has started yet; the row is tentative and
    numbered 1 only when the next is 2 (``numbering.placed``). A rule's bar is no such sign."""
    return len(words) == 1 and len(words[0].text) <= 2 and not RULE_GLYPH.fullmatch(words[0].text)


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
