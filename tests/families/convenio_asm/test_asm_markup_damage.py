"""Markdown and tab-separated exports whose table OCR broke into pieces, mended from the table.

Each text is copied, shortened, from the OCR'd-text form of generated agreements (ASM 7726:
Markdown at heavy damage; ASM 7728: tab-separated), its rows renumbered from 1 where the copy
starts further down; expected values are read from the text.
"""

from __future__ import annotations

import datetime as dt

from extractors.convenio_asm.records import CellLine, flatten
from helpers import make_document
from papeleo import registry
from papeleo.context import process_context


def extract(text: str):
    return registry.get("convenio_asm.v1").func(make_document(text), process_context())


def rows(text: str) -> list[tuple]:
    return [
        (r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in extract(text).records
    ]


HEAD = "**a) De los hallazgos:**\n\n| N° | Hallazgo | Acción de mejora comprometida |\n\n|---|---|---|\n\n"


def test_a_row_and_its_date_row_written_as_paragraphs_between_pipe_rows() -> None:
    text = HEAD + (
        "| 1 | No se cuenta con un procedimiento. | Diseñar un instrumento. |\n"
        "| Fecha compromiso: |  | 30/04/2020 |\n"
        "2\n\n"
        "También se detectó que se identificaron deficiencias\n"
        "en el proceso de capacitación.\n\n"
        "Diseñar e implementar un programa anual de capacitación.\n\n"
        "Fecha compromiso:\n\n"
        "S/F\n\n"
        "| 3 | La MIR carece de indicadores. | Elaborar las fichas técnicas. |\n"
        '| Fecha compromiso: |  | 30/04/2020 |\n"2019. Año de la Consolidación del Sistema Estatal Anticorrupción"\n\n'
        "4 También se detectó que la coordinación no se encuentra formalizada.\n\n"
        "Suscribir los acuerdos de coordinación.\n\n"
        "| Fecha compromiso: |  | 31/05/2020 |\n"
        "| 5 | Los objetivos no están vinculados. | Alinear los objetivos. |\n"
        "Fecha compromiso:\n\n"
        "a0/04/202o\n\n\n"
        "Handwritten signatures and initials in blue ink.\n"
    )
    ext = extract(text)
    got = [(r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in ext.records]
    assert got == [
        (1, "No se cuenta con un procedimiento.", "Diseñar un instrumento.", dt.date(2020, 4, 30)),
        (
            2,
            "También se detectó que se identificaron deficiencias en el proceso de capacitación.",
            "Diseñar e implementar un programa anual de capacitación.",
            None,  # 'S/F': no date, as printed
        ),
        (3, "La MIR carece de indicadores.", "Elaborar las fichas técnicas.", dt.date(2020, 4, 30)),
        (
            4,
            "También se detectó que la coordinación no se encuentra formalizada.",
            "Suscribir los acuerdos de coordinación.",
            dt.date(2020, 5, 31),
        ),
    ]
    # row 5's date row, under the table, is its own: damaged past reading, a failure, not a guess
    assert [f.message.split(":")[0] for f in ext.failures] == ["hallazgo 5 (page 1)"]
    assert "a0/04/202o" in ext.failures[0].message


def test_a_blank_line_and_a_label_cut_in_two_do_not_end_the_table() -> None:
    # the piece after the blank line is a column wider than its rows ('| Fecha | compromiso: |')
    text = HEAD + (
        "| 1 | De igual manera, no se publican los | Publicar el informe final |\n\n"
        "|  | informes de evaluación. | en el portal de transparencia. |\n"
        "| Fecha compromiso: |  | 30/04/2020 |\n"
        "| 2 | Los reportes no coinciden. | Validar los reportes. |\n"
        "| Fecha | compromiso: |  | 31/05/2020 |\n"
    )
    assert rows(text) == [
        (
            1,
            "De igual manera, no se publican los informes de evaluación.",
            "Publicar el informe final en el portal de transparencia.",
            dt.date(2020, 4, 30),
        ),
        (2, "Los reportes no coinciden.", "Validar los reportes.", dt.date(2020, 5, 31)),
    ]


def test_bars_ocr_read_inside_cells_are_undone_by_the_pieces_in_lower_case() -> None:
    text = HEAD + (
        "| 1 | Por ü|timo, se observó que los objetivos del | Alinear los objetivos de| programa con el Programa |\n"
        "|  | FORTAMUN no están vinculados. | Sectorial vigente. |\n"
        "| Fecha compromiso: |  | 30/04/2020 |\n"
    )
    assert rows(text) == [
        (
            1,
            "Por ü timo, se observó que los objetivos del FORTAMUN no están vinculados.",
            "Alinear los objetivos de programa con el Programa Sectorial vigente.",
            dt.date(2020, 4, 30),
        )
    ]


def test_a_tab_separated_label_and_cell_cut_in_two_keep_the_columns() -> None:
    # ASM 7728: 'Área | Responsable' cut in the head, 'Departamento de | Vinculación y Extensión'
    # in row 1; the other rows hold the table's width
    text = (
        "Núm. Consc.\tAspectos Susceptibles de Mejora\tActividades\tÁrea\tResponsable\tFecha de Término"
        "\tResultados Esperados\tProductos y/o Evidencias\n"
        "1\tElaboración de los manuales\tElaborar el manual.\tDepartamento de\tVinculación y Extensión"
        "\tSegundo Semestre de 2022\tContar con procesos\tManual autorizado\n"
        "2\tImplementación de un estudio\tImplementar una encuesta.\tCoordinación de Operación"
        "\tPrimer Semestre 2023\tMedir la percepción\tInforme de encuesta\n"
        "3\tProgramación oportuna\tElaborar un calendario.\tDirección de Planeación"
        "\tPrimer Semestre 2023\tEjercicio oportuno\tCalendario\n"
    )
    ext = extract(text)
    got = [(r["numero"], r["fecha_compromiso"], r.get("area_responsable")) for r in ext.records]
    assert got == [
        (1, dt.date(2022, 12, 31), "Departamento de Vinculación y Extensión"),
        (2, dt.date(2023, 6, 30), "Coordinación de Operación"),
        (3, dt.date(2023, 6, 30), "Dirección de Planeación"),
    ]
    assert not ext.failures


def test_a_line_ending_in_an_article_ends_no_list_item() -> None:
    lines = [
        CellLine("Alinear los objetivos del programa con el", 0.0, 42.0),
        CellLine("Programa Sectorial.", 0.0, 19.0),
    ]
    assert flatten(lines, right=90.0) == "Alinear los objetivos del programa con el Programa Sectorial."
