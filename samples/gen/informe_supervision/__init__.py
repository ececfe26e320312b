"""Family informe_supervision: the fixed sample (``sample.py``), whose names
(``FAMILY``, ``SCAN_SEED``, ``SCAN_QUALITY``, ``DOC``, ``build``, ``ocr``, ``truth``) are what
``make_samples.py`` uses and stay byte-for-byte what they were."""

from .sample import DOC, FAMILY, SCAN_QUALITY, SCAN_SEED, build, ocr, truth

__all__ = ["DOC", "FAMILY", "SCAN_QUALITY", "SCAN_SEED", "build", "ocr", "truth"]
