"""State PbR "Resultado de los Indicadores Estratégicos y de Gestión": one row per indicator,
keyed by a clave ``C1851`` (componente) or ``C1851.A1930`` (actividad) whose prefix is the
nivel, with the quarter's meta programada and resultado alcanzado each as Variable 1,
Variable 2 and their percentage, and the accumulated result.

Mapping onto the contract (as the hand-read golden of camp_itse_pbr_indicadores_2025t1 does):
programado_t<T> = the meta's percentage, alcanzado_t<T> = the result's; no meta anual and no
avance column. The seven numbers are taken in print order and the two percentages are checked
against their variables (``meta_variables``, ``resultado_variables``), so a misplaced or
misread number shows as a conflict on the fields it touches.
"""

from __future__ import annotations

import logging
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold
from papeleo.text.numbers import NumberReading

from ..record import DECIMALS_SUFFIX, add_flags, row_decimal_alternatives
from .rows import (
    FRow,
    Item,
    add_correction,
    base_record,
    blocks,
    cell_to_runs,
    copy_to_contract_field,
    note_repairs,
    read_cell,
    row_streams,
    value,
)
from .short_rows import placed_around_one_lost

log = logging.getLogger(__name__)

# 'C1851.A1930', 'C1924' at the start of a row; OCR reads C as 'c' or '(', a 1 as 'I' or 'l'
# ('CI987') and drops the point ('C1851A1930') — the point is re-inserted when the A part is
# there, and each part keeps three digits at least. After the point, an A read as '4' ('C1914
# .41940', dev MIR scan block 6442: the activity read under its component's clave, unflagged)
# is an A when four digits follow it, never without the point
CLAVE = regex.compile(
    r"^\s*[C(c]\s?(?P<c>(?=(?:[Il]?\d){3})[\dIl]{4})"
    r"(?:\s?(?:[.,]\s?(?P<four>4)(?=[\dIl]{4}\b)|[.,]?\s?A)\s?(?P<a>(?=(?:[Il]?\d){3})[\dIl]{4}))?\b"
)
# the letters OCR reads for a 1 in a clave's digits
ONE_LOOKALIKES = str.maketrans("Il", "11")
# the title that names the format: 'Resultado de los Indicadores Estratégicos y de Gestión'
TITLE = regex.compile(r"(?:resultado de los indicadores estrategicos){e<=3}", regex.I)
# 'Entidad: Instituto Tecnológico Superior de Escárcega' (the programme's data block)
ENTIDAD = regex.compile(r"(?:^|\n)\s*(?:entidad){e<=1}\s*:\s*(?P<n>[^\n]+)", regex.I)
# 'ESTRATEGICO/Eficiencia/Trimes tral' (frequency printed cut over two lines)
TDF = regex.compile(r"^(?P<t>[A-ZÁÉÍÓÚ]{5,})\s*/\s*(?P<d>[^/]+?)\s*/\s*(?P<f>.+)$")
# '1853 Porcentaje de acciones ...': the indicator's number leads its name
NUMBERED_NAME = regex.compile(r"^(?P<n>\d{3,4})\s+(?P<name>\D.*)$")
# '433 Por ciento', '512 Tasa': the unit's code leads its name
UNIT = regex.compile(r"^(?P<c>(?=\D*\d)[\dOoSsIl]{2,4})\s+(?P<u>\D.*)$")
# a Tip/Dim/Fre cell's first token: 'ESTRATEGICO/Eficiencia/Trimes', 'GE5TION/Eficacia/Anu'
TDF_START = regex.compile(r"^[A-ZÁÉÍÓÚ0-9]{4,}/")
# the rest of a frequency cut over two lines in the cell: 'tral', 'al'
FREQ_REST = regex.compile(r"^[a-záéíóú]{1,6}$")
# a code leading a cell ('0847' before the indicator's name, '512' before the unit; OCR may
# read a digit as a letter: 's12')
LEADING_CODE = regex.compile(r"^(?=\D*\d)[\dOoSsIl]{2,4}$")
# a row prints its meta and result as six numbers in a run; a shorter run is a code or a count
MIN_VALUE_RUN = 3
FRECUENCIAS = ("mensual", "bimestral", "trimestral", "cuatrimestral", "semestral", "anual")
NUMBER_NAMES = (
    "meta_programada_v1",
    "meta_programada_v2",
    "meta_programada_pct",
    "resultado_v1",
    "resultado_v2",
    "resultado_pct",
    "resultado_acumulado",
)
# a percentage agrees with its variables within this much beyond its own rounding: the
# report prints two decimals and either rounds or truncates; more slack would let a misread
# last digit pass
PCT_SLACK = Decimal("0.005")
# OCR errors a frequency word may carry and still be read ('Trimestrai'); 'trimestral' and
# 'semestral' are 3 edits apart, so 2 cannot confuse them (ties go to the fewest errors)
FREQ_ERRORS = 2
# confidence of a row whose checks hold, of one with no check possible, of one in conflict
CONF_OK, CONF_UNCHECKED, CONF_CONFLICT = 0.95, 0.7, 0.4


def is_pbr(text: str) -> bool:
    return TITLE.search(fold(text[:4000])) is not None


def pct_matches(pct: float | None, v1: float | None, v2: float | None) -> bool | None:
    """Whether a printed percentage is v1/v2·100 rounded or truncated to two decimals; None
    when a value is missing, and when the percentage is 0.00 over a v1 or a v2 of 0: the report
    prints 0.00 for a division by zero, and 0 of anything is 0%, so the check then says nothing
    of the other variable, and zeros are what a reading that shifted the row's cells moves
    ('41 0 0.00' from '41 177 23.16', report block 6730-6759 OCR'd text, held with every value
    wrong). A percentage other than 0 over a v2 of 0 is a conflict."""
    if pct is None or v1 is None or v2 is None:
        return None
    if v2 == 0:
        return None if pct == 0 else False
    if v1 == 0 and pct == 0:
        # 0 of anything is 0%: it holds whatever v2 is, and zeros are the cells a shifted
        # reading most often puts in the wrong place ('0.00 3.00 0.00' for '3.00 303.00 0.99',
        # '0.00 0.00 0.00' for '12.00 270.00 4.44': report block 6730-6759 OCR'd text)
        return None
    exact = Decimal(str(v1)) / Decimal(str(v2)) * 100
    p = Decimal(str(pct))
    cents = Decimal("0.01")
    return any(abs(exact.quantize(cents, r) - p) <= PCT_SLACK for r in (ROUND_HALF_UP, ROUND_DOWN))


def _frecuencia(raw: str) -> str | None:
    word = "".join(raw.split()).lower()
    scored = []
    for f in FRECUENCIAS:
        m = regex.fullmatch(f"(?:{f}){{e<={FREQ_ERRORS}}}", word)
        if m:
            scored.append((sum(m.fuzzy_counts), f))
    return min(scored)[1] if scored else None


def _texts(rec: dict[str, Any], row: FRow, first_text: str) -> None:
    """Text fields by what each cell holds (numbered name, Tip/Dim/Fre, coded unit), the
    objective before the name, the formula between name and Tip/Dim/Fre, the responsible unit
    and the causes after the meta/resultado numbers."""
    before: list[str] = [first_text] if first_text else []
    after: list[str] = []
    seen_numbers, stage = 0, "objetivo"
    for it in row.items[1:]:
        if it.is_number:
            seen_numbers += len(it.numbers)
            continue
        t = it.text
        if seen_numbers >= 6:
            after.append(t)
            continue
        if stage == "objetivo" and (m := NUMBERED_NAME.match(t)):
            rec["indicador_numero"], rec["indicador"] = m.group("n"), m.group("name")
            rec["indicador_impreso"] = t
            stage = "formula"
        elif (m := TDF.match(t)) is not None:
            rec["tipo"], rec["dimension"] = m.group("t"), m.group("d")
            rec["frecuencia"] = _frecuencia(m.group("f"))
            stage = "unidad"
        elif stage == "unidad" and (m := UNIT.match(t)):
            rec["unidad_medida_clave"], rec["unidad_medida"] = m.group("c"), m.group("u")
        elif stage == "objetivo":
            before.append(t)
        elif stage == "formula":
            rec["formula"] = " ".join(x for x in (rec.get("formula"), t) if x)
    rec["resumen_narrativo"] = " ".join(before) or None
    if after:
        rec["unidad_responsable"] = after[0]
        rec["causas_desviacion"] = " ".join(after[1:]) or None


def spaced_row_items(text: str) -> list[Item]:
    """A row OCR'd text printed with one space between cells ('C1941.A1957 Realización de …
    1215 Porcentaje de … (Número de … ) x 100 GESTION/Eficacia/Semes tral 433 Por ciento 0.00
    0.00 0.00 208.00 502.00 41.43 Dirección de Planeación 41.43'), cut into the cells the
    format prints: the run of values (``MIN_VALUE_RUN`` numbers or more) is where the numbers
    are; before it a cell starts at a code leading words (the indicator's number, the unit's
    code), at '(' (the formula, through its 'x 100') and at the Tip/Dim/Fre token; after it,
    words are text and numbers are numbers. The cut is checked where it matters: the six
    values against their percentages (``row_record``)."""
    tokens = text.split()
    numeric = [read_cell(t).is_number for t in tokens]
    start = next(
        (i for i in range(len(tokens)) if all(numeric[i : i + MIN_VALUE_RUN]) and i + MIN_VALUE_RUN <= len(tokens)),
        len(tokens),
    )
    cells: list[list[str]] = []
    in_formula = False
    for i, t in enumerate(tokens[:start]):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < start else ""
        new = not cells
        if t.startswith("("):
            new, in_formula = True, True
        elif TDF_START.match(t):
            new, in_formula = True, False
        elif in_formula:
            new = False
        elif LEADING_CODE.match(t) and nxt and not read_cell(nxt).is_number and prev.lower() != "x":
            new = not (cells and TDF_START.match(cells[-1][0]) and len(cells[-1]) == 1 and FREQ_REST.match(t))
        if in_formula and prev.lower() == "x" and t == "100":
            cells[-1].append(t)
            in_formula = False
            continue
        if new:
            cells.append([t])
        else:
            cells[-1].append(t)
    # from the run of values on, each number is a cell and each run of words one
    return [read_cell(" ".join(c)) for c in cells] + cell_to_runs(" ".join(tokens[start:]))


def _with_spaced_cells(row: FRow) -> FRow:
    """A row of OCR'd text whose gutters gave no cell of its numbers (one space between its
    cells; a '|' read inside a word cut it elsewhere) cut into cells by ``spaced_row_items``,
    when that cut gives the row the numbers the format prints."""
    if row.source != "lineas_texto" or row.numbers():
        return row
    items = spaced_row_items(row.text)
    if sum(len(i.numbers) for i in items) != len(NUMBER_NAMES):
        return row
    return FRow(items, row.page, row.bbox, row.source)


# each check of a row: the positions of its two variables and their percentage, and the
# contract's field that percentage is copied to for the reported quarter
CHECKS = (("meta_variables", (0, 1, 2), "programado"), ("resultado_variables", (3, 4, 5), "alcanzado"))


# the note of a row whose values read as printed and with a lost decimal point put back make
# its checks hold alike
POINT_DOUBT_NOTE = "valores sin los decimales del resto de la fila: con y sin punto decimal cuadran igual"
ORDER_DOUBT = "_orden_dudoso"
ORDER_NOTE = (
    "los números de la fila, tomados en orden inverso, cuadran en todas sus comprobaciones: el orden leído es dudoso"
)


def _backwards_holds(row: FRow) -> bool:
    """Whether the row's cells taken bottom-up (each cell's numbers in their order) make every
    check of the row hold."""
    vals = _values([n for item in reversed(row.items) for n in item.numbers])
    return len(row.items) > 1 and all(pct_matches(vals[c], vals[a], vals[b]) for _, (a, b, c), _ in CHECKS)


def _outcomes(vals: list[float | None]) -> list[tuple[str, bool]]:
    """Each check the row's values allow, and whether it holds."""
    out = []
    for check, (a, b, c), _ in CHECKS:
        ok = pct_matches(vals[c], vals[a], vals[b])
        if ok is not None:
            out.append((check, ok))
    return out


def _with_points_restored(
    rec: dict[str, Any], nums: list[NumberReading], vals: list[float | None]
) -> tuple[list[float | None], list[str]]:
    """The row's values with the decimal points OCR lost put back, and the fields whose point
    may be lost. A PbR row prints every value with two decimals; OCR'd text drops a point
    ('20000 200.00 10000' for '200.00 200.00 100.00', report block 456), and when it drops both
    a variable's and its percentage's, the check holds either way. Each set of the values
    printed without the row's decimals is tried with its points put back: when exactly one
    makes every check hold and the values as printed do not, it is taken (``corrected``, with
    the raw token); when the values as printed hold too, or several sets do, nothing tells,
    and those values are flagged ``<field>_decimales_dudosos``."""
    alternatives = row_decimal_alternatives(dict(zip(NUMBER_NAMES, nums)))
    at = [i for i, name in enumerate(NUMBER_NAMES) if name in alternatives]
    fits = []
    for k in range(1, len(at) + 1):
        for chosen in combinations(at, k):
            trial = [alternatives[NUMBER_NAMES[i]] if i in chosen else v for i, v in enumerate(vals)]
            outcomes = _outcomes(trial)
            if outcomes and all(ok for _, ok in outcomes):
                fits.append((chosen, trial))
    if not fits:
        return vals, []
    printed = _outcomes(vals)
    if len(fits) == 1 and not (printed and all(ok for _, ok in printed)):
        chosen, trial = fits[0]
        for i in chosen:
            why = f"'{nums[i].raw.strip()}' sin el punto decimal que imprime el resto de la fila; con él cuadra"
            add_correction(rec, NUMBER_NAMES[i], "corregido", why)
        return trial, []
    return vals, sorted({NUMBER_NAMES[i] for chosen, _ in fits for i in chosen}, key=NUMBER_NAMES.index)


def _values(nums: list[NumberReading]) -> list[float | None]:
    return [value(n) for n in nums]


def row_record(row: FRow, meta: dict[str, Any]) -> dict[str, Any] | None:
    m = CLAVE.match(row.items[0].text)
    if not m:
        return None
    c, a = m.group("c").translate(ONE_LOOKALIKES), (m.group("a") or "").translate(ONE_LOOKALIKES)
    clave = f"C{c}" + (f".A{a}" if a else "")
    rec = base_record(meta, row, CONF_UNCHECKED)
    rec.update(clave=clave, nivel="actividad" if m.group("a") else "componente", siglas=None)
    rec.update(meta_anual=None, avance_pct=None, comentario=None)
    if (m.group("c") + (m.group("a") or "")) != c + a or m.group("four"):
        add_correction(rec, "clave", "corregido", f"'{m.group(0).strip()}' leído como {clave} (letras por dígitos)")
    _texts(rec, row, row.items[0].text[m.end() :].strip())
    nums = row.numbers()
    T = meta.get("trimestre")
    if len(nums) != len(NUMBER_NAMES):
        rec["checks"].append("numeros_fila=conflict")
        rec["comentario_extraccion"] = (
            f"la fila tiene {len(nums)} números donde el formato imprime {len(NUMBER_NAMES)}; no se asignan"
        )
        rec["confidence"] = CONF_CONFLICT
        _place_around_one_lost(rec, nums, T)
        return rec
    vals = _values(nums)
    note_repairs(list(NUMBER_NAMES), list(nums), rec)
    vals, doubted = _with_points_restored(rec, nums, vals)
    rec.update(zip(NUMBER_NAMES, vals))
    held = _outcomes(vals)
    outcomes = [ok for _, ok in held]
    rec["checks"] += [f"{check}={'ok' if ok else 'conflict'}" for check, ok in held]
    if T in (1, 2, 3, 4):
        for _, (_, _, c), copy in CHECKS:
            copy_to_contract_field(rec, f"{copy}_t{T}", NUMBER_NAMES[c])
            if NUMBER_NAMES[c] in doubted:
                doubted.append(f"{copy}_t{T}")
    if doubted:
        add_flags(rec, [f"{f}{DECIMALS_SUFFIX}=conflict" for f in doubted], POINT_DOUBT_NOTE)
    if not all(outcomes) and _backwards_holds(row):
        # the row's cells read in reverse make every check hold: tesseract's text of a scan
        # writes a table's cells apart, one or two a line, and bottom-up as often; a check
        # that holds as read holds by chance ('104.62' / '113.33' / '204.00 180.00' / '100.00' /
        # '180.00' / '180.00': 180/100, report block 6730-6759 OCR'd text). Which order is the
        # printed one the row cannot say (taken backwards, rows of other reports went wrong):
        # every value is doubted
        names = [f for f in (*NUMBER_NAMES, *(f"{copy}_t{T}" for *_, copy in CHECKS)) if rec.get(f) is not None]
        add_flags(rec, [f"{f}{ORDER_DOUBT}=conflict" for f in names], ORDER_NOTE)
    if T not in (1, 2, 3, 4):
        add_correction(rec, "trimestre", "imputado", "el documento no dice su trimestre: los % no se asignan")
    if outcomes:
        rec["confidence"] = CONF_OK if all(outcomes) else CONF_CONFLICT
    return rec


def _place_around_one_lost(rec: dict[str, Any], nums: list[NumberReading], T: int | None) -> None:
    """A row one number short: the numbers its checks place wherever the lost one was
    (short_rows.py), each still flagged by the row's ``numeros_fila`` conflict, which names them all."""
    placed = placed_around_one_lost(nums, len(NUMBER_NAMES), _all_checks_hold)
    if placed is None:
        return
    vals = [value(n) if n is not None else None for n in placed]
    rec.update(zip(NUMBER_NAMES, vals))
    held = _outcomes(vals)
    rec["checks"] += [f"{check}={'ok' if ok else 'conflict'}" for check, ok in held]
    for check, (_, _, c), copy in CHECKS:
        if T in (1, 2, 3, 4) and f"{check}=ok" in rec["checks"]:
            copy_to_contract_field(rec, f"{copy}_t{T}", NUMBER_NAMES[c])
    put = ", ".join(f"{name} {n.raw.strip()!r}" for name, n in zip(NUMBER_NAMES, placed) if n is not None)
    rec["comentario_extraccion"] = rec["comentario_extraccion"].replace(
        "no se asignan", f"el resto se asigna donde sus comprobaciones cuadran sea cual sea el perdido: {put}"
    )
    note_repairs(list(NUMBER_NAMES), list(placed), rec)


def _all_checks_hold(nums: list[NumberReading | None]) -> bool:
    outcomes = _outcomes([value(n) if n is not None else None for n in nums])
    return bool(outcomes) and all(ok for _, ok in outcomes)


def read(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """One reading per way of cutting rows, for a document that names the PbR results table."""
    if not is_pbr(doc.text):
        return []
    m = ENTIDAD.search(doc.text)
    if m:
        meta = {**meta, "ente": " ".join(m.group("n").split()).strip(" .;:")}
    out = []
    for name, rows in row_streams(doc):
        rows = [_with_spaced_cells(r) for r in rows]
        rows = blocks(rows, lambda r: CLAVE.match(r.items[0].text) is not None, len(NUMBER_NAMES), whole=True)
        records = [r for row in rows if (r := row_record(row, meta)) is not None]
        log.debug("pbr %s: %d rows", name, len(records))
        out.append((f"pbr_{name}", records))
    return out


# the values each check of a PbR row compares, with the contract's copy of its percentage
CHECK_VALUES = {name: (*(NUMBER_NAMES[p] for p in at), f"{copy}_t{{T}}") for name, at, copy in CHECKS}
# the checks' outcome for a value no check that holds covers, on a reading by OCR
UNBACKED = "_sin_respaldo"


def flag_unbacked_values(records: list[dict[str, Any]]) -> None:
    """On a reading by OCR, each value of a row that no check covers (one that holds, or one in
    conflict, which names it already) and no repair names is flagged
    ``<field>_sin_respaldo=conflict``: a row whose cells OCR shifted can still hold one check on
    values that are all wrong, or none (report block 6730-6759 OCR'd text: the result's % read
    as 0 under a meta that failed, unflagged)."""
    for r in records:
        T = r.get("trimestre")
        named = {
            f.replace("{T}", str(T))
            for name, _, outcome in (str(c).partition("=") for c in r.get("checks") or [])
            if outcome in ("ok", "conflict")
            for f in CHECK_VALUES.get(name, ())
        }
        corrected = {str(c).partition(":")[0] for c in r.get("corrected") or []}
        values = [*NUMBER_NAMES, *(f"{copy}_t{T}" for *_, copy in CHECKS if T in (1, 2, 3, 4))]
        doubted = [f for f in values if r.get(f) is not None and f not in named | corrected]
        if doubted:
            note = f"leídos por OCR, ninguna comprobación cubre estos valores: {', '.join(doubted)}"
            add_flags(r, [f"{f}{UNBACKED}=conflict" for f in doubted], note)
