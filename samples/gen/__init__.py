"""The sample-document generator behind ``samples/make_samples.py`` (not part of papeleo).

One public module per document family, named after the family (``mir_avance.py``,
``convenio_asm.py``, ...), holds that family's authored content, its drawing, its OCR'd-text
export and its golden truth, and exposes the same names so the driver can treat them alike:
``FAMILY``, ``SCAN_SEED``, ``SCAN_QUALITY``, ``DOC`` (golden ``documents`` fields),
``build(M, data)``, ``ocr(doc)`` and ``truth(doc, data)``. Adding a family's samples is adding
its module here: it is found by name, so the driver never changes.

The underscore modules are the generator's private toolkit, shared by the families:
``_text`` (rich text, wrapping), ``_layout`` and ``_table`` (drawing), ``_scan`` (the
image-only form) and ``_common`` (dates/URLs, OCR damage, the mentions cross-check).

Everything here is ``.py`` so ``papeleo ingest samples`` never reads it as a document.
"""

from __future__ import annotations

import importlib
import pkgutil


def _families() -> tuple:
    """Every public module of this package, alphabetically. Each family draws from its own
    seeded random state, so the order changes only the order of the CLI report."""
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        # the module name is the family name, so samples, goldens and tests agree on one word
        if mod.FAMILY != info.name:
            raise ValueError(
                f"samples/gen/{info.name}.py declares FAMILY = {mod.FAMILY!r}; "
                "a family module is named after its family"
            )
        mods.append(mod)
    return tuple(mods)


FAMILIES = _families()
