"""Read rows -> ``indicators`` records: numbers parsed, checked and flagged, text fields cleaned,
provenance attached.
"""

from __future__ import annotations

from typing import Any

from papeleo.text.columns import infer_number_format
from papeleo.text.numbers import MX, NumberFormat, NumberReading, find_percents, parse_number

from .fields import TextFields
from .solve import ALC, NUMERIC, solve_row
from .table import NULL_TOKENS, RowCells

# an alcanzado printed for a quarter after the one reported: the quarter or the column is wrong
OUT_OF_PERIOD = "alcanzado_fuera_de_periodo"
# a value in a quarter the indicator's frequency does not measure (a semestral indicator is
# measured at the half-year, in the second and fourth quarters; an annual one at the year's
# end): a cell shifted into its neighbour's column, or a '-' OCR lost
FREQUENCY_CHECK = "frecuencia_trimestres"
QUARTERS_OF = {"semestral": (2, 4), "anual": (4,)}


def token_to_reading(token: str | None, fmt: NumberFormat = MX) -> NumberReading | None:
    """None for an empty cell; a MISSING reading for '-', 'N/A' and the like."""
    if token is None or not token.strip():
        return None
    if token.strip().lower() in NULL_TOKENS:
        return parse_number("-", fmt)
    return parse_number(token.strip(), fmt)


def rows_to_formats(rows: list[RowCells]) -> dict[str, NumberFormat]:
    """Each numeric field's format from what the document prints under it (papeleo.text.columns):
    a column that prints two decimals throughout makes '3200' among '32.00's ambiguous (3200 or
    a lost point: 32) and '332.053' a thousands group, instead of two silent misreadings (OCR'd
    text, dev seeds). Where the values decide nothing ('1,347' alone), the Mexican convention
    (MX) the reports print in."""
    out: dict[str, NumberFormat] = {}
    for name in NUMERIC:
        tokens = [rc.numbers[name].strip() for rc in rows if (rc.numbers.get(name) or "").strip()]
        inferred = infer_number_format(tokens)
        out[name] = inferred.format if inferred.decided else MX
    return out


def row_to_record(
    rc: RowCells, tf: TextFields, meta: dict, formats: dict[str, NumberFormat] | None = None
) -> dict[str, Any]:
    T = meta.get("trimestre")
    formats = formats or {}
    readings = {name: token_to_reading(rc.numbers.get(name), formats.get(name, MX)) for name in NUMERIC}
    notes = list(tf.notes) + list(rc.notes)
    from_comment = False
    if "avance_pct" not in rc.numbers and tf.comentario:
        # no % column: the percentage the commentary states is the document's
        found = find_percents(tf.comentario)
        if found:
            readings["avance_pct"] = found[0][1]
            from_comment = True
            notes.append("avance_pct: leído del comentario (el cuadro no tiene columna de %)")
    solved = solve_row(readings, T, tf.comentario, percent_is_commentary=from_comment)
    checks = list(solved.checks) + list(rc.checks)
    notes += solved.notes
    if T:
        late = [f for f in ALC[T:] if solved.values.get(f) is not None]
        if late:
            checks.append(f"{OUT_OF_PERIOD}=conflict")
            notes.append(f"valores alcanzados después del trimestre {T} reportado: {', '.join(late)}")
    if not T:
        notes.append("el documento no dice qué trimestre reporta")
    measured = QUARTERS_OF.get(tf.frecuencia or "")
    if measured is not None:
        off = [
            f"{kind}_t{q}"
            for kind in ("programado", "alcanzado")
            for q in range(1, 5)
            if q not in measured and solved.values.get(f"{kind}_t{q}")
        ]
        checks.append(f"{FREQUENCY_CHECK}={'conflict' if off else 'ok'}")
        if off:
            notes.append(f"indicador {tf.frecuencia} con valores en trimestres que no mide: {', '.join(off)}")
    rec: dict[str, Any] = {
        "ente": meta.get("ente"),
        "ejercicio": meta.get("ejercicio"),
        "trimestre": T,
        "clave": tf.clave,
        "nivel": tf.nivel,
        "resumen_narrativo": tf.resumen_narrativo,
        "siglas": tf.siglas,
        "indicador": tf.indicador,
        "frecuencia": tf.frecuencia,
        "unidad_medida": tf.unidad_medida,
        **solved.values,
        "comentario": tf.comentario,
        "checks": checks,
        "corrected": list(tf.corrected) + solved.corrected,
        "comentario_extraccion": "; ".join(notes) or None,
        "page": rc.page,
        "confidence": _confidence(rc, checks),
    }
    if rc.bbox is not None:
        rec.update(zip(("x0", "top", "x1", "bottom"), rc.bbox))
    return rec


def _confidence(rc: RowCells, checks: list[str]) -> float:
    """The words' own confidence (1.0 for a text layer), halved by an open conflict."""
    base = rc.confidence if rc.confidence is not None else 1.0
    return round(base * (0.5 if any(c.endswith("=conflict") for c in checks) else 1.0), 3)


def rows_to_records(rows: list[RowCells], texts: list[TextFields], meta: dict) -> list[dict[str, Any]]:
    formats = rows_to_formats(rows)
    return [row_to_record(rc, tf, meta, formats) for rc, tf in zip(rows, texts)]
