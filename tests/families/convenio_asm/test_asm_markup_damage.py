"""Markdown and tab-separated exports whose table OCR broke into pieces, mended from the table.

Each text is copied, shortened, from the OCR'd-text form of generated agreements (ASM 7726:
Markdown at heavy damage; ASM 7728: tab-separated), its rows renumbered from 1 where the copy
starts further down; expected values are read from the text.
"""

from __future__ import annotations

import datetime as dt
import json

from extractors.convenio_asm.records import CellLine, flatten
from helpers import extract_text


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


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


HEAD4 = (
    "| N° | Descripción de la recomendación | Acción de mejora comprometida | Fecha compromiso de atención |\n"
    "|---|---|---|---|\n\n"
)


def test_the_last_rows_written_as_paragraphs_after_the_table_are_its_rows() -> None:
    # ASM 7725: rows 2 and 3 of the recommendations after the last pipe line, a running line
    # just above row 3's number, a cell cut by a blank line (its second piece in lower case)
    text = HEAD4 + (
        "| 1 | Se recomienda establecer mecanismos. | Implementar un plan. | 15 de Diciembre 2021 |\n"
        "2\n\n"
        "Derivado del resultado de la evaluación, se\nrecomienda realizar las gestiones necesarias.\n\n"
        "Realizar las gestiones correspondientes.\n\n"
        "31 de Diciembre 2021\n\n"
        '"2021. Año de la Igualdad Sustantiva entre Mujeres y Hombres"\n'
        "3\n\n"
        "Se recomienda emitir\n\n"
        "y publicar criterios de focalización.\n\n"
        "Emitir los criterios de focalización y publicarlos en el porta1\ninstitucional.\n\n"
        "30 de Abril 2022\n\n\n"
        "**CUARTA. Cumplimiento.** “LAS PARTES” determinarán si las acciones\n"
    )
    assert rows(text) == [
        (1, "Se recomienda establecer mecanismos.", "Implementar un plan.", dt.date(2021, 12, 15)),
        (
            2,
            "Derivado del resultado de la evaluación, se recomienda realizar las gestiones necesarias.",
            "Realizar las gestiones correspondientes.",
            dt.date(2021, 12, 31),
        ),
        (
            3,
            "Se recomienda emitir y publicar criterios de focalización.",
            "Emitir los criterios de focalización y publicarlos en el porta1 institucional.",
            dt.date(2022, 4, 30),
        ),
    ]


def test_paragraphs_after_the_table_that_do_not_close_with_a_date_stay_prose() -> None:
    text = HEAD4 + (
        "| 1 | Se recomienda establecer mecanismos. | Implementar un plan. | 15 de Diciembre 2021 |\n"
        "2\n\n"
        "El presente Convenio se firma por triplicado.\n\n"
        "Las partes lo ratifican.\n\n"
        "Lic. Ana Pérez\n"
    )
    assert [r[0] for r in rows(text)] == [1]


def test_a_bar_ocr_read_for_a_letter_in_a_paragraph_row_does_not_cut_its_cell() -> None:
    # ASM 7725 row 8: 'ejercicio fisca| y se reintegró'
    text = HEAD4 + (
        "| 1 | No se publican los informes. | Publicar el informe. | 30 de Abril 2021 |\n"
        "2\n\n"
        "Además, una parte de los recursos no se\nejerció dentro del ejercicio fisca| y se reintegró.\n\n"
        "Realizar las gestiones correspondientes.\n\n"
        "30 de Abril 2021\n\n"
        "| 3 | Los indicadores no miden el logro. | Elaborar las fichas técnicas. | 30 de Septiembre 2021 |\n"
    )
    got = rows(text)
    assert [r[0] for r in got] == [1, 2, 3]
    assert got[1][1:] == (
        "Además, una parte de los recursos no se ejerció dentro del ejercicio fiscal y se reintegró.",
        "Realizar las gestiones correspondientes.",
        dt.date(2021, 4, 30),
    )


def test_a_row_whose_finding_and_activity_ocr_read_as_one_cell_is_cut_back() -> None:
    # ASM 7725 row 4: the bar between them lost, the date in the activity's column; an 'I'
    # read 'l' opens the activity, a '2' read 'Z' in the year is read back and said so
    text = HEAD4 + (
        "| 1 | El personal operativo no ha recibido capacitación. lmpartir cursos sobre la normatividad."
        " | 30 de Septiembre 20Z1 |\n"
    )
    ((rec),) = extract(text).records
    assert (rec["numero"], rec["texto"], rec["actividad_comprometida"], rec["fecha_compromiso"]) == (
        1,
        "El personal operativo no ha recibido capacitación.",
        "lmpartir cursos sobre la normatividad.",
        dt.date(2021, 9, 30),
    )
    assert rec["corrected"] == ["fecha_compromiso:corregido"]


def test_items_lettered_in_order_on_one_line_are_the_list_s_items() -> None:
    # dev OCR'd text 41: an export joined the cell's lines, its items lettered a), b)
    def flat(text: str) -> str:
        return flatten([CellLine(text, 0.0, float(len(text)))], right=None)

    assert (
        flat("a) Publicar el documento. b) Suscribir los acuerdos.")
        == "Publicar el documento.; Suscribir los acuerdos."
    )
    assert flat("Implementar un plan que comprenda: a) Verificar los entregables b) Diseñar la base") == (
        "Implementar un plan que comprenda:; Verificar los entregables; Diseñar la base"
    )
    assert flat("b) Emitir los criterios c) Publicar") == "Emitir los criterios; Publicar"
    # a letter that is no item: a clause's 'inciso a)', or marks out of order
    assert flat("Revisar el inciso a) del artículo") == "Revisar el inciso a) del artículo"
    assert flat("x b) Emitir c) Publicar") == "x b) Emitir c) Publicar"


def test_a_single_spaced_row_s_activity_opens_at_para_su_or_a_lettered_item() -> None:
    # dev OCR'd text 10 and 61: the finding ran on into the activity
    text = (
        "No. Hallazgo Actividades comprometidas Fecha de cumplimiento\n"
        "1 Los reportes no coinciden con los cierres. Para su atención se realizarán las siguientes acciones:"
        " • Validar los reportes • Documentar las diferencias 31 de octubre de 2024\n"
        "2 No se publican los informes. a) Actualizar el apartado. b) Publicar el informe. 31 de diciembre de 2023\n"
    )
    assert rows(text) == [
        (
            1,
            "Los reportes no coinciden con los cierres.",
            "Para su atención se realizarán las siguientes acciones:; Validar los reportes; Documentar las diferencias",
            dt.date(2024, 10, 31),
        ),
        (2, "No se publican los informes.", "Actualizar el apartado.; Publicar el informe.", dt.date(2023, 12, 31)),
    ]


def test_a_table_whose_export_lost_the_activity_column_keeps_its_dates_as_dates() -> None:
    # dev OCR'd text 71: four labels, three cells a row, the third the date; a row written as
    # paragraphs with the page's running line before the next piece
    text = (
        "| N° | Hallazgos | Acción de mejora comprometida | Fecha de cumplimiento |\n|---|---|---|---|\n"
        "| 1 | Hace falta integrar los comprobables de | Julio 2021 |\n"
        "|  | los proyectos realizados. |  |\n"
        "| 2 | Asimismo, el diagnóstico no define | 1 de Marzo al 30 de |\n"
        "|  | la población que presenta el problema. | Junio de 2021 |\n"
        "| 3 | Los indicadores no permiten medir el logro. | Agosto 2021 |\n"
        "4\n\nLa coordinación con los municipios\nno se encuentra formalizada.\n\nJulio 2021\n\n"
        "“2021. Año del Respeto a los Derechos de las Niñas, Niños y Adolescentes”\n\n"
        "| 5 | Los procesos no están documentados. | Noviembre 2021 |\n"
    )
    ext = extract(text)
    assert [(r["numero"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in ext.records] == [
        (1, None, dt.date(2021, 7, 31)),
        (2, None, dt.date(2021, 6, 30)),
        (3, None, dt.date(2021, 8, 31)),
        (4, None, dt.date(2021, 7, 31)),
        (5, None, dt.date(2021, 11, 30)),
    ]
    assert ext.records[3]["texto"] == "La coordinación con los municipios no se encuentra formalizada."
    assert not ext.failures


def test_a_header_row_ocr_took_out_of_its_pipes_is_put_back() -> None:
    # ASM 7808: the findings' header labels on lines of their own above the table's rule; the
    # table was skipped and its seven findings lost
    text = (
        "**a) De los hallazgos:**\n\n"
        "Núm. Hallazgo\n\nActividad comprometida\n\n\nFecha de cumplimiento\n\n"
        "|---|---|---|---|\n"
        "| 1 | No existe un padrón único de beneficiarios. | Integrar el padrón único. | 1 de Agosto del 2022 |\n"
        "| 2 | Hace falta integrar los comprobables. | Revisar el cumplimiento de metas. | 1 de Agosto del 2022 |\n"
    )
    got = [(r["tipo"], r["numero"], r["texto"], r["fecha_compromiso"]) for r in extract(text).records]
    assert got == [
        ("hallazgo", 1, "No existe un padrón único de beneficiarios.", dt.date(2022, 8, 1)),
        ("hallazgo", 2, "Hace falta integrar los comprobables.", dt.date(2022, 8, 1)),
    ]


DATED_HEAD = "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"


def test_a_date_run_into_the_activity_after_its_full_stop_goes_back_to_the_date() -> None:
    # dev OCR'd text 34: the bar before the date cell lost, the row a cell short
    text = DATED_HEAD + (
        "| 1 | No existe un padrón. | Integrar el padrón. | 28 de Septiembre de 2022 |\n"
        "| 2 | Existen deficiencias en los controles. | Establecer un tablero de control. 28 de Septiembre de 2022 |\n"
    )
    ext = extract(text)
    second = ext.records[1]
    assert (second["actividad_comprometida"], second["fecha_compromiso"]) == (
        "Establecer un tablero de control.",
        dt.date(2022, 9, 28),
    )
    assert not ext.failures


def test_a_date_row_whose_label_was_lost_gives_its_date_back_from_the_activity() -> None:
    # dev OCR'd text 88: '|  |  | 30 de Noviembre de 2026 |' where 'Fecha compromiso:' was
    text = HEAD + (
        "| 1 | Los reportes no | Conciliar la información reportada con los |\n"
        "|  | coinciden con los cierres. | registros contables. |\n"
        "|  |  | 30 de Noviembre de 2026 |\n"
        "| 2 | No existe un padrón. | Integrar el padrón. |\n"
        "| Fecha compromiso: |  | 31 de Diciembre de 2026 |\n"
    )
    first, second = extract(text).records
    assert (first["actividad_comprometida"], first["fecha_compromiso"]) == (
        "Conciliar la información reportada con los registros contables.",
        dt.date(2026, 11, 30),
    )
    assert "fecha_compromiso:corregido" in first["corrected"]
    assert second["fecha_compromiso"] == dt.date(2026, 12, 31) and not second.get("corrected")


def test_an_activity_ending_with_a_date_inside_its_sentence_keeps_it() -> None:
    # the date is the activity's own words, not a cell OCR ran into it: the row stays undated
    text = DATED_HEAD + "| 1 | No se publica el informe. | Publicar el informe en diciembre de 2020 |  |\n"
    ((_, _, actividad, fecha),) = rows(text)
    assert (actividad, fecha) == ("Publicar el informe en diciembre de 2020", None)


def test_a_merged_finding_and_activity_before_a_date_with_a_damaged_year_are_cut() -> None:
    # dev OCR'd text 58: 'Z020' for '2020', the bar between finding and activity lost
    text = DATED_HEAD + (
        "| 1 | No se cuenta con un plan estratégico de mediano plazo. Elaborar un plan estratégico "
        "con metas. | 01/12/Z020 |\n"
    )
    ((numero, texto, actividad, fecha),) = rows(text)
    assert (texto, actividad, fecha) == (
        "No se cuenta con un plan estratégico de mediano plazo.",
        "Elaborar un plan estratégico con metas.",
        dt.date(2020, 12, 1),
    )


def test_a_table_that_lost_its_findings_column_makes_each_row_a_failure_not_a_finding() -> None:
    # dev OCR'd text 122 and 7913: the rows hold a number, an activity and a date; the head, cut
    # by a bar inside a label ('Acción | de mejora comprometida'), still names four columns
    text = (
        "| Núm. | Descripción del hallazgo | Acción | de mejora comprometida | Fecha compromiso |\n"
        "|---|---|---|---|\n"
        "| 1 | Integrar el padrón único de beneficiarios. | diciembre 2020 |\n"
        "| 2 | Elaborar y publicar el diagnóstico. | julio 2021 |\n"
        "| 3 | Establecer un tablero de control. | septiembre 2021 |\n"
    )
    ext = extract(text)
    assert ext.records == []
    assert len(ext.failures) == 3
    assert all("findings column was lost" in f.message for f in ext.failures)
    first = json.loads(ext.failures[0].record)
    assert (first["actividad_comprometida"], first["fecha_compromiso"]) == (
        "Integrar el padrón único de beneficiarios.",
        "2020-12-31",
    )


def test_a_table_that_lost_its_activity_column_keeps_its_findings() -> None:
    # dev OCR'd text 71: the cells left of the dates are findings, not orders
    text = (
        "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
        "| 1 | Hace falta un padrón único. | Julio 2021 |\n"
        "| 2 | No se publican los informes. | Agosto 2021 |\n"
    )
    assert rows(text) == [
        (1, "Hace falta un padrón único.", None, dt.date(2021, 7, 31)),
        (2, "No se publican los informes.", None, dt.date(2021, 8, 31)),
    ]


def test_a_head_label_cut_before_its_lower_case_rest_is_one_column() -> None:
    # dev OCR'd text 173: 'Actividades | comprometidas' over rows of four cells, the dates last
    text = (
        "| # | Descripción de la recomendación | Actividades | comprometidas | Fecha compromiso |\n"
        "|---|---|---|---|\n"
        "| 1 | Se recomienda rediseñar la MIR. | Modificar los indicadores. | 28 de ENERO del 2018 |\n"
    )
    assert rows(text) == [(1, "Se recomienda rediseñar la MIR.", "Modificar los indicadores.", dt.date(2018, 1, 28))]


def test_a_head_cut_between_two_labels_keeps_both() -> None:
    # dev OCR'd text 14: 'Acción de mejora comprometida | Fecha | comprometida': the date's label
    # is the one cut, not the activity's run on into 'Fecha'
    text = (
        "| Núm. | Hallazgo | Acción de mejora comprometida | Fecha | comprometida |\n|---|---|---|---|\n"
        "| 1 | No se publica el informe. | Publicar el informe. | Marzo de 2019 |\n"
    )
    assert rows(text) == [(1, "No se publica el informe.", "Publicar el informe.", dt.date(2019, 3, 31))]


def test_a_damaged_date_run_into_the_activity_after_its_list_goes_back_to_the_date() -> None:
    # dev OCR'd text 7911: '... </ul> 5egundo Semestre 2022', the date cell's bar lost
    text = DATED_HEAD + (
        '| 1 | Se recomienda conciliar la información. | <ul style="list-style-type: none"> a) Establecer el '
        "calendario b) Validar los reportes </ul> 5egundo Semestre 2022\n"
    )
    (row,) = extract(text).records
    assert row["fecha_compromiso"] == dt.date(2022, 12, 31)
    assert "5egundo" not in row["actividad_comprometida"] and "Validar los reportes" in row["actividad_comprometida"]
    assert "fecha_compromiso:corregido" in row["corrected"]


def test_a_coneval_table_whose_date_column_was_lost_makes_its_rows_failures() -> None:
    # dev ASM scan 8529: the turned 'Fecha de término' label lost, six rows read undated with
    # no word; a CONEVAL follow-up form always prints that column, so an empty date is unread
    text = (
        "| Núm. | Aspecto susceptible de mejora | Acciones a emprender | Área responsable | "
        "Resultados esperados | Productos y/o evidencias |\n|---|---|---|---|---|---|\n"
        "| 1 | Elaboración del plan estratégico | Alinear los objetivos. | Dirección de Finanzas | "
        "Programa alineado | Plan aprobado |\n"
    )
    ext = extract(text)
    assert ext.records == []
    (failure,) = ext.failures
    assert "no date column was found" in failure.message
    assert json.loads(failure.record)["texto"] == "Elaboración del plan estratégico"


def test_a_tab_head_that_lost_a_tab_between_two_labels_is_cut_back_into_two_columns() -> None:
    # dev OCR'd text 8509: 'Actividades Área Responsable' in one field, every later column read
    # under the label before its own (areas as dates)
    text = (
        "Núm. Consc.\tAspectos Susceptibles de Mejora\tActividades Área Responsable\tFecha de Término\t"
        "Resultados Esperados\tProductos y/o Evidencias\n"
        "1\tProgramación oportuna del gasto\tElaborar un calendario\tDirección Administrativa\t"
        "tercer trimestre de 2019\tEjercicio oportuno\tCalendario\n"
        "2\tEstudio de satisfacción\tDiseñar un instrumento\tCoordinación de Operación\t"
        "tercer trimestre de 2019\tMedir la percepción\tInforme de encuesta\n"
    )
    got = extract(text).records
    assert [(r["numero"], r["actividad_comprometida"], r["area_responsable"], r["fecha_compromiso"]) for r in got] == [
        (1, "Elaborar un calendario", "Dirección Administrativa", dt.date(2019, 9, 30)),
        (2, "Diseñar un instrumento", "Coordinación de Operación", dt.date(2019, 9, 30)),
    ]


def test_a_head_cell_joining_a_garbled_label_to_the_date_s_gives_the_date_its_column() -> None:
    # dev OCR'd text 5: 'Araa Rcsponsabla Fecha de Término' over two body columns
    text = (
        "| Núm. Consc. | Aspectos Susceptibles de Mejora | Actividades | Araa Rcsponsabla Fecha de Término | "
        "Resultados Esperados | Productos y/o Evidencias |\n|---|---|---|---|---|---|---|\n"
        "| 1 | Programación oportuna | Elaborar un calendario. | Dirección de Finanzas | Abril 2021 | "
        "Ejercicio oportuno | Conciliaciones |\n"
    )
    (row,) = extract(text).records
    assert (row["fecha_compromiso"], row["resultados_esperados"], row["evidencias"]) == (
        dt.date(2021, 4, 30),
        "Ejercicio oportuno",
        "Conciliaciones",
    )


def test_a_row_of_paragraphs_whose_date_ran_into_the_next_cell_is_cut_after_its_date() -> None:
    # dev OCR'd text 8515: '31 de Agosto de 2023 Contar con procesos ...' one paragraph, the row
    # a cell short; it was a failure with the results read as the date's words
    text = (
        "| Núm. | Aspectos Susceptibles de Mejora | Actividades | Área Responsable | Fecha de Término | "
        "Resultados Esperados | Productos y/o Evidencias |\n|---|---|---|---|---|---|---|\n\n"
        "1\n\nElaboración de los manuales\n\nDocumentar los procedimientos.\n\nDepartamento de\nPresupuesto\n\n"
        "31 de Agosto de 2023 Contar con procesos establecidos\n\nOficio de autorización\n\n"
        "| 2 | Formalización de criterios | Emitir los criterios. | Unidad de Información | 30 de Junio de 2023 | "
        "Beneficiarios seleccionados | Acta |\n"
    )
    first = extract(text).records[0]
    assert (first["numero"], first["fecha_compromiso"], first["resultados_esperados"]) == (
        1,
        dt.date(2023, 8, 31),
        "Contar con procesos establecidos",
    )


def test_an_activity_run_into_the_date_cell_before_a_damaged_date_goes_back() -> None:
    # dev OCR'd text 8527: a bar OCR read for an 'l' ('e| avance') cut the activity, its rest
    # went into the date cell before the date, whose year OCR damaged ('Z024')
    text = DATED_HEAD + (
        "| 4 | Se recomienda programar el ejercicio. | Conciliar mensualmente e| avance financiero "
        "Informar a las áreas ejecutoras 30 de abril de Z024 |\n"
    )
    (row,) = extract(text).records
    assert row["fecha_compromiso"] == dt.date(2024, 4, 30)
    assert "Informar a las áreas ejecutoras" in row["actividad_comprometida"]
    assert "fecha_compromiso:corregido" in row["corrected"]


def test_a_coneval_row_a_cell_short_with_its_date_one_column_left_is_cut_again() -> None:
    # dev OCR'd text 26: the bar between the finding and the coordinating area lost; every later
    # cell one column left, the results read as the date and the row a failure
    text = (
        "| Num. Consc. | Aspecto Susceptible de Mejora | Área Coordinadora | Acciones a emprender | "
        "Área Responsable | Fecha de Término | Resultados Esperados | Productos y/o evidencias |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 4 | Formalización de los criterios de elegibilidad Subdirección de Planeación y Vinculación | "
        "Emitir los criterios de focalización. | Departamento de Programación y Presupuesto | Mayo 2025 | "
        "Beneficiarios seleccionados | Acta de aprobación |\n"
    )
    (row,) = extract(text).records
    assert (row["texto"], row["area_coordinadora"], row["actividad_comprometida"]) == (
        "Formalización de los criterios de elegibilidad",
        "Subdirección de Planeación y Vinculación",
        "Emitir los criterios de focalización.",
    )
    assert (row["area_responsable"], row["fecha_compromiso"], row["resultados_esperados"], row["evidencias"]) == (
        "Departamento de Programación y Presupuesto",
        dt.date(2025, 5, 31),
        "Beneficiarios seleccionados",
        "Acta de aprobación",
    )
    assert "separadas por su contenido" in row["comentario_extraccion"]
