"""v1's line-stream reading of OCR'd text, as one more reading that competes with v2's own.

Scattered real OCR (a wide table whose cells land in any order, commentaries interleaved with
the rows) defeats a reading against the head: no line starts a row, no run of numbers follows
the head's sequence. v1 reads such text from anchors (level word, code, acronym) clustered by
proximity and lets its solver place the numbers; it is kept here unchanged, and its records
compete with v2's readings by the document's arithmetic.

v1's own checks cannot be its score as they stand: they pass for values the checks themselves
supplied (a programado imputed from the commentary's 'N de M' then 'confirmed' by it), and
for values tied to a code v1 re-derived from the depth of the hierarchy instead of the one
printed (a row shifted by one under a renumbered code still sums right). So this reading
counts a row as backed only where the evidence is independent of the reading
(``backed_rows``): a check holds among fields none of which was corrected or imputed, and the
row's code is the one printed (digits as printed, or no code at all but an acronym).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import regex

from papeleo.model import Document
from papeleo.tables.words import page_to_visual_lines

from ..commentary import align
from ..grid import segment_geometry
from ..hierarchy import component_checks, repair_codes
from ..meta import document_meta as v1_meta
from ..meta import quarter_from_rows
from ..record import is_indicator, to_record
from ..solve import drop_unproven, solve_row
from ..stream import segment
from .record import add_flags
from .table import UNPLACED_CHECK

log = logging.getLogger(__name__)

NUMERIC = (
    "meta_anual",
    *(f"programado_t{q}" for q in range(1, 5)),
    *(f"alcanzado_t{q}" for q in range(1, 5)),
    "avance_pct",
)

# the fields each of v1's (and v2's) checks compares ('{T}': the reported quarter): a check whose fields
# include one the reading corrected or imputed compares a value with itself
V1_CHECK_FIELDS = {
    "suma_programado": ("meta_anual", "programado_t1", "programado_t2", "programado_t3", "programado_t4"),
    "avance_comentario": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
    "meta_anual_comentario": ("meta_anual", "alcanzado_t{T}"),
    "componente_suma_actividades": ("meta_anual", "programado_t{T}", "alcanzado_t{T}"),
    # v2's own (extractors/mir_avance/v2/solve.py)
    "avance_calculado": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
    # the relative formats' (extractors/mir_avance/v2/formats/): without them a format's rows
    # could only count against its reading (a conflict), never for it, and a POA reading of
    # 5 rows whose arithmetic held lost to a municipal reading of 2 unchecked ones
    "meta_variables": ("meta_programada_v1", "meta_programada_v2", "meta_programada_pct"),
    "resultado_variables": ("resultado_v1", "resultado_v2", "resultado_pct"),
    "cumplimiento_calculado": ("cumplimiento_pct", "alcanzado_periodo", "modificado_anual", "avance_pct")
    + ("programado", "alcanzado"),
    "diferencia": ("diferencia", "programado", "alcanzado"),
    "beneficiarios_cumplimiento_calculado": ("beneficiarios_avance_pct", "beneficiarios_programado")
    + ("beneficiarios_alcanzado",),
    "beneficiarios_diferencia": ("beneficiarios_diferencia", "beneficiarios_programado", "beneficiarios_alcanzado"),
}
# checks across rows: they hold for whichever column every row's value was taken from
COLUMN_BLIND_CHECKS = frozenset({"componente_suma_actividades"})
# a printed code in v1's note: "clave 1.4.1.1.3.3: impresa '141133'"
PRINTED_CODE = regex.compile(r"clave [\d.]+: impresa '(?P<raw>[^']*)'")
# v1's note for a cell its solver could not place because the row printed fewer cells than
# columns: "programado_t1: celda '93051' sin lugar determinado (la fila tiene celdas faltantes …)"
UNPLACED = regex.compile(r"sin lugar determinado")
# the check this reading adds for each value no independent check covers, or of a row whose
# code is not the printed one: '<field>_sin_respaldo=conflict' (the stream places cells by
# proximity; only the arithmetic says a value is in its column)
UNBACKED_SUFFIX = "_sin_respaldo"
# v2's solver's note for a value it chose by the checks: "programado_t3: 34 no cuadra con
# suma_programado; se toma 84 (suma de los programados trimestrales)"
SOLVER_CHOSE = regex.compile(r"(?:^|; )(\w+): [^;]*? no cuadra con [^;]*?; se toma")
# a well-formed code: digits in groups of one to three joined by single dots ('3.1.6.4.1.1');
# OCR damage ('14.4.44', '.1.8.2', '1.4.1,1.7.1') is not one
WELL_FORMED_CODE = regex.compile(r"^\d{1,3}(?:\.\d{1,3})+$")


def stream_records(doc: Document, quarter: int | None = None) -> list[dict[str, Any]]:
    """v1's pipeline (extractors/mir_avance/__init__.py) as it runs: geometry or line stream,
    commentary alignment, solver, code repair, component sums, unproven values dropped. The
    quarter is the one the document states (v2's ``meta``) when it states one: v1 votes over
    every 'N trim.' in the text, and a head's '4to Trim.' labels outvote 'Avance al 30 de junio'."""
    meta = v1_meta(doc.text)
    if quarter is not None:
        meta["trimestre"] = quarter
    doc = _in_visual_lines(doc)
    got = segment_geometry(doc, meta["ejercicio"])
    rows, comments = got if got is not None else (None, [])
    if rows is None:
        rows, comments = segment(doc, meta["ejercicio"])
    T = meta["trimestre"] or quarter_from_rows(rows)
    placed = align(list(comments), list(rows)) if comments else {}
    solved = [solve_row(row, T, row.comments or placed.get(i, [])) for i, row in enumerate(rows)]
    repair_codes(solved)
    component_checks(solved)
    drop_unproven(solved)
    records = [to_record(s, meta, T) for s in solved if is_indicator(s)]
    for r in records:
        if UNPLACED.search(r.get("comentario_extraccion") or ""):
            r["checks"] = [*r.get("checks", []), f"{UNPLACED_CHECK}=conflict"]
        backed = backed_fields(r) if code_as_printed(r) else set()
        unbacked = [f for f in NUMERIC if r.get(f) is not None and f not in backed]
        if unbacked:
            note = f"sin comprobación independiente en la lectura por flujo: {', '.join(unbacked)}"
            add_flags(r, [f"{f}{UNBACKED_SUFFIX}=conflict" for f in unbacked], note)
    return records


def _in_visual_lines(doc: Document) -> Document:
    """The document with each OCR'd page's words regrouped into visual lines. Tesseract's lines
    follow its blocks: one table row can arrive as two lines at one height ('PRRC: Porcentaje
    de' and '2.3.1.1.2.1 Cumplimiento de', the committed MIR sample scan), which the line
    stream reads as two rows."""
    return replace(doc, pages=[page_to_visual_lines(p) if p.text_source == "ocr" else p for p in doc.pages])


def code_as_printed(rec: dict[str, Any]) -> bool:
    """The row's code is the one printed: not imputed, and not a well-formed printed code
    replaced by another (a repair of OCR damage keeps the printed digits or mends a garbled
    code; replacing a clean code is renumbering, and the row's values may be another row's)."""
    corrected = {str(c) for c in rec.get("corrected") or []}
    if "clave:imputado" in corrected:
        return not rec.get("clave") and bool(rec.get("siglas"))
    if "clave:corregido" not in corrected:
        return bool(rec.get("clave") or rec.get("siglas"))
    m = PRINTED_CODE.search(rec.get("comentario_extraccion") or "")
    if not m:
        return False
    raw = m.group("raw").strip()
    same_digits = regex.sub(r"\D", "", raw) == regex.sub(r"\D", "", rec.get("clave") or "")
    return same_digits or not WELL_FORMED_CODE.match(raw)


def independent_checks(rec: dict[str, Any], all_corrections: bool = True) -> list[tuple[str, bool, set[str]]]:
    """(check, holds, fields it compares) for every check whose fields the reading took as
    printed. ``all_corrections``: every corrected field counts as taken from the checks (v1,
    whose notes do not say which); else only imputed fields and those v2's solver chose by
    the checks (a look-alike letter read back as a digit is still the printed value)."""
    return [(name, ok, fs) for name, ok, fs, spent in _checks_with_fields(rec, all_corrections) if not spent]


def fields_of_spent_checks(rec: dict[str, Any]) -> set[str]:
    """The fields of the checks that hold only because the solver made them hold (a value
    imputed from them, or chosen by them among readings): a check spent on filling one of its
    values cannot vouch for the others (dev MIR OCR'd text 147: the meta anual imputed as the Σ
    of programados one of which was misread, 13755 for 18755, and that programado unflagged)."""
    return set().union(*(fs for name, ok, fs, spent in _checks_with_fields(rec, False) if ok and spent)) - _touched(
        rec, False
    )


def _touched(rec: dict[str, Any], all_corrections: bool) -> set[str]:
    if all_corrections:
        return {str(c).partition(":")[0] for c in rec.get("corrected") or []}
    touched = {str(c).partition(":")[0] for c in rec.get("corrected") or [] if str(c).endswith(":imputado")}
    return touched | set(SOLVER_CHOSE.findall(rec.get("comentario_extraccion") or ""))


def _checks_with_fields(rec: dict[str, Any], all_corrections: bool) -> list[tuple[str, bool, set[str], bool]]:
    """(check, holds, fields it compares, made to hold by the reading) for every check."""
    T = rec.get("trimestre")
    touched = _touched(rec, all_corrections)
    out = []
    for c in rec.get("checks") or []:
        name, _, outcome = str(c).partition("=")
        fields = {f.replace("{T}", str(T)) for f in V1_CHECK_FIELDS.get(name, ())}
        if outcome not in ("ok", "conflict") or not fields:
            continue
        # a check holding on a value the reading filled from it holds because it was made to
        out.append((name, outcome == "ok", fields, outcome == "ok" and bool(fields & touched)))
    return out


def backed_fields(rec: dict[str, Any]) -> set[str]:
    """The fields a holding check places in their columns. A sum across rows
    (COLUMN_BLIND_CHECKS) places none: the stream puts a line's cells in columns by their
    order, the same way in every row, so a component whose activities sum up has its values
    from the same column as theirs — not necessarily the column it names (dev MIR scan 4: a
    component and its one activity both read programado_t1 as meta_anual, and agreed)."""
    return set().union(*(fs for name, ok, fs in independent_checks(rec) if ok and name not in COLUMN_BLIND_CHECKS))


def backed_share(rec: dict[str, Any]) -> float:
    """The share of the row's values that a check holding on printed values covers: a check
    that holds says nothing of the values it does not compare (a % that matches the
    commentary does not back a meta anual read from the wrong cell)."""
    values = {f for f in NUMERIC if rec.get(f) is not None}
    covered = backed_fields(rec)
    return len(values & covered) / len(values) if values else 0.0


def stream_score(records: list[dict[str, Any]], unnamed_weight: float) -> float:
    """``reading_score`` on independent evidence only: a row with its printed key counts the
    share of its values backed (``backed_share``, at most 1 as a row of v2 counts), a row in
    conflict -1, a row whose key the reading made up -``unnamed_weight``."""
    score = 0.0
    for r in records:
        if not code_as_printed(r):
            score -= unnamed_weight
        elif any(not ok for _, ok, _ in independent_checks(r)):
            score -= 1.0
        elif f"{UNPLACED_CHECK}=conflict" in r["checks"]:
            continue  # the reading itself doubts where the row's cells go
        else:
            score += backed_share(r)
    return score
