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

from .grid import CellLine, RawRow, read_rows
from .labels import FECHA, NUMERO, RECOMENDACION, TEXTO, fecha_label_end, role_of, row_number
from .spaced import spaced_rows

CHAR_W, LINE_H, LINE_PITCH = 5.0, 10.0, 12.0  # the character grid (the shared text-table reader's)
# a tab-separated field's slot on the grid, wide enough for any cell's text
TAB_SLOT = 4000.0
# a Markdown/HTML table line: '| 1 | ... |', '<table'
MARKUP_TABLE = re.compile(r"^\s*\||<table\b", re.I | re.M)


def _table_roles(t: Table) -> list[str | None]:
    return [role_of(c) for c in t.columns]


def markup_rows(text: str) -> list[RawRow] | None:
    """Rows of the Markdown/HTML ASM tables in ``text``; None when it has none."""
    if not MARKUP_TABLE.search(text):
        return None
    rows: list[RawRow] = []
    current: RawRow | None = None
    found = False
    for t in text_to_tables(text, page=1):
        roles = _table_roles(t)
        if TEXTO not in roles:
            continue
        found = True
        tipo = "recomendacion" if any(RECOMENDACION.search(fold(c)) for c in t.columns) else "hallazgo"
        if current is not None and current.tipo != tipo:
            current = None
        for row in t.rows:
            texts = [c.text for c in row.cells]
            if not any(s.strip() for s in texts):
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
                current = RawRow(tipo, n, row.page or 1)
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
    return grid_rows(pages) or spaced_rows([(p.number, [ln.text for ln in p.lines]) for p in pages])


__all__ = ["FECHA", "text_rows"]
