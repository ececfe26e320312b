"""``mir_avance.v2``: MIR progress reports of any layout -> ``indicators`` rows.

v1 was built on one report and assumed its shape (the depth of its codes, its column order,
its damage). v2 assumes none of it: the shared table layer finds the grid on a text layer, a
scan or OCR'd text; each column's head says what it holds; the codes are taken as printed;
the quarter comes from the document; and the row's own arithmetic checks every number
(``solve.py``). OCR'd text whose table the table layer cannot see (one row per line, cells one
per line) is read by ``lines.py`` against the head it prints. Commentary printed under the
table is tied to its row by code or acronym (``commentary.py``).
"""

from __future__ import annotations

import logging
import math
from typing import Any

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register
from papeleo.tables import pages_to_tables

from .align import DOUBTFUL_SUFFIX
from .cell_lines import KEY_ORDER_CHECK, document_to_cell_line_rows
from .commentary import attach_commentary, note_of_another_row
from .fields import cells_to_text_fields
from .formats import flag_chosen, format_readings
from .formats.poa import SUM_SUFFIX
from .geometry import document_to_geometric_rows
from .keys import (
    flag_codes_lost,
    flag_codes_off_depth,
    flag_codes_off_stem,
    flag_illegible_keys,
    flag_keys_out_of_sequence,
    flag_repeated_keys,
)
from .lines import ARITHMETIC_READING, LINE_READING, document_to_line_rows, line_quarter
from .loose import name_loose_columns
from .meta import document_meta, trimestre_of_visual_lines
from .order import ORDER_CHECK
from .record import (
    DECIMALS_SUFFIX,
    FREQUENCY_CHECK,
    PERCENT_FROM_COMMENT,
    add_flags,
    flag_constant_only_sums,
    frequency_check,
    rows_to_records,
)
from .row_choice import rows_backed_in_other_readings, rows_emptied_in_chosen, rows_missing_from_chosen
from .solve import NEGATIVE_SUFFIX, NUMERIC
from .stream import (
    COLUMN_BLIND_CHECKS,
    UNBACKED_SUFFIX,
    fields_of_spent_checks,
    independent_checks,
    stream_records,
    stream_score,
)
from .table import UNPLACED_CHECK, RowCells, tables_to_rows

log = logging.getLogger(__name__)


def readings(doc: Document, T: int | None) -> list[tuple[str, list[RowCells]]]:
    """Every reader that applies: the shared table layer (ruled grids, tabs, pipes; a table of
    plain text under the best head the document repeats, ``tables_to_rows``), the head's
    geometry (pages with word boxes), reading order against the head (OCR'd text)."""
    out: list[tuple[str, list[RowCells]]] = []
    out.append(("tabla", tables_to_rows(pages_to_tables(doc.pages), T)))
    if any(p.text_source != "plain_text" for p in doc.pages):
        out.append(("geometria", document_to_geometric_rows(list(doc.pages), T)))
    else:
        out.append(document_to_line_rows(doc, T))
        out.append(("celdas", document_to_cell_line_rows(doc, T)))
    return out


def reading_score(records: list[dict[str, Any]], conflict_weight: float | None = None) -> float:
    """How far the document's own arithmetic backs a reading: a named row with a check that
    holds on values the solver left as read counts for it, by how many of its values those
    checks cover (fully from ``FULLY_BACKED_VALUES``: a reading whose rows only match their %
    to the commentary lost no more than the one whose rows' Σ and % both hold, and it had
    dropped the head's quarters, dev MIR scan 99: 108 numbers exact against 195), a row in
    conflict and a row nobody can name (no code, no acronym: cell debris) against it
    (``conflict_weight``, by default ``CONFLICT_WEIGHT``; ``UNNAMED_WEIGHT``). A check that
    holds only because the solver filled one of its values from it backs nothing: a table
    reading that merged two cells would otherwise win by the values imputed over the gap."""
    conflict_weight = CONFLICT_WEIGHT if conflict_weight is None else conflict_weight
    score = 0.0
    for r in records:
        if not (r.get("clave") or r.get("siglas") or r.get("unidad")):
            score -= UNNAMED_WEIGHT
        elif in_conflict(r):
            score -= conflict_weight
        else:
            score += row_backing(r)
    return score


def in_conflict(r: dict[str, Any]) -> bool:
    return any(str(c).endswith("=conflict") and not is_flag_only(str(c)) for c in r.get("checks") or [])


def row_backing(r: dict[str, Any]) -> float:
    """How far a row's checks that hold on values read as printed cover its values: 1.0 from
    ``FULLY_BACKED_VALUES`` on."""
    covered = set().union(*(fs for _, ok, fs in independent_checks(r, all_corrections=False) if ok))
    backed = {f for f in covered if r.get(f) is not None}
    return min(1.0, len(backed) / FULLY_BACKED_VALUES)


# checks a reader puts on its own rows to flag their values (numbers under a head label OCR
# lost, programado/alcanzado told apart by order, codes tied to rows by tesseract's order):
# they say how far to trust a row, not that its arithmetic fails, and counted against a
# reading they handed documents to readings that were worse (dev scans 0-29: numbers exact
# 59.0% -> 55.8%)
FLAGS_ONLY = frozenset({UNPLACED_CHECK, ORDER_CHECK, KEY_ORDER_CHECK})


def values_read(records: list[dict[str, Any]]) -> int:
    """How many numbers a reading placed on named rows: between two readings the document's
    arithmetic backs equally, the one that read more of the table's cells (a table reading that
    merged two columns reads fewer)."""
    return sum(1 for r in records if r.get("clave") or r.get("siglas") for f in NUMERIC if r.get(f) is not None)


def is_flag_only(check: str) -> bool:
    """A check that flags a value's trust (FLAGS_ONLY, a value placed by an alignment another
    one would shift, a value below zero, a unit's count in a POA sum that fails — the
    subtotal's own check already counts once) rather than the row's own arithmetic."""
    name = check.partition("=")[0]
    return name in FLAGS_ONLY or name.endswith((DOUBTFUL_SUFFIX, NEGATIVE_SUFFIX, SUM_SUFFIX, DECIMALS_SUFFIX))


# the checks that compare a row with its note: they back nothing when the note names another
# row's indicator (commentary.note_of_another_row)
COMMENT_CHECKS = frozenset({"avance_comentario", "meta_anual_comentario"})
# a row in conflict costs a reading a quarter of what a backed row gains: its fields are flagged,
# so a reading that also reads it loses little by it, while a reading of rows misplaced across
# the board still loses to one whose rows add up. At 1.0 a reading of more rows of a damaged page
# lost to one that read fewer (dev MIR OCR'd text 100-399: 26977 -> 27101 numbers exact at 0.25,
# 26991 at 0.5; validation 1000-1029 unchanged; report block 6350-6399 +37 at 0.75 or less)
CONFLICT_WEIGHT = 0.25
# a row counts fully when the checks that hold cover at least this many of its values: Σ
# programado covers the meta and the programados (five), a % against its pair three, a format's
# variables and their % three each. Higher would count an annual row (meta, one programado)
# for less than a row of every quarter in readings that read it alike; lower, a % matched to
# the commentary as much as a row whose every column adds up
FULLY_BACKED_VALUES = 4
# a row with neither code nor acronym costs a reading half a backed row, more than a row in
# conflict: it is usually a fragment of a real row (a wrapped cell read as a row of its own)
UNNAMED_WEIGHT = 0.5
# the line-stream reading competes only with more than this much independent evidence: at 0
# an empty or entirely unbacked stream would beat a table reading whose rows are in conflict
MIN_STREAM_SCORE = 0.0
# ... and only when it beats the best head reading by more than this many backed rows: the
# stream places cells by proximity, so a lead of a row or two is within the noise of one or two
# misread rows of the head reading, whose columns come from the head itself
STREAM_MARGIN = 2.0


# the readings of the MIR layout, one row per indicator; the related formats (formats/) are
# not: SEVAC prints one row per goal under its project's clave
MIR_LAYOUT_READINGS = frozenset({"tabla", "geometria", LINE_READING, ARITHMETIC_READING, "celdas", "flujo"})


def flag_frequency(records: list[dict[str, Any]]) -> None:
    """The frequency check (record.frequency_check) on rows of a reading that did not make it (the
    line stream, whose rows come from v1)."""
    for r in records:
        if any(str(c).startswith(f"{FREQUENCY_CHECK}=") for c in r.get("checks") or []):
            continue
        found = frequency_check(r.get("frecuencia"), r)
        if found:
            add_flags(r, found[:1], "; ".join(found[1:]))


def _sum_evidence(check: tuple[str, bool, set[str]], rec: dict[str, Any]) -> tuple[str, bool, set[str]] | None:
    """A holding Σ programado as evidence, or None where it proves nothing:

    * over one printed programado, it is that programado equal to the meta anual, which one
      number read into two columns also makes (dev MIR OCR'd text 120, reading order scrambled by
      column blocks: '9' read as meta anual and programado_t3, the meta 47 elsewhere);
    * over zeros only ('0 = 0 + 0', dev MIR OCR'd text 262: zeros placed where 93 and 47 were
      printed) it holds for any placement of them;
    * over one programado other than zero ('9 = 0 + 0 + 0 + 9'), it holds for the run of any row
      that programs its year in one quarter, an annual indicator's pattern: report block 6566's
      scan read such a run under its Fin (43 = 11 + 11 + 11 + 10 printed), all five values
      unflagged. Annual rows read by OCR lose their only backing (dev MIR OCR'd text 100-399:
      right and flagged 10521 -> 10943).

    Holding as a constant indicator (every programmed quarter equal to the meta, solve.suma_holds),
    it says nothing of a quarter read as 0 (dev MIR OCR'd text 336: 0 for 100): those are left out
    of what it backs. A Σ that fails is kept as it is: it still flags."""
    name, holds, fields = check
    if not holds or name != "suma_programado":
        return check
    progs = [v for q in range(1, 5) if (v := rec.get(f"programado_t{q}")) is not None]
    if sum(1 for v in progs if v) < 2:
        return None
    if rec.get("meta_anual") is not None and not _adds_up(rec):
        fields = fields - {f"programado_t{q}" for q in range(1, 5) if rec.get(f"programado_t{q}") == 0}
    return name, holds, fields


def _adds_up(rec: dict[str, Any]) -> bool:
    """Whether the row's printed programados sum to its meta anual (a Σ programado that holds
    otherwise holds as a constant indicator, each quarter equal to the meta)."""
    progs = [v for q in range(1, 5) if (v := rec.get(f"programado_t{q}")) is not None]
    meta = rec.get("meta_anual")
    return meta is not None and math.isclose(sum(progs), meta, rel_tol=1e-9, abs_tol=1e-9)


# checks that compare a ratio of the row's values: a misread that scales both alike keeps them
RATIO_CHECKS = frozenset({"avance_calculado"})


def _compensable(check: str, rec: dict[str, Any]) -> bool:
    """Whether one wrong value among a holding check's fields can hide behind another: a ratio
    (both misread alike) or Σ programado as a sum (one value too high, another too low); not Σ
    held as a constant indicator, which compares each quarter with the meta alone."""
    return check in RATIO_CHECKS or (check == "suma_programado" and _adds_up(rec))


def flag_unbacked(records: list[dict[str, Any]], read_by_ocr: bool) -> None:
    """Values no check on printed values backs, doubted on their own field ('<field>_sin_respaldo')
    where the row gives reason to doubt its reading:

    * its arithmetic fails: the failing check names only the fields it compares, but a row that
      does not add up was likely read off its columns (dev MIR OCR'd text 100-399: 58 wrong values
      beside a conflict that did not name them);
    * OCR'd input and no check at all on the row: nothing says its cells are in their columns (dev
      OCR'd text 211: a head whose 'Meta anual' OCR lost, every row one column off, no check);
    * a % read from the commentary (record.PERCENT_FROM_COMMENT) that no check ties to the row's own
      programado and alcanzado: the commentary was attached to the row by its place and may be a
      neighbour's, or its % misread ('778' for 77.8); 'comentario_coherente' compares the
      commentary with itself;
    * a check that holds only because the reading filled one of its values from it (an imputed
      meta anual, a programado chosen among readings): the fields it compares are not checked by
      it (stream.fields_of_spent_checks);
    * OCR'd input, every value no check covers: the % checks the reported quarter's alcanzado at
      most, and nothing in a report checks earlier quarters' — an OCR'd digit misread there
      ('11126' for 11726, '176' for 776) is as likely as anywhere else and nothing else can catch
      it (dev MIR OCR'd text 100-399: 15 of 21 wrong values with no flag were these), nor a meta
      anual read from a programado's cell when the programados were lost (validation scan 1020).
      It costs flags on values read right (right and flagged, OCR'd text 100-399: 6478 -> 10140
      of 27232), the price of never leaving an unchecked OCR reading unmarked; a text layer
      prints what it prints and is not doubted.

    A value a check backs stays unflagged; a field already flagged or corrected keeps its own flag."""
    for r in records:
        evidence = [e for c in independent_checks(r, all_corrections=False) if (e := _sum_evidence(c, r))]
        elsewhere = note_of_another_row(r, records)
        if elsewhere:  # a check against another row's note backs nothing of this row
            evidence = [e for e in evidence if e[0] not in COMMENT_CHECKS]
        # a ratio or a sum that holds over a value a failing check names backs none of its
        # fields: a ratio's two values may be misread alike ('4' for each printed 1: 4 of 4 is
        # 100%, as 1 of 1 was, while Σ programado fails; dev MIR scan 8), and a sum holding over
        # a wrong value holds over a second one that makes up for it (dev MIR OCR'd text 181:
        # programado_t1 1440444 for 571936, Σ holding, the % commentary failing on programado_t2).
        # A constant reading of Σ (each quarter equal to the meta) compares each value alone
        failing = set().union(*(fs for _, ok, fs in evidence if not ok))
        # ... nor does a check that holds over values the reader itself doubted (a column it could
        # not tell): a % matched to a programado and alcanzado read from another printed row holds
        # for that row (OCR'd text of report 6953: 56.3% of another row's 45 and 80, unflagged)
        doubted_by_reader = {
            str(c).partition(DOUBTFUL_SUFFIX)[0] for c in r.get("checks") or [] if f"{DOUBTFUL_SUFFIX}=" in str(c)
        }
        # ... and a % read from the commentary is not backed by the commentary's own figures: its
        # 'de un total de M' matching the programado says nothing of the % beside it ('38.55%' for
        # 88.55%, the N OCR left unreadable; report block 7130-7179 OCR'd text 7164, unflagged)
        from_comment = PERCENT_FROM_COMMENT in (r.get("comentario_extraccion") or "")
        backed = set().union(
            *(
                fs - ({"avance_pct"} if from_comment and name in COMMENT_CHECKS else set())
                for name, ok, fs in evidence
                if ok
                and name not in COLUMN_BLIND_CHECKS
                and not (fs & failing and _compensable(name, r))
                and not fs & doubted_by_reader
            )
        )
        in_conflict = not all(ok for _, ok, _ in evidence)
        if in_conflict or (read_by_ocr and not evidence):
            doubted = [f for f in NUMERIC if f not in backed]
            why = "la fila no cuadra" if in_conflict else "ninguna comprobación cubre la fila"
            if elsewhere:
                why += f" (su comentario nombra el indicador de {elsewhere})"
        else:
            doubted, reasons = [], []
            spent = fields_of_spent_checks(r) - backed
            if spent:
                doubted += [f for f in NUMERIC if f in spent]
                reasons.append("la comprobación que los cubría se usó para completar otro valor de la fila")
            unchecked = [f for f in NUMERIC if f not in backed and f not in doubted]
            if elsewhere and unchecked:
                doubted += unchecked
                reasons.append(f"su comentario nombra el indicador de {elsewhere}")
            elif read_by_ocr and unchecked:
                doubted += unchecked
                reasons.append("leídos por OCR, ninguna comprobación cubre estos valores")
            if PERCENT_FROM_COMMENT in (r.get("comentario_extraccion") or "") and "avance_pct" not in backed:
                doubted += [] if "avance_pct" in doubted else ["avance_pct"]
                reasons.append("el % del comentario no se comprueba con los valores de la fila")
            if not doubted:
                continue
            why = "; ".join(reasons)
        named = set().union(*(fs for _, ok, fs in evidence if not ok))
        corrected = {str(c).partition(":")[0] for c in r.get("corrected") or []}
        doubted = [
            f
            for f in doubted
            if r.get(f) is not None
            and f not in named | corrected
            and not any(str(c).startswith(f"{f}_") for c in r.get("checks") or [])
        ]
        if doubted:
            add_flags(
                r, [f"{f}{UNBACKED_SUFFIX}=conflict" for f in doubted], f"{why}; sin comprobación: {', '.join(doubted)}"
            )


@register("mir_avance.v2")
def extract(doc: Document, ctx: Context) -> Extraction:
    meta = document_meta(doc.text)
    if meta["trimestre"] is None:
        meta["trimestre"] = trimestre_of_visual_lines(doc)
    if meta["trimestre"] is None and all(p.text_source == "plain_text" for p in doc.pages):
        # the document does not name its quarter: the alcanzado cells its rows print say it
        meta["trimestre"] = line_quarter(doc)
    T = meta["trimestre"]
    best: tuple[float, int, int, str, list[dict[str, Any]]] | None = None
    readings_seen = readings(doc, T)
    layout_records: list[tuple[str, list[dict[str, Any]]]] = []
    for i, (name, rows) in enumerate(readings_seen):
        texts = [cells_to_text_fields(r.text) for r in rows]
        attach_commentary(doc, rows, texts)
        name_loose_columns(rows, [t.comentario for t in texts], T)
        records = rows_to_records(rows, texts, meta)
        layout_records.append((name, records))
        key = (reading_score(records), values_read(records), -i)
        if any(r.get("clave") or r.get("siglas") for r in records) and (best is None or key > best[:3]):
            # a reading none of whose rows can be named (cell debris only) is no reading
            best = (*key, name, records)
    if best is not None:
        rows_taken = rows_backed_in_other_readings(best[3], best[4], layout_records, row_backing, in_conflict)
        rows_taken = rows_missing_from_chosen(best[3], rows_taken, layout_records, row_backing, in_conflict)
        rows_taken = rows_emptied_in_chosen(best[3], rows_taken, layout_records, row_backing, in_conflict)
        best = (reading_score(rows_taken), values_read(rows_taken), best[2], best[3], rows_taken)
    for name, records in format_readings(doc, meta):
        key = (reading_score(records), values_read(records), -len(readings_seen))
        if records and (best is None or key > best[:3]):
            best = (*key, name, records)
    if all(p.text_source in ("plain_text", "ocr") for p in doc.pages):
        # scattered OCR no head can read (OCR'd text, or a scan whose head OCR lost): v1's
        # reading, scored on independent evidence only, and only a reading whose evidence is
        # positive (an empty or doubtful one is none)
        records = stream_records(doc, T)
        key = (stream_score(records, UNNAMED_WEIGHT), values_read(records), -len(readings_seen) - 1)
        # against the head readings on the scale the stream's own score keeps (a row in
        # conflict costs 1): at CONFLICT_WEIGHT a head reading of rows in conflict would keep
        # the stream out where it read more (MIR report block 6391: 144 -> 90 numbers exact)
        # A head reading that placed no number has nothing to defend: the margin would keep the
        # stream out for rows named and empty (report block 6589, tesseract's text of a scan:
        # 22 numbers exact -> 0 once a group heading stopped costing the head reading a row)
        against = reading_score(best[4], conflict_weight=1.0) if best and best[1] > 0 else None
        # a reading whose columns come from the rows' arithmetic, not the head, has no head's word
        # to defend either: the stream read the sample report's 64 numbers where it placed 42
        margin = 0.0 if best and best[3] == ARITHMETIC_READING else STREAM_MARGIN
        if records and key[0] > MIN_STREAM_SCORE and (against is None or key[0] > against + margin):
            best = (*key, "flujo", records)
    records = best[4] if best else []
    read_by_ocr = any(p.text_source != "text_layer" for p in doc.pages)
    if best and best[3] in MIR_LAYOUT_READINGS:
        flag_codes_off_stem(records)  # first: it mends a code whose first 1 is a ruling's stroke
        flag_repeated_keys(records)
        flag_keys_out_of_sequence(records)
        flag_codes_off_depth(records)
        flag_codes_lost(records)
        flag_frequency(records)
        flag_constant_only_sums(records)
        flag_unbacked(records, read_by_ocr=read_by_ocr)
    elif best:
        flag_chosen(best[3], records, read_by_ocr)
    flag_illegible_keys(records, doc)
    log.info("mir_avance.v2: %d rows by %s, quarter %s", len(records), best[3] if best else "-", T)
    return Extraction(records=records, document={})
