"""The document's truth in the golden shape, from the drawn model and the layout record.

Rows carry the contract's ``commitments`` columns plus ``page`` (first page of the row), the
printed date (``fecha_texto``), the boxes the row occupies (``boxes``: ``[page, x0, top, x1,
bottom]`` per page, PDF points, top-left origin) and, for the CONEVAL formats, the annex's
own columns (``area_responsable``, ``area_coordinadora``, ``resultados_esperados``,
``evidencias``, ``anexo``) as the hand-read real goldens name them. Nothing here reads text
back from a rendered form: pages and boxes come from what the table drawer recorded.
"""

from __future__ import annotations

from .._layout import Doc
from .model import CONVENIO, FICHA, Fila, Modelo

# mention fields every mention has; others (cargo, precision, moneda ...) are extras
MENTION_KEYS = ("tipo", "valor", "texto", "page")


def row_boxes(d: Doc) -> dict[tuple[str, int], list[list[float]]]:
    """(tipo, numero) → one box per page the record's rows occupy, in page order."""
    boxes: dict[tuple[str, int], dict[int, list[float]]] = {}
    for rec in d.tables:
        for part in rec.parts:
            key = rec.rows[part.row].rec
            if key is None:
                continue
            x0, top, x1, bottom = part.bbox
            page = boxes.setdefault(key, {})
            if part.page in page:
                b = page[part.page]
                page[part.page] = [min(b[0], x0), min(b[1], top), max(b[2], x1), max(b[3], bottom)]
            else:
                page[part.page] = [x0, top, x1, bottom]
    return {k: [[p, *(round(v, 2) for v in b)] for p, b in sorted(v.items())] for k, v in boxes.items()}


def commitment(f: Fila, m: Modelo, boxes: list[list[float]], anexo: str | None) -> dict:
    fecha = f.fecha
    row = {
        "tipo": f.tipo,
        "numero": f.numero,
        "texto": f.texto,
        "actividad_comprometida": f.actividad.flat(),
        "fecha_compromiso": fecha.iso if fecha else None,
        "fecha_precision": fecha.precision if fecha else None,
        "fecha_texto": fecha.texto if fecha and fecha.legible else None,
        "programa_evaluado": m.programa,
        "sujeto_evaluado": None if m.format == FICHA else m.sujeto.organizacion,
        "page": boxes[0][0],
        "boxes": boxes,
    }
    if fecha is not None and not fecha.legible:
        row["fecha_legible"] = False
    if m.format != CONVENIO:
        row["area_responsable"] = f.area_responsable
        row["resultados_esperados"] = f.resultados
        row["evidencias"] = "; ".join(f.evidencias)
        if f.area_coordinadora:
            row["area_coordinadora"] = f.area_coordinadora
        row["anexo"] = anexo
    return row


def emisor(m: Modelo) -> str:
    """The convenio is issued by its coordinating body (as the fixed sample's golden says); the
    annexes and sheets by the evaluated body that signs them (as the real Campeche goldens say)."""
    if m.format != CONVENIO:
        return m.sujeto.organizacion
    where = f"del Municipio de {m.municipio}" if m.municipio else f"del Gobierno del Estado de {m.estado}"
    return f"{m.partes[0].organizacion} {where}"


def table_date_mentions(d: Doc, m: Modelo) -> list[dict]:
    """The committed dates printed in the tables, each on the page of its cell."""
    fechas = {(f.tipo, f.numero): f.fecha for f in m.filas}
    out = []
    for rec in d.tables:
        for part in rec.parts:
            row = rec.rows[part.row]
            key = "fecha" if "fecha" in row.cells else ("actividad" if row.kind == "fecha" else None)
            f = fechas.get(row.rec) if key else None
            if f is None or not f.iso or not any(part.lines.get(key, [])):
                continue
            out.append({"tipo": "fecha", "valor": f.iso, "texto": f.texto, "page": part.page, "precision": f.precision})
    return out


def dedupe_mentions(mentions: list[dict]) -> list[dict]:
    """One mention per (tipo, valor[, precision]): the first printed (lowest page, drawing order).
    A day and a month can share an ISO value ('31 de julio de 2019', 'Julio 2019'); both stay."""
    seen, out = set(), []
    for mn in sorted(mentions, key=lambda x: x["page"]):
        key = (mn["tipo"], str(mn["valor"]), mn.get("precision"))
        if key not in seen:
            seen.add(key)
            out.append(mn)
    return out


def build_truth(m: Modelo, d: Doc) -> dict:
    boxes = row_boxes(d)
    anexo = d.info.get("anexo")
    rows = [commitment(f, m, boxes[(f.tipo, f.numero)], anexo) for f in m.filas]
    dated = m.format == CONVENIO or d.info.get("clave") is not None
    truth = {
        "documents": {
            "doc_type": "convenio_asm",
            "pages": d.page,
            "emisor": emisor(m),
            "titulo": d.info["titulo"],
            "clave_documento": d.info.get("clave"),
            "fecha_documento": m.firma.isoformat() if dated else None,
        },
        "commitments": rows,
        "mentions": dedupe_mentions(d.w.mentions + table_date_mentions(d, m)),
    }
    if "anexo_f_values" in d.info:
        truth["anexo_f_values"] = d.info["anexo_f_values"]
    return truth
