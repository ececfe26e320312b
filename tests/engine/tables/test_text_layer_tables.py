"""Tables in text-layer PDFs drawn with reportlab: the expected cells are the authored ones.

The PDFs go through papeleo's own reader (``read_document``), so the rulings the table
reader uses are the ones the PDF reader recorded in ``Page.rules``.
"""

from __future__ import annotations

import pdfplumber
from table_pdfs import FINDINGS, SCORES, Authored

from papeleo.readers import read_document
from papeleo.tables import page_to_tables

PROSE_BEFORE = (
    "TERCERA. De los Aspectos Susceptibles de Mejora. El sujeto evaluado se compromete a atender "
    "los hallazgos y recomendaciones que se enlistan a continuación, en los plazos pactados."
)
PROSE_AFTER = (
    "CUARTA. Cumplimiento. Las fechas comprometidas no podrán exceder del 31 de diciembre de 2024 y "
    "la Secretaría determinará si las acciones realizadas atienden lo solicitado."
)


def read_first_page(path):
    result = read_document(path)
    assert result.failures == []
    return result.document.pages[0]


def draw_between_prose(new_pdf, authored: Authored, name: str):
    c, d, path = new_pdf(name)
    y = d.paragraph(PROSE_BEFORE, 80)
    y = d.table(authored, y + 18)
    d.paragraph(PROSE_AFTER, y + 24)
    c.save()
    return path


def test_ruled_grid_with_a_group_label_over_two_columns(new_pdf) -> None:
    authored = Authored(**{**SCORES.__dict__, "style": "grid"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "grid.pdf"))

    tables = page_to_tables(page)

    assert len(tables) == 1
    table = tables[0]
    assert table.source == "ruled"
    assert list(table.columns) == [
        "Nombre completo",
        "Cargo/Puesto",
        "Metas Individuales",
        "Metas Colectivas",
        "Calificación final",
    ]
    assert table.to_rows() == authored.expected_rows()
    assert [r.page for r in table.rows] == [1] * len(authored.rows)
    metas = table.header_rows[0].cells[2]
    assert (metas.text, metas.col_span) == ("Metas", 2)
    assert all(c.confidence == 1.0 and c.bbox is not None for r in table.rows for c in r.cells)


def test_rule_under_every_row_gives_one_row_per_band_even_when_cells_wrap(new_pdf) -> None:
    authored = Authored(**{**FINDINGS.__dict__, "style": "rows"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "rows.pdf"))

    tables = page_to_tables(page)

    assert [t.source for t in tables] == ["horizontal_rules"]
    assert list(tables[0].columns) == authored.header
    assert tables[0].to_rows() == authored.expected_rows()


def test_booktabs_rules_split_the_body_band_into_rows(new_pdf) -> None:
    authored = Authored(**{**SCORES.__dict__, "style": "booktabs"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "booktabs.pdf"))

    tables = page_to_tables(page)

    assert [t.source for t in tables] == ["horizontal_rules"]
    assert list(tables[0].columns) == authored.column_names()
    assert tables[0].to_rows() == authored.expected_rows()


def test_unruled_table_between_paragraphs(new_pdf) -> None:
    authored = Authored(**{**FINDINGS.__dict__, "style": "none"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "none.pdf"))

    tables = page_to_tables(page)

    assert [t.source for t in tables] == ["gutters"]
    assert list(tables[0].columns) == authored.header
    assert tables[0].to_rows() == authored.expected_rows()
    assert len(page.rules) == 0


def test_unruled_two_line_header_is_joined_per_column(new_pdf) -> None:
    authored = Authored(**{**SCORES.__dict__, "style": "none"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "none_scores.pdf"))

    tables = page_to_tables(page)

    assert len(tables) == 1
    assert list(tables[0].columns) == authored.column_names()
    assert tables[0].to_rows() == authored.expected_rows()


def test_a_ruled_and_an_unruled_table_on_one_page(new_pdf) -> None:
    grid = Authored(**{**SCORES.__dict__, "style": "grid"})
    plain = Authored(**{**FINDINGS.__dict__, "style": "none"})
    c, d, path = new_pdf("both.pdf")
    y = d.table(grid, 80)
    y = d.paragraph("b) De los hallazgos:", y + 30)
    d.table(plain, y + 14)
    c.save()
    page = read_first_page(path)

    tables = page_to_tables(page)

    assert [t.source for t in tables] == ["ruled", "gutters"]
    assert tables[0].to_rows() == grid.expected_rows()
    assert tables[1].to_rows() == plain.expected_rows()
    assert tables[0].bbox.bottom < tables[1].bbox.top


def test_recorded_rules_are_whole_lines_in_points(new_pdf) -> None:
    """A grid drawn cell side by cell side is recorded as one rule per grid line; a
    checkbox's short sides are not rulings."""
    authored = Authored(**{**FINDINGS.__dict__, "style": "grid"})
    c, d, path = new_pdf("rules.pdf")
    bottom = d.table(authored, 100)
    c.rect(60, 100, 8, 8)  # an 8 pt checkbox near the bottom of the page
    c.save()
    page = read_first_page(path)

    xs = d.xs(authored)
    vertical = sorted((r for r in page.rules if r.orientation == "v"), key=lambda r: r.x0)
    horizontal = [r for r in page.rules if r.orientation == "h"]
    assert [round(r.x0, 1) for r in vertical] == [round(x, 1) for x in xs]
    assert all(abs(r.top - 100) < 1 and abs(r.bottom - bottom) < 1 for r in vertical)
    assert len(horizontal) == len(authored.rows) + 2  # top, under the header, under each row
    assert all(abs(r.x0 - xs[0]) < 1 and abs(r.x1 - xs[-1]) < 1 for r in horizontal)


def test_ruled_grid_agrees_with_pdfplumbers_table_finder(new_pdf) -> None:
    """pdfplumber's own finder, on the PDF's line objects, is an independent reading of the
    same grid: it must see the cells the shared reader sees from ``Page.rules``."""
    authored = Authored(**{**SCORES.__dict__, "style": "grid"})
    path = draw_between_prose(new_pdf, authored, "oracle.pdf")
    table = page_to_tables(read_first_page(path))[0]

    with pdfplumber.open(path) as pdf:
        found = pdf.pages[0].find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        theirs = [[" ".join((c or "").split()) for c in row] for row in found[0].extract()]

    ours = [list(r.texts) for r in (*table.header_rows, *table.rows)]
    assert len(found) == 1
    assert ours == theirs


def test_ruled_header_over_an_unruled_body_is_one_table(new_pdf) -> None:
    """Spreadsheet exports rule the header and leave the body bare: the header band is
    the header of the rows set in columns right below it."""
    authored = Authored(**{**SCORES.__dict__, "style": "header"})
    page = read_first_page(draw_between_prose(new_pdf, authored, "header_only.pdf"))

    tables = page_to_tables(page)

    assert len(tables) == 1
    table = tables[0]
    assert list(table.columns) == authored.column_names()
    assert table.to_rows() == authored.expected_rows()
    assert all(len(r.cells) == table.n_columns for r in (*table.header_rows, *table.rows))
