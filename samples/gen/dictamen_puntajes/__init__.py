"""Family dictamen_puntajes: the fixed sample (``sample``) and the seeded generator (``generate``).

``make_samples.py`` uses the fixed sample's names (``FAMILY, SCAN_SEED, SCAN_QUALITY, DOC,
build, ocr, truth``), which must keep making the committed files byte for byte;
``generate(seed, out_dir, forms)`` draws a new document of the family per seed (see
``generator``). Modules: ``vocab`` (word lists), ``names``, ``scores``, ``roster`` and ``spec``
(every axis, drawn), ``phrases``, ``prose``, ``considerandos`` and ``tables`` (what is printed),
``grid`` and ``draw`` (the PDF), ``text_form`` (the OCR'd text), ``truth``.
"""

from __future__ import annotations

from .generator import generate
from .sample import DOC, FAMILY, SCAN_QUALITY, SCAN_SEED, build, ocr, truth

__all__ = ["DOC", "FAMILY", "SCAN_QUALITY", "SCAN_SEED", "build", "generate", "ocr", "truth"]
