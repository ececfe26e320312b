"""``metadata.v2``: the ``documents`` row's emisor, título, clave and fecha as a reader gives them.

Each field has its module (emisor, titulo, clave, fecha) working on one view of the document,
``layout.Layout``: pages cut into segments with their place (heading zone, running lines,
addressee block). See the package docstring for what changed from v1 and why.

The basis of the date (signing formula, dateline, printed date, cut-off) is logged as
``fecha_documento_fuente``; it goes into ``Extraction.document`` the day the ``documents``
schema has that column.
"""

from __future__ import annotations

import logging

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register

from .clave import layout_to_clave
from .emisor import layout_to_emisor
from .fecha import layout_to_fecha
from .layout import document_to_layout
from .titulo import layout_to_titulo

log = logging.getLogger(__name__)


def document_to_fields(doc: Document) -> dict:
    """All four fields (None where nothing supports one), and the date's basis."""
    layout = document_to_layout(doc)
    title_pages = {p.number for p in layout.heading_pages()}
    clave = layout_to_clave(layout, title_pages)
    fecha = layout_to_fecha(layout)
    titulo = layout_to_titulo(layout)
    return {
        "emisor": layout_to_emisor(layout, titulo),
        "titulo": titulo,
        "clave_documento": clave.code if clave else None,
        "fecha_documento": fecha.date.value if fecha else None,
        "fecha_documento_fuente": fecha.fuente if fecha else None,
    }


# columns of the documents schema this extractor fills; fecha_documento_fuente joins them when the
# schema has it (proposed to the schema's owner)
DOCUMENT_COLUMNS = ("emisor", "titulo", "clave_documento", "fecha_documento")


@register("metadata.v2")
def extract(doc: Document, ctx: Context | None = None) -> Extraction:
    fields = document_to_fields(doc)
    log.info("%s: fecha_documento_fuente %s", doc.file_name, fields["fecha_documento_fuente"])
    return Extraction(document={k: fields[k] for k in DOCUMENT_COLUMNS if fields[k] is not None})
