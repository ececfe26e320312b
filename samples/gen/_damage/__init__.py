"""The damage channel: one family-free way to turn a generated document into OCR'd text.

Every family generator (``samples/gen/<family>.py`` and the seeded generators to come)
describes what it printed once, as blocks, and gets the clean and the damaged text from it::

    import random
    from gen._damage import DamageProfile, PageBreak, Paragraph, RunningFooter, RunningHeader, Table
    from gen._damage import render_damaged, render_plain

    rng = random.Random(seed)
    blocks = [
        RunningHeader(["H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE"]),
        RunningFooter(["Página {page} de {pages}"]),
        Paragraph(["Programa presupuestario: E014 Servicios Públicos"]),
        Table(header_rows=[("Nivel", "Indicador", "Meta anual")],
              rows=[("Fin", "Porcentaje de colonias\\ncon cobertura", "1,216,904"), ...],
              style="spaced", breaks=(5,)),     # body row 5 starts page 2
    ]
    clean = render_plain(blocks)                                  # no damage, form feeds between pages
    profile = DamageProfile.draw(rng, "medium")                   # this document's rates
    text, log = render_damaged(blocks, rng, profile)              # OCR'd text + every damage applied

Blocks (``blocks.py``): ``Paragraph(lines)``, ``Table(rows, header_rows, style, breaks, ...)``
in one of five text styles (``aligned``, ``spaced``, ``tsv``, ``markdown``, ``cells``),
``PageBreak()``, ``RunningHeader(lines)`` and ``RunningFooter(lines)`` (``{page}``/``{pages}``
filled per page). A ``"\\n"`` inside a cell separates the lines it was printed on.

Damage kinds (``profile.py`` has each one's unit and per-level range, and what it trades):
characters (``char_digit``, ``char_letter``, ``accent_dropped``, ``accent_misread``,
``accent_moved``), separators (``sep_swapped``, ``sep_dropped``, ``sep_space``,
``sep_doubled``, ``decimal_lost``) and structure (``cell_merge``, ``cell_split``,
``cell_dropped``, ``columns_interleaved``, ``row_cells_per_line``, ``column_detached``,
``furniture_in_table``, ``row_cut_by_page_break``, ``blank_line``). Each applied damage is a
``Damage(kind, where, before, after)`` in the returned ``DamageLog``; ``where`` names the
block, row, column and line, so a benchmark can group an extractor's misses by cause.

The truth is never touched: damage edits a laid-out copy (``layout.py``), never the blocks,
and only the text form changes. All randomness comes from the ``random.Random`` the caller
passes, in a fixed order, so a seed gives the same text and log on every machine.

The scanned form and the real OCR path are in ``gen._damage.scan`` (``pdf_to_scan``,
``scan_to_ocr_text``); it is not imported here because it needs pypdfium2, numpy and papeleo.

The package is underscore-named like the rest of the generator's toolkit: ``gen/__init__``
takes every public module of ``gen/`` for a family module.
"""

from __future__ import annotations

from .blocks import (
    ALIGNED,
    CELLS,
    MARKDOWN,
    SPACED,
    STYLES,
    TSV,
    Block,
    PageBreak,
    Paragraph,
    RunningFooter,
    RunningHeader,
    Table,
)
from .channel import render_damaged, render_plain
from .log import Damage, DamageLog, Where
from .profile import CHAR_KINDS, KINDS, LEVELS, RANGES, SEPARATOR_KINDS, STRUCTURE_KINDS, DamageProfile

__all__ = [
    "ALIGNED",
    "CELLS",
    "CHAR_KINDS",
    "KINDS",
    "LEVELS",
    "MARKDOWN",
    "RANGES",
    "SEPARATOR_KINDS",
    "SPACED",
    "STRUCTURE_KINDS",
    "STYLES",
    "TSV",
    "Block",
    "Damage",
    "DamageLog",
    "DamageProfile",
    "PageBreak",
    "Paragraph",
    "RunningFooter",
    "RunningHeader",
    "Table",
    "Where",
    "render_damaged",
    "render_plain",
]
