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
from . import vocab_asm as VA
from .asm_table import TableRecord, VRow
from .dates import PERIODO
from .model import CONVENIO, FICHA, Fila, Modelo
from .tables import FICHA_LABELS

# mention fields every mention has; others (cargo, precision, moneda ...) are extras
MENTION_KEYS = ("tipo", "valor", "texto", "page")
PUNCT = ".,;:()“”\"'*"


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


def cell_words(rec: TableRecord, ri: int, key: str) -> list[tuple[str, int]]:
    """The words a cell printed, in order, each with its page (a row cut by a page break goes on)."""
    return [
        (w, part.page) for part in rec.parts if part.row == ri for ln in part.lines.get(key, []) for w in ln.split()
    ]


def page_of(words: list[tuple[str, int]], phrase: str) -> int:
    """The page of the first word of ``phrase`` among a cell's printed words."""
    want = [w.strip(PUNCT) for w in phrase.split()]
    have = [w.strip(PUNCT) for w, _ in words]
    for i in range(len(have) - len(want) + 1):
        if have[i : i + len(want)] == want:
            return words[i][1]
    raise AssertionError(f"{phrase!r} is not printed in its cell: {' '.join(w for w, _ in words)!r}")


def table_date_mentions(d: Doc, m: Modelo) -> list[dict]:
    """The committed dates printed in the tables, each on the page of its first word; a range's
    two ends are two dates."""
    fechas = {(f.tipo, f.numero): f.fecha for f in m.filas}
    out = []
    for rec in d.tables:
        for ri, row in enumerate(rec.rows):
            key = "fecha" if "fecha" in row.cells else ("actividad" if row.kind == "fecha" else None)
            f = fechas.get(row.rec) if key else None
            if f is None or not f.iso:
                continue
            # a mention's value is what it names: a month as YYYY-MM (the commitment's own
            # fecha_compromiso keeps the month's last day)
            if f.extremos == PERIODO:
                continue
            ends = f.extremos or ((f.iso[:7] if f.precision == "mes" else f.iso, f.precision, f.texto),)
            words = cell_words(rec, ri, key)
            for valor, precision, texto in ends:
                page = page_of(words, texto)
                out.append({"tipo": "fecha", "valor": valor, "texto": texto, "page": page, "precision": precision})
    return out


def cell_bodies(row: VRow, key: str) -> list[str]:
    """The bodies a table cell names: a responsible or coordinating area that is a unit's name, or
    a body named inside a finding, recommendation or activity."""
    cell = row.cells[key]
    label = row.cells.get("label")
    if key in ("area", "coordinadora") or (key == "value" and label is not None and label.text == FICHA_LABELS[2]):
        return [cell.text] if cell.text and cell.text not in VA.AREAS_SIN_NOMBRE else []
    text = " ".join([cell.text, cell.intro or "", *cell.items])
    return [b for b in VA.ORGANIZACIONES_EN_TEXTO if b in text]


def table_org_mentions(d: Doc) -> list[dict]:
    """The bodies printed in the tables' cells, each on the page of its first word."""
    out = []
    for rec in d.tables:
        for ri, row in enumerate(rec.rows):
            for key in row.cells:
                for body in cell_bodies(row, key):
                    page = page_of(cell_words(rec, ri, key), body)
                    out.append({"tipo": "organizacion", "valor": body, "texto": body, "page": page})
    return out


def dedupe_mentions(mentions: list[dict]) -> list[dict]:
    """One mention per (tipo, valor[, precision, unidad, moneda]): the first printed (lowest page,
    drawing order). A day and a month can share an ISO value ('31 de julio de 2019', 'Julio 2019');
    both stay, and so do '3 hallazgos' and '3 recomendaciones'."""
    seen, out = set(), []
    for mn in sorted(mentions, key=lambda x: x["page"]):
        key = (mn["tipo"], str(mn["valor"]), mn.get("precision"), mn.get("unidad"), mn.get("moneda"))
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
        "mentions": dedupe_mentions(d.w.mentions + table_date_mentions(d, m) + table_org_mentions(d)),
    }
    if "anexo_f_values" in d.info:
        truth["anexo_f_values"] = d.info["anexo_f_values"]
    return truth
