"""dictamen_puntajes.v1 putting back what OCR took from a score table: labels lost over score,
post and goal columns, a dash speck beside a score, a digit lost from a score, and a tilt the
page's two long lines show.

Every table here is written by hand; the finals follow the weighting the prose states
(individual goals 40%, collective goals 30%, competencies 30%), computed by hand to three
decimals, so each expected value is read from the text the test builds.
"""

from __future__ import annotations

from extractors.dictamen_puntajes import extract
from extractors.dictamen_puntajes.geo_columns import fill_lost_column
from extractors.dictamen_puntajes.geo_lines import VLine
from extractors.dictamen_puntajes.header import Layout
from extractors.dictamen_puntajes.rows import from_cells
from helpers import make_document, make_page, pages_document, scan_line
from papeleo.context import process_context
from papeleo.model import Page

PROSE = (
    "ACUERDO POR EL QUE SE APRUEBAN LOS DICTÁMENES CORRESPONDIENTES AL PERIODO SEPTIEMBRE 2018 A AGOSTO 2019.\n"
    "La calificación final se obtiene de la suma ponderada de los factores: Metas individuales 40%, "
    "Metas colectivas 30%, Competencias 30%.\n"
    "Las calificaciones quedaron de la siguiente manera:\n"
)
# name, post, individual, collective, competencies, final (0.4 i + 0.3 c + 0.3 p, to 3 decimals)
PEOPLE = (
    ("Quintero Nájera Alondra", "Coordinadora de Capacitación Electoral", "9,375", "8,750", "9,219", "9,141"),
    ("Ibarra Domínguez Carlos Ramiro", "Técnico de lo Contencioso Electoral", "8,750", "10,000", "9,819", "9,446"),
    ("Salazar Montiel Delfino", "Coordinador de Educación Cívica", "10,000", "9,583", "8,634", "9,465"),
    ("Torres Mora María", "Técnica de Oficialía Electoral", "7,500", "8,333", "9,104", "8,231"),
    ("Aguirre Pacheco Crispín", "Jefe de Departamento de Estadística", "6,667", "9,167", "8,451", "7,952"),
)
SCORES = ("metas_individuales", "metas_colectivas", "competencias", "calificacion_final")


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def _rows(records: list[dict]) -> dict[str, tuple]:
    return {r["nombre"]: tuple(r[k] for k in SCORES) for r in records}


def _expected() -> dict[str, tuple]:
    return {p[0]: tuple(_num(v) for v in p[2:]) for p in PEOPLE}


def run(text: str):
    return extract(make_document(text), process_context())


def tab_table(header: str, order: str = "n c i co p f", tail: str = "") -> str:
    """PEOPLE as a tab-separated table under ``header``, each row's cells in ``order`` (n name,
    c post, s the state, i / co individual / collective goals, p competencies, f final), ``tail``
    after."""
    keys = order.split()
    rows = ({**dict(zip(("n", "c", "i", "co", "p", "f"), person)), "s": "Valle Verde"} for person in PEOPLE)
    return header + "\n" + "".join("\t".join([*(r[k] for k in keys), *([tail] if tail else [])]) + "\n" for r in rows)


def test_two_score_labels_ocr_lost_in_a_table_are_named_by_the_stated_weighting():
    # ruled scan 8910 of samples/gen: 'Competencias laborales' and 'Calificación final' read
    # 'abolales' and 'Qda E erica'; of the two ways to name those columns, only competencies
    # then final makes every row add up to the stated 40/30/30
    table = tab_table("Nombre\tCargo\tMetas individuales\tMetas colectivas\tabolales\tQda E erica\tNivel", tail="Alto")
    out = run(PROSE + table)
    assert _rows(out.records) == _expected()
    assert all(r["checks"][:1] == ["ponderacion=ok"] for r in out.records)


def test_a_post_column_whose_label_ocr_lost_is_read_as_the_post():
    # ruled scan 8923: 'Puesto' read 'llo 9' over a first column of posts; unnamed, its cells
    # were read as the start of the name ('Cívica Salazar Montiel Delfino')
    header = (
        "llo 9\tNombre del servidor público\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final"
    )
    table = tab_table(header, "c n i co p f")
    out = run(PROSE + table)
    got = {r["nombre"]: r["cargo"] for r in out.records}
    assert got == {n: c for n, c, *_ in PEOPLE}
    assert _rows(out.records) == _expected()


def test_goal_columns_under_bare_group_labels_are_ordered_by_the_stated_weighting():
    # booktabs scan 205: 'Metas colectivas' and 'Objetivos individuales' lost their second
    # words, so the header says only 'Metas' and 'Objetivos', printed collective first; taken in
    # the prose's order (individual first) every full row breaks the 40/30 weighting, read the
    # other way round every row adds up
    table = tab_table("Nombre\tCargo\tMetas\tObjetivos\tCompetencias\tCalificación final", "n c co i p f")
    out = run(PROSE + table)
    assert _rows(out.records) == _expected()
    assert all(r["checks"][:1] == ["ponderacion=ok"] for r in out.records)


def test_a_score_printed_with_a_digit_lost_is_never_read_as_printed():
    # heavy scan 8923: '8,33' read '8,3' in a column printed to two decimals, and one '10,00'
    # read '10.00' (so the column's format fixes no number of decimals); as printed it would be
    # 8.3, a number the table never printed, and the row would still add up to a hundredth
    # (0.4 x 7.50 + 0.3 x 8.3 + 0.3 x 9.10 = 8.22 against 8.23). 8.32, 8.33 and 8.34 all fit the
    # rounded final, so the weighting cannot say which was printed: the value is left empty and
    # the comment keeps what was read. Finals here: 0.4 i + 0.3 c + 0.3 p to two decimals.
    people = (
        ("Quintero Nájera Alondra", "Coordinadora de Capacitación", "9,38", "8,75", "9,22", "9,14"),
        ("Ibarra Domínguez Carlos Ramiro", "Técnico de lo Contencioso", "8,75", "10.00", "9,82", "9,45"),
        ("Salazar Montiel Delfino", "Coordinador de Educación Cívica", "10,00", "9,58", "8,63", "9,46"),
        ("Torres Mora María", "Técnica de Oficialía Electoral", "7,50", "8,3", "9,10", "8,23"),
        ("Aguirre Pacheco Crispín", "Jefe de Departamento", "6,67", "9,17", "8,45", "7,95"),
    )
    text = PROSE + "Nombre\tCargo\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final\n"
    text += "".join("\t".join(p) + "\n" for p in people)
    rows = {r["nombre"]: r for r in run(text).records}
    torres = rows["Torres Mora María"]
    assert torres["metas_colectivas"] is None
    assert "'8,3'" in torres["comentario_extraccion"]
    assert rows["Aguirre Pacheco Crispín"]["metas_colectivas"] == 9.17


def test_a_dash_speck_beside_a_score_in_its_cell_is_no_second_value():
    lay = Layout((("nombre",), ("cargo",), ("ind",), ("col",), ("comp",), ("final",)))
    row = from_cells(("Cortez Sepúlveda Luis", "Enlace", "N/A", "- 10,000", "8,500", "9,250"), lay)
    assert row is not None
    assert row.scores == {"ind": "N/A", "col": "10,000", "comp": "8,500", "final": "9,250"}
    # two numbers in one cell are still two cells run together, not a speck
    assert from_cells(("Cortez Sepúlveda Luis", "Enlace", "N/A", "9,5 10,000", "8,500", "9,250"), lay) is None


def test_a_column_of_na_with_a_speck_beside_it_is_a_score_column_the_header_lost():
    # unruled scan 8908, page 3: 'Metas colectivas' read 'ESOLvOE', so the header placed
    # individual goals, competencies and final only; the individual goals' column holds 'N/A'
    # in every row, a '5' speck beside one. Taken for a running number, that column hid the
    # collective goals' column, the one the header lost, and every row's four numbers went
    # unplaced. The body's columns put it back, named by the factor the prose names and the
    # header lacks.
    lay = Layout((("nombre",), ("cargo",), ("ind",), ("comp",), ("final",)))
    centres = [80.0, 210.0, 345.0, 465.0, 535.0]
    rows = []
    for k, (col, comp, final) in enumerate((("8,750", "9,250", "9,000"), ("10,000", "9,800", "9,900"))):
        words = [("Quintero", 60.0), ("Alondra", 100.0), ("Enlace", 200.0), ("N/A", 340.0)]
        words += [(col, 400.0), (comp, 460.0), (final, 530.0)]
        if k == 1:
            words.append(("5", 350.0))  # a speck beside the dash
        rows.append(VLine(scan_line(*sorted(words, key=lambda w: w[1]), top=120.0 + 15 * k).words))
    filled, xs = fill_lost_column((lay, centres), rows, ("ind", "col", "comp", "final"))
    assert filled.flat == ("nombre", "cargo", "ind", "col", "comp", "final")
    assert len(xs) == 6


NAMING_PROSE = (
    "ACUERDO POR EL QUE SE APRUEBAN LOS DICTÁMENES CORRESPONDIENTES AL PERIODO SEPTIEMBRE 2018 A AGOSTO 2019.\n"
    "El dictamen incluye la calificación de los factores (Metas individuales, Metas colectivas y "
    "Competencias) y la calificación final.\n"
)


def test_columns_the_weighting_cannot_tell_apart_are_placed_in_the_prose_order_and_flagged():
    # ruled scan 216: 'Colectiva' and 'Competencias laborales' lost ('De E', 'Eee'), and no
    # weighting stated. Collective goals and competencies weigh 30% each, so either way round
    # the fitted weighting adds every row up. The prose names collective goals first: that
    # order is taken, and each of the two values says its column was inferred.
    table = tab_table("Nombre\tCargo\tMetas individuales\tDe E\tEee\tCalificación final")
    out = run(NAMING_PROSE + table)
    assert _rows(out.records) == _expected()
    for r in out.records:
        assert sorted(r["corrected"]) == ["competencias:columna_inferida", "metas_colectivas:columna_inferida"]
        assert "sin etiqueta legible" in r["comentario_extraccion"]


def test_a_wrapped_line_under_a_post_left_open_carries_on_the_post():
    # OCR'd text of scan 216: 'Jefa de Departamento de Adquisiciones y' wraps to 'Servicios
    # Generales' on the line after the row; read as all name, it was joined to the name
    text = NAMING_PROSE + (
        "Nombre Cargo Metas individuales Metas colectivas Competencias Calificación final\n"
        "Isabel Yáñez Xicoténcatl Jefa de Departamento de Adquisiciones y 9,375 10,000 10,000 9,750\n"
        "Servicios Generales\n"
        "Lara Paredes César Visitador Adjunto de la Segunda Visitaduría General 8,333 7,500 8,583 8,074\n"
        "Ramírez de la Cruz María José Jefa de Departamento de Orientación y Quejas 8,750 9,167 8,973 8,983\n"
    )
    rows = {r["nombre"]: r for r in run(text).records}
    assert rows["Isabel Yáñez Xicoténcatl"]["cargo"] == "Jefa de Departamento de Adquisiciones y Servicios Generales"
    assert rows["Lara Paredes César"]["cargo"] == "Visitador Adjunto de la Segunda Visitaduría General"


def test_specks_between_centred_rows_do_not_make_them_top_aligned():
    # scan 216: names centred on their scores, printed over two lines (one above the scores,
    # one below); the first row fits on one line. Two specks OCR read between rows, each nearer
    # the row above, tipped the vote to 'printed from the rows' tops', and every name from the
    # second wrapped row on went to the scores of the row above it.
    prose = make_page(NAMING_PROSE)
    header = scan_line(
        ("No.", 30.0), ("Nombre", 60.0), ("Cargo", 200.0), ("Individuales", 330.0), ("Colectivas", 400.0),
        ("Competencias", 460.0), ("Final", 540.0), top=100.0,
    )  # fmt: skip
    people = [  # (name's first line, its second line or None, post, scores)
        ("Gerardo Tovar", None, "Director", ("9,375", "8,750", "9,219", "9,141")),
        ("Irma Sofía", "Salazar Nájera", "Directora", ("8,750", "10,000", "9,819", "9,446")),
        ("Marlene Melgar", "Bárcenas Ruiz", "Jefa", ("10,000", "9,583", "8,634", "9,465")),
        ("Esperanza Diana", "Ortega Delgado", "Jefa", ("7,500", "8,333", "9,104", "8,231")),
        ("Zoila Maldonado", "Zúñiga Ríos", "Enlace", ("6,667", "9,167", "8,451", "7,952")),
    ]
    lines = [header]
    for k, (first, second, post, scores) in enumerate(people):
        base = 130.0 + 40.0 * k
        score_words = [(str(k + 1), 30.0), *((s, x) for s, x in zip(scores, (340.0, 410.0, 470.0, 540.0)))]
        if second is None:
            words = [(w, 60.0 + 45 * j) for j, w in enumerate(first.split())] + [(post, 200.0), *score_words]
            lines.append(scan_line(*sorted(words, key=lambda w: w[1]), top=base + 6))
        else:
            lines.append(scan_line(*[(w, 60.0 + 45 * j) for j, w in enumerate(first.split())], (post, 200.0), top=base))
            lines.append(scan_line(*score_words, top=base + 7))
            lines.append(scan_line(*[(w, 60.0 + 45 * j) for j, w in enumerate(second.split())], top=base + 14))
        if k in (1, 3):  # a speck in the numbers' column, nearer this row than the next (216: '1')
            lines.append(scan_line(("1", 32.0), top=base + 25))
    page = Page(number=2, lines=tuple(lines), text_source="ocr", width=612.0, height=792.0)
    out = {r["nombre"]: r for r in extract(pages_document(prose, page), process_context()).records}
    assert set(out) == {"Gerardo Tovar", "Irma Sofía Salazar Nájera", "Marlene Melgar Bárcenas Ruiz",
                        "Esperanza Diana Ortega Delgado", "Zoila Maldonado Zúñiga Ríos"}  # fmt: skip
    assert out["Esperanza Diana Ortega Delgado"]["competencias"] == 9.104


# OCR'd text of a table printed one cell per line, a blank line after each cell (generated
# dictamen 8926's layout; its first four people, scores as printed there: 30/30/40)
CELLS_PROSE = (
    "TERCERO. Dictamen de resultados individuales. El dictamen de resultados individuales incluye la "
    "calificación obtenida en cada uno de los factores (Metas de desempeño individual, Metas Colectivas y "
    "Competencias), el periodo evaluado, la calificación final y el nivel de desempeno alcanzado.\n\n"
    "Los niveles de desempeno corresponden a los rangos siguientes:\n\n"
    "Nivel de desempeño\tRango de calificación\nExcelente\t9,500 a 10,000\n"
    "Altamente competente\t8,500 a 9,499\nCompetente\t7,000 a 8,499\n\n"
    "CUARTO. Resultados. Las calificaciones quedaron de la siguiente manera:\n\n"
)
CELLS_TABLE = (
    "Nombre completo\n\nCargo/Puesto\n\nMetas de\ndesempeño\nindividual\n\nMetas\nColectivas\n\n"
    "Competencias\n\nCalificación\nfinal\n\nDesempeño\n\n"
    "Navarro Arellano\nFausto Crispín\n\nCoordinador de lo Contencioso\nElectoral\n\n"
    "7,778\n\n8,889\n\n7,758\n\n8,103\n\nCompetente\n\n"
    "Orozco Alcántara Daniela\n\nTécnica de lo Contencioso Electoral\n\n"
    "10,000\n\n8,333\n\n8,752\n\n9,001\n\nAltamente\ncompetente\n\n"
    "de los Santos Pineda Delfino\n\nTécnico de Sistemas\n\n"
    "8,333\n\n8,889\n\n8,409\n\n8,530\n\nAltamente\n\ncompetente\n\n"
    "Pineda Valdés María\n\nJefa de Departamento\n\n7,500\n\n10,000\n\n9,787\n\n9,165\n\nAltamente competente\n\n"
)


def test_a_table_one_cell_per_line_under_a_prose_naming_every_factor():
    # three things the cell-per-line layout broke (generated OCR'd text 8926, every row lost):
    # the considerando naming the factors, the level and the final was taken for a header; the
    # label 'Metas de / desempeño / individual' gave 'desempeño' to the level, the goal's word;
    # and a level printed over two lines ('Altamente' / 'competente', a blank line between them
    # where OCR put one) ended its row at its first word and opened the next name with the second
    out = run(CELLS_PROSE + CELLS_TABLE)
    got = {r["nombre"]: (*(r[k] for k in SCORES), r["nivel_desempeno"]) for r in out.records}
    assert got == {
        "Navarro Arellano Fausto Crispín": (7.778, 8.889, 7.758, 8.103, "Competente"),
        "Orozco Alcántara Daniela": (10.0, 8.333, 8.752, 9.001, "Altamente competente"),
        "de los Santos Pineda Delfino": (8.333, 8.889, 8.409, 8.53, "Altamente competente"),
        "Pineda Valdés María": (7.5, 10.0, 9.787, 9.165, "Altamente competente"),
    }


def test_goal_sub_labels_on_different_lines_of_an_aligned_header_go_where_they_stand():
    # generated OCR'd text 8924: 'Metas de / productividad / individual' beside 'Objetivos /
    # colectivos', so the collective goals' sub-label comes a line before the individual's; read
    # line by line the two columns were swapped, and under a fitted weighting (which swaps with
    # them) nothing said so
    def line(*cells: str) -> str:  # columns 34, 42, 18, 15 and 15 characters wide
        return "".join(c.ljust(w) for c, w in zip(cells, (34, 42, 18, 15, 15, 0))).rstrip() + "\n"

    header = line("Nombre completo", "Cargo que ocupa", "Metas de", "Objetivos", "Competencias", "Calificación total")
    header += line("", "", "productividad", "colectivos", "laborales") + line("", "", "individual")
    body = "".join(line(n, c, i, co, p, f) for n, c, i, co, p, f in PEOPLE)
    assert _rows(run(NAMING_PROSE + header + body).records) == _expected()


def test_a_name_in_capitals_is_split_from_a_post_that_is_not():
    # OCR'd text of dev dictamen 118: posts first, names in capitals, single spaces; the post
    # ran to the word after its last connector, taking the name's first words with it
    text = NAMING_PROSE + (
        "Cargo Nombre completo Metas individuales Metas colectivas Competencias Calificación final\n"
        "Jefa del Departamento de Servicios ZOILA CONCEPCIÓN DE LA LUZ RÍOS 9,167 10,000 9,417 9,500\n"
        "Auxiliar Administrativo HÉCTOR CERVANTES DELGADO 8,750 9,167 9,383 9,100\n"
        "Analista de Servicios Escolares YOLANDA CITLALI CORTEZ MONTIEL 10,000 9,695 9,909 9,870\n"
    )
    got = {r["nombre"]: r["cargo"] for r in run(text).records}
    assert got == {
        "ZOILA CONCEPCIÓN DE LA LUZ RÍOS": "Jefa del Departamento de Servicios",
        "HÉCTOR CERVANTES DELGADO": "Auxiliar Administrativo",
        "YOLANDA CITLALI CORTEZ MONTIEL": "Analista de Servicios Escolares",
    }


def _detached(first_cells: str, header: str) -> str:
    """PEOPLE's scores as tab rows opening with ``first_cells``, their names written after the
    table, a blank line after each (OCR wrote the name column apart: dev OCR'd text 8922)."""
    rows = "".join(f"{first_cells}{i}\t{co}\t{p}\t{f}\n" for _, _, i, co, p, f in PEOPLE)
    names = "".join(f"{n}\n\n" for n, *_ in PEOPLE)
    return (
        NAMING_PROSE + header + rows + names + "\nSEGUNDO. Notifíquese el presente acuerdo a las personas evaluadas.\n"
    )


def test_a_name_column_ocr_wrote_after_the_table_is_given_back_in_row_order():
    header = "Nombre completo\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final\n"
    out = run(_detached("", header)).records
    assert _rows(out) == _expected()
    assert all("tras la tabla" in r["comentario_extraccion"] for r in out)


def test_a_state_that_slid_into_the_names_place_goes_back_to_its_column():
    # unseen-block OCR'd text 9000: the names written after the table, so every row read
    # 'Sierra Alta' (the state) where the name stands, split over the name and state columns
    header = (
        "Nombre completo\tEntidad federativa\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final\n"
    )
    out = run(_detached("Sierra Alta\t", header)).records
    assert _rows(out) == _expected()
    assert {r["entidad"] for r in out} == {"Sierra Alta"}


def test_a_repeated_header_ocr_garbled_is_read_as_the_header_above():
    # unseen-block OCR'd text 9026: the header repeated on page 2 came back word by word with
    # 'competencias' lost; its rows hold the four scores the first page's header names
    header = "Nombre completo Cargo Metas individuales Metas colectivas Competencias Calificación final\n"
    garbled = "Nombre completo Cargo\nfinal\nIndividual\nColectiva\n"
    body = [f"{n} {c} {i} {co} {p} {f}\n" for n, c, i, co, p, f in PEOPLE]
    text = NAMING_PROSE + header + "".join(body[:3]) + "\n\n\n\f" + garbled + "".join(body[3:])
    assert _rows(run(text).records) == _expected()


def test_a_post_run_into_the_name_is_cut_off_by_the_posts_other_rows_print():
    # text PDF of block 9011: the table's first two rows at a page's foot, too few for the gap
    # between name and post to show, so each post ran into its name; the rows on the next page
    # print 'Oficial Judicial' apart
    table = "Nombre\tCargo\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final\n"
    table += "Quintero Nájera Alondra Oficial Judicial\t\t9,375\t8,750\t9,219\t9,141\n"
    table += "Ibarra Domínguez Carlos Ramiro\tOficial Judicial\t8,750\t10,000\t9,819\t9,446\n"
    table += "Salazar Montiel Delfino\tJuez de Primera Instancia\t10,000\t9,583\t8,634\t9,465\n"
    got = {r["nombre"]: r["cargo"] for r in run(PROSE + table).records}
    assert got == {
        "Quintero Nájera Alondra": "Oficial Judicial",
        "Ibarra Domínguez Carlos Ramiro": "Oficial Judicial",
        "Salazar Montiel Delfino": "Juez de Primera Instancia",
    }


def test_a_state_column_whose_label_ocr_lost_is_read_as_the_state():
    # ruled scan 9025: 'Entidad' read 'a' over a column repeating 'Valle Verde'; unnamed, every
    # row was read by its words and the state joined the name
    table = tab_table(
        "Nombre\ta\tMetas individuales\tMetas colectivas\tCompetencias\tCalificación final", "n s i co p f"
    )
    out = run(PROSE + table).records
    assert {r["nombre"] for r in out} == {p[0] for p in PEOPLE}
    assert {r["entidad"] for r in out} == {"Valle Verde"}


def test_goal_columns_under_bare_group_labels_and_no_stated_weighting_say_their_order_is_a_guess():
    # ruled scan 9120: 'Logro de metas' over each goal column, the sub-labels ('institucionales',
    # 'individuales') lost, collective printed first, weighted 50/50 and the weighting not
    # stated: the prose's order (individual first) puts each value in the other's field, and
    # no arithmetic can tell. Both fields now say their column was inferred.
    table = tab_table(
        "Nombre\tCargo\tLogro de metas\tLogro de metas (2)\tCompetencias\tCalificación final", "n c co i p f"
    )
    for r in run(NAMING_PROSE + table).records:
        assert {"metas_individuales:columna_inferida", "metas_colectivas:columna_inferida"} <= set(r["corrected"])
