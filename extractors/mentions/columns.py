"""What a table column's header says its cells are: sums of money, or units.

A budget table prints its figures bare and says once, in the column's header, what they are:
'PRESUPUESTO APROBADO (PESOS)', 'Importe ($)', 'Monto (miles de pesos)'. docs/mentions.md
counts such a figure as a ``monto``; a figure under a header that names no currency
('METAS PROGRAM. ANUAL', 'Presupuesto') stays no mention, since nothing on the page says it is
money. A programme's table of operating units heads its column 'UNIDAD ACADÉMICA / ESPECIALIDAD'
or 'CENTRO REGIONAL' and names each unit in a cell ('EXTENSIÓN COYOTLÁN', 'ACCIÓN MÓVIL
TLAXCOMULCO'): bodies no head noun of theirs would tell. The columns come from the shared table
reader (``papeleo.tables``), so the rules hold for any layout it reads, ruled or not; a scale in
the header ('miles de pesos') multiplies.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from papeleo.model import BBox, Page
from papeleo.tables import Table, page_to_tables
from papeleo.text.normalize import fold, fold_keep_offsets
from papeleo.text.numbers import MX, Status, parse_number
from papeleo.text.pagetext import line_around

from .rules import VOCABULARY

CURRENCY = VOCABULARY["currencies"]
_codes = "|".join(regex.escape(c) for c in sorted(CURRENCY, key=len, reverse=True))
# the currency a header names, in parentheses or after 'en': 'PRESUPUESTO APROBADO (PESOS)',
# 'Importe ($)', 'Monto en quetzales', 'Presupuesto (miles de pesos)'
HEADER_CURRENCY = regex.compile(
    rf"(?:\(\s*|\ben\s+)(?:(?P<scale>miles|millones)\s+de\s+)?(?P<cur>{_codes})\s*(?:\)|$)",
    regex.IGNORECASE,
)
SCALES = {"miles": 1e3, "millones": 1e6}
# a page is searched for tables only when a header could name a currency: a currency in
# parentheses or after 'en' somewhere on it (reading tables is the costly part)
PAGE_HINT = regex.compile(rf"(?:\(\s*|\ben\s+)(?:(?:miles|millones)\s+de\s+)?(?:{_codes})\s*(?:\)|\n|$)", regex.I)
# a header naming a column of units: 'UNIDAD ACADÉMICA / ESPECIALIDAD', 'Área Responsable'
_units = "|".join(regex.escape(fold(w)) for w in sorted(VOCABULARY["unit_columns"], key=len, reverse=True))
UNIT_COLUMN = regex.compile(rf"^(?:{_units})(?![\w])")
UNIT_HINT = regex.compile(rf"(?<![\w])(?:{_units})(?![\w])")
AGGREGATES = frozenset(fold(w) for w in VOCABULARY["aggregate_rows"])
# a unit's cell: words in letters ('EXTENSIÓN SANTA CATALINA DEL LLANO', 'Depto. de Programación')
UNIT_CELL = regex.compile(r"^\p{Lu}[\p{L}.]*(?:[ ][\p{L}.,'’-]+)+$")
# the most words a header's line holds when the header stands alone on it (a prose line that
# opens with 'Dependencia' is longer)
HEADER_LINE_WORDS = 6
# a cell that is one figure: '221 386 172.74', '$1,500.00', '59,208,069.10' (a count of things
# in the same table, '7 087', has no cents and sits under a header naming no currency)
FIGURE_CELL = regex.compile(r"^\$?\s?\d{1,3}(?:[ ,]\d{3})*(?:\.\d{1,2})?$")


@dataclass(frozen=True)
class ColumnSum:
    numero: float
    moneda: str
    printed: str
    bbox: BBox | None
    confidence: float | None


def header_to_currency(name: str) -> tuple[str, float] | None:
    """('MXN', 1.0) for 'PRESUPUESTO APROBADO (PESOS)', ('MXN', 1000.0) for 'Monto (miles de
    pesos)'; None when the header names no currency."""
    m = HEADER_CURRENCY.search(name)
    if m is None:
        return None
    code = CURRENCY.get(m["cur"], CURRENCY.get(m["cur"].lower()))
    if code is None:
        return None
    return code, SCALES.get(fold(m["scale"]), 1.0) if m["scale"] else 1.0


def page_to_header_tables(page: Page, text: str) -> list[Table]:
    """The page's tables, read only when a header on it could name a currency or a unit column
    (``text``: the page's text; reading tables is the costly part)."""
    if PAGE_HINT.search(text) or any(
        _header_place(text, m.start()) for m in UNIT_HINT.finditer(fold_keep_offsets(text))
    ):
        return page_to_tables(page)
    return []


def _header_place(text: str, pos: int) -> bool:
    """Whether a unit column's header word stands where a header does: on a line with other
    cells, or opening its line ('UNIDAD ACADÉMICA' stacked over '/ ESPECIALIDAD'), not in prose."""
    line = line_around(text, pos)
    alone = not text[text.rfind("\n", 0, pos) + 1 : pos].strip() and len(line.split()) <= HEADER_LINE_WORDS
    return "\t" in line or alone


def tables_to_sums(tables: list[Table]) -> list[ColumnSum]:
    """The figures under every money column of the tables."""
    out = []
    for table in tables:
        money = {i: c for i, c in ((i, header_to_currency(n)) for i, n in enumerate(table.columns)) if c}
        for row in table.rows:
            for i, (code, scale) in money.items():
                if i >= len(row.cells):
                    continue
                cell = row.cells[i]
                printed = " ".join(cell.text.split())
                if not FIGURE_CELL.match(printed):
                    continue
                read = parse_number(printed.lstrip("$ ").replace(" ", ","), MX)
                if read.status not in (Status.CLEAN, Status.REPAIRED) or read.value is None:
                    continue
                out.append(ColumnSum(read.value * scale, code, printed, cell.bbox, cell.confidence))
    return out


@dataclass(frozen=True)
class ColumnUnit:
    printed: str
    bbox: BBox | None
    confidence: float | None


def tables_to_units(tables: list[Table]) -> list[ColumnUnit]:
    """The cells of every unit column: names of two words or more, in letters, not a subtotal's
    row ('ZONA I SANTA ROSALÍA')."""
    out = []
    for table in tables:
        columns = [i for i, name in enumerate(table.columns) if UNIT_COLUMN.match(fold(name))]
        for row in table.rows:
            for i in columns:
                printed = " ".join(row.cells[i].text.split()) if i < len(row.cells) else ""
                words = printed.split()
                if len(words) < 2 or not UNIT_CELL.match(printed) or fold(words[0]) in AGGREGATES:
                    continue
                out.append(ColumnUnit(printed, row.cells[i].bbox, row.cells[i].confidence))
    return out
