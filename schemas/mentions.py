"""``mentions``: things a document names (links, laws, people, bodies, dates, amounts)."""

from ._base import INT, STRING, Dataset, col, record_schema

TIPOS = frozenset({"url", "referencia_legal", "persona", "organizacion", "fecha", "monto", "cantidad"})

SCHEMA = record_schema(
    col("tipo", STRING, "kind: url, referencia_legal, persona, organizacion, fecha, monto or cantidad", nullable=False),
    col(
        "valor",
        STRING,
        "normalised value (a whole URL rejoined across lines, Amparo 1177-2017, ISO date)",
        nullable=False,
    ),
    col("texto_original", STRING, "the text as it appears in the document (first occurrence)"),
    col("ocurrencias", INT, "how many times the document names this value"),
)

DATASET = Dataset(
    "mentions",
    SCHEMA,
    "Things named in any document.",
    natural_key=("tipo", "valor"),
    enums={"tipo": TIPOS},
    ranges={"confidence": (0, 1), "page": (1, None)},
)
