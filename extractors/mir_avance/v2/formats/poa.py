"""POA goal progress per operating unit ("AVANCE DE METAS POR UNIDAD Y ZONA", "ANÁLISIS MENSUAL DE
CUMPLIMIENTO DE METAS POR ZONA"): one row per unit — posición, unit, annual target, then
programado / realizado / diferencia / % for the goal and for its beneficiaries, hours — with a
ZONA subtotal row after each zone's units and a TOTAL(ES) row.

Key: the format prints no indicator code. Its rows are measured per operating unit, so a row is
keyed by ``unidad`` as printed (the schema's third key, beside clave and siglas). The posición
is a print order (subtotals and totals have none), and a zone is a group of units, so neither
is made into a clave. Checks: diferencia = realizado − programado, % = realizado / programado
rounded to a whole percent, each ZONA row = the sum of its units and TOTAL = the sum of all
units (``subtotal_zona``, ``total``); the export is known to print a wrong % or total, which
stays as printed and is flagged.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold
from papeleo.text.numbers import NumberReading

from ..align import DOUBTFUL_SUFFIX
from ..record import add_flags
from .rows import FRow, Item, add_correction, base_record, cell_without_specks, note_repairs, row_streams, value

log = logging.getLogger(__name__)

# 'PROGRAMA ANUAL OPERATIVO 2018', 'AVANCE DE METAS POR UNIDAD Y ZONA'
TITLE = regex.compile(r"(?:programa anual operativo|metas por unidad|cumplimiento de metas por zona){e<=2}", regex.I)
# 'PERIODO: Ene-Jun 2018' (cumulative from January: the quarter is the end month's)
PERIODO = regex.compile(r"periodo\s*:?\s*ene\w*\s*[-–]\s*(?P<m>[a-z]{3})", regex.I)
MESES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
# 'ANUAL (CURSOS)': the goal's unit names the programado/realizado columns
MEDIDA = regex.compile(r"anual\s*\((?P<m>[^)]{3,30})\)", regex.I)
# 'ZONA III SAN LORENZO', 'TOTALES'
ZONA = regex.compile(r"^(?:zona){e<=1}\b", regex.I)
TOTAL = regex.compile(r"^(?:totales?){e<=1}$", regex.I)
# a zone's roman numeral with OCR's look-alikes of I ('ZONA lll TENEXTEPANGO', 'ZONA Il CUAUTLA')
ZONE_NUMERAL = regex.compile(r"^(?P<zona>\S+\s+)(?P<n>[IVXl1|]+)\b")
# a roman numeral as printed (I to XXXIX): what the look-alikes must make to be repaired
ROMAN = regex.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
NUMBERS = (
    "meta_anual",
    "programado",
    "alcanzado",
    "diferencia",
    "avance_pct",
    "beneficiarios_programado",
    "beneficiarios_alcanzado",
    "beneficiarios_diferencia",
    "beneficiarios_avance_pct",
    "total_horas_impartidas",
)
COUNTS = (
    "meta_anual",
    "programado",
    "alcanzado",
    "beneficiarios_programado",
    "beneficiarios_alcanzado",
    "total_horas_impartidas",
)
CONF_OK, CONF_UNCHECKED, CONF_CONFLICT = 0.95, 0.7, 0.4
# the numbers no check of a unit's row compares (row_checks): beside a lost cell, one of them
# may hold it, and nothing in the row would say so
UNCHECKED_BY_ROW = frozenset({"meta_anual", "total_horas_impartidas"})
# '<count>_suma_de_unidades=conflict': a zone's or the total's sum of that count fails, on every
# row it adds (tests/scoring_flags.py maps it to the count's field)
SUM_SUFFIX = "_suma_de_unidades"
# A unit's name wrapped in its cell comes out, in OCR'd text, as a line of words under the row's
# line ('2 UNIDAD MÓVIL 373 98 63 ...' then 'VILLA ALCANTARA'). A words-only line of at most
# this many words right after a row, on its page, is read as the rest of that row's name; the
# longest generated wraps are 4 words, a repeated head line is 7 or more. Higher would glue a
# short head line ('TOTAL DE HORAS IMPARTIDAS') onto the last unit before a page break; lower
# would leave three- and four-word wraps as rows of their own and their unit under half its name.
MAX_WRAP_WORDS = 5
# a posición is a row's number in the list: below this (a report lists tens of units, never
# a thousand); a larger lone integer before a name is the last value of the row above
MAX_POSITION = 1000
# a first cell this short before the unit's name is the posición garbled by the scan ('mn',
# '4swn', '16 *'), not a name: a unit's name is two words or more. Longer would take a name's
# first word cut off into its own cell for a posición and read the row under half its name
MAX_LOST_POSITION_CHARS = 4


def pct_entero(alc: float, prog: float) -> float:
    if not prog:
        return 0.0
    return float((Decimal(str(alc)) / Decimal(str(prog)) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def trimestre_of(text: str) -> int | None:
    m = PERIODO.search(text)
    if m and fold(m.group("m")) in MESES:
        end = MESES.index(fold(m.group("m"))) + 1
        return end // 3 if end % 3 == 0 else None
    return None


def row_record(row: FRow, meta: dict[str, Any]) -> dict[str, Any] | None:
    """A unit, zone or total row: a name and the ten numbers after it (a leading integer is the
    posición)."""
    items = list(row.items)
    pos, garbled_pos = None, None
    if items and items[0].is_number and len(items[0].numbers) == 1 and len(items) > 1:
        pos = items.pop(0).numbers[0].value
    elif len(items) > 2 and not items[1].is_number and len(items[0].text.strip()) <= MAX_LOST_POSITION_CHARS:
        # a posición cell the scan garbled before the unit's name ('mn', 'XAO', '16 *'): its
        # number when one can be read without the specks, else the posición is lost
        garbled_pos = items.pop(0).text
        read = cell_without_specks(garbled_pos)
        pos = read[0][0].value if read and len(read[0]) == 1 else None
    if not items or items[0].is_number:
        return None
    unidad = " ".join(items[0].text.split())
    nums: list[NumberReading | None] = []
    cleaned: list[tuple[int, int, str, list[str]]] = []  # (first, count, cell, dropped)
    lost: list[int] = []
    for it in items[1:]:
        if it.is_number:
            nums += it.numbers
            continue
        read = cell_without_specks(it.text)
        if read is None:
            return None
        if read[0]:
            cleaned.append((len(nums), len(read[0]), it.text, read[1]))
            nums += read[0]
        else:  # a cell of specks only ('E', 'EAS'): its value was lost where it stands
            lost.append(len(nums))
            nums.append(None)
    if len(lost) > 1 or (lost and len(nums) != len(NUMBERS)):
        return None
    gap = lost[0] if lost else None
    if gap is None and len(nums) == len(NUMBERS) - 1:
        gap = gap_by_arithmetic(nums)
        if gap is None:
            return None
        nums.insert(gap, None)
    if len(nums) != len(NUMBERS):
        return None
    rec = base_record(meta, row, CONF_UNCHECKED)
    rec.update(clave=None, siglas=None, nivel=None, indicador=None, frecuencia=None, comentario=None)
    rec.update(unidad=unidad, posicion=int(pos) if pos is not None else None)
    rec["es_total"] = TOTAL.match(unidad) is not None
    rec["es_subtotal"] = not rec["es_total"] and ZONA.match(unidad) is not None
    if rec["es_subtotal"]:
        repair_zone_numeral(rec)
    if rec["es_total"] or rec["es_subtotal"]:
        rec["posicion"] = None
    vals = [value(n) for n in nums]
    rec.update(zip(NUMBERS, vals))
    note_repairs(list(NUMBERS), list(nums), rec)
    if garbled_pos is not None and rec["posicion"] is not None:
        add_correction(rec, "posicion", "corregido", f"'{garbled_pos}' leído sin sus marcas del escaneo")
    for first, count, cell, dropped in cleaned:
        for name in NUMBERS[first : first + count]:
            add_correction(rec, name, "corregido", f"'{cell}' leído sin {' '.join(dropped)} (marcas del escaneo)")
    if gap is not None:
        fill_gap(rec, NUMBERS[gap])
        doubt_gap_neighbours(rec, gap)
    rec["checks"] += [f"{name}={'ok' if ok else 'conflict'}" for name, ok in row_checks(rec)]
    return rec


def repair_zone_numeral(rec: dict[str, Any]) -> None:
    """A zone's numeral with 'l', '1' or '|' read for 'I' ('ZONA lll' -> 'ZONA III'), repaired
    when the numeral has a letter and the result is a roman numeral; the name is the row's key,
    so the repair is listed."""
    m = ZONE_NUMERAL.match(rec["unidad"])
    if not m or not regex.search(r"[IVXl]", m.group("n")):
        return  # 'ZONA 1', 'ZONA 11': arabic numerals as printed, or nothing says otherwise
    fixed = regex.sub(r"[l1|]", "I", m.group("n"))
    if fixed != m.group("n") and ROMAN.fullmatch(fixed):
        was = rec["unidad"]
        rec["unidad"] = f"{m.group('zona')}{fixed}{was[m.end() :]}"
        add_correction(rec, "unidad", "corregido", f"'{m.group('n')}' del numeral de la zona leído como '{fixed}'")


def repair_positions(records: list[dict[str, Any]]) -> None:
    """A unit's posición that breaks the print order its two neighbours agree on (7, '0', 9:
    an 8 OCR misread) is the number between them, listed in ``corrected``. The neighbours are
    the evidence: at a zone whose numbering starts again, or beside another misread posición,
    nothing is changed."""
    units = [r for r in records if not (r["es_subtotal"] or r["es_total"])]
    for before, rec, after in zip(units, units[1:], units[2:]):
        p, q = before["posicion"], after["posicion"]
        if p is None or q is None or q != p + 2 or rec["posicion"] == p + 1:
            continue
        read = rec["posicion"]
        rec["posicion"] = p + 1
        kind = "imputado" if read is None else "corregido"
        add_correction(rec, "posicion", kind, f"'{read}' entre las posiciones {p} y {q}")


def row_checks(vals: dict[str, Any]) -> list[tuple[str, bool]]:
    """(check, holds) for every check the row's values allow: diferencia = realizado −
    programado, and % = realizado / programado to a whole percent, for the goal and for its
    beneficiaries."""
    out = []
    for pre in ("", "beneficiarios_"):
        p, a, d, pc = (vals.get(f"{pre}{k}") for k in ("programado", "alcanzado", "diferencia", "avance_pct"))
        if None not in (p, a, d):
            out.append((f"{pre}diferencia", a - p == d))
        if None not in (p, a, pc):
            out.append((f"{pre}cumplimiento_calculado", pct_entero(a, p) == pc))
    return out


def cell_lines_to_rows(lines: list[FRow]) -> list[FRow]:
    """OCR'd text that printed the table one cell per line ('1', 'UNIDAD ACADÉMICA SAN
    CRISTÓBAL', '259', '180', …; dev MIR OCR'd text 179, no row read) -> the rows: a row opens at
    a name after a number (or after its posición, a lone integer right before the name once the
    row above holds its ten numbers), its name's wrapped lines join it, and the numbers after it
    are its own. The arithmetic of the rows read so, against the other streams', decides."""
    out: list[FRow] = []
    named = False  # the row being built has its name and no value yet
    for k, r in enumerate(lines):
        text = not all(it.is_number for it in r.items)
        before_name = k + 1 < len(lines) and not all(it.is_number for it in lines[k + 1].items)
        values = len(out[-1].numbers()) - _leading_position(out[-1]) if out else 0
        full = values == 0 or values >= len(NUMBERS)  # the row above is done, or holds only words
        if text and named and r.page == out[-1].page:
            out[-1].items[-1] = Item(f"{out[-1].items[-1].text} {r.text}")  # the name's wrapped line
        elif text:
            opens_with_position = bool(out) and _leading_position(out[-1]) and len(out[-1].items) == 1
            if opens_with_position:
                out[-1].items += r.items
            else:
                out.append(FRow(list(r.items), r.page, None, r.source))
            named = True
        elif before_name and full and len(r.items) == 1 and _is_position(r.items[0]):
            out.append(FRow(list(r.items), r.page, None, r.source))
            named = False
        elif out:
            out[-1].items += r.items
            named = False
    return out


def _is_position(item: Item) -> bool:
    n = item.numbers[0] if len(item.numbers) == 1 else None
    return n is not None and n.value is not None and n.value == int(n.value) and 0 < n.value < MAX_POSITION


def _leading_position(row: FRow) -> int:
    """1 when the row starts with its posición (a lone integer before its name), else 0."""
    return int(bool(row.items) and row.items[0].is_number and _is_position(row.items[0]))


def rows_to_records(rows: list[FRow], meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Each row that reads as a unit, zone or total, with the wrapped rest of its name."""
    records: list[dict[str, Any]] = []
    last: tuple[dict[str, Any], FRow] | None = None
    for row in rows:
        rec = row_record(row, meta)
        if rec is not None:
            records.append(rec)
            last = (rec, row)
        elif last is not None and is_wrap(row, last[1]):
            last[0]["unidad"] = f"{last[0]['unidad']} {' '.join(row.text.split())}"
        else:
            last = None
    return records


def is_wrap(row: FRow, above: FRow) -> bool:
    """A words-only line of plain text on the same page as the row above it, short enough to be
    its name's rest. Only plain text: on a page with word boxes a name wrapped in a cell is
    printed above and below the row's line (the cell is centred), and the table layer's cells
    hold it whole."""
    return (
        row.source == "lineas_texto"
        and row.page == above.page
        and all(not it.is_number for it in row.items)
        and len(row.text.split()) <= MAX_WRAP_WORDS
    )


def gap_by_arithmetic(nums: list[NumberReading | None]) -> int | None:
    """Where the one number a row lost (a cell OCR dropped) was, when the row's arithmetic says:
    the single position at which the other nine, placed around the gap (the lost value derived
    from them where the arithmetic fixes it), pass every check that can be made. A position
    no check reaches (the annual target, the hours) fits whenever its neighbour's does, so a
    gap there is ambiguous and leaves the row unread: shifting nine numbers on a guess would put
    most of them under the wrong column."""
    fits = []
    for gap in range(len(NUMBERS)):
        placed = [*nums[:gap], None, *nums[gap:]]
        vals = dict(zip(NUMBERS, (value(n) for n in placed)))
        derived = _derived(vals, NUMBERS[gap])
        if derived is not None:
            vals[NUMBERS[gap]] = derived
        if all(ok for _, ok in row_checks(vals)):  # passes every check made, or none was
            fits.append(gap)
    return fits[0] if len(fits) == 1 else None


def _derived(vals: dict[str, float | None], name: str) -> float | None:
    """The value of field ``name`` that the row's other values fix (diferencia = realizado −
    programado; a percentage from the two it divides), or None when none does."""
    pre = "beneficiarios_" if name.startswith("beneficiarios_") else ""
    k = name[len(pre) :]
    p, a, d = (vals.get(f"{pre}{x}") for x in ("programado", "alcanzado", "diferencia"))
    if k == "diferencia" and None not in (p, a):
        return a - p
    if k == "avance_pct" and None not in (p, a):
        return pct_entero(a, p)
    if k == "programado" and None not in (a, d):
        return a - d
    if k == "alcanzado" and None not in (p, d):
        return p + d
    return None


def fill_gap(rec: dict[str, Any], name: str) -> None:
    """The lost cell's value from the row's arithmetic, flagged as imputed with its reason
    (left empty when no check fixes it)."""
    vals = {k: rec.get(k) for k in NUMBERS}
    rec[name] = _derived(vals, name)
    if rec[name] is None:
        add_flags(rec, [], f"{name}: the row printed one number too few; the row's arithmetic places the gap here")
        return
    add_correction(
        rec, name, "imputado", "the row printed one number too few; this cell was placed by the row's arithmetic"
    )


def doubt_gap_neighbours(rec: dict[str, Any], gap: int) -> None:
    """A value beside the lost cell that no check of the row compares is doubted: the lost cell
    may have been read into it ('411 289', the annual target and the programado, read as one
    number 411289 with the programado then derived, dev MIR OCR'd text 125, unflagged)."""
    for k in (gap - 1, gap + 1):
        name = NUMBERS[k] if 0 <= k < len(NUMBERS) else None
        if name in UNCHECKED_BY_ROW and rec.get(name) is not None:
            note = f"{name}: junto a la celda perdida, que puede haberse leído dentro de este valor"
            add_flags(rec, [f"{name}{DOUBTFUL_SUFFIX}=conflict"], note)


def sum_holds(subtotal: dict[str, Any], members: list[dict[str, Any]], count: str) -> bool | None:
    """Whether a zone's or the total's ``count`` is the sum of its units' (None: a value is missing)."""
    values = [subtotal[count], *(m[count] for m in members)]
    if any(v is None for v in values):
        return None
    return sum(m[count] for m in members) == subtotal[count]


def check_sums(records: list[dict[str, Any]]) -> None:
    """Each ZONA row against the units since the previous zone, TOTAL against all units."""
    group: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for r in records:
        if r["es_subtotal"] or r["es_total"]:
            members = group if r["es_subtotal"] else units
            if members:
                sums = {k: sum_holds(r, members, k) for k in COUNTS}
                ok = all(sums.values())  # a missing value fails it too
                r["checks"].append(f"{'subtotal_zona' if r['es_subtotal'] else 'total'}={'ok' if ok else 'conflict'}")
                # a count whose sum fails, on the subtotal and on each unit it adds: the sum does
                # not say which of them was misread (a unit's '4801' for 480, dev scan seed 15)
                for k in (k for k, holds in sums.items() if holds is False):
                    for rec in (r, *members):  # a unit is in its zone's sum and in the total's
                        if f"{k}{SUM_SUFFIX}=conflict" not in rec["checks"]:
                            rec["checks"].append(f"{k}{SUM_SUFFIX}=conflict")
            group = []
        else:
            group.append(r)
            units.append(r)
    for r in records:
        outcomes = {c.rpartition("=")[2] for c in r["checks"]}
        r["confidence"] = CONF_CONFLICT if "conflict" in outcomes else CONF_OK if outcomes else CONF_UNCHECKED


def read(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    head = fold(doc.text[:4000])
    if not TITLE.search(head):
        return []
    meta = {**meta, "trimestre": trimestre_of(doc.text[:4000]) or meta.get("trimestre")}
    m = MEDIDA.search(doc.text)
    medida = fold(m.group("m")) if m else None
    out = []
    streams = row_streams(doc, runs=True)
    lines = dict(streams)["lineas"]
    for name, rows in [*streams, ("celdas", cell_lines_to_rows(lines))]:
        records = rows_to_records(rows, meta)
        repair_positions(records)
        for r in records:
            r["unidad_medida"] = medida
        check_sums(records)
        log.debug("poa %s: %d rows", name, len(records))
        out.append((f"poa_{name}", records))
    return out
