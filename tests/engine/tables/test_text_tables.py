"""Tables in plain text: Markdown, HTML, tab-separated and space-aligned. The inputs are
written here, in the forms OCR tools and PDF-to-text converters produce (the ASM seed's
Markdown with HTML lists in cells, the score seed's tab-separated two-line header)."""

from __future__ import annotations

from papeleo.model import Line, Page
from papeleo.tables import page_to_tables, text_to_tables

MARKDOWN = """\
TERCERA. El sujeto evaluado se compromete a atender los hallazgos siguientes:

| No. | Hallazgo | Actividad comprometida | Fecha compromiso |
|--|---|--|--------|
| 1 | El Fondo no cuenta con un diagnóstico actualizado. | Elaborar y publicar el diagnóstico. | Agosto 2024 |
| 3 | No se documentan los criterios de selección. | <ul style="list-style-type: none"> • Emitir los criterios de focalización • Publicar los criterios en el portal </ul> | Septiembre 2024 |
| 4 | Los padrones no incluyen la CURP. | <ul><li>Depurar los padrones</li><li>Completar el registro<br>de la CURP</li></ul> | 31 de octubre de 2024 |

CUARTA. Cumplimiento.
"""


def test_markdown_table_with_html_lists_in_cells() -> None:
    tables = text_to_tables(MARKDOWN)

    assert len(tables) == 1
    table = tables[0]
    assert table.source == "markdown"
    assert list(table.columns) == ["No.", "Hallazgo", "Actividad comprometida", "Fecha compromiso"]
    assert table.to_rows() == [
        {
            "No.": "1",
            "Hallazgo": "El Fondo no cuenta con un diagnóstico actualizado.",
            "Actividad comprometida": "Elaborar y publicar el diagnóstico.",
            "Fecha compromiso": "Agosto 2024",
        },
        {
            "No.": "3",
            "Hallazgo": "No se documentan los criterios de selección.",
            "Actividad comprometida": "Emitir los criterios de focalización; Publicar los criterios en el portal",
            "Fecha compromiso": "Septiembre 2024",
        },
        {
            "No.": "4",
            "Hallazgo": "Los padrones no incluyen la CURP.",
            "Actividad comprometida": "Depurar los padrones; Completar el registro de la CURP",
            "Fecha compromiso": "31 de octubre de 2024",
        },
    ]
    assert all(r.page is None and c.bbox is None for r in table.rows for c in r.cells)


HTML = """\
<p>Dictamen general</p>
<table border="1">
  <thead>
    <tr><th rowspan="2">Nombre completo</th><th colspan="2">Metas</th><th rowspan="2">Calificación final</th></tr>
    <tr><th>Individuales</th><th>Colectivas</th></tr>
  </thead>
  <tbody>
    <tr><td>Torres Santiago Ana</td><td>N/A</td><td>9,583</td><td>9,575</td></tr>
    <tr><td>Blanca Cortez<br/>Cupertino</td><td>10,000</td><td>10,000</td><td>10,000</td></tr>
  </tbody>
</table>
"""


def test_html_table_with_merged_header_cells() -> None:
    tables = text_to_tables(HTML, page=4)

    assert len(tables) == 1
    table = tables[0]
    assert table.source == "html"
    assert list(table.columns) == ["Nombre completo", "Metas Individuales", "Metas Colectivas", "Calificación final"]
    assert table.to_rows(page_key="page") == [
        {
            "Nombre completo": "Torres Santiago Ana",
            "Metas Individuales": "N/A",
            "Metas Colectivas": "9,583",
            "Calificación final": "9,575",
            "page": 4,
        },
        {
            "Nombre completo": "Blanca Cortez Cupertino",
            "Metas Individuales": "10,000",
            "Metas Colectivas": "10,000",
            "Calificación final": "10,000",
            "page": 4,
        },
    ]


TSV = (
    "DICTAMEN\n"
    "Nombre completo\tCargo/Puesto\tMetas\t\tCompetencias\tCalificación final\n"
    "\t\tIndividuales\tColectivas\t\t\n"
    "Torres Santiago Ana Yarin\tCoordinadora de Educación Cívica\tN/A\t9,583\t9,555\t9,575\n"
    "Tapia Mora Sandra Angely\tTécnica de Vinculación\t10,000\t10,000\t9,842\t9,893\n"
    "\n"
    "DÉCIMO SEGUNDO. En el Programa Anual de Incentivos ...\n"
)


def test_tab_separated_table_with_a_two_line_header() -> None:
    tables = text_to_tables(TSV)

    assert len(tables) == 1
    table = tables[0]
    assert table.source == "tsv"
    assert list(table.columns) == [
        "Nombre completo",
        "Cargo/Puesto",
        "Metas Individuales",
        "Metas Colectivas",
        "Competencias",
        "Calificación final",
    ]
    assert [r.texts for r in table.rows] == [
        ("Torres Santiago Ana Yarin", "Coordinadora de Educación Cívica", "N/A", "9,583", "9,555", "9,575"),
        ("Tapia Mora Sandra Angely", "Técnica de Vinculación", "10,000", "10,000", "9,842", "9,893"),
    ]


SPACED = """\
Cuadro 3. Avance de metas

Clave    Componente                                Metas            Avance
                                          Programada   Alcanzada
C01      Luminarias reparadas                  1,450       1,388    95.7%
C02      Reportes atendidos en tiempo            480         466    97.1%
         y forma
C03      Rutas de recolección cumplidas        1,872       1,840    98.3%

Fuente: Dirección de Servicios Públicos.
"""


def test_space_aligned_columns_with_a_wrapped_cell_and_a_group_label() -> None:
    tables = text_to_tables(SPACED)

    assert len(tables) == 1
    table = tables[0]
    assert table.source == "spaced"
    assert list(table.columns) == ["Clave", "Componente", "Metas Programada", "Metas Alcanzada", "Avance"]
    assert table.to_rows() == [
        {
            "Clave": "C01",
            "Componente": "Luminarias reparadas",
            "Metas Programada": "1,450",
            "Metas Alcanzada": "1,388",
            "Avance": "95.7%",
        },
        {
            "Clave": "C02",
            "Componente": "Reportes atendidos en tiempo y forma",
            "Metas Programada": "480",
            "Metas Alcanzada": "466",
            "Avance": "97.1%",
        },
        {
            "Clave": "C03",
            "Componente": "Rutas de recolección cumplidas",
            "Metas Programada": "1,872",
            "Metas Alcanzada": "1,840",
            "Avance": "98.3%",
        },
    ]
    assert table.bbox is None and table.column_edges == ()


def test_prose_with_double_spaces_is_not_a_table() -> None:
    prose = (
        "El Gobierno del Estado impulsa una gestión orientada a resultados.  El ejercicio de los\n"
        "recursos se valora a partir de indicadores verificables  y de evaluaciones externas,\n"
        "conforme al Plan Estatal de Desarrollo vigente.  Los sujetos evaluados atienden los\n"
        "aspectos susceptibles de mejora mediante la firma de un convenio.\n"
    )

    assert text_to_tables(prose) == []


def test_a_plain_text_page_is_read_as_text() -> None:
    page = Page(number=2, lines=tuple(Line.from_text(t) for t in MARKDOWN.split("\n")), text_source="plain_text")

    tables = page_to_tables(page)

    assert [t.source for t in tables] == ["markdown"]
    assert {r.page for r in tables[0].rows} == {2}


TWO_LEVEL_MARKDOWN = """\
| Nivel | Indicador | Ene-Mar |  | Abr-Jun |  | Meta anual |
|  |  | Prog. | Real | Prog. | Real |  |
|---|---|---|---|---|---|---|
| FIN | Porcentaje de obras concluidas | 12.00 | 11.00 | 10.00 |  | 52.00 |
"""


def test_markdown_head_of_two_lines_above_its_rule_names_each_column_by_both() -> None:
    # an export writes a grouped head as two pipe rows before the rule; the group label spans
    # the empty cells after it that have a sub-label below
    (table,) = text_to_tables(TWO_LEVEL_MARKDOWN)

    assert table.columns == (
        "Nivel",
        "Indicador",
        "Ene-Mar Prog.",
        "Ene-Mar Real",
        "Abr-Jun Prog.",
        "Abr-Jun Real",
        "Meta anual",
    )
    assert [r.texts[2:5] for r in table.rows] == [("12.00", "11.00", "10.00")]


def test_markdown_rule_on_the_first_line_means_the_head_was_lost() -> None:
    (table,) = text_to_tables("|---|---|\n| FIN | 12.00 |\n| ACTIVIDAD | 3.00 |\n")

    assert table.header_rows == ()
    assert [r.texts for r in table.rows] == [("FIN", "12.00"), ("ACTIVIDAD", "3.00")]


BROKEN_HEAD_MARKDOWN = """\
Ejercicio Fiscal 2022
Avance de Indicadores

Nivel MIR

Nombre del indicador

Unidad de
medida

Programado

Alcanzado

Meta anual

|  |  |  | T1 | T2 | T1 | T2 |  |
|---|---|---|---|---|---|---|---|
| FIN | Porcentaje de obras concluidas | Porcentaje | 3.00 | 4.00 | 2.00 |  | 12.00 |
"""


def test_a_head_row_broken_into_label_lines_goes_back_over_its_sub_labels() -> None:
    # one label per empty cell of the sub-label row and one per run of sub-labels; a label
    # wrapped onto two lines is one paragraph; the title lines above are not taken
    tables = text_to_tables(BROKEN_HEAD_MARKDOWN)

    assert [t.columns for t in tables] == [
        (
            "Nivel MIR",
            "Nombre del indicador",
            "Unidad de medida",
            "Programado T1",
            "Programado T2",
            "Alcanzado T1",
            "Alcanzado T2",
            "Meta anual",
        )
    ]
    assert tables[0].rows[0].texts[3:5] == ("3.00", "4.00")


def test_label_lines_fewer_than_the_slots_are_left_alone() -> None:
    # 'Meta anual' lost: five labels for six slots; counting cannot say which is missing
    text = BROKEN_HEAD_MARKDOWN.replace("Meta anual\n\n", "")
    (table,) = text_to_tables(text)

    assert table.columns[:3] == ("col1", "col2", "col3")


def test_a_whole_head_row_with_one_label_lost_takes_no_title_line() -> None:
    text = (
        "Avance de Indicadores\n\n| Nivel | Indicador |  | Meta anual |\n|---|---|---|---|\n| FIN | Obras | 3 | 12 |\n"
    )
    (table,) = text_to_tables(text)

    assert table.columns == ("Nivel", "Indicador", "col3", "Meta anual")


def test_a_lost_head_takes_as_many_label_lines_as_its_rule_declares_columns() -> None:
    # a body row OCR split in two ('| Fecha | compromiso: |') makes four cells under a rule of
    # three: the head is three labels, and the section heading above them is not one
    text = (
        "**a) De los hallazgos:**\n\nN°\n\nHallazgo\n\nActividades comprometidas\n\n"
        "|---|---|---|\n"
        "| 1 | Los reportes no coinciden. | Establecer un procedimiento. |\n"
        "| Fecha | compromiso: |  | Cuarto Trimestre 2024 |\n"
    )
    (table,) = text_to_tables(text)

    assert table.columns[:3] == ("N°", "Hallazgo", "Actividades comprometidas")
    assert table.rows[0].texts[:3] == ("1", "Los reportes no coinciden.", "Establecer un procedimiento.")


def test_a_head_with_a_cell_less_than_its_rule_keeps_the_rule_s_columns() -> None:
    # two labels OCR read as one head cell: the table still has the columns its rule declares
    (table,) = text_to_tables("| No. | Aspecto Área | Fecha |\n|---|---|---|---|\n| 1 | A | B | Julio 2021 |\n")

    assert table.n_columns == 4 and table.columns[-1] == "col4"


def test_text_after_a_cells_list_stays_after_its_items():
    # ASM dev OCR'd text 7911: a date OCR ran into the activity's cell after its list
    from papeleo.tables.html import html_fragment_to_text

    got = html_fragment_to_text('<ul style="list-style-type: none"> • Validar • Documentar </ul> Segundo Semestre 2022')
    assert got == "Validar; Documentar; Segundo Semestre 2022"
    assert html_fragment_to_text("<p>Para su atención:</p><ul><li>Emitir</li></ul>") == "Para su atención: Emitir"
