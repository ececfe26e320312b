"""A table continued on the next page is one table: repeated header dropped, running
header and page number between the parts ignored, a row cut by the page break joined."""

from __future__ import annotations

from table_pdfs import A4_H, FONT, Authored, TableDrawer

from papeleo.readers import read_document
from papeleo.tables import pages_to_tables, text_to_tables

RUNNING = "Auditoría Superior del Estado de Valle Verde - Informe de Resultados 2023"

FINDINGS = Authored(
    header=["No.", "Resultado", "Acción", "Monto observado"],
    rows=[
        [
            "1",
            "La entidad no acreditó la entrega de uniformes escolares a 312 alumnos.",
            "Pliego de observaciones",
            "1,250,000.00",
        ],
        [
            "2",
            "Se pagaron estimaciones de obra sin la bitácora correspondiente.",
            "Pliego de observaciones",
            "845,320.50",
        ],
        [
            "3",
            "El padrón de beneficiarios del programa de becas incluye a 48 personas que no cumplían los "
            "requisitos de elegibilidad establecidos en las reglas de operación vigentes durante el ejercicio "
            "fiscal revisado por la auditoría.",
            "Recomendación",
            "96,000.00",
        ],
        ["4", "No se publicaron los informes trimestrales en el portal de transparencia.", "Recomendación", "0.00"],
        [
            "5",
            "Los contratos de arrendamiento carecen de dictamen de justipreciación.",
            "Solicitud de aclaración",
            "410,000.00",
        ],
    ],
    widths=[35, 230, 120, 95],
    style="grid",
)
CUT_ROW = 2  # the third row starts on page 1 and ends on page 2
LINES_ON_FIRST_PAGE = 2

ACTIONS = Authored(
    header=["Clave", "Recomendación", "Plazo"],
    rows=[
        ["R-01", "Actualizar el padrón de beneficiarios.", "30 días"],
        ["R-02", "Publicar los informes trimestrales.", "15 días"],
    ],
    widths=[60, 300, 80],
    style="grid",
)


def running_header_and_number(d: TableDrawer, page: int, total: int) -> None:
    d.text_line(d.left, 36, RUNNING, FONT, 8)
    d.text_line(280, A4_H - 40, f"Página {page} de {total}", FONT, 8)


def draw_two_page_report(new_pdf, authored: Authored, repeat_header: bool):
    c, d, path = new_pdf("informe.pdf")
    running_header_and_number(d, 1, 2)
    y = d.paragraph("II. Resultados de la auditoría al ejercicio 2023.", 70)
    y = d.header(authored, y + 420)  # push the table down so its rows must break
    for texts in authored.rows[:CUT_ROW]:
        y = d.row(authored, d.wrapped(authored, texts), y)
    cut = d.wrapped(authored, authored.rows[CUT_ROW])
    d.row(authored, [cell[:LINES_ON_FIRST_PAGE] for cell in cut], y)
    c.showPage()
    running_header_and_number(d, 2, 2)
    y = 70.0
    if repeat_header:
        y = d.header(authored, y)
    rest = [cell[LINES_ON_FIRST_PAGE:] for cell in cut]
    assert rest[0] == [] and any(rest[1:]), "the cut row must go on in some cells and not in the first"
    y = d.row(authored, rest, y)
    for texts in authored.rows[CUT_ROW + 1 :]:
        y = d.row(authored, d.wrapped(authored, texts), y)
    y = d.paragraph("III. Recomendaciones.", y + 30)
    d.table(ACTIONS, y + 12)
    c.save()
    result = read_document(path)
    assert result.failures == []
    return result.document


def test_table_continued_under_a_repeated_header_is_one_table(new_pdf) -> None:
    doc = draw_two_page_report(new_pdf, FINDINGS, repeat_header=True)

    tables = pages_to_tables(doc.pages)

    assert len(tables) == 2
    findings, actions = tables
    assert list(findings.columns) == FINDINGS.header
    assert findings.to_rows() == FINDINGS.expected_rows()
    assert [r.page for r in findings.rows] == [1, 1, 1, 2, 2]
    assert findings.pages == (1, 2)
    assert actions.to_rows() == ACTIONS.expected_rows()
    assert actions.pages == (2,)


def test_table_continued_without_its_header_is_joined_by_its_columns(new_pdf) -> None:
    doc = draw_two_page_report(new_pdf, FINDINGS, repeat_header=False)

    tables = pages_to_tables(doc.pages)

    assert tables[0].to_rows(page_key="pagina") == [
        {**row, "pagina": 1 if i <= CUT_ROW else 2} for i, row in enumerate(FINDINGS.expected_rows())
    ]


def test_running_header_between_markdown_tables_does_not_split_them() -> None:
    text = "\n".join(
        [
            RUNNING,
            "a) De los hallazgos:",
            "| No. | Hallazgo | Fecha compromiso |",
            "|--|---|--|",
            "| 1 | El Fondo no cuenta con un diagnóstico. | Agosto 2024 |",
            "| 2 | Los indicadores no miden la oportunidad. | 30 de junio de 2024 |",
            "",
            "Página 1 de 2",
            "\f" + RUNNING,
            "",
            "| No. | Hallazgo | Fecha compromiso |",
            "|--|---|--|",
            "| 3 | No se documentan los criterios. | Septiembre 2024 |",
            "",
            "b) De las recomendaciones:",
            "| No. | Hallazgo | Fecha compromiso |",
            "|--|---|--|",
            "| 1 | Difundir los resultados. | Mayo 2024 |",
        ]
    )

    tables = text_to_tables(text, page=1)

    assert [[r["No."] for r in t.to_rows()] for t in tables] == [["1", "2", "3"], ["1"]]
    assert [r.page for r in tables[0].rows] == [1, 1, 2]


def test_two_tables_with_the_same_header_under_their_own_captions_stay_two(new_pdf) -> None:
    """Only running lines may stand between the parts of one table: 'Cuadro 4' over the
    second table differs from 'Cuadro 3' by a digit, and it is not repeated on page 1."""
    c, d, path = new_pdf("cuadros.pdf")
    parts = (
        ("Cuadro 3. Resultados 2022", 600.0, FINDINGS.rows[:2]),
        ("Cuadro 4. Resultados 2023", 70.0, FINDINGS.rows[3:]),
    )
    for number, (caption, top, rows) in enumerate(parts, start=1):
        running_header_and_number(d, number, 2)
        y = d.paragraph(caption, top)
        d.table(FINDINGS, y + 8, rows=rows)
        c.showPage()
    c.save()
    doc = read_document(path).document

    tables = pages_to_tables(doc.pages)

    assert [[r["No."] for r in t.to_rows()] for t in tables] == [["1", "2"], ["4", "5"]]
