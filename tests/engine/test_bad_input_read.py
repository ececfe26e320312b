"""Bad input never raises: each case becomes one Failure whose error_type names the problem
and whose message says what to do about it."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytesseract
import pytest
from PIL import Image
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from papeleo.readers import ReadResult, ReadSettings, read_document


def make_pdf(path: Path, n_pages: int = 4, with_scan_page: bool = False) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for p in range(n_pages):
        for i in range(25):
            c.drawString(72, A4[1] - 72 - 20 * i, f"Página {p + 1}, renglón {i + 1}: observación de auditoría")
        c.showPage()
    if with_scan_page:
        img = Image.new("L", (600, 200), 255)
        c.drawImage(ImageReader(img), 72, 400, width=144, height=48)
        c.showPage()
    c.save()
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def only_failure(result: ReadResult, error_type: str) -> str:
    assert result.document is None
    assert [f.error_type for f in result.failures] == [error_type], result.failures
    failure = result.failures[0]
    assert failure.stage == "read"
    return failure.message


def test_missing_file_is_unreadable_with_no_doc_id(tmp_path: Path) -> None:
    result = read_document(tmp_path / "no_existe.pdf")
    assert result.doc_id is None
    message = only_failure(result, "unreadable_file")
    assert "does not exist" in message and "Check the path" in message


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "vacio.pdf"
    path.write_bytes(b"")
    result = read_document(path)
    assert result.doc_id is not None  # the file opened; it just has nothing in it
    message = only_failure(result, "empty_file")
    assert "0 bytes" in message and "fetch the file again" in message


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    message = only_failure(read_document(path), "not_a_pdf")
    assert "%PDF" in message and "binary data" in message and "Re-download or re-export" in message


def test_web_page_saved_as_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "informe.pdf"
    path.write_bytes(b"<!DOCTYPE html>\n<html><head><title>Acceso denegado</title></head></html>")
    message = only_failure(read_document(path), "not_a_pdf")
    assert "HTML" in message and "Re-download" in message


def test_unknown_binary_is_unsupported_and_lists_accepted_formats(tmp_path: Path) -> None:
    path = tmp_path / "datos.bin"
    path.write_bytes(b"\x00\x01\x02\x03" * 512)
    message = only_failure(read_document(path), "unsupported_format")
    assert "PDF" in message and "PNG" in message and "JPEG" in message and "TIFF" in message


def test_docx_is_unsupported_with_export_hint(tmp_path: Path) -> None:
    path = tmp_path / "oficio.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    message = only_failure(read_document(path), "unsupported_format")
    assert "ZIP" in message and "Export it to PDF" in message


def test_binary_data_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(random.Random(3).randbytes(3000))
    message = only_failure(read_document(path), "not_text")
    assert "binary" in message and "UTF-8" in message


def test_encrypted_pdf(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", n_pages=1)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="secreto", owner_password="propietario")
    path = tmp_path / "protegido.pdf"
    writer.write(path)
    message = only_failure(read_document(path), "encrypted_pdf")
    assert "password-protected" in message
    assert "qpdf --decrypt --password=PASSWORD in.pdf out.pdf" in message


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    """No password is needed to open it (only to edit), so it must read normally."""
    plain = make_pdf(tmp_path / "plain.pdf", n_pages=1)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="propietario")
    path = tmp_path / "solo_lectura.pdf"
    writer.write(path)
    result = read_document(path)
    assert result.failures == [] and result.document is not None
    assert result.document.pages[0].lines[0].text == "Página 1, renglón 1: observación de auditoría"


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "completo.pdf").read_bytes()
    path = tmp_path / "truncado.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    message = only_failure(read_document(path), "corrupt_pdf")
    assert "truncated or damaged" in message and "Re-download" in message


def test_too_many_pages(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "largo.pdf", n_pages=3)
    result = read_document(path, ReadSettings(max_pages=2))
    assert result.doc_id is not None
    message = only_failure(result, "too_many_pages")
    assert "3 pages" in message and "limit of 2" in message and "--max-pages" in message


def test_png_header_claiming_60000_by_60000_is_rejected_before_decoding(tmp_path: Path) -> None:
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\x00" * 64)  # far too little data: it must never be decoded
    path = tmp_path / "bomba.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    )
    message = only_failure(read_document(path), "image_too_large")
    assert "60000x60000" in message and "120,000,000" in message
    assert "Downscale" in message and "split" in message


def test_image_just_over_a_small_limit(tmp_path: Path) -> None:
    path = tmp_path / "foto.png"
    Image.new("L", (200, 100), 255).save(path)
    message = only_failure(read_document(path, ReadSettings(max_image_pixels=19_999)), "image_too_large")
    assert "200x100" in message and "19,999" in message


def test_garbage_named_png_is_corrupt_image(tmp_path: Path) -> None:
    path = tmp_path / "foto.png"
    path.write_bytes(b"esto no es una imagen")
    message = only_failure(read_document(path), "corrupt_image")
    assert "PNG" in message and "Re-download" in message


def test_png_with_broken_header_is_corrupt_image(tmp_path: Path) -> None:
    path = tmp_path / "roto.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 5)
    message = only_failure(read_document(path), "corrupt_image")
    assert "truncated or damaged" in message and "Re-download" in message


@pytest.mark.ocr
def test_truncated_png_is_corrupt_image(tmp_path: Path) -> None:
    whole = tmp_path / "entera.png"
    Image.effect_noise((800, 600), 64).save(whole)  # noise: does not compress, so half the file is half the pixels
    path = tmp_path / "mitad.png"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    message = only_failure(read_document(path), "corrupt_image")
    assert "truncated or damaged" in message and "Re-download" in message


def test_missing_ocr_language_is_ocr_unavailable_and_text_pages_survive(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "con_anexo.pdf", n_pages=1, with_scan_page=True)
    result = read_document(path, ReadSettings(ocr_lang="zzz"))
    assert [f.error_type for f in result.failures] == ["ocr_unavailable"]
    message = result.failures[0].message
    assert "apt-get install tesseract-ocr tesseract-ocr-zzz" in message and "pages 2" in message
    doc = result.document
    assert doc is not None and doc.page_count == 2
    assert [(p.number, p.text_source) for p in doc.pages] == [(1, "text_layer")]


def test_missing_tesseract_binary_is_ocr_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    path = tmp_path / "escaneo.png"
    Image.new("L", (300, 100), 255).save(path)
    message = only_failure(read_document(path), "ocr_unavailable")
    assert "apt-get install tesseract-ocr tesseract-ocr-spa" in message
