"""A word OCR read as a line of its own goes back into the gap it fills (papeleo/text/pagetext.py).

The lines are those of generated ASM scan 83, page 2 ('Aportaciones' boxed apart, a little
taller than its line, over the gap it fills), with boxes as read."""

from __future__ import annotations

from papeleo.model import BBox, Line, Word
from papeleo.text.pagetext import lines_with_stray_words_joined


def line(words: list[tuple[str, float, float]], top: float, bottom: float) -> Line:
    return Line.from_words([Word(t, BBox(x0, top, x1, bottom), 0.9) for t, x0, x1 in words])


HOST = line(
    [("Específica", 67.7, 110), ("de", 113, 122), ("Desempeño", 125, 170), ("al", 173, 181), ("Fondo", 184, 210),
     ("de", 213, 222), ("para", 346, 366), ("la", 369, 377), ("Infraestructura", 380, 440)],
    132.2, 142.1,
)  # fmt: skip
STRAY = line([("Aportaciones", 281.5, 344.7)], 129.0, 143.2)


def test_a_stray_word_goes_back_into_the_gap_of_the_line_it_stands_on() -> None:
    (joined,) = lines_with_stray_words_joined([STRAY, HOST])
    assert joined.text == "Específica de Desempeño al Fondo de Aportaciones para la Infraestructura"


def test_a_word_beside_a_line_or_under_it_stays_a_line_of_its_own() -> None:
    margin = line([("rúbrica", 480.0, 520.0)], 130.0, 143.0)  # past the line's end: no gap
    under = line([("Aportaciones", 281.5, 344.7)], 150.0, 160.0)  # the next line's
    assert lines_with_stray_words_joined([HOST, margin, under]) == [HOST, margin, under]
