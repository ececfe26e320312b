"""``mentions``: things a document names (links, laws, people, bodies, dates, amounts)."""

from ._base import FLOAT, INT, STRING, Dataset, col, record_schema

TIPOS = frozenset({"url", "referencia_legal", "persona", "organizacion", "fecha", "monto", "cantidad"})

SCHEMA = record_schema(
    col("tipo", STRING, "kind: url, referencia_legal, persona, organizacion, fecha, monto or cantidad", nullable=False),
    col(
        "valor",
        STRING,
        "normalised value: a whole URL rejoined across lines, Amparo 1177-2017, an ISO date, a name as a reader writes it (an acronym as its long form), a sum as its number (123.45), a count as number and unit (15 camas)",
        nullable=False,
    ),
    col("texto_original", STRING, "the text as it appears in the document (first occurrence)"),
    col("ocurrencias", INT, "how many times the document names this value"),
    col(
        "entidad_id",
        STRING,
        "persona and organizacion: one key for the same person or body however a document spells it "
        "(its name's words reduced to their sounds), the same across documents; null for other tipos",
    ),
    col("cargo", STRING, "persona: the post printed next to the name (SUBSECRETARIO DE ... -> Subsecretario de ...)"),
    col("numero", FLOAT, "monto and cantidad: the amount or the count as a number"),
    col("moneda", STRING, "monto: ISO 4217 code of the currency (MXN, GTQ, USD); '$' is read as MXN"),
    col("unidad", STRING, "cantidad: the noun counted, lowercase as printed ('camas', 'infusiones')"),
    col("precision", STRING, "fecha: what the value names: dia (YYYY-MM-DD), mes (YYYY-MM) or anio (YYYY)"),
)

DATASET = Dataset(
    "mentions",
    SCHEMA,
    "Things named in any document.",
    natural_key=("tipo", "valor"),
    enums={"tipo": TIPOS, "precision": frozenset({"dia", "mes", "anio"})},
    ranges={"confidence": (0, 1), "page": (1, None)},
)
