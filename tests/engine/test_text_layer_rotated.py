"""Words printed turned a quarter in a text layer (a narrow table column's head) are read as
printed, in reading order, beside the page's upright words.

The PDF is drawn here with reportlab; every expected word is the text drawn.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from papeleo.model import BBox, Word
from papeleo.readers.layout import word_group_to_line
from papeleo.readers.pdf import plumber_page_to_page


def _draw(path: Path, angle: int) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(60, 780, "Seguimiento a Aspectos Susceptibles de Mejora")
    # a two-line head label turned so that it reads upwards (angle 90) or downwards (-90)
    for x, text in ((100, "Aspecto"), (112, "Susceptible de"), (124, "Mejora")):
        c.saveState()
        c.translate(x, 600)
        c.rotate(angle)
        c.drawString(0, 0, text)
        c.restoreState()
    c.drawString(60, 560, "1 Elaboración del plan estratégico")
    c.save()


def _words(path: Path) -> list[Word]:
    with pdfplumber.open(path) as pdf:
        page, _ = plumber_page_to_page(pdf.pages[0], 1)
    assert page is not None
    return [w for line in page.lines for w in line.words]


def test_a_head_turned_upwards_reads_its_words_as_printed(tmp_path: Path):
    path = tmp_path / "upwards.pdf"
    _draw(path, 90)
    words = _words(path)
    texts = [w.text for w in words]
    assert texts[:6] == ["Seguimiento", "a", "Aspectos", "Susceptibles", "de", "Mejora"]
    assert texts[-5:] == ["1", "Elaboración", "del", "plan", "estratégico"]
    turned = words[6:-5]  # between the title line and the row line
    # lines of the label left to right, each read upwards (pdfplumber alone gives 'otcepsA')
    reading = sorted(turned, key=lambda w: (round(w.bbox.x0, 1), -w.bbox.bottom))
    assert " ".join(w.text for w in reading) == "Aspecto Susceptible de Mejora"


def test_a_head_turned_downwards_reads_its_words_as_printed(tmp_path: Path):
    path = tmp_path / "downwards.pdf"
    _draw(path, -90)
    assert {"Aspecto", "Susceptible", "Mejora"} <= {w.text for w in _words(path)}


def test_words_that_start_at_the_same_x_are_ordered_bottom_to_top():
    # one line of a label turned upwards: 'Susceptible' is printed below 'de'
    de = Word("de", BBox(112.0, 570.0, 121.0, 581.0))
    susceptible = Word("Susceptible", BBox(112.0, 583.0, 121.0, 640.0))
    aspecto = Word("Aspecto", BBox(100.0, 600.0, 109.0, 640.0))
    assert word_group_to_line([de, susceptible, aspecto]).text == "Aspecto Susceptible de"
