"""MIR v2 on the tokens of a row of OCR'd text: a number whose thousands mark OCR read as a space
('3 645') is one cell where the row's count then fits its head, and two cells run together
('12 133') are not joined where the count fits without it; a number led by a look-alike that
is also a word or a sign ('€72', 's,475') is still a number of the row; a semestral or annual
row whose blank cells left no trace takes its measured quarters; notes printed without their key
pair with the rows by their figures and order; a note printed under
the table with its key is that row's commentary, not a row.

Every value is written in the fixtures here; the expectations follow from them.
"""

from __future__ import annotations

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.row_tokens import NUMBERISH, tokens_with_spaced_numbers_joined
from helpers import make_document
from papeleo.context import process_context

HEAD = (
    "MUNICIPIO DE SAN PEDRO DEL RÍO   Ejercicio Fiscal 2024\nAvance de Indicadores de la MIR\n"
    "Segundo Trimestre 2024\n\n"
    "Nivel  Resumen narrativo  Indicador  Frecuencia  Meta anual  Programado  Alcanzado  % Avance\n"
    "1er Trim.  2do Trim.  3er Trim.  4to Trim.  1er Trim.  2do Trim.\n"
)


def test_a_number_whose_thousands_mark_ocr_read_as_a_space_is_one_cell():
    # meta 12,419 = 2,023 + 4,147 + 3,472 + 2,777; alcanzados 2,023 and 3,645; % = 3,645 / 4,147
    row = "Actividad  4.1.1.8 Atención de adultos mayores  PAMEDA= Porcentaje de adultos  Trimestral  "
    row += "12,419    2,023    4,147    3,472    2,777    2,023    3 645    87.90%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["alcanzado_t2"] == 3645.0 and rec["avance_pct"] == 87.9
    assert [rec[f"programado_t{q}"] for q in range(1, 5)] == [2023.0, 4147.0, 3472.0, 2777.0]


def test_only_cells_laid_out_in_columns_are_joined():
    assert tokens_with_spaced_numbers_joined("4,147    3 645    3,472") == ["4,147", "3645", "3,472"]
    assert tokens_with_spaced_numbers_joined("4,147 3 645 3,472") is None  # no columns: no cells to read
    assert tokens_with_spaced_numbers_joined("4,147\t6 519.96\t3,472") == ["4,147", "6519.96", "3,472"]


def test_a_number_led_by_a_look_alike_that_is_also_a_word_stays_in_the_rows_run():
    # '€72' for 672: read as text, it split the row's run in two and none of its numbers was placed
    row = "Actividad  4.1.2.4 Rehabilitación de parques  PPJMR= Porcentaje de parques  Trimestral  "
    row += "1,921  434  382  €72  433  262  382  100.00%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert [rec[f"programado_t{q}"] for q in range(1, 5)] == [434.0, 382.0, 672.0, 433.0]
    assert rec["meta_anual"] == 1921.0
    assert all(NUMBERISH.match(t) for t in ("€72", "s,475", "a,783", "b72", "33s", "1s,208"))
    assert not any(NUMBERISH.match(t) for t in ("a", "s", "b", "€"))  # a word, a sign: no number


def test_a_note_printed_under_the_table_with_its_key_is_the_rows_commentary_not_a_row():
    # no % column: the % is the note's; read as a row, the note doubled the key (both rows then
    # flagged as printed twice) and kept its % from the row
    head = HEAD.replace("  % Avance", "")
    row = "Actividad  4.1.2.5 Emisión de recibos de impuesto predial  PRIPE= Porcentaje de recibos  Trimestral  "
    row += "12    3    3    3    3    2    3"
    note = "4.1.2.5 Meta Trimestral: Se logra el 100.00% de la meta al emitir 3 recibos de un total de 3 programados."
    recs = extract(make_document(head + row + "\n\n" + note + "\n"), process_context()).records
    assert [r["clave"] for r in recs] == ["4.1.2.5"]
    assert recs[0]["avance_pct"] == 100.0
    assert not any(c.startswith("clave_repetida") for c in recs[0]["checks"])


def test_a_semestral_or_annual_row_whose_blank_cells_left_no_trace_takes_its_measured_quarters():
    # blanks print nothing: 'Anual  400  400  380' is the meta, T4's programado and alcanzado
    head = HEAD.replace("Segundo Trimestre 2024", "Cuarto Trimestre 2024").replace("  % Avance", "")
    head = head.replace("1er Trim.  2do Trim.\n", "1er Trim.  2do Trim.  3er Trim.  4to Trim.\n")
    rows = [
        "Fin  2.6 Contribuir al bienestar  PVOR= Porcentaje de vehículos  Anual  400  400  380",
        "Actividad  2.6.1.1 Mantenimiento de unidades  NUDM= Número de unidades  Semestral  20  8  12  7  12",
        "Actividad  2.6.1.2 Atención de solicitudes  PSAIA= Porcentaje de solicitudes  Trimestral  40  7  6  14  13  7  8  14  13",
    ]
    recs = {r["clave"]: r for r in extract(make_document(head + "\n".join(rows) + "\n"), process_context()).records}
    fin = recs["2.6"]
    assert (fin["meta_anual"], fin["programado_t4"], fin["alcanzado_t4"]) == (400.0, 400.0, 380.0)
    assert fin["programado_t1"] is None and fin["alcanzado_t1"] is None
    sem = recs["2.6.1.1"]
    assert [sem["programado_t2"], sem["programado_t4"], sem["alcanzado_t2"], sem["alcanzado_t4"]] == [
        8.0,
        12.0,
        7.0,
        12.0,
    ]
    assert sem["programado_t1"] is None and sem["programado_t3"] is None


def test_notes_printed_without_their_key_pair_with_the_rows_by_their_figures_and_order():
    # notes at the foot, no key, one of them lost: each note that shares its figures with one
    # row anchors it; between anchors, rows and notes pair in order where the counts agree
    head = HEAD.replace("  % Avance", "")
    rows = [("1.1", 12, 3, 2), ("1.2", 40, 10, 8), ("1.3", 80, 20, 25), ("1.4", 8, 2, 2)]
    body = [
        f"Actividad  {c} Entrega de apoyos  PSAL= Porcentaje  Trimestral  {m}  {p}  {p}  {p}  {p}  {p}  {a}"
        for c, m, p, a in rows
    ]
    notes = [f"Meta Trimestral: Se logra el {100 * a / p:.2f}% de la meta al entregar {a} apoyos de un total de {p} programados."
             for c, m, p, a in rows if c != "1.2"]  # fmt: skip
    recs = {
        r["clave"]: r
        for r in extract(
            make_document(head + "\n".join(body) + "\n\n" + "\n".join(notes) + "\n"), process_context()
        ).records
    }
    # 1.1 and 1.3 share two figures with their notes; 1.4 is the one row after the last anchor,
    # as its note is the one note after it
    assert recs["1.1"]["avance_pct"] == 66.67 and recs["1.3"]["avance_pct"] == 125.0
    assert recs["1.4"]["avance_pct"] == 100.0
    assert recs["1.2"].get("avance_pct") is None  # its note was lost: no other row's %


def test_a_number_whose_5_ocr_read_as_s_stays_in_the_rows_run():
    # '33s' for 335 (report block 423): read as text, it cut the row's run of numbers in two
    row = "Actividad  4.1.2.4 Rehabilitación de parques  PPJMR= Porcentaje de parques  Trimestral  "
    row += "1,760  33s  517  562  346  335  517  100.00%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert [rec[f"programado_t{q}"] for q in range(1, 5)] == [335.0, 517.0, 562.0, 346.0]
    assert rec["meta_anual"] == 1760.0 and "programado_t1:corregido" in rec["corrected"]


def test_a_percent_whose_point_ocr_lost_is_read_with_it_when_only_that_holds():
    # '10779%' for 107.79% (new dev block 484): alcanzado / programado of the quarter says which
    row = "Actividad  4.1.2.4 Rehabilitación de parques  PPJMR= Porcentaje de parques  Trimestral  "
    row += "1,000  250  250  250  250  250  300  12000%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["avance_pct"] == 120.0 and "avance_pct:corregido" in rec["corrected"]
    # a whole % the checks take as printed stays, with no doubt of its decimals
    row = row.replace("300  12000%", "250  100%")
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["avance_pct"] == 100.0 and not any(c.startswith("avance_pct") for c in rec["corrected"])
    assert not any("decimales" in c for c in rec["checks"])


def test_a_digit_ocr_misread_as_its_look_alike_is_mended_when_it_alone_makes_the_row_hold():
    # '1430' for 1480 (new dev block 481): Σ programado fails by 50, a 3 read for an 8, and no
    # other printed value's look-alike makes up that difference (a meta '6,180' would: 6,130)
    row = "Actividad  4.1.2.4 Rehabilitación de parques  PPJMR= Porcentaje de parques  Trimestral  "
    row += "6,200  1430  1,500  1,620  1,600  1,480  1,500  100.00%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["programado_t1"] == 1480 and "programado_t1:corregido" in rec["corrected"]
    assert "'1430' con un dígito que OCR confunde" in rec["comentario_extraccion"]
    # a one- or two-digit value is never mended so: a swap fits by chance as often
    # ('17  3  5  6  8': an 8 read for a 3 in the fourth quarter would make Σ hold, as would a
    # correctly read meta of 17 misprinted; the row stays in conflict)
    row = row.replace("6,200  1430  1,500  1,620  1,600  1,480  1,500", "17  3  5  6  8  3  5")
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["programado_t4"] == 8 and "suma_programado=conflict" in rec["checks"]
