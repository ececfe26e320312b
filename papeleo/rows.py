"""A conversion's rows for the ``documents`` and ``failures`` datasets: what the pipeline
says about a file, as opposed to the records its extractors read from it (``pipeline``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import Any

from . import docyear, registry
from .model import Document

# ``conv`` below is a ``pipeline.Conversion``, typed Any as in ``decisions.apply``: this module
# sits below ``pipeline``, which imports it
Conversion = Any


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def document_to_page_counts(doc: Document | None) -> dict[str, Any]:
    """How the pages were read: OCR'd, turned upright, re-spaced, with each page's notes."""
    if doc is None:
        return {"pages_ocr": None, "pages_rotated": None, "pages_respaced": None, "reading_notes": None}
    # the OCR reader notes the turns it chose ("turned: ..."); a /Rotate the PDF itself applies is noted here
    notes = [
        f"p{p.number}: turned {p.rotation}° by the PDF's own /Rotate"
        for p in doc.pages
        if p.rotation and not any(n.startswith("turned") for n in p.reading_notes)
    ]
    notes += [f"p{p.number}: {n}" for p in doc.pages for n in p.reading_notes]
    return {
        "pages_ocr": sum(p.text_source == "ocr" for p in doc.pages),
        "pages_rotated": sum(bool(p.rotation) for p in doc.pages),
        "pages_respaced": sum(any(n.startswith("respaced") for n in p.reading_notes) for p in doc.pages),
        "reading_notes": sorted(notes, key=lambda n: int(n[1 : n.index(":")])),
    }


def conversion_to_year(conv: Conversion) -> int | None:
    """``documents.ejercicio``: from the year columns of the families that handle the doc type."""
    fecha = conv.doc_fields.get("fecha_documento")
    for spec in registry.specs().values():
        if spec.year_from and conv.doc_type in spec.doc_types:
            return docyear.records_to_year(conv.records.get(spec.dataset, ()), spec.year_from, fecha)
    return docyear.records_to_year((), (), fecha)


def conversion_to_documents_row(conv: Conversion, now: dt.datetime) -> dict[str, Any] | None:
    if conv.doc_id is None:
        return None
    doc = conv.document
    return {
        "doc_id": conv.doc_id,
        "source": conv.source,
        "file_name": conv.file_name or os.path.basename(conv.source),
        "doc_type": conv.doc_type,
        "doc_type_score": conv.doc_type_score,
        "pages": (doc.page_count or len(doc.pages)) if doc else None,
        "text_source": doc.text_source if doc else None,
        "ocr_confidence": round(doc.ocr_confidence, 4) if doc and doc.ocr_confidence is not None else None,
        **document_to_page_counts(doc),
        **{k: conv.doc_fields.get(k) for k in ("emisor", "titulo", "clave_documento", "fecha_documento")},
        "ejercicio": conversion_to_year(conv),
        "status": conv.status,
        "extractor": ",".join(conv.extractors) or None,
        "extracted_at": now,
        "records": sum(len(rows) for rows in conv.records.values()),
    }


def conversion_to_failure_rows(conv: Conversion, now: dt.datetime) -> list[dict[str, Any]]:
    rows = []
    for i, f in enumerate(conv.failures):
        ident = f"{conv.key}|{i}|{f.stage}|{f.error_type}|{f.message}|{f.record}"
        rows.append(
            {
                "doc_id": conv.doc_id,
                "source": conv.source,
                "stage": f.stage,
                "error_type": f.error_type,
                "message": f.message,
                "record": f.record,
                "failed_at": now,
                "record_id": hashlib.sha256(ident.encode()).hexdigest()[:32],
            }
        )
    return rows
