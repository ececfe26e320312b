"""Which fields a flag excuses: a field's own ``corrected`` entry, or a check in conflict
whose comparison involves that field.

Kept apart from the scorer because it is a reading of the extractors' check vocabulary:
when an extractor adds a check, this mapping is what changes (tests/engine/test_scoring.py
reads extractors/mir_avance and fails if a check that can conflict is missing here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PROGRAMADO = tuple(f"programado_t{q}" for q in range(1, 5))
ALCANZADO = tuple(f"alcanzado_t{q}" for q in range(1, 5))
PBR_VALUES = (
    *("meta_programada_v1", "meta_programada_v2", "meta_programada_pct"),
    *("resultado_v1", "resultado_v2", "resultado_pct", "resultado_acumulado"),
)

# Which fields a check compares, so that "<check>=conflict" flags exactly those fields.
# Read from extractors/mir_avance (`grep -rn "checks\\[" extractors/mir_avance`):
#   suma_programado              meta_anual = Σ programado_t1..t4 (extractors/mir_avance/solve.py)
#   meta_anual_comentario        'Meta Anual: N de M': N = Σ alcanzado_t1..tT, M = meta_anual
#   avance_comentario            'Meta Trimestral: X% … N de M' against avance_pct,
#                                alcanzado_tT and programado_tT of the reported quarter T
#   componente_suma_actividades  componente = Σ actividades on meta, programado, alcanzado
#   <field>_fuentes              the sources of <field> itself disagree (SOURCES_SUFFIX)
# "{T}" is the row's `trimestre`; "{1..T}" is quarters 1 to T. With no valid trimestre they
# expand to all four quarters. A conflict under a name not listed here excuses nothing: the
# failure message lists the row's conflicts, so a new check shows up where it matters.
CHECK_FIELDS: dict[str, tuple[str, ...]] = {
    "suma_programado": ("meta_anual", *PROGRAMADO),
    "meta_anual_comentario": ("meta_anual", "alcanzado_t{1..T}"),
    "avance_comentario": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
    "componente_suma_actividades": ("meta_anual", *PROGRAMADO, "alcanzado_t{1..T}"),
    # mir_avance.v2 (extractors/mir_avance/v2/solve.py, record.py)
    "avance_calculado": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
    "alcanzado_fuera_de_periodo": ALCANZADO,
    # mir_avance.v2's line-stream reading (extractors/mir_avance/v2/stream.py): v1 could not
    # place some of the row's cells, so any of its values may sit in a neighbour's column
    "celdas_sin_lugar": ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct"),
    "filas_fusionadas": ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base"),
    "columnas_por_orden": (*PROGRAMADO, *ALCANZADO),
    "frecuencia_trimestres": (*PROGRAMADO, *ALCANZADO),
    "clave_repetida": ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),
    "clave_fuera_de_secuencia": (
        *("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),
    ),
    # ... 'clave_por_orden_del_ocr': tesseract wrote the codes after their rows' numbers, and which
    # code is whose rests on its order (extractors/mir_avance/v2/cell_lines.py)
    "clave_por_orden_del_ocr": (
        *("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),
    ),
    "clave_profundidad": (*("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),),
    "clave_fuera_de_tronco": (*("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),),
    # ... 'clave_perdida': a row with no code where every other row of its nivel prints one (keys.py)
    "clave_perdida": (*("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),),
    # ... 'identificador_ilegible': the row's key read by OCR under a confidence floor (keys.py)
    "identificador_ilegible": (
        *("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base", "meta_modificada"),
        *("programado", "alcanzado", "diferencia", "total_horas_impartidas"),
        *("beneficiarios_programado", "beneficiarios_alcanzado", "beneficiarios_diferencia"),
        "beneficiarios_avance_pct",
    ),
    # ... and '<field>_sin_respaldo': a value of that reading no check on printed values covers
    **{f"{f}_sin_respaldo": (f,) for f in ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct")},
    # ... and a POA unit's % of beneficiaries whose counts a failing sum doubts (formats/poa.py)
    "beneficiarios_avance_pct_sin_respaldo": ("beneficiarios_avance_pct",),
    # ... 'comentario_coherente': the % read from the commentary against its own N de M
    "comentario_coherente": ("avance_pct",),
    # ... '<field>_negativo': a value below zero (a sign that may be a neighbouring cell's dash)
    **{f"{f}_negativo": (f,) for f in ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct", "linea_base")},
    # ... and '<field>_columna_dudosa': a value another alignment of the row's cells would shift
    **{f"{f}_columna_dudosa": (f,) for f in ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct")},
    # ... and '<field>_decimales_dudosos': a value printing other decimals than the rest of its row
    **{f"{f}_decimales_dudosos": (f,) for f in ("meta_anual", *PROGRAMADO, *ALCANZADO)},
    # dictamen_puntajes.v1 (extractors/dictamen_puntajes/): the final score against the
    # weighting (stated or fitted), the level against the score bands
    "ponderacion": ("metas_individuales", "metas_colectivas", "competencias", "calificacion_final"),
    "nivel_bandas": ("nivel_desempeno", "calificacion_final"),
    # convenio_asm.v1 (extractors/convenio_asm/checks.py): a committed date past the agreement's
    # own limit; 'conteo' (rows read against the count the clause states) names no field
    "fecha_limite": ("fecha_compromiso", "fecha_precision"),
    "fecha_pae": ("fecha_compromiso", "fecha_precision"),
    # ... 'secuencia': the next row's number skipped (its row was read into this one)
    "secuencia": ("texto", "actividad_comprometida", "fecha_compromiso", "fecha_precision"),
    # mir_avance.v2's relative formats (extractors/mir_avance/v2/formats/): state PbR, SEVAC, POA
    "meta_variables": ("meta_programada_v1", "meta_programada_v2", "meta_programada_pct", "programado_t{T}"),
    "resultado_variables": ("resultado_v1", "resultado_v2", "resultado_pct", "alcanzado_t{T}"),
    "numeros_fila": (
        *("meta_programada_v1", "meta_programada_v2", "meta_programada_pct", "programado_t{T}"),
        *("resultado_v1", "resultado_v2", "resultado_pct", "alcanzado_t{T}", "resultado_acumulado"),
    ),
    "cumplimiento_calculado": (
        *("cumplimiento_pct", "avance_pct", "alcanzado_periodo", "modificado_anual", "programado", "alcanzado"),
    ),
    "beneficiarios_cumplimiento_calculado": (
        *("beneficiarios_avance_pct", "beneficiarios_programado", "beneficiarios_alcanzado"),
    ),
    # ... a PbR row's values no holding check covers on a reading by OCR, and a row whose cells
    # read in reverse make every check hold (extractors/mir_avance/v2/formats/pbr.py)
    **{
        f"{f}{suffix}": (f,)
        for suffix in ("_sin_respaldo", "_orden_dudoso", "_decimales_dudosos")
        for f in (*PBR_VALUES, *PROGRAMADO, *ALCANZADO)
    },
    "diferencia": ("diferencia", "programado", "alcanzado"),
    "beneficiarios_diferencia": ("beneficiarios_diferencia", "beneficiarios_programado", "beneficiarios_alcanzado"),
    **{
        f"{k}_suma_de_unidades": (k,)
        for k in ("meta_anual", "programado", "alcanzado", "beneficiarios_programado", "beneficiarios_alcanzado")
        + ("total_horas_impartidas",)
    },
    **{
        k: ("meta_anual", "programado", "alcanzado", "beneficiarios_programado", "beneficiarios_alcanzado")
        + ("total_horas_impartidas",)
        for k in ("subtotal_zona", "total")
    },
}
SOURCES_SUFFIX = "_fuentes"
CONFLICT = "conflict"


def as_list(value: Any) -> list:
    """A list column as Parquet/pandas gives it (None, list, numpy array) as a list."""
    if value is None:
        return []
    return list(value.tolist() if hasattr(value, "tolist") else value)


def _trimestre(row: Mapping[str, Any]) -> int | None:
    t = row.get("trimestre")
    t = t.item() if hasattr(t, "item") else t
    return int(t) if isinstance(t, (int, float)) and not isinstance(t, bool) and t in (1, 2, 3, 4) else None


def fields_of_check(check: str, row: Mapping[str, Any]) -> frozenset[str]:
    """The fields a check named ``check`` (without ``=outcome``) compares in ``row``."""
    if check.endswith(SOURCES_SUFFIX):
        return frozenset({check[: -len(SOURCES_SUFFIX)]})
    t = _trimestre(row)
    upto = range(1, (t or 4) + 1)
    this = (t,) if t else range(1, 5)
    out: set[str] = set()
    for f in CHECK_FIELDS.get(check, ()):
        if "{1..T}" in f:
            out.update(f.replace("{1..T}", str(q)) for q in upto)
        elif "{T}" in f:
            out.update(f.replace("{T}", str(q)) for q in this)
        else:
            out.add(f)
    return frozenset(out)


def flags(row: Mapping[str, Any]) -> dict[str, str]:
    """field → why it is flagged: its own ``corrected`` entry or a conflict check naming it."""
    out: dict[str, str] = {}
    for c in as_list(row.get("corrected")):
        name, _, status = str(c).partition(":")
        out[name] = f"corrected {name}:{status}"
    for c in as_list(row.get("checks")):
        check, _, outcome = str(c).partition("=")
        if outcome != CONFLICT:
            continue
        for f in fields_of_check(check, row):
            out.setdefault(f, f"check {check}=conflict")
    return out


def conflicts(row: Mapping[str, Any]) -> list[str]:
    return [str(c) for c in as_list(row.get("checks")) if str(c).endswith("=" + CONFLICT)]
