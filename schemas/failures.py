"""``failures``: what could not be ingested, and why, in words a person can act on."""

import pyarrow as pa

from ._base import INSTANT, STRING, Dataset, col

SCHEMA = pa.schema(
    [
        col("doc_id", STRING, "sha256 of the file; null when the file could not even be read"),
        col("source", STRING, "where the file came from, as in documents.source", nullable=False),
        col(
            "stage",
            STRING,
            "pipeline stage that failed: fetch, read, classify, extract, validate or write",
            nullable=False,
        ),
        col(
            "error_type",
            STRING,
            "short machine-readable kind (encrypted_pdf, not_a_document, schema_violation, ...)",
            nullable=False,
        ),
        col("message", STRING, "what a person needs to know to fix it", nullable=False),
        col("record", STRING, "the rejected record as JSON, when a single record was rejected"),
        col("failed_at", INSTANT, "when the failure happened", nullable=False),
        col("record_id", STRING, "stable id of this failure row (doc and failure content)", nullable=False),
    ]
)

DATASET = Dataset(
    "failures",
    SCHEMA,
    "What could not be ingested, and why.",
    kind="failures",
    natural_key=("source", "error_type"),
    enums={"stage": frozenset({"fetch", "read", "classify", "extract", "validate", "write"})},
)
