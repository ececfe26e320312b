"""The tesseract command-line configurations every OCR pass uses, in one place.

Binarisation is tesseract's local one (Sauvola, ``thresholding_method=2``) with its default
window, never one global Otsu level: a global level set between the paper and a shaded head or
row band turns the band black and its print with it (a generated SEVAC scan read 11 of the 108
numbers its text layer prints; its shaded heads and group rows were gone; tests/engine/
test_ocr_binarization.py: Otsu read 1 of the 8 words on two 75%-grey bands, Sauvola all 8).
Measured on development scans, document level, Otsu -> Sauvola (both with reread.py, before
cells.py and the two-pixel rule fringe were added): MIR 0-29 numbers exact 63.8% -> 69.7%; ASM 0-19 rows 81 -> 88 of 202;
dictámenes 0-9 scores 59.8% -> 68.2%; informes 0-9 fields 82.5% -> 88%. A half-inch window
read more numbers on MIR first pages (0.878 against 0.861) but dictámenes fell to 39.0%: the
default window is kept. The cost: a page blurred past reading comes back empty rather than as
low-confidence debris.
"""

from __future__ import annotations

BINARIZATION = "-c thresholding_method=2"
# The page: automatic layout, deliberately: --psm 6 silently dropped a whole ruled table (TOOLCHAIN.md).
PAGE_READ = f"--psm 3 {BINARIZATION}"
# Sparse text: as much text as possible, in no particular order (fill.py, reread.py).
SPARSE_READ = f"--psm 11 {BINARIZATION}"
# One cell of a ruled grid, padded with paper: a block of text, however short (cells.py).
CELL_READ = f"--psm 6 {BINARIZATION}"
