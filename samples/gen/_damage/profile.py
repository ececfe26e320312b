"""Per-document damage rates, drawn from a level so no two generated documents are damaged alike.

Real OCR exports differ from one another as much as from their PDFs: seed 004 loses a digit
every few rows and reads half of its table one cell per line, a clean scan loses almost
nothing. So each document draws its own rate for every kind, uniformly inside the range its
level allows, with the caller's ``random.Random``. Every rate is *per opportunity* (per digit,
per number, per cell, per row ...: the unit is named beside each range), so a rate means the
same thing in a one-page letter and a fifty-page annex.

Each range says what it trades: higher rates exercise more of an extractor's repair paths
(look-alike digits, the document's arithmetic, fuzzy headers, row reassembly) but past a point
no reader could recover the value and the benchmark measures the channel, not the extractor.
The ``heavy`` ranges are set near what seed 004 shows; ``light`` near a clean office scan.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

LEVELS = ("light", "medium", "heavy")
Range = tuple[float, float]

# --- characters (per opportunity inside a token) --------------------------------------------
# per digit of a number or code, read as a look-alike (0→O, 1→l, 5→S, 6→€ ...). Drives the
# families' arithmetic checks; seed 004 misreads about 3 % of its digits.
CHAR_DIGIT: dict[str, Range] = {"light": (0.002, 0.006), "medium": (0.008, 0.02), "heavy": (0.025, 0.05)}
# per letter (or letter pair: rn, cl) that has a look-alike (l→1, t→l, rn→m, cl→d, e→a ...).
# Exercises fuzzy matching of headers and vocabularies; too high and labels stop matching at all.
CHAR_LETTER: dict[str, Range] = {"light": (0.001, 0.003), "medium": (0.004, 0.01), "heavy": (0.012, 0.03)}
# per accented letter (á é í ó ú ñ), accent lost: 'Atencion'. Cheap for fuzzy matching, so common.
ACCENT_DROPPED: dict[str, Range] = {"light": (0.02, 0.06), "medium": (0.08, 0.16), "heavy": (0.2, 0.35)}
# per accented letter, read as another glyph: 'Judrez', 's6lidos', 'Atencidn', 'renovacién'.
ACCENT_MISREAD: dict[str, Range] = {"light": (0.0, 0.01), "medium": (0.02, 0.05), "heavy": (0.06, 0.12)}
# per accented letter that has another vowel in its word, the accent lands on that vowel: 'Juaréz'.
ACCENT_MOVED: dict[str, Range] = {"light": (0.0, 0.005), "medium": (0.01, 0.03), "heavy": (0.03, 0.06)}

# --- number separators (per number that has the separator in question) ---------------------
# per number with a separator, one ',' read as '.' or back: '1.216,904'. Makes the format ambiguous.
SEP_SWAPPED: dict[str, Range] = {"light": (0.002, 0.01), "medium": (0.01, 0.03), "heavy": (0.03, 0.06)}
# per number with a thousands separator, one of them lost: '1,206528', '3000'.
SEP_DROPPED: dict[str, Range] = {"light": (0.002, 0.01), "medium": (0.01, 0.03), "heavy": (0.03, 0.06)}
# per number with a thousands separator, all of them read as spaces: '1 206 528' (splits the cell).
SEP_SPACE: dict[str, Range] = {"light": (0.0, 0.005), "medium": (0.005, 0.02), "heavy": (0.02, 0.04)}
# per number with a separator, one of them doubled: '1,,216,904'.
SEP_DOUBLED: dict[str, Range] = {"light": (0.0, 0.003), "medium": (0.003, 0.01), "heavy": (0.01, 0.025)}
# per number with a decimal part, the decimal point lost: '2.00' → '200', '19.2%' → '192%'. Small
# fonts lose it often (TOOLCHAIN.md); only the document's arithmetic can catch it.
DECIMAL_LOST: dict[str, Range] = {"light": (0.01, 0.03), "medium": (0.04, 0.1), "heavy": (0.1, 0.2)}

# --- structure ---------------------------------------------------------------------------
# per pair of neighbouring non-empty cells (where a merge shows), read as one cell: columns shift.
CELL_MERGE: dict[str, Range] = {"light": (0.0, 0.01), "medium": (0.01, 0.04), "heavy": (0.04, 0.1)}
# per cell of two or more words (where a split shows), read as two cells: an extra column.
CELL_SPLIT: dict[str, Range] = {"light": (0.0, 0.01), "medium": (0.01, 0.03), "heavy": (0.03, 0.08)}
# per non-empty cell, its text lost. Unrecoverable unless the document's arithmetic fills it.
CELL_DROPPED: dict[str, Range] = {"light": (0.0, 0.002), "medium": (0.002, 0.008), "heavy": (0.008, 0.02)}
# per row with a multi-line cell, read line by line across the cells (tesseract's reading of
# a wrapped row): each wrapped cell's words are spread over lines shared with its neighbours.
COLUMNS_INTERLEAVED: dict[str, Range] = {"light": (0.0, 0.1), "medium": (0.2, 0.5), "heavy": (0.5, 0.9)}
# per row of two or more cells, read one cell per line (seed 004's second half).
ROW_CELLS_PER_LINE: dict[str, Range] = {"light": (0.0, 0.02), "medium": (0.03, 0.1), "heavy": (0.1, 0.3)}
# per table on a page, its widest text column read as a separate block listed after the table
# (seed 004's detached 'Meta Trimestral' commentary). Rows lose a cell; the text must be re-attached.
COLUMN_DETACHED: dict[str, Range] = {"light": (0.0, 0.0), "medium": (0.0, 0.1), "heavy": (0.1, 0.3)}
# per page holding a table and a running header/footer, that furniture read between two rows.
FURNITURE_IN_TABLE: dict[str, Range] = {"light": (0.0, 0.05), "medium": (0.1, 0.3), "heavy": (0.3, 0.6)}
# per page break inside a table, the row before it cut: its tail read on the next page.
ROW_CUT_BY_PAGE_BREAK: dict[str, Range] = {"light": (0.0, 0.1), "medium": (0.2, 0.5), "heavy": (0.5, 0.9)}
# per non-blank output line, a blank line inserted after it (seed 000 has one after every line).
BLANK_LINE: dict[str, Range] = {"light": (0.0, 0.01), "medium": (0.01, 0.05), "heavy": (0.05, 0.15)}

CHAR_KINDS = ("char_digit", "char_letter", "accent_dropped", "accent_misread", "accent_moved")
SEPARATOR_KINDS = ("sep_swapped", "sep_dropped", "sep_space", "sep_doubled", "decimal_lost")
STRUCTURE_KINDS = (
    "cell_merge",
    "cell_split",
    "cell_dropped",
    "columns_interleaved",
    "row_cells_per_line",
    "column_detached",
    "furniture_in_table",
    "row_cut_by_page_break",
    "blank_line",
)
KINDS = CHAR_KINDS + SEPARATOR_KINDS + STRUCTURE_KINDS

RANGES: Mapping[str, dict[str, Range]] = MappingProxyType(
    {
        "char_digit": CHAR_DIGIT,
        "char_letter": CHAR_LETTER,
        "accent_dropped": ACCENT_DROPPED,
        "accent_misread": ACCENT_MISREAD,
        "accent_moved": ACCENT_MOVED,
        "sep_swapped": SEP_SWAPPED,
        "sep_dropped": SEP_DROPPED,
        "sep_space": SEP_SPACE,
        "sep_doubled": SEP_DOUBLED,
        "decimal_lost": DECIMAL_LOST,
        "cell_merge": CELL_MERGE,
        "cell_split": CELL_SPLIT,
        "cell_dropped": CELL_DROPPED,
        "columns_interleaved": COLUMNS_INTERLEAVED,
        "row_cells_per_line": ROW_CELLS_PER_LINE,
        "column_detached": COLUMN_DETACHED,
        "furniture_in_table": FURNITURE_IN_TABLE,
        "row_cut_by_page_break": ROW_CUT_BY_PAGE_BREAK,
        "blank_line": BLANK_LINE,
    }
)
assert set(RANGES) == set(KINDS)


@dataclass(frozen=True)
class DamageProfile:
    """One document's damage rate for every kind (0 = never). Build it with ``draw`` for a
    generated document, ``none()`` for the clean text, or ``only(...)`` to isolate kinds."""

    level: str
    rates: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.rates) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown damage kind(s) {sorted(unknown)}; known: {KINDS}")
        bad = {k: v for k, v in self.rates.items() if not 0.0 <= v <= 1.0}
        if bad:
            raise ValueError(f"damage rates must be within 0..1: {bad}")
        full = {k: float(self.rates.get(k, 0.0)) for k in KINDS}
        object.__setattr__(self, "rates", MappingProxyType(full))

    @classmethod
    def draw(cls, rng: random.Random, level: str) -> DamageProfile:
        """A document's rates: each kind uniform in its ``level`` range, drawn in ``KINDS`` order."""
        if level not in LEVELS:
            raise ValueError(f"damage level {level!r} is not one of {LEVELS}")
        return cls(level, {kind: rng.uniform(*RANGES[kind][level]) for kind in KINDS})

    @classmethod
    def none(cls) -> DamageProfile:
        return cls("none", {})

    @classmethod
    def only(cls, **rates: float) -> DamageProfile:
        """Just these kinds at these rates (tests, or a benchmark isolating one cause)."""
        return cls("custom", rates)

    def with_rates(self, **rates: float) -> DamageProfile:
        """This profile with some rates replaced (e.g. a family that never prints decimals)."""
        return DamageProfile(self.level, {**self.rates, **rates})

    def rate(self, kind: str) -> float:
        return self.rates[kind]

    def hits(self, rng: random.Random, kind: str) -> bool:
        """Is this opportunity damaged? A kind at rate 0 draws nothing from ``rng``."""
        rate = self.rates[kind]
        return bool(rate) and rng.random() < rate
