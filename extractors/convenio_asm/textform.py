"""ASM tables in text without geometry: Markdown and HTML tables from OCR tools (seed 002),
and space-aligned or tab-separated exports.

Markdown and HTML are read by ``markup``. Other text is laid on a character grid (a character 5 units wide, a line 12 apart; a tab's field
in its own wide slot) so that ``grid`` reads it by the same header-anchored columns.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from papeleo.model import BBox, Line, Page, Word

from .cells import cell_rows
from .detached import reattached
from .grid import read_rows
from .labels import ACTIVIDAD, FECHA, TEXTO, label_cuts, role_of, roles_in, row_number
from .markup import LOST_FINDINGS, PIPES_OR_HTML, markup_rows
from .numbering import placed
from .raw_row import RawRow
from .spaced import spaced_rows

CHAR_W, LINE_H, LINE_PITCH = 5.0, 10.0, 12.0  # the character grid (the shared text-table reader's)
# a tab-separated field's slot on the grid, wide enough for any cell's text
TAB_SLOT = 4000.0


def _grid_line(text: str, top: float) -> Line | None:
    words: list[Word] = []
    if "\t" in text:
        for k, field in enumerate(text.split("\t")):
            for m in re.finditer(r"\S+", field):
                x0 = k * TAB_SLOT + m.start() * CHAR_W
                words.append(Word(m.group(), BBox(x0, top, x0 + len(m.group()) * CHAR_W, top + LINE_H)))
    else:
        for m in re.finditer(r"\S+", text):
            x0 = m.start() * CHAR_W
            words.append(Word(m.group(), BBox(x0, top, x0 + len(m.group()) * CHAR_W, top + LINE_H)))
    return Line.from_words(words) if words else None


# Markdown's cell bars and bold marks: blanked (not removed) so that the columns keep their offsets
MARKUP_CHARS = re.compile(r"\||\*\*")


def plain_lines(page: Page) -> list[Line]:
    """A plain-text page's lines on the character grid, Markdown bars and bold marks blanked."""
    out = []
    for k, ln in enumerate(page.lines):
        g = _grid_line(MARKUP_CHARS.sub(lambda m: " " * len(m.group()), ln.text), k * LINE_PITCH)
        if g is not None:
            out.append(g)
    return out


def grid_rows(pages: list[Page]) -> list[RawRow]:
    """Rows of space-aligned or tab-separated text, read on the character grid."""
    laid = []
    for p in pages:
        lines, top = [], 0.0
        for ln in p.lines:
            g = _grid_line(ln.text, top)
            top += LINE_PITCH
            if g is not None:
                lines.append(g)
        laid.append((p.number, lines, [], []))
    return placed(read_rows(laid))


# a tab-separated head names at least this many columns before a field of it is split in two
MIN_TAB_HEAD_ROLES = 3


def _tab_head_split(text: str, body: int) -> str:
    """A tab-separated head one field short of its body's rows, one field holding two labels
    whose tab OCR lost ('Actividades Área Responsable', dev OCR'd text 8509: every later column
    read under the label before its own, areas as dates), with that field cut in two; the line
    as it was when no field, or more than one cut, names two labels."""
    fields = text.rstrip("\t").split("\t")
    if len(fields) != body - 1 or len(roles_in(text)) < MIN_TAB_HEAD_ROLES:
        return text
    cuts = []
    for j, field_ in enumerate(fields):
        if role_of(field_) is not None:
            continue
        cuts += [(j, lt, rt) for lt, rt, left, right in label_cuts(field_) if left and right and left != right]
    if len(cuts) != 1:
        return text
    j, left, right = cuts[0]
    return "\t".join([*fields[:j], left, right, *fields[j + 1 :]])


def _tab_heads_split(pages: list[Page]) -> list[Page]:
    """The pages with each tab-separated head that lost a tab between two labels mended
    (``_tab_head_split``); the body's width is its numbered rows' most common field count."""
    out = []
    for p in pages:
        texts = [ln.text for ln in p.lines]
        widths = Counter(
            len(t.rstrip("\t").split("\t")) for t in texts if "\t" in t and row_number(t.split("\t")[0].strip())
        )
        if widths:
            body = widths.most_common(1)[0][0]
            mended = [_tab_head_split(t, body) if "\t" in t else t for t in texts]
            if mended != texts:
                p = dataclasses.replace(p, lines=tuple(Line.from_text(t) for t in mended))
        out.append(p)
    return out


def text_rows(pages: list[Page]) -> list[RawRow]:
    pages = _tab_heads_split(pages)
    text = "\f".join("\n".join(ln.text for ln in p.lines) for p in pages)
    texts = [(p.number, [ln.text for ln in p.lines]) for p in pages]
    got = markup_rows(text)
    if got:
        first = pages[0].number if pages else 1
        for r in got:
            r.page += first - 1
        if PIPES_OR_HTML.search(text):  # a Markdown or HTML table: its cells are its own
            return _lost_findings_found(placed(got), texts)
    # single-spaced rows and rows written one cell per paragraph mix in one export: the reading
    # that finds more rows is the one the export was written in; an aligned export keeps its
    # columns, but a row OCR wrote one cell per paragraph crosses them and ends its table there,
    # so the rows the columns did not give come from that reading (dev seed 49: 2 -> 15 rows)
    aligned = grid_rows(pages)
    other = reattached(max(spaced_rows(texts), cell_rows(texts), key=len), texts)
    read = union_of_readings(aligned, other) if aligned else other
    if got:  # tab-separated: its table of cells first (a row's tabs are its cells), the grid's rows it lacks
        return union_of_readings(placed(got), read)
    return read


def _lost_findings_found(rows: list[RawRow], texts: list[tuple[int, list[str]]]) -> list[RawRow]:
    """A Markdown table whose findings column OCR lost (``LOST_FINDINGS``) may have written it
    after the table, a paragraph per row: the findings go back to their rows (``detached``; dev
    OCR'd text 122, ten failures). A table with its findings is its own."""
    if not any(r.note == LOST_FINDINGS for r in rows):
        return rows
    notes = [r.note for r in rows]
    merged = reattached(rows, texts)
    for r, note in zip(merged, notes):
        # put back, its finding is no longer lost; not put back, the row says what it said
        r.note = None if r.reattached and note == LOST_FINDINGS else note
    return merged


def union_of_readings(first: list[RawRow], second: list[RawRow]) -> list[RawRow]:
    """The rows of ``first`` and those of ``second`` it does not have, in table order (by page,
    then by kind as the document lists them, then by number). A row both read is ``first``'s,
    unless ``second`` filled more of its cells (text, activity, date): a number alone on its line
    over cells written as paragraphs gives the column reader a row with a piece of its text and
    no date, and the paragraph reader the whole row (dev OCR'd text 49, 73); or, as filled,
    unless ``first`` cut its activity mid-sentence and ``second`` did not (a row written on one
    line the column reader cuts at the header's x, 'identificacion homogeneas. Depurar ...', where
    the spaced reader cuts at the sentence's end: dev OCR'd text 142)."""
    fuller = {(r.tipo, r.numero): _reading(r) for r in second}
    first = [r for r in first if _reading(r) >= fuller.get((r.tipo, r.numero), (0, False))]
    have = {(r.tipo, r.numero) for r in first}
    rows = first + [r for r in second if (r.tipo, r.numero) not in have]
    kinds = list(dict.fromkeys(r.tipo for r in rows))
    return sorted(rows, key=lambda r: (r.page, kinds.index(r.tipo), r.numero))


def _reading(row: RawRow) -> tuple[int, bool]:
    """How a row was read, to choose between two readings of it: its cells filled, then its
    activity opening as an activity does (not in lower case, mid-sentence)."""
    activity = row.cells.get(ACTIVIDAD)
    return _filled(row), not (activity and activity[0].text.strip()[:1].islower())


def _filled(row: RawRow) -> int:
    """How many of a row's text, activity and date cells hold something."""
    return sum(1 for role in (TEXTO, ACTIVIDAD) if row.cells.get(role)) + any(t.strip() for t in row.fecha_lines)


__all__ = ["FECHA", "text_rows"]
