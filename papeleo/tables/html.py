"""HTML tables and HTML fragments inside cells -> plain cell text, with the stdlib parser.

OCR tools that export Markdown put HTML where Markdown has no syntax: a ``<table>`` with
merged cells, a bullet list inside a cell (``<ul><li>Emitir ...</li><li>Publicar ...</li></ul>``
or, as in the ASM seed, ``<ul style="..."> • Emitir ... • Publicar ... </ul>``), ``<br>``
line breaks. A cell's list becomes its items joined with ``; `` and all markup goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# A bullet character opening a list item typed as text: '• Emitir los criterios'.
_BULLET = re.compile(r"\s*[•▪◦●■‣∙]\s*")
# Tags that only break lines or paragraphs: their text is separated by a space.
_BREAKS = {"br", "p", "div", "tr", "hr"}
ITEM_SEPARATOR = "; "


@dataclass
class _CellText:
    """Text of one cell (or fragment) being collected: plain text, and list items."""

    before: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    in_item: bool = False
    list_depth: int = 0
    # text after a closed list, outside any list: the cell's last piece, kept last ('<ul>...</ul>
    # Segundo Semestre 2022', a date OCR ran into the cell: ASM dev OCR'd text 7911)
    after: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if self.list_depth and self.in_item:
            self.items[-1].append(text)
        elif self.list_depth:
            self.items.append([text])  # text inside a list but outside <li>: bullets typed as text
            self.in_item = False
        elif self.items:
            self.after.append(text)
        else:
            self.before.append(text)

    def text(self) -> str:
        """Text before any bullet, then the items (``<li>``s, or runs after typed bullets), then
        any text after the list, joined with ``; ``."""
        head = _BULLET.split(" ".join(self.before))
        items = head[1:] + [part for item in self.items for part in _BULLET.split(" ".join(item))]
        items.append(" ".join(self.after))
        joined = ITEM_SEPARATOR.join(" ".join(i.split()) for i in items if i.strip())
        return " ".join(x for x in (" ".join(head[0].split()), joined) if x)


class _FragmentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cell = _CellText()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _open_in_cell(self.cell, tag)

    def handle_endtag(self, tag: str) -> None:
        _close_in_cell(self.cell, tag)

    def handle_data(self, data: str) -> None:
        self.cell.add(data)


def _open_in_cell(cell: _CellText, tag: str) -> None:
    if tag in ("ul", "ol"):
        cell.list_depth += 1
    elif tag == "li" and cell.list_depth:
        cell.items.append([])
        cell.in_item = True
    elif tag in _BREAKS:
        cell.add(" ")


def _close_in_cell(cell: _CellText, tag: str) -> None:
    if tag in ("ul", "ol") and cell.list_depth:
        cell.list_depth -= 1
        cell.in_item = False
    elif tag == "li":
        cell.in_item = False
    elif tag in _BREAKS:
        cell.add(" ")


def html_fragment_to_text(fragment: str) -> str:
    """Cell text with its markup removed: list items joined by ``; ``, ``<br>`` a space.

    >>> html_fragment_to_text('<ul><li>Emitir criterios</li><li>Publicarlos</li></ul>')
    'Emitir criterios; Publicarlos'
    """
    if "<" not in fragment and not _BULLET.search(fragment):
        return " ".join(fragment.split())
    parser = _FragmentParser()
    parser.feed(fragment)
    parser.close()
    return parser.cell.text()


@dataclass
class HtmlCell:
    text: str
    header: bool  # a <th>, or a cell of <thead>
    col_span: int = 1
    row_span: int = 1


class _TableParser(HTMLParser):
    """Rows of ``<td>``/``<th>`` cells with their spans; nested tables flattened into the
    cell that holds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[HtmlCell]] = []
        self.depth = 0
        self.in_head = False
        self.cell: _CellText | None = None
        self.cell_attrs: tuple[bool, int, int] = (False, 1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
        if self.depth > 1 and self.cell is not None:
            _open_in_cell(self.cell, "br" if tag in ("td", "th", "tr") else tag)
            return
        if tag == "thead":
            self.in_head = True
        elif tag in ("tbody", "tfoot"):
            self.in_head = False
        elif tag == "tr":
            self._close_cell()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._close_cell()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self.cell = _CellText()
            self.cell_attrs = (tag == "th" or self.in_head, _span(values.get("colspan")), _span(values.get("rowspan")))
        elif self.cell is not None:
            _open_in_cell(self.cell, tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._close_cell()
            return
        if self.depth > 1:
            return
        if tag in ("td", "th", "tr"):
            self._close_cell()
        elif tag == "thead":
            self.in_head = False
        elif self.cell is not None:
            _close_in_cell(self.cell, tag)

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.add(data)

    def _close_cell(self) -> None:
        if self.cell is not None:
            header, cols, rows = self.cell_attrs
            self.rows[-1].append(HtmlCell(self.cell.text(), header, cols, rows))
            self.cell = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(100, int(value or "1")))
    except ValueError:
        return 1


def html_to_cell_rows(html: str) -> list[list[HtmlCell]]:
    """The cells of the first ``<table>`` in ``html``, row by row, as written (spans not
    yet laid out on the grid)."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return [row for row in parser.rows if row]


def cell_rows_to_grid(rows: list[list[HtmlCell]]) -> list[list[HtmlCell | None]]:
    """Cells placed on the grid their spans imply: a cell appears at its top-left
    position; the positions it covers hold None."""
    grid: list[list[HtmlCell | None]] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    taken.add((r + dr, c + dc))
            _put(grid, r, c, cell)
            c += cell.col_span
    width = max((c + 1 for (_, c) in taken), default=0)
    height = max((r + 1 for (r, _) in taken), default=0)
    while len(grid) < height:
        grid.append([])
    for row in grid:
        row.extend([None] * (width - len(row)))
    return grid


def _put(grid: list[list[HtmlCell | None]], r: int, c: int, cell: HtmlCell) -> None:
    row = grid[r]
    while len(row) <= c:
        row.append(None)
    row[c] = cell
