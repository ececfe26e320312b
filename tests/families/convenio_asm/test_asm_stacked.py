"""Rows tesseract wrote one cell piece per line, the columns taking turns (``stacked``).

Each text below is copied, shortened, from the real-path OCR'd text of generated agreements
(tesseract's plain text of their scans; seeds named in the tests); expected values are read from
the text itself: which piece belongs to which column is what a reader of the printed table sees.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.convenio_asm.stacked import is_date_piece, stacked_cells
from helpers import extract_text


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


def rows(text: str) -> list[tuple]:
    return [
        (r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"], r["fecha_precision"])
        for r in extract(text).records
    ]


# ASM 7713: the header one label per line, the date's label garbled; rows stacked
HEAD_BY_LINE = "a) De los hallazgos:\nNO\nHallazgos\nAcción de mejora comprometida\nFecha comporome: EM\n"


def test_rows_written_one_piece_per_line_are_put_back_in_their_columns() -> None:
    text = HEAD_BY_LINE + (
        "1\n"
        "Se observa que los procesos de planeación,\n"
        "Documentar los principales procedimientos de\n"
        "31 de Mayo de 2024\n"
        "ejecución y seguimiento del FONE no están\n"
        "planeación, ejecución y seguimiento.\n"
        "documentados.\n"
        "2\n"
        "De igual manera, se encontró que no se\n"
        "a) Capacitar a las unidades operativas en su\n"
        "1 de Enero al 31 de\n"
        "documentan los criterios para seleccionar a los\n"
        "aplicación\n"
        "Marzo de 2024\n"
        "beneficiarios de los servicios de educación\n"
        "b) Emitir los criterios de focalización\n"
        "básica.\n"
        "c) Publicar los criterios en el portal institucional\n"
        "3\n"
        "Una parte de los recursos del FONE no se\n"
        "Implementar un plan de trabajo que comprenda:\n"
        "Noviembre 2024\n"
        "ejerció dentro del ejercicio fiscal y se reintegró.\n"
        "a) Informar a las áreas ejecutoras de los recursos\n"
        "pendientes\n"
        "b) Conciliar mensualmente el avance financiero\n"
    )
    assert rows(text) == [
        (
            1,
            "Se observa que los procesos de planeación, ejecución y seguimiento del FONE no están documentados.",
            "Documentar los principales procedimientos de planeación, ejecución y seguimiento.",
            dt.date(2024, 5, 31),
            "dia",
        ),
        (
            2,
            "De igual manera, se encontró que no se documentan los criterios para seleccionar a los "
            "beneficiarios de los servicios de educación básica.",
            "Capacitar a las unidades operativas en su aplicación; Emitir los criterios de focalización; "
            "Publicar los criterios en el portal institucional",
            dt.date(2024, 3, 31),
            "dia",
        ),
        (
            3,
            "Una parte de los recursos del FONE no se ejerció dentro del ejercicio fiscal y se reintegró.",
            "Implementar un plan de trabajo que comprenda:; Informar a las áreas ejecutoras de los recursos "
            "pendientes; Conciliar mensualmente el avance financiero",
            dt.date(2024, 11, 30),
            "mes",
        ),
    ]


def test_a_finding_s_first_line_written_before_its_number_goes_to_its_row() -> None:
    # ASM 7719: the date's two-line label centred above the header's line; row 2's first line
    # before its number, after the header; row 3's after row 2's last pieces
    text = (
        "Fecha compromiso de\n"
        "No. Descripción del hallazgo Actividades comprometidas a\n"
        ", atención\n"
        "De igual manera, se encontró que existen\n"
        "1\n"
        "Implementar una base de datos de seguimiento a\n"
        "1 de Noviembre de\n"
        "deficiencias en los controles de los procesos\n"
        "los proyectos, procesos adquisitivos y metas.\n"
        "2018 al 31 de Marzo de\n"
        "de adjudicación y cumplimiento.\n"
        "2019\n"
        "Además, los indicadores de la Matriz de\n"
        "2\n"
        "Rediseñar la MIR incorporando indicadores de\n"
        "1 de Noviembre de\n"
        "Indicadores para Resultados no permiten\n"
        "resultados.\n"
        "2018 al 31 de Marzo de\n"
        "medir el logro de los objetivos.\n"
        "2019\n"
        "CUARTA. Cumplimiento. “LAS PARTES” determinarán si las acciones y los compromisos realizados\n"
        "Susceptibles de Mejora no podrán exceder del 31 de diciembre de 2019.\n"
    )
    assert rows(text) == [
        (
            1,
            "De igual manera, se encontró que existen deficiencias en los controles de los procesos de "
            "adjudicación y cumplimiento.",
            "Implementar una base de datos de seguimiento a los proyectos, procesos adquisitivos y metas.",
            dt.date(2019, 3, 31),
            "dia",
        ),
        (
            2,
            "Además, los indicadores de la Matriz de Indicadores para Resultados no permiten medir el logro "
            "de los objetivos.",
            "Rediseñar la MIR incorporando indicadores de resultados.",
            dt.date(2019, 3, 31),
            "dia",
        ),
    ]


def test_a_speck_after_the_row_number_is_no_cell() -> None:
    # dev OCR'd text 85: '5 . Se recomienda ...' was read as a finding '.' and an activity
    # holding the finding's first line
    text = (
        "No. Recomendación Actividades comprometidas Fecha comprometida\n"
        "1 . Se recomienda realizar las gestiones Elaborar un calendario de ejercicio del gasto y 31 de julio de 2025\n"
        "necesarias para asignar presupuesto al darle seguimiento mensual.\n"
        "subprograma en el ejercicio subsecuente.\n"
    )
    ((numero, texto, actividad, fecha, precision),) = rows(text)
    assert (numero, fecha, precision) == (1, dt.date(2025, 7, 31), "dia")
    # where 'darle' goes the widths alone cannot tell; the cells' openings are certain
    assert texto.startswith("Se recomienda realizar las gestiones necesarias para asignar presupuesto al")
    assert actividad.startswith("Elaborar un calendario de ejercicio del gasto y")


@pytest.mark.parametrize(
    ("piece", "is_date"),
    [
        ("Marzo de 2024", True),
        ("2019", True),
        ("1 de Noviembre de-", True),  # a stray dash after it
        ("S/F |", True),  # no date, a rule's bar beside it
        ("Segundo Trimestre de", True),
        ("de", False),  # carries no date: the end of some text's line
        ("aplicación", False),
        ("del ejercicio 2024.", False),  # a sentence's end, not a date cell
    ],
)
def test_a_date_s_piece_is_told_by_its_words(piece: str, is_date: bool) -> None:
    assert is_date_piece(piece) is is_date


def test_a_row_with_no_activity_opening_is_not_read_as_stacked() -> None:
    # a paragraph of prose has no order in the infinitive and no list item: no row to read
    assert (
        stacked_cells(
            ["El presente Convenio se firma", "por triplicado en la ciudad"], ["numero", "texto", "actividad"]
        )
        is None
    )


def test_a_date_label_cut_over_the_head_s_lines_and_a_first_number_misread() -> None:
    # ASM 7700: 'Fecha de' above the head's line and 'cumplimiento' under it; the first row's
    # number read '4' before rows 2 and 3 (read back from them, and said so)
    text = (
        "Fecha de\n"
        "No. . Descripción de la recomendación Actividades comprometidas sis\n"
        "cumplimiento\n"
        "4 Se sugiere difundir los resultados de las Publicar el informe final de la evaluación y 31 de diciembre de\n"
        "evaluaciones en la página de internet el presente instrumento en el portal de , 2020\n"
        "institucional. transparencia.\n"
        "2 Es necesario implementar mecanismos Implementar una base de datos de 30 de junio de\n"
        "de control y seguimiento de los seguimiento a los proyectos. 2020\n"
        "proyectos financiados.\n"
        "3 Se sugiere integrar expedientes. Integrar expedientes con la evidencia. 31 de mayo de 2020\n"
    )
    recs = extract(text).records
    assert [(r["numero"], r["fecha_compromiso"]) for r in recs] == [
        (1, dt.date(2020, 12, 31)),
        (2, dt.date(2020, 6, 30)),
        (3, dt.date(2020, 5, 31)),
    ]
    assert "numero:corregido" in recs[0]["corrected"]  # its texts, cut by content, are named too
    assert "leído '4'" in recs[0]["comentario_extraccion"]
    # row 2's number was read as printed; only its texts, cut by content, are named
    assert "numero:corregido" not in recs[1]["corrected"]


def test_a_number_centred_on_a_row_read_across_comes_after_its_first_line() -> None:
    # dev OCR'd text 59 (tesseract's text of the scan): the number's label on its own line, the
    # other labels on the next; each row's number after its first line, its date row closing it;
    # a bullet read '+'
    text = (
        "a) De los hallazgos:\n"
        "NO.\n"
        "Descripción del hallazgo Actividad comprometida\n"
        "No se documenta la evidencia del cumplimiento Integrar expedientes con la evidencia fotográfica y\n"
        "1\n"
        "de las acciones realizadas con recursos del documental de cada acción.\n"
        "FAIS.\n"
        "Fecha comprometida: Agosto del 2018\n"
        "Los objetivos del FAIS no están vinculados con el Alinear los objetivos del programa con el Programa Sectorial\n"
        "2\n"
        "Plan Estatal de Desarrollo vigente. vigente.\n"
        "Fecha comprometida: Diciembre del 2017\n"
        "No se aplica un instrumento para conocer la + Publicar el informe de resultados\n"
        "3\n"
        "satisfacción de la población atendida. + Diseñar el cuestionario\n"
        "Fecha comprometida: Enero del 2018\n"
    )
    assert rows(text) == [
        (
            1,
            "No se documenta la evidencia del cumplimiento de las acciones realizadas con recursos del FAIS.",
            "Integrar expedientes con la evidencia fotográfica y documental de cada acción.",
            dt.date(2018, 8, 31),
            "mes",
        ),
        (
            2,
            "Los objetivos del FAIS no están vinculados con el Plan Estatal de Desarrollo vigente.",
            "Alinear los objetivos del programa con el Programa Sectorial vigente.",
            dt.date(2017, 12, 31),
            "mes",
        ),
        (
            3,
            "No se aplica un instrumento para conocer la satisfacción de la población atendida.",
            "Publicar el informe de resultados; Diseñar el cuestionario",
            dt.date(2018, 1, 31),
            "mes",
        ),
    ]


def test_a_date_under_its_bare_label_and_a_date_row_after_a_blank_line_are_the_row_s() -> None:
    # block 7900 dev docs: 'Fecha de cumplimiento:' alone, its date cut over two paragraphs
    # (7950: 'Mayo' / 'del 2022'); a date row after the blank line that ended a row read
    # across; a damaged label whose fuzzy match must not take the date's day (dev 87)
    text = (
        "N° Descripción del hallazgo Actividad comprometida\n\n"
        "1 No se documentan los criterios. Documentar los criterios.\n"
        "Fecha de cumplimiento:\n\nMayo\n\ndel 2022\n\n"
        "2 Ademas, no se cuenta con un diagnóstico actualizado que Actualizar el diagnóstico situacional\n"
        "cuantifique a la población. conforme a las características.\n\n"
        "Fecha de cumplimiento: 1 de Abril al 31 de Agosto de 2021\n"
        "3 Los procesos no están documentados. Elaborar el manual.\n"
        "Fccha compromiso: 31 de Marzo de 2023\n"
        # block 7900, seed 7941: a numeric date OCR damaged, then the next row's lone number
        "4 No se publican los informes. Publicar el informe.\n"
        "Fecha comprometida de cumplimiento:\n\n30/06/Z022\n\n5\n\n"
        "Los padrones no están depurados.\n\nDepurar los padrones.\n\n"
        "Fecha comprometida de cumplimiento:\n\n15/07/2023\n"
    )
    got = extract(text).records
    assert [(r["numero"], r["fecha_compromiso"], r["fecha_precision"]) for r in got] == [
        (1, dt.date(2022, 5, 31), "mes"),
        (2, dt.date(2021, 8, 31), "dia"),
        (3, dt.date(2023, 3, 31), "dia"),
        (4, dt.date(2022, 6, 30), "dia"),  # 'Z022' read back as 2022, and flagged
        (5, dt.date(2023, 7, 15), "dia"),
    ]
    assert got[3]["corrected"] == ["fecha_compromiso:corregido"]
