"""informe_supervision.v1: what scans, covers and audit formats do to a report, on hand-built
pages and text fixtures. Each test names the damage it reads through; the expected values are
the fixture's own text."""

from __future__ import annotations

from extractors.informe_supervision import extract
from extractors.informe_supervision.blocks import is_caption_start
from extractors.informe_supervision.headings import heading_at
from extractors.informe_supervision.lines import Ln, document_lines
from extractors.informe_supervision.sections import _is_subheading
from extractors.informe_supervision.summary import Summary, logical_rows
from helpers import make_document, pages_document, scan_word
from papeleo.context import process_context
from papeleo.model import BBox, Line, Page, Word
from papeleo.tables import Cell, Row, Table


def records_of(doc) -> list[dict]:
    return extract(doc, process_context()).records


def _lines(*texts: str) -> list[Ln]:
    return [Ln(t, 1, None, 1.0) for t in texts]


HEADER = ("ASPECTO A EVALUAR", "OBSERVACIONES", "RECOMENDACIONES", "ESTATUS")
ROLES = {"aspecto": 0, "observacion": 1, "recomendacion": 2, "estatus": 3}


def _row(*texts: str) -> Row:
    return Row(tuple(Cell(t) for t in texts), page=1)


def _summary(*rows: Row) -> Summary:
    """A summary table as a reader that cut its printed rows into lines gives it."""
    return Summary(Table(HEADER, rows), ROLES, frozenset(), ())


def test_audited_entity_read_from_a_cover_whose_title_wraps():
    """The cover prints the title over two lines and the audited body under it; the running
    header repeats the body's name, so the body lines lose it as furniture."""
    entity = "Secretaría de Finanzas Públicas del Estado de Sierra Alta"
    cover = "\n".join(
        ["Auditoría Superior del Estado de Sierra Alta", "INFORME DE RESULTADOS DE LA", "FISCALIZACIÓN", entity]
    )
    cover += "\nCuenta Pública 2020"
    page2 = "\n".join(
        [
            entity,
            "I. Resultados",
            "Resultado 1 con observación",
            "De la revisión a la póliza se identificó que la Entidad Fiscalizada realizó pagos sin documentación.",
            "",
            "Recomendación",
            "Que la Entidad Fiscalizada implemente mecanismos de control.",
            "2",
        ]
    )
    page3 = "\n".join(
        [entity, "Resultado 2 sin observación", "De la revisión se constató que los recursos se registraron.", "3"]
    )
    rows = records_of(make_document("\f".join([cover, page2, page3])))
    [rec] = [r for r in rows if r["seccion"] == "recomendacion"]
    assert rec["destinatario"] == entity


def test_a_signature_without_a_closing_line_is_not_part_of_the_opinion():
    text = "\n".join(
        [
            "VII. DICTAMEN",
            "Opinión con salvedad. La auditoría se practicó sobre la información proporcionada por la Entidad",
            "Fiscalizada; fue planeada y desarrollada de acuerdo con el objeto y alcance establecidos.",
            "Mtro. Julio César Zelaya",
            "Auditor Especial de Cumplimiento Financiero",
        ]
    )
    [row] = records_of(make_document(text))
    assert row["seccion"] == "conclusion"
    assert row["texto"].endswith("de acuerdo con el objeto y alcance establecidos.")


EXTERNAL_AUDIT = "\n".join(
    [
        "INFORME DE AUDITORÍA EXTERNA DE MATRÍCULA",
        "Instituto Tecnológico Superior de Escárcega",
        "A. Objetivo de la auditoría",
        "Verificar la confiabilidad de los datos reportados en los informes matriculares.",
        "C. Resultados",
        "Observaciones",
        "1. Se encontraron un total de 25 expedientes con observaciones menores.",
        "RESUMEN DE HALLAZGOS Y OBSERVACIONES FINALES",
        "| ASPECTO A EVALUAR | OBSERVACIONES | RECOMENDACIONES | ESTATUS |",
        "|---|---|---|---|",
        "| 1. Comprobar el control de archivos | -Se identificaron 25 expedientes con observaciones menores. "
        "| -Actualizar los expedientes físicos. | No satisfactorio |",
        "| 2. Validar la existencia de los alumnos | -Se constató que el total de casos reportados existe. "
        "| Ninguna | Satisfactorio |",
        "D. Conclusiones",
        "En la evaluación realizada se identificó que los mecanismos de control son adecuados.",
    ]
)


def test_a_summary_table_gives_one_finding_per_row_and_its_recommendation():
    rows = records_of(make_document(EXTERNAL_AUDIT))
    hall = [r for r in rows if r["seccion"] == "hallazgo"]
    assert [(r["numero"], r["subseccion"], r["texto"]) for r in hall] == [
        (1, "Observaciones", "Se encontraron un total de 25 expedientes con observaciones menores."),
        (
            1,
            "RESUMEN DE HALLAZGOS Y OBSERVACIONES FINALES",
            "-Se identificaron 25 expedientes con observaciones menores.",
        ),
        (2, "RESUMEN DE HALLAZGOS Y OBSERVACIONES FINALES", "-Se constató que el total de casos reportados existe."),
    ]
    assert [r["tipo_observacion"] for r in hall[1:]] == ["con_observacion", "sin_observacion"]
    [rec] = [r for r in rows if r["seccion"] == "recomendacion"]
    assert (rec["numero"], rec["texto"]) == (1, "-Actualizar los expedientes físicos.")
    assert rec["destinatario"] == "Instituto Tecnológico Superior de Escárcega"
    assert not any("ASPECTO" in r["texto"] or "Satisfactorio" in r["texto"] for r in rows)


def test_a_table_read_line_by_line_is_grouped_into_its_printed_rows():
    """A reader that cut each printed row into its lines: a line with no numbered aspect and no
    status goes on the row above."""
    summary = _summary(
        _row("1. Comprobar el adecuado", "-De acuerdo con el proceso", "Ninguna", "Satisfactorio"),
        _row("control de archivos", "se identificaron 37 expedientes.", "", ""),
        _row(
            "2. Validar la existencia",
            "-Los anaqueles se constataron",
            "-Establecer un respaldo",
            "No satisfactorio",
        ),
        _row("", "con mejor adecuación.", "periódico.", ""),
    )
    groups = logical_rows(summary)
    assert [len(g) for g in groups] == [2, 2]


def test_an_addressee_under_a_whole_heading_is_not_joined_to_it():
    lines = _lines(
        "VII. RECOMENDACIONES A LAS AUTORIDADES", "AL MINISTERIO DE SALUD PÚBLICA Y ASISTENCIA SOCIAL:", "1. Garantizar"
    )
    h = heading_at(lines, 0)
    assert h is not None and h.key == "recomendaciones" and h.lines == 1
    # a heading cut before the end of its name still takes its second line
    h = heading_at(_lines("VII. RECOMENDACIONES A LAS", "AUTORIDADES:", "AL MINISTERIO DE SALUD:"), 0)
    assert h is not None and h.lines == 2


def test_heading_with_a_speck_and_a_comma_for_its_period():
    h = heading_at(_lines("_1V, Hallazgos"), 0)
    assert h is not None and h.key == "hallazgos"


def test_bullets_read_as_plus_and_as_e_under_a_sub_heading():
    text = "\n".join(
        [
            "IV. Hallazgos",
            "Enfermería",
            "e En las entrevistas, las personas refirieron malos tratos.",
            "+ El área se encuentra descuidada, con paredes húmedas.",
            "+ No existe registro de las personas que egresan.",
        ]
    )
    rows = records_of(make_document(text))
    assert [(r["subseccion"], r["texto"]) for r in rows] == [
        ("Enfermería", "En las entrevistas, las personas refirieron malos tratos."),
        ("Enfermería", "El área se encuentra descuidada, con paredes húmedas."),
        ("Enfermería", "No existe registro de las personas que egresan."),
    ]


def test_a_speck_before_a_result_does_not_hide_it():
    text = "\n".join(
        [
            "VI. Resultados",
            "- Resultado 11 con observación",
            "De la revisión a la póliza se constató que el contrato no fue formalizado.",
        ]
    )
    [row] = records_of(make_document(text))
    assert (row["numero"], row["tipo_observacion"]) == (11, "con_observacion")


def _body(top: float, text: str, x0: float = 72.0) -> Line:
    """A body line of a scan: words 5 points a letter, read at 0.95."""
    words, x = [], x0
    for w in text.split():
        words.append(scan_word(w, x, top))
        x += 5 * len(w) + 4
    return Line.from_words(words)


def _scan_page(number: int, lines: list[Line]) -> Page:
    return Page(number=number, lines=tuple(lines), width=612, height=792, text_source="ocr")


def test_running_header_with_ocr_specks_is_furniture_but_a_result_opening_two_pages_is_not():
    header = "ÓRGANO SUPERIOR DE FISCALIZACIÓN DEL ESTADO"
    p1 = _scan_page(
        1,
        [
            _body(40, header),
            _body(100, "De la revisión al contrato se identificó que la Entidad Fiscalizada realizó pagos."),
            _body(700, "Resultado 4 sin observación"),
        ],
    )
    p2 = _scan_page(
        2,
        [
            _body(40, "E E i " + header),
            _body(100, "Resultado 9 sin observación"),
            _body(120, "De la revisión se comprobó que los bienes se entregaron en los plazos pactados."),
        ],
    )
    p3 = _scan_page(3, [_body(42, "MES " + header), _body(100, "En atención a la presente observación.")])
    texts = [ln.text for ln in document_lines(pages_document(p1, p2, p3))]
    assert not any("ÓRGANO" in t for t in texts)
    assert "Resultado 4 sin observación" in texts and "Resultado 9 sin observación" in texts


def test_scan_specks_after_a_line_and_a_bullet_on_a_line_of_its_own():
    lines = [
        _body(100, "Se constató que la capacidad instalada del establecimiento. SE"),
        _body(112, "El área se encuentra descuidada, con paredes húmedas y sin manteni-"),
        Line.from_words([Word("»", BBox(400, 122, 404, 126), 0.91)]),
        _body(126, "miento preventivo."),
    ]
    # the speck after the first line was read with little confidence
    first = lines[0]
    lines[0] = Line.from_words([*first.words[:-1], Word("SE", first.words[-1].bbox, 0.12)])
    texts = [ln.text for ln in document_lines(pages_document(_scan_page(1, lines)))]
    assert texts[0] == "Se constató que la capacidad instalada del establecimiento."
    assert "»" not in texts
    assert texts[-1] == "» miento preventivo."  # the glyph labels the next line, whose lower case joins it up


def test_a_photo_read_as_a_few_letters_is_no_line():
    noise = Line.from_words([Word("AE,", BBox(200, 300, 215, 309), 0.44), Word("IE", BBox(220, 300, 230, 306), 0.27)])
    lines = [
        _body(100, "El área fue remodelada con una donación de la iniciativa privada."),
        noise,
        _body(320, "Personas migrantes en espera de atención."),
    ]
    texts = [ln.text for ln in document_lines(pages_document(_scan_page(1, lines)))]
    assert texts == [
        "El área fue remodelada con una donación de la iniciativa privada.",
        "Personas migrantes en espera de atención.",
    ]


def test_a_numbered_url_at_the_foot_of_a_scan_is_a_note_whatever_its_size():
    lines = [
        _body(100, "IV. HECHOS CONSTATADOS"),
        _body(700, "1 https:/www. elobservadorregional.com/departamentales/autoridades-anuncian-nuevo-protocolo/"),
    ]
    texts = [ln.text for ln in document_lines(pages_document(_scan_page(1, lines)))]
    assert texts == ["IV. HECHOS CONSTATADOS"]


def test_a_visit_date_ocr_damaged_is_read_back_and_said_so():
    text = "\n".join(
        [
            "IV. Hallazgos",
            "Acciones realizadas jueves Z2 de febrero de 2024",
            "• El área se encuentra descuidada, con paredes húmedas.",
            "Seguimiento telefónico del 9 de abril:",
            "• La directora informó que la solicitud continúa en trámite.",
            "Visita de supervisión 21 de septiernbre",
            "• Persisten las condiciones descritas en la visita anterior.",
        ]
    )
    first, second, third = records_of(make_document(text))
    assert str(first["fecha"]) == "2024-02-22" and first["subseccion"] is None
    assert first["corrected"] == ["fecha:corregido"] and "'Z2' as '22'" in first["comentario_extraccion"]
    # a visit printed without its year takes the report's (the last visit's), and says so
    assert str(second["fecha"]) == "2024-04-09"
    assert second["corrected"] == ["fecha:imputado"] and "2024" in second["comentario_extraccion"]
    # a month OCR damaged and no year: both said
    assert str(third["fecha"]) == "2024-09-21" and third["corrected"] == ["fecha:corregido"]
    assert (
        "'septiernbre' as 'septiembre'" in third["comentario_extraccion"]
        and "(2024) taken" in third["comentario_extraccion"]
    )


AUDIT_SUMMARY = "\n".join(
    [
        "INFORME INDIVIDUAL DE AUDITORÍA",
        "Municipio de Ixtlán de los Olivos",
        "V. Resultados",
        "Procedimiento 1.1.1",
        "Resultado 1 con observación",
        "Importe observado $Z7,071,000.00",
        "De la revisión a la póliza se identificó que la Entidad Fiscalizada realizó pagos sin documentación.",
        "",
        "Acción promovida: Pliego de observaciones",
        "Se determina un Pliego de Observaciones por un monto de $27,071,000.00.",
        "",
        "Resultaclo 2 con observación",
        "De la revisión al contrato se constató que no fue formalizado dentro del plazo establecido.",
        "",
        "Recomenclacíon",
        "Que la Entidad Fiscalizada formalice en tiempo los contratos.",
        "",
        "Resultado 3 sin observación",
        "De la revisión se comprobó que los bienes se entregaron en los plazos pactados.",
        "VI. Resumen",
        "Se determinaron 3 resultados, de los cuales {con} corresponden a resultados con observación, mismos que "
        "generaron 1 Recomendación y 1 Pliego de observaciones que representan probables recuperaciones por "
        "${total}.",
    ]
)


def test_audit_amount_and_words_read_through_ocr_and_the_summary_checked():
    rows = records_of(make_document(AUDIT_SUMMARY.format(con=2, total="27,071,000.00")))
    hall = [r for r in rows if r["seccion"] == "hallazgo"]
    assert [(r["numero"], r["tipo_observacion"]) for r in hall] == [
        (1, "con_observacion"),
        (2, "con_observacion"),
        (3, "sin_observacion"),
    ]
    assert hall[0]["importe_observado"] == 27071000.0 and hall[0]["corrected"] == ["importe_observado:corregido"]
    recs = [r for r in rows if r["seccion"] == "recomendacion"]
    assert [(r["subseccion"], r["tipo_accion"]) for r in recs] == [
        ("Resultado 1", "pliego_de_observaciones"),
        ("Resultado 2", "recomendacion"),
    ]
    [summary] = [r for r in rows if r["seccion"] == "conclusion"]
    assert summary["checks"] == ["acciones=ok", "resultados=ok", "con_observacion=ok", "recuperaciones=ok"]


def test_an_audit_summary_that_does_not_add_up_is_a_conflict_on_its_row():
    rows = records_of(make_document(AUDIT_SUMMARY.format(con=3, total="27,081,000.00")))
    [summary] = [r for r in rows if r["seccion"] == "conclusion"]
    assert summary["checks"] == [
        "acciones=conflict",
        "resultados=ok",
        "con_observacion=conflict",
        "recuperaciones=conflict",
    ]
    assert "the summary states 27,081,000.00" in summary["comentario_extraccion"]
    assert summary["corrected"] == []


def test_objectives_heading_read_through_ocr():
    text = "\n".join(
        [
            "III. Objetivos de la supervisión",
            "General:",
            "Verificar la calidad de la obra pública contratada.",
            "Objetivos especfficos",
            "a) Establecer el número de vecinos que reciben atención.",
            "b) Determinar los avances realizados por las autoridades.",
        ]
    )
    rows = records_of(make_document(text))
    assert [(r["seccion"], r["numero"]) for r in rows] == [
        ("objetivo_general", 1),
        ("objetivo_especifico", 1),
        ("objetivo_especifico", 2),
    ]


def test_a_heading_opening_two_of_six_pages_is_no_running_header():
    pages = ["Procedimiento 1.1.1\nResultado 1 sin observación\nDe la revisión se constató que todo se registró."]
    pages += [f"Texto de la página {n} que sigue con la revisión del expediente." for n in range(2, 5)]
    pages.insert(2, "Procedimiento 1.2.1\nResultado 2 sin observación\nDe la revisión se comprobó la entrega.")
    texts = [ln.text for ln in document_lines(make_document("\f".join(pages)))]
    assert "Procedimiento 1.1.1" in texts and "Procedimiento 1.2.1" in texts


def test_an_export_with_one_paragraph_a_line_ends_each_paragraph_at_its_line():
    """Every paragraph on one line: a caption or a sub-heading after a finding is no more of it."""
    items = [f"• Hallazgo número {n} de la visita, con el detalle de lo que se constató en el área." for n in range(6)]
    text = "\n".join(
        [
            "IV. Hallazgos",
            "Visita de supervisión 21 de septiembre de 2022:",
            *items[:3],
            "Condiciones de infraestructura observadas en Dirección del Centro.",
            *items[3:],
        ]
    )
    rows = records_of(make_document(text))
    assert [r["texto"] for r in rows] == [i[2:] for i in items]


def test_scan_list_whose_glyphs_and_numbers_ocr_misplaced():
    """A bullet lost on an indented line (its paragraph is an item, not the list's lead-in, which
    starts at the margin); list numbers and a photo's texture read as lines of their own."""
    lines = [
        _body(80, "IV. Hallazgos"),
        _body(100, "Aulas del Primer Ciclo:"),
        _body(112, "Los estudiantes no cuentan con un mecanismo accesible para presentar quejas.", x0=90),
        _body(124, "8.", x0=78),
        _body(136, "* La refacción escolar no se ha entregado desde hace 4 semanas.", x0=90),
        Line.from_words([Word("E", BBox(200, 150, 205, 159), 0.06), Word("Le", BBox(210, 150, 220, 157), 0.37)]),
        _body(170, "Patio Cívico: :"),
        _body(182, "* El techo de dos aulas presenta láminas dañadas.", x0=90),
    ]
    # the page's body lines set the margin: a few more at 72 points
    lines += [
        _body(300 + 12 * k, f"Texto del párrafo número {k} que ocupa la línea completa del cuerpo.") for k in range(4)
    ]
    rows = records_of(pages_document(_scan_page(1, lines)))
    assert [(r["subseccion"], r["texto"]) for r in rows[:3]] == [
        ("Aulas del Primer Ciclo", "Los estudiantes no cuentan con un mecanismo accesible para presentar quejas."),
        ("Aulas del Primer Ciclo", "La refacción escolar no se ha entregado desde hace 4 semanas."),
        ("Patio Cívico", "El techo de dos aulas presenta láminas dañadas."),
    ]


def test_a_heading_with_a_dash_speck_and_objectives_with_a_stray_colon():
    assert heading_at(_lines("-1I, Resultados de la supervisión"), 0).key == "hallazgos"
    text = "\n".join(
        [
            "III. Objetivos",
            "General:",
            "Verificar la calidad de la obra.",
            "Específicos: :",
            "1. Establecer el número de vecinos.",
        ]
    )
    rows = records_of(make_document(text))
    assert [r["seccion"] for r in rows] == ["objetivo_general", "objetivo_especifico"]


def test_a_numbered_note_citing_a_url_mid_line_is_a_note_whatever_its_size():
    lines = [
        _body(100, "Se sostuvo reunión con el Director para abordar el tema."),
        _body(
            700,
            "1 Procuraduría Nacional de los Derechos Humanos, Investigación de denuncias, 2022. https://www.pndh.gob.gt/doc",
        ),
    ]
    texts = [ln.text for ln in document_lines(pages_document(_scan_page(1, lines)))]
    assert texts == ["Se sostuvo reunión con el Director para abordar el tema."]


def test_a_summary_table_whose_observations_label_ocr_lost():
    """Columns aligned with spaces; the header lost 'OBSERVACIONES': the one unnamed column
    beside the aspect's is the observations'."""
    head = "ASPECTO A EVALUAR" + " " * 60 + "RECOMENDACIONES" + " " * 30 + "ESTATUS"
    row1 = (
        "1. Validar la existencia"
        + " " * 8
        + "-Se constató el total apego a la normativa."
        + " " * 8
        + "Ninguna"
        + " " * 36
        + "Satisfactorio"
    )
    row2 = (
        "2. Comprobar el control  "
        + " " * 7
        + "-Se identificaron 69 expedientes observados."
        + " " * 7
        + "-Actualizar los expedientes."
        + " " * 15
        + "En proceso"
    )
    text = "\n".join(
        [
            "INFORME DE AUDITORÍA EXTERNA AL PADRÓN DE BENEFICIARIOS",
            "Instituto de Vivienda",
            "C. Resultados",
            "Resumen de hallazgos",
            "",
            head,
            row1,
            row2,
            "",
            "D. Conclusiones",
            "Los mecanismos de control son adecuados.",
        ]
    )
    rows = records_of(make_document(text))
    hall = [r for r in rows if r["seccion"] == "hallazgo"]
    assert [(r["numero"], r["texto"]) for r in hall] == [
        (1, "-Se constató el total apego a la normativa."),
        (2, "-Se identificaron 69 expedientes observados."),
    ]
    [rec] = [r for r in rows if r["seccion"] == "recomendacion"]
    assert (rec["numero"], rec["texto"], rec["destinatario"]) == (
        2,
        "-Actualizar los expedientes.",
        "Instituto de Vivienda",
    )


def test_a_plain_line_the_next_word_would_have_fitted_on_ends_its_paragraph():
    """Double-spaced export without bullets: two findings apart although the first ends a
    sentence at a line's end, because 'En' would have fitted on its line."""
    wrapped = "No existe un documento oficial que asigne de forma definitiva las áreas destinadas a la alimen-"
    prose = [  # an earlier section's paragraph, wrapped at ~100 characters like the rest
        "Con fecha 2 de abril de 2024 se recibió una solicitud de intervención relacionada con las condiciones",
        "del Instituto Nacional de Educación Básica, en la que se señalaba la falta de mobiliario, de material",
        "didáctico y de alimentación escolar para los estudiantes inscritos en el presente ciclo escolar, por lo",
        "que se ordenó la visita de verificación que se describe en el presente informe y en sus anexos técnicos.",
    ]
    text = "\n\n".join(
        [
            "II. Antecedentes",
            *prose,
            "IV. Hallazgos",
            "Monitoreo del 16/04/2024:",
            wrapped,
            "tación escolar, por lo que se atiende a los estudiantes en un espacio improvisado.",
            "El mobiliario es insuficiente: se contabilizaron 21 pupitres para los 107 estudiantes.",
            "En las entrevistas, los estudiantes refirieron malos tratos y falta de información sobre los servicios",
            "disponibles.",
        ]
    )
    rows = records_of(make_document(text))
    assert [r["texto"][:24] for r in rows] == [
        "No existe un documento o",
        "El mobiliario es insufic",
        "En las entrevistas, los ",
    ]


def test_an_external_audit_s_findings_are_its_observations_not_what_it_reviewed():
    """Results that describe what was reviewed under sub-headings of their own (a table of
    figures, a comment) before '3.2 Observaciones': only the numbered observations are findings."""
    text = "\n".join(
        [
            "3. RESULTADOS DE LA AUDITORÍA:",
            "3.1 EVOLUCIÓN DEL PADRÓN DE BENEFICIARIOS",
            "Se revisó la información proporcionada sobre el padrón, que asciende a 1546 registros.",
            "Grupo A 788 51.00%",
            "3.2 Observaciones",
            "1. Se encontraron un total de 20 expedientes con observaciones menores.",
            "2. El 98.71% de los expedientes cuentan con la documentación conforme al procedimiento.",
            "Este resultado se basa en el total de expedientes revisados que presentan alguna observación.",
            "4. CONCLUSIONES",
            "Los mecanismos de control permiten el adecuado manejo de los expedientes.",
        ]
    )
    rows = [r for r in records_of(make_document(text)) if r["seccion"] == "hallazgo"]
    assert [(r["numero"], r["subseccion"]) for r in rows] == [(1, "3.2 Observaciones"), (2, "3.2 Observaciones")]


def test_a_summary_table_ocr_wrote_cell_by_cell_is_a_failure_not_findings_nor_a_section():
    text = "\n".join(
        [
            "C. RESULTADOS",
            "Observaciones",
            "1. Se encontraron 102 expedientes observados.",
            "RESUMEN DE HALLAZGOS Y OBSERVACIONES FINALES",
            "ASPECTO A EVALUAR",
            "OBSERVACIONES",
            "RECOMENDACIONES",
            "ESTATUS",
            "1. Comprobar el total de bajas",
            "-Los anaqueles de almacenamiento se constataron con mejor adecuación.",
            "Ninguna",
            "Satisfactorio",
            "D. CONCLUSIONES",
            "Los mecanismos de control permiten el adecuado manejo de los expedientes.",
        ]
    )
    ext = extract(make_document(text), process_context())
    assert [(r["seccion"], r["numero"]) for r in ext.records] == [("hallazgo", 1), ("conclusion", 1)]
    [failure] = ext.failures
    assert failure.error_type == "summary_table_unread" and "read them from the document" in failure.message


def test_audited_entity_under_the_title_not_under_a_running_header_that_prints_the_title():
    """A running header printing the audited body over the report's title: the body is the line
    under the title in the title block, not the issuer printed under the header."""
    header = "Servicios de Salud del Estado de Sierra Alta\nInforme de Resultados de la Fiscalización\n"
    page1 = header + "\n".join(
        [
            "Órgano Superior de Fiscalización del Estado de Sierra Alta",
            "Informe de Resultados de la Fiscalización",
            "Servicios de Salud del Estado de Sierra Alta",
            "I. Resultados",
            "Resultado 1 con observación",
            "De la revisión a la póliza se identificó que la Entidad Fiscalizada realizó pagos sin documentación.",
            "",
            "Recomendación",
            "Que la Entidad Fiscalizada implemente mecanismos de control.",
        ]
    )
    page2 = header + "Resultado 2 sin observación\nDe la revisión se constató que los recursos se registraron."
    [rec] = [r for r in records_of(make_document(page1 + "\f" + page2)) if r["seccion"] == "recomendacion"]
    assert rec["destinatario"] == "Servicios de Salud del Estado de Sierra Alta"


def test_scan_captions_centred_on_one_line_and_words_ocr_set_apart():
    """A centred sentence of one line is a caption though the scan's boxes do not show its
    smaller type; a lower-case word OCR set apart from its line, small and centred, is none."""
    box = BBox(190, 140, 420, 148)
    caption = Ln("Área de Visita Familiar durante la supervisión.", 1, box, 0.96, indent=True, short=True, centred=True)
    assert is_caption_start(caption)
    word = Ln("alimentos", 1, BBox(276, 166, 318, 172), 0.96, indent=True, short=True, small=True, centred=True)
    assert not is_caption_start(word)
    lead_in = Ln("Se documentó lo siguiente:", 1, box, 0.96, indent=True, short=True, centred=True)
    assert not is_caption_start(lead_in)


def test_continuation_lines_ocr_gave_a_glyph_keep_their_paragraph_end():
    """Items without bullets whose wrapped lines OCR read with a '»': each item still ends at its
    short last line."""
    lines = [
        _body(80, "V. CONSIDERACIONES FINALES"),
        _body(100, "La ausencia de registros confiables impide conocer la magnitud real de la situación de las", x0=90),
        _body(112, "» personas migrantes.", x0=90),
        _body(
            124, "Persisten las deficiencias señaladas en supervisiones anteriores, sin que se hayan adoptado", x0=90
        ),
        _body(136, "» medidas correctivas.", x0=90),
    ]
    lines += [
        _body(300 + 12 * k, f"Texto del párrafo número {k} que ocupa la línea completa del cuerpo.") for k in range(4)
    ]
    rows = records_of(pages_document(_scan_page(1, lines)))
    assert [r["texto"] for r in rows if r["seccion"] == "conclusion"][:2] == [
        "La ausencia de registros confiables impide conocer la magnitud real de la situación de las personas migrantes.",
        "Persisten las deficiencias señaladas en supervisiones anteriores, sin que se hayan adoptado medidas correctivas.",
    ]


def test_a_heading_number_after_a_quote_speck():
    assert heading_at(_lines('"VI. Recomendaciones a las autoridades'), 0).key == "recomendaciones"


def test_a_table_whose_cells_are_centred_vertically_keeps_each_entry_with_its_number():
    """Rows read line by line where the aspect's number and the status sit lower than the
    observation's first line (camp_itse_auditoria_matricula_2023.pdf, pages 42-43)."""
    summary = _summary(
        _row("1. Validar la existencia", "-Se pudo constatar conforme a la revisión", "Ninguna", "Satisfactorio"),
        _row("", "- Se pudo constatar el total apego al Plan de", "", ""),
        _row("2. Verificar el apego a", "Estudios conforme a evidencia presentada:", "", ""),
        _row("los Programas y Planes", "• Ingeniería en Industrias Alimentarias", "Ninguna", "Satisfactorio"),
        _row(
            "3. Comprobar el estricto",
            "-De acuerdo con el proceso de verificación",
            "-Actualizar los",
            "Satisfactorio",
        ),
    )
    assert [len(g) for g in logical_rows(summary)] == [1, 3, 1]


def test_split_capitals_of_a_heading_and_a_title_named_in_a_sentence():
    """'D ICTAMEN DE A UDITORÍA': a text layer's larger first letters set apart. A sentence that
    names the report ('entrego a ustedes, Informe de Auditoría Externa de la matrícula del
    Instituto ...') is no title block."""
    assert heading_at(_lines("D ICTAMEN DE A UDITORÍA"), 0).key == "dictamen"
    assert heading_at(_lines("A LA DIRECCIÓN EJECUTIVA"), 0) is None
    text = "\n".join(
        [
            "lo cual entrego a ustedes, Informe de Auditoría Externa de la matrícula del Instituto Tecnológico",
            "Superior de Escárcega.",
            "INFORME DE AUDITORÍA EXTERNA DE MATRÍCULA",
            "INSTITUTO TECNOLÓGICO SUPERIOR DE ESCÁRCEGA Página 2 de 45",
        ]
    )
    from extractors.informe_supervision import audited_entity

    assert audited_entity(make_document(text), []) == "Instituto Tecnológico Superior de Escárcega"


def test_a_header_label_broken_over_two_lines_is_the_header_not_a_sub_heading():
    from extractors.informe_supervision.summary import header_start

    lines = _lines("ASPECTO A", "OBSERVACIONES RECOMENDACIONES ESTATUS", "EVALUAR")
    assert header_start(lines, 0) == 0
    # a sub-heading naming the table's words over its header is none of it
    assert header_start(_lines("Resumen de hallazgos", "ASPECTO A EVALUAR OBSERVACIONES ESTATUS"), 0) is None


def test_a_summary_table_written_one_cell_per_paragraph_and_continued_on_the_next_page():
    head = ["ASPECTO A EVALUAR", "", "OBSERVACIONES", "", "RECOMENDACIONES", "", "ESTATUS", ""]
    text = "\n".join(
        [
            "INFORME DE AUDITORÍA EXTERNA DE NÓMINA",
            "Comisión Estatal del Agua",
            "B. Alcance",
            *[
                f"La revisión comprendió los expedientes del periodo, línea {n} del párrafo que sigue."
                for n in range(12)
            ],
            "C. Resultados",
            "Resumen de hallazgos y observaciones finales",
            "",
            *head,
            "1. Verificar el apego a la",
            "normativa aplicable",
            "",
            "-Se identificaron 98 expedientes con",
            "observaciones menores.",
            "",
            "-Actualizar los expedientes.",
            "",
            "No satisfactorio",
            "\f",
            *head,
            "2. Comprobar el control",
            "",
            "-Se pudo constatar el total apego a la",
            "",
            "normativa conforme a la evidencia.",
            "",
            "Ninguna",
            "",
            "Satisfactorio",
            "",
            "D. Conclusiones",
            "Los mecanismos de control son adecuados.",
        ]
    )
    ext = extract(make_document(text), process_context())
    rows = [(r["seccion"], r["numero"], r["texto"]) for r in ext.records if r["seccion"] != "conclusion"]
    assert rows == [
        ("hallazgo", 1, "-Se identificaron 98 expedientes con observaciones menores."),
        ("recomendacion", 1, "-Actualizar los expedientes."),
        ("hallazgo", 2, "-Se pudo constatar el total apego a la normativa conforme a la evidencia."),
    ]
    assert ext.failures == []


def test_a_long_section_name_set_apart_on_short_lines_is_a_heading():
    lines = [
        Ln("Conclusiones derivadas de la verificación realizada por", 1, None, 1.0, short=True, gap=True),
        Ln("el personal de la institución", 1, None, 1.0, short=True),
    ]
    h = heading_at(lines, 0)
    assert h is not None and h.key == "conclusiones" and h.lines == 2
    # the same words opening a paragraph's sentence are none
    assert (
        heading_at([Ln("Conclusiones derivadas de la verificación realizada por", 1, None, 1.0, gap=True)], 0) is None
    )


def test_a_sub_heading_after_a_full_width_last_line_is_told_by_the_gap_above_it():
    lines = [
        Ln("Los vecinos no cuentan con un mecanismo accesible para presentar quejas o denuncias.", 1, None, 1.0),
        Ln("Tramo 2+300 a 2+800:", 1, None, 1.0, short=True, gap=True),
        Ln("Al momento de la supervisión no se contaba con un plan de contingencia.", 1, None, 1.0),
    ]
    assert _is_subheading(lines, 1)
    lines[1].gap = False  # the same line going on from the one above is no sub-heading
    assert not _is_subheading(lines, 1)


def test_a_letter_and_a_period_before_a_capital_labels_an_item():
    """'a. El material ...' (a list by letters, or a '3.' OCR read as 'a.'): the line above it is
    no line going on into it."""
    from extractors.informe_supervision.blocks import read_label

    assert read_label(Ln("a. El material almacenado no coincide.", 1, None, 1.0))[:2] == ("letter", 1)
    assert read_label(Ln("a. la obra", 1, None, 1.0))[0] is None
    lines = _lines(
        "2. El Director indicó que no se ha tomado una decisión.", "Tramo 2+300 a 2+800:", "a. El material no coincide."
    )
    lines[0].short = True
    assert _is_subheading(lines, 1)
