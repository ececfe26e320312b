"""The evidence beside each doubtful value: the page image around the row, or the text lines.

A reviewer decides a value by looking at what was printed, so each entry carries either a
crop of the page around the row's box (PDF and image inputs, rendered afresh with pypdfium2
or Pillow: the read cache keeps words and boxes, not pixels) or the lines of the text file
around the row (plain-text inputs, which have no boxes). The crop is cut exactly from the
render, with nothing drawn on it — the page marks the row with an overlay — so what the
reviewer sees is the page itself.

The file read is the one the row came from: the source path, or ``OUT/_raw/<sha256>.<ext>``
for a fetched URL. A file whose bytes no longer hash to the row's ``doc_id`` (edited or
re-scanned since the run) gives no evidence and the entry says so: a crop of another
version of the page would be worse than none.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from pathlib import Path
from typing import Any

from ..fetch import RAW_DIR
from ..readers import file_to_sha256_and_head
from ..readers.image import image_to_dpi
from ..readers.sniff import head_to_magic_kind, read_head
from ..readers.text import bytes_to_str, page_text_to_lines, str_to_page_texts
from .collect import Entry, Review

log = logging.getLogger(__name__)

DPI = 150  # enough to read a digit of 8-point print; a full-width row crop stays ~30 KB
MARGIN_PT = 14.0  # points around the row's box: the neighbouring lines give context
CONTEXT_LINES = 3  # text lines shown each side of the row's line
ROW_SPAN = 40  # lines a row's text may run over in a plain-text file (one cell a line, as OCR gives it)
FALLBACK_DPI = 50  # a page shown whole when the row has no box
# A scheme before the source's path: "https://portal.gob.mx/a.pdf", "s3://bucket/a.pdf".
URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def locate_file(root: Path, document: dict[str, Any]) -> tuple[Path | None, str]:
    """The file a document's rows were read from, or None and why not."""
    source, doc_id = document.get("source") or "", document.get("doc_id") or ""
    candidates: list[Path] = []
    if URL_RE.match(source) and not source.startswith("file://"):
        candidates += sorted((root / RAW_DIR).glob(f"{doc_id}.*"))
    else:
        path = Path(source.removeprefix("file://"))
        candidates += [path] if path.is_absolute() else [path, root.parent / path, root / path]
        candidates += sorted((root / RAW_DIR).glob(f"{doc_id}.*"))
    changed = None
    for path in candidates:
        if not path.is_file():
            continue
        try:
            digest, _, _ = file_to_sha256_and_head(str(path))
        except OSError as exc:
            log.warning("%s could not be read (%s)", path, exc)
            continue
        if digest == doc_id:
            return path, ""
        changed = path
    if changed is not None:
        return None, f"{changed} has changed since it was read (its sha256 is no longer the row's doc_id)"
    return None, f"the file read for this document ({source}) is not found"


def _png_data_uri(img: Any) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


class PageImages:
    """Renders each page once at ``DPI`` (grayscale), however many entries it holds."""

    def __init__(self) -> None:
        self._pages: dict[tuple[str, int], Any] = {}

    def page(self, path: Path, kind: str, number: int) -> Any:
        key = (str(path), number)
        if key not in self._pages:
            self._pages[key] = self._render(path, kind, number)
        return self._pages[key]

    @staticmethod
    def _render(path: Path, kind: str, number: int) -> Any:
        if kind == "pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(path))
            try:
                page = pdf[number - 1]
                bitmap = page.render(scale=DPI / 72.0, grayscale=True)
                img = bitmap.to_pil().convert("L")
                bitmap.close()
                page.close()
            finally:
                pdf.close()
            return img
        from PIL import Image, ImageOps

        with Image.open(path) as img:
            img.seek(number - 1)
            x_dpi, y_dpi = image_to_dpi(img)
            upright = ImageOps.exif_transpose(img).convert("L")
        if upright.size != img.size and upright.size == img.size[::-1]:
            x_dpi, y_dpi = y_dpi, x_dpi
        size = (round(upright.width * DPI / x_dpi), round(upright.height * DPI / y_dpi))
        return upright.resize(size)


def crop(img: Any, box: tuple[float, float, float, float]) -> tuple[Any, tuple[int, int, int, int], dict[str, float]]:
    """The region of the page image around ``box`` (points), the pixel region cut, and the
    row's box inside the crop as fractions (for the overlay)."""
    s = DPI / 72.0
    x0, top, x1, bottom = box
    left = max(0, int((x0 - MARGIN_PT) * s))
    upper = max(0, int((top - MARGIN_PT) * s))
    right = min(img.width, int((x1 + MARGIN_PT) * s + 0.5))
    lower = min(img.height, int((bottom + MARGIN_PT) * s + 0.5))
    if right <= left or lower <= upper:
        raise ValueError(f"box {box} is outside the page")
    w, h = right - left, lower - upper
    mark = {
        "left": (x0 * s - left) / w,
        "top": (top * s - upper) / h,
        "width": (x1 - x0) * s / w,
        "height": (bottom - top) * s / h,
    }
    return img.crop((left, upper, right, lower)), (left, upper, right, lower), mark


def _needles(entry: Entry) -> list[str]:
    """What the row's first line should hold: its key values as printed, then the raw reading."""
    found = [str(v) for v in entry.key.values() if v not in (None, "")]
    if entry.raw:
        found.append(entry.raw)
    return [n for n in found if len(n.strip()) >= 2]


def _printed(entry: Entry) -> list[str]:
    """How the value may be printed: the raw reading first, then the value (1872.0 as 1,872 or 1872)."""
    forms = [entry.raw] if entry.raw else []
    v = entry.value
    if isinstance(v, float) and v.is_integer():
        forms += [f"{int(v):,}", str(int(v))]
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        forms += [f"{v:,}", str(v)]
    elif isinstance(v, str):
        forms.append(v)
    return [f for f in forms if f and len(f.strip()) >= 2]


def _mentions(line: str, text: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(text)}(?![\w]|[.,]\d)", line) is not None


def text_context(pages: list[list[str]], entry: Entry, other_keys: set[str] = frozenset()) -> dict[str, Any]:
    """The lines around the row in its page of the text file: the row's first line (where
    its key is) and the line printing the value, each with ``CONTEXT_LINES`` around it."""
    number = entry.page or 1
    lines = pages[number - 1] if 0 < number <= len(pages) else [ln for p in pages for ln in p]
    needles = _needles(entry)
    hits = [i for i, ln in enumerate(lines) if any(n in ln for n in needles)]
    if not hits:
        return {"kind": "none", "why": f"the row's key ({', '.join(needles) or 'none'}) is not found on page {number}"}
    first = hits[0]
    # the row's text ends where another row's key starts a line (or after ROW_SPAN lines)
    others = {k for k in other_keys if len(k) >= 2} - set(needles)
    end = min(len(lines), first + ROW_SPAN)
    for i in range(first + 1, end):
        if any(lines[i].lstrip().startswith(k) for k in others):
            end = i
            break
    marked = {first}
    for form in _printed(entry):
        found = [i for i in range(first, end) if _mentions(lines[i], form)]
        if found:
            marked.add(found[0])
            break
    shown = sorted({j for i in marked for j in range(i - CONTEXT_LINES, i + CONTEXT_LINES + 1) if 0 <= j < len(lines)})
    out: list[dict[str, Any]] = []
    for j in shown:
        if out and j != out[-1]["n"]:  # out[-1]["n"] is the 1-based number of the line before
            out.append({"n": None, "text": "…", "row": False})
        out.append({"n": j + 1, "text": lines[j], "row": j in marked})
    return {"kind": "text", "page": number, "lines": out}


def attach(review: Review) -> None:
    """Fill every entry's ``evidence``: an image crop, text lines, or why there is none."""
    images = PageImages()
    crops: dict[tuple[Any, ...], dict[str, Any]] = {}  # a row's values share one crop
    files: dict[int, tuple[Path | None, str, str]] = {}
    texts: dict[int, list[list[str]]] = {}
    for entry in review.entries:
        if entry.doc not in files:
            path, why = locate_file(review.root, review.documents[entry.doc])
            kind = (head_to_magic_kind(read_head(str(path))) or "text") if path else ""
            files[entry.doc] = (path, kind, why)
        path, kind, why = files[entry.doc]
        try:
            if path is None:
                entry.evidence = {"kind": "none", "why": why}
            elif kind == "text":
                if entry.doc not in texts:
                    text, _ = bytes_to_str(path.read_bytes())
                    texts[entry.doc] = [
                        [ln.text for ln in page_text_to_lines(p)] for p in str_to_page_texts(text or "")
                    ]
                entry.evidence = text_context(texts[entry.doc], entry, review.row_keys.get(entry.doc, set()))
            else:
                same = (str(path), entry.page, entry.box)
                if same not in crops:
                    crops[same] = _image_evidence(images, path, kind, entry)
                entry.evidence = crops[same]
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the whole review
            log.warning("no evidence for %s %s: %s", review.documents[entry.doc].get("file_name"), entry.key, exc)
            entry.evidence = {"kind": "none", "why": f"the page could not be rendered: {exc}"}


def _image_evidence(images: PageImages, path: Path, kind: str, entry: Entry) -> dict[str, Any]:
    if entry.page is None:
        return {"kind": "none", "why": "the row records no page"}
    img = images.page(path, kind, entry.page)
    if entry.box is None:
        small = img.resize((max(1, img.width * FALLBACK_DPI // DPI), max(1, img.height * FALLBACK_DPI // DPI)))
        return {"kind": "image", "src": _png_data_uri(small), "page": entry.page, "whole_page": True, "mark": None}
    region, pixels, mark = crop(img, entry.box)
    return {
        "kind": "image",
        "src": _png_data_uri(region),
        "page": entry.page,
        "dpi": DPI,
        "pixels": list(pixels),
        "whole_page": False,
        "mark": mark,
    }
