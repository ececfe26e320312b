"""A CONEVAL "Documento institucional" scanned with its labels turned a quarter, as tesseract
returns it: labels it kept only the ends of among junk it read across the turned head, labels
it lost whole, and a first row it lost under the head. Built by hand after generated ASM scans
7805 and 7526; the expected rows are the ones drawn here."""

from __future__ import annotations

from extractors.convenio_asm.grid import read_rows
from extractors.convenio_asm.head import _role_of_label
from helpers import scan_word as word
from papeleo.model import BBox, Line, Word


def turned(text: str, x0: float, bottom: float) -> Word:
    """A word printed turned upwards: narrow and tall."""
    return Word(text, BBox(x0, bottom - 5 * len(text), x0 + 6, bottom), 0.9)


def test_a_turned_label_among_junk_read_across_is_named_by_its_turned_ends() -> None:
    # 7805: 'Aspecto susceptible de mejora' kept as 'pecto', with '=' and '223' from the junk
    # lines tesseract read across the whole head
    cluster = [turned("pecto", 128, 228), word("=", 131, 196), word("223", 130, 219)]
    assert _role_of_label(cluster, 1) == "texto"
    cluster = [turned("sponsable", 435, 227), word("Mo]", 430, 196), word("53", 433, 219)]
    assert _role_of_label(cluster, 4) == "area_responsable"
    # junk alone names nothing
    assert _role_of_label([word("CES", 326, 196), word("38", 330, 219)], 3) is None


# 7526: the turned head kept six labels and lost both 'Área' ones; OCR lost row 1's lines, so
# row 2 comes after a gap under the head; cells are lines of their own, rows close together
HEAD = [
    Line.from_words([turned("Núm.", 61, 225), turned("Consc.", 61, 190)]),
    Line.from_words([turned("Aspecto", 129, 225), turned("Mejora", 144, 225)]),
    Line.from_words([turned("Acciones", 326, 225), turned("emprender", 334, 225)]),
    Line.from_words([turned("Fecha", 503, 225), turned("Término", 503, 195)]),
    Line.from_words([turned("Resultados", 576, 225), turned("Esperados", 584, 225)]),
    Line.from_words([turned("Productos", 680, 225), turned("evidencias", 688, 225)]),
]


def cell(text: str, x0: float, top: float) -> Line:
    """A cell's line in the body's small type: 3 points a letter, a space of 2."""
    words = []
    for w in text.split():
        words.append(Word(w, BBox(x0, top, x0 + 3 * len(w), top + 6), 0.95))
        x0 += 3 * len(w) + 2
    return Line.from_words(words)


def row(n: str, top: float, cells: list[tuple[str, float]]) -> list[Line]:
    return [cell(n, 62, top), *(cell(text, x, top) for text, x in cells)]


BODY = row(
    "2",
    262.0,
    [
        ("Publicación de resultados", 82),
        ("Subdirección de", 214),
        ("Implementar un plan", 279),
        ("Dirección Administrativa", 399),
        ("Primer Semestre", 482),
        ("Transparencia", 539),
        ("Captura", 633),
    ],
) + row(
    "3",
    282.0,
    [
        ("Validación de la", 82),
        ("Dirección General", 212),
        ("Establecer una", 279),
        ("Departamento de", 408),
        ("Segundo Semestre", 484),
        ("Contar con", 539),
        ("Diagnóstico", 633),
    ],
)


def test_columns_a_turned_head_lost_are_found_in_the_body_and_named_by_the_form() -> None:
    rows = read_rows([(2, HEAD + BODY, [], [])])
    assert [r.numero for r in rows] == [2, 3]
    first = rows[0]
    cell = {role: " ".join(c.text for c in lines) for role, lines in first.cells.items()}
    assert cell["area_coordinadora"] == "Subdirección de"
    assert cell["area_responsable"] == "Dirección Administrativa"
    assert cell["actividad"] == "Implementar un plan"
    assert first.fecha_lines == ["Primer Semestre"]
    assert " ".join(c.text for c in rows[1].cells["area_responsable"]) == "Departamento de"


def test_an_upright_head_whose_finding_label_ocr_misspelt_is_read_label_by_label() -> None:
    # 7520 (documento de trabajo, heavy scan): 'Susceptibies' for 'Susceptibles', no stem finds
    # the finding's label in the line, but its other labels name four more columns
    from extractors.convenio_asm.head import header_at

    head = [
        cell("Resultados Esperados", 551, 180.0),
        cell("Productos y/o Evidencias", 650, 180.0),
        cell("Fecha de Termino", 469, 180.0),
        cell("Área Responsable", 393, 180.0),
        cell("Actividades", 297, 180.0),
        cell("Aspectos Susceptibies de Mejora", 108, 180.0),
    ]
    body = [
        cell("1 Implementación de controles", 65, 200.0),
        cell("Implementar una base", 252, 200.0),
        cell("2 Formalización de los criterios", 65, 233.0),
        cell("Documentar los criterios", 252, 233.0),
    ]
    got = header_at(head + body, 0)
    assert got is not None
    assert [r for r, _, _ in got[1]] == [
        "numero", "texto", "actividad", "area_responsable", "fecha", "resultados", "evidencias",
    ]  # fmt: skip


def test_a_line_of_text_over_a_turned_head_is_no_label() -> None:
    # generated 8322: 'Nombre del programa: Fondo de Aportaciones ...' runs over the turned
    # labels' tops; its words with 'ispecto' and 'fejora' are a line of text, not a label
    cluster = [
        word("Nombre", 48, 145),
        word("programa:", 100, 145),
        word("Aportaciones", 200, 145),
        turned("ispecto", 129, 222),
        turned("fejora", 144, 222),
    ]
    assert _role_of_label(cluster, 0) is None


def test_a_column_whose_turned_label_ocr_garbled_is_named_by_the_form() -> None:
    # dev ASM scan 8529: the date column's turned label read as junk ('Zz'), every other label
    # kept; the column is found (its cells sit apart), and only the form's order names it, so
    # its dates are read instead of rows left undated
    from extractors.convenio_asm.coneval_columns import with_lost_columns

    labels = [
        ("numero", 61.0, 67.0),
        ("texto", 129.0, 150.0),
        ("area_coordinadora", 214.0, 245.0),
        ("actividad", 326.0, 340.0),
        ("area_responsable", 435.0, 442.0),
        (None, 496.0, 510.0),
        ("resultados", 576.0, 590.0),
        ("evidencias", 680.0, 694.0),
    ]
    got = with_lost_columns(labels, BODY)
    assert [r for r, _, _ in got] == [
        "numero", "texto", "area_coordinadora", "actividad", "area_responsable", "fecha", "resultados", "evidencias",
    ]  # fmt: skip
    # an agreement's table (no CONEVAL column named) keeps its unnamed column unnamed
    plain = [("numero", 61.0, 67.0), ("texto", 129.0, 150.0), (None, 300.0, 340.0), ("fecha", 496.0, 510.0)]
    assert with_lost_columns(plain, BODY) == plain
