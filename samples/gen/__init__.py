"""The sample-document generator behind ``samples/make_samples.py`` (not part of papeleo).

One module per document family holds that family's authored content, its drawing, its
OCR'd-text export and its golden truth, and exposes the same names so the driver can treat
the four alike: ``FAMILY``, ``SCAN_SEED``, ``SCAN_QUALITY``, ``DOC`` (golden ``documents``
fields), ``build(M, data)``, ``ocr(doc)`` and ``truth(doc, data)``. The shared machinery is
in ``_text`` (rich text, wrapping), ``_layout`` and ``_table`` (drawing), ``_scan`` (the
image-only form) and ``_common`` (dates/URLs, OCR damage, the mentions cross-check).

Everything here is ``.py`` so ``papeleo ingest samples`` never reads it as a document.
"""

from . import _convenio, _dictamen, _informe, _mir

# Generation order; it is also the order of the CLI report.
FAMILIES = (_mir, _convenio, _dictamen, _informe)
