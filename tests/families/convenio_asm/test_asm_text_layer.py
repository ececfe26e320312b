"""What the ASM extractor got wrong on text-layer agreements, rebuilt by hand after the dev text
PDFs of the generator that showed it (seeds named in each test): the word boxes below are the
ones pdfplumber gave there, rounded; expected values are read from the lines drawn here.
"""

from __future__ import annotations

from extractors.convenio_asm.agreement import agreement_fields
from extractors.convenio_asm.grid import GridPage, read_rows
from extractors.convenio_asm.labels import ACTIVIDAD, TEXTO
from extractors.convenio_asm.pagelines import body_text
from helpers import make_document
from papeleo import registry
from papeleo.context import process_context
from papeleo.model import BBox, Line, Word


def words_at(top: float, *spans: tuple[str, float, float]) -> Line:
    """A line of words, each with its own x-range (a text layer's boxes), 8 pt tall."""
    return Line.from_words([Word(t, BBox(x0, top, x1, top + 8.0), 1.0) for t, x0, x1 in spans])


def cell_text(row, role: str) -> str:
    return " ".join(c.text for c in row.cells.get(role, []))


# a horizontally ruled table of one recommendation (dev text PDF 50, page 3): labels centred in
# their columns, the activity column's text starting at 271, the finding's wrapping at 257
REC_HEAD = words_at(
    90.6,
    ("#", 79, 84),
    ("Recomendación", 150, 213),
    ("Acción", 297, 325),
    ("de", 327, 337),
    ("mejora", 339, 366),
    ("comprometida", 368, 424),
    ("Fecha", 458, 482),
    ("comprometida", 484, 541),
)
REC_BODY = [
    words_at(
        106.5,
        ("1", 79, 84),
        ("Se", 99, 109),
        ("recomienda", 111, 154),
        ("integrar", 156, 184),
        ("un", 186, 195),
        ("padrón", 198, 223),
        ("único", 226, 245),
        ("de", 247, 257),
        ("Establecer", 271, 310),
        ("una", 312, 325),
        ("estrategia.", 328, 364),
        ("31/03/2023", 479, 520),
    ),
    words_at(
        116.5,
        ("beneficiarios", 99, 145),
        ("con", 147, 160),
        ("la", 163, 169),
        ("Clave", 171, 192),
        ("Única", 195, 215),
        ("de", 218, 227),
        ("Registro", 229, 260),
        ("Completar", 271, 310),
        ("la", 312, 318),
        ("CURP", 320, 344),
    ),
    words_at(126.5, ("de", 99, 108), ("Población.", 110, 149)),
]
# the clauses after the table, then the signature block: three parties' names in three columns,
# as page 3 of dev text PDF 50 prints them (their boxes as pdfplumber gave them)
AFTER_TABLE = [
    words_at(
        181.9, *[(w, 67 + 40 * k, 103 + 40 * k) for k, w in enumerate("CUARTA. Cumplimiento. Las partes".split())]
    ),
    words_at(
        330.7,
        *[
            (t, x0, x1)
            for t, x0, x1 in (
                ("POR", 96, 113),
                ("“LA", 115, 128),
                ("COORDINADORA”", 131, 197),
                ("POR", 259, 276),
                ("“LA", 278, 291),
                ("CONTRALORÍA”", 294, 353),
                ("POR", 409, 426),
                ("“EL", 428, 441),
                ("SUJETO", 443, 473),
                ("EVALUADO”", 475, 521),
            )
        ],
    ),
    words_at(
        358.9,
        *[
            (t, x0, x1)
            for t, x0, x1 in (
                ("MÁXIMO", 85, 116),
                ("ALBERTO", 118, 154),
                ("LARA", 156, 177),
                ("QUIROZ", 179, 208),
                ("LETICIA", 265, 294),
                ("PEÑA", 296, 317),
                ("OCHOA", 319, 347),
                ("PATRICIA", 411, 446),
                ("MUÑOZ", 448, 476),
                ("GALLEGOS", 478, 520),
            )
        ],
    ),
    words_at(
        368.2,
        *[
            (t, x0, x1)
            for t, x0, x1 in (
                ("DIRECTOR", 89, 129),
                ("DE", 131, 141),
                ("EVALUACIÓN", 143, 192),
                ("DE", 194, 204),
                ("SUBSECRETARIA", 247, 310),
                ("DE", 312, 322),
                ("AUDITORÍA", 325, 365),
                ("SECRETARIA", 421, 469),
                ("DE", 471, 482),
                ("SALUD", 484, 509),
            )
        ],
    ),
    words_at(377.6, ("PROGRAMAS", 122, 171), ("GUBERNAMENTAL", 272, 340)),
]


def test_a_signature_block_under_the_table_does_not_move_a_gutter_into_a_cell() -> None:
    """The gutter between the finding and the activity is looked for in the table's lines only:
    the names signed under the clauses cover the true gutter (257–271) and leave 'padrón' and
    'único' apart, which took 'único de' into the activity (dev text PDF 50)."""
    lines = [REC_HEAD, *REC_BODY, *AFTER_TABLE]
    rows = read_rows([GridPage(3, lines, [], [87.0, 102.0, 174.0])])
    assert len(rows) == 1
    assert cell_text(rows[0], TEXTO) == (
        "Se recomienda integrar un padrón único de beneficiarios con la Clave Única de Registro de Población."
    )
    assert cell_text(rows[0], ACTIVIDAD) == "Establecer una estrategia. Completar la CURP"


# a fully ruled table whose row 5 the page break cut (dev text PDF 89): its last lines open page 2,
# inside page 2's ruled block, over row 6; page 2 repeats no header
FULL_HEAD = words_at(60.0, ("Núm.", 72, 92), ("Hallazgo", 150, 190), ("Acción", 320, 350), ("Fecha", 470, 495))
RULES_X = (68.0, 96.0, 268.0, 454.0, 544.0)


def test_a_ruled_row_cut_by_the_page_break_keeps_its_lines_on_the_next_page() -> None:
    page1 = [
        FULL_HEAD,
        words_at(
            80.0, ("5", 80, 85), ("No", 100, 110), ("hay", 112, 125), ("manuales", 127, 160), ("Elaborar", 280, 310)
        ),
        words_at(90.0, ("que", 100, 112), ("identifiquen", 114, 160), ("el", 162, 170), ("manual.", 280, 310)),
    ]
    page2 = [
        words_at(56.0, ("responsables", 100, 150), ("de", 152, 160), ("las", 162, 172), ("obras.", 174, 200)),
        words_at(80.8, ("6", 80, 85), ("Los", 100, 112), ("reportes", 114, 150), ("Conciliar", 280, 315)),
        words_at(90.2, ("no", 100, 110), ("coinciden.", 112, 150), ("cifras.", 280, 305)),
    ]
    rows = read_rows(
        [
            GridPage(1, page1, [(x, 52.0, 110.0) for x in RULES_X], [52.0, 77.0, 110.0]),
            GridPage(2, page2, [(x, 52.0, 179.0) for x in RULES_X], [52.0, 77.0, 111.0, 179.0]),
        ]
    )
    assert [(r.numero, r.page) for r in rows] == [(5, 1), (6, 2)]
    assert cell_text(rows[0], TEXTO) == "No hay manuales que identifiquen el responsables de las obras."
    assert cell_text(rows[1], TEXTO) == "Los reportes no coinciden."


def test_the_programme_named_across_a_page_break_leaves_the_page_furniture_out() -> None:
    """Page 1's number and page 2's running motto stand inside the object clause when it runs
    over the break (dev text PDFs 8 and 58); they are dropped before the clause is read."""
    motto = "“2020. Año de la Cultura de la Legalidad y la Rendición de Cuentas”"
    page1 = [
        motto,
        "PRIMERA. Objeto. Los compromisos que se derivan de la Evaluación de Diseño al Fondo de",
        "Página 1 de 2",
    ]
    page2 = [
        motto,
        "Aportaciones para los Servicios de Salud (FASSA), correspondiente al PAE 2019.",
        "SEGUNDA. Obligaciones.",
        "Página 2 de 2",
    ]
    text = body_text([[Line.from_text(t) for t in page1], [Line.from_text(t) for t in page2]])
    assert "Página" not in text and "Cultura" not in text
    got = agreement_fields(text)
    assert got["programa_evaluado"] == "Fondo de Aportaciones para los Servicios de Salud (FASSA)"
    assert got["pae"] == 2019


def test_a_working_document_names_its_body_in_the_heading_over_its_programme() -> None:
    """A CONEVAL 'Documento de Trabajo' prints the evaluated body as a capitals heading with a
    colon over 'Nombre del Programa Evaluado:' (dev text PDFs 5, 37, 38; the Campeche 2018 Anexo
    B); the name is given as the cover letter writes it in mixed case."""
    text = (
        "Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública\n"
        "Anexo B\nDocumento de Trabajo\n"
        "SECRETARIADO EJECUTIVO DEL SISTEMA ESTATAL DE SEGURIDAD PÚBLICA:\n"
        "Nombre del Programa Evaluado: Fondo de Aportaciones para la Seguridad Pública (FASP)\n"
    )
    got = agreement_fields(text)
    assert got["sujeto_evaluado"] == "Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública"
    assert got["programa_evaluado"] == "Fondo de Aportaciones para la Seguridad Pública (FASP)"
    # a capitals line with no colon over the programme is no body's name (it may be a title)
    assert agreement_fields("DOCUMENTO DE TRABAJO\nNombre del Programa Evaluado: Fondo X")["sujeto_evaluado"] is None


def test_a_number_label_ocr_read_as_another_sign_still_heads_the_table() -> None:
    """'#' read as '$' (dev OCR'd text 85 lost both its tables to it)."""
    text = (
        "a) De los hallazgos:\n"
        "$ Hallazgos Actividades comprometidas\n"
        "1 Los padrones no están depurados. Integrar el padrón único de beneficiarios.\n"
        "Fecha compromiso: tercer trimestre de 2024\n"
        "2 Los objetivos no están vinculados. Elaborar un plan estratégico.\n"
        "Fecha compromiso: 31 de marzo de 2025\n"
        "CUARTA. Cumplimiento.\n"
    )
    ext = registry.get("convenio_asm.v1").func(make_document(text), process_context())
    got = [(r["numero"], r["texto"], r["actividad_comprometida"], str(r["fecha_compromiso"])) for r in ext.records]
    assert got == [
        (1, "Los padrones no están depurados.", "Integrar el padrón único de beneficiarios.", "2024-09-30"),
        (2, "Los objetivos no están vinculados.", "Elaborar un plan estratégico.", "2025-03-31"),
    ]


def test_the_next_tables_lead_in_ends_the_table_above() -> None:
    """'b) De las recomendaciones:' right under the last finding, its 'b) De' in the number
    column and the rest in the finding's: the findings' table has ended there (dev scan 63 and
    dev OCR'd text 36 gave 'las recomendaciones:' to the last finding)."""
    lines = [
        FULL_HEAD,
        words_at(80.0, ("7", 80, 85), ("Los", 100, 112), ("procesos", 114, 150), ("Documentar", 280, 330)),
        words_at(90.0, ("no", 100, 110), ("documentados.", 112, 170), ("procesos.", 280, 320)),
        words_at(102.0, ("b)", 70, 78), ("De", 81, 92), ("las", 100, 112), ("recomendaciones:", 114, 180)),
    ]
    rows = read_rows([GridPage(1, lines, [], [])])
    assert [(r.numero, cell_text(r, TEXTO)) for r in rows] == [(7, "Los procesos no documentados.")]


def test_a_lead_in_with_a_margin_mark_beside_it_still_ends_the_table() -> None:
    """A rúbrica in the margin read as 'EAN' on the lead-in's line (a generated scan)."""
    lines = [
        FULL_HEAD,
        words_at(80.0, ("7", 80, 85), ("Los", 100, 112), ("procesos", 114, 150), ("Documentar", 280, 330)),
        words_at(90.0, ("no", 100, 110), ("documentados.", 112, 170), ("procesos.", 280, 320)),
        words_at(
            102.0, ("b)", 70, 78), ("De", 81, 92), ("las", 100, 112), ("recomendaciones:", 114, 180), ("EAN", 549, 577)
        ),
    ]
    rows = read_rows([GridPage(1, lines, [], [])])
    assert [(r.numero, cell_text(r, TEXTO)) for r in rows] == [(7, "Los procesos no documentados.")]


def test_signatures_right_under_the_table_are_no_part_of_its_last_row() -> None:
    """The parties' names signed under the table, side by side, a scribble's gap below its last
    row (block 7400 scan 7415 gave 'Licda. Yolanda Palacios Nava' to the last finding and 'Lic.
    Araceli Vivero' to its activity, unflagged): a line of two titled names ends the table."""
    head = words_at(60.0, ("Núm.", 72, 92), ("Hallazgo", 150, 190), ("Actividad", 320, 360), ("Fecha", 470, 495))
    lines = [
        head,
        words_at(80.0, ("2", 80, 85), ("Formalización", 100, 160), ("Instalar", 280, 315), ("un", 317, 327)),
        words_at(90.0, ("interinstitucional", 100, 170), ("comité.", 280, 310)),
        words_at(
            104.0,
            ("Licda.", 105, 128),
            ("Yolanda", 130, 160),
            ("Palacios", 162, 195),
            ("Lic.", 290, 305),
            ("Araceli", 307, 335),
            ("Vivero", 337, 365),
        ),
    ]
    rows = read_rows([GridPage(1, lines, [], [])])
    assert [(r.numero, cell_text(r, TEXTO), cell_text(r, ACTIVIDAD)) for r in rows] == [
        (2, "Formalización interinstitucional", "Instalar un comité.")
    ]
