"""The shapes passed between the MIR modules, so text and geometry readings meet one solver.

A text stream yields unlabeled numeric runs (cell order only); a PDF table yields cells
labeled by their column. Both become a ``RawRow``; the solver then decides which value
belongs in which field (a ``Solved``), so neither reading path has to be right about
everything. The shapes live apart from the code that fills them so that the reading
paths, the commentary parser, the solver and the hierarchy checks depend on them and not
on one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papeleo.model import BBox

from .numbers import NumTok, Percent, fmt

PROG = ("programado_t1", "programado_t2", "programado_t3", "programado_t4")
ALC = ("alcanzado_t1", "alcanzado_t2", "alcanzado_t3", "alcanzado_t4")
NUMERIC = ("meta_anual", *PROG, *ALC)
# the fields of 'meta anual = Σ programado'
SUM_FIELDS = ("meta_anual", *PROG)
# a sum holds when it is exact to this (values are parsed from print, not computed)
SUM_TOLERANCE = 1e-6
# Sources that must agree before a value counts as confirmed (and no single other source
# may overturn it): the printed cell and one check, or two checks.
CONFIRMING_SOURCES = 2


def fields_for(T: int) -> list[str]:
    """The numeric fields a report of quarter ``T`` prints: the plan for the whole year,
    the results only up to T."""
    return ["meta_anual", *PROG, *ALC[:T]]


@dataclass
class Commentary:
    """'Meta Trimestral: Se logra el X% ... N de un total de M' (or 'Meta Anual: ...')."""

    kind: str  # "trimestral" | "anual"
    text: str
    page: int
    line: int  # global line index of its first line
    percents: list[Percent] = field(default_factory=list)
    nums: list[NumTok] = field(default_factory=list)
    m_pref: set[int] = field(default_factory=set)  # indices of nums phrased as the total
    zero_n: bool = False  # 'ningún convenio ... de los 2' -> N = 0
    conf: float = 1.0
    inline: bool = False  # printed beside its row (wide layout), not in a block
    by_order: bool = False  # placed by its position among placed neighbours, not by its numbers


@dataclass(frozen=True)
class Reading:
    """One way to read a commentary's numbers: N achieved of M planned, X% stated."""

    n: float | None
    m: float | None
    x: float | None
    x_decimals: int
    consistent: bool  # N/M rounds to X as printed
    x_fixed: float | None = None  # X misread: the single-digit variant N/M does give
    n_tok: NumTok | None = None
    m_tok: NumTok | None = None


@dataclass
class Anchor:
    """A line-stream token that opens a row: a level word (N), a clave (C) or SIGLAS (S)."""

    kind: str  # "C", "N" or "S"
    line: int  # global line index
    value: str
    rest: str = ""  # the text after it on its line (the resumen after a clave, ...)


@dataclass
class RawRow:
    page: int
    first_line: int
    last_line: int
    nivel: str | None = None
    nivel_raw: str | None = None
    code_raw: str | None = None
    siglas: str | None = None
    indicador: str | None = None
    resumen: str | None = None
    frecuencia: str | None = None
    unidad: str | None = None
    tokens: list[NumTok] = field(default_factory=list)  # unlabeled, in cell order
    slots: dict[str, NumTok] = field(default_factory=dict)  # labeled by column (geometry)
    comments: list[Commentary] = field(default_factory=list)  # tied to the row by layout
    text: str = ""  # every word seen for the row, for matching commentaries by topic
    bbox: BBox | None = None
    conf: float = 1.0
    run_garbled: float = 0.0  # share of mangled tokens in its numeric run
    tentative: set[str] = field(default_factory=set)  # fields only the missing-cell prior placed


@dataclass
class Solved:
    """A row's values once the checks have spoken, with where each came from."""

    row: RawRow
    T: int
    values: dict[str, float | None] = field(default_factory=dict)
    sources: dict[str, set[str]] = field(default_factory=dict)
    corrected: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)
    trimestral: Commentary | None = None
    anual: Commentary | None = None
    reading: Reading | None = None
    anual_reading: Reading | None = None
    avance_pct: float | None = None
    table: dict[str, NumTok] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    tentative: set[str] = field(default_factory=set)  # placed by the missing-cell prior only
    clave: str | None = None

    def confirmed(self, f: str) -> bool:
        """Two independent sources agree on the value (the table and a check, two checks)."""
        return self.values.get(f) is not None and len(self.sources.get(f, ())) >= CONFIRMING_SOURCES

    def set(self, f: str, v: float, status: str, why: str, sources: set[str]) -> None:
        self.values[f] = v
        self.sources[f] = set(sources)
        self.corrected[f] = status
        self.notes.append(f"{f}={fmt(v)}: {why}")
