"""Tesseract's plain text of a scanned ASM table written from its last column, and rows whose
number was lost inside a row written one piece per line.

The texts are copied, shortened, from the real-path OCR'd text (tesseract's plain text of the
scan) of generated agreements 51, 161 and 197 of the development set; expected values are read
from the text itself, as a reader of the printed table sees it.
"""

from __future__ import annotations

import datetime as dt

from extractors.convenio_asm.spaced_head import HeadReader, header_roles
from extractors.convenio_asm.stacked import assign, first_line_from_right
from helpers import extract_text


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


# dev 51: the header's labels one per line from the date's, the number's read 'E'; each row's
# first visual line comes out date (or none: 'S/F'), activity, finding, then the number, and a
# date cut over two lines ends on the row's second line ('30 de noviembre de' ... '2024')
FROM_RIGHT = (
    "a) De los hallazgos:\n"
    "Fecha compromiso\n"
    "Actividad comprometida\n"
    "Descripción del hallazgo\n"
    "E\n"
    "de atención\n"
    "1 de mayo de 2024\n"
    "Documentar los criterios de selección en los\n"
    "1 Los criterios de elegibilidad y focalización de\n"
    "lineamientos de operación del programa.\n"
    "los servicios de salud no se encuentran\n"
    "formalizados.\n"
    "30 de noviembre de\n"
    "Impartir cursos sobre la normatividad del fondo al\n"
    "2 Se observa que se identificaron deficiencias\n"
    "2024\n"
    "personal de las áreas ejecutoras.\n"
    "en el proceso de capacitación del personal\n"
    "que opera los servicios de salud.\n"
    "Establecer un tablero de control del avance físico\n"
    "1 de mayo de 2024\n"
    "3 No se da seguimiento sistemático al\n"
    "y financiero de los proyectos.\n"
    "cumplimiento de las metas de los proyectos\n"
    "concertados.\n"
)


def test_a_table_written_from_its_last_column_reads_each_row_whole() -> None:
    got = [
        (r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"])
        for r in extract(FROM_RIGHT).records
    ]
    assert got == [
        (
            1,
            "Los criterios de elegibilidad y focalización de los servicios de salud no se encuentran formalizados.",
            "Documentar los criterios de selección en los lineamientos de operación del programa.",
            dt.date(2024, 5, 1),
        ),
        (
            2,
            "Se observa que se identificaron deficiencias en el proceso de capacitación del personal "
            "que opera los servicios de salud.",
            "Impartir cursos sobre la normatividad del fondo al personal de las áreas ejecutoras.",
            dt.date(2024, 11, 30),
        ),
        (
            3,
            "No se da seguimiento sistemático al cumplimiento de las metas de los proyectos concertados.",
            "Establecer un tablero de control del avance físico y financiero de los proyectos.",
            dt.date(2024, 5, 1),
        ),
    ]


def test_the_first_line_of_a_row_written_from_the_right() -> None:
    # before '3 No se da ...': the activity's piece and the date's, in either order
    above = ["concertados.", "Establecer un tablero de control del avance físico", "1 de mayo de 2024"]
    assert first_line_from_right(above, lone=False) == 2
    # a year alone ends the row above's date: not the new row's
    assert first_line_from_right(["Impartir cursos al personal.", "2024"], lone=False) == 0
    # before a lone number the finding's piece comes last
    assert (
        first_line_from_right(["Instalar un comité técnico de", "Del análisis realizado se desprende"], lone=True) == 2
    )
    # with no activity opening there, nothing is the new row's (read as before)
    assert first_line_from_right(["los servicios de salud.", "Del análisis realizado se desprende"], lone=True) == 0


def test_pieces_written_from_the_right_take_turns_date_activity_finding() -> None:
    pieces = [
        "30 de noviembre de",
        "Impartir cursos sobre la normatividad del fondo al",
        "Se observa que se identificaron deficiencias",
        "2024",
        "personal de las áreas ejecutoras.",
        "en el proceso de capacitación del personal",
    ]
    assert assign(pieces, dated=True) == ["fecha", "actividad", "texto", "fecha", "actividad", "texto"]


# dev 161: 'Acción de mejora comprometida' / 'Hallazgo' / 'LN?' ('N°' garbled); each row's date
# under it with its label after ('Noviembre de 2025' / 'Fecha comprometida de cumplimiento:')
def test_a_header_from_the_right_ends_at_its_garbled_number_label() -> None:
    head = HeadReader()
    lines = ["Acción de mejora comprometida", "Hallazgo", "LN?", "Suscribir acuerdos de coordinación"]
    steps = [head.read(t, f) for t, f in zip(lines, [*lines[1:], ""], strict=True)]
    assert steps[2].heading == (["numero", "texto", "actividad"], "hallazgo")
    assert steps[2].consumed and steps[2].from_right
    # a lone row number after the labels is the first row's, not the number's label
    head = HeadReader()
    lines = ["Acción de mejora comprometida", "Hallazgo", "1"]
    steps = [head.read(t, f) for t, f in zip(lines, [*lines[1:], ""], strict=True)]
    assert steps[2].heading is not None and not steps[2].consumed


def test_a_header_whose_number_label_was_read_as_three_signs() -> None:
    # dev 197: 'N°' read 'NP?' before the recommendations' labels
    assert header_roles("NP? Descripción de la recomendación Actividad comprometida Fecha compromiso") == (
        ["numero", "texto", "actividad", "fecha"],
        "recomendacion",
    )


# dev 197: row 5's number lost inside row 4's pieces; '6' then comes after row 5's whole date,
# and '6' is not '5' misread (OCR confuses the two): the row between is 5; the list items'
# dashes read as em dashes
LOST_INSIDE = (
    "a) De los hallazgos:\n"
    "N° Hallazgos Actividad comprometida Fecha compromiso\n"
    "4\n"
    "De igual manera, se encontró que no se\n"
    "Revisar el cumplimiento de metas contra los\n"
    "15 de Noviembre de\n"
    "documenta la evidencia del cumplimiento de las\n"
    "contratos y verificar los entregables finales.\n"
    "2024\n"
    "acciones realizadas con recursos del FAIS.\n"
    "Los padrones de beneficiarios no se\n"
    "— Depurar los registros duplicados\n"
    "28 de Diciembre de\n"
    "encuentran depurados ni integrados en un\n"
    "2024\n"
    "— Migrar el padrón al sistema institucional\n"
    "sistema de información.\n"
    "6\n"
    "Por su parte, se observa que no se da\n"
    "Implementar una base de datos de seguimiento.\n"
    "28 de Febrero de 2025\n"
    "seguimiento sistemático a las metas.\n"
)


def test_a_row_whose_number_was_lost_inside_the_row_above_is_read_between() -> None:
    got = [(r["numero"], r["fecha_compromiso"]) for r in extract(LOST_INSIDE).records]
    assert got == [(4, dt.date(2024, 11, 15)), (5, dt.date(2024, 12, 28)), (6, dt.date(2025, 2, 28))]
    fifth = extract(LOST_INSIDE).records[1]
    assert fifth["texto"] == (
        "Los padrones de beneficiarios no se encuentran depurados ni integrados en un sistema de información."
    )
    assert (
        fifth["actividad_comprometida"] == "Depurar los registros duplicados; Migrar el padrón al sistema institucional"
    )


def test_a_day_ocr_garbled_into_letters_keeps_its_date_a_failure() -> None:
    # dev 197 row 6: '30' read 'Se'; 'Junio de 2025' alone would be the month's last day,
    # precision 'mes' — the right day by chance, the wrong precision with no flag
    from extractors.convenio_asm.stacked import is_date_piece

    assert is_date_piece("Se de Junio de 2025")
    assert not is_date_piece("Se de los proyectos")  # a sentence's words, not a date
    text = LOST_INSIDE.replace("28 de Febrero de 2025", "Se de Junio de 2025")
    ext = extract(text)
    assert [r["numero"] for r in ext.records] == [4, 5]
    assert any("Se de Junio de 2025" in f.message for f in ext.failures)
