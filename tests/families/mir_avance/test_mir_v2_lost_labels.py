"""Heads whose labels a scan damaged or lost, built by hand: the columns are still named, by the
head's geometry where a label survives in part and by the rows' arithmetic where none does.

The layouts mirror what tesseract did to generated MIR scans (dev 18, report block 6517): a
quarter label's upper word boxed taller than its neighbours, an ordinal lost ('Trim.' alone),
a speck read as '+' between two labels, and a 'Meta anual' head read as noise.
"""

from __future__ import annotations

from extractors.mir_avance.v2.body_columns import layout_with_body_columns
from extractors.mir_avance.v2.head_find import find_head
from extractors.mir_avance.v2.head_labels import HeadCell, group_spans
from extractors.mir_avance.v2.head_layout import (
    Column,
    Layout,
    head_to_layout,
    is_head_debris,
    leaves_with_quarters_of_their_block,
)
from extractors.mir_avance.v2.head_twins import layout_with_surer_labels
from extractors.mir_avance.v2.loose import name_loose_columns
from extractors.mir_avance.v2.quarter_lines import line_with_quarters_read, lines_with_doubtful_labels
from extractors.mir_avance.v2.table import UNPLACED_CHECK, UNPLACED_NOTE, RowCells
from papeleo.model import BBox, Word
from papeleo.tables.words import words_to_word_lines

SIZE = 5.0


def word(text: str, x: float, top: float, height: float = SIZE, conf: float = 0.96) -> Word:
    return Word(text, BBox(x, top, x + len(text) * SIZE * 0.5, top + height), confidence=conf)


def kinds(words: list[Word]) -> list[tuple]:
    return [c.kinds for c in head_to_layout(words_to_word_lines(words), SIZE).columns]


def quarter_block(group: str, x0: float, ordinals: list[str]) -> list[Word]:
    """A group label centred over four two-line quarter labels 30 pt apart."""
    out = [word(group, x0 + 45 - len(group) * SIZE * 0.25, 90)]
    for n, ordinal in enumerate(ordinals):
        x = x0 + 30 * n
        if ordinal:
            out.append(word(ordinal, x + 2, 100))
        out.append(word("Trim.", x, 107))
    return out


def test_a_quarter_label_boxed_taller_than_its_neighbours_stays_in_its_groups_block():
    # '1er' boxed 5 pt higher than '2do' beside it: its middle is off the line,
    # its bottom line 'Trim.' is not
    head = [word("Nivel", 20, 104), word("Indicador", 60, 104)]
    head += quarter_block("Meta programada", 150, ["", "2do", "3er", "4to"])
    head.append(word("1er", 152, 95, height=SIZE + 5))
    assert kinds(head)[2:] == [(("prog", 1),), (("prog", 2),), (("prog", 3),), (("prog", 4),)]


def test_a_quarter_label_whose_ordinal_ocr_lost_is_named_by_its_place_in_the_block():
    # the first quarter prints 'Trim.' alone: without its place it names the year's target
    head = [word("Nivel", 20, 104), word("Indicador", 60, 104)]
    head += quarter_block("Meta programada", 150, ["", "2do", "3er", "4to"])
    head += quarter_block("Alcanzado", 280, ["1er", "2do", "3er", ""])
    assert kinds(head)[2:] == [
        (("prog", 1),), (("prog", 2),), (("prog", 3),), (("prog", 4),),
        (("alc", 1),), (("alc", 2),), (("alc", 3),), (("alc", 4),),
    ]  # fmt: skip


def test_a_speck_read_as_a_mark_between_two_quarter_labels_names_no_column():
    head = [word("Nivel", 20, 104), word("Indicador", 60, 104)]
    head += quarter_block("Realizado", 150, ["1er", "2do", "3er", "4to"])
    head.append(word("+", 200, 109, height=1.0, conf=0.64))
    assert kinds(head)[2:] == [(("alc", 1),), (("alc", 2),), (("alc", 3),), (("alc", 4),)]


def test_marks_and_unsure_fragments_are_debris_labels_are_not():
    assert is_head_debris(word("+", 0, 0, conf=0.64))
    assert is_head_debris(word("'o", 0, 0, conf=0.53))
    assert not is_head_debris(word("%", 0, 0, conf=0.6))
    assert not is_head_debris(word("y", 0, 0, conf=0.9))


def test_quarters_are_filled_only_where_the_read_ones_keep_one_step_per_leaf():
    texts = ["Trim.", "2do Trim.", "3er Trim.", "Trim."]
    assert leaves_with_quarters_of_their_block(texts, [[0, 1, 2, 3]]) == [
        "T1 Trim.", "2do Trim.", "3er Trim.", "T4 Trim.",
    ]  # fmt: skip
    # read quarters out of step: nothing to go by
    assert leaves_with_quarters_of_their_block(["Trim.", "3er Trim.", "2do Trim."], [[0, 1, 2]])[0] == "Trim."
    # a leaf that is no quarter label ('Avance') in the block: not a block of quarters
    assert leaves_with_quarters_of_their_block(["Trim.", "2do Trim.", "Avance"], [[0, 1, 2]])[0] == "Trim."
    # the ordinal misread and fused to 'Trim.' (dev scan 34: '1erTrim.' read 'serTrim.' at 0.09)
    texts = ["serTrim.", "2doTrim.", "3erTrim.", "4toTrim."]
    assert leaves_with_quarters_of_their_block(texts, [[0, 1, 2, 3]])[0] == "T1 serTrim."
    # a longer word ending in 'trim.' is no quarter label
    assert leaves_with_quarters_of_their_block(["Cuatrim.", "2do Trim."], [[0, 1]])[0] == "Cuatrim."


META_X = (300.0, 320.0)
BASE_X = (260.0, 280.0)


def row(clave: str, progs: list[str], loose: list[tuple[tuple[float, float], str]]) -> RowCells:
    rc = RowCells(text={"clave": clave})
    rc.numbers = {f"programado_t{q}": p for q, p in enumerate(progs, start=1)}
    rc.loose = [(x0, x1, tok) for (x0, x1), tok in loose]
    rc.checks.append(f"{UNPLACED_CHECK}=conflict")
    rc.notes.append(UNPLACED_NOTE + ", ".join(t for _, t in loose))
    return rc


def test_a_column_whose_head_was_lost_is_the_field_the_rows_arithmetic_names():
    # meta anual = Σ programados on every row (the last one misread: '1,300' for '1,200'); the línea base
    # beside it matches nothing
    rows = [
        row("1", ["10", "20", "30", "40"], [(BASE_X, "90"), (META_X, "100")]),
        row("1.1", ["5", "5", "5", "5"], [(BASE_X, "18"), (META_X, "20")]),
        row("1.1.1", ["1,000", "2,000", "0", "0"], [(BASE_X, "2,500"), (META_X, "3,000")]),
        row("1.1.2", ["300", "300", "300", "300"], [(BASE_X, "1,000"), (META_X, "1,300")]),
    ]
    name_loose_columns(rows, [None] * len(rows), T=2)
    assert [r.numbers.get("meta_anual") for r in rows] == ["100", "20", "3,000", "1,300"]
    # the línea base stays unplaced, and the row still says so
    assert all(f"{UNPLACED_CHECK}=conflict" in r.checks for r in rows)
    assert [r.loose[0][2] for r in rows] == ["90", "18", "2,500", "1,000"]
    assert all(any(n.startswith("meta_anual: '") and "aritmética de 3 filas" in n for n in r.notes) for r in rows)
    assert all(n != UNPLACED_NOTE + "90, 100" for n in rows[0].notes)


def test_a_column_the_arithmetic_backs_on_too_few_rows_stays_unplaced():
    rows = [
        row("1", ["10", "20", "30", "40"], [(META_X, "100")]),
        row("1.1", ["5", "5", "5", "5"], [(META_X, "20")]),
        row("1.1.1", ["1", "2", "3", "4"], [(META_X, "11")]),
    ]
    name_loose_columns(rows, [None] * len(rows), T=2)
    assert all("meta_anual" not in r.numbers for r in rows)
    assert all(f"{UNPLACED_CHECK}=conflict" in r.checks for r in rows)


def test_a_percent_column_is_named_by_alcanzado_over_programado_and_the_commentary():
    rows = []
    for clave, p, a, pct in (("1", "40", "38", "95.0"), ("1.1", "10", "12", "120.0"), ("1.2", "8", "8", "100.0")):
        rc = row(clave, ["1", p], [(META_X, pct)])
        rc.numbers["alcanzado_t2"] = a
        rows.append(rc)
    rows.append(row("1.3", ["1", "4"], [(META_X, "75.0")]))  # no alcanzado: its % is unbacked
    name_loose_columns(rows, [None, None, None, "Se alcanza el 75.0% de la meta"], T=2)
    assert [r.numbers.get("avance_pct") for r in rows] == ["95.0", "120.0", "100.0", "75.0"]
    assert all(f"{UNPLACED_CHECK}=conflict" not in r.checks for r in rows)


def test_a_column_whose_label_ocr_lost_on_one_page_is_taken_from_the_heads_copy_on_another():
    # page 1 lost 'Meta anual' and '% de cumplimiento' outright; page 2's copy of the head has them
    def layout(cols: list[tuple[float, float, tuple]]) -> Layout:
        return Layout(columns=[Column(k, x0, x1, confidence=0.9) for x0, x1, k in cols])

    nivel, prog1, prog2 = (20, 40, (("nivel", None),)), (150, 165, (("prog", 1),)), (180, 195, (("prog", 2),))
    alc2, meta, pct = (210, 225, (("alc", 2),)), (120, 138, (("meta", None),)), (240, 262, (("avance", None),))
    first = layout([nivel, prog1, prog2, alc2])
    second = layout([nivel, meta, prog1, prog2, alc2, pct])
    got = layout_with_surer_labels(first, [first, second], SIZE)
    assert [c.kinds for c in got.columns] == [k for *_, k in (nivel, meta, prog1, prog2, alc2, pct)]
    # a head laid out otherwise (another table) lends nothing
    other = layout([(20, 40, (("nivel", None),)), (60, 90, (("meta", None),)), (300, 320, (("alc", 1),))])
    got = layout_with_surer_labels(layout([nivel, prog1, prog2, alc2]), [other], SIZE)
    assert len(got.columns) == 4


def test_a_label_ocr_left_unnamed_takes_the_columns_the_heads_copy_prints_there():
    # dev scan 66, a table per component under its own copy of the head: one copy read 'x' for
    # 'T3 Prog.' (narrower than the label) and one garbled word over 'T4 Prog.' and 'T4 Alc.';
    # another copy read them all
    def layout(cols: list[tuple[float, float, tuple]]) -> Layout:
        return Layout(columns=[Column(k, x0, x1, confidence=0.9) for x0, x1, k in cols])

    nivel, prog2, alc2 = (20, 40, (("nivel", None),)), (150, 165, (("prog", 2),)), (180, 195, (("alc", 2),))
    prog3, alc3 = (210, 225, (("prog", 3),)), (240, 255, (("alc", 3),))
    prog4, alc4 = (270, 285, (("prog", 4),)), (300, 315, (("alc", 4),))
    damaged = layout([nivel, prog2, alc2, (218, 224, ()), alc3, (276, 310, ())])
    whole = layout([nivel, prog2, alc2, prog3, alc3, prog4, alc4])
    got = layout_with_surer_labels(damaged, [damaged, whole], SIZE)
    assert [c.kinds for c in got.columns] == [k for *_, k in (nivel, prog2, alc2, prog3, alc3, prog4, alc4)]
    # an unnamed column over a named one of this head and a column of the copy stays as it is
    damaged = layout([nivel, prog2, alc2, (205, 250, ()), alc3])
    got = layout_with_surer_labels(damaged, [damaged, whole], SIZE)
    assert [c.x0 for c in got.columns if not c.kinds] == [205]


def body_row(top: float, cells: list[tuple[float, str]]) -> list[Word]:
    return [word(text, x, top) for x, text in cells]


# quarter columns every 30 pt from x=150; the head lost the labels of programado T1 and T4 and
# alcanzado T1 (a shaded band: validation MIR scan 1021)
QX = [150 + 30 * n for n in range(8)]


def lost_head() -> Layout:
    cols = [Column((("meta", None),), 110, 125)]
    for n, kind in ((1, ("prog", 2)), (2, ("prog", 3)), (5, ("alc", 2)), (6, ("alc", 3)), (7, ("alc", 4))):
        cols.append(Column((kind,), QX[n], QX[n] + 15))
    return Layout(columns=cols)


def test_columns_of_numbers_the_head_lost_are_put_back_and_named_by_the_quarters_around_them():
    body = [
        body_row(200 + 12 * r, [(20, "4.4.1"), (112, "100")] + [(x, str(10 + r + n)) for n, x in enumerate(QX)])
        for r in range(4)
    ]
    got = layout_with_body_columns(lost_head(), body)
    assert [c.kinds for c in got.columns] == [
        (("meta", None),),
        (("prog", 1),), (("prog", 2),), (("prog", 3),), (("prog", 4),),
        (("alc", 1),), (("alc", 2),), (("alc", 3),), (("alc", 4),),
    ]  # fmt: skip
    assert all(
        "por su lugar" in c.name for c in got.columns if c not in lost_head().columns and c.x0 in (QX[0], QX[3], QX[4])
    )


def test_a_commentary_whose_lines_start_with_figures_is_no_lost_column():
    # each row's commentary wraps: its first line starts with a figure, the next with words
    head = Layout(
        columns=[
            Column((("prog", 1),), 150, 165),
            Column((("alc", 1),), 180, 195),
            Column((("comentario", None),), 260, 300),
        ]
    )
    body = []
    for r in range(4):
        top = 200 + 24 * r
        body.append(
            body_row(top, [(100, "2"), (120, "3"), (150, "10"), (180, "9"), (212, str(60 + r)), (225, "auditorías")])
        )
        body.append(body_row(top + 8, [(212, "programadas"), (262, "en")]))
    assert len(layout_with_body_columns(head, body).columns) == 3


def test_a_run_of_numbers_off_an_empty_quarters_place_is_a_lost_column_not_that_quarters():
    # dev MIR scan 514: quarter 3 reported, so alcanzado T4 prints nothing; the meta anual's
    # label was lost and its run sits right of 'T4', further than the other columns set their
    # numbers from their labels (centred under them): it is put back unnamed, for the rows'
    # arithmetic to name, and 'T4' keeps no numbers
    cols = [Column(((k, q),), 150 + 27 * n, 157 + 27 * n) for n, (k, q) in enumerate(QUARTERS)]
    xs = [148 + 27 * n for n in range(7)] + [362]  # seven quarters filled, then the meta's run
    body = [body_row(200 + 12 * r, [(x, str(3000 + r + n)) for n, x in enumerate(xs)]) for r in range(4)]
    got = layout_with_body_columns(Layout(columns=cols), body)
    assert [c.kinds for c in got.columns] == [((k, q),) for k, q in QUARTERS] + [()]
    assert got.columns[-1].x0 == 362
    # the same run half a label's width right of it, within half a pitch of where the others
    # sit (numbers set right of a centred label): the quarter's own, no column put back
    xs[-1] = 347
    body = [body_row(200 + 12 * r, [(x, str(3000 + r + n)) for n, x in enumerate(xs)]) for r in range(4)]
    assert len(layout_with_body_columns(Layout(columns=cols), body).columns) == 8


QUARTERS = [(k, q) for k in ("prog", "alc") for q in range(1, 5)]


def test_lost_columns_the_quarters_cannot_count_stay_unnamed():
    # two unnamed columns where one quarter is missing: put back, but named by nothing
    cols = [Column((("prog", 1),), 150, 165), Column((("prog", 3),), 240, 255), Column((("prog", 4),), 270, 285)]
    xs = [150, 180, 210, 240, 270]
    body = [body_row(200 + 12 * r, [(x, str(5 + n)) for n, x in enumerate(xs)]) for r in range(4)]
    got = layout_with_body_columns(Layout(columns=cols), body)
    assert [c.kinds for c in got.columns] == [(("prog", 1),), (), (), (("prog", 3),), (("prog", 4),)]


def test_a_label_ocr_ran_over_two_columns_is_split_where_the_quarters_name_both_parts():
    # 'TAS' read for 'T2 T3' over two runs of numbers (report block 6650-6669 scan 6661)
    xs = [150, 180, 210, 240]
    body = [body_row(200 + 12 * r, [(x, str(105 + n)) for n, x in enumerate(xs)]) for r in range(4)]
    cols = [Column((("prog", 1),), 150, 157), Column((("meta", None),), 178, 215), Column((("prog", 4),), 240, 247)]
    got = layout_with_body_columns(Layout(columns=cols), body)
    assert [c.kinds for c in got.columns] == [(("prog", 1),), (("prog", 2),), (("prog", 3),), (("prog", 4),)]
    # the same wide label where the quarters around it leave one gap, or none: it stays whole
    cols = [Column((("prog", 1),), 150, 157), Column((("meta", None),), 178, 215), Column((("prog", 3),), 240, 247)]
    got = layout_with_body_columns(Layout(columns=cols), body)
    assert [c.kinds for c in got.columns] == [(("prog", 1),), (("meta", None),), (("prog", 3),)]


def lines_of(items: list[tuple[float, float, str]]) -> list[list[Word]]:
    words = []
    for x, top, text in items:
        for token in text.split():
            words.append(word(token, x, top))
            x += len(token) * SIZE * 0.5 + SIZE * 0.3
    return words_to_word_lines(words)


def test_a_line_of_sub_labels_with_a_stray_digit_stays_in_the_head():
    # block d scan 6546: the sub-labels' line carries a speck read '4'; cut there, the table's
    # programados lost their columns
    lines = lines_of(
        [
            (300, 100, "1er Trim. 2do Trim. 3er Trim. 4to Trim."),
            (40, 106, "Nivel Objetivo Nombre del indicador Frecuencia Meta anual"),
            (300, 112, "Prog. Alcanzado Prog. Alcanzado Prog. Alcanzado Prog. Alcanzado 4"),
            (40, 130, "Fin 1.1.1 Contribuir a 100 20 30 25 25 21 33 20 20"),
        ]
    )
    assert find_head(lines, SIZE, 0, "") == (0, 3)


def test_a_note_naming_a_kind_twice_is_no_head_line():
    # dev scan 29: a row's note 'Meta Anual: Sin meta programada' under the head, its code short
    lines = lines_of(
        [
            (40, 100, "Nivel Objetivo Nombre del indicador Frecuencia Meta anual Programado Alcanzado Avance"),
            (40, 108, "5.6 Contribuir a garantizar Meta Anual: Sin meta programada"),
            (40, 116, "Fin finanzas públicas Anual 138.50 150.17 150.17"),
        ]
    )
    assert find_head(lines, SIZE, 0, "") == (0, 1)


def test_a_quarter_label_that_lost_its_second_sub_label_does_not_take_its_neighbours():
    # 'T4' over 'Programado' alone (its 'Real' lost): by the half-way edges it also looks centred
    # over T3's 'Real', which 'T3' sits centred over by the labels' own ends (block d scan 6504,
    # whose head listed T4 before T3)
    def cell_at(text: str, x0: float, x1: float, top: float) -> HeadCell:
        return HeadCell([word(text, x0, top)], x0, x1, top, top + 5, text)

    leaves = [
        cell_at("Programado", 830, 869, 288),
        cell_at("Real", 879, 892, 288),
        cell_at("Programado", 902, 940, 288),
        cell_at("Meta anual", 953, 970, 277),
    ]
    t3, t4 = cell_at("T3", 859, 866, 275), cell_at("T4", 917, 925, 275)
    spans = group_spans([t4, t3], leaves, 5.28)
    assert spans[id(t3)] == {0, 1} and spans[id(t4)] == {2}


def test_a_doubtful_first_quarter_label_goes_back_into_its_line_and_specks_beside_it_do_not():
    line = [word("T2", 787, 275), word("T3", 859, 275), word("T4", 917, 275), word("Meta", 955, 277)]
    doubtful = [word("Tí", 716, 275, conf=0.35), word(".", 700, 276, conf=0.2), word("r", 706, 275, conf=0.3)]
    (got,) = lines_with_doubtful_labels([line], doubtful)
    assert [w.text for w in line_with_quarters_read(got)] == ["T1", "T2", "T3", "T4", "Meta"]


def test_a_copy_of_the_head_that_lost_its_quarter_line_takes_the_quarters_whatever_its_confidence():
    # generated scan 7077, the second component's copy of the head: its 'T1 T2 T3 T4' line lost,
    # 'Meta' under T1 read at 0.96 as the year's target beside 'Meta anual', 'Alc.' with no quarter
    def col(x0: float, kinds: tuple, conf: float) -> Column:
        return Column(kinds, x0, x0 + 14, confidence=conf)

    whole = Layout(
        columns=[col(360, (("meta", None),), 0.96), col(391, (("prog", 1),), 0.64), col(419, (("alc", 1),), 0.33)]
    )
    damaged = Layout(
        columns=[col(362, (("meta", None),), 0.96), col(393, (("meta", None),), 0.96), col(421, (("alc", None),), 0.89)]
    )
    got = layout_with_surer_labels(damaged, [whole, damaged], SIZE)
    assert [c.kinds for c in got.columns] == [(("meta", None),), (("prog", 1),), (("alc", 1),)]
    # a column that names what no other column of its head names keeps its surer reading
    alone = Layout(columns=[col(362, (("linea_base", None),), 0.96), col(393, (("meta", None),), 0.96)])
    got = layout_with_surer_labels(alone, [whole, alone], SIZE)
    assert [c.kinds for c in got.columns][:2] == [(("linea_base", None),), (("meta", None),)]
