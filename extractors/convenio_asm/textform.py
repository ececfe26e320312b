"""ASM tables in text without geometry: Markdown and HTML tables from OCR tools (seed 002),
and space-aligned or tab-separated exports.

Markdown and HTML are read by the shared text-table reader and walked row by row the way
``grid`` walks lines: a numbered row starts a record, a ``Fecha comprometida ...:`` row gives
the record above its date, a row without a number continues the record above (a row cut by
a page break, or a wrapped cell exported line by line), a repeated header is skipped. Other
text is laid on a character grid (a character 5 units wide, a line 12 apart; a tab's field
in its own wide slot) so that ``grid`` reads it by the same header-anchored columns.
"""

from __future__ import annotations

import re

from papeleo.model import BBox, Line, Page, Word
from papeleo.tables import Table, text_to_tables
from papeleo.text import fold

from .cells import cell_rows
from .grid import CellLine, RawRow, read_rows
from .labels import FECHA, NUMERO, RECOMENDACION, TEXTO, fecha_label_end, role_of, row_number
from .spaced import spaced_rows

CHAR_W, LINE_H, LINE_PITCH = 5.0, 10.0, 12.0  # the character grid (the shared text-table reader's)
# a tab-separated field's slot on the grid, wide enough for any cell's text
TAB_SLOT = 4000.0
# the shared reader's name for a column with no header: 'col4'
PLACEHOLDER = re.compile(r"^col\d+$")
# a number cell run into the text cell: '3 No se publican los informes ...'
MERGED_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})[.)]?\s+(?P<rest>\S.*)$", re.S)
# a Markdown/HTML table line: '| 1 | ... |', '<table'
MARKUP_TABLE = re.compile(r"^\s*\||<table\b", re.I | re.M)


def _table_roles(t: Table) -> list[str | None]:
    return [role_of(c) for c in t.columns]


def _number_split(texts: list[str], roles: list[str | None]) -> list[str]:
    """'| 3 No se publican ... | Habilitar ... |': a row whose number lost its bar, split back."""
    if not texts or not roles or roles[0] != NUMERO or row_number(texts[0].strip()) is not None:
        return texts
    m = MERGED_NUMBER.match(texts[0])
    filled = len(texts)
    while filled and not texts[filled - 1].strip():  # trailing empty cells: the reader's padding
        filled -= 1
    if m is None or filled >= len(roles):
        return texts
    return [m["n"], m["rest"], *texts[1:filled]]


def _goes_on(head: list[str], roles: list[str | None]) -> bool:
    """A headerless table's first row is a row of an ASM table with ``roles``: no more cells than
    it has columns, and its first cell a number, a date row's label, or empty (a wrapped cell)."""
    if len(head) > len(roles) + 1 or not any(c.strip() for c in head):
        return False
    first = _number_split(head, roles)[0].strip()
    return not first or row_number(first) is not None or fecha_label_end(first) is not None


def markup_rows(text: str) -> list[RawRow] | None:
    """Rows of the Markdown/HTML ASM tables in ``text``; None when it has none."""
    if not MARKUP_TABLE.search(text):
        return None
    rows: list[RawRow] = []
    current: RawRow | None = None
    found = False
    last: tuple[list[str | None], str] | None = None  # the roles and kind of the last ASM table
    for t in text_to_tables(text, page=1):
        roles = _table_roles(t)
        body = [([c.text for c in row.cells], row.page or 1) for row in t.rows]
        if TEXTO not in roles:
            head = ["" if PLACEHOLDER.match(c) else c for c in t.columns]
            if last is None or not _goes_on(head, last[0]):
                continue
            # a row of the ASM table above under no header (the table goes on after lines OCR
            # took out of it, and its first row was taken for a header)
            roles, tipo = last
            body = [(head, body[0][1] if body else 1), *body]
        else:
            tipo = "recomendacion" if any(RECOMENDACION.search(fold(c)) for c in t.columns) else "hallazgo"
            if current is not None and current.tipo != tipo:
                current = None
        found, last = True, (roles, tipo)
        for texts, page in body:
            texts = _number_split(texts, roles)
            if not any(c.strip() for c in texts):
                continue
            first = texts[0].strip() if texts else ""
            end = fecha_label_end(first)
            if end is not None:
                if current is not None:
                    rest = first[end:]
                    current.fecha_lines.append(" ".join([rest, *[s for s in texts[1:] if s.strip()]]).strip())
                continue
            if sum(1 for c in texts if role_of(c)) >= 2:  # a header row repeated inside the body
                continue
            n = row_number(first) if roles[0] == NUMERO else None
            if n is not None:
                current = RawRow(tipo, n, page)
                rows.append(current)
            if current is None:
                continue
            for role, cell in zip(roles, texts):
                if role is None or role == NUMERO or not cell.strip():
                    continue
                if role == FECHA:
                    current.fecha_lines.append(cell)
                else:
                    for ln in cell.split("\n"):
                        current.add(role, CellLine(ln, 0.0, float(len(ln))))
    return rows if found else None


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
    return read_rows(laid)


def text_rows(pages: list[Page]) -> list[RawRow]:
    text = "\f".join("\n".join(ln.text for ln in p.lines) for p in pages)
    got = markup_rows(text)
    if got:
        first = pages[0].number if pages else 1
        for r in got:
            r.page += first - 1
        return got
    texts = [(p.number, [ln.text for ln in p.lines]) for p in pages]
    return grid_rows(pages) or spaced_rows(texts) or cell_rows(texts)


__all__ = ["FECHA", "text_rows"]
