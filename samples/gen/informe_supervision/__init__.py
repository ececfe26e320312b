"""Family informe_supervision: the fixed sample (``sample.py``) and the seeded generator of
varied supervision and audit reports (``generator.generate``).

The fixed-sample names (``FAMILY``, ``SCAN_SEED``, ``SCAN_QUALITY``, ``DOC``, ``build``,
``ocr``, ``truth``) are what ``make_samples.py`` uses and stay byte-for-byte what they were;
``generate`` is what ``samples/generate.py``, property tests and benchmarks use.

Modules of the generator, by responsibility: ``vocab`` and ``topics`` (the words), ``marks``
(mentions written with their canonical values), ``fill`` (template slots), ``frame``
(issuer, page, furniture, headings), ``ombudsman`` + ``findings``, ``audit`` + ``audit_text``
and ``externa`` (the three kinds of body), ``sources`` (footnotes and legal references),
``model`` (the plan), ``hyphen`` and ``draw`` (layout), ``truth`` and ``ocrtext`` (the
truth and the OCR'd-text form), ``generator`` (the forms).
"""

from .generator import REAL_OCR_SHARE, generate, plan_for
from .sample import DOC, FAMILY, SCAN_QUALITY, SCAN_SEED, build, ocr, truth

__all__ = [
    "DOC",
    "FAMILY",
    "REAL_OCR_SHARE",
    "SCAN_QUALITY",
    "SCAN_SEED",
    "build",
    "generate",
    "ocr",
    "plan_for",
    "truth",
]
