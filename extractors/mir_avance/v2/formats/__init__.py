"""Relatives of the municipal MIR report that print other tables: state PbR indicator results,
SEVAC/CONAC 'Indicadores de Resultados', POA goal progress. Each reader returns finished
``indicators`` records for the formats it recognises (none for others); ``v2.extract`` keeps the
reading the document's arithmetic backs best, theirs or the municipal readers'.
"""

from __future__ import annotations

from typing import Any

from papeleo.model import Document


def format_readings(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(reader name, records) for every relative format this document is printed in."""
    return []
