"""The ``documents`` row's own fields (emisor, título, clave, fecha) for any family.

Two versions are registered side by side, as the registry asks of a change that alters rows:

``metadata.v1`` (v1.py)  the first cut: the first body name in capitals near the top, the most
                         repeated reference code, the first long capitalised line, the last
                         closing formula's date.
``metadata.v2`` (v2.py)  what a reader gives: the issuer from the letterhead, signature block and
                         the document naming itself ('esta Secretaría'), never an addressee or an
                         audited body; the document's own reference over the ones it cites; the
                         date with the strongest basis (signing formula, dateline, 'Fecha de
                         corte'), never one read inside a reference number; the title block of
                         the first page that is not a cover letter.

``spec.json`` says which one runs.
"""

from __future__ import annotations

from . import v1, v2
from .v1 import document_to_clave, document_to_emisor, document_to_fecha, document_to_titulo, extract

__all__ = [
    "document_to_clave",
    "document_to_emisor",
    "document_to_fecha",
    "document_to_titulo",
    "extract",
    "v1",
    "v2",
]
