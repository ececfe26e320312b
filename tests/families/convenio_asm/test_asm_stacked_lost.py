"""Tesseract's plain text of a scanned table that lost more than the columns' order: the number's
header label, a row's number, the break between a row's activity and its date.

The texts are copied, shortened, from the real-path OCR'd text of generated agreement 7910
(tesseract's plain text of its scan) and from the damage-channel text of 7929 and 7716;
expected values are read from the text itself, as a reader of the printed table sees it.
"""

from __future__ import annotations

import datetime as dt
import json

from extractors.convenio_asm.spaced_head import header_roles
from extractors.convenio_asm.stacked import row_starts
from helpers import extract_text


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


def rows(text: str) -> list[tuple]:
    return [(r["tipo"], r["numero"], r["texto"], r["fecha_compromiso"]) for r in extract(text).records]


# ASM 7910: the '#' label dropped, 'Hallazgo' on a line of its own; the first row's number read '4'
# and written after the first line of its finding; its date on its activity's first line
HEAD_WITHOUT_NUMBER = (
    "a) De los hallazgos:\n"
    "“\n"
    "Hallazgo\n"
    "Acción de mejora comprometida Fecha compromiso\n"
    "Derivado de la Evaluación de Indicadores al\n"
    "4\n"
    "Rediseñar la MIR incorporando indicadores de 31 de octubre del 2019\n"
    "Pp, se observa que los indicadores no\n"
    "resultados.\n"
    "permiten medir el logro de los objetivos.\n"
    "2 De igual manera, se encontró que los\n"
    "Alinear los objetivos del programa con el\n"
    "28 de julio del 2019\n"
    "objetivos del Pp no están vinculados.\n"
    "Programa Sectorial vigente.\n"
)


def test_a_header_that_lost_the_numbers_label_still_opens_the_table() -> None:
    got = rows(HEAD_WITHOUT_NUMBER)
    assert [(t, n, f) for t, n, _, f in got] == [
        ("hallazgo", 1, dt.date(2019, 10, 31)),
        ("hallazgo", 2, dt.date(2019, 7, 28)),
    ]
    assert got[0][2] == (
        "Derivado de la Evaluación de Indicadores al Pp, se observa que los indicadores no "
        "permiten medir el logro de los objetivos."
    )
    record = extract(HEAD_WITHOUT_NUMBER).records[0]
    assert record["actividad_comprometida"] == "Rediseñar la MIR incorporando indicadores de resultados."
    assert record["corrected"]  # its number was read '4': read back from the next row, and said


def test_a_header_read_on_one_line_without_its_numbers_label() -> None:
    # '#' read as '1' before the labels (7910, page 3), or dropped
    assert header_roles("1 Recomendación Acción de mejora comprometida Fecha compromiso") == (
        ["numero", "texto", "actividad", "fecha"],
        "recomendacion",
    )
    assert header_roles("Hallazgo Acción de mejora comprometida Fecha compromiso") == (
        ["numero", "texto", "actividad", "fecha"],
        "hallazgo",
    )
    # prose that names the columns' words, not first, is no header
    assert header_roles("La acción de mejora comprometida atiende el hallazgo en la fecha compromiso") is None


def test_a_row_whose_number_was_lost_is_cut_where_a_new_finding_opens() -> None:
    # 7910 rows 3 and 4: row 4's number lost; its finding opens once row 3 has closed its finding
    # and activity and has its date; row 6's '6' lost too, found by the second date (7910 row 7)
    text = HEAD_WITHOUT_NUMBER + (
        "3 El diagnóstico de los servicios de atención\n"
        "Actualizar el diagnóstico situacional conforme a 29 de febrero del 2020\n"
        "médica no define a la población que presenta el\n"
        "las características de operación del\n"
        "Pp.\n"
        "problema.\n"
        "Además, no se publican los informes de\n"
        "» Publicar el documento de seguimiento de los\n"
        "30 de noviembre del\n"
        "evaluación ni los documentos de seguimiento.\n"
        "ASM\n"
        "2019\n"
        "5 La información que se reporta en el Sistema\n"
        "Establecer un procedimiento de validación previa\n"
        "30 de abril del 2019\n"
        "presenta inconsistencias con los registros\n"
        "de los reportes trimestrales.\n"
        "contables del Pp,\n"
        "También se detectó que no se cuenta con un\n"
        "Implementar una encuesta del grado de\n"
        "30 de enero del 2020\n"
        "procedimiento de retroalimentación.\n"
        "satisfacción de los usuarios.\n"
        "7 También se detectó que los criterios de\n"
        "Emitir los criterios de focalización y publicarlos en 15 de marzo del 2019\n"
        "elegibilidad no se encuentran formalizados.\n"
        "el portal institucional.\n"
        "CUARTA. Cumplimiento. “LAS PARTES” determinarán si las acciones cumplen.\n"
    )
    got = rows(text)
    assert [(n, f) for _, n, _, f in got] == [
        (1, dt.date(2019, 10, 31)),
        (2, dt.date(2019, 7, 28)),
        (3, dt.date(2020, 2, 29)),
        (4, dt.date(2019, 11, 30)),
        (5, dt.date(2019, 4, 30)),
        (6, dt.date(2020, 1, 30)),
        (7, dt.date(2019, 3, 15)),
    ]
    assert got[3][2] == "Además, no se publican los informes de evaluación ni los documentos de seguimiento."
    assert got[5][2] == "También se detectó que no se cuenta con un procedimiento de retroalimentación."


def test_a_date_range_over_two_pieces_is_one_date_not_two_rows() -> None:
    pieces = [
        "Se observa que no se cuenta con un padrón.",
        "Integrar el padrón de beneficiarios.",
        "diciembre 2019 –",
        "marzo 2020",
    ]
    assert row_starts(pieces, dated=True) == []


def test_the_next_tables_lead_in_and_the_running_motto_are_no_cells() -> None:
    # 7910: 'b) De las recomendaciones:' came into the last finding's activity, and the page's
    # motto in quotes into a recommendation's
    text = HEAD_WITHOUT_NUMBER + (
        "b) De las recomendaciones:\n"
        "+\n"
        "Recomendación\n"
        "Acción de mejora comprometida Fecha compromiso\n"
        "1 Se sugiere conciliar la información reportada\n"
        "Establecer un procedimiento de validación previa 31 de octubre del 2019\n"
        "con los registros contables.\n"
        "de los reportes trimestrales.\n"
        '"2019. Año de la Cultura de la Legalidad y la Rendición de Cuentas"\n'
        "1 Recomendación Acción de mejora comprometida Fecha compromiso\n"
        "2 Es necesario realizar las gestiones Realizar las gestiones correspondientes 31 de enero del 2020\n"
    )
    records = extract(text).records
    assert [(r["tipo"], r["numero"]) for r in records] == [
        ("hallazgo", 1),
        ("hallazgo", 2),
        ("recomendacion", 1),
        ("recomendacion", 2),
    ]
    assert (
        records[1]["actividad_comprometida"] == "Alinear los objetivos del programa con el Programa Sectorial vigente."
    )
    assert records[2]["actividad_comprometida"] == (
        "Establecer un procedimiento de validación previa de los reportes trimestrales."
    )


def test_a_rows_date_label_above_a_repeated_header_is_not_the_headers() -> None:
    # 7929: 'Fecha comprometida de cumplimiento:' closes row 6 on one page; the next page repeats
    # the header one label per line, with no date column; row 6's date comes after it
    earlier = "".join(
        f"{n}\n\nSe observa la deficiencia número {n}.\n\nAtender la deficiencia número {n}.\n\n"
        f"Fecha comprometida de cumplimiento:\n\nEnero 2018\n\n"
        for n in range(1, 5)
    )
    text = (
        "N°\n\nHallazgos\n\nAcción de mejora comprometida\n\n"
        + earlier
        + "5\n\nUna parte de los recursos no se ejerció.\n\nImplementar un plan de trabajo.\n\n"
        "Fecha comprometida de cumplimiento:\n\nFebrero\n\n2019\n\n"
        "6\n\nSe encontró que existen deficiencias en los controles.\n\n"
        "Implementar una base de datos de seguimiento.\n\n"
        "Fecha comprometida de cumplimiento:\n"
        "N°\n\nHallazgos\n\nAcción de mejora comprometida\n\n"
        "Octubre 2018\n\n"
        "7\n\nNo se cuenta con manuales de procedimientos.\n\n"
        "Elaborar el manual de procedimientos.\n\n"
        "Fecha comprometida de cumplimiento:\n\nMarzo 2018\n"
    )
    got = rows(text)
    assert [(n, f) for _, n, _, f in got][4:] == [
        (5, dt.date(2019, 2, 28)),
        (6, dt.date(2018, 10, 31)),
        (7, dt.date(2018, 3, 31)),
    ]


def test_a_sheets_labels_are_no_tables_header() -> None:
    # 7716: a label/value sheet; the page's number '2' under it is no row
    text = (
        "Aspecto No. 1.\n\n"
        "Aspecto Susceptible de Mejora:\n"
        "Acción a emprender:\n"
        "Áreas que intervienen:\n\n"
        "Elaboración del plan estratégico del programa\n\n"
        "Alinear los objetivos del programa con el Programa Sectorial vigente.\n\n\n"
        "2\n"
        "INSTITUCIÓN: Secretaria de Educación\n\n"
        "TITULAR\n"
    )
    assert not any(r["texto"].startswith("INSTITUCIÓN") for r in extract(text).records)


# ASM 7957 (real path): rows read across; the header's '#' read '$H', its date label split over
# two lines ('Fecha' above, 'comprometida' at the line's end); the header repeated over row 2,
# which the page break cut, with its second line read as '9 J p comprometida'
READ_ACROSS = (
    "a) De los hallazgos:\n"
    "Fecha\n"
    "$H Hallazgo Acción de mejora comprometida comprometida\n"
    "1 Derivado de la evaluación, se observa Establecer un tablero de control del avance noviembre 2025\n"
    "que no se da seguimiento a las metas. físico y financiero de los proyectos.\n"
    "2 Se observa que no se cuenta con un Elaborar un plan estratégico con metas de noviembre 2025\n"
    "plan estratégico de mediano plazo que mediano plazo alineado al Plan Estatal de\n"
    "Fecha\n"
    "$ Hallazgo Acción de mejora comprometida E\n"
    "9 J p comprometida\n"
    "oriente los servicios de salud. Desarrollo.\n"
    "3 Se observa que una parte de los Conciliar mensualmente el avance febrero 2025\n"
    "recursos no se ejerció. financiero.\n"
    "b) De las recomendaciones:\n"
    "E Recomendación Acción de mejora comprometida Ad :\n"
    "comprometida\n"
    "1 Se sugiere elaborar un diagnóstico que Elaborar y publicar el diagnóstico de la junio 2025\n"
    "identifique a la población. población potencial.\n"
    "2 Es necesario diseñar un programa Impartir cursos sobre la normatividad del septiembre 2025\n"
    "anual de capacitación. fondo al personal.\n"
    "3 Se recomienda elaborar un plan Alinear los objetivos del programa con el abril 2025\n"
    "estratégico. Programa Sectorial vigente.\n"
    "CUARTA. Cumplimiento. “LAS PARTES” determinarán si las acciones cumplen.\n"
)


def test_a_header_whose_labels_ocr_damaged_and_repeated_over_a_cut_row() -> None:
    got = rows(READ_ACROSS)
    assert [(t, n, f) for t, n, _, f in got] == [
        ("hallazgo", 1, dt.date(2025, 11, 30)),
        ("hallazgo", 2, dt.date(2025, 11, 30)),
        ("hallazgo", 3, dt.date(2025, 2, 28)),
        ("recomendacion", 1, dt.date(2025, 6, 30)),
        ("recomendacion", 2, dt.date(2025, 9, 30)),
        ("recomendacion", 3, dt.date(2025, 4, 30)),
    ]
    # row 2 goes on under the repeated header: its finding's last line is its own
    assert got[1][2] == (
        "Se observa que no se cuenta con un plan estratégico de mediano plazo que oriente los servicios de salud."
    )


def test_a_header_that_lost_its_date_label_gets_the_date_column_its_rows_close_with() -> None:
    # the recommendations' header names no date ('Ad :' where 'Fecha' was): every row's first
    # line closes with one, so the column is there (7957); the activity does not keep the date
    records = [r for r in extract(READ_ACROSS).records if r["tipo"] == "recomendacion"]
    assert records[0]["actividad_comprometida"] == "Elaborar y publicar el diagnóstico de la población potencial."


# ASM 7941 (damage channel, one cell per paragraph): a date row's label cut over two paragraphs,
# a row's number read 'B', dates OCR specked or damaged in their year
BY_PARAGRAPH = (
    "a) De los hallazgos:\n\n#\n\nHallazgo\n\n\nActividades\n\ncomprometidas\n\n"
    "6\n\nSe encontró que los indicadores no permiten medir el logro.\n\n"
    "Rediseñar la MIR incorporando indicadores de resultados.\n\n"
    "Fecha comprometida de cumplimiento:\n\n30/06/2(]23\n\n"
    "7\n\nTambién se detectó que hace falta integrar los comprobables.\n\n"
    "Integrar expedientes con la evidencia fotográfica.\n\n"
    "Fecha comprometida de\n\ncumplimiento:\n\n31/10/2022\n\n"
    "B\n\nSe observa que no existen mecanismos de coordinación.\n\n"
    "Instalar un comité técnico de seguimiento.\n\n"
    "Fecha comprometida de curnplimiento:\n\n01/09/2022\n\n"
    "9\n\nAdemás, no se cuenta con un diagnóstico actualizado.\n\n"
    "Elaborar y publicar el diagnóstico.\n\n"
    "Fecha comprometida de cumplimiento:\n\n30 de Junio del 202a\n\n"
    "CUARTA. Cumplimiento. “LAS PARTES” determinarán si las acciones cumplen.\n"
)


def test_a_date_rows_label_cut_in_two_and_a_number_read_as_a_letter() -> None:
    head = "".join(
        f"{n}\n\nSe observa la deficiencia número {n}.\n\nAtender la deficiencia número {n}.\n\n"
        "Fecha comprometida de cumplimiento:\n\n31/01/2023\n\n"
        for n in range(1, 6)
    )
    doc = BY_PARAGRAPH.replace("6\n\nSe encontró", head + "6\n\nSe encontró")
    out = extract(doc)
    got = {r["numero"]: r for r in out.records}
    assert got[7]["fecha_compromiso"] == dt.date(2022, 10, 31)  # not 'de', refused
    assert got[8]["texto"] == "Se observa que no existen mecanismos de coordinación."
    assert got[8]["fecha_compromiso"] == dt.date(2022, 9, 1)
    assert got[8]["corrected"]  # its number read 'B': said
    # a damaged date is never a silent null: read back and said, or refused as a failure
    refused = {json.loads(f.record)["numero"] for f in out.failures if f.record}
    for n in (6, 9):
        assert n in refused or got[n]["corrected"], n
        assert got.get(n, {}).get("fecha_compromiso") in (None, dt.date(2023, 6, 30), dt.date(2022, 6, 30))


# dev OCR'd text 65 (real path): tesseract wrote the header and each row's first visual line from
# the right: the activity's label before the finding's and the number's, a row's activity piece
# before its finding's, and each date row's value before its label
FROM_THE_RIGHT = (
    "a) De los hallazgos:\n"
    "Acción de mejora comprometida\n"
    "Hallazgos\n"
    "Núm.\n"
    "Instalar un comité técnico de seguimiento con las instancias\n"
    "Como resultado de la evaluación, se identificó que no\n"
    "1\n"
    "participantes.\n"
    "existen mecanismos de coordinación entre las\n"
    "instancias que participan en los servicios.\n"
    "Octubre del 2025\n"
    "Fecha de cumplimiento:\n"
    "+ Evaluar la eficacia de la capacitación.\n"
    "Se identificaron deficiencias en el proceso de\n"
    "2\n"
    "capacitación del personal que opera los servicios.\n"
    "+ Impartir los cursos programados.\n"
    "Noviembre del 2025\n"
    "Fecha de cumplimiento:\n"
    "b) De las recomendaciones:\n"
    "Fecha de\n"
    "Acción de mejora comprometida\n"
    "Recomendación\n"
    "Núm.\n"
    "cumplimiento\n"
    "Noviembre del 2025\n"
    "Se recomienda programar el ejercicio de los Realizar las gestiones correspondientes para lograr\n"
    "1\n"
    "recursos para evitar reintegros. la asignación de presupuesto.\n"
    "CUARTA. Cumplimiento. “LAS PARTES” determinarán si las acciones cumplen.\n"
)


def test_a_table_tesseract_wrote_from_the_right() -> None:
    records = extract(FROM_THE_RIGHT).records
    got = [(r["tipo"], r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in records]
    assert got == [
        (
            "hallazgo",
            1,
            "Como resultado de la evaluación, se identificó que no existen mecanismos de coordinación entre las "
            "instancias que participan en los servicios.",
            "Instalar un comité técnico de seguimiento con las instancias participantes.",
            dt.date(2025, 10, 31),
        ),
        (
            "hallazgo",
            2,
            "Se identificaron deficiencias en el proceso de capacitación del personal que opera los servicios.",
            "Evaluar la eficacia de la capacitación.; Impartir los cursos programados.",
            dt.date(2025, 11, 30),
        ),
        (
            "recomendacion",
            1,
            "Se recomienda programar el ejercicio de los recursos para evitar reintegros.",
            "Realizar las gestiones correspondientes para lograr la asignación de presupuesto.",
            dt.date(2025, 11, 30),
        ),
    ]


def test_cells_put_back_from_pieces_say_so_on_their_own_fields() -> None:
    # a row whose pieces were given their columns by content is a reconstruction: its texts are
    # named in `corrected`, with the reason, so a reviewer knows to check them
    record = extract(FROM_THE_RIGHT).records[0]
    assert {"texto:corregido", "actividad_comprometida:corregido"} <= set(record["corrected"])
    assert "una pieza por línea" in record["comentario_extraccion"]


def test_a_lone_number_after_a_closed_row_is_the_next_rows_misread_or_after_a_lost_one() -> None:
    # ASM 7822: row 3's number read '8' after row 2's date row; the table ended there (13 rows
    # lost). Dev OCR'd text 87: '7' after row 5 is row 7's, row 6's number having been lost
    text = (
        "# Descripción del hallazgo Actividades comprometidas\n\n"
        "1 Se observa que los indicadores no miden el logro. Modificar los indicadores de la MIR.\n"
        "Fecha comprometida: 30 de noviembre de 2024\n"
        "2 Por su parte, no se cuenta con presupuesto. Realizar las gestiones correspondientes.\n"
        "Fecha comprometida: 30 de noviembre de 2024\n"
        "8\n\n"
        "Por su parte, se observa que no se cuenta con un\ndiagnóstico actualizado.\n\n"
        "Actualizar el diagnóstico situacional.\n\n"
        "Fecha comprometida: 31 de octubre de 2024\n"
        "6\n\n"
        "Finalmente, la coordinación con los municipios no se encuentra formalizada.\n\n"
        "Instalar un comité técnico de seguimiento.\n\n"
        "Fecha comprometida: 30 de junio de 2024\n"
    )
    records = extract(text).records
    assert [(r["numero"], r["fecha_compromiso"]) for r in records] == [
        (1, dt.date(2024, 11, 30)),
        (2, dt.date(2024, 11, 30)),
        (3, dt.date(2024, 10, 31)),
        (6, dt.date(2024, 6, 30)),
    ]
    assert records[2]["texto"] == "Por su parte, se observa que no se cuenta con un diagnóstico actualizado."
    assert "numero:corregido" in records[2]["corrected"]  # read '8': said
    assert "numero:corregido" not in (records[3].get("corrected") or [])


def test_a_rows_number_read_as_a_digit_ocr_confuses_with_the_one_due() -> None:
    # ASM 7828: row 8 read '3 También se detectó ...' after row 7; the rows from there on were
    # taken for another table's and lost. A date's day ('1 de Noviembre de', 7719) is no number
    rows_text = "".join(
        f"{n} Se observa la deficiencia número {n}. Atender la deficiencia número {n}.\n"
        "Fecha compromiso: SEPTIEMBRE 2023 a ENERO 2024\n"
        for n in range(1, 8)
    )
    text = (
        "Núm. Hallazgos Actividad comprometida\n"
        + rows_text
        + "3 También se detectó que no se cuenta con un plan. Elaborar un plan estratégico.\n"
        "Fecha compromiso: SEPTIEMBRE 2023 a ENERO 2024\n"
        "9 No se cuenta con manuales. Documentar los principales procedimientos.\n"
        "Fecha compromiso: SEPTIEMBRE 2023 a ENERO 2024\n"
    )
    records = extract(text).records
    assert [r["numero"] for r in records] == list(range(1, 10))
    assert records[7]["texto"] == "También se detectó que no se cuenta con un plan."
    assert "numero:corregido" in records[7]["corrected"]


# ASM 7815: OCR wrote the findings column apart, after the table, one paragraph per row
DETACHED = (
    "a) De los hallazgos:\n\n"
    "No. Hallazgos Actividades comprometidas Fecha compromiso de atencion\n"
    "1 Documentar los criterios de selección en los lineamientos de operación. Julio de 2025\n"
    "2\n\nHabilitar en la página de internet un apartado de\nevaluación del desempeño.\n\nSeptiembre de 2025\n\n"
    "3 Implementar un plan de trabajo que comprenda: – Diseñar la base de datos. – Verificar los entregables."
    " Julio de 2025\n"
    "Del análisis realizado se desprende que los\ncriterios de elegibilidad no se encuentran formalizados.\n\n"
    "Además, no se publican los informes de\nevaluación ni los documentos de seguimiento.\n\n"
    "Además, no se documenta la evidencia del\n\ncumplimiento de las acciones.\n\n"
    "b) De las recomendaciones:\n"
)


def test_a_findings_column_written_after_its_table_goes_back_to_its_rows() -> None:
    records = extract(DETACHED).records
    got = [(r["numero"], r["texto"], r["actividad_comprometida"]) for r in records]
    assert got == [
        (
            1,
            "Del análisis realizado se desprende que los criterios de elegibilidad no se encuentran formalizados.",
            "Documentar los criterios de selección en los lineamientos de operación.",
        ),
        (
            2,
            "Además, no se publican los informes de evaluación ni los documentos de seguimiento.",
            "Habilitar en la página de internet un apartado de evaluación del desempeño.",
        ),
        (
            3,
            "Además, no se documenta la evidencia del cumplimiento de las acciones.",
            "Implementar un plan de trabajo que comprenda:; Diseñar la base de datos.; Verificar los entregables.",
        ),
    ]
    assert all("texto:corregido" in r["corrected"] for r in records)


def test_a_detached_findings_column_that_does_not_match_its_rows_is_no_guess() -> None:
    # one paragraph lost: no finding is given by order; each row is a failure that says why
    text = DETACHED.replace(
        "Además, no se publican los informes de\nevaluación ni los documentos de seguimiento.\n\n", ""
    )
    out = extract(text)
    assert out.records == []
    assert len(out.failures) == 3 and all("written apart" in f.message for f in out.failures)


def test_rows_one_cell_per_paragraph_whose_cells_ocr_joined_or_cut() -> None:
    # ASM 7812: row 1's finding and activity in one paragraph, its date 'Por definir'; row 2's
    # date over two paragraphs; the recommendations' label read 'recomenclación' ('d' as 'cl')
    text = (
        "a) De los hallazgos:\n\nNúm.\n\nHallazgo\n\nAcción de mejora comprometida\n\nFecha de cumplimiento\n\n"
        "1\n\nSe observa que no se documentan los criterios. Documentar los criterios de selección.\n\n"
        "Por definir\n\n"
        "2\n\nEl diagnóstico no define a la población.\n\nActualizar el diagnóstico situacional.\n\n"
        "segundo semestre de\n\n2020\n\n"
        "b) De las recomendaciones:\n\nNúm.\n\nDescripci6n de la recomenclación\n\n"
        "Acción de mejora comprometida\n\nFecha de cumplimiento\n\n"
        "1\n\nSe sugiere elaborar los manuales.\n\nDocumentar los procedimientos.\n\nabril 2020\n\n"
    )
    records = extract(text).records
    got = [(r["tipo"], r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in records]
    assert got == [
        (
            "hallazgo",
            1,
            "Se observa que no se documentan los criterios.",
            "Documentar los criterios de selección.",
            None,
        ),
        (
            "hallazgo",
            2,
            "El diagnóstico no define a la población.",
            "Actualizar el diagnóstico situacional.",
            dt.date(2020, 12, 31),
        ),
        (
            "recomendacion",
            1,
            "Se sugiere elaborar los manuales.",
            "Documentar los procedimientos.",
            dt.date(2020, 4, 30),
        ),
    ]
    assert records[0]["fecha_texto"] == "Por definir"


def test_a_date_label_cut_in_two_and_a_label_with_nothing_after_it() -> None:
    # ASM 7822: 'Fecha' / 'comprometida:' over two paragraphs, the date after them; ASM 7828 and
    # 8026: the label with nothing after it (a cell left empty, or a date OCR lost: the text
    # cannot tell) is read as no date, and the row says so
    text = (
        "# Descripción del hallazgo Actividades comprometidas\n\n"
        "1 Se observa que no se da seguimiento a las metas. Implementar una base de datos de seguimiento.\n"
        "Fecha\n\ncomprometida:\n\n30 de noviembre de 2024\n\n"
        "2 Además, una parte de los recursos no se ejerció. Elaborar un calendario de ejercicio del gasto.\n"
        "Fecha compromiso:\n"
        "3 Además, no existen mecanismos de coordinación. Instalar el comité técnico de seguimiento.\n"
        "Fecha compromiso: 31 de enero de 2024\n"
    )
    records = extract(text).records
    assert [(r["numero"], r["fecha_compromiso"]) for r in records] == [
        (1, dt.date(2024, 11, 30)),
        (2, None),
        (3, dt.date(2024, 1, 31)),
    ]
    assert "no va seguida de ninguna fecha" in records[1]["comentario_extraccion"]
    assert "comentario_extraccion" not in records[0] or "etiqueta" not in records[0]["comentario_extraccion"]
