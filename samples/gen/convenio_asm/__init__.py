"""Family convenio_asm: agreements and working documents that commit a body to fix the
Aspectos Susceptibles de Mejora (ASM) of an evaluation.

Two things live here. ``sample`` is the fixed sample of ``samples/make_samples.py`` (one
document, byte-identical goldens); its names are re-exported because the sample driver finds
a family by these names. ``generate`` is the seeded generator of varied documents
(``gen/_generated.py`` is its contract): every axis on which real agreements differ — the
convenio of a state's finance and control secretariats, CONEVAL's "Documento de trabajo" and
"Documento institucional" annexes with an optional "Posición institucional", label/value
ASM sheets without dates — drawn from ``random.Random(seed)``. ``README.md`` beside this file
lists the axes and what the truth rows carry.
"""

from __future__ import annotations

from .generate import generate
from .sample import DOC, FAMILY, SCAN_QUALITY, SCAN_SEED, build, ocr, truth

__all__ = ["DOC", "FAMILY", "SCAN_QUALITY", "SCAN_SEED", "build", "generate", "ocr", "truth"]
