"""CONEVAL follow-up annexes whose OCR export joined each row's cells with single spaces.

The rows are copied from the OCR'd-text form of generated annexes (ASM 7705: Anexo D, the
institutional document; dev 84 and 19: Anexo B, the working document); expected cells are read
from the printed row: where one cell ends and the next begins is what a reader of the table sees.
"""

from __future__ import annotations

import datetime as dt

from extractors.convenio_asm.coneval_line import cut_row
from helpers import extract_text

ANEXO_D = ["numero", "texto", "area_coordinadora", "actividad", "area_responsable", "fecha", "resultados", "evidencias"]


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


def test_an_institutional_row_is_cut_at_its_units_its_actions_and_its_date() -> None:
    cells = cut_row(
        "Implementación de un estudio del grado de satisfaccion de los usuarios Dlrección General • Diseñar "
        "el cuestionario • Definir la muestra representativa Dirección Administrativa 30 de abril del 2026 "
        "Medir la percepción del usuario Instrumento de medición aplicado Informe de encuesta",
        ANEXO_D,
    )
    assert cells == {
        "texto": "Implementación de un estudio del grado de satisfaccion de los usuarios",
        "area_coordinadora": "Dlrección General",
        "actividad": "• Diseñar el cuestionario • Definir la muestra representativa",
        "area_responsable": "Dirección Administrativa",
        "fecha": "30 de abril del 2026",
        "resultados": "Medir la percepción del usuario",
        "evidencias": "Instrumento de medición aplicado; Informe de encuesta",
    }


def test_a_working_document_s_rows_become_records_that_say_how_they_were_cut() -> None:
    text = (
        "Núm. Consc. Aspectos Susceptibles de Mejora Actividades Área Responsable Fecha de Término "
        "Resultados Esperados Productos y/o Evidencias\n"
        "1 Conciliación de la información reportada con los registros contables Establecer un procedimiento "
        "de validación previa de los reportes trimestrales. Dirección de Planeación y Evaluación febrero 2021 "
        "Información financiera consistente Reportes validados Conciliaciones trimestrales\n"
        "2 Publicación de los resultados de la evaluación Habilitar en la página de internet un apartado ante "
        "la Secretaría de Finanzas. Unidad de Información, Planeación, Programación y Evaluación julio 2021 "
        "Transparencia en los resultados Liga electrónica de publicación\n"
    )
    ext = extract(text)
    got = [
        (r["numero"], r["texto"], r["actividad_comprometida"], r["area_responsable"], r["fecha_compromiso"])
        for r in ext.records
    ]
    assert got == [
        (
            1,
            "Conciliación de la información reportada con los registros contables",
            "Establecer un procedimiento de validación previa de los reportes trimestrales.",
            "Dirección de Planeación y Evaluación",
            dt.date(2021, 2, 28),
        ),
        (
            2,
            "Publicación de los resultados de la evaluación",
            # 'ante la Secretaría': a unit's word after 'la' goes on the action's sentence
            "Habilitar en la página de internet un apartado ante la Secretaría de Finanzas.",
            "Unidad de Información, Planeación, Programación y Evaluación",
            dt.date(2021, 7, 31),
        ),
    ]
    assert all("celdas separadas por su contenido" in r["comentario_extraccion"] for r in ext.records)
    assert ext.records[0]["evidencias"] == "Reportes validados; Conciliaciones trimestrales"
    assert not ext.failures


def test_a_row_read_across_its_wrapped_cells_is_a_failure_with_its_text_not_a_guess() -> None:
    # dev 19: row 2's cells wrap; its first line alone would cut into cells ending in 'y', 'de'
    text = (
        "Núm. Consc. Aspectos Susceptibles de Mejora Actividades Área Responsable Fecha de Termino "
        "Resultados Esperados Productos y/o Evidencias\n"
        "1 Formalización de los mecanismos de coordinación Implementar un plan de trabajo. Departamento de "
        "Programación y Presupuesto 30 de abril de 2023 Mejor vinculación Acuerdos firmados\n"
        "2 Formalización de los criterios de elegibilidad y Documentar los criterios de selección Departamento "
        "de 30 de abril de 2023 Beneficiarios seleccionados Lineamientos de operación\n"
        "focalización de beneficiarios en los lineamientos de operación del Programación y con criterios "
        "transparentes publicados\n"
    )
    ext = extract(text)
    assert [r["numero"] for r in ext.records] == [1]
    (failure,) = ext.failures
    assert failure.message.startswith("hallazgo 2 (page 1): a CONEVAL annex row")
    assert "Formalización de los criterios de elegibilidad y" in failure.message
