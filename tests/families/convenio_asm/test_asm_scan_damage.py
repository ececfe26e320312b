"""ASM tables as tesseract damages them on a scan, built by hand after the dev scans that lost
rows to each damage (extractors/convenio_asm/): a header whose labels are turned and lost their
first letters (dev scan 0), a 'Fecha de Término' label beside the other labels (24), a row's
number read with its finding after the cells right of it (24), a first label garbled (26), the
first row's number above a first rule the header band hid (11), a '1' read as '4' (17). The
expected rows are the ones drawn here."""

from __future__ import annotations

import json

from extractors.convenio_asm.grid import read_rows
from extractors.convenio_asm.head import borders
from extractors.convenio_asm.labels import ACTIVIDAD, FECHA, NUMERO, TEXTO, role_of_fragments
from extractors.convenio_asm.numbering import renumbered
from extractors.convenio_asm.raw_row import CellLine, RawRow
from extractors.convenio_asm.records import flatten, to_record
from papeleo.model import BBox, Line, Word


def word(text: str, x0: float, top: float, h: float = 7.0) -> Word:
    return Word(text, BBox(x0, top, x0 + 5 * len(text), top + h), 0.95)


def turned(text: str, x0: float, bottom: float) -> Word:
    """A word printed turned a quarter: 5 pt wide, its letters' run tall; a label's next line
    of words stands 7 pt to the right (a line spacing of 1.4)."""
    return Word(text, BBox(x0, bottom - 5 * len(text), x0 + 5, bottom), 0.6)


def line(*words: tuple[str, float], top: float) -> Line:
    return Line.from_words([word(t, x, top) for t, x in words])


# a CONEVAL annex's columns: No. | Aspecto | Acciones | Fecha de término, ruled
VRULES = [(x, 150.0, 400.0) for x in (50.0, 80.0, 250.0, 450.0, 550.0)]


def test_turned_labels_that_lost_their_first_letters_name_their_columns() -> None:
    assert role_of_fragments("tible de specto [eN") == TEXTO
    assert role_of_fragments("a cciones mprender") == ACTIVIDAD
    assert role_of_fragments("echa de érmino") == FECHA
    assert role_of_fragments("im. Consc.") == NUMERO
    # a cut first letter's remnant read as a letter of its own: 'ispecto flejora' (dev scan 86)
    assert role_of_fragments("ispecto flejora") == TEXTO
    assert role_of_fragments("esponsable rea") == "area_responsable"
    assert role_of_fragments("vordinadora") == "area_coordinadora"
    # three letters end too many words; prose is no label
    assert role_of_fragments("rea") is None
    assert role_of_fragments("Implementación de un estudio") is None


def test_a_turned_header_read_in_fragments_still_gives_the_table() -> None:
    head = [
        Line.from_words([turned("Consc.", 60, 200)]),
        Line.from_words([turned("specto", 120, 200), turned("tible", 127, 200)]),
        Line.from_words([turned("a", 300, 200), turned("cciones", 307, 200), turned("mprender", 314, 200)]),
        Line.from_words([turned("echa", 480, 200), turned("érmino", 487, 200)]),
    ]
    body = [
        line(("1", 62), top=210.0),
        line(("Elaboración", 90), ("del", 150), ("plan", 170), top=210.0),
        line(("Elaborar", 260), ("un", 305), ("plan.", 320), top=210.0),
        line(("15", 460), ("de", 475), ("diciembre", 490), top=210.0),
        line(("2", 62), top=240.0),
        line(("Conciliación", 90), ("contable", 155), top=240.0),
        line(("Conciliar", 260), ("cifras.", 310), top=240.0),
        line(("30", 460), ("de", 475), ("noviembre", 490), top=240.0),
    ]
    rows = read_rows([(2, head + body, VRULES, [150.0, 205.0, 235.0, 400.0])])
    assert [r.numero for r in rows] == [1, 2]
    assert [" ".join(c.text for c in r.cells[TEXTO]) for r in rows] == ["Elaboración del plan", "Conciliación contable"]
    assert [r.fecha_lines for r in rows] == [["15 de diciembre"], ["30 de noviembre"]]


UPRIGHT_HEAD = [
    line(("Núm", 55), top=165.0),
    line(("Acciones", 260), ("a", 305), ("emprender", 315), top=167.0),
    line(("Fecha", 460), ("de", 490), ("Término", 505), top=169.0),  # beside the other labels
    line(("Resultados", 560), ("Esperados", 620), top=169.0),
    line(("Aspecto", 90), ("Susceptible", 130), ("de", 190), ("Mejora", 205), top=169.0),
]
WIDE_RULES = [(x, 150.0, 400.0) for x in (50.0, 80.0, 250.0, 450.0, 550.0, 700.0)]


def test_a_date_label_beside_the_other_labels_is_a_header_piece_not_a_date_row() -> None:
    body = [line(("1", 62), ("Estudio", 90), top=190.0), line(("enero", 460), ("2021", 490), top=190.0)]
    rows = read_rows([(1, UPRIGHT_HEAD + body, WIDE_RULES, [160.0, 180.0, 205.0])])
    assert [r.numero for r in rows] == [1]
    assert rows[0].fecha_lines == ["enero 2021"]


def test_a_row_number_read_with_its_finding_after_the_cells_right_of_it_opens_its_row() -> None:
    """Dev scan 24: tesseract gave each row's right-hand cells first, then '1 Implementación ...'."""
    row_1 = [
        line(("Medir", 560), ("la", 590), ("percepción", 605), top=187.0),
        line(("enero", 460), ("2021", 490), top=187.0),
        line(("Implementar", 260), ("una", 320), ("encuesta", 340), top=187.0),
        line(("1", 62), ("Implementación", 90), ("de", 165), ("un", 180), ("estudio", 195), top=186.7),
    ]
    row_2 = [
        line(("junio", 460), ("2020", 490), top=209.0),
        line(("Someter", 260), ("el", 305), ("manual.", 320), top=209.0),
        line(("2", 62), ("Elaboración", 90), ("de", 150), ("manuales", 165), top=208.7),
    ]
    rows = read_rows([(1, UPRIGHT_HEAD + row_1 + row_2, WIDE_RULES, [160.0, 180.0, 202.0, 234.0])])
    assert [r.numero for r in rows] == [1, 2]
    assert [r.fecha_lines for r in rows] == [["enero 2021"], ["junio 2020"]]
    assert " ".join(c.text for c in rows[0].cells[ACTIVIDAD]) == "Implementar una encuesta"
    assert " ".join(c.text for c in rows[1].cells[ACTIVIDAD]) == "Someter el manual."


def test_a_garbled_first_label_over_the_row_numbers_is_the_number_column() -> None:
    """Dev scan 26: 'Núm. Consc.' read 'mur. Consc' — no label, but the numbers stand under it."""
    head = [
        line(("mur.", 55), top=178.0),
        line(("Aspecto", 90), ("Susceptible", 130), ("de", 190), ("Mejora", 205), top=183.0),
        line(("Acciones", 260), ("a", 305), ("emprender", 315), top=183.0),
        line(("Fecha", 460), ("de", 490), ("Término", 505), top=183.0),
    ]
    body = [
        line(("1", 62), ("Integración", 90), ("Revisar", 260), ("Marzo", 460), ("2025", 495), top=208.0),
        line(("2", 62), ("Diseño", 90), ("Diseñar", 260), ("Octubre", 460), ("2025", 505), top=243.0),
    ]
    rows = read_rows([(2, head + body, [], [])])
    assert [r.numero for r in rows] == [1, 2]
    assert [r.fecha_lines for r in rows] == [["Marzo 2025"], ["Octubre 2025"]]


def test_the_first_rows_number_above_the_first_rule_is_no_page_number() -> None:
    """Dev scan 11: the first rule the scan kept lay under row 1, whose lone '1' was dropped as the
    page's number, and a point under the row's first line, which went to the header."""
    head = [line(("No.", 69), top=269.0), line(("Hallazgo", 128), top=269.0), line(("Actividades", 305), top=269.0)]
    body = [
        line(("Como", 94), ("resultado", 120), top=290.8),
        line(("1", 74), top=291.1),
        line(("Diseñar", 271), ("un", 310), ("programa", 325), top=291.0),
        line(("deficiencias.", 94), top=302.0),
        line(("2", 74), top=322.0),
        line(("Por", 94), ("su", 115), ("parte.", 130), top=322.0),
        line(("Documentar.", 271), top=322.0),
    ]
    footer = line(("2", 300), top=760.0)
    rules = [(x, 316.0, 700.0) for x in (60.0, 90.0, 266.0, 457.0)]
    rows = read_rows([(2, head + body + [footer], rules, [316.0, 403.0, 454.0])])
    assert [r.numero for r in rows] == [1, 2]
    assert " ".join(c.text for c in rows[0].cells[TEXTO]) == "Como resultado deficiencias."


def _row(tipo: str, n: int) -> RawRow:
    return RawRow(tipo, n, 1)


def test_a_misread_row_number_is_read_back_from_its_neighbours_and_flagged() -> None:
    rows = renumbered([_row("hallazgo", n) for n in (4, 2, 3, 4, 5)] + [_row("recomendacion", n) for n in (1, 8, 3)])
    assert [r.numero for r in rows] == [1, 2, 3, 4, 5, 1, 2, 3]
    assert [r.read_numero for r in rows] == ["4", None, None, None, None, None, "8", None]
    raw = rows[0]
    raw.add(TEXTO, CellLine("No existen mecanismos.", 0, 10))
    raw.fecha_lines = ["28 de febrero de 2018"]
    rec, failure = to_record(raw, {}, {})
    assert failure is None and rec["numero"] == 1
    assert rec["corrected"] == ["numero:corregido"]
    assert "leído '4'" in rec["comentario_extraccion"]
    json.dumps(rec, default=str)


def test_numbers_the_neighbours_do_not_pin_down_stay_as_read() -> None:
    # a row read again after a page break (3, 3) is joined later, not renumbered; a restart
    # (a second table numbered from 1) and a last row are left alone
    rows = renumbered([_row("hallazgo", n) for n in (1, 2, 3, 3, 4, 1, 2, 9)])
    assert [r.numero for r in rows] == [1, 2, 3, 3, 4, 1, 2, 9]
    assert all(r.read_numero is None for r in rows)


def test_a_bullet_as_tesseract_reads_it_starts_a_list_item() -> None:
    cells = [CellLine("+» Someter el manual a autorización.", 0, 200), CellLine("+ Elaborar los diagramas.", 0, 150)]
    assert flatten(cells, 200) == "Someter el manual a autorización.; Elaborar los diagramas."
    assert flatten([CellLine("-— Detectar las necesidades.", 0, 150)], 200) == "Detectar las necesidades."


def test_a_lone_row_the_agreement_counts_takes_its_place_as_its_number() -> None:
    """Dev scan 17: 'una (1) recomendación', whose row's '1' OCR read '4'."""
    (rec,) = renumbered([_row("recomendacion", 4)], {"recomendacion": 1})
    assert (rec.numero, rec.read_numero) == (1, "4")
    # more rows read than stated, or more than one off: no place is certain
    assert [r.numero for r in renumbered([_row("hallazgo", n) for n in (1, 7, 9)], {"hallazgo": 3})] == [1, 7, 9]
    assert [r.numero for r in renumbered([_row("hallazgo", 4)], {"hallazgo": 2})] == [4]


def test_a_mark_in_the_margin_outside_a_ruled_table_is_no_cell() -> None:
    """Dev scan 8: a rúbrica right of the frame read 'O' went into the last column, the date,
    whose '30 de Septiembre de O 2021' then could not be read."""
    from test_asm_ruled_scan import HEAD, HRULES, ROW_1, VRULES

    mark = Line.from_words([Word("O", BBox(571, 100, 580, 130), 0.6)])
    rows = read_rows([(2, [*HEAD, ROW_1[0], mark, *ROW_1[1:]], VRULES, HRULES)])
    assert [r.fecha_lines for r in rows] == [["30 de Noviembre 2025"]]


def test_of_two_readings_of_a_row_the_one_that_filled_more_cells_is_kept() -> None:
    """Dev OCR'd text 49: the column reader read row 2 from its number alone on a line — a piece
    of its text, no activity, no date; the paragraph reader read all of it."""
    from extractors.convenio_asm.textform import union_of_readings

    piece, whole, other = _row("recomendacion", 2), _row("recomendacion", 2), _row("recomendacion", 1)
    piece.add(TEXTO, CellLine("necesario construir indicadores", 0, 100))
    whole.add(TEXTO, CellLine("Es necesario construir indicadores que permitan conocer el impacto.", 0, 100))
    whole.add(ACTIVIDAD, CellLine("Modificar los indicadores.", 0, 100))
    whole.fecha_lines = ["28/02/2019"]
    other.add(TEXTO, CellLine("Se sugiere.", 0, 100))
    got = union_of_readings([other, piece], [whole])
    assert [(r.numero, r is whole) for r in got] == [(1, False), (2, True)]
    # a second reading no fuller keeps the first one's row
    assert union_of_readings([piece], [_row("recomendacion", 2)])[0] is piece


def test_specks_that_are_a_dates_day_or_a_rows_number_are_kept() -> None:
    """Dev ASM scan 50: '1 de' before 'Noviembre' read at 0.03 and a row's '5' at 0.40 — dropped
    as specks, the date read as a month (wrong, unflagged) and row 5 went into row 4."""
    from extractors.convenio_asm import table_parts

    def w(text: str, x0: float, conf: float) -> Word:
        return Word(text, BBox(x0, 100, x0 + 5 * len(text), 108), conf)

    date = [w("físico", 431, 0.8), w("1", 466, 0.03), w("de", 472, 0.03), w("Noviembre", 484, 0.96)]
    assert [x.text for x in table_parts(date)] == ["1", "de"]
    row = [w("5", 79, 0.40), w("Deigual", 99, 0.72), w("manera,", 132, 0.96)]
    assert [x.text for x in table_parts(row)] == ["5"]
    # a speck before a lower-case word, or a letter a word's space before the next, stays dust
    assert table_parts([w("5", 79, 0.40), w("manera,", 99, 0.9)]) == []
    assert table_parts([w("l", 79, 0.40), w("Deigual", 86, 0.9)]) == []
    # a number garbled into letters a column's gap before its finding (dev scan 49: 'dl Como
    # resultado', row 1 lost) is kept: the grid makes it a tentative row its neighbours place
    assert [x.text for x in table_parts([w("dl", 77, 0.47), w("Como", 96, 0.96)])] == ["dl"]


def test_a_lone_de_opening_a_date_cell_is_a_lost_day() -> None:
    from extractors.convenio_asm.records import read_fecha

    assert not read_fecha("de Junio de 2019").readable  # the day dropped (dev ASM scan 31)
    assert read_fecha("Junio de 2019").precision == "mes"


def test_an_upright_label_half_garbled_is_named_by_a_whole_word_it_kept() -> None:
    """Dev scan 47: 'Fecha de cumplimiento' read 'dos e' / 'cumplimiento' — the date column had
    no role and every date of the table was dropped. A finding's line is no label, though its
    words ('resultado', 'evaluación') are labels' too (dev scan 30)."""
    from extractors.convenio_asm.head import _role_of_label

    def label(text: str) -> list[Word]:
        return [word(t, 475 + 40 * k, 153) for k, t in enumerate(text.split())]

    assert _role_of_label(label("dos e cumplimiento"), 3) == FECHA
    assert _role_of_label(label("Derivado del resultado de la evaluación"), 1) is None
    assert role_of_fragments("cumplimiento", whole=True) == FECHA
    assert role_of_fragments("umplimiento", whole=True) is None  # an end is no whole word


def _date_row_table(third_number: str | None, last: int = 4, first: str = "1") -> list[Line]:
    """Findings with a 'Fecha comprometida de cumplimiento:' row under each (no date column)."""
    out = [line(("No.", 70), top=60.0), line(("Hallazgos", 100), top=60.0), line(("Actividad", 300), ("comprometida", 345), top=60.0)]  # fmt: skip
    for k, n in enumerate([first, "2", third_number, str(last)]):
        top = 80.0 + 40 * k
        if n:
            out.append(line((n, 80), top=top))
        out += [
            line(("Hallazgo", 100), (f"h{k + 1}.", 145), top=top),
            line(("Actividad", 300), (f"a{k + 1}.", 350), top=top),
            line(
                ("Fecha", 100),
                ("comprometida:", 130),
                ("31", 200),
                ("de", 212),
                ("julio", 224),
                ("2018", 250),
                top=top + 15,
            ),  # fmt: skip
        ]
    return out


def test_a_row_whose_number_ocr_garbled_or_lost_takes_the_one_its_neighbours_leave() -> None:
    """Dev scans 47 ('4' read 'A') and 4 (row 7's number not read at all, its lines after row 6's
    date row): rows of their own, numbered between their neighbours and flagged."""
    for third in ("A", None):
        rows = renumbered(read_rows([(2, _date_row_table(third), [], [])]))
        assert [r.numero for r in rows] == [1, 2, 3, 4]
        assert [" ".join(c.text for c in r.cells[TEXTO]) for r in rows] == ["Hallazgo h1.", "Hallazgo h2.", "Hallazgo h3.", "Hallazgo h4."]  # fmt: skip
        assert rows[2].read_numero == (third or "")


def test_a_garbled_number_the_neighbours_do_not_pin_down_joins_the_row_above() -> None:
    rows = renumbered(read_rows([(2, _date_row_table("A", last=9), [], [])]))
    assert [r.numero for r in rows] == [1, 2, 9]
    assert " ".join(c.text for c in rows[1].cells[TEXTO]) == "Hallazgo h2. Hallazgo h3."


def test_a_tables_first_number_ocr_garbled_is_1_when_the_next_is_2() -> None:
    """Dev scan 21: row 1's '1' read 'q' under the header; the row was lost."""
    rows = renumbered(read_rows([(2, _date_row_table("3", first="q"), [], [])]))
    assert [(r.numero, r.read_numero) for r in rows] == [(1, "q"), (2, None), (3, None), (4, None)]
    # no row above it is of its table: unplaced, it is left out, not joined to another table's row
    rows = renumbered(read_rows([(2, _date_row_table("3", first="q")[:6], [], [])]))
    assert rows == []


def test_a_row_numbered_like_one_read_further_back_is_kept_apart_not_folded_in() -> None:
    """A row read again right after itself (its number repeated on a new page) is joined; one
    numbered like a row further back (a second table taken for the first's kind, as
    'recomcndación' was, dev OCR'd text 154) is set apart to be reported."""
    from extractors.convenio_asm import _deduplicated

    rows = [_row("hallazgo", n) for n in (1, 2, 2, 3, 1)]
    kept, apart = _deduplicated(rows)
    assert [r.numero for r in kept] == [1, 2, 3] and [r.numero for r in apart] == [1]
    assert apart[0] is rows[4]


def test_a_word_a_space_over_its_border_goes_back_to_its_cell() -> None:
    """Dev text PDF 66 (unruled): 'fotográfica y' ran over the date column's border, and the date
    read 'y S/F' (a failure); the 'y' stands a word's space after 'fotográfica' and a gutter
    before 'S/F'. A cell's only word moved leaves no empty cell behind."""
    from extractors.convenio_asm.grid import _words_back_across

    def w(text: str, x0: float) -> Word:
        return Word(text, BBox(x0, 100, x0 + 5 * len(text), 108), 1.0)

    roles = [NUMERO, TEXTO, ACTIVIDAD, FECHA]
    per_col = {2: [w("evidencia", 300), w("fotográfica", 348)], 3: [w("y", 406), w("S/F", 430)]}
    _words_back_across(per_col, roles)
    assert [x.text for x in per_col[2]] == ["evidencia", "fotográfica", "y"] and [x.text for x in per_col[3]] == ["S/F"]
    alone = {2: [w("fotográfica", 348)], 3: [w("y", 406)]}
    _words_back_across(alone, roles)
    assert list(alone) == [2]
    # a gutter between the cells: each keeps its words; a number cell never takes the text's
    apart = {2: [w("fotográfica", 348)], 3: [w("Marzo", 420), w("2024", 450)]}
    _words_back_across(apart, roles)
    assert [x.text for x in apart[3]] == ["Marzo", "2024"]
    number = {0: [w("1", 80)], 1: [w("Derivado", 87), w("de", 135)]}
    _words_back_across(number, roles)
    assert [x.text for x in number[0]] == ["1"]


def test_a_turned_label_whose_middle_line_ocr_lost_is_still_one_label() -> None:
    """Dev scan 77: 'Aspecto' / 'Susceptible de' / 'Mejora' turned, the middle line lost and the
    others read '¡specto' and 'lejora' (one slip): 11 pt apart, still the text column's label."""
    from extractors.convenio_asm.head import _clusters, _role_of_label

    words = [
        Word("¡specto", BBox(128.0, 206.4, 134.5, 231.8), 0.6),
        Word("lejora", BBox(145.6, 211.8, 152.5, 231.7), 0.6),
        Word("cciones", BBox(326.9, 196.4, 331.0, 230.0), 0.6),
    ]
    clusters = _clusters(words, 5.5)
    assert [[w.text for w in c] for c in clusters] == [["¡specto", "lejora"], ["cciones"]]
    assert _role_of_label(clusters[0], 1) == TEXTO
    assert role_of_fragments("lejora") == "actividad"  # alone, 'mejora' is half of 'acciones de mejora'
    assert role_of_fragments("ejor") is None  # four letters carry no slip


# a convenio's table, ruled in full: N° | hallazgo | acción de mejora | fecha compromiso
CONVENIO_HEAD = [
    line(
        ("N°", 70),
        ("Descripción", 100),
        ("del", 160),
        ("hallazgo", 180),
        ("Acción", 270),
        ("de", 305),
        ("mejora", 320),
        ("Fecha", 460),
        ("compromiso", 490),
        top=89.0,
    ),
]
CONVENIO_RULES = [(x, 85.0, 400.0) for x in (63.0, 92.0, 267.0, 456.0, 549.0)]


def _ruled_rows(body: list[Line], hspans: list[tuple[float, float, float]]) -> list[RawRow]:
    hrules = [y for y, _, _ in hspans]
    return read_rows([(2, CONVENIO_HEAD + body, CONVENIO_RULES, hrules, hspans)])


def test_a_speck_beside_a_row_number_leaves_the_number() -> None:
    """Dev scan 18: row 6's number cell read '6 -' (a speck), and the row joined row 5."""
    body = [
        line(
            ("5", 76),
            ("No", 96),
            ("hay", 110),
            ("encuesta.", 130),
            ("Aplicarla.", 271),
            ("Diciembre", 460),
            ("2024", 510),
            top=105.0,
        ),
        line(
            ("6", 76),
            ("-", 89),
            ("No", 96),
            ("hay", 110),
            ("convenio.", 130),
            ("Suscribirlo.", 271),
            ("Junio", 460),
            ("2024", 495),
            top=130.0,
        ),
    ]
    rows = _ruled_rows(body, [(86.0, 63.0, 549.0), (101.0, 63.0, 549.0), (125.0, 63.0, 549.0), (140.0, 63.0, 549.0)])
    assert [r.numero for r in rows] == [5, 6]
    assert [r.fecha_lines for r in rows] == [["Diciembre 2024"], ["Junio 2024"]]


def test_a_ruling_across_the_number_column_starts_a_row_whose_number_ocr_lost() -> None:
    """Dev scan 71: row 6's number was not read; the ruling above it parts it from row 5,
    whose date would otherwise read '30/06/2021 Noviembre 2021'. Its number comes from its
    neighbours and is marked as not read."""
    body = [
        line(("5", 76), ("Sin", 96), ("padrón.", 115), ("Depurarlo.", 271), ("30/06/2021", 460), top=105.0),
        line(("único.", 96), top=114.0),
        line(("Sin", 96), ("manuales.", 115), ("Elaborarlos.", 271), ("Noviembre", 460), ("2021", 510), top=130.0),
        line(("7", 76), ("Sin", 96), ("MIR.", 115), ("Modificarla.", 271), ("Mayo", 460), ("2021", 490), top=150.0),
    ]
    spans = [(86.0, 63.0, 549.0), (101.0, 63.0, 549.0), (125.0, 63.0, 549.0), (145.0, 63.0, 549.0)]
    rows = renumbered(_ruled_rows(body, spans))
    assert [r.numero for r in rows] == [5, 6, 7]
    assert [r.fecha_lines for r in rows] == [["30/06/2021"], ["Noviembre 2021"], ["Mayo 2021"]]
    assert rows[1].read_numero == ""


def test_a_ruling_right_of_the_number_column_parts_one_records_activities_not_records() -> None:
    """A number cell spanning several activities' ruled sub-rows (CONEVAL's working document):
    the rulings between the activities start right of the number column, and the activities
    stay one record's."""
    body = [
        line(("1", 76), ("Sin", 96), ("padrón.", 115), ("Depurarlo.", 271), ("Junio", 460), ("2021", 490), top=105.0),
        line(("Publicarlo.", 271), top=130.0),
    ]
    rows = _ruled_rows(body, [(86.0, 63.0, 549.0), (101.0, 63.0, 549.0), (125.0, 267.0, 549.0)])
    assert [r.numero for r in rows] == [1]
    assert [c.text for c in rows[0].cells[ACTIVIDAD]] == ["Depurarlo.", "Publicarlo."]


def test_a_row_number_is_not_moved_above_a_header_that_shares_its_band() -> None:
    """Dev scan 12: the rulings round the recommendations' header were lost, so the header and
    row 1 stood between the same two rulings; row 1's number, read after its first line, was
    moved above the header and the row lost its text."""
    body = [
        line(
            ("Se", 98),
            ("recomienda", 112),
            ("un", 160),
            ("Actualizar", 271),
            ("30", 462),
            ("de", 474),
            ("noviembre", 486),
            top=105.0,
        ),
        line(("1", 79), top=106.0),
        line(("diagnóstico.", 98), ("el", 271), ("diagnóstico.", 285), ("de", 462), ("2022", 474), top=114.0),
    ]
    rows = read_rows(
        [
            (
                2,
                [line(("b)", 66), ("De", 80), ("las", 95), ("recomendaciones:", 112), top=70.0)] + CONVENIO_HEAD + body,
                CONVENIO_RULES,
                [60.0, 125.0],
            )
        ]
    )
    assert [r.numero for r in rows] == [1]
    assert " ".join(c.text for c in rows[0].cells[TEXTO]) == "Se recomienda un diagnóstico."
    assert rows[0].fecha_lines == ["30 de noviembre", "de 2022"]


def test_a_garbled_header_naming_a_ruled_column_twice_does_not_split_it() -> None:
    """OCR read a ruled header as 'p ecomendació compro Je atención' under the real labels (dev
    scan 39): 'Recomendación' twice and a piece of 'comprometida' no role knows inside the
    activity's column. Each ruled column stays whole, cut on its rulings only."""
    labels = [
        (NUMERO, 72.0, 80.0),
        (TEXTO, 110.0, 181.0),
        (TEXTO, 203.0, 248.0),
        (ACTIVIDAD, 312.0, 350.0),
        (None, 364.0, 413.0),
        (FECHA, 465.0, 544.0),
    ]
    assert borders(labels, [], [61.0, 90.0, 267.0, 457.0, 550.0]) == [90.0, 267.0, 267.0, 457.0, 457.0]
    # two roles between the same rulings keep a cut between them: the scan may have lost that ruling
    two = [(TEXTO, 110.0, 181.0), (ACTIVIDAD, 203.0, 248.0)]
    assert 181.0 <= borders(two, [], [90.0, 267.0])[0] <= 203.0


SIMPLE_HEAD = line(("No.", 55), ("Hallazgo", 100), ("Actividad", 260), ("Fecha", 460), top=165.0)
SIMPLE_RULES = [(x, 150.0, 400.0) for x in (50.0, 80.0, 250.0, 450.0, 550.0)]


def test_a_row_number_read_as_letters_in_a_box_one_glyph_wide_still_starts_its_row() -> None:
    """Row 1's '1' read 'subo' in a box 1.9 pt wide (dev scan 0): one narrow glyph, whatever
    OCR made of it, is the row's number cell; its row is numbered by its neighbours, flagged."""
    narrow = Line.from_words([Word("subo", BBox(62.0, 182.0, 63.9, 187.5), 0.3)])
    body = [
        line(("Elaboración", 90), ("del", 150), ("plan", 170), top=180.0),
        line(("Elaborar", 260), ("un", 305), ("plan.", 320), top=180.0),
        line(("15", 460), ("de", 475), ("diciembre", 490), ("2025", 540), top=180.0),
        narrow,  # centred on the row, it sits lower and comes after the row's first lines
        line(("2", 62), top=195.0),
        line(("Conciliación", 90), ("contable", 155), top=195.0),
        line(("Conciliar", 260), ("cifras.", 310), top=195.0),
        line(("30", 460), ("de", 475), ("noviembre", 490), ("2025", 540), top=195.0),
    ]
    rows = renumbered(read_rows([(2, [SIMPLE_HEAD, *body], SIMPLE_RULES, [150.0, 176.0, 192.0, 400.0])]))
    assert [(r.numero, r.read_numero) for r in rows] == [(1, "subo"), (2, None)]
    assert [" ".join(c.text for c in r.cells[TEXTO]) for r in rows] == ["Elaboración del plan", "Conciliación contable"]
    assert [r.fecha_lines for r in rows] == [["15 de diciembre 2025"], ["30 de noviembre 2025"]]


def test_a_last_row_whose_number_was_lost_keeps_its_own_date() -> None:
    """The last row's number lost (dev scan 0): it has a finding, an activity and a date of its
    own under a row that has all three, so it is the next row, not more of the row above (which
    then held two dates and was lost with it)."""
    above, last = _row("hallazgo", 6), _row("hallazgo", 0)
    for r, text in ((above, "Publicación"), (last, "Implementación")):
        r.add(TEXTO, CellLine(text, 90.0, 150.0))
        r.add(ACTIVIDAD, CellLine("Publicar.", 260.0, 300.0))
    above.fecha_lines, last.fecha_lines = ["30 de junio del 2026"], ["31 de octubre del 2025"]
    last.tentative, last.read_numero = True, ""
    rows = renumbered([_row("hallazgo", n) for n in range(1, 6)] + [above, last])
    assert [(r.numero, r.fecha_lines) for r in rows[-2:]] == [
        (6, ["30 de junio del 2026"]),
        (7, ["31 de octubre del 2025"]),
    ]
    # a last piece with no date of its own is more of the row above, as before
    more = _row("hallazgo", 0)
    more.add(TEXTO, CellLine("y sus metas.", 90.0, 150.0))
    more.tentative, more.read_numero = True, ""
    rows = renumbered([_row("hallazgo", n) for n in range(1, 6)] + [above, more])
    assert [r.numero for r in rows] == [1, 2, 3, 4, 5, 6]


def test_of_two_readings_as_full_the_one_that_cut_its_activity_at_a_sentence_is_kept() -> None:
    """Dev OCR'd text 142: a row written on one line, cut by the column reader at the header's x
    ('... con claves de' | 'identificacion homogeneas. Depurar ...') and by the spaced reader where
    the finding's sentence ends."""
    from extractors.convenio_asm.textform import union_of_readings

    cut, whole = _row("hallazgo", 3), _row("hallazgo", 3)
    cut.add(TEXTO, CellLine("No existe un padrón con claves de", 0, 100))
    cut.add(ACTIVIDAD, CellLine("identificación homogéneas. Depurar los padrones.", 100, 200))
    whole.add(TEXTO, CellLine("No existe un padrón con claves de identificación homogéneas.", 0, 100))
    whole.add(ACTIVIDAD, CellLine("Depurar los padrones.", 100, 200))
    cut.fecha_lines = whole.fecha_lines = ["Segundo Trimestre de 2021"]
    assert union_of_readings([cut], [whole])[0] is whole
    # both opening their activity as activities do: the first reading's row stays
    assert union_of_readings([whole], [cut])[0] is whole
