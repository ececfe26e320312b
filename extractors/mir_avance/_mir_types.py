"""The shapes passed between the MIR modules, so text and geometry readings meet one solver.

A text stream yields unlabeled numeric runs (cell order only); a PDF table yields cells
labeled by their column. Both become a ``RawRow``; the checks then decide which value
belongs in which field, so neither reading path has to be right about everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papeleo.model import BBox

from ._mir_numbers import NumTok, Percent

PROG = ("programado_t1", "programado_t2", "programado_t3", "programado_t4")
ALC = ("alcanzado_t1", "alcanzado_t2", "alcanzado_t3", "alcanzado_t4")
NUMERIC = ("meta_anual", *PROG, *ALC)


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
