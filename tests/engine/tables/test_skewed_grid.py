"""A ruled grid on a scanned page turned by a fraction of a degree: the page is built here by
hand, every rule and word where a page turned by 0.9 degrees clockwise puts it, so each word's
cell is the one it was drawn in.

Each rule is recorded as the box a tilted line fills (15 pt tall over 940 pt); text sits close
under its cell's top rule, as a report's codes do. Taken level through the rules' middles, the
row lines put the codes of the left columns in the row above (MIR report block 6422)."""

from __future__ import annotations

from papeleo.model import BBox, Line, Page, Rule, Word
from papeleo.tables import page_to_tables

SLOPE = 0.016  # ~0.9 degrees: the page's lines fall 0.016 pt per pt to the right
X0, X1 = 40.0, 980.0
ROW_TOPS = (100.0, 140.0, 180.0, 220.0, 260.0)  # at x = X0
COLUMNS = (40.0, 100.0, 300.0, 600.0, 980.0)  # at y = ROW_TOPS[0]
STROKE = 1.0


def _y(x: float, y_at_x0: float) -> float:
    return y_at_x0 + SLOPE * (x - X0)


def _rules() -> tuple[Rule, ...]:
    hs = [Rule(X0, top, X1, _y(X1, top) + STROKE) for top in ROW_TOPS]
    height = ROW_TOPS[-1] - ROW_TOPS[0] + SLOPE * (X1 - X0)
    # a vertical line leans left as it goes down, by the same slope
    vs = [
        Rule(x - SLOPE * height, ROW_TOPS[0] + SLOPE * (x - X0), x + STROKE, ROW_TOPS[-1] + SLOPE * (x - X0))
        for x in COLUMNS
    ]
    return (*hs, *vs)


def _word(text: str, x: float, row: int) -> Word:
    top = _y(x, ROW_TOPS[row]) + 1.5  # close under the row's top rule, where the line is at x
    return Word(text, BBox(x, top, x + 5.0 * len(text), top + 6.0))


CELLS = [
    ["Clave", "Indicador", "Meta anual", "Alcanzado"],
    ["4.1.2", "Porcentaje de créditos fiscales recuperados", "1,250", "1,300"],
    ["4.1.2.1", "Porcentaje de padrones actualizados", "216", "210"],
    ["4.1.2.2", "Porcentaje de pólizas registradas", "667", "600"],
]
X_OF = (45.0, 105.0, 305.0, 605.0)


def test_a_turned_grid_puts_each_word_in_the_cell_it_was_printed_in() -> None:
    lines = []
    for r, texts in enumerate(CELLS):
        words = [_word(t, x, r) for t, x in zip(texts, X_OF)]
        lines.append(Line(" ".join(texts), tuple(words), BBox.union(w.bbox for w in words)))
    page = Page(1, tuple(lines), "ocr", 1008, 612, rules=_rules())

    (table,) = page_to_tables(page)

    assert table.columns == ("Clave", "Indicador", "Meta anual", "Alcanzado")
    assert [row.texts for row in table.rows] == [tuple(texts) for texts in CELLS[1:]]


def test_a_level_grid_is_read_as_before() -> None:
    rules = tuple(Rule(X0, top, X1, top + STROKE) for top in ROW_TOPS) + tuple(
        Rule(x, ROW_TOPS[0], x + STROKE, ROW_TOPS[-1]) for x in COLUMNS
    )
    lines = []
    for r, texts in enumerate(CELLS):
        words = [Word(t, BBox(x, ROW_TOPS[r] + 1.5, x + 5.0 * len(t), ROW_TOPS[r] + 7.5)) for t, x in zip(texts, X_OF)]
        lines.append(Line(" ".join(texts), tuple(words), BBox.union(w.bbox for w in words)))

    (table,) = page_to_tables(Page(1, tuple(lines), "ocr", 1008, 612, rules=rules))

    assert [row.texts for row in table.rows] == [tuple(texts) for texts in CELLS[1:]]
