"""Single-spaced OCR'd ASM tables whose header label or row lines the damage channel garbled.

The texts are copied, shortened, from the damage-channel OCR'd text of generated agreement 192
of the development set; expected values are read from the text itself.
"""

from __future__ import annotations

import datetime as dt

from extractors.convenio_asm.spaced_head import header_roles
from helpers import extract_text

# dev 192: 'Núm.' read 'Ndm.'; the date in a row of its own under each finding; row 2's first
# line holds its finding's first words and both list items, its finding ending on the next line
ROWS = (
    "a) De los hallazgos:\n"
    "\n"
    "Ndm. Hallazgos Actividad comprometida\n"
    "1 Como resultado de la evaluacíon, se identificó que Elaborar un calendario de ejercicio del gasto y darle\n"
    "el subprograma no cuenta con presupuesto seguimiento mensual.\n"
    "asignado.\n"
    "Fecha compromiso: 31/05/2024\n"
    "2 De igual manera, se encontró que la MIR carece de indicadores de resultados • Registrar la MIR "
    "modificada en el sistema de presupuesto. • Elaborar las fichas técnicas de los nuevos indicadores.\n"
    "e impacto tanto a nivel estatal como municipal.\n"
    "Fecha compromiso: 30/06/2024\n"
)


def test_a_number_label_garbled_into_four_characters_still_opens_the_header() -> None:
    assert header_roles("Ndm. Hallazgos Actividad comprometida") == (["numero", "texto", "actividad"], "hallazgo")
    # a word of prose before the labels' words is no header
    assert header_roles("Cada hallazgo actividad comprometida") is None


def test_a_line_in_lower_case_goes_on_the_row_above_it() -> None:
    records = extract_text("convenio_asm.v1", ROWS).records
    assert [(r["numero"], r["fecha_compromiso"]) for r in records] == [
        (1, dt.date(2024, 5, 31)),
        (2, dt.date(2024, 6, 30)),
    ]
    assert records[1]["texto"] == (
        "De igual manera, se encontró que la MIR carece de indicadores de resultados "
        "e impacto tanto a nivel estatal como municipal."
    )
    assert records[1]["actividad_comprometida"] == (
        "Registrar la MIR modificada en el sistema de presupuesto.; Elaborar las fichas técnicas de los nuevos indicadores."
    )


# dev 114: row 2's number inside its finding's cell, an 'l' of that cell read as a bar
# ('de |os servicios'), and the activity's last words in a row of their own, a cell short
SHIFTED = (
    "| No. | Hallazgos | Actividad comprometida |\n"
    "|---|---|---|\n"
    "| 1 | No se da seguimiento a las metas. | Emitir reportes trimestrales de avance. |\n"
    "| Fecha comprometida: | | agosto a noviembre de 2019 |\n"
    "| 2 Tambien se detectó que no existe un padron de |os servicios de salud con claves homogéneas. "
    "| Depurar los padrones y completar el registro de la CURP en el |\n"
    "|  | sistema de información. |\n"
    "| Fecha comprometida: | | diciembre 2019 - abril 2020 |\n"
)


def test_a_markdown_row_whose_number_and_cells_ocr_merged_and_split() -> None:
    records = extract_text("convenio_asm.v1", SHIFTED).records
    assert [(r["numero"], r["fecha_compromiso"]) for r in records] == [
        (1, dt.date(2019, 11, 30)),
        (2, dt.date(2020, 4, 30)),
    ]
    second = records[1]
    assert second["texto"] == (
        "Tambien se detectó que no existe un padron de os servicios de salud con claves homogéneas."
    )
    assert second["actividad_comprometida"] == (
        "Depurar los padrones y completar el registro de la CURP en el sistema de información."
    )
    assert "actividad_comprometida:corregido" in second["corrected"]  # placed by its open sentence: said


def test_a_document_whose_table_could_not_be_read_says_so() -> None:
    # dev 77, real path: a CONEVAL annex tesseract wrote one cell piece per line under a turned
    # head it garbled; no header, no row: a failure row, not an empty agreement
    text = (
        "Seguimiento a Aspectos Susceptibles de Mejora Clasificados como Institucionales\n"
        "Anexo D\n"
        "Documento Institucional\n"
        "'oordinadora\n"
        "lúm. Consc.\n"
        "Secretaría Técnica\n"
        ">\n"
        "Implementación de indicadores de\n"
        "Rediseñar la MIR incorporando\n"
        "Dirección de\n"
        "30 de Abril de\n"
    )
    ext = extract_text("convenio_asm.v1", text)
    assert ext.records == []
    assert [f.error_type for f in ext.failures] == ["no_rows"]


# dev 132: the recommendations' header over three lines, its two-line date label starting above
# the activity's ('Fecha compromiso de' / 'Actividad comprometida' + 'atención' garbled); row 2
# written with its finding's first line alone, then each activity line with the date's piece
# after it
SPLIT_HEAD = (
    "b) De las recomendaciones:\n"
    "No. Recomendación\n"
    "Fecha compromiso de\n"
    "Actividad comprometida SaCÍóN\n"
    "1 Es necesario rediseñar la Matriz de Indicadores Modificar los indicadores de la MIR Agosto a Octubre de\n"
    "para Resultados con metas verificables. y sus fichas técnicas. 2018\n"
    "2 Se sugiere elaborar un plan estratégico que\n"
    "Alinear los objetivos del programa con el Programa Junio a Octubre de\n"
    "vincule los objetivos con la planeación estatal.\n"
    "Sectorial vigente. 2019\n"
)


def test_a_header_over_three_lines_and_a_date_read_across_activity_lines() -> None:
    records = extract_text("convenio_asm.v1", SPLIT_HEAD).records
    assert [(r["tipo"], r["numero"], r["fecha_compromiso"], r["fecha_precision"]) for r in records] == [
        ("recomendacion", 1, dt.date(2018, 10, 31), "mes"),
        ("recomendacion", 2, dt.date(2019, 10, 31), "mes"),
    ]
    assert (
        records[1]["actividad_comprometida"] == "Alinear los objetivos del programa con el Programa Sectorial vigente."
    )
    assert records[1]["texto"] == (
        "Se sugiere elaborar un plan estratégico que vincule los objetivos con la planeación estatal."
    )


def test_a_header_whose_labels_tesseract_wrote_out_of_order_one_per_line() -> None:
    # real-path 7820: the finding's label first, the number's read 'N*', the two-line date
    # label cut around the activity's
    from extractors.convenio_asm.spaced_head import HeadReader

    lines = ["Descripción del hallazgo", "N*", "Fecha de", "Actividades comprometidas", "cumplimiento", "4"]
    head = HeadReader()
    steps = [head.read(t, f) for t, f in zip(lines, [*lines[1:], ""], strict=True)]
    assert [s.consumed for s in steps[:5]] == [True] * 5
    assert steps[5].heading == (["numero", "texto", "actividad", "fecha"], "hallazgo")
    # real-path 7721: a CONEVAL annex's labels one per line, 'Fecha de' before the rest: the
    # annex's own order
    lines = ["| Num.", "Fecha de", "Aspecto Susceptible de Mejora", "Area Coordinadora", "Acciones a emprender",
             "Area Responsable", "Resultados Esperados", "Productos y/o evidencias", "| Consc.", "1"]  # fmt: skip
    head = HeadReader()
    steps = [head.read(t, f) for t, f in zip(lines, [*lines[1:], ""], strict=True)]
    assert steps[8].heading == (
        ["numero", "texto", "area_coordinadora", "actividad", "area_responsable", "fecha", "resultados", "evidencias"],
        "hallazgo",
    )


def test_a_coneval_row_written_one_piece_per_line_is_a_failure_not_a_guess() -> None:
    text = (
        "Num. Aspecto Susceptible de Mejora Area Coordinadora Acciones a emprender Area Responsable "
        "Fecha de Termino Resultados Esperados Productos y/o evidencias\n"
        "1\n"
        "Formalización de los mecanismos\n"
        "Unidad de Evaluación\n"
        "Suscribir acuerdos de\n"
        "Planeación\n"
        "Octubre 2020\n"
        "Mejor vinculación\n"
        "Minutas de las sesiones\n"
    )
    ext = extract_text("convenio_asm.v1", text)
    assert ext.records == []
    assert len(ext.failures) == 1 and "Formalización de los mecanismos" in ext.failures[0].message
