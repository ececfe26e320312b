"""``indicators``: one row per MIR indicator (mir_avance documents)."""

from ._base import FLOAT, INT, STRING, STRINGS, Dataset, col, record_schema

_Q = (1, 2, 3, 4)

SCHEMA = record_schema(
    col("ente", STRING, "municipality or agency reporting"),
    col("ejercicio", INT, "fiscal year"),
    col("trimestre", INT, "quarter reported (1-4)"),
    col("clave", STRING, "indicator code, canonical dotted form (1.4.1.1.3.3)"),
    col("nivel", STRING, "MIR level: fin, proposito, componente or actividad"),
    col("resumen_narrativo", STRING, "objective text of the row"),
    col("siglas", STRING, "indicator acronym (PSAL)"),
    col("indicador", STRING, "indicator name"),
    col("frecuencia", STRING, "measurement frequency: mensual, trimestral, semestral, anual"),
    col("unidad_medida", STRING, "unit of the indicator (porcentaje)"),
    col("meta_anual", FLOAT, "annual target"),
    *[col(f"programado_t{q}", FLOAT, f"target for quarter {q}") for q in _Q],
    *[col(f"alcanzado_t{q}", FLOAT, f"achieved in quarter {q} (null where not yet reported)") for q in _Q],
    col("avance_pct", FLOAT, "percent achieved in the reported quarter, as the document states it"),
    col("comentario", STRING, "the row's commentary (Meta Trimestral: Se logra ...)"),
    col("checks", STRINGS, "arithmetic and cross-checks with their outcome, e.g. suma_programado=ok"),
    col("corrected", STRINGS, "fields whose value is not the raw reading: campo:corregido or campo:imputado"),
    col("comentario_extraccion", STRING, "human-readable explanation of every correction or imputation"),
)

DATASET = Dataset(
    "indicators",
    SCHEMA,
    "MIR indicator rows.",
    required_any=("clave", "siglas"),
    natural_key=("clave", "siglas"),
    enums={
        "nivel": frozenset({"fin", "proposito", "componente", "actividad"}),
        "frecuencia": frozenset({"mensual", "bimestral", "trimestral", "cuatrimestral", "semestral", "anual"}),
    },
    ranges={"trimestre": (1, 4), "confidence": (0, 1), "page": (1, None)},
)
