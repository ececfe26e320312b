"""A Markdown export whose findings column OCR lost and wrote after the table, with rows it broke
out of the table as paragraphs: the rows are read whole and the findings go back by order.

Written by hand after the damage of development document 122 of the generator (a table whose
first row came out as paragraphs at a page's foot, two rows as paragraphs between pipe pieces,
and the findings of the rows that lost them after the table); expected values are read from
the text below.
"""

from __future__ import annotations

import datetime as dt

from helpers import extract_text

TEXT = (
    "a) De los hallazgos:\n\n"
    "| Núm. | Hallazgo | Acción de mejora comprometida | Fecha compromiso |\n|---|---|---|---|\n"
    "1\n\nEl padrón de beneficiarios no está depurado.\n\nDepurar el padrón de beneficiarios.\n\n"
    "agosto 2021\f| Núm. | Hallazgo | Acción de mejora comprometida | Fecha compromiso |\n|---|---|---|---|\n"
    "| 2 | Elaborar el diagnóstico de la población. | diciembre 2020 |\n"
    "| 3 | Publicar el informe final de la evaluación. | julio 2021 |\n"
    "4\n\nImplementar una encuesta de satisfacción.\n\n\nenero 2021\n\n"
    "5\n\nDocumentar los procedimientos de operación.\n\nmarzo 2021\n\n"
    "| 6 | Establecer un tablero de control. | mayo 2021 |\n"
    "No se cuenta con un diagnóstico de la\npoblación objetivo.\n\n"
    "Los resultados de la evaluación no se\n\npublican en el portal.\n\n"
    "No se conoce la satisfacción de la\npoblación atendida.\n\n"
    "Los procesos de operación no están\ndocumentados.\n\n"
    "No se da seguimiento al avance de los\nproyectos.\n\n"
    "b) De las recomendaciones:\n\n"
)


def test_lost_findings_written_after_the_table_go_back_to_the_rows_that_lost_them() -> None:
    out = extract_text("convenio_asm.v1", TEXT)
    got = [(r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in out.records]
    assert got == [
        (
            1,
            "El padrón de beneficiarios no está depurado.",
            "Depurar el padrón de beneficiarios.",
            dt.date(2021, 8, 31),
        ),
        (
            2,
            "No se cuenta con un diagnóstico de la población objetivo.",
            "Elaborar el diagnóstico de la población.",
            dt.date(2020, 12, 31),
        ),
        (
            3,
            "Los resultados de la evaluación no se publican en el portal.",
            "Publicar el informe final de la evaluación.",
            dt.date(2021, 7, 31),
        ),
        (
            4,
            "No se conoce la satisfacción de la población atendida.",
            "Implementar una encuesta de satisfacción.",
            dt.date(2021, 1, 31),
        ),
        (
            5,
            "Los procesos de operación no están documentados.",
            "Documentar los procedimientos de operación.",
            dt.date(2021, 3, 31),
        ),
        (
            6,
            "No se da seguimiento al avance de los proyectos.",
            "Establecer un tablero de control.",
            dt.date(2021, 5, 31),
        ),
    ]
    assert out.failures == []
    # the findings put back by order say so on their own field; row 1 kept its own
    assert "texto:corregido" not in (out.records[0].get("corrected") or [])
    assert all("texto:corregido" in r["corrected"] for r in out.records[1:])


def test_lost_findings_with_no_paragraphs_to_match_stay_failures() -> None:
    # one finding paragraph fewer than the rows that lost theirs: none is given by order
    text = TEXT.replace("No se da seguimiento al avance de los\nproyectos.\n\n", "")
    out = extract_text("convenio_asm.v1", text)
    assert [r["numero"] for r in out.records] == [1]
    assert len(out.failures) == 5 and all("findings column was lost" in f.message for f in out.failures)


RECS = (
    "b) De las recomendaciones:\n\n"
    "| N° | Recomendación | Acción de mejora comprometida | Fecha compromiso de atención |\n|---|---|---|---|\n"
    "| 1 | Se recomienda difundir los resultados. | Publicar el informe final. | 1 de Mayo al 30 de Septiembre de 2022 |\n"
    "|  | Derivado de la evaluación, se recomienda integrar expedientes. | Integrar expedientes. "
    "| 1 de Agosto de 2022 al 31 de Enero de 2023 |\n"
    "| 3 | Se sugiere conciliar la información. | Conciliar trimestralmente. | 31 de Marzo de 2023 |\n"
)


def test_a_row_whose_number_ocr_lost_under_a_whole_date_is_a_row_of_its_own() -> None:
    # dev OCR'd text 181: row 2's number cell came out empty; its finding opens with a capital and
    # it has a date of its own, under row 1's whole date: a row, numbered between 1 and 3
    out = extract_text("convenio_asm.v1", RECS)
    got = [(r["numero"], r["texto"], r["fecha_compromiso"]) for r in out.records]
    assert got == [
        (1, "Se recomienda difundir los resultados.", dt.date(2022, 9, 30)),
        (2, "Derivado de la evaluación, se recomienda integrar expedientes.", dt.date(2023, 1, 31)),
        (3, "Se sugiere conciliar la información.", dt.date(2023, 3, 31)),
    ]
    assert out.failures == []


def test_a_numberless_line_going_on_in_lower_case_is_more_of_the_row_above() -> None:
    text = RECS.replace(
        "|  | Derivado de la evaluación, se recomienda integrar expedientes. | Integrar expedientes. "
        "| 1 de Agosto de 2022 al 31 de Enero de 2023 |\n",
        "|  | en la página de internet institucional. | en el portal. |  |\n",
    )
    out = extract_text("convenio_asm.v1", text)
    assert [(r["numero"], r["texto"]) for r in out.records] == [
        (1, "Se recomienda difundir los resultados. en la página de internet institucional."),
        (3, "Se sugiere conciliar la información."),
    ]


def test_rows_a_column_wider_than_a_head_that_read_the_numbers_label_into_the_findings() -> None:
    # dev OCR'd text 204: '# Descripción ...' is one head cell over a rule and rows of four
    text = (
        "b) De las recomendaciones:\n\n"
        "| # Descripcion de la recomendación | Actividad comprometida | Fecha de cumplimiento |\n\n"
        "|---|---|---|---|\n"
        "| 1 | Se sugiere difundir los resultados. | Habilitar un apartado de evaluación. | Segundo Semestre 2024 |\n"
        "| 2 | Se recomienda diseñar un programa de capacitación. | Impartir cursos. | Primer Semestre 2025 |\n"
    )
    out = extract_text("convenio_asm.v1", text)
    got = [
        (r["tipo"], r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in out.records
    ]
    assert got == [
        (
            "recomendacion",
            1,
            "Se sugiere difundir los resultados.",
            "Habilitar un apartado de evaluación.",
            dt.date(2024, 12, 31),
        ),
        (
            "recomendacion",
            2,
            "Se recomienda diseñar un programa de capacitación.",
            "Impartir cursos.",
            dt.date(2025, 6, 30),
        ),
    ]
