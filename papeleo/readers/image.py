"""Scanned pages delivered as images: PNG, JPEG, TIFF (a multi-page TIFF is one page per frame).

The size check happens on the header, before any pixel is decoded: a PNG of a few hundred
bytes can claim 60000x60000 pixels and would need 3.6 GB (10.8 GB in RGB) once decoded —
enough to take the whole machine down, not just this document. Pillow's own
decompression-bomb check is kept as a second line of defence in the workers that decode.
"""

from __future__ import annotations

import logging
import os
import warnings
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from papeleo.model import Document, Failure

from .ocr import OcrBatch, OcrOutcome, ocr_unavailable_failure, prepare_worker, run_tesseract_on

log = logging.getLogger(__name__)

ASSUMED_DPI = 300.0
MIN_SANE_DPI = 70.0  # below this a "dpi" is a placeholder (1, 72/96 screen defaults aside)

_MAGIC_TO_PIL_FORMAT = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)

# EXIF orientations that rotate by 90 degrees, so x and y resolution swap places.
_QUARTER_TURN_ORIENTATIONS = {5, 6, 7, 8}
# EXIF orientations that are pure turns -> the clockwise degrees that display them upright
# (Page.rotation counts them like a PDF's /Rotate). 2, 4, 5 and 7 also mirror: no turn recorded.
_EXIF_CLOCKWISE = {3: 180, 6: 90, 8: 270}
_EXIF_ORIENTATION = 0x0112

_CORRUPT_ERRORS = (OSError, SyntaxError, ValueError, EOFError, UnidentifiedImageError, IndexError, KeyError, TypeError)


def image_to_dpi(img: Any) -> tuple[float, float]:
    """(x, y) resolution from the file when it looks real, else the 300 dpi scanners use.
    Fax TIFFs legitimately have different x and y resolutions (204 x 196)."""
    dpi = img.info.get("dpi")
    try:
        x, y = float(dpi[0]), float(dpi[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return ASSUMED_DPI, ASSUMED_DPI
    if x >= MIN_SANE_DPI and y >= MIN_SANE_DPI:
        # PNG stores pixels per metre, so 300 dpi comes back as 299.9994
        return _snap(x), _snap(y)
    return ASSUMED_DPI, ASSUMED_DPI


def _snap(dpi: float) -> float:
    return float(round(dpi)) if abs(dpi - round(dpi)) < 0.01 else dpi


def head_to_pil_format(head: bytes) -> str | None:
    for magic, fmt in _MAGIC_TO_PIL_FORMAT:
        if head.startswith(magic):
            return fmt
    return None


def open_without_bomb_check(path: str, fmt: str | None) -> Any:
    """Open lazily (header only) through the format's plugin directly. ``Image.open`` would
    raise on a huge header before we could read the width and height, and we want both
    in the message; nothing is decoded here either way."""
    Image.init()
    entry = Image.OPEN.get(fmt or "")
    if entry is None:
        return Image.open(path)
    factory = entry[0]
    return factory(path)  # given a path, the image owns (and closes) its file handle


def image_header_to_failure(
    path: str, file_name: str, fmt: str | None, max_pixels: int, max_pages: int
) -> tuple[int, Failure | None]:
    """(frame count, None) when every frame's declared size is within the limit."""
    try:
        img = open_without_bomb_check(path, fmt)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return 0, _fail(
            "image_too_large",
            f"'{file_name}' declares more pixels than the limit of {max_pixels:,}. "
            "Downscale it to 300 dpi or split it into pages, or raise ReadSettings.max_image_pixels.",
        )
    except _CORRUPT_ERRORS as exc:
        return 0, _corrupt(file_name, exc)
    with img:
        frames = int(getattr(img, "n_frames", 1) or 1)
        if frames > max_pages:
            return frames, _fail(
                "too_many_pages",
                f"'{file_name}' has {frames} frames (pages), more than the limit of {max_pages}. "
                "Split it, or raise the limit with `--max-pages` (ReadSettings.max_pages).",
            )
        for index in range(frames):
            try:
                if index:
                    img.seek(index)
            except _CORRUPT_ERRORS as exc:
                return frames, _corrupt(file_name, exc)
            width, height = img.size
            if width * height > max_pixels:
                where = f"frame {index + 1} of '{file_name}'" if frames > 1 else f"'{file_name}'"
                return frames, _fail(
                    "image_too_large",
                    f"{where} is {width}x{height} pixels ({width * height:,}), over the limit of "
                    f"{max_pixels:,} pixels per page. Downscale it (300 dpi is enough for OCR) or "
                    "split it into pages, or raise ReadSettings.max_image_pixels if the machine has the memory.",
                )
            if width == 0 or height == 0:
                return frames, _corrupt(file_name, ValueError(f"frame {index + 1} is {width}x{height} pixels"))
    return frames, None


def image_to_ocr_mode(img: Any) -> Any:
    """A copy in a mode tesseract takes; always a copy, so pytesseract saves a lossless PNG
    instead of re-encoding the original format (a JPEG would be compressed a second time)."""
    if img.mode in ("1", "L", "RGB"):
        return img.copy()
    if img.mode.startswith("I"):  # 16/32-bit greyscale scans
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if "A" in img.getbands() or "transparency" in img.info:
        # transparent pixels are usually stored black: flatten onto white paper instead
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")


def image_frame_to_ocr_page(
    path: str, frame_index: int, lang: str, max_pixels: int, deadline_epoch: float | None = None
) -> OcrOutcome:
    """Worker: decode frame ``frame_index`` (0-based), turn it as its EXIF orientation says,
    and OCR it (turning it upright first when it is sideways, like a PDF page)."""
    prepare_worker()
    # Process-local: the worker runs one task at a time, so changing globals is safe here.
    Image.MAX_IMAGE_PIXELS = max_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    number = frame_index + 1
    name = os.path.basename(path)
    try:
        with Image.open(path) as img:
            img.seek(frame_index)
            x_dpi, y_dpi = image_to_dpi(img)
            img.load()
            exif_orientation = img.getexif().get(_EXIF_ORIENTATION)
            if exif_orientation in _QUARTER_TURN_ORIENTATIONS:
                x_dpi, y_dpi = y_dpi, x_dpi
            frame = image_to_ocr_mode(ImageOps.exif_transpose(img))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return OcrOutcome(
            error_type="image_too_large", message=f"'{name}' page {number}: {exc}. Downscale or split the image."
        )
    except _CORRUPT_ERRORS as exc:
        return OcrOutcome(
            error_type="corrupt_image",
            message=f"Page {number} of '{name}' could not be decoded ({exc}); the file looks truncated "
            "or damaged. Re-download it or re-export it from the scanner.",
        )
    except MemoryError:
        return OcrOutcome(
            error_type="image_too_large",
            message=f"Page {number} of '{name}' does not fit in memory once decoded; downscale it.",
        )
    stored_rotation = _EXIF_CLOCKWISE.get(exif_orientation or 0, 0)
    return run_tesseract_on(frame, number, x_dpi, y_dpi, lang, deadline_epoch, stored_rotation, name)


def read_image(
    path: str, head: bytes, doc_id: str, source: str, file_name: str, settings: Any, deadline: float
) -> tuple[Document | None, list[Failure]]:
    fmt = head_to_pil_format(head)
    frames, failure = image_header_to_failure(path, file_name, fmt, settings.max_image_pixels, settings.max_pages)
    if failure is not None:
        return None, [failure]
    unavailable = ocr_unavailable_failure(settings.ocr_lang)
    if unavailable is not None:
        return None, [unavailable]
    batch = OcrBatch(settings.ocr_workers, deadline, settings.timeout_s)
    for index in range(frames):
        batch.submit(index, image_frame_to_ocr_page, path, index, settings.ocr_lang, settings.max_image_pixels)
    pages_by_index, failures = batch.collect()
    if not pages_by_index:
        return None, failures
    doc = Document(
        doc_id=doc_id,
        source=source,
        file_name=file_name,
        media_type="image",
        pages=[pages_by_index[i] for i in sorted(pages_by_index)],
        page_count=frames,
    )
    return doc, failures


def _corrupt(file_name: str, exc: BaseException) -> Failure:
    return _fail(
        "corrupt_image",
        f"'{file_name}' could not be opened as an image ({type(exc).__name__}: {exc}); it looks "
        "truncated or damaged. Re-download it or re-export it from the scanner.",
    )


def _fail(error_type: str, message: str) -> Failure:
    return Failure(stage="read", error_type=error_type, message=message)
