"""MIR v2 on tesseract's own text of a scanned report (the OCR'd-text form whose damage channel
is the real path: render, degrade, tesseract ``--psm 3``), where a row's code can stand on the
line above its level word, group headings ('Componente 1: Dirección de …') sit between rows,
a number's thousands look like a code, and the head's group labels stand on a line of their own.

The fixtures are cut from generated reports' ``ocr.txt`` (samples/gen/mir_avance.py, seeds
101 and 131, tesseract's output kept as it came); expected values are the generator's truth for
those reports, never the extractor's output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extractors.mir_avance.hierarchy import repair_codes
from extractors.mir_avance.lexicon import CODE_DOTTED
from extractors.mir_avance.numbers import make_token
from extractors.mir_avance.solve import _sum_check
from extractors.mir_avance.types import SUM_FIELDS, RawRow, Solved
from extractors.mir_avance.v2 import extract, flag_unbacked
from extractors.mir_avance.v2.commentary import note_of_another_row
from extractors.mir_avance.v2.fields import split_code
from extractors.mir_avance.v2.lines import CODE_OPENING, CODE_START
from extractors.mir_avance.v2.record import PERCENT_FROM_COMMENT
from extractors.mir_avance.v2.stream import stream_records
from helpers import ROOT, make_document
from papeleo.context import process_context

sys.path.insert(0, str(ROOT / "tests"))
from scoring_flags import flags  # noqa: E402
from scoring_specs import MIR_NUMERIC  # noqa: E402

# generated report 101 (quarter 2), its first page as tesseract read the scan: the head's group
# labels ('Meta programada Alcanzado') on their own line, 'Meta anual programada' at the head's end
# with 'Meta anual' lost ('de. Vela da Pd'), the Fin's code on the line above 'FIN', a group
# heading 'Componente 1: Dirección de Protección Civil' and the head repeated under it, and a
# dash before one activity's code
REPORT_101 = """- H. AYUNTAMIENTO DE SAN FELIPE DEL MONTE
Ejercicio Fiscal 2021
Avance de Indicadores de la Matriz de Indicadores para Resultados
Avance al 30 de junio de 2021
. A i i Meta programada Alcanzado
Nivel MIR Objetivo Nombre del indicador de. Vela da Pd
del
indicador medición medida Ene-Mar Abr-Jun Jul-Sep Oct-Dic Ene-Mar Abr-Jun Jul-Sep Oct-Dic programada
4.2.1.4 Contribuir a reducir las NACAVP= Número de árboles
FIN brechas de desigualdad social en las en camellones y áreas verdes Ñ
(LIPPE) localidades del municipio mediante la podados Constante ANUAL Arboles 0 0 0 1,453 0 0 1,453
atención eficiente de las demandas
ciudadanas.
PROPÓSITO 4.2.1.4.1 Cada hogar del municipio PPPDI= Porcentaje de pláticas L
(UIPPE) recibe servicios públicos suficientes y de prevención del delito Constante ANUAL Porcentaje 0 0 O 18,628 0 0 18,628
de calidad. impartidas
Componente 1: Dirección de Protección Civil
Sentido del Frecuencia de Unidad de Meta programada Alcanzado Meta anual
Nivel MIR Objetivo Nombre del indicador indicad dició did pa
: naicador medición medida Ene-Mar Abr-Jun Jul-Sep Oct-Dic Ene-Mar Abr-Jun Jul-Sep Oct-Dic PYOgramada
COMPONENTE 4.2.1.4.1.1 Establecimientos PECI= Porcentaje de
(Dirección de comerciales inspeccionados conforme establecimientos comerciales Ascendente TRIMESTRAL Porcentaje 2 2 1 3 1 2 8
Protección Civil) al programa anual. inspeccionados
ACTIVIDAD 4.2.1.4,1.1.1 Atención de siniestros NSRA= Número de siniestros
(Dirección de reportados conforme al programa reportados atendidos Ascendente TRIMESTRAL Siniestros 457 417 377 413 534 477 1,664
Protección Civil) anual.
ACTIVIDAD 4.2.1.4.1.1.2 Realización de PSEOR-= Porcentaje de
(Dirección de simulacros en escuelas y oficinas. simulacros en escuelas y Ascendente TRIMESTRAL Porcentaje -. 688 258 541 355 589 256 1,842
Protección Civil) oficinas realizados
ACTIVIDAD - 4.2.1.4.1.1.3 Actualización de PPCA= Porcentaje de padrones
(Dirección de padrones de contribuyentes en el de contribuyentes actualizados Ascendente TRIMESTRAL Porcentaje 5,193 6,330 4,586 4,592 5,193 5,380 20,701
Protección Civil) municipio.
"""

# report 101's truth (its truth.json): meta anual, programado T1..T4, alcanzado T1..T2
TRUTH_101 = {
    "4.2.1.4": (1453, (0, 0, 0, 1453), (0, 0)),
    "4.2.1.4.1": (18628, (0, 0, 0, 18628), (0, 0)),
    "4.2.1.4.1.1": (8, (2, 2, 1, 3), (1, 2)),
    "4.2.1.4.1.1.1": (1664, (457, 417, 377, 413), (534, 477)),
    "4.2.1.4.1.1.2": (1842, (688, 258, 541, 355), (589, 256)),
    "4.2.1.4.1.1.3": (20701, (5193, 6330, 4586, 4592), (5193, 5380)),
}


def _values(rec: dict) -> tuple:
    return (
        rec["meta_anual"],
        tuple(rec[f"programado_t{q}"] for q in range(1, 5)),
        tuple(rec[f"alcanzado_t{q}"] for q in (1, 2)),
    )


def test_tesseract_text_is_read_against_its_head_with_group_labels_and_the_meta_last():
    recs = {r["clave"]: r for r in extract(make_document(REPORT_101), process_context()).records if r.get("clave")}
    assert {k: _values(recs[k]) for k in TRUTH_101 if k in recs} == TRUTH_101
    # the Fin's code stood on the line above its level word, and is the Fin's
    assert recs["4.2.1.4"]["nivel"] == "fin" and recs["4.2.1.4"]["siglas"] == "NACAVP"


def test_a_dash_before_a_dotted_code_is_a_stray_and_a_dash_before_a_count_is_not():
    assert split_code("- 4.2.1.4.1.1.3 Actualización de")[:2] == ("4.2.1.4.1.1.3", "Actualización de")
    assert split_code("- 3 acciones de difusión")[0] is None


def test_a_speck_of_the_level_column_before_a_long_code_is_a_stray():
    # dev MIR OCR'd text 156: the level word torn to specks before the row's code
    for line, code in (("A 1.3.3.1.1.2 Supervisión de", "1.3.3.1.1.2"), ("5 1.3.3.1.1.4 Registro de", "1.3.3.1.1.4")):
        assert split_code(line)[0] == code
        assert CODE_START.match(line) and CODE_OPENING.match(line)
    # a word of prose before a short number is no stray, and a lone code stays a code
    assert not CODE_START.match("de 2.5 millones de pesos")
    assert split_code("5 Contribuir al bienestar")[0] == "5"


def test_the_line_stream_keeps_printed_codes_past_a_group_heading():
    # v1's stream, as v2 runs it: 'Componente 1:' is a heading, no row, and the component printed
    # 4.2.1.4.1.1 keeps its code (it was renumbered 4.2.1.4.1.2, with every activity below it)
    recs = stream_records(make_document(REPORT_101), 2)
    by_siglas = {r["siglas"]: r["clave"] for r in recs if r.get("siglas")}
    assert by_siglas["PECI"] == "4.2.1.4.1.1"
    assert by_siglas["NSRA"] == "4.2.1.4.1.1.1" and by_siglas["PPCA"] == "4.2.1.4.1.1.3"
    assert not [r for r in recs if (r.get("resumen_narrativo") or "").startswith("Dirección de Protección")]


def _row(nivel: str | None, code: str | None, i: int) -> Solved:
    return Solved(row=RawRow(page=1, first_line=i, last_line=i, nivel=nivel, code_raw=code), T=2)


def test_a_code_derived_by_order_never_takes_the_code_another_row_prints():
    # a row the report does not number (a heading read as a Componente) before the printed 5.1.1:
    # the printed codes stay as printed and the stray row is left without one
    rows = [
        _row("fin", None, 0),
        _row("proposito", "5.1", 1),
        _row("componente", None, 2),
        _row("componente", "5.1.1", 3),
        _row("actividad", "5.1.1.1", 4),
        _row("componente", "5.1.2", 5),
    ]
    repair_codes(rows)
    assert [s.clave for s in rows[1:]] == ["5.1", None, "5.1.1", "5.1.1.1", "5.1.2"]
    assert "clave" not in rows[2].corrected and "impresa en otra fila" in rows[2].notes[-1]


def test_a_printed_code_after_rows_whose_codes_were_lost_stays_as_printed():
    # three components whose codes OCR lost (derived 5.1.2 to 5.1.4), then the printed 5.1.6: a
    # row lost between them, not a misread code
    rows = [_row("proposito", "5.1", 0), _row("componente", "5.1.1", 1)]
    rows += [_row("componente", None, i) for i in (2, 3, 4)] + [_row("componente", "5.1.6", 5)]
    repair_codes(rows)
    assert [s.clave for s in rows] == ["5.1", "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.6"]
    assert "clave" not in rows[5].corrected


def test_an_amount_in_thousands_is_no_code():
    # report 113's Fin cells on a line of their own: '1,114.78 354.11' read as a clave made the
    # Fin a Componente and renumbered every component after it
    assert not CODE_DOTTED.match("1,114.78") and not CODE_DOTTED.match("1,206,528")
    assert CODE_DOTTED.match("1.4.1.1,2.3") and CODE_DOTTED.match("14.1.1.84.")


# generated report 131 (quarter 4), tesseract's text: a head printed one label per line, whose
# last line of sub-labels has one misread ('Mela' for 'Meta'), above a Fin row whose text names
# three kinds of column ('Meta', 'Unidad de medida', a code) and was taken for the head
REPORT_131 = """GOBIERNO MUNICIPAL DE CHICOMITLÁN   Ejercicio Fiscal 2018
Avance de Indicadores de la Matriz de Indicadores para Resultados
Periodo: Octubre - Diciembre 2018
Nivcl MIR
Objetivo
Nombre del indicador
Frecuencia de medición
Meta anual programada
1er
Trim.
2do Trim.
3er Trim.
4to Trim.
Avance %
Mela Real Meta Real Meta Real Meta Real
Componente  6.4.2.1 Quejas y denuncias ciudadanas atendidas.  NQDCA= Número de quejas y denuncias  Trimestral  190.00  38.00  42.00  63.00  63.00  42.00  42.00  47.00  34.00  72.34%
Actividad  6.4.2.1.2 Realización de auditorias a dependencias municipales en el municipio.  PADMR= Porcentaje de auditorías a dependencias municipales realizadas Unidad de medida: Porcentaje  Trimestral  100.00  100.00  100.00  100.00  100.00  100.00  129.00  100.00  104.00  104.00%
"""


def test_a_head_printed_one_label_per_line_is_found_above_a_row_that_names_three_kinds():
    recs = {r["clave"]: r for r in extract(make_document(REPORT_131), process_context()).records}
    # report 131's truth (the OCR damage of the two rows' numbers mended in the cut: '3800',
    # '42.o0', '100.O0' …, which this test is not about)
    got = recs["6.4.2.1"]
    assert got["meta_anual"] == 190 and got["programado_t4"] == 47 and got["alcanzado_t4"] == 34
    assert (got["programado_t1"], got["alcanzado_t1"], got["programado_t2"], got["alcanzado_t2"]) == (38, 42, 63, 63)
    assert recs["6.4.2.1.2"]["alcanzado_t3"] == 129 and recs["6.4.2.1.2"]["avance_pct"] == 104


def _rec(clave: str, resumen: str, comentario: str | None, checks: list[str], **values) -> dict:
    return {
        "clave": clave,
        "resumen_narrativo": resumen,
        "indicador": None,
        "comentario": comentario,
        "checks": checks,
        "corrected": [],
        "comentario_extraccion": None,
        **{f: values.get(f) for f in MIR_NUMERIC},
    }


def test_a_check_against_a_note_that_names_another_rows_indicator_backs_nothing():
    # as tesseract shifted a report's notes by one code ('3.4.3.1:6 Meta Trimestral:' over the
    # next row's '… al atender 18 reportes de emergencia …') while the line stream took the next
    # row's cells: the note and the cells agree (18 of 18, 100%) and neither is the row's
    shifted = _rec(
        "3.4.3.1.6",
        "Atención de solicitudes de reparación de luminarias",
        "Meta Trimestral: Se obtuvo un 100.0% de la meta al atender 18 reportes de emergencia al "
        "número único de un total de 18 programados.",
        ["avance_comentario=ok"],
        programado_t1=18,
        alcanzado_t1=18,
        avance_pct=100,
    )
    named = _rec("3.4.3.1.7", "Atención de reportes de emergencia al número único", None, [], meta_anual=68)
    own = _rec(
        "3.4.3.1.5",
        "Entrega de despensas a familias en situación vulnerable",
        "Meta Trimestral: Se logra el 126.4% de la meta al entregar 684 despensas a familias en "
        "situación vulnerable de un total de 541 programadas.",
        ["avance_comentario=ok"],
        programado_t1=541,
        alcanzado_t1=684,
        avance_pct=126.4,
    )
    records = [own, shifted, named]
    assert note_of_another_row(shifted, records) == "3.4.3.1.7"
    assert note_of_another_row(own, records) is None
    flag_unbacked(records, read_by_ocr=False)  # a text layer: only the note's doubt can flag
    assert {"programado_t1", "alcanzado_t1", "avance_pct"} <= set(flags(shifted))
    assert "3.4.3.1.7" in shifted["comentario_extraccion"]
    assert not flags(own)


# a head whose 'Meta anual' OCR lost at the top of the table, whole where a group heading
# repeats it ('Componente 1: …'; dev MIR OCR'd text 211, one cell dropped from the first head)
REPEATED_HEAD = """MUNICIPIO DE SAN PEDRO DEL RÍO   Ejercicio Fiscal 2024
Avance de Indicadores de la MIR
Avance al 30 de junio de 2024
Nivel Objetivo Indicador Frecuencia Programado Alcanzado
T1 T2 T3 T4 T1 T2
Fin 4.3 Contribuir a reducir la pobreza. PRP: Porcentaje de reducción de pobreza Trimestral 20 30 25 25 22 33 100
Componente 1: Dirección de Desarrollo Social
Nivel Objetivo Indicador Frecuencia Programado Alcanzado Meta anual
T1 T2 T3 T4 T1 T2
Componente 4.3.1 Apoyos entregados. PAE: Porcentaje de apoyos entregados Trimestral 300 300 300 300 310 290 1,200
Actividad 4.3.1.1 Entrega de apoyos alimentarios. PEAA: Porcentaje de apoyos alimentarios entregados Trimestral 100 100 100 100 98 101 400
"""


def test_a_head_a_group_repeats_whole_reads_the_rows_its_first_printing_lost_a_column_of():
    recs = {r["clave"]: r for r in extract(make_document(REPEATED_HEAD), process_context()).records}
    assert _values(recs["4.3"]) == (100, (20, 30, 25, 25), (22, 33))
    assert _values(recs["4.3.1"]) == (1200, (300, 300, 300, 300), (310, 290))
    assert _values(recs["4.3.1.1"]) == (400, (100, 100, 100, 100), (98, 101))
    # the group heading and the head under it are no row
    assert set(recs) == {"4.3", "4.3.1", "4.3.1.1"}


def test_scattered_tesseract_text_whose_head_reading_places_no_number_is_read_by_the_stream():
    # generated report 6589's ocr.txt (fixtures/README.md): the head reading names its rows but
    # places no number in them; the line stream reads them, and the row whose note and cells
    # came from the next row is doubted, not believed
    text = (Path(__file__).parent / "fixtures" / "tesseract_6589.txt").read_text(encoding="utf-8")
    recs = {r["clave"]: r for r in extract(make_document(text), process_context()).records}
    got = {
        k: (recs[k]["meta_anual"], recs[k]["programado_t1"], recs[k]["alcanzado_t1"]) for k in ("3.4.3.1", "3.4.3.1.3")
    }
    assert got == {"3.4.3.1": (8191, 2018, 2082), "3.4.3.1.3": (2813, 604, 618)}
    assert {"programado_t1", "alcanzado_t1"} <= set(flags(recs["3.4.3.1.6"]))


def test_a_check_that_holds_over_a_value_a_failing_check_names_backs_nothing():
    # each printed 1 read as 4 (dev MIR scan 8): 4 of 4 is 100% as 1 of 1 was, while Σ programado
    # (2 + 4 + 4 + 4 for a meta of 5) fails; the % check shares programado_t2 with the failing
    # sum, so it backs neither the alcanzado nor the %
    misread = _rec(
        "4.4.6.1.1.1.6",
        "Mantenimiento",
        None,
        ["suma_programado=conflict", "avance_calculado=ok"],
        meta_anual=5,
        programado_t1=2,
        programado_t2=4,
        programado_t3=4,
        programado_t4=4,
        alcanzado_t1=2,
        alcanzado_t2=4,
        avance_pct=100,
    )
    # the same row read right: both checks hold and back what they compare
    right = _rec(
        "4.4.6.1.1.1.7",
        "Mantenimiento",
        None,
        ["suma_programado=ok", "avance_calculado=ok"],
        meta_anual=5,
        programado_t1=2,
        programado_t2=1,
        programado_t3=1,
        programado_t4=1,
        alcanzado_t1=2,
        alcanzado_t2=1,
        avance_pct=100,
    )
    for r in (misread, right):
        r["trimestre"] = 2
    flag_unbacked([misread, right], read_by_ocr=True)
    assert {"alcanzado_t2", "avance_pct"} <= set(flags(misread))
    assert not {"alcanzado_t2", "avance_pct", "programado_t2"} & set(flags(right))


# generated report 6972 (second quarter, real OCR path): its head read as 'Meta' / 'de' /
# 'Nivel Resumen narrativo Indicador Frecuencia E Comentario' / 'medida Primero Segundo Tercero
# Cuarto Primero … Anual Avance', the groups' line ('Metas programadas Realizado') above it cut
# off by a stray 'de', so the head names one numeric column; its rows are one per line
# ('Componente … Trimestral Promedio 85 151 91 57 85 144 384 95.36% vincular 144 …'). The
# generator's truth for it:
TRUTH_6972 = {
    "1.6.1.2": {"meta_anual": 384.0, "programado_t1": 85.0, "programado_t2": 151.0, "programado_t3": 91.0,
                "programado_t4": 57.0, "alcanzado_t1": 85.0, "alcanzado_t2": 144.0, "avance_pct": 95.36},
    "1.6.1.2.1": {"meta_anual": 1716.0, "programado_t1": 511.0, "programado_t2": 457.0, "programado_t3": 509.0,
                  "programado_t4": 239.0, "alcanzado_t1": 428.0, "alcanzado_t2": 343.0, "avance_pct": 75.05},
    "1.6.1.5": {"meta_anual": 50310.0, "programado_t1": 17311.0, "programado_t2": 6290.0, "alcanzado_t2": 7804.0,
                "avance_pct": 124.07},
}  # fmt: skip


def test_rows_under_a_head_naming_no_order_they_back_are_read_in_the_order_their_arithmetic_backs():
    text = (Path(__file__).parent / "fixtures" / "tesseract_rows_6972.txt").read_text(encoding="utf-8")
    records = extract(make_document(text, name="mir_avance_ocr.txt"), process_context()).records
    by_clave = {r.get("clave"): r for r in records}
    for clave, truth in TRUTH_6972.items():
        assert {f: by_clave[clave].get(f) for f in truth} == truth, clave
    assert all("aritmética de las filas" in (r.get("comentario_extraccion") or "") for r in by_clave.values())
    # no value of the report is wrong without a flag on its own field (the generator's truth, whole)
    rows = json.loads(
        (Path(__file__).parent / "fixtures" / "tesseract_rows_6972.truth.json").read_text(encoding="utf-8")
    )
    truth = {row["clave"]: row for row in rows["indicators"]}
    for r in records:
        want = truth.get(r.get("clave"))
        for f in MIR_NUMERIC:
            if want is not None and r.get(f) is not None and r.get(f) != want.get(f):
                assert f in flags(r), (r.get("clave"), f, r.get(f), want.get(f))


def test_the_stream_reads_a_constant_indicator_as_holding_and_mends_no_meta():
    # generated scan 7093, read by the v1 stream: '100' as meta and four programados of '100'
    # (a percentage held all year); summed, the meta was 'mended' to 400 as a misread digit
    sv = Solved(row=RawRow(page=1, first_line=0, last_line=0, nivel="Actividad", code_raw="1.1.5.1"), T=1)
    sv.values = dict.fromkeys(SUM_FIELDS, 100.0)
    _sum_check(sv, {}, {f: make_token("100") for f in SUM_FIELDS})
    assert sv.values["meta_anual"] == 100.0 and sv.checks["suma_programado"] == "ok" and not sv.corrected
    # a row whose quarters add up to another meta is still checked by its sum
    sv = Solved(row=RawRow(page=1, first_line=0, last_line=0, nivel="Actividad", code_raw="1.1.5.2"), T=1)
    sv.values = {"meta_anual": 40.0, **dict.fromkeys(SUM_FIELDS[1:], 10.0)}
    _sum_check(sv, {}, {f: make_token(str(int(v))) for f, v in sv.values.items()})
    assert sv.checks["suma_programado"] == "ok"


def test_a_percent_read_from_the_commentary_is_not_backed_by_the_commentarys_own_total():
    # report block 7130-7179 OCR'd text 7164 (second quarter, no % column): the note's '38.55%'
    # for 88.55%, its N unreadable ('54,52799'), its 'de un total de 61,581.83' equal to the
    # programado: that holds for the programado, and says nothing of the % beside it
    note = "Meta Semestral: Se cumple el 38.55% de la meta al inspeccionar 54,52799 de un total de 61,581.83"
    rec = _rec(
        "2.5.5.1.3.2.2",
        "Inspección de establecimientos",
        note,
        ["suma_programado=ok", "avance_comentario=ok"],
        meta_anual=99135.67,
        programado_t2=61581.83,
        programado_t4=37553.84,
        avance_pct=38.55,
    )
    rec["trimestre"] = 2
    rec["comentario_extraccion"] = PERCENT_FROM_COMMENT
    flag_unbacked([rec], read_by_ocr=False)
    assert "avance_pct" in flags(rec) and "programado_t2" not in flags(rec)
