"""A solved MIR row as an ``indicators`` record: the contract's columns, and the account
of how each value was obtained.

Analysts see only this row, so everything the solver knows about a value has to land in
it: repaired or imputed fields in ``corrected``, each check's outcome in ``checks``, the
reasons in ``comentario_extraccion``, and a confidence that falls with every conflict and
repair. Fields the table printed but no check could place are nulled here, with the note.
"""

from __future__ import annotations

from typing import Any

from .lexicon import siglas_to_letters
from .types import NUMERIC, PROG, Solved

# Confidence starts from the OCR confidence of the row's words and is lowered by:
# mangled cells in its run (a fully mangled run keeps 60% of it),
GARBLED_RUN_PENALTY = 0.4
# each check in conflict and each repaired or imputed field (a repair is evidence, so it
# costs less than a conflict),
CONFLICT_FACTOR = 0.85
CORRECTION_FACTOR = 0.93
# no check confirming anything, and no planned value known at all.
UNCHECKED_FACTOR = 0.75
NO_PLAN_FACTOR = 0.8
# never zero: the row was read, and its provenance is exact
MIN_CONFIDENCE = 0.05
CONFIDENCE_DECIMALS = 3


def is_indicator(s: Solved) -> bool:
    """A row with an identity (level, clave or acronym) and some content: not a stray heading."""
    r = s.row
    return bool(r.nivel or s.clave or r.siglas) and bool(r.nivel or r.tokens or r.slots or s.clave)


def to_record(s: Solved, meta: dict, T: int) -> dict[str, Any]:
    r = s.row
    rec: dict[str, Any] = {
        "ente": meta.get("ente"),
        "ejercicio": meta.get("ejercicio"),
        "trimestre": T,
        "clave": s.clave,
        "nivel": r.nivel,
        "resumen_narrativo": r.resumen,
        "siglas": r.siglas,
        "indicador": clean_name(r.indicador),
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
        notes.append(
            "comentario asignado por su posición: ningún renglón coincide con sus cifras, pero ocupa "
            "el lugar de este renglón entre los comentarios ya asignados y su N/M da su X%"
        )
    rec["checks"] = [f"{k}={v}" for k, v in sorted(s.checks.items())]
    rec["corrected"] = [f"{k}:{v}" for k, v in sorted(corrected.items())]
    rec["comentario_extraccion"] = "; ".join(dict.fromkeys(notes)) or None
    rec["page"] = r.page
    rec["confidence"] = confidence(s)
    if r.bbox is not None:
        rec.update(x0=r.bbox.x0, top=r.bbox.top, x1=r.bbox.x1, bottom=r.bbox.bottom)
    rec["_key"] = f"{s.clave or ''}|{r.siglas or ''}|{r.first_line}"
    return rec


def clean_name(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.split()).strip(" |;:,") or None


def confidence(s: Solved) -> float:
    """OCR confidence of the row's words, lowered by mangled cells, conflicts and repairs,
    raised back only by checks that passed."""
    base = s.row.conf * (1 - GARBLED_RUN_PENALTY * s.row.run_garbled)
    outcomes = list(s.checks.values())
    conflicts = outcomes.count("conflict")
    oks = outcomes.count("ok")
    c = base * (CONFLICT_FACTOR**conflicts) * (CORRECTION_FACTOR ** len(s.corrected))
    if oks == 0:
        c *= UNCHECKED_FACTOR
    known = sum(1 for f in ("meta_anual", *PROG) if s.values.get(f) is not None)
    if known == 0:
        c *= NO_PLAN_FACTOR
    return round(max(MIN_CONFIDENCE, min(1.0, c)), CONFIDENCE_DECIMALS)
