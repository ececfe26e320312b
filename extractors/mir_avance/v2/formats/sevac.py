"""SEVAC/CONAC "Indicadores de Resultados": metas listed under their budget project, each with
programado anual, modificado anual, alcanzado al periodo and % de cumplimiento.

The format gives an indicator no key of its own: like the hand-read golden of
chis_icatech_sevac_indicadores_2020t2, a meta row carries its project's clave (``A001``) and the
project's name, finalidad, subfunción and project type from the band rows above it. The head is
often printed rotated, and the text layer garbles it, so the four numbers are taken in the
order CONAC prescribes and checked: % cumplimiento = alcanzado / modificado · 100
(``cumplimiento_calculado``). meta_anual = programado anual, avance_pct = % cumplimiento.
Budget and beneficiary figures belong to the project row and are not indicator values.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold

from .rows import FRow, base_record, note_repairs, row_streams, value

log = logging.getLogger(__name__)

# 'INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2020'
TITLE = regex.compile(r"(?:indicadores de resultados){e<=2}", regex.I)
# 'Organismo Público: Instituto de Capacitación y Vinculación Tecnológica del Estado de Chiapas'
ORGANISMO = regex.compile(r"(?:organismo p[uú]blico){e<=2}\s*:\s*(?P<n>[^\n]+)", regex.I)
# a project's key in its own cell: 'A001', 'E019'
PROYECTO = regex.compile(r"^[A-Z]\s?[0-9OIl]{3}$")
# a project-type band: 'PROYECTOS INSTITUCIONALES:', 'PROYECTOS DE INVERSIÓN:'
TIPO_BAND = regex.compile(r"^proyectos\b.*:$", regex.I)
METAS = ("programado_anual", "modificado_anual", "alcanzado_periodo", "cumplimiento_pct")
# a printed % agrees with alcanzado/modificado within its two-decimal rounding and this slack
PCT_SLACK = Decimal("0.005")
CONF_OK, CONF_UNCHECKED, CONF_CONFLICT = 0.95, 0.7, 0.4
LOOKALIKE = str.maketrans({"O": "0", "I": "1", "l": "1"})


def cumplimiento_holds(pct: float | None, alc: float | None, mod: float | None) -> bool | None:
    if pct is None or alc is None or mod is None:
        return None
    if mod == 0:
        return pct == 0
    exact = (Decimal(str(alc)) / Decimal(str(mod)) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return abs(exact - Decimal(str(pct))) <= PCT_SLACK


def _meta_record(row: FRow, meta: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any] | None:
    """A meta row: its name and unit (text) and at least the four meta numbers; None for
    anything else (a band, a project, a head)."""
    texts, nums = row.texts(), row.numbers()
    if not ctx.get("clave") or len(nums) != len(METAS) or not texts:
        return None
    rec = base_record(meta, row, CONF_UNCHECKED)
    rec.update({k: ctx.get(k) for k in ("clave", "clave_proyecto", "objetivo_desarrollo_sostenible", "proyecto")})
    rec.update({k: ctx.get(k) for k in ("finalidad", "subfuncion", "tipo_proyecto")})
    rec.update(nivel=None, siglas=None, frecuencia=None, resumen_narrativo=None, comentario=None)
    rec["indicador"] = texts[0]
    rec["unidad_medida"] = texts[1] if len(texts) > 1 else None
    vals = [value(n) for n in nums]
    rec.update(zip(METAS, vals))
    note_repairs(list(METAS), list(nums), rec)
    rec["meta_anual"], rec["avance_pct"] = rec["programado_anual"], rec["cumplimiento_pct"]
    ok = cumplimiento_holds(vals[3], vals[2], vals[1])
    if ok is not None:
        rec["checks"].append(f"cumplimiento_calculado={'ok' if ok else 'conflict'}")
        rec["confidence"] = CONF_OK if ok else CONF_CONFLICT
    return rec


def rows_to_records(rows: list[FRow], meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Band rows set the context (finalidad, subfunción, project type, project) that the meta
    rows under them inherit."""
    ctx: dict[str, Any] = {}
    bands: list[str] = []
    out = []
    for row in rows:
        first = row.items[0].text.strip()
        if PROYECTO.match(first):
            clave = first[0] + first[1:].replace(" ", "").translate(LOOKALIKE)
            # the key itself may read as a number ('A001' -> 4001 by look-alike letters): skip it
            rest = row.items[1:]
            texts = [i.text for i in rest if not i.is_number]
            ods = next((str(int(i.numbers[0].value)) for i in rest[:1] if i.is_number and i.numbers[0].value), None)
            ctx.update(clave=clave, clave_proyecto=clave, proyecto=texts[0] if texts else None)
            ctx["objetivo_desarrollo_sostenible"] = ods
            continue
        rec = _meta_record(row, meta, ctx)
        if rec is not None:
            out.append(rec)
            continue
        if not row.numbers() or len(row.items) <= len(row.numbers()) + 1:
            text = " ".join(row.texts())
            if TIPO_BAND.match(text):
                ctx["tipo_proyecto"] = text.rstrip(":").strip()
            elif text.isupper() and len(row.texts()) == 1:
                bands.append(text)
                ctx["finalidad"], ctx["subfuncion"] = (bands[-2] if len(bands) > 1 else None), bands[-1]
    return out


def read(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    if not TITLE.search(fold(doc.text[:4000])):
        return []
    m = ORGANISMO.search(doc.text)
    if m:
        meta = {**meta, "ente": " ".join(m.group("n").split()).strip(" .;:")}
    out = []
    for name, rows in row_streams(doc):
        records = rows_to_records(rows, meta)
        log.debug("sevac %s: %d rows", name, len(records))
        out.append((f"sevac_{name}", records))
    return out
