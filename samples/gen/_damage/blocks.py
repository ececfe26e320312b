"""What a family generator hands the damage channel: its document described once, as blocks.

A generator already knows what it printed (paragraph lines, table cells, where the pages
break), so it describes that once and gets both text forms from it: ``render_plain`` for the
undamaged text and ``render_damaged`` for the OCR'd text. Blocks are frozen and hold only
tuples, so rendering can never change the truth the generator keeps beside them.

A table cell is a string; a ``"\\n"`` inside it separates the lines the cell was printed on
(wrapped text, a level label over its area), which is what lets the channel read a row the
way tesseract does — line by line across the cells — instead of cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a table reads as text. Each is a real export seen in the seeds:
ALIGNED = "aligned"  # columns padded with spaces (pdftotext -layout, OCR tools' plain text)
SPACED = "spaced"  # a row's cells joined by one space, empty cells vanish (tesseract reading across; seed 004 p.1)
TSV = "tsv"  # cells separated by tabs (seed 003's score table)
MARKDOWN = "markdown"  # `| a | b |` rows with a `|---|` rule under the header (seed 002's tables)
CELLS = "cells"  # one cell per line, a blank line after each cell (seed 004's second half)
STYLES = (ALIGNED, SPACED, TSV, MARKDOWN, CELLS)


def _lines(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A block's lines as a tuple, whether the caller gave one string or a sequence."""
    if isinstance(value, str):
        return tuple(value.split("\n"))
    return tuple(value)


def _rows(value) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(c) for c in row) for row in value)


@dataclass(frozen=True)
class Paragraph:
    """Lines of running text, exactly as printed (one string per printed line, or one
    string with ``\\n``); ``gap`` blank lines follow it."""

    lines: tuple[str, ...]
    gap: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _lines(self.lines))


@dataclass(frozen=True)
class Table:
    """A table: ``header_rows`` and body ``rows`` of cell strings (``\\n`` = the cell's printed
    lines). ``breaks`` are the body-row indexes that start a new page (the table continues
    there; its header rows are printed again when ``repeat_header``). ``col_widths`` (characters)
    and ``align`` (``"l"``/``"r"`` per column) matter only to the ``aligned`` style; widths
    default to the widest cell of each column."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: tuple[tuple[str, ...], ...] = ()
    style: str = ALIGNED
    breaks: tuple[int, ...] = ()
    repeat_header: bool = True
    col_widths: tuple[int, ...] | None = None
    align: tuple[str, ...] | None = None
    gap: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", _rows(self.rows))
        object.__setattr__(self, "header_rows", _rows(self.header_rows))
        object.__setattr__(self, "breaks", tuple(sorted(set(self.breaks))))
        if self.style not in STYLES:
            raise ValueError(f"table style {self.style!r} is not one of {STYLES}")
        if any(not 0 < b < len(self.rows) for b in self.breaks):
            raise ValueError(f"table breaks {self.breaks} must fall between body rows (1..{len(self.rows) - 1})")
        if self.col_widths is not None:
            object.__setattr__(self, "col_widths", tuple(self.col_widths))
        if self.align is not None:
            object.__setattr__(self, "align", tuple(self.align))

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.header_rows + self.rows), default=0)


@dataclass(frozen=True)
class PageBreak:
    """The page ends here; what follows starts the next page."""


@dataclass(frozen=True)
class RunningHeader:
    """Lines printed at the top of every page from here on (and of the current page when
    nothing has been printed on it yet). ``{page}`` and ``{pages}`` are filled per page.
    An empty ``lines`` ends the running header."""

    lines: tuple[str, ...]
    gap: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _lines(self.lines))


@dataclass(frozen=True)
class RunningFooter:
    """Lines printed at the foot of every page that ends from here on (the current page
    included), after ``gap`` blank lines; e.g. ``RunningFooter("Página {page} de {pages}")``."""

    lines: tuple[str, ...]
    gap: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _lines(self.lines))


Block = Paragraph | Table | PageBreak | RunningHeader | RunningFooter


def cell_lines(cell: str) -> list[str]:
    """A cell's printed lines; an empty cell has none."""
    return cell.split("\n") if cell else []


def cell_text(cell: str) -> str:
    """A cell as one line: its printed lines joined by a space (how exports re-join wrapped cells)."""
    return " ".join(ln for ln in cell.split("\n") if ln)
