"""A record as the readers give it, before it is a ``commitments`` row: its cells' lines per
role, its date's text, where it was printed, and how each part was found (``records.to_record``
turns it into the row, saying on the row what was reconstructed). Every reader of the family
(word geometry in ``grid``, Markdown in ``markup``, OCR'd text in ``spaced``, ``cells`` and
``stacked``, label/value sheets in ``ficha``) writes these, so they live apart from any reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from papeleo.model import BBox, Word

from .labels import FECHA


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
    # where the row's date is printed: its date column's x-range, and the rest of a date row's
    # line after a label that holds nothing (page, box); an empty date under ink there is unread
    date_x: tuple[float, float] | None = None
    date_area: list[tuple[int, BBox]] = field(default_factory=list)
    covered: bool = False  # its date's place is under a mark (a blot) and holds no date
    # the number as read ('4', 'A', '' for none), when its neighbours gave the row another
    read_numero: str | None = None
    # a row started by a garbled number cell or by lines after a finished row's date row, whose
    # number only its neighbours can give (numbering.renumbered); else it joins the row above
    tentative: bool = False
    closed: bool = False  # its 'Fecha comprometida:' row is read: the next table line is a new row
    opens: bool = False  # the first row read under its header: no row above it is of its table
    note: str | None = None  # how its cells were found, when by content (a comment on the record)
    # its cells were written by OCR one piece per line, the columns taking turns, and each piece
    # was given its column by what it is (``stacked``): its texts are a reconstruction, said so
    pieced: bool = False
    # its finding came back from paragraphs OCR wrote after the table (``detached``): said so
    reattached: bool = False
    # its date's label was read and nothing after it: an empty cell, or a date OCR lost (said)
    date_lost: bool = False
    # its label/value box's values were given to its labels by their order alone (OCR wrote the
    # labels apart from the values: ``ficha_values``): every text field is a reconstruction
    ordered: bool = False
    # its date was found at the end of its activity's cell and taken back (``records``)
    date_moved: bool = False
    # its table is a CONEVAL form whose date column was not found: an empty date is unread
    date_column_lost: bool = False

    def add(self, role: str, line: CellLine) -> None:
        self.cells.setdefault(role, []).append(line)

    def add_words(self, role: str, words: Sequence[Word]) -> None:
        """A line's words (with boxes, at least one) into the cell of ``role``: the date's text
        into ``fecha_lines``, any other cell's as a line with its x-range, which widens what the
        column's text is known to span."""
        cl = CellLine(" ".join(w.text for w in words), words[0].bbox.x0, words[-1].bbox.x1)
        if role == FECHA:
            self.fecha_lines.append(cl.text)
        else:
            self.add(role, cl)
            self.right[role] = max(self.right.get(role, 0.0), cl.x1)
