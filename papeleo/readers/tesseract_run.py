"""One tesseract pass over an image -> ``image_to_data``'s dict: in-process when it can be.

A scanned page takes about three tesseract passes (the page, then sparse, cell and block
re-reads of crops). Through the command line each pass is a new process that loads the
Spanish model again: 70 ms of a 140 ms crop read, 0.2 s of a 2.8 s page read (measured on
generated scans, one worker). tesserocr drives the same library in the worker process, with
one engine per (language, configuration) kept for the process's life, so the model is loaded
once. Nothing else changes: the same library version, the same page segmentation and
variables, the pixels handed over raw (no file, no resolution, so tesseract estimates it as it
does for the PGM the command line is given), and its TSV parsed by pytesseract's own parser.
Checked identical: the TSV of 24 pages and crops in three modes, and the read documents of the
4 sample scans and 20 generated ones (``benchmarks/bench_nightly.py reads``).

The command line stays the fallback, and is used when:
- tesserocr is not installed (it is built against the system's libtesseract: ``make setup``
  installs ``libtesseract-dev``; PyPI's binary wheel bundles another tesseract and is refused);
- its tesseract version differs from the ``tesseract`` command's (a reading must not depend
  on which path read it);
- a configuration holds anything but ``--psm N`` and ``-c name=value``;
- ``PAPELEO_TESSERACT_API=0`` is set (to compare the two, or to rule the API out).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shlex
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytesseract
from PIL import Image

log = logging.getLogger(__name__)

# Set to 0 to read through the command line only.
API_ENV = "PAPELEO_TESSERACT_API"

# The header of tesseract's TSV output; the API's GetTSVText gives the rows without it.
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

# Modes handed to the command line as an uncompressed PGM/PPM file rather than the PNG pytesseract
# writes: the same pixels without the compression (0.2-0.8 s for a 300-dpi page image, 25 ms as
# PGM), and neither format carries a resolution, so tesseract estimates it alike. Measured in one
# OCR worker, the two interleaved page by page over 20 scanned pages: 5% of the worker's time
# saved (median per page 0.956); the read documents of the 4 sample scans and 20 generated ones
# identical (sha1: benchmarks/bench_nightly.py reads). Other modes (1-bit, alpha) keep the PNG.
PNM_MODES = frozenset({"L", "RGB"})
# The start of the TesseractError raised when the API reads nothing (it prints the reason,
# e.g. Sauvola's "whsize must be >= 2" on a crop a few pixels tall, but does not return it).
READ_FAILED = "tesseract could not read"
# Modes whose bytes the API takes as they are (bytes per pixel).
RAW_MODES = {"L": 1, "RGB": 3}

_engines = threading.local()  # one set of engines per thread: a TessBaseAPI is not thread-safe


def image_to_data(img: Image.Image, lang: str, config: str, timeout_s: float) -> dict[str, list[Any]]:
    """``pytesseract.image_to_data(img, lang, config, output_type=DICT, timeout)``, in-process
    when :func:`api_usable` and the configuration and image mode allow it. Errors as
    pytesseract's: ``TesseractError`` when tesseract cannot read the image, ``RuntimeError``
    ('Tesseract process timeout') past ``timeout_s`` (0: none)."""
    settings = config_to_api_settings(config)
    if settings is not None and img.mode in RAW_MODES and api_usable():
        return _api_image_to_data(img, lang, config, settings, timeout_s)
    with image_to_tesseract_input(img) as source:
        return pytesseract.image_to_data(
            source, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout_s
        )


def config_to_api_settings(config: str) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """``"--psm 3 -c thresholding_method=2"`` -> ``(3, (("thresholding_method", "2"),))``;
    None for anything else the command line would be told (it is read there)."""
    words = shlex.split(config)
    psm, variables = 3, []  # tesseract's own default segmentation is --psm 3
    i = 0
    while i < len(words):
        if words[i] == "--psm" and i + 1 < len(words) and words[i + 1].isdigit():
            psm = int(words[i + 1])
        elif words[i] == "-c" and i + 1 < len(words) and "=" in words[i + 1]:
            name, value = words[i + 1].split("=", 1)
            variables.append((name, value))
        else:
            return None
        i += 2
    return psm, tuple(variables)


@functools.lru_cache(maxsize=1)
def api_usable() -> bool:
    """tesserocr importable, built on the ``tesseract`` command's own version, and not turned
    off with ``PAPELEO_TESSERACT_API=0``; decided once per process."""
    if os.environ.get(API_ENV, "1").strip() == "0":
        return False
    try:
        import tesserocr
    except ImportError:
        return False
    try:
        cli = str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError, ValueError):
        return False
    api = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version().startswith("tesseract ") else ""
    if api != cli:
        log.warning(
            "tesserocr is built on tesseract %s but the tesseract command is %s: reading through the command "
            "line (rebuild tesserocr against the system library: pip install --no-binary tesserocr tesserocr)",
            api or "(unknown)",
            cli,
        )
        return False
    return True


def _engine(lang: str, psm: int, variables: tuple[tuple[str, str], ...]) -> Any:
    import tesserocr

    engines = _engines.__dict__.setdefault("by_settings", {})
    key = (lang, psm, variables)
    if key not in engines:
        api = tesserocr.PyTessBaseAPI(lang=lang, psm=psm)
        api.SetVariable("debug_file", os.devnull)  # its notes ('Estimating resolution as ...') as the CLI's: unseen
        for name, value in variables:
            if not api.SetVariable(name, value):
                raise pytesseract.TesseractError(1, f"tesseract has no variable {name!r}")
        engines[key] = api
    return engines[key]


def _api_image_to_data(
    img: Image.Image, lang: str, config: str, settings: tuple[int, tuple[tuple[str, str], ...]], timeout_s: float
) -> dict[str, list[Any]]:
    api = _engine(lang, *settings)
    api.SetImageBytes(img.tobytes(), img.width, img.height, RAW_MODES[img.mode], img.width * RAW_MODES[img.mode])
    started = time.monotonic()
    with _stderr_captured() as printed:
        recognized = api.Recognize(timeout=int(timeout_s * 1000))
        tsv = api.GetTSVText(0) if recognized else ""
    said = printed[0] if printed else ""
    if said.strip():
        log.debug("tesseract on a %dx%d image: %s", img.width, img.height, said.strip())
    if not recognized:
        if timeout_s and time.monotonic() - started >= timeout_s:
            raise RuntimeError("Tesseract process timeout")  # pytesseract's words, which the callers match
        # what the command line reports as an error, e.g. a crop too small to binarise
        reason = " ".join(said.split()) or "no reason given"
        raise pytesseract.TesseractError(1, f"{READ_FAILED} a {img.width}x{img.height} image ({config}): {reason}")
    return pytesseract.pytesseract.file_to_dict(f"{TSV_HEADER}\n{tsv}", "\t", -1)


@contextlib.contextmanager
def _stderr_captured() -> Iterator[list[str]]:
    """Leptonica and tesseract print their complaints ('Error in pixScanForForeground: invalid
    box') on file descriptor 2, where the command line's went to pytesseract's pipe. They are
    caught here the same way, in a temporary file, so they reach the log (debug) or an error
    message instead of the terminal; the list yielded holds the text once the block is left. Descriptor 2 is the process's: another thread writing to
    stderr meanwhile is caught too (and logged); OCR workers are single-threaded."""
    holder: list[str] = []
    try:
        sys.stderr.flush()
    except (AttributeError, ValueError):
        pass
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield holder
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            holder.append(sink.read().decode("utf-8", "replace"))


@contextlib.contextmanager
def image_to_tesseract_input(img: Image.Image) -> Iterator[Image.Image | str]:
    """What to hand pytesseract for ``img``: the path of a PGM (greyscale) or PPM (colour)
    copy in the temporary folder, removed afterwards, or the image itself for other modes."""
    if img.mode not in PNM_MODES:
        yield img
        return
    fd, path = tempfile.mkstemp(prefix="papeleo_ocr_", suffix=".pnm")
    try:
        with os.fdopen(fd, "wb") as fh:
            img.save(fh, format="PPM")
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
