"""What OCR does to a Markdown export's ASM table, mended from what the table itself shows.

Each text below is written by hand after the damage seen in development documents of the
generator (seeds named in the tests); expected values are read from the text.
"""

from __future__ import annotations

import datetime as dt
import json

from extractors.convenio_asm.paragraphs import paragraph_rows_to_pipes
from helpers import extract_text


def extract(text: str):
    return extract_text("convenio_asm.v1", text)


def rows(text: str) -> list[tuple]:
    return [
        (r["tipo"], r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"])
        for r in extract(text).records
    ]


HEAD = "| No. | Recomendación | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"


def test_a_row_written_one_cell_per_paragraph_between_two_pieces_goes_back_in() -> None:
    # dev seed 79: the row's cells as paragraphs, a cell's second paragraph in lower case
    text = (
        HEAD + "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | Julio 2024 |\n"
        "3\n\nSe sugiere conciliar la información\ncon los registros.\n\n"
        "<ul><li>Documentar las diferencias.</li></ul>\n\nTercer Trimestre de\n2024\n\n"
        "| 4 | Integrar expedientes. | Definir su contenido. | Agosto 2024 |\n"
    )
    assert rows(text)[1] == (
        "recomendacion",
        3,
        "Se sugiere conciliar la información con los registros.",
        "Documentar las diferencias.",
        dt.date(2024, 9, 30),
    )


def test_paragraphs_after_the_last_piece_are_prose_not_a_row() -> None:
    text = HEAD + "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | Julio 2024 |\n\n2\n\nCUARTA. Cumplimiento.\n"
    assert paragraph_rows_to_pipes(text) == text
    assert [r[1] for r in rows(text)] == [1]


def test_a_head_cell_holding_two_labels_over_one_more_column_is_split() -> None:
    # dev seed 79: 'N° Recomendacion' read as one cell; the body keeps four
    text = (
        "| N° Recomendacion | Actividades comprometidas | Fecha compromiso de atencion |\n|---|---|---|---|\n"
        "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | Cuarto Trimestre de 2024 |\n"
    )
    assert rows(text) == [
        ("recomendacion", 1, "Aplicar una encuesta.", "Diseñar el instrumento.", dt.date(2024, 12, 31))
    ]


def test_a_date_label_cut_over_two_cells_is_still_the_date_row() -> None:
    text = (
        "| N° | Hallazgo | Actividades comprometidas |\n|---|---|---|\n"
        "| 1 | Los reportes no coinciden. | Establecer un procedimiento. |\n"
        "| Fecha | compromiso: |  | Cuarto Trimestre 2024 |\n"
    )
    assert rows(text)[0][4] == dt.date(2024, 12, 31)


def test_a_piece_with_no_head_whose_first_row_is_numbered_carries_on_the_table() -> None:
    # dev seed 35: a piece whose widest row has a split cell cannot merge with the table above
    text = (
        "| # | Hallazgo | Acción de mejora comprometida |\n|---|---|---|\n"
        "| 1 | Primer hallazgo. | Primera acción. |\n| Fecha compromiso: |  | Junio 2023 |\n\n"
        "| 2 | Segundo hallazgo. | Segunda acción. |\n| Fecha | compromiso: |  | Julio 2023 |\n"
    )
    assert [(r[1], r[4]) for r in rows(text)] == [(1, dt.date(2023, 6, 30)), (2, dt.date(2023, 7, 31))]


def test_activity_run_into_the_date_cell_goes_back_to_the_activity() -> None:
    # dev seed 96: the activity cell stops short, its end is in the date cell before the date
    text = HEAD + (
        "| 1 | Los expedientes no se integran. | Integrar expedientes con | "
        "la evidencia fotográfica y documental de cada acción. Enero 2018 |\n"
    )
    (row,) = rows(text)
    assert row[3] == "Integrar expedientes con la evidencia fotográfica y documental de cada acción."
    assert row[4] == dt.date(2018, 1, 31)


def test_prose_in_the_date_cell_of_a_finished_row_is_a_failure_not_its_date() -> None:
    # dev seeds 13, 57: a clause fell into the date's place; its own date is no commitment date
    text = HEAD + (
        "| 1 | Los expedientes no se integran. | Integrar expedientes. | CUARTA. Cumplimiento. Las fechas "
        "de cumplimiento de los Aspectos no podrán exceder del 31 de julio de 2022. |\n"
    )
    ext = extract(text)
    assert ext.records == []
    assert [f.error_type for f in ext.failures] == ["unreadable_date"]


def test_a_date_paragraph_in_lower_case_is_the_date_not_more_of_the_activity() -> None:
    # dev seed 13 (one cell per paragraph): 'tercer trimestre de 2019' is due in the date column
    text = (
        "No.\n\nRecomendación\n\nActividad comprometida\n\nFecha compromiso\n\n"
        "1\n\nEs necesario integrar expedientes.\n\n• Definir el contenido.\n• Integrar la evidencia.\n\n"
        "tercer trimestre de 2019\n\n\nCUARTA. Cumplimiento. Las fechas no podrán exceder del 31 de diciembre de 2020.\n"
    )
    assert rows(text) == [
        (
            "recomendacion",
            1,
            "Es necesario integrar expedientes.",
            "Definir el contenido.; Integrar la evidencia.",
            dt.date(2019, 9, 30),
        )
    ]


def test_a_garbled_day_before_a_closing_month_stays_with_its_date() -> None:
    # dev seed 41 (single-spaced rows): 'Z8 de febrero de 2026' is a day OCR garbled, not
    # 'febrero de 2026': the cell keeps it, and it is read back as 28, flagged; 'a0' is no digit
    text = (
        "No. Recomendación Actividad comprometida Fecha compromiso\n"
        "1 Se recomienda implementar mecanismos. Diseñar la base de datos. Z8 de febrero de 2026\n"
        "2 Se sugiere integrar expedientes. Definir el contenido. a0 de noviembre de 2025\n"
    )
    ext = extract(text)
    assert [(r["numero"], r["fecha_compromiso"], r.get("corrected")) for r in ext.records] == [
        (1, dt.date(2026, 2, 28), ["fecha_compromiso:corregido"])
    ]
    assert [json.loads(f.record)["numero"] for f in ext.failures] == [2]


SPACED_HEAD = "No. Hallazgo Actividades comprometidas Fecha de cumplimiento\n"


def test_a_single_spaced_row_read_across_its_wrapped_cells() -> None:
    # dev seed 11: line k of the finding, of the activity and of the date on output line k
    text = SPACED_HEAD + (
        "1 No existe un padrón único de beneficiarios. Integrar el padrón. 30 de noviembre de 2025\n"
        "2 Por su parte, se observa que el Realizar las gestiones correspondientes para cuarto trimestre de\n"
        "subprograma de los servicios de salud a la lograr la asignación de presupuesto en el 2025\n"
        "población sin seguridad social no cuenta ejercicio fiscal subsecuente.\n"
        "con presupuesto asignado.\n"
        "3 No se difunden los resultados. Publicar el informe final. 31 de enero de 2026\n"
    )
    got = rows(text)
    assert [r[1] for r in got] == [1, 2, 3]
    assert got[1][2:] == (
        "Por su parte, se observa que el subprograma de los servicios de salud a la población sin seguridad "
        "social no cuenta con presupuesto asignado.",
        "Realizar las gestiones correspondientes para lograr la asignación de presupuesto en el ejercicio "
        "fiscal subsecuente.",
        dt.date(2025, 12, 31),
    )


def test_a_finding_piece_does_not_take_the_activity_s_opening_line() -> None:
    # dev seed 11: 'acciones:' closes the activity's opening, not the finding's second line
    from extractors.convenio_asm.interleaved import interleaved_cells

    cells = interleaved_cells(
        [
            "Asimismo, se identificó que los resultados Para su atención se realizarán las siguientes diciembre de 2025",
            "de las evaluaciones del FASSA no se acciones:",
            "difunden en el portal de transparencia. - Publicar el documento de seguimiento.",
        ],
        ["numero", "texto", "actividad", "fecha"],
    )
    assert cells["texto"] == [
        "Asimismo, se identificó que los resultados",
        "de las evaluaciones del FASSA no se",
        "difunden en el portal de transparencia.",
    ]
    assert cells["actividad"][1:] == ["acciones:", "- Publicar el documento de seguimiento."]
    assert cells["fecha"] == ["diciembre de 2025"]


def test_single_spaced_and_one_cell_per_paragraph_rows_in_one_table() -> None:
    # dev seeds 11, 72: a row written one cell per paragraph among single-spaced rows; its date
    # paragraph opens with a day that is no row number; a page number in between is no row
    text = SPACED_HEAD + (
        "1 No existe un padrón único. Integrar el padrón. 30 de noviembre de 2025\n"
        "2\n\nLos indicadores de la Matriz no permiten\nmedir el logro de los objetivos.\n\n"
        "- Revisar la lógica vertical de la\nMIR.\n\n31 de marzo de 2026\n\n"
        "- 2 -\n"
        "3 No se difunden los resultados. Publicar el informe final. 31 de enero de 2026\n"
    )
    got = rows(text)
    assert [(r[1], r[4]) for r in got] == [
        (1, dt.date(2025, 11, 30)),
        (2, dt.date(2026, 3, 31)),
        (3, dt.date(2026, 1, 31)),
    ]
    assert got[1][2] == "Los indicadores de la Matriz no permiten medir el logro de los objetivos."
    assert got[1][3] == "Revisar la lógica vertical de la MIR."


def test_a_line_under_a_whole_single_spaced_row_is_not_more_of_it() -> None:
    text = SPACED_HEAD + (
        "1 No existe un padrón único. Integrar el padrón. 30 de noviembre de 2025\n"
        "CUARTA. Cumplimiento. Las fechas no podrán exceder del 31 de diciembre de 2025.\n"
    )
    assert rows(text) == [("hallazgo", 1, "No existe un padrón único.", "Integrar el padrón.", dt.date(2025, 11, 30))]


def test_a_date_whose_digits_ocr_misread_is_read_back_and_says_so() -> None:
    text = HEAD + "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | 30 de Septiembre de 20Z1 |\n"
    (rec,) = extract(text).records
    assert rec["fecha_compromiso"] == dt.date(2021, 9, 30) and rec["fecha_precision"] == "dia"
    assert rec["corrected"] == ["fecha_compromiso:corregido"]
    assert "'20Z1' como '2021'" in rec["comentario_extraccion"]
    assert rec["fecha_texto"] == "30 de Septiembre de 20Z1"


CLAUSES = (
    "TERCERA. “EL SUJETO EVALUADO” se compromete a atender los dos (2) hallazgos y la una (1) "
    "recomendación que se enlistan a continuación:\n\n{table}\n"
    "CUARTA. Cumplimiento. Las fechas de cumplimiento de los Aspectos Susceptibles de Mejora no podrán "
    "exceder del 30 de junio de 2024.\n"
)


def test_the_agreement_s_count_and_date_limit_are_checked_on_every_row() -> None:
    table = (
        "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
        "| 1 | No existe un padrón. | Integrar el padrón. | Marzo de 2024 |\n"
        "| 2 | No se publican los informes. | Publicar los informes. | Agosto de 2024 |\n"
    )
    got = {(r["tipo"], r["numero"]): r["checks"] for r in extract(CLAUSES.format(table=table)).records}
    # two findings read as stated; the second is dated past the limit (July 2024 or a misread year)
    assert got == {
        ("hallazgo", 1): ["conteo=ok", "fecha_limite=ok", "secuencia=ok"],
        ("hallazgo", 2): ["conteo=ok", "fecha_limite=conflict", "secuencia=ok"],
    }


def test_a_date_in_a_year_before_the_agreements_pae_is_a_conflict_on_its_row() -> None:
    # dev OCR'd text 123: '2011' read for '2017' under an agreement of the PAE 2016
    text = "El Programa Anual de Evaluación 2016 establece la evaluación del fondo.\n\n" + CLAUSES.format(
        table=(
            "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
            "| 1 | No existe un padrón. | Integrar el padrón. | Marzo de 2017 |\n"
            "| 2 | No se publican los informes. | Publicar los informes. | Agosto de 2011 |\n"
        )
    )
    got = {r["numero"]: [c for c in r["checks"] if c.startswith("fecha_pae")] for r in extract(text).records}
    assert got == {1: ["fecha_pae=ok"], 2: ["fecha_pae=conflict"]}


def test_a_count_the_rows_read_do_not_reach_is_a_conflict_on_each() -> None:
    table = (
        "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
        "| 1 | No existe un padrón. | Integrar el padrón. | Marzo de 2024 |\n"
    )
    (rec,) = extract(CLAUSES.format(table=table)).records
    # and the one row read may hold the second, whose number OCR lost
    assert rec["checks"] == ["conteo=conflict", "fecha_limite=ok", "secuencia=conflict"]


def test_a_number_skipped_after_a_row_is_a_sequence_conflict_on_that_row() -> None:
    """Dev scans 13, 16, 29: a row whose number OCR lost was read into the row above it."""
    table = (
        "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
        "| 1 | No existe un padrón. Tampoco se publican los informes. | Integrar el padrón. | Marzo de 2024 |\n"
        "| 3 | No hay manuales. | Elaborar los manuales. | Mayo de 2024 |\n"
    )
    got = {r["numero"]: r["checks"] for r in extract(table).records}
    assert got == {1: ["secuencia=conflict"], 3: ["secuencia=ok"]}


def test_a_table_whose_first_row_read_is_not_row_1_is_a_sequence_conflict() -> None:
    """Dev scan 86: row 1's number dropped as a speck, its cells with it; the table read from 2."""
    table = (
        "| No. | Hallazgo | Actividad comprometida | Fecha compromiso |\n|---|---|---|---|\n"
        "| 2 | No hay manuales. | Elaborar los manuales. | Mayo de 2024 |\n"
        "| 3 | No existe un padrón. | Integrar el padrón. | Marzo de 2024 |\n"
    )
    got = {r["numero"]: r["checks"] for r in extract(table).records}
    assert got == {2: ["secuencia=conflict"], 3: ["secuencia=ok"]}


def test_limits_and_counts_as_agreements_state_them() -> None:
    from extractors.convenio_asm.checks import stated_counts, stated_limit

    # seed 002's limit names two months and one year: the later is the limit
    assert stated_limit("no podrán exceder del mes de julio y de septiembre del 2019, de acuerdo a") == dt.date(
        2019, 9, 30
    )
    assert stated_counts("se compromete a atender los doce hallazgos y las 3 recomendaciones que se enlistan") == {
        "hallazgo": 12,
        "recomendacion": 3,
    }
    assert stated_counts("se compromete a atender los cinco (5) ha|lazgos que se enlistan") == {"hallazgo": 5}
    assert stated_counts("se compromete a atender los hallazgos y recomendaciones que se enlistan") == {}


def _boxed(texts: list[str]) -> list:
    """A page's lines with boxes, 14 points apart from the top (as a text layer gives them)."""
    from papeleo.model import BBox, Line, Word

    out = []
    for k, t in enumerate(texts):
        top = 40.0 + 14 * k
        out.append(Line.from_words([Word(t, BBox(70.0, top, 70.0 + 5 * len(t), top + 10))]))
    return out


def test_running_lines_stand_at_a_page_edge_and_a_shared_cell_line_is_no_furniture() -> None:
    # dev seed 31: 'documental', the end of a list item two rows print, was taken for furniture
    # and the gap it left ended the table
    from extractors.convenio_asm.pagelines import furniture

    motto = "“2019. Año del Centésimo Aniversario”"
    page1 = _boxed([motto, *[f"fila {k} de la primera página" for k in range(5)], "documental"] + ["otra"] * 6)
    page2 = _boxed([motto, *[f"fila {k} de la segunda página" for k in range(4)], "documental"] + ["más"] * 6)
    assert furniture([page1, page2]) == {"“2019. ano del centesimo aniversario”"}


def test_a_running_line_ocr_read_differently_on_each_page_is_still_furniture() -> None:
    """Dev scan 49: the motto read '“2017. Año ... Serena”', '2017. Año ... Serena”' and
    '22017. Año ...' on three pages stayed in as text, and a finding's line printed at one
    page's foot and again amid the next page's rows was dropped as furniture."""
    from extractors.convenio_asm.pagelines import furniture

    motto = "2017. Año del Centenario de la Constitución Política del Estado de Bahía Serena”"
    shared = "servicios de educación para adultos y de educación"
    page1 = _boxed(["“" + motto, *[f"fila {k} de la primera" for k in range(8)], shared, "otra", "y otra"])
    page2 = _boxed([motto, *[f"fila {k} de la segunda" for k in range(5)], shared] + ["más"] * 8)
    page3 = _boxed(["2" + motto, *[f"fila {k} de la tercera" for k in range(9)]])
    got = furniture([page1, page2, page3])
    assert {t[-13:] for t in got} == {"bahia serena”"} and len(got) == 3  # the three readings
    assert "servicios de educacion para adultos y de educacion" not in got


def test_a_date_line_beside_its_bare_label_on_a_ruled_row_is_the_row_s_date() -> None:
    # dev scan 1: tesseract read the label cell and the date cell as two lines, the date a point
    # higher, so it came first and went to the activity above
    from extractors.convenio_asm.pagelines import date_rows_joined
    from papeleo.model import BBox, Line, Word

    def line(text: str, x0: float, top: float) -> Line:
        words, x = [], x0
        for t in text.split():
            words.append(Word(t, BBox(x, top, x + 5 * len(t), top + 10)))
            x += 5 * len(t) + 3
        return Line.from_words(words)

    date, label = line("-28 de Noviembre de 2023", 365, 308), line("Fecha compromiso:", 143, 309)
    joined = date_rows_joined([line("usuarios.", 300, 271), date, label])
    assert [ln.text for ln in joined] == ["usuarios.", "Fecha compromiso: -28 de Noviembre de 2023"]


def test_a_stroke_before_the_day_is_no_part_of_the_date() -> None:
    from extractors.convenio_asm.records import read_fecha

    got = read_fecha("-28 de Noviembre de 2023")
    assert (got.value, got.precision, got.repairs) == (dt.date(2023, 11, 28), "dia", ())


def test_a_header_band_s_letter_strokes_are_no_column_borders() -> None:
    from extractors.convenio_asm import MIN_COLUMN_RULE, _column_rules
    from papeleo.model import Page, Rule

    rules = (Rule(60, 259, 60.5, 698), Rule(134, 259, 134.5, 287), Rule(61, 344, 551, 344.5))
    page = Page(number=1, lines=(), text_source="ocr", width=612, height=792, rules=rules)
    assert [r.x0 for r in _column_rules(page)] == [60] and MIN_COLUMN_RULE > 287 - 259


def test_an_aligned_export_takes_the_rows_its_columns_lost_from_the_paragraph_reading() -> None:
    # dev seed 49: row 2 written one cell per paragraph crosses the aligned columns and ended
    # the table; rows 2 and 3 come from the reading by paragraph, in order
    pad = " " * 30
    text = (
        f"No.{pad}Hallazgo{pad}Actividad comprometida{pad}Fecha compromiso\n"
        f"1  {pad}No existe un padrón único.{pad}  Integrar el padrón.{pad}      Marzo de 2024\n"
        "2\n\nNo se publican los informes de evaluación.\n\nPublicar los informes.\n\nAbril de 2024\n\n"
        f"3  {pad}No se cuenta con manuales.{pad} Elaborar los manuales.{pad}    Mayo de 2024\n"
    )
    assert [(r[1], r[4]) for r in rows(text)] == [
        (1, dt.date(2024, 3, 31)),
        (2, dt.date(2024, 4, 30)),
        (3, dt.date(2024, 5, 31)),
    ]


def test_a_row_with_a_split_cell_is_joined_where_its_date_falls_in_place() -> None:
    # dev seed 74: '| Conciliación | cle la información ... |' shifted the row a column right
    text = HEAD + (
        "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | Julio 2024 |\n"
        "| 2 | Conciliación | de la información reportada. | Conciliar cada mes. | Agosto 2024 |\n"
    )
    assert rows(text)[1] == (
        "recomendacion",
        2,
        "Conciliación de la información reportada.",
        "Conciliar cada mes.",
        dt.date(2024, 8, 31),
    )


def test_a_head_holding_two_labels_under_a_wider_rule_and_a_body_after_a_blank_line() -> None:
    # dev seed 74: 'Aspecto Susceptible de Mejora Área Coordinadora' in one cell, the rule one
    # column wider, and the body a table of its own after a blank line
    text = (
        "| Núm. | Aspecto Susceptible de Mejora Área Coordinadora | Acciones a emprender | Fecha de Término |\n"
        "|---|---|---|---|---|\n\n"
        "| 1 | Integración de expedientes | Dirección General | Revisar las metas. | Cuarto Trimestre de 2021 |\n"
    )
    (rec,) = extract(text).records
    assert (rec["texto"], rec["actividad_comprometida"], rec["fecha_compromiso"]) == (
        "Integración de expedientes",
        "Revisar las metas.",
        dt.date(2021, 12, 31),
    )
    assert rec["area_coordinadora"] == "Dirección General"


def test_a_date_cut_over_two_cells_is_joined_whole() -> None:
    # dev seed 83: '| 30 de | SEPTIEMBRE de 2020 |' is one date cut, not an activity ending '30 de'
    text = HEAD + "| 1 | Aplicar una encuesta. | Diseñar el instrumento. | 30 de | SEPTIEMBRE de 2020 |\n"
    assert rows(text) == [
        ("recomendacion", 1, "Aplicar una encuesta.", "Diseñar el instrumento.", dt.date(2020, 9, 30))
    ]


def test_a_ruled_head_read_one_label_per_line_counts_its_visual_lines() -> None:
    # dev scan 11: 'Fecha de' / 'cumplimiento' stacked beside three labels, each label its own
    # OCR line: five lines, two visual ones; the date column was lost at four lines
    from extractors.convenio_asm.head import header_at
    from papeleo.model import BBox, Line, Word

    def line(text: str, x0: float, top: float) -> Line:
        words, x = [], x0
        for t in text.split():
            words.append(Word(t, BBox(x, top, x + 5 * len(t), top + 9)))
            x += 5 * len(t) + 3
        return Line.from_words(words)

    lines = [
        line("Fecha de", 486, 264),
        line("No.", 69, 269),
        line("Descripción del hallazgo", 128, 269),
        line("Actividades comprometidas", 305, 269),
        line("cumplimiento", 477, 275),
        line("1 Como resultado de la evaluación", 74, 291),
    ]
    k, labels, tipo = header_at(lines, 0)
    assert k == 5 and [r for r, _, _ in labels] == ["numero", "texto", "actividad", "fecha"] and tipo == "hallazgo"


def test_a_symbol_heading_the_first_column_is_the_number_s_label() -> None:
    # dev scan 21: '#' read as '$' lost the number column, and the table with it
    from extractors.convenio_asm.head import _role_of_label
    from papeleo.model import BBox, Word

    def label(text: str) -> list[Word]:
        return [Word(text, BBox(10, 10, 10 + 6 * len(text), 18))]

    assert _role_of_label(label("$"), 0) == "numero" and _role_of_label(label("$"), 2) is None
    assert _role_of_label(label("Hallazgos"), 1) == "texto" and _role_of_label(label("-"), 0) == "numero"


def test_a_label_cut_into_two_head_cells_over_a_narrower_body_is_one_column() -> None:
    # dev seed 26: '| Área | Coordinadora |' over rows a column narrower than the head
    text = (
        "| Núm. | Aspecto Susceptible de Mejora | Área | Coordinadora | Acciones a emprender | Fecha de Término |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Integración de expedientes | Dirección General | Revisar las metas. | Marzo 2025 |\n"
    )
    (rec,) = extract(text).records
    assert (rec["area_coordinadora"], rec["actividad_comprometida"], rec["fecha_compromiso"]) == (
        "Dirección General",
        "Revisar las metas.",
        dt.date(2025, 3, 31),
    )


def test_a_tab_separated_table_whose_head_label_a_tab_cut_is_read_by_its_cells() -> None:
    # dev seed 78: 'Aspecto\tSusceptible de Mejora' in two head cells over a narrower body; a
    # wrapped cell's lines go on under an empty number cell
    text = (
        "Núm. Consc.\tAspecto\tSusceptible de Mejora\tAcciones a emprender\tFecha de Término\n"
        "1\tIntegración de expedientes\tRevisar las metas contra\t31 de octubre de\n"
        "\t\tlos contratos.\t2023\n"
        "2\tFormalización de criterios\tEmitir los criterios.\tMayo 2025\n"
    )
    assert rows(text) == [
        ("hallazgo", 1, "Integración de expedientes", "Revisar las metas contra los contratos.", dt.date(2023, 10, 31)),
        ("hallazgo", 2, "Formalización de criterios", "Emitir los criterios.", dt.date(2025, 5, 31)),
    ]


def test_a_day_far_ahead_of_the_rows_is_no_row_and_a_date_paragraph_after_merged_cells_is_the_date() -> None:
    # dev seed 48 (one cell per paragraph): '30 de Abrll de 2024' (damaged month) after row 1 is
    # its date, not row 30; row 2's finding and activity came as one paragraph, then its date
    text = (
        "No.\n\nHallazgo\n\nActividad comprometida\n\nFecha compromiso\n\n"
        "1\n\nNo se documentan los criterios.\n\nEmitir los criterios.\n\n30 de Abrll de 2024\n\n"
        "2\n\nNo existe un padrón único. • Migrar el padrón al sistema.\n\n30 de Abril de 2024\n\n"
        "3\n\nNo se aplica una encuesta.\n\nImplementar una encuesta.\n\n31 de mayo de 2024\n"
    )
    ext = extract(text)
    assert [(r["numero"], r["fecha_compromiso"]) for r in ext.records] == [
        (1, dt.date(2024, 4, 30)),
        (2, dt.date(2024, 4, 30)),
        (3, dt.date(2024, 5, 31)),
    ]
    # 'Abrll': an 'l' for an 'i', read back and said so (no other month is one such swap away)
    assert ext.records[0]["corrected"] == ["fecha_compromiso:corregido"] and not ext.failures


def test_specks_inside_a_date_cell_are_no_part_of_it() -> None:
    from extractors.convenio_asm.records import read_fecha

    for text, value in (
        ("31 de diciembre de . 2022", dt.date(2022, 12, 31)),
        ("28 de julio' de 2022", dt.date(2022, 7, 28)),
        ("30 de noviembre de “2022", dt.date(2022, 11, 30)),  # dev scan 12
    ):
        got = read_fecha(text)
        assert (got.value, got.precision, got.repairs) == (value, "dia", ())


def test_a_ruling_read_as_a_glyph_and_a_speck_are_no_header_labels() -> None:
    # dev scan 16: 'J' (a 0.24 pt speck) and '|' (the column's ruling) in the recommendations'
    # head made a column of their own and the table lost its rows
    from extractors.convenio_asm.head import header_at
    from papeleo.model import BBox, Line, Word

    head = Line.from_words(
        [
            Word("J", BBox(63.8, 340.5, 64.0, 343.2), 0.17),
            Word("Núm.", BBox(70.4, 344.4, 87.4, 349.9)),
            Word("|", BBox(92.5, 341.0, 93.0, 347.3), 0.7),
            Word("Recomendaciones", BBox(149.1, 344.4, 211.8, 350.2)),
            Word("Actividad", BBox(320.3, 344.4, 351.5, 349.9)),
            Word("comprometida", BBox(354.4, 344.2, 403.1, 351.4)),
            Word("Fecha", BBox(469.3, 344.5, 489.0, 350.0)),
            Word("compromiso", BBox(491.9, 344.3, 534.6, 351.5)),
        ]
    )
    _, labels, tipo = header_at([head], 0)
    assert [r for r, _, _ in labels] == ["numero", "texto", "actividad", "fecha"] and tipo == "recomendacion"


def test_the_evaluation_s_type_and_its_pae_year_from_the_object_clause() -> None:
    from extractors.convenio_asm.agreement import agreement_fields

    got = agreement_fields(
        "PRIMERA. Objeto. ... que se derivan de la Evaluación de Consistencia y Resultados al Programa "
        "presupuestario E036 Salud Materna, correspondiente al PAE 2022."
    )
    assert (got["tipo_evaluacion"], got["pae"]) == ("Evaluación de Consistencia y Resultados", 2022)
    got = agreement_fields("conforme al Programa Anual de Evaluación para el Ejercicio Fiscal 2019.")
    assert (got["tipo_evaluacion"], got["pae"]) == (None, 2019)


def test_rows_written_a_cell_per_paragraph_inside_a_tab_separated_table_are_read() -> None:
    """Dev OCR'd text 73: rows 3 and 9 of a tab-separated table came out a cell per paragraph,
    their numbers alone at the end of the lines of one-line rows; both were lost."""
    text = (
        "Núm.\tHallazgos\tAcción de mejora comprometida\tFecha de cumplimiento\n"
        "1\tNo existe un padrón.\tIntegrar el padrón.\t30 de septiembre de 2025\n"
        "2\tNo se publican los informes.\tPublicar los informes.\t30 de septiembre de 2025\n"
        "3\n\n"
        "Por su parte, se observa que los padrones\nno se encuentran depurados.\n\n"
        "Depurar los padrones de beneficiarios.\n\n"
        "30 de SEPTIEMBRE\nde 2025\n\n"
        "4\tNo hay manuales.\tElaborar los manuales.\t31 de octubre de 2025\n"
        "5\n\n"
        "Los resultados no se difunden.\n\n"
        "Publicar el informe final.\n\n"
        "30 de noviembre de 2025\n"
    )
    got = {r["numero"]: (r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in extract(text).records}
    assert got[3] == (
        "Por su parte, se observa que los padrones no se encuentran depurados.",
        "Depurar los padrones de beneficiarios.",
        dt.date(2025, 9, 30),
    )
    assert got[5] == ("Los resultados no se difunden.", "Publicar el informe final.", dt.date(2025, 11, 30))
    assert sorted(got) == [1, 2, 3, 4, 5]


def test_a_recommendations_header_with_a_letter_misread_still_names_its_kind() -> None:
    """Dev OCR'd text 154: 'Descripción de la recomcndación' was read as a findings' header, and
    the recommendations were folded into the findings of the same numbers."""
    text = (
        "#\tDescripción del hallazgo\tActividad comprometida\tFecha compromiso\n"
        "1\tNo existe un padrón.\tIntegrar el padrón.\t30 de junio de 2025\n\n"
        "b) De las recomendaciones:\n\n"
        "#\tDescripción de la recomcndación\tActividad comprometida\tFecha compromiso\n"
        "1\tSe sugiere publicar los informes.\tPublicar los informes.\t31 de julio de 2025\n"
    )
    got = {(r["tipo"], r["numero"]): r["texto"] for r in extract(text).records}
    assert got == {
        ("hallazgo", 1): "No existe un padrón.",
        ("recomendacion", 1): "Se sugiere publicar los informes.",
    }


def test_na_with_its_slash_lost_is_no_date_and_a_glued_mark_is_a_repaired_space() -> None:
    """Dev scan 36: 'N/A' read 'NA' and "31 de'Agosto de 2018" (a speck on the space) made two
    failures; the second is read back and says so."""
    from extractors.convenio_asm.records import read_fecha

    assert read_fecha("NA") == read_fecha("N/A")
    assert read_fecha("NA").readable and read_fecha("NA").value is None
    got = read_fecha("31 de'Agosto de 2018")
    assert (got.value, got.precision, got.repairs) == (dt.date(2018, 8, 31), "dia", (("de'Agosto", "de Agosto"),))


def test_a_row_whose_number_the_damage_took_after_a_date_row_is_its_own_row():
    """Row 9's number cell emptied by the damage, under row 8's date row (dev OCR'd text 90): its
    cells went to row 8, whose two equal dates hid it. After a finished row's date row, cells
    under an empty number cell are a row of their own, numbered between its neighbours."""
    text = (
        "| N° | Hallazgos | Actividad comprometida |\n|---|---|---|\n"
        "| 8 | No existe un padrón único de | Depurar los padrones de |\n"
        "|  | beneficiarios. | beneficiarios. |\n"
        "| Fecha compromiso: |  | julio 2025 |\n"
        "|  | El subprograma no cuenta con presupuesto asignado. | Realizar las gestiones presupuestales. |\n"
        "| Fecha compromiso: |  | julio 2025 |\n"
        "| 10 | El diagnóstico no cuantifica a la población. | Elaborar el diagnóstico. |\n"
        "| Fecha compromiso: |  | agosto 2025 |\n"
    )
    ext = extract(text)
    got = [(r["numero"], r["texto"], r["actividad_comprometida"]) for r in ext.records]
    assert got == [
        (8, "No existe un padrón único de beneficiarios.", "Depurar los padrones de beneficiarios."),
        (9, "El subprograma no cuenta con presupuesto asignado.", "Realizar las gestiones presupuestales."),
        (10, "El diagnóstico no cuantifica a la población.", "Elaborar el diagnóstico."),
    ]
    assert ext.records[1]["corrected"]  # its number came from its neighbours, and says so


def test_a_periods_start_is_not_the_date_when_its_end_was_printed_damaged() -> None:
    from extractors.convenio_asm.records import read_fecha

    # dev OCR'd text 167: the start, 'Noviembre 2024', came out as the date, unflagged
    got = read_fecha("Noviembre 2024 - Febrero 20Z5")
    assert (got.value, got.precision, got.repairs) == (dt.date(2025, 2, 28), "mes", (("20Z5", "2025"),))
    # an end that cannot be read leaves the cell unread, not read as its start
    assert read_fecha("enero 2020 - abril").value != dt.date(2020, 1, 31)
