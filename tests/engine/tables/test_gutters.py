"""Gutters, rows and header labels on hand-built pages: words placed at known points, so
each expectation follows from the geometry written here."""

from __future__ import annotations

from papeleo.model import BBox, Line, Page, Word
from papeleo.tables import page_to_tables
from papeleo.tables.gutters import Columns, lines_to_columns
from papeleo.tables.header import header_words_to_pieces, pieces_to_names
from papeleo.tables.rows import lines_to_row_groups

CHAR = 5.0  # points per character of a 10 pt word
SPACE = 3.0  # points between two words (Helvetica's space at 10 pt is 2.8)
HEIGHT = 10.0


def words_at(x: float, top: float, text: str, confidence: float = 1.0) -> list[Word]:
    """The words of ``text`` set from x, one space apart."""
    out = []
    for token in text.split():
        out.append(Word(token, BBox(x, top, x + CHAR * len(token), top + HEIGHT), confidence))
        x += CHAR * len(token) + SPACE
    return out


def line(top: float, *cells: tuple[float, str], confidence: float = 1.0) -> list[Word]:
    return [w for x, text in cells for w in words_at(x, top, text, confidence)]


def page_of(lines: list[list[Word]], source: str = "text_layer") -> Page:
    return Page(number=3, lines=tuple(Line.from_words(ws) for ws in lines), text_source=source, width=595, height=842)  # type: ignore[arg-type]


def test_gutters_are_the_x_ranges_no_line_covers() -> None:
    lines = [
        line(100, (50, "C01"), (100, "Luminarias"), (250, "1,450")),
        line(114, (50, "C02"), (100, "Reportes atendidos"), (250, "480")),
    ]

    columns = lines_to_columns(lines, gap=0.7 * HEIGHT)

    # gutters: from the end of 'C01'/'C02' to 100, from the end of 'Reportes atendidos' to 250
    end_of_clave = 50 + 3 * CHAR
    end_of_reportes = 100 + 17 * CHAR + SPACE
    assert columns is not None
    assert columns.edges == (50, (end_of_clave + 100) / 2, (end_of_reportes + 250) / 2, 250 + 5 * CHAR)
    assert [columns.index_of(x) for x in (0, 60, 120, 260, 999)] == [0, 0, 1, 2, 2]


def test_unruled_table_on_a_hand_built_page() -> None:
    lines = [
        line(60, (50, "Cuadro 2. Resultados de la revisión del ejercicio fiscal")),
        line(100, (50, "Clave"), (100, "Componente"), (250, "Monto")),
        line(116, (50, "C01"), (100, "Luminarias reparadas"), (250, "1,450")),
        line(132, (50, "C02"), (100, "Reportes atendidos en"), (250, "480")),
        line(144, (100, "tiempo y forma")),
        line(160, (50, "C03"), (100, "Rutas cumplidas"), (250, "1,872")),
        line(220, (50, "Fuente: elaboración propia con datos de la Dirección de Servicios Públicos.")),
    ]

    tables = page_to_tables(page_of(lines))

    assert len(tables) == 1
    table = tables[0]
    assert (table.source, table.pages) == ("gutters", (3,))
    assert table.to_rows() == [
        {"Clave": "C01", "Componente": "Luminarias reparadas", "Monto": "1,450"},
        {"Clave": "C02", "Componente": "Reportes atendidos en tiempo y forma", "Monto": "480"},
        {"Clave": "C03", "Componente": "Rutas cumplidas", "Monto": "1,872"},
    ]
    assert table.bbox == BBox(50, 100, 250 + 5 * CHAR, 170)


def test_one_line_crossing_a_gutter_in_a_long_table_does_not_merge_columns() -> None:
    lines = [line(100 + 14 * i, (50, f"R{i:02d}"), (120, f"Concepto {i}"), (260, f"{i},000")) for i in range(12)]
    lines.insert(6, line(184, (50, "Subtotal de conceptos de gasto corriente")))  # runs over the first cut

    columns = lines_to_columns(lines, gap=0.7 * HEIGHT)

    assert columns is not None and len(columns) == 3


def test_ocr_specks_in_a_gutter_neither_close_it_nor_fill_cells() -> None:
    lines = [
        line(100, (50, "Clave"), (100, "Monto"), confidence=0.95),
        line(116, (50, "C01"), (100, "1,450"), confidence=0.95),
        line(132, (50, "C02"), (100, "480"), confidence=0.95),
    ]
    lines[1].append(Word("]", BBox(80, 116, 83, 126), 0.2))  # dust between the columns
    lines[2].append(Word("l", BBox(80, 132, 82, 142), 0.3))

    tables = page_to_tables(page_of(lines, "ocr"))

    assert [t.to_rows() for t in tables] == [[{"Clave": "C01", "Monto": "1,450"}, {"Clave": "C02", "Monto": "480"}]]
    assert tables[0].rows[0].cells[1].confidence == 0.95


def test_padding_between_rows_separates_rows_whose_first_cell_wraps() -> None:
    """Names wrap onto a second line and the numbers are centred between the two lines;
    rows are padded 6 pt apart while wrapped lines are 2 pt apart."""
    columns = Columns((40.0, 150.0, 200.0, 260.0))
    lines = [
        line(100, (50, "Ramírez Ochoa")),
        line(105, (160, "9,722"), (210, "9,628")),
        line(112, (50, "Lucía Fernanda")),
        line(128, (50, "Villaseñor Trejo")),
        line(133, (160, "9,722"), (210, "9,602")),
        line(140, (50, "Martín")),
    ]

    groups = lines_to_row_groups(lines, columns, HEIGHT)

    assert [len(g) for g in groups] == [3, 3]


def test_evenly_spaced_rows_are_cut_at_each_filled_first_cell() -> None:
    columns = Columns((40.0, 90.0, 300.0))
    lines = [
        line(100, (50, "1"), (100, "El Fondo no cuenta con un")),
        line(112, (100, "diagnóstico actualizado.")),
        line(124, (50, "2"), (100, "Los indicadores no miden")),
        line(136, (50, "3"), (100, "No se documentan los criterios.")),
    ]

    groups = lines_to_row_groups(lines, columns, HEIGHT)

    assert [len(g) for g in groups] == [2, 1, 1]


def test_group_label_narrower_than_its_group_covers_every_column_under_it() -> None:
    """'Avance trimestral' (85 pt) is centred over T1..T4 (four 40 pt columns): it overlaps
    only the middle two, yet it labels all four; 'Meta' beside it labels its own column."""
    columns = Columns((40.0, 100.0, 140.0, 180.0, 220.0, 260.0))
    header = [
        *words_at(50, 100, "Meta"),
        *words_at(180 - (16 * CHAR + SPACE) / 2, 100, "Avance trimestral"),  # centred on 180, the middle of 100..260
        *(w for i, t in enumerate(("T1", "T2", "T3", "T4")) for w in words_at(110 + 40 * i, 114, t)),
    ]
    body = [w for i in range(5) for w in words_at(50 + (0 if i == 0 else 60 + 40 * (i - 1)), 130, "99")]

    names = pieces_to_names(header_words_to_pieces(header, columns, 0.7 * HEIGHT, body), len(columns))

    assert names == (
        "Meta",
        "Avance trimestral T1",
        "Avance trimestral T2",
        "Avance trimestral T3",
        "Avance trimestral T4",
    )


def test_a_dash_between_two_words_is_text_and_a_lone_one_dust() -> None:
    """An OCR'd date range 'Agosto 2017 — Enero 2018' (dev ASM scan 3): the dash at word spacing
    between two words is kept when asked; a dash alone in a gutter stays dust either way."""
    from papeleo.tables.words import dashes_between_words, page_to_visual_lines

    h = 8.0
    words = [
        Word("Agosto", BBox(459, 100, 485, 100 + h), 0.8),
        Word("2017", BBox(488, 100, 507, 100 + h), 0.9),
        Word("—", BBox(510, 103, 515, 104), 0.9),
        Word("Enero", BBox(518, 100, 540, 100 + h), 0.9),
        Word("—", BBox(600, 103, 605, 104), 0.9),  # in a gutter, 60 pt from the last word
        Word("Otro", BBox(660, 100, 680, 100 + h), 0.9),
    ]
    page = Page(number=1, width=800, height=600, lines=(Line.from_words(words),), text_source="ocr")
    assert [ln.text for ln in page_to_visual_lines(page, keep=dashes_between_words).lines] == [
        "Agosto 2017 — Enero Otro"
    ]
    assert [ln.text for ln in page_to_visual_lines(page).lines] == ["Agosto 2017 Enero Otro"]


def test_ocr_lines_join_a_visual_line_whole_and_never_over_each_other() -> None:
    """Dev ASM scan 50, tilted: word by word, a line's band crept down over the next line of the
    same cell and interleaved the two; by OCR's lines, the cell's two lines stay two, and the
    cell beside them still joins the first."""
    from papeleo.tables.words import page_to_visual_lines_by_segment

    first = [Word("Además,", BBox(99, 411, 130, 419), 0.9), Word("no", BBox(133, 412, 143, 420), 0.9),
             Word("se", BBox(146, 413, 155, 421), 0.9), Word("documentan", BBox(158, 414, 200, 422), 0.9)]  # fmt: skip
    second = [Word("seleccionar", BBox(99, 420, 140, 428), 0.9), Word("a", BBox(143, 421, 147, 429), 0.9)]
    beside = [Word("Implementar", BBox(271, 412, 320, 420), 0.9), Word("un", BBox(323, 412, 333, 420), 0.9)]
    page = Page(number=1, width=612, height=792, text_source="ocr",
                lines=tuple(Line.from_words(ws) for ws in (first, second, beside)))  # fmt: skip
    got = [ln.text for ln in page_to_visual_lines_by_segment(page).lines]
    assert got == ["Además, no se documentan Implementar un", "seleccionar a"]
