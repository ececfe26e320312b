"""Relatives of the municipal MIR report that print other tables: state PbR indicator results,
SEVAC/CONAC 'Indicadores de Resultados', POA goal progress. Each reader returns finished
``indicators`` records for the formats it recognises (none for others); ``v2.extract`` keeps the
reading the document's arithmetic backs best, theirs or the municipal readers'.
"""

from __future__ import annotations

import logging
from typing import Any

from papeleo.model import Document

from ..keys import OUT_OF_SEQUENCE, flag_repeated_keys
from ..record import add_flags
from . import pbr, poa, sevac

log = logging.getLogger(__name__)

READERS = (pbr.read, sevac.read, poa.read)


def format_readings(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(reader name, records) for every relative format this document is printed in."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    for read in READERS:
        out += read(doc, meta)
    return out


def flag_chosen(name: str, records: list[dict[str, Any]], read_by_ocr: bool) -> None:
    """The doubts a format's reader adds once its reading is the one kept (added before, they
    would weigh in the choice between readings, where they are no evidence either way)."""
    if read_by_ocr and name.startswith("sevac"):
        sevac.flag_unchecked_programado(records)
    if read_by_ocr and name.startswith("pbr"):
        pbr.flag_unbacked_values(records)
    if name.startswith("poa"):
        flag_pct_of_doubted_counts(records)
    if name.startswith("pbr"):
        # a PbR prints each clave once (C1951, then C1951.A1943 ...): an activity whose own part
        # OCR damaged ('.41943') reads under its component's clave, and nothing says which of
        # the rows holds the component's numbers (dev MIR OCR'd text 202)
        flag_repeated_keys(records)
        flag_components_after_their_activities(records)


def flag_pct_of_doubted_counts(records: list[dict[str, Any]]) -> None:
    """A unit's % whose programado or alcanzado a failing sum doubts is doubted too: it holds on
    them whatever row they were read from (OCR'd text of report 6997: a unit whose garbled name
    took another unit's 901 and 699, its 78% holding on them, unflagged where the sums were)."""
    for rec in records:
        checks = [str(c) for c in rec.get("checks") or []]
        for pre in ("", "beneficiarios_"):
            pct = f"{pre}avance_pct"
            doubted = any(
                c == f"{pre}{k}{poa.SUM_SUFFIX}=conflict" for c in checks for k in ("programado", "alcanzado")
            )
            if doubted and rec.get(pct) is not None and not any(c.startswith(f"{pct}_") for c in checks):
                add_flags(
                    rec,
                    [f"{pct}_sin_respaldo=conflict"],
                    f"{pct}: sale de valores que la suma de las unidades pone en duda",
                )


def flag_components_after_their_activities(records: list[dict[str, Any]]) -> None:
    """A PbR prints a component's row before its activities ('C1990', then 'C1990.A1922' …): a
    component's key read after one of its own activities is an activity whose own part OCR lost
    ('C1990' between C1990.A1922 and C1990.A1926, OCR'd text of report 6993, its values
    unflagged), so every value of the row is doubted (``OUT_OF_SEQUENCE``)."""
    seen: set[str] = set()
    for rec in records:
        clave = str(rec.get("clave") or "")
        stem, dot, _ = clave.partition(".")
        if dot:
            seen.add(stem)
        elif clave in seen:
            note = f"la clave {clave} de un componente viene después de una de sus actividades: puede ser una actividad"
            add_flags(rec, [f"{OUT_OF_SEQUENCE}=conflict"], note)
