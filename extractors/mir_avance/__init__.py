"""MIR quarterly progress reports -> ``indicators`` rows, each number backed by a check.

Analysts chart planned against achieved values straight from this dataset, so a wrong
number costs more than a missing one. The extractor therefore reads the table as well as
the layout allows (column geometry for PDFs, anchors and order for OCR'd text), and then
lets the document's own arithmetic — Σ programado = meta anual, the commentary's N of M =
X%, the 'Meta Anual' running total, Componente = Σ Actividades where that demonstrably
holds — confirm, repair or fill each value. Every repair is listed in ``corrected`` and
explained in ``comentario_extraccion``; every disagreement left standing is a ``conflict``
in ``checks``.
"""

from __future__ import annotations

import logging
from typing import Any

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register

from ._mir_checks import Solved, drop_unproven, solve_row
from ._mir_grid import segment_geometry
from ._mir_hierarchy import component_checks, repair_codes
from ._mir_match import align
from ._mir_meta import document_meta
from ._mir_text import segment
from ._mir_types import ALC, NUMERIC, PROG

log = logging.getLogger(__name__)


@register("mir_avance.v1")
def extract(doc: Document, ctx: Context) -> Extraction:
    meta = document_meta(doc.text)
    rows, comments = None, []
    got = segment_geometry(doc, meta["ejercicio"])
    if got is not None:
        rows, comments = got
    if rows is None:
        rows, comments = segment(doc, meta["ejercicio"])
    T = meta["trimestre"] or _infer_quarter(rows)
    placed = align([c for c in comments], [r for r in rows]) if comments else {}
    solved: list[Solved] = []
    for i, row in enumerate(rows):
        own = row.comments or placed.get(i, [])
        solved.append(solve_row(row, T, own))
    repair_codes(solved)
    component_checks(solved)
    drop_unproven(solved)
    records = [_record(s, meta, T) for s in solved if _is_indicator(s)]
    document: dict[str, Any] = {}
    if meta.get("ente"):
        document["emisor"] = meta["ente"]
    log.info("mir_avance: %d rows, %d commentaries, quarter %s", len(records), len(comments), T)
    return Extraction(records=records, document=document)


def _infer_quarter(rows) -> int:
    """Without a stated quarter, the widest run of cells tells how many were reported."""
    longest = max((len(r.tokens) for r in rows), default=0)
    labeled = max((sum(1 for f in ALC if f in r.slots) for r in rows), default=0)
    return max(1, min(4, max(longest - 5, labeled) or 4))


def _is_indicator(s: Solved) -> bool:
    r = s.row
    return bool(r.nivel or s.clave or r.siglas) and bool(r.nivel or r.tokens or r.slots or s.clave)


def _record(s: Solved, meta: dict, T: int) -> dict[str, Any]:
    r = s.row
    rec: dict[str, Any] = {
        "ente": meta.get("ente"),
        "ejercicio": meta.get("ejercicio"),
        "trimestre": T,
        "clave": s.clave,
        "nivel": r.nivel,
        "resumen_narrativo": r.resumen,
        "siglas": r.siglas,
        "indicador": _clean_name(r.indicador),
        "frecuencia": r.frecuencia,
        "unidad_medida": r.unidad,
    }
    notes = list(s.notes)
    corrected = dict(s.corrected)
    siglas = siglas_to_letters(r.siglas)
    if siglas != r.siglas:
        rec["siglas"] = siglas
        corrected["siglas"] = "corregido"
        notes.append(f"siglas '{r.siglas}' leídas {siglas}: un acrónimo es de letras y el OCR las confunde con dígitos")
    for f in NUMERIC:
        v = s.values.get(f)
        if f in s.ambiguous and v is not None and "tabla" in s.sources.get(f, set()) and len(s.sources[f]) == 1:
            v = None
        if v is None:
            tok = s.table.get(f)
            if f in s.ambiguous:
                notes.append(f"{f}: no determinado (la celda que le corresponde es ambigua)")
            elif tok is not None and not tok.clean:
                notes.append(f"{f}: celda '{tok.raw}' ilegible y ninguna comprobación la determina")
        rec[f] = float(v) if v is not None else None
    rec["avance_pct"] = s.avance_pct
    texts = [c.text for c in (s.trimestral, s.anual) if c is not None]
    rec["comentario"] = " | ".join(t.strip() for t in texts) or None
    if any(c is not None and c.by_order for c in (s.trimestral, s.anual)):
        s.checks["comentario_por_orden"] = "ok"
        notes.append("comentario asignado por su posición: ningún renglón coincide con sus cifras, pero ocupa "
                     "el lugar de este renglón entre los comentarios ya asignados y su N/M da su X%")
    rec["checks"] = [f"{k}={v}" for k, v in sorted(s.checks.items())]
    rec["corrected"] = [f"{k}:{v}" for k, v in sorted(corrected.items())]
    rec["comentario_extraccion"] = "; ".join(dict.fromkeys(notes)) or None
    rec["page"] = r.page
    rec["confidence"] = _confidence(s)
    if r.bbox is not None:
        rec.update(x0=r.bbox.x0, top=r.bbox.top, x1=r.bbox.x1, bottom=r.bbox.bottom)
    rec["_key"] = f"{s.clave or ''}|{r.siglas or ''}|{r.first_line}"
    return rec


# digits OCR prints for the capital letters they resemble, inside an acronym: 'PS1B' (PSIB)
LETTER_FOR_DIGIT = str.maketrans({"1": "I", "0": "O", "5": "S", "8": "B", "6": "G", "2": "Z"})


def siglas_to_letters(siglas: str | None) -> str | None:
    """An indicator acronym is letters only; a digit between capitals is a misread letter."""
    if not siglas or not any(c.isdigit() for c in siglas) or sum(c.isalpha() for c in siglas) < 2:
        return siglas
    return siglas.translate(LETTER_FOR_DIGIT)


def _clean_name(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.split()).strip(" |;:,") or None


def _confidence(s: Solved) -> float:
    """OCR confidence of the row's words, lowered by mangled cells, conflicts and repairs,
    raised back only by checks that passed."""
    base = s.row.conf * (1 - 0.4 * s.row.run_garbled)
    outcomes = list(s.checks.values())
    conflicts = outcomes.count("conflict")
    oks = outcomes.count("ok")
    c = base * (0.85 ** conflicts) * (0.93 ** len(s.corrected))
    if oks == 0:
        c *= 0.75
    known = sum(1 for f in ("meta_anual", *PROG) if s.values.get(f) is not None)
    if known == 0:
        c *= 0.8
    return round(max(0.05, min(1.0, c)), 3)
