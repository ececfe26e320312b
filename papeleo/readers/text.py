"""Plain text that is already OCR'd or exported (``pdftotext`` output, an OCR tool's .txt/.md).

Here the layout *is* the text: tab-separated score tables, runs of spaces aligning columns,
blank lines between paragraphs. So nothing is normalised: each line is kept exactly as read,
minus its line terminator, and blank lines stay as ``Line(text="")`` because extractors use
them as paragraph breaks. ``\\f`` (form feed, what ``pdftotext`` writes between pages) is the
only page evidence plain text has.
"""

from __future__ import annotations

import codecs
import logging
import re

from papeleo.model import Document, Failure, Line, Page

from .sniff import head_is_binary

log = logging.getLogger(__name__)

# Line terminators of all three families: "Total\r\n" (Windows), "Total\n" (Unix),
# "Total\r" (old Mac exports). Only the terminator is removed; trailing spaces stay.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A well-formed UTF-8 multibyte sequence, e.g. b"\xc3\xb3" for "ó" in "supervisión".
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def bytes_to_str(data: bytes) -> tuple[str | None, str]:
    """Decode as UTF-8 (BOM tolerated) or, when the bytes are clearly text that is not
    UTF-8, as Windows-1252 — the encoding Spanish-language Windows tools write.

    A file that is *mostly* UTF-8 with a few stray bytes (two exports concatenated, a
    copy-paste from a cp1252 source) stays UTF-8 with U+FFFD for the stray bytes: decoding
    it all as cp1252 would turn every "ó" into "Ã³". Returns (text, encoding) or
    (None, reason)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, "it starts with a UTF-16 byte-order mark but is not valid UTF-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if head_is_binary(data):
        return None, "it contains NUL or control bytes, so it is binary data rather than text"
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    if good > bad:
        log.warning("text is UTF-8 with %d undecodable byte(s); they become U+FFFD", bad)
        return replaced.removeprefix("\ufeff"), "utf-8 (with replacements)"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, "it is neither valid UTF-8 nor Windows-1252 text"


def str_to_page_texts(text: str) -> list[str]:
    """Split on form feeds. A trailing form feed (``pdftotext`` ends every page with one)
    does not start a real page, so an empty last chunk is dropped."""
    chunks = text.split("\f")
    if len(chunks) > 1 and chunks[-1].strip("\r\n") == "":
        chunks.pop()
    return chunks


def page_text_to_lines(page_text: str) -> tuple[Line, ...]:
    """Every line as read, blank ones included; only the final terminator is not a line."""
    if page_text == "":
        return ()
    raw_lines = _LINE_BREAK.split(page_text)
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()  # "a\nb\n" is two lines, not three
    return tuple(Line.from_text(raw) for raw in raw_lines)


def str_to_pages(text: str) -> list[Page]:
    return [
        Page(number=i, lines=page_text_to_lines(chunk), text_source="plain_text")
        for i, chunk in enumerate(str_to_page_texts(text), start=1)
    ]


def read_text(path: str, doc_id: str, source: str, file_name: str) -> tuple[Document | None, list[Failure]]:
    with open(path, "rb") as fh:
        data = fh.read()
    text, encoding = bytes_to_str(data)
    if text is None:
        return None, [
            Failure(
                stage="read",
                error_type="not_text",
                message=(
                    f"'{file_name}' was taken for plain text but {encoding}. Check that the right "
                    "file was saved under this name, or re-save it as UTF-8 text "
                    "(e.g. `iconv -f LATIN1 -t UTF-8 in.txt > out.txt`)."
                ),
            )
        ]
    log.debug("%s decoded as %s", file_name, encoding)
    pages = str_to_pages(text)
    doc = Document(
        doc_id=doc_id,
        source=source,
        file_name=file_name,
        media_type="text",
        pages=pages,
        page_count=len(pages),
    )
    return doc, []
