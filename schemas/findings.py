"""``findings``: supervision report items (informe_supervision documents)."""

from ._base import DATE, FLOAT, INT, STRING, Dataset, col, record_schema

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
