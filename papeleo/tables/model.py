"""What a table reader hands to an extractor: a Table of Rows of Cells.

Every cell keeps the words it was read from (with their boxes and confidences) so an
extractor can still point at where a value came from; every row keeps its page, because
a table continued over three pages is one Table whose rows come from three pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean
from typing import Literal

from papeleo.model import BBox, Word

# How a table was found: which evidence gave its columns and rows.
TableSource = Literal[
    "ruled",  # a grid of horizontal and vertical rulings
    "horizontal_rules",  # horizontal rulings only; columns from whitespace gutters
    "gutters",  # no rulings; columns from whitespace gutters, rows from lines
    "markdown",  # | a | b | pipe table in text
    "html",  # <table> in text
    "tsv",  # tab-separated lines in text
    "spaced",  # columns aligned with runs of spaces in text
    "paragraphs",  # one cell per paragraph in text, in the header's order (read by whoever knows the header)
]


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. A cell merged over several grid positions (a header label over two
    columns) appears once, at its top-left position, with its spans; the positions it
    covers hold empty cells, so every row has one cell per column."""

    text: str
    bbox: BBox | None = None
    words: tuple[Word, ...] = ()
    col_span: int = 1
    row_span: int = 1

    @property
    def confidence(self) -> float | None:
        """Mean confidence of the cell's words; None when nothing was read in it (an empty
        cell may be truly empty or lost by OCR: there is no evidence either way)."""
        if not self.words:
            return None
        return fmean(w.confidence for w in self.words)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


EMPTY_CELL = Cell("")


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    page: int | None = None  # 1-based page the row was read on (its first page if a page break cut it)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    @property
    def bbox(self) -> BBox | None:
        return BBox.union(c.bbox for c in self.cells)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for c in self.cells for w in c.words)

    @property
    def confidence(self) -> float | None:
        words = self.words
        return fmean(w.confidence for w in words) if words else None


@dataclass(frozen=True, slots=True)
class Table:
    """``columns`` are the header's names, one per column (a two-line header joined:
    ``Metas Individuales``), or ``col1``, ``col2`` ... when the table has no header.
    ``header_rows`` are the header as it was drawn; ``rows`` the body only."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    header_rows: tuple[Row, ...] = ()
    source: TableSource = "gutters"
    title: str | None = None  # a caption drawn as a first row spanning every column
    bbox: BBox | None = None  # where the table is on its first page (None for text tables)
    pages: tuple[int, ...] = field(default=())  # every page it has rows on, in order
    # x positions (points) of the left edge, the cuts between columns and the right edge,
    # on its first page; empty for text tables. A table continued without its header is
    # recognised by these.
    column_edges: tuple[float, ...] = ()

    @property
    def n_columns(self) -> int:
        return len(self.columns)

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    def to_rows(self, page_key: str | None = None) -> list[dict[str, str | int | None]]:
        """The body as dicts keyed by column name (cell text as values); with ``page_key``,
        each dict also holds the row's page number under that key."""
        out: list[dict[str, str | int | None]] = []
        for row in self.rows:
            record: dict[str, str | int | None] = dict(zip(self.columns, row.texts))
            if page_key is not None:
                record[page_key] = row.page
            out.append(record)
        return out
