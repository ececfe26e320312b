"""Every kind of failure papeleo records, with the advice a person needs to act on it.

``failures.error_type`` is one of these values, so a dashboard can count failures by kind
and a reader can look the kind up here. Each kind says which stage produces it and what to
do about it; the ``message`` of a failure row adds the specifics (which file, which page).
An enum rather than loose strings so a typo is an error at import time, not a new kind of
failure nobody monitors.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """``value`` is the ``error_type`` written in ``failures``."""

    def __new__(cls, value: str, stage: str, advice: str) -> ErrorKind:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.stage = stage  # type: ignore[attr-defined]
        obj.advice = advice  # type: ignore[attr-defined]
        return obj

    # --- fetch: a URL (papeleo.sources; the message names the URL)
    NOT_FOUND = (
        "not_found",
        "fetch",
        "The address is gone (404/410): find the document's current address on the portal.",
    )
    HTTP_ERROR = (
        "http_error",
        "fetch",
        "The server refused (4xx) or kept failing (5xx after retries): open the URL in a browser; a login "
        "page means downloading it by hand into the inbox.",
    )
    FETCH_TIMEOUT = (
        "timeout",
        "fetch",
        "The download took longer than its limit, retries included: raise `--download-timeout` or try later.",
    )
    TOO_LARGE = ("too_large", "fetch", "Larger than `--max-download-mb`: raise it if the document is really that big.")
    NOT_A_DOCUMENT = (
        "not_a_document",
        "fetch",
        "The address served a web page or another kind of file, not a PDF, image or text: find the file's own link.",
    )
    TOO_MANY_REDIRECTS = (
        "too_many_redirects",
        "fetch",
        "The address redirects in a loop or too many times: open it in a browser and use the final address.",
    )
    NETWORK = (
        "network",
        "fetch",
        "The server could not be reached (refused, reset, DNS, TLS certificate) after retries: check the address "
        "and the network, then re-run.",
    )
    UNSUPPORTED_SCHEME = (
        "unsupported_scheme",
        "fetch",
        "papeleo fetches http, https, file and (with `pip install 'papeleo[s3]'`) s3 URLs only: download it another way.",
    )
    UNREADABLE = (
        "unreadable",
        "fetch",
        "A file:// source that is a folder or cannot be read by this user: fix its permissions or the address.",
    )
    # --- read: the file itself
    UNREADABLE_FILE = ("unreadable_file", "read", "Check the path, the permissions and the disk; copy the file again.")
    EMPTY_FILE = ("empty_file", "read", "The file has no bytes: download it again from its source.")
    UNSUPPORTED_FORMAT = (
        "unsupported_format",
        "read",
        "Convert it to PDF (e.g. `libreoffice --headless --convert-to pdf FILE`) and ingest the PDF.",
    )
    NOT_A_PDF = (
        "not_a_pdf",
        "read",
        "The name says PDF but the bytes are not one: re-download it or fix its extension.",
    )
    NOT_TEXT = ("not_text", "read", "The name says text but the bytes are binary: check what the file really is.")
    CORRUPT_PDF = ("corrupt_pdf", "read", "The PDF is truncated or damaged: re-download it or re-export it.")
    CORRUPT_IMAGE = ("corrupt_image", "read", "The image is truncated or damaged: re-download or re-scan it.")
    IMAGE_TOO_LARGE = (
        "image_too_large",
        "read",
        "Scale the image down or split it; check it is not a decompression bomb.",
    )
    ENCRYPTED_PDF = ("encrypted_pdf", "read", "Ask for an unprotected copy or decrypt it with `qpdf --decrypt`.")
    ZERO_GLYPHS = ("zero_glyphs", "read", "The file has pages but no text and no images: check it is the right file.")
    TOO_MANY_PAGES = ("too_many_pages", "read", "Split the file, or raise `--max-pages`.")
    READ_TIMEOUT = ("read_timeout", "read", "Raise `--timeout`, or split the file into smaller parts.")
    OCR_UNAVAILABLE = (
        "ocr_unavailable",
        "read",
        "Install tesseract with Spanish: `apt-get install tesseract-ocr tesseract-ocr-spa`.",
    )
    OCR_FAILED = (
        "ocr_failed",
        "read",
        "Check the page image; re-scan it if it is unusual (huge, blank, one pixel high).",
    )
    LOW_OCR_CONFIDENCE = (
        "low_ocr_confidence",
        "read",
        "The page reads as noise even upright: re-scan it at 300 dpi, straight and unblurred.",
    )
    # --- extract / validate: the content
    EXTRACTOR_UNAVAILABLE = (
        "extractor_unavailable",
        "extract",
        "The family's extractor could not be loaded: fix or reinstall it and re-ingest.",
    )
    EXTRACTOR_ERROR = (
        "extractor_error",
        "extract",
        "A papeleo bug: report it with the file; the other datasets were written.",
    )
    NO_RECORDS = (
        "no_records",
        "extract",  # or validate, when every row found was rejected
        "The document was recognised but none of its records were read: check its layout against the family's.",
    )
    UNREADABLE_DATE = (
        "unreadable_date",
        "extract",
        "A date the record needs could not be read (not guessed): read it in the document and enter it; "
        "the record is in `record`.",
    )
    VALUE_OUT_OF_RANGE = (
        "value_out_of_range",
        "extract",
        "A value lies outside what its column can hold (a 0-10 score read as 96.5): read it in the document; "
        "the record is in `record`, nothing was written for it.",
    )
    EMPTY_ROW = (
        "empty_row",
        "extract",
        "A numbered row with no text was found: check that row of the table; what was read is in `record`.",
    )
    REPEATED_ROW = (
        "repeated_row",
        "extract",
        "A row numbered like one read earlier in another table (its table's kind may be misread, findings for "
        "recommendations) was not merged into it: check which table it belongs to; what was read is in `record`.",
    )
    NO_ROWS = (
        "no_rows",
        "extract",
        "The document was chosen for its family but no row of its table could be read (its header or its cells "
        "were not found, often a scan's table that OCR wrote cell by cell): check the document and enter its rows "
        "by hand; the document's fields are in `record`.",
    )
    SUMMARY_TABLE_UNREAD = (
        "summary_table_unread",
        "extract",
        "A report's summary table was found (its header named) but its columns could not be told apart, so its "
        "findings and recommendations are not in the dataset: read them from the pages in `record`.",
    )
    MISSING_KEY = (
        "missing_key",
        "validate",
        "A row without its key (a MIR row without a clave) is not written: its cells are in `record`; check the page.",
    )
    SCHEMA_VIOLATION = (
        "schema_violation",
        "validate",
        "A papeleo bug: report it with the file; the row is in `record`.",
    )
    PROCESS_DIED = (
        "process_died",
        "read",
        "The process ingesting the document died (killed, or out of memory): re-run with fewer `--jobs`, or "
        "ingest the file alone to see whether it is the cause.",
    )
    INTERNAL_ERROR = (
        "internal_error",
        "extract",
        "A papeleo bug: report it with the file; the rest of the run went on.",
    )
    # --- write
    WRITE_FAILED = ("write_failed", "write", "Free space or fix permissions under the output root, then re-run.")


def advice_for(error_type: str) -> str | None:
    """The advice for a recorded ``error_type`` (None for a kind this version does not know)."""
    try:
        return ErrorKind(error_type).advice  # type: ignore[attr-defined]
    except ValueError:
        return None
