"""OCR'd pages without column rules are read in visual lines (extractors/convenio_asm
``_visual_lines``): tesseract returns a table head 'No. | Descripción del hallazgo | Actividad
comprometida' as one line per column block, at slightly different heights, as it did on
generated scans. The page is built by hand; the words are the ones drawn."""

from __future__ import annotations

from extractors.convenio_asm import _visual_lines
from extractors.convenio_asm.head import _label_text
from papeleo.model import BBox, Line, Page, Rule, Word


def word(text: str, x0: float, top: float) -> Word:
    return Word(text, BBox(x0, top, x0 + 6 * len(text), top + 9), 0.95)


def ocr_page(rules: tuple[Rule, ...] = (), source: str = "ocr") -> Page:
    lines = (
        Line.from_words([word("No.", 76, 91.0)]),
        Line.from_words([word("Descripción", 147, 91.2), word("del", 220, 91.2), word("hallazgo", 240, 91.2)]),
        Line.from_words([word("Actividad", 371, 92.2), word("comprometida", 430, 92.2)]),
    )
    return Page(number=2, lines=lines, text_source=source, width=612, height=792, rules=rules)


def test_a_head_split_by_tesseract_blocks_is_one_visual_line() -> None:
    page = _visual_lines(ocr_page())
    assert [ln.text for ln in page.lines] == ["No. Descripción del hallazgo Actividad comprometida"]


def test_ruled_pages_and_text_layers_keep_their_lines() -> None:
    ruled = ocr_page(rules=(Rule(140, 80, 140.5, 400),))
    assert _visual_lines(ruled) is ruled
    text = ocr_page(source="text_layer")
    assert _visual_lines(text) is text


def test_a_head_label_printed_turned_upwards_reads_in_its_own_order():
    # three turned lines, left to right; the middle one holds two words, 'de' above
    words = [
        Word("de", BBox(136.0, 183.0, 145.0, 192.0)),
        Word("Aspecto", BBox(127.0, 206.0, 136.0, 240.0)),
        Word("Susceptible", BBox(136.0, 194.0, 145.0, 240.0)),
        Word("Mejora", BBox(145.0, 212.0, 154.0, 240.0)),
    ]
    assert _label_text(words) == "Aspecto Susceptible de Mejora"


def test_a_ruled_label_value_sheet_from_a_scan_is_read_in_visual_lines() -> None:
    """Dev ASM scan 46: tesseract gave each box's value before its label ('Conciliación de ...'
    then 'Aspecto Susceptible de Mejora:'), and the sheet's aspects came out with no text."""
    from extractors.convenio_asm import extract
    from papeleo.context import process_context
    from papeleo.model import Document

    def at(top: float, *cells: tuple[float, str]) -> Line:
        ws = []
        for x, text in cells:  # 5 pt a letter: the label ends left of its value, as printed
            for t in text.split():
                ws.append(Word(t, BBox(x, top, x + 5 * len(t), top + 9), 0.95))
                x += 5 * len(t) + 3
        return Line.from_words(ws)

    lines = (
        at(223, (48, "Aspecto No. 1.")),
        at(240.7, (206, "Conciliación de la información reportada")),
        at(240.8, (51, "Aspecto Susceptible de Mejora:")),
        at(258.1, (206, "Establecer un procedimiento de validación.")),
        at(257.8, (51, "Acción a emprender:")),
        at(293.3, (206, "Información financiera consistente")),
        at(293.4, (51, "Resultados esperados:")),
    )
    rules = (Rule(200, 235, 200.5, 320), Rule(48, 235, 48.5, 320), Rule(560, 235, 560.5, 320))
    page = Page(number=1, lines=lines, text_source="ocr", width=612, height=792, rules=rules)
    doc = Document("0" * 64, "ficha.pdf", "ficha.pdf", "pdf", pages=[page], page_count=1)
    (rec,) = extract(doc, process_context()).records
    assert rec["texto"] == "Conciliación de la información reportada"
    assert rec["actividad_comprometida"] == "Establecer un procedimiento de validación."
