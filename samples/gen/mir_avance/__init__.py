"""Family mir_avance: MIR quarterly indicator reports (dataset ``indicators``).

Two things live here. ``sample`` is the fixed sample behind ``make_samples.py`` (seed 004's
layout, authored rows, byte-identical goldens); its names are re-exported because the sample
driver finds a family by these names. ``generate`` is the seeded generator of varied documents
(``gen/_generated.py`` is its contract): municipal MIR reports drawn over every axis the real
reports differ on, and the state PbR, SEVAC/CONAC and POA formats seen in ../shared/realworld.
"""

from __future__ import annotations

from .generate import generate
from .sample import DOC, FAMILY, SCAN_QUALITY, SCAN_SEED, build, ocr, truth

__all__ = ["DOC", "FAMILY", "SCAN_QUALITY", "SCAN_SEED", "build", "generate", "ocr", "truth"]
