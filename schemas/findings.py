"""``findings``: supervision report items (informe_supervision documents)."""

from ._base import DATE, FLOAT, INT, STRING, STRINGS, Dataset, col, record_schema

SCHEMA = record_schema(
    col("seccion", STRING, "objetivo_general, objetivo_especifico, hallazgo, conclusion or recomendacion"),
    col("subseccion", STRING, "heading the item sits under"),
    col("numero", INT, "item number within its section (as printed, or its order)"),
    col("texto", STRING, "full text of the item, lines joined, hyphenation repaired"),
    col("fecha", DATE, "date of the visit or action the item belongs to, when stated"),
    col("destinatario", STRING, "for recommendations: who they are addressed to"),
    col(
        "tipo_observacion",
        STRING,
        "audit results: con_observacion or sin_observacion ('Resultado 3 con observación'); null elsewhere",
    ),
    col(
        "tipo_accion",
        STRING,
        "audit actions: recomendacion or pliego_de_observaciones (the action a result promotes); null elsewhere",
    ),
    col("importe_observado", FLOAT, "audit results: the amount observed as printed ('Importe observado $...')"),
    col(
        "corrected",
        STRINGS,
        "fields whose value is not the raw reading: campo:corregido (a visit date or an amount whose digits OCR "
        "misread, read back) or campo:imputado (a visit printed without its year takes the report's)",
    ),
    col(
        "checks",
        STRINGS,
        "cross-checks an audit report's summary allows ('Se determinaron 13 resultados, de los cuales 9 ...'), on "
        "its row, with their outcome (name=ok|conflict): resultados and con_observacion (the counts stated against "
        "the results read), acciones (recommendations and pliegos stated add up to the results with observation), "
        "recuperaciones (the total stated against the observed amounts read)",
    ),
    col("comentario_extraccion", STRING, "human-readable explanation of every correction, imputation and conflict"),
)

DATASET = Dataset(
    "findings",
    SCHEMA,
    "Supervision report items.",
    required_key=("seccion", "texto"),
    natural_key=("seccion", "numero"),
    enums={
        "seccion": frozenset({"objetivo_general", "objetivo_especifico", "hallazgo", "conclusion", "recomendacion"}),
        "tipo_observacion": frozenset({"con_observacion", "sin_observacion"}),
        "tipo_accion": frozenset({"recomendacion", "pliego_de_observaciones"}),
    },
    ranges={"confidence": (0, 1), "page": (1, None)},
)
