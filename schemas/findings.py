"""``findings``: supervision report items (informe_supervision documents)."""

from ._base import DATE, INT, STRING, Dataset, col, record_schema

SCHEMA = record_schema(
    col("seccion", STRING, "objetivo_general, objetivo_especifico, hallazgo, conclusion or recomendacion"),
    col("subseccion", STRING, "heading the item sits under"),
    col("numero", INT, "item number within its section (as printed, or its order)"),
    col("texto", STRING, "full text of the item, lines joined, hyphenation repaired"),
    col("fecha", DATE, "date of the visit or action the item belongs to, when stated"),
    col("destinatario", STRING, "for recommendations: who they are addressed to"),
)

DATASET = Dataset(
    "findings",
    SCHEMA,
    "Supervision report items.",
    required_key=("seccion", "texto"),
    natural_key=("seccion", "numero"),
    enums={
        "seccion": frozenset({"objetivo_general", "objetivo_especifico", "hallazgo", "conclusion", "recomendacion"})
    },
    ranges={"confidence": (0, 1), "page": (1, None)},
)
