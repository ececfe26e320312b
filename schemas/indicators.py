"""``indicators``: one row per MIR indicator (mir_avance documents)."""

import pyarrow as pa

from ._base import FLOAT, INT, STRING, STRINGS, Dataset, col, record_schema

BOOL = pa.bool_()

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
    # state PbR results (Resultado de los Indicadores Estratégicos y de Gestión)
    col("indicador_numero", STRING, "PbR: the indicator's number printed before its name (0709)"),
    col("indicador_impreso", STRING, "PbR: the indicator cell as printed, number and name"),
    col("formula", STRING, "PbR: the indicator's formula as printed"),
    col("tipo", STRING, "PbR: indicator type, first part of Tip/Dim/Fre (GESTION, ESTRATEGICO)"),
    col("dimension", STRING, "PbR: indicator dimension, second part of Tip/Dim/Fre (Eficacia)"),
    col("unidad_medida_clave", STRING, "PbR: the code printed before the unit (433 in '433 Por ciento')"),
    col("meta_programada_v1", FLOAT, "PbR: the quarter's target, variable 1 (numerator)"),
    col("meta_programada_v2", FLOAT, "PbR: the quarter's target, variable 2 (denominator)"),
    col("meta_programada_pct", FLOAT, "PbR: the quarter's target as printed percentage (= programado of the quarter)"),
    col("resultado_v1", FLOAT, "PbR: the quarter's result, variable 1 (numerator)"),
    col("resultado_v2", FLOAT, "PbR: the quarter's result, variable 2 (denominator)"),
    col("resultado_pct", FLOAT, "PbR: the quarter's result as printed percentage (= alcanzado of the quarter)"),
    col("resultado_acumulado", FLOAT, "PbR: the result accumulated to the quarter, percent as printed"),
    col("unidad_responsable", STRING, "PbR: unit responsible for the programme"),
    col("causas_desviacion", STRING, "PbR: causes of deviation as printed"),
    # SEVAC/CONAC Indicadores de Resultados
    col("clave_proyecto", STRING, "SEVAC: the budget project's key the meta is listed under (A001)"),
    col("objetivo_desarrollo_sostenible", STRING, "SEVAC: the project's sustainable development goal (8)"),
    col("finalidad", STRING, "SEVAC: the finalidad band the project sits under"),
    col("subfuncion", STRING, "SEVAC: the subfunción band the project sits under"),
    col("tipo_proyecto", STRING, "SEVAC: project type band (PROYECTOS INSTITUCIONALES)"),
    col("proyecto", STRING, "SEVAC: the project's name"),
    col("programado_anual", FLOAT, "SEVAC: annual target as programmed (= meta_anual)"),
    col("modificado_anual", FLOAT, "SEVAC: annual target as modified"),
    col("alcanzado_periodo", FLOAT, "SEVAC: achieved, cumulative to the end of the period"),
    col("cumplimiento_pct", FLOAT, "SEVAC: percent of the modified target achieved, as printed (= avance_pct)"),
    # POA goal progress per unit
    col("unidad", STRING, "POA: the operating unit, zone or total the row measures, as printed (its key)"),
    col("posicion", INT, "POA: the unit's printed position (null on zone and total rows)"),
    col("es_subtotal", BOOL, "POA: the row is a zone subtotal"),
    col("es_total", BOOL, "POA: the row is the table's total"),
    col("programado", FLOAT, "POA: goal programmed for the period, cumulative from January"),
    col("alcanzado", FLOAT, "POA: goal achieved in the period (REALIZADO), cumulative"),
    col("diferencia", FLOAT, "POA: achieved minus programmed, as printed"),
    col("beneficiarios_programado", FLOAT, "POA: beneficiaries programmed for the period"),
    col("beneficiarios_alcanzado", FLOAT, "POA: beneficiaries reached in the period"),
    col("beneficiarios_diferencia", FLOAT, "POA: beneficiaries reached minus programmed, as printed"),
    col("beneficiarios_avance_pct", FLOAT, "POA: percent of programmed beneficiaries reached, as printed"),
    col("total_horas_impartidas", FLOAT, "POA: hours delivered in the period"),
    col(
        "checks",
        STRINGS,
        "arithmetic and cross-checks with their outcome (name=ok|conflict|not_applicable), e.g."
        " suma_programado=ok, avance_calculado=conflict; '<campo>_sin_respaldo=conflict' marks a value"
        " no check covers where the row gives reason to doubt it (the row does not add up, or the"
        " input was read by OCR); clave_repetida, clave_fuera_de_secuencia, clave_profundidad and"
        " clave_fuera_de_tronco doubt every value of a row whose key is printed twice, breaks the"
        " report's order, has another depth than every other code of its nivel or does not start"
        " like the report's other codes, clave_perdida every value of a row with no code where every"
        " other row of its nivel prints one, identificador_ilegible every"
        " value of a row whose acronym or unit name OCR read with low confidence",
    ),
    col("corrected", STRINGS, "fields whose value is not the raw reading: campo:corregido or campo:imputado"),
    col("comentario_extraccion", STRING, "human-readable explanation of every correction or imputation"),
)

DATASET = Dataset(
    "indicators",
    SCHEMA,
    "MIR indicator rows.",
    # POA rows have no indicator code: the operating unit they measure is their key
    required_any=("clave", "siglas", "unidad"),
    natural_key=("clave", "siglas", "unidad"),
    enums={
        "nivel": frozenset({"fin", "proposito", "componente", "actividad"}),
        "frecuencia": frozenset({"mensual", "bimestral", "trimestral", "cuatrimestral", "semestral", "anual"}),
    },
    ranges={"trimestre": (1, 4), "confidence": (0, 1), "page": (1, None)},
)
