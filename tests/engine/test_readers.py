"""Readers on good input: every fixture is built here, so expected values are what the test
itself put into the file (text drawn at known positions, lines written with known bytes)."""

from __future__ import annotations

import hashlib
import os
import select
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from helpers import SEEDS, requires_seeds
from papeleo.model import BBox, Word
from papeleo.readers import ReadSettings, read_document
from papeleo.readers import ocr as ocr_module
from papeleo.readers.layout import words_to_lines
from papeleo.readers.pdf import drop_glyph_code_words, page_size_to_ocr_dpi, text_layer_problem
from papeleo.readers.text import bytes_to_str

A4_W, A4_H = A4
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for candidate in FONT_CANDIDATES:
        if os.path.exists(candidate):
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def text_image(
    lines: list[str], size: tuple[int, int], origin: tuple[int, int] = (60, 60), px: int = 60
) -> Image.Image:
    """Black text on white at known pixel positions (line i starts at origin + 1.5*px*i)."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    f = font(px)
    for i, text in enumerate(lines):
        draw.text((origin[0], origin[1] + int(i * px * 1.5)), text, font=f, fill=0)
    return img


def ocr_words(page) -> set[str]:
    return {w.text for w in page.words}


# --------------------------------------------------------------------------- plain text


def test_text_keeps_tabs_spaces_blank_lines_and_splits_pages_on_form_feed(tmp_path: Path) -> None:
    raw = "Nombre\tPuntaje\tEstatus\r\n\r\n  sangría  con   espacios  \nFin\n\fPágina dos\n\f"
    path = tmp_path / "dictamen.txt"
    path.write_bytes(raw.encode("utf-8"))

    result = read_document(path)

    assert result.failures == []
    doc = result.document
    assert doc is not None
    assert doc.media_type == "text" and doc.text_source == "plain_text"
    assert doc.page_count == 2 and len(doc.pages) == 2
    assert [ln.text for ln in doc.pages[0].lines] == [
        "Nombre\tPuntaje\tEstatus",
        "",
        "  sangría  con   espacios  ",
        "Fin",
    ]
    assert [ln.text for ln in doc.pages[1].lines] == ["Página dos"]
    assert all(ln.bbox is None for ln in doc.pages[0].lines)
    assert [w.text for w in doc.pages[0].lines[0].words] == ["Nombre", "Puntaje", "Estatus"]
    assert doc.pages[0].lines[1].words == ()


def test_text_file_name_with_spaces_and_accents(tmp_path: Path) -> None:
    content = "Informe de supervisión\n\nHallazgo 1: año 2022\n".encode()
    path = tmp_path / "informe de supervisión ñ.txt"
    path.write_bytes(content)

    result = read_document(path)

    assert result.failures == []
    assert result.doc_id == hashlib.sha256(content).hexdigest()
    doc = result.document
    assert doc is not None
    assert doc.source == str(path)
    assert doc.file_name == "informe de supervisión ñ.txt"
    assert doc.text == "Informe de supervisión\n\nHallazgo 1: año 2022"


def test_text_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "acta.txt"
    path.write_bytes("Año de la auditoría: 2019 — cumplió".encode("cp1252"))
    result = read_document(path)
    assert result.document is not None
    assert result.document.text == "Año de la auditoría: 2019 — cumplió"


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    text, encoding = bytes_to_str("Evaluación del desempeño ".encode() + b"\xe9" + " opinión".encode())
    assert text == "Evaluación del desempeño \ufffd opinión"
    assert encoding.startswith("utf-8")


def test_markdown_without_trailing_newline_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "tabla.md"
    path.write_text("| Clave | Meta |\n|---|---|\n| 1.4.1 | 3600 |", encoding="utf-8")
    doc = read_document(path).document
    assert doc is not None and doc.page_count == 1
    assert [ln.text for ln in doc.pages[0].lines] == ["| Clave | Meta |", "|---|---|", "| 1.4.1 | 3600 |"]


@pytest.mark.seeds
@requires_seeds
def test_seed_text_lines_survive_verbatim() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    raw = seed.read_bytes().decode("utf-8-sig")
    doc = read_document(seed).document
    assert doc is not None
    expected = [chunk.split("\n") for chunk in raw.replace("\r\n", "\n").split("\f")]
    expected = [
        [ln.rstrip("\r") for ln in (chunk[:-1] if chunk and chunk[-1] == "" else chunk)]
        for chunk in expected
        if chunk != [""]
    ]
    assert [[ln.text for ln in p.lines] for p in doc.pages] == expected


# --------------------------------------------------------------------------- layout helpers


def test_words_to_lines_groups_by_top_and_sorts_by_x() -> None:
    words = [
        Word("mundo", BBox(60, 101.5, 90, 111.5)),
        Word("Hola", BBox(10, 100, 50, 110)),
        Word("abajo", BBox(10, 130, 40, 140)),
        Word("GRANDE", BBox(100, 96, 160, 112)),  # taller word sharing the band
    ]
    lines = words_to_lines(words, y_tolerance=3)
    assert [ln.text for ln in lines] == ["Hola mundo GRANDE", "abajo"]
    assert lines[0].bbox == BBox(10, 96, 160, 112)


def test_text_layer_problem_detects_unusable_layers() -> None:
    def words(*texts: str) -> list[Word]:
        return [Word(t, BBox(0, 0, 1, 1)) for t in texts]

    good = words("Informe", "de", "resultados", "2024:", "95.3%")
    assert text_layer_problem(good, n_images=0, image_coverage=0.0, n_curves=0) is None
    assert text_layer_problem([], n_images=0, image_coverage=0.0, n_curves=0) is None  # blank page
    assert text_layer_problem([], n_images=1, image_coverage=0.9, n_curves=0) is not None
    assert text_layer_problem(words("Pág.", "1"), n_images=1, image_coverage=0.1, n_curves=0) is not None
    assert (
        text_layer_problem(words("(cid:72)(cid:85)(cid:3)", "(cid:4)(cid:5)"), n_images=0, image_coverage=0, n_curves=0)
        is not None
    )
    assert (
        text_layer_problem(words("\uf0b7\uf0b7\uf0b7", "\uf0a7\uf0a7"), n_images=0, image_coverage=0, n_curves=0)
        is not None
    )
    assert (
        text_layer_problem(words("..:", "--", "//", "a", "##", "|"), n_images=0, image_coverage=0, n_curves=0)
        is not None
    )
    index = words("Introducción", "....................", "3", "Anexo", "-", "-", "$", "1,250.00")
    assert text_layer_problem(index, n_images=0, image_coverage=0, n_curves=0) is None
    stamp = words("Documento", "firmado", "electrónicamente", "el", "12/03/2024")  # 43 characters
    assert text_layer_problem(stamp, n_images=1, image_coverage=0.95, n_curves=0) is not None  # a stamped scan
    assert text_layer_problem(stamp, n_images=1, image_coverage=0.05, n_curves=0) is None  # a logo


def test_bullet_glyph_codes_are_dropped_from_kept_text_layers() -> None:
    words = [
        Word("(cid:127)", BBox(0, 0, 5, 10)),
        Word("Emitir", BBox(8, 0, 40, 10)),
        Word("criterios", BBox(44, 0, 90, 10)),
    ]
    assert [w.text for w in drop_glyph_code_words(words)] == ["Emitir", "criterios"]


def test_huge_pdf_pages_are_rendered_at_a_lower_dpi_within_the_pixel_limit() -> None:
    a0_w, a0_h = 2384, 3370  # A0 in points: 139 M pixels at 300 dpi
    dpi = page_size_to_ocr_dpi(a0_w, a0_h, dpi=300, max_pixels=120_000_000)
    assert 250 < dpi < 300
    assert (a0_w * dpi / 72) * (a0_h * dpi / 72) <= 120_000_000
    assert page_size_to_ocr_dpi(A4_W, A4_H, dpi=300, max_pixels=120_000_000) == 300


# --------------------------------------------------------------------------- PDFs


def make_text_pdf(path: Path, pages: list[list[tuple[float, float, str]]], size: float = 12) -> None:
    """pages: for each page, (x, baseline y from the BOTTOM as reportlab draws, text)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for items in pages:
        c.setFont("Helvetica", size)
        for x, y, text in items:
            c.drawString(x, y, text)
        c.showPage()
    c.save()


def test_text_layer_pdf_gives_words_with_point_bboxes_top_left_origin(tmp_path: Path) -> None:
    path = tmp_path / "informe.pdf"
    make_text_pdf(path, [[(72, A4_H - 50, "Informe de supervisión 2022"), (300, 60, "Pie de página")]])

    result = read_document(path)

    assert result.failures == []
    doc = result.document
    assert doc is not None
    assert (doc.media_type, doc.text_source, doc.page_count) == ("pdf", "text_layer", 1)
    page = doc.pages[0]
    assert page.text_source == "text_layer" and page.ocr_confidence is None
    assert page.width == pytest.approx(A4_W) and page.height == pytest.approx(A4_H)
    assert [ln.text for ln in page.lines] == ["Informe de supervisión 2022", "Pie de página"]
    head, foot = page.lines
    # drawn 50 pt below the top edge with a 12 pt font: top-left origin puts it near 50 - 12
    assert head.bbox.x0 == pytest.approx(72, abs=0.5)
    assert 30 < head.bbox.top < 50 <= head.bbox.bottom + 3
    assert A4_H - 75 < foot.bbox.top < A4_H - 60
    assert foot.bbox.x0 == pytest.approx(300, abs=0.5)
    assert all(w.confidence == 1.0 and w.bbox is not None and w.bbox.x1 <= A4_W for w in page.words)
    xs = [w.bbox.x0 for w in head.words]
    assert xs == sorted(xs)


def test_labels_stacked_at_nearby_heights_keep_their_words(tmp_path: Path) -> None:
    """A table head prints a narrow label over two lines ('1er' over 'Trim.') beside labels
    centred at other heights; the letters of both lines overlap in x. Each word stays whole."""
    path = tmp_path / "cabecera.pdf"
    # (x, y from the bottom, text): labels 2.5 pt apart in height chain '1er' and 'Trim.' together
    make_text_pdf(
        path,
        [
            [
                (300, 700, "1er"),
                (298, 690, "Trim."),
                (340, 697.5, "Meta"),
                (380, 695, "Alcanzado"),
                (440, 692.5, "anual"),
            ]
        ],
        size=8,
    )
    page = read_document(path).document.pages[0]
    assert sorted(w.text for w in page.words) == sorted(["1er", "Trim.", "Meta", "Alcanzado", "anual"])


def make_mixed_pdf(path: Path, scan_lines: list[str]) -> None:
    """Page 1: a text layer. Page 2: only an image of text, placed at 300 dpi."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, A4_H - 72, "Primera página con capa de texto")
    c.showPage()
    img = text_image(scan_lines, size=(2000, 400))
    c.drawImage(ImageReader(img), 72, A4_H - 72 - 96, width=2000 * 72 / 300, height=400 * 72 / 300)
    c.showPage()
    c.save()


@pytest.mark.ocr
def test_mixed_pdf_has_text_layer_page_and_ocr_page(tmp_path: Path) -> None:
    path = tmp_path / "mixto.pdf"
    make_mixed_pdf(path, ["PRESUPUESTO MUNICIPAL 2024", "Avance trimestral"])

    result = read_document(path)

    assert result.failures == []
    doc = result.document
    assert doc is not None
    assert doc.text_source == "mixed" and doc.page_count == 2
    first, second = doc.pages
    assert (first.number, first.text_source) == (1, "text_layer")
    assert first.text == "Primera página con capa de texto"
    assert (second.number, second.text_source) == (2, "ocr")
    assert second.ocr_confidence is not None and 0 < second.ocr_confidence <= 1
    assert {"PRESUPUESTO", "MUNICIPAL", "2024", "Avance", "trimestral"} <= ocr_words(second)
    word = next(w for w in second.words if w.text == "PRESUPUESTO")
    # image at x=72 pt, text 60 px (14.4 pt at 300 dpi) inside it; image top at 72 pt
    assert 72 + 10 < word.bbox.x0 < 72 + 20
    assert 72 + 10 < word.bbox.top < 72 + 25
    assert second.width == pytest.approx(A4_W, abs=1) and second.height == pytest.approx(A4_H, abs=1)


# --------------------------------------------------------------------------- images


@pytest.mark.ocr
def test_png_is_ocrd_with_bboxes_in_points_from_its_dpi(tmp_path: Path) -> None:
    path = tmp_path / "escaneo.png"
    text_image(["Auditoría Superior", "Resultado final"], size=(1600, 320)).save(path, dpi=(200, 200))

    result = read_document(path)

    assert result.failures == []
    doc = result.document
    assert doc is not None
    assert (doc.media_type, doc.text_source, doc.page_count) == ("image", "ocr", 1)
    page = doc.pages[0]
    assert page.width == pytest.approx(1600 * 72 / 200) and page.height == pytest.approx(320 * 72 / 200)
    assert {"Superior", "Resultado", "final"} <= ocr_words(page)
    assert [ln.text for ln in page.lines][-1] == "Resultado final"
    word = next(w for w in page.words if w.text == "Resultado")
    # line 2 starts at pixel (60, 150) -> (21.6, 54) pt at 200 dpi
    assert 60 * 72 / 200 - 3 < word.bbox.x0 < 60 * 72 / 200 + 6
    assert 150 * 72 / 200 - 3 < word.bbox.top < 150 * 72 / 200 + 12
    assert 0 < word.confidence <= 1 and 0 < page.ocr_confidence <= 1


@pytest.mark.ocr
def test_transparent_png_is_read_as_dark_text_on_white(tmp_path: Path) -> None:
    """Screenshots and exported charts often have a transparent background whose hidden
    colour is black; flattened naively, the black text would vanish into it."""
    text = text_image(["Informe Anual"], size=(1000, 200))
    rgba = Image.new("RGBA", text.size, (0, 0, 0, 0))
    rgba.putalpha(text.point(lambda v: 255 - v))  # opaque black where the text is
    path = tmp_path / "captura.png"
    rgba.save(path)

    doc = read_document(path).document

    assert doc is not None
    assert {"Informe", "Anual"} <= ocr_words(doc.pages[0])


@pytest.mark.ocr
def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    path = tmp_path / "expediente.tif"
    frames = [text_image(["Oficio uno"], size=(900, 200)), text_image(["Anexo dos"], size=(900, 200))]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300), compression="tiff_deflate")

    doc = read_document(path).document

    assert doc is not None and doc.page_count == 2
    assert [p.number for p in doc.pages] == [1, 2]
    assert {"Oficio", "uno"} <= ocr_words(doc.pages[0])
    assert {"Anexo", "dos"} <= ocr_words(doc.pages[1])


@pytest.mark.ocr
def test_two_threads_can_read_at_once(tmp_path: Path) -> None:
    texts = {"a.png": "Contraloría General", "b.jpg": "Tesorería Municipal"}
    for name, text in texts.items():
        text_image([text], size=(1200, 200)).save(tmp_path / name, dpi=(300, 300), quality=95)
    results: dict[str, set[str]] = {}

    def work(name: str) -> None:
        doc = read_document(tmp_path / name).document
        results[name] = ocr_words(doc.pages[0]) if doc else set()

    threads = [threading.Thread(target=work, args=(n,)) for n in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert results == {name: set(text.split()) for name, text in texts.items()}


# --------------------------------------------------------------------------- deadline


@pytest.mark.ocr
def test_timeout_gives_read_timeout_and_next_document_still_reads(tmp_path: Path) -> None:
    busy = tmp_path / "pagina_llena.png"
    lines = [f"Renglón {i} del informe con texto de relleno" for i in range(40)]
    text_image(lines, size=(2480, 3508), px=50).save(busy, dpi=(300, 300))

    result = read_document(busy, ReadSettings(timeout_s=0.5))

    assert [f.error_type for f in result.failures] == ["read_timeout"]
    message = result.failures[0].message
    assert "0.5 s" in message and "--timeout" in message

    small = tmp_path / "despues.png"
    text_image(["Segundo documento"], size=(1200, 200)).save(small, dpi=(300, 300))
    after = read_document(small)
    assert after.failures == [] and after.document is not None
    assert {"Segundo", "documento"} <= ocr_words(after.document.pages[0])


def test_stuck_worker_is_killed_and_pool_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "STUCK_GRACE_S", 0.2)
    batch = ocr_module.OcrBatch(workers=1, deadline=time.monotonic() + 1.0, timeout_s=1.0)
    # select.select([], [], [], <the deadline epoch the batch appends>) blocks far past
    # the deadline and ignores it, like a worker stuck inside pdfium.
    batch.submit(0, select.select, [], [], [])
    pool = ocr_module.get_pool(1)
    workers = list(pool._processes.values())
    assert workers and all(proc.is_alive() for proc in workers)

    started = time.monotonic()
    pages, failures = batch.collect()

    assert pages == {} and [f.error_type for f in failures] == ["read_timeout"]
    assert time.monotonic() - started < 10
    for proc in workers:
        proc.join(timeout=5)
        assert not proc.is_alive()
    assert ocr_module.get_pool(1) is not pool
    ocr_module.shutdown_ocr_pools()


def test_a_text_layer_page_keeps_the_dark_marks_no_text_explains(tmp_path) -> None:
    # a blot over an empty cell (the generator's ASM agreements blot a date this way) is kept as
    # a mark; a dark band under white print and a light shade are not marks
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    from papeleo.readers import ReadSettings, read_document

    path = tmp_path / "marks.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawString(72, 700, "Fecha comprometida de cumplimiento")
    c.setFillGray(0.15)
    p = c.beginPath()
    p.moveTo(400, 700)
    p.curveTo(430, 712, 460, 696, 480, 708)
    p.curveTo(490, 712, 470, 694, 410, 695)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.rect(72, 600, 300, 20, stroke=0, fill=1)  # a dark band ...
    c.setFillGray(1.0)
    c.drawString(80, 606, "Hallazgo")  # ... with white print on it
    c.setFillGray(0.9)
    c.rect(72, 500, 100, 20, stroke=0, fill=1)  # a light shade
    c.save()

    page = read_document(path, ReadSettings()).document.pages[0]
    assert len(page.marks) == 1
    (mark,) = page.marks
    assert 395 <= mark.x0 <= 410 and 470 <= mark.x1 <= 495 and 792 - 715 <= mark.top <= 792 - 690
