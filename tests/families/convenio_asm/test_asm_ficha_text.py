"""CONEVAL's label/value ASM sheets ('Aspecto No. N.') in OCR'd text, where the labels sit apart
from their values.

Each text is written by hand after the damage seen in development documents of the generator
(seeds named in the tests); expected values are read from the text.
"""

from __future__ import annotations

from helpers import extract_text

TITLE = "Identificación de Aspectos Susceptibles de Mejora (ASM) Interinstitucionales\n\n"


def extract(text: str):
    return extract_text("convenio_asm.v1", TITLE + text)


def fields(text: str) -> list[tuple]:
    return [
        (r["numero"], r["texto"], r["actividad_comprometida"], r.get("area_responsable"), r.get("evidencias"))
        for r in extract(text).records
    ]


def test_a_label_alone_has_its_value_a_blank_line_below() -> None:
    # dev OCR'd text 46: every label and value a paragraph of its own, a value wrapped the same way
    text = (
        "Aspecto No. 1.\n\nAspecto Susceptible de Mejora:\n\nConciliación de la información\n\n"
        "Acción a emprender:\n\nEstablecer un procedimiento de validación.\n\n"
        "Áreas que intervienen:\n\nDirección de\n\nFinanzas\n\n"
        "Productos y/o evidencias:\n\nReportes validados\n"
    )
    ext = extract(text)
    assert fields(text) == [
        (1, "Conciliación de la información", "Establecer un procedimiento de validación.", "Dirección de Finanzas",
         "Reportes validados"),
    ]  # fmt: skip
    assert not ext.failures
    assert not ext.records[0].get("corrected")  # each value right under its own label: read by place


def test_a_page_number_inside_a_box_does_not_close_it() -> None:
    # dev OCR'd text 46: '1/2' between a value and the box's next label, on the page break
    text = (
        "Aspecto No. 2.\n\nAspecto Susceptible de Mejora:\n\nIntegración del padrón\n\n"
        "Acción a emprender:\n\nIntegrar el padrón único.\n\n1/2\n"
        "Áreas que intervienen:\n\nDirección de Finanzas\n"
    )
    assert fields(text) == [(2, "Integración del padrón", "Integrar el padrón único.", "Dirección de Finanzas", None)]


def test_the_label_column_written_before_the_values_is_given_back_in_order_and_said() -> None:
    # dev OCR'd text 7918 and 110: the box's labels first, then its values, one paragraph each;
    # a list's items written together stay in one value
    text = (
        "Aspecto No. 1.\n\n| Aspecto Susceptible de Mejora: |\n| Acción a emprender: |\n\n"
        "| Áreas que intervienen: |\n| Productos y/o evidencias: |\n"
        "Elaboración del plan estratégico\n\n"
        "Para su atención se realizarán las siguientes acciones:\nDefinir metas de mediano plazo.\n"
        "Someter el plan a aprobación.\n\n"
        "Unidad de Planeación\n\nMatriz de alineación\n\nPlan estratégico aprobado\n\n\n"
        "Texto que sigue a la ficha.\n"
    )
    ext = extract(text)
    (row,) = ext.records
    assert row["texto"] == "Elaboración del plan estratégico"
    assert row["actividad_comprometida"] == (
        "Para su atención se realizarán las siguientes acciones:; Definir metas de mediano plazo.; "
        "Someter el plan a aprobación."
    )
    assert row["area_responsable"] == "Unidad de Planeación"
    assert row["evidencias"] == "Matriz de alineación; Plan estratégico aprobado"
    assert "texto:corregido" in row["corrected"] and "actividad_comprometida:corregido" in row["corrected"]
    assert "por orden" in row["comentario_extraccion"]


def test_a_value_written_before_its_label_is_given_back_by_order() -> None:
    # dev OCR'd text 70 (tesseract's text of a scan): the activity's line came before its label
    text = (
        "Aspecto No. 4.\nAspecto Susceptible de Mejora:\nDiseño de un programa de capacitación\n"
        "Impartir cursos sobre la normatividad del fondo.\nAcción a emprender:\n"
        "Áreas que intervienen:\nDirección de Planeación\nProductos y/o evidencias:\nListas de asistencia\n"
        "Aspecto No. 5.\nAspecto Susceptible de Mejora: Formalización de mecanismos\n"
    )
    got = fields(text)
    assert got[0] == (
        4,
        "Diseño de un programa de capacitación",
        "Impartir cursos sobre la normatividad del fondo.",
        "Dirección de Planeación",
        "Listas de asistencia",
    )
    assert got[1][:2] == (5, "Formalización de mecanismos")
    assert "texto:corregido" in extract(text).records[0]["corrected"]


def test_a_value_going_on_after_a_blank_line_in_lower_case_stays_one_value() -> None:
    # dev OCR'd text 7803: 'Diseñar ... de la satisfacción' / blank / 'de la población atendida.'
    text = (
        "Aspecto No. 4.\n\n| Aspecto Susceptible de Mejora: | Estudio de satisfacción |\n"
        "Acción a emprender:\n\nDiseñar un instrumento de medición de la satisfacción\n\n"
        "de la población atendida.\n\n| Áreas que intervienen: | Planeación |\n"
    )
    assert fields(text)[0][2] == "Diseñar un instrumento de medición de la satisfacción de la población atendida."
