"""``documents``: one row per input file, written last so a row here means the file's other
datasets are complete (see papeleo.store)."""

import pyarrow as pa

from ._base import DATE, FLOAT, INSTANT, INT, STRING, STRINGS, Dataset, col

SCHEMA = pa.schema(
    [
        col("doc_id", STRING, "sha256 of the file's bytes, hex", nullable=False),
        col("source", STRING, "where the file came from, as given (path or URI)", nullable=False),
        col("file_name", STRING, "base name of the source"),
        col(
            "doc_type",
            STRING,
            "document family (a doc type declared by an installed extractor family, e.g. mir_avance) or unknown",
        ),
        col("doc_type_score", FLOAT, "classifier confidence in doc_type, 0-1"),
        col("pages", INT, "number of pages (plain text: form-feed separated pages, else 1)"),
        col(
            "text_source", STRING, "how the text was obtained: text_layer, ocr, mixed (some pages OCR'd) or plain_text"
        ),
        col("ocr_confidence", FLOAT, "mean word confidence of OCR'd pages, 0-1; null if no OCR"),
        col("pages_ocr", INT, "pages read by OCR (scanned, or a text layer that could not be trusted)"),
        col(
            "pages_rotated",
            INT,
            "pages not upright as stored (scanned sideways or upside down, or turned by the PDF's /Rotate)",
        ),
        col("pages_respaced", INT, "text-layer pages re-read with the page's own word spacing (words ran together)"),
        col(
            "reading_notes",
            STRINGS,
            "what the reader did to each page beyond reading it as published, and why (p3: ocr: ...)",
        ),
        col("emisor", STRING, "issuing body, when found"),
        col("titulo", STRING, "document title, when found"),
        col("clave_documento", STRING, "the document's own reference number (e.g. IEM/CV/SPE/07/2020), when found"),
        col("fecha_documento", DATE, "date of the document (signature, approval or report date), when found"),
        col(
            "ejercicio",
            INT,
            "fiscal year the document reports on: the most common year in its family's year columns "
            "(indicators.ejercicio, scores.periodo_fin, commitments.pae, findings.fecha), else the year "
            "of fecha_documento; null when neither is known",
        ),
        col("status", STRING, "ok, partial (some records rejected or not extracted: see failures) or failed"),
        col("extractor", STRING, "names and versions of the extractors that produced its records, comma-separated"),
        col("extracted_at", INSTANT, "when this row was written"),
        col("records", INT, "rows written for this document across the record datasets"),
    ]
)

DATASET = Dataset(
    "documents",
    SCHEMA,
    "One row per input file.",
    kind="documents",
    natural_key=("file_name",),
    # doc_type's allowed values are the installed families' doc types (papeleo.registry)
    enums={
        "text_source": frozenset({"text_layer", "ocr", "mixed", "plain_text"}),
        "status": frozenset({"ok", "partial", "failed"}),
    },
    ranges={"doc_type_score": (0, 1), "ocr_confidence": (0, 1), "pages": (0, None), "ejercicio": (1900, 2200)},
)
