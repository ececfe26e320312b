"""Decide what kind of file we were given before any parser touches it.

Magic bytes win over the file name because public portals routinely serve the wrong thing
under the right name: an HTML login page saved as ``informe.pdf``, a scan exported as
``.pdf`` that is really a JPEG, a DOCX renamed to ``.txt``. Parsers given the wrong kind
fail with errors that mean nothing to the person holding the file; this module fails
first, in words that say what the file really is and what to do about it.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from typing import Literal

from papeleo.model import Failure

log = logging.getLogger(__name__)

Kind = Literal["pdf", "image", "text"]

# How much of the file the decision looks at. A PDF may carry junk before its header
# (some web servers prepend a BOM or a blank line); readers such as Acrobat and pdfium
# accept the header anywhere in the first 1024 bytes, so we do too.
HEAD_BYTES = 8192
PDF_HEADER_WINDOW = 1024

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
TIFF_MAGICS = (b"II*\x00", b"MM\x00*")

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff"}
_SUFFIXES_FOR: dict[str, set[str]] = {"pdf": PDF_SUFFIXES, "image": IMAGE_SUFFIXES, "text": TEXT_SUFFIXES}

ACCEPTED_FORMATS = "PDF, PNG, JPEG, TIFF (including multi-page TIFF) and plain text (.txt, .md)"

# Formats we recognise but do not read, with what to do instead. Order matters: the
# first matching prefix wins.
_KNOWN_UNSUPPORTED: tuple[tuple[bytes, str, str], ...] = (
    (
        b"PK\x03\x04",
        "a ZIP archive (DOCX, XLSX, ODT and EPUB files are ZIP archives)",
        "Export it to PDF (File > Save as PDF) or unzip it and ingest the documents inside",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office file (DOC, XLS or PPT)",
        "Export it to PDF from the office program",
    ),
    (b"{\\rtf", "an RTF document", "Export it to PDF or save it as plain text (.txt)"),
    (b"GIF87a", "a GIF image", "Convert it to PNG (e.g. `convert in.gif out.png`)"),
    (b"GIF89a", "a GIF image", "Convert it to PNG (e.g. `convert in.gif out.png`)"),
    (b"BM", "a BMP image", "Convert it to PNG (e.g. `convert in.bmp out.png`)"),
    (b"\x00\x00\x00\x0cjP  ", "a JPEG 2000 image", "Convert it to PNG or TIFF"),
    (b"Rar!", "a RAR archive", "Extract it and ingest the documents inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "Extract it and ingest the documents inside"),
    (b"\x1f\x8b", "a gzip-compressed file", "Decompress it (`gunzip`) and ingest the result"),
)

# A web page saved in place of the document, e.g. '<!DOCTYPE html><html lang="es">' or
# '<html><head><title>Acceso denegado</title>'.
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml|<!--)", re.IGNORECASE)

# Bytes that never occur in text: C0 controls except tab, LF, VT, FF, CR, plus DEL.
# Bytes >= 0x80 are not counted: they are ordinary in UTF-8 and cp1252 Spanish text.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F})
MAX_CONTROL_RATIO = 0.10

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_head(path: str, n: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def head_to_magic_kind(head: bytes) -> Kind | None:
    """The kind the bytes themselves declare, or None when they declare nothing we read."""
    if PDF_MAGIC in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    if head.startswith(PNG_MAGIC) or head.startswith(JPEG_MAGIC) or head.startswith(TIFF_MAGICS):
        return "image"
    return None


def head_is_binary(head: bytes) -> bool:
    """True for data no person would call text: NUL bytes or more than 10% control bytes.
    UTF-16 text (Windows Notepad's "Unicode") is full of NULs yet is text, so its BOM
    exempts it."""
    if not head:
        return False
    if head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return controls / len(head) > MAX_CONTROL_RATIO


def head_to_description(head: bytes) -> str:
    """A few words on what the first bytes look like, for messages about misnamed files."""
    for magic, what, _ in _KNOWN_UNSUPPORTED:
        if head.startswith(magic):
            return what
    if _HTML_START.match(head):
        return "an HTML/XML web page, often an error or login page saved in place of the document"
    if head_is_binary(head):
        return "binary data"
    return "plain text"


def bytes_to_kind(head: bytes, file_name: str, size: int) -> tuple[Kind | None, Failure | None]:
    """Magic bytes first, extension second. Returns (kind, None) or (None, failure)."""
    name = os.path.basename(file_name)
    suffix = os.path.splitext(name)[1].lower()
    if size == 0:
        return None, _failure(
            "empty_file",
            f"'{name}' is empty (0 bytes), so there is nothing to read. The download or copy "
            "probably failed; fetch the file again from the source.",
        )

    kind = head_to_magic_kind(head)
    if kind is not None:
        if suffix and suffix not in _SUFFIXES_FOR[kind]:
            log.info("%s: content is %s although the name ends in %s; reading it as %s", name, kind, suffix, kind)
        return kind, None

    for magic, what, fix in _KNOWN_UNSUPPORTED:
        if head.startswith(magic):
            return None, _failure(
                "unsupported_format",
                f"'{name}' is {what}, which papeleo does not read. {fix}. Accepted formats: {ACCEPTED_FORMATS}.",
            )

    if suffix in PDF_SUFFIXES:
        return None, _failure(
            "not_a_pdf",
            f"'{name}' is named .pdf but does not start with the %PDF header (its first bytes "
            f"look like {head_to_description(head)}), so it is not a PDF. Re-download or "
            "re-export it from the source.",
        )
    if suffix in IMAGE_SUFFIXES:
        return None, _failure(
            "corrupt_image",
            f"'{name}' is named {suffix} but does not start with a PNG, JPEG or TIFF signature "
            f"(its first bytes look like {head_to_description(head)}). Re-download or "
            "re-export the image from the source.",
        )

    if head_is_binary(head):
        if suffix in TEXT_SUFFIXES:
            return None, _failure(
                "not_text",
                f"'{name}' is named {suffix} but holds binary data (NUL or control bytes), not "
                "text. Check that the right file was saved under this name, or convert it to "
                f"plain UTF-8 text. Accepted formats: {ACCEPTED_FORMATS}.",
            )
        return None, _failure(
            "unsupported_format",
            f"'{name}' is not a format papeleo reads (its first bytes look like binary data). "
            f"Accepted formats: {ACCEPTED_FORMATS}. Convert it to one of them, e.g. export to PDF.",
        )
    return "text", None


def _failure(error_type: str, message: str) -> Failure:
    return Failure(stage="read", error_type=error_type, message=message)
