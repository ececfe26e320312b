"""Text layers that lose their spaces (papeleo.readers.spacing, used by readers.pdf).

The PDFs here are drawn with reportlab the way the troublesome producers draw them: every
word placed on its own with no space glyph (justified lines, word processors' exports),
words set in one ``TJ`` array with the space as a positioning offset, character spacing
(``Tc``) on top. The expected words are the words the test drew. A normal PDF — spaces as
glyphs, a letter-spaced heading, a table of figures — must come back exactly as drawn,
untouched by the repair.

The drawing helpers are also used by benchmarks/bench_text_layer.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from helpers import REALWORLD, requires_realworld
from papeleo.readers import ReadSettings
from papeleo.readers.layout import words_to_lines
from papeleo.readers.pdf import PageNote, plumber_page_to_page, plumber_words_to_words, read_pdf_with_notes
from papeleo.readers.spacing import (
    MIN_GAPS,
    gaps_to_break_threshold,
    page_words_to_respacing,
    respacing_effect,
)

FONT = "Helvetica"
MARGIN = 60.0
TEXT_WIDTH = A4[0] - 2 * MARGIN

PARAGRAPHS = (
    "Determinar los posibles actos u omisiones que motivaron la denuncia recibida, a efecto de identificar "
    "si existe daño o perjuicio a la Hacienda Pública o Patrimonio de la Entidad, en la aplicación de los "
    "recursos autorizados aplicados durante los ejercicios fiscales 2018, 2019 y 2021.",
    "En términos de los artículos 33, 34, 35, 36 y 37 de la Ley de Fiscalización Superior y Rendición de "
    "Cuentas del Estado, con fecha 21 de agosto del año 2023, se presentó una denuncia sobre probables "
    "inconsistencias en el ejercicio de $59,208,069.10 derivado de la ejecución de cuatro proyectos.",
    "La entidad fiscalizada no presentó la evidencia documental que acredite la recepción de los servicios "
    "objeto del contrato número SFP-DGA-01-02-2019, por lo que se determina un pliego de observaciones.",
)


@dataclass
class DrawnLine:
    words: list[str]
    size: float
    gap_pt: float  # the blank drawn between two words (beyond the character spacing)


def justify(words: Sequence[str], size: float, min_gap_em: float, width: float = TEXT_WIDTH) -> list[DrawnLine]:
    """Break ``words`` into lines that fill ``width`` with word gaps of at least
    ``min_gap_em``, then widen each gap (not the last line's) so the line is justified."""
    min_gap = min_gap_em * size
    lines: list[list[str]] = [[]]
    for word in words:
        trial = lines[-1] + [word]
        natural = sum(stringWidth(w, FONT, size) for w in trial) + min_gap * (len(trial) - 1)
        if lines[-1] and natural > width:
            lines.append([word])
        else:
            lines[-1] = trial
    drawn = []
    for i, line in enumerate(lines):
        slack = width - sum(stringWidth(w, FONT, size) for w in line)
        last = i == len(lines) - 1 or len(line) == 1
        drawn.append(DrawnLine(line, size, min_gap if last else slack / (len(line) - 1)))
    return drawn


def draw_word_by_word(c: canvas.Canvas, lines: Sequence[DrawnLine], top: float, char_space: float = 0.0) -> float:
    """Each word placed on its own (a text matrix per word, as word processors export
    justified text): no space glyph anywhere, the space is only the distance. Returns the
    y below the last line."""
    y = top
    for line in lines:
        text = c.beginText()
        text.setFont(FONT, line.size)
        text.setCharSpace(char_space)
        x = MARGIN
        for word in line.words:
            text.setTextOrigin(x, y)
            text.textOut(word)
            x += stringWidth(word, FONT, line.size) + char_space * len(word) + line.gap_pt
        c.drawText(text)
        y -= line.size * 1.4
    return y


def draw_tj_arrays(c: canvas.Canvas, lines: Sequence[DrawnLine], top: float) -> float:
    """Each line one ``TJ`` array whose spaces are positioning offsets (thousandths of an
    em), e.g. ``[(los) -230 (ejercicios)] TJ``. reportlab has no public call for a ``TJ``
    array, so the operator is appended to the text object's code (escaped by reportlab)."""
    y = top
    for line in lines:
        text = c.beginText(MARGIN, y)
        text.setFont(FONT, line.size)
        offset = -round(line.gap_pt / line.size * 1000)
        parts = [text._formatText(w)[: -len(" Tj")] for w in line.words]
        text._code.append("[" + f" {offset} ".join(parts) + "] TJ")
        c.drawText(text)
        y -= line.size * 1.4
    return y


HEADING = "INFORME DE RESULTADOS"
TABLE = [["Concepto", "Universo", "Muestra", "%"], ["Egresos", "$59,208,069.10", "$59,208,069.10", "100.00"]] + [
    [f"Partida {n}", f"{n * 1234.5:,.2f}", f"{n * 987.25:,.2f}", f"{n * 3.5:.2f}"] for n in range(1, 6)
]


def normal_lines() -> list[list[str]]:
    """The words of each line ``draw_normal`` draws, top to bottom."""
    body = [line.words for line in justify(" ".join(PARAGRAPHS).split(), 10, 0.25)]
    return [HEADING.split(), *body, *[" ".join(row).split() for row in TABLE]]


def draw_normal(c: canvas.Canvas, top: float) -> None:
    """What a well-behaved producer draws: spaces as glyphs, a letter-spaced heading (with
    its spaces), a paragraph, and a table of figures in right-aligned columns."""
    text = c.beginText(MARGIN, top)
    text.setFont(FONT, 16)
    text.setCharSpace(1.5)
    text.textOut(HEADING)
    text.setCharSpace(0)  # Tc is graphics state: it would outlive the text object
    c.drawText(text)
    y = top - 30
    c.setFont(FONT, 10)
    for line in justify(" ".join(PARAGRAPHS).split(), 10, 0.25):
        c.drawString(MARGIN, y, " ".join(line.words))
        y -= 14
    c.setFont(FONT, 8)
    for row in TABLE:
        y -= 14
        c.drawString(MARGIN, y, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawRightString(MARGIN + 200 + 110 * k, y, cell)


def write_pdf(path: Path, draw: Any) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    draw(c)
    c.save()
    return path


def paragraph_lines(size: float, min_gap_em: float) -> list[DrawnLine]:
    return [line for p in PARAGRAPHS for line in justify(p.split(), size, min_gap_em)]


def generated_cases() -> dict[str, tuple[Any, list[list[str]]]]:
    """The generated cases, shared with the benchmark: name -> (draw(canvas), the drawn lines' words)."""
    tight = paragraph_lines(10, 0.15)
    spaced = paragraph_lines(9, 0.2)
    tj = paragraph_lines(11, 0.2)
    heading = [DrawnLine(["Resultado", "1", "con", "observación"], 14, 0.2 * 14)]
    body = paragraph_lines(9, 0.18)
    return {
        "tight justified, word by word": (lambda c: draw_word_by_word(c, tight, 780), [ln.words for ln in tight]),
        "character spacing 0.6 pt": (
            lambda c: draw_word_by_word(c, spaced, 780, char_space=0.6),
            [ln.words for ln in spaced],
        ),
        "TJ positioning, no space glyphs": (lambda c: draw_tj_arrays(c, tj, 780), [ln.words for ln in tj]),
        "mixed sizes, word by word": (
            lambda c: draw_word_by_word(c, body, draw_word_by_word(c, heading, 780) - 10),
            [ln.words for ln in heading + body],
        ),
        "normal (space glyphs)": (lambda c: draw_normal(c, 780), normal_lines()),
    }


def read_first_page(path: Path) -> tuple[list[str], PageNote | None]:
    with pdfplumber.open(path) as pdf:
        page, note = plumber_page_to_page(pdf.pages[0], 1)
    assert page is not None
    return [line.text for line in page.lines], note


def default_lines(path: Path) -> list[str]:
    """The page read with pdfplumber's default word settings (papeleo before the repair)."""
    with pdfplumber.open(path) as pdf:
        words = plumber_words_to_words(pdf.pages[0].extract_words())
    return [line.text for line in words_to_lines(words)]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """Each generated case written once: name -> (PDF, the drawn lines as text)."""
    folder = tmp_path_factory.mktemp("spacing")
    return {
        name: (write_pdf(folder / f"case{i}.pdf", draw), [" ".join(words) for words in lines])
        for i, (name, (draw, lines)) in enumerate(generated_cases().items())
    }


RUN_TOGETHER_CASES = [
    "tight justified, word by word",
    "character spacing 0.6 pt",
    "TJ positioning, no space glyphs",
    "mixed sizes, word by word",
]


@pytest.mark.parametrize("case", RUN_TOGETHER_CASES)
def test_words_drawn_without_space_glyphs_read_with_their_spaces(drawn, case):
    path, expected = drawn[case]
    assert default_lines(path) != expected, "the case must show the problem with pdfplumber's defaults"
    lines, note = read_first_page(path)
    assert lines == expected
    assert note is not None and note.action == "respaced" and note.page == 1


def test_a_normal_pdf_is_read_as_drawn_and_left_alone(drawn):
    path, expected = drawn["normal (space glyphs)"]
    lines, note = read_first_page(path)
    assert lines == expected
    assert lines == default_lines(path)
    assert note is None


def test_an_image_only_page_says_why_it_goes_to_ocr(tmp_path):
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (200, 200), 255).save(image)
    path = write_pdf(tmp_path / "scan.pdf", lambda c: c.drawImage(str(image), 0, 0, A4[0], A4[1]))
    with pdfplumber.open(path) as pdf:
        page, note = plumber_page_to_page(pdf.pages[0], 1)
    assert page is None
    assert note == PageNote(1, "ocr", "no text layer, only images")


# --- the gap histogram -------------------------------------------------------------------


def test_two_clear_modes_give_the_middle_of_the_valley():
    gaps = [0.0] * 80 + [0.01] * 10 + [0.23] * 15 + [0.27] * 5
    assert gaps_to_break_threshold(gaps) == pytest.approx(0.12)


def test_one_mode_of_letter_gaps_gives_no_threshold():
    assert gaps_to_break_threshold([-0.04, -0.01, 0.0, 0.01, 0.03] * 20) is None


def test_a_continuum_of_gaps_gives_no_threshold():
    assert gaps_to_break_threshold([i / 200 for i in range(60)]) is None


def test_too_few_gaps_give_no_threshold():
    few = [0.0] * (MIN_GAPS // 2 - 1) + [0.25] * (MIN_GAPS // 2)
    assert gaps_to_break_threshold(few) is None


def test_word_breaks_too_close_to_the_letter_gaps_are_not_word_breaks():
    assert gaps_to_break_threshold([0.0] * 80 + [0.07] * 20) is None


# --- the acceptance measure ----------------------------------------------------------------


def chars(text: str, x0: float, gaps: Sequence[float] = (), size: float = 10.0) -> list[dict[str, Any]]:
    """Glyph dicts 5 pt wide, with the given blank (in points) after each glyph (0 if not given)."""
    out, x = [], x0
    for i, ch in enumerate(text):
        out.append({"text": ch, "x0": x, "x1": x + 5, "top": 100.0, "size": size})
        x += 5 + (gaps[i] if i < len(gaps) else 0.0)
    return out


def word(glyphs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "text": "".join(g["text"] for g in glyphs),
        "x0": glyphs[0]["x0"],
        "x1": glyphs[-1]["x1"],
        "top": 100.0,
        "bottom": 110.0,
        "direction": "ltr",
        "chars": glyphs,
    }


def test_respacing_effect_counts_run_together_splits_and_other_changes():
    stuck = chars("losejercicios", 0, [0, 0, 2.5])  # "los" | "ejercicios"
    real = chars("Hacienda", 200)
    old = [word(stuck), word(real)]
    new = [word(stuck[:3]), word(stuck[3:]), word(real[:2]), word(real[2:])]
    assert respacing_effect(old, new, {0}) == (1, 1)
    joined = [word(stuck[:3]), word(stuck[3:] + real)]
    assert respacing_effect(old, joined, {0}) == (1, 1)


class FakePage:
    """Answers the re-extraction with prepared words, to test the acceptance rule alone."""

    def __init__(self, words: list[dict[str, Any]]) -> None:
        self.words = words

    def extract_words(self, **_: Any) -> list[dict[str, Any]]:
        return self.words


def stuck_page_words() -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """Words of a page: 3 run-together tokens (a 2.5 pt break in each) and 40 clean ones;
    also the glyphs of each token, to build re-extractions from."""
    glyphs = [chars("unodos", 0, [0, 0, 2.5]) for _ in range(3)] + [chars("palabra", 100) for _ in range(40)]
    for i, g in enumerate(glyphs):
        for c in g:
            c["top"] = 100.0 + 12 * i
    return [word(g) for g in glyphs], glyphs


def test_a_re_reading_that_splits_other_words_is_rejected():
    words, glyphs = stuck_page_words()
    split_stuck = [word(g[:3]) for g in glyphs[:3]] + [word(g[3:]) for g in glyphs[:3]]
    split_real = [p for g in glyphs[3:] for p in (word(g[:2]), word(g[2:]))]  # every real word broken
    respacing = page_words_to_respacing(FakePage(split_stuck + split_real), words)
    assert respacing is not None and not respacing.kept
    assert respacing.words == words and respacing.collateral == 40
    assert "kept as read" in respacing.note


def test_a_re_reading_that_splits_only_the_run_together_words_is_kept():
    words, glyphs = stuck_page_words()
    split_stuck = [word(g[:3]) for g in glyphs[:3]] + [word(g[3:]) for g in glyphs[:3]]
    new = split_stuck + [word(g) for g in glyphs[3:]]
    respacing = page_words_to_respacing(FakePage(new), words)
    assert respacing is not None and respacing.kept
    assert (respacing.run_together, respacing.fixed, respacing.collateral) == (3, 3, 0)
    assert sorted(w["text"] for w in respacing.words).count("uno") == 3


def test_one_token_holding_a_whole_line_is_enough_to_read_the_page_again():
    words, glyphs = stuck_page_words()
    line = chars("unodostrescuatro", 0, [0, 0, 2.5, 0, 0, 2.5, 0, 0, 0, 2.5])  # uno|dos|tres|cuatro
    for c in line:
        c["top"] = 0.0
    pieces = [word(line[:3]), word(line[3:6]), word(line[6:10]), word(line[10:])]
    clean = [word(g) for g in glyphs[3:]]
    respacing = page_words_to_respacing(FakePage(pieces + clean), [word(line)] + clean)
    assert respacing is not None and respacing.kept and respacing.run_together == 1


def test_a_single_odd_gap_on_a_page_is_left_alone():
    glyphs = [chars("dos", 0, [2.5])] + [chars("palabra", 100) for _ in range(40)]
    for i, g in enumerate(glyphs):
        for c in g:
            c["top"] = 100.0 + 12 * i
    assert page_words_to_respacing(FakePage([]), [word(g) for g in glyphs]) is None


# --- real documents -----------------------------------------------------------------------


ASEH = REALWORLD / "hgo_aseh_informe_excepcional_2023.pdf"
POA = REALWORLD / "chis_icatech_poa_avance_2018t2.pdf"


def read_real(path: Path) -> tuple[Any, list[PageNote]]:
    doc, _, notes = read_pdf_with_notes(str(path), "x", str(path), path.name, ReadSettings(), float("inf"))
    return doc, notes


@requires_realworld
def test_the_real_audit_report_reads_its_justified_lines_with_spaces():
    """Phrases read off page 3 of the rendered page (lines that pdfplumber's defaults run together)."""
    with pdfplumber.open(ASEH) as pdf:
        page, note = plumber_page_to_page(pdf.pages[2], 3)
    assert page is not None and note is not None and note.action == "respaced"
    text = page.text
    for phrase in (
        "los ejercicios fiscales 2018, 2019 y 2021.",
        "1.- En términos de los artículos 33, 34, 35, 36 y 37 de la Ley de Fiscalización Superior",
        "denuncia mediante la cual se hace del conocimiento a este Órgano Técnico sobre probables inconsistencias",
        "proporcionada por las empresas contratadas en la Secretaría de Finanzas Públicas del Gobierno",
        "correspondiente a las Cuentas Públicas 2018, 2019 y 2021.",
    ):
        assert phrase in text


@requires_realworld
def test_the_real_audit_report_says_which_pages_were_repaired_or_ocrd():
    with pdfplumber.open(ASEH) as pdf:
        notes = [plumber_page_to_page(pdf.pages[i], i + 1)[1] for i in (0, 1, 2)]
    assert notes[0] is not None and notes[0].action == "ocr" and "scanned page" in notes[0].reason
    assert notes[1] is None  # the blank page: nothing to read, nothing done
    assert notes[2] is not None and notes[2].action == "respaced"


@requires_realworld
def test_a_real_spreadsheet_export_is_left_as_read():
    doc, notes = read_real(POA)
    assert notes == []
    with pdfplumber.open(POA) as pdf:
        for page, plumber_page in zip(doc.pages, pdf.pages):
            default = words_to_lines(plumber_words_to_words(plumber_page.extract_words()))
            assert [ln.text for ln in page.lines] == [ln.text for ln in default]
