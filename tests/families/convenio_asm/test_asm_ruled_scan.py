"""A ruled ASM table as tesseract returns it from a scan (extractors/convenio_asm/grid.py): one
line per cell, a row's number centred in its cell and so below the first lines of the row's
other cells, a label whose words sit a point apart on a tilted page. Built by hand after dev
scan 7 (convenio, full grid); the expected rows are the ones drawn here."""

from __future__ import annotations

from extractors.convenio_asm.grid import read_rows
from extractors.convenio_asm.head import _label_text
from helpers import scan_line as line
from helpers import scan_word as word
from papeleo.model import BBox, Line, Word

# column rules at 67 | 95 | 265 | 449 | 539; row rules under the head and under each row
VRULES = [(x, 83.0, 250.0) for x in (67.0, 95.0, 265.0, 449.0, 539.0)]
HRULES = [83.0, 97.0, 138.0, 171.0, 250.0]
HEAD = [
    line(("Fecha", 458), ("comprometida", 481), top=88.0),  # 'comprometida' a point higher
    line(("Actividades", 309), ("comprometidas", 351), top=89.0),
    line(("Hallazgo", 165), top=91.0),
    line(("Núm.", 72), top=92.0),
]
ROW_1 = [
    line(("30", 458), ("de", 470), ("Noviembre", 482), ("2025", 530), top=102.0),
    line(("Integrar", 269), ("el", 310), ("padrón", 322), top=103.0),
    line(("No", 99), ("existe", 112), ("un", 145), ("padrón", 158), top=105.0),
    line(("1", 80), top=114.0),  # centred in the 97-138 cell, under the first lines
    line(("y", 269), ("publicarlo.", 280), top=116.0),
    line(("único.", 99), top=118.0),
]
ROW_2 = [
    line(("31", 458), ("de", 470), ("Octubre", 482), ("2025", 525), top=143.0),
    line(("Habilitar", 269), ("un", 316), ("apartado.", 330), top=144.0),
    line(("Los", 99), ("resultados", 118), ("no", 170), ("se", 183), ("difunden.", 196), top=145.0),
    line(("2", 80), top=151.0),
]


def test_a_label_on_a_tilted_scan_reads_in_its_printed_order() -> None:
    words = [*HEAD[0].words]
    assert words[1].bbox.top < words[0].bbox.top + 1  # as read: in one line, not by rounded tops
    tilted = [Word("Fecha", BBox(458, 88.4, 478, 93.4)), Word("comprometida", BBox(480, 87.4, 540, 94.4))]
    assert _label_text(tilted) == "Fecha comprometida"


def test_each_ruled_row_keeps_the_lines_above_its_centred_number() -> None:
    rows = read_rows([(2, HEAD + ROW_1 + ROW_2, VRULES, HRULES)])
    assert [r.numero for r in rows] == [1, 2]
    first, second = (" ".join(ln.text for ln in r.cells.get("texto", [])) for r in rows)
    assert first == "No existe un padrón único."
    assert second == "Los resultados no se difunden."
    assert rows[0].fecha_lines == ["30 de Noviembre 2025"] and rows[1].fecha_lines == ["31 de Octubre 2025"]
    assert " ".join(ln.text for ln in rows[0].cells.get("actividad", [])) == "Integrar el padrón y publicarlo."


def test_a_lone_number_outside_the_table_is_still_the_page_number() -> None:
    footer = line(("2", 300), top=760.0)
    rows = read_rows([(2, [*HEAD, *ROW_1, footer], VRULES, HRULES)])
    assert [r.numero for r in rows] == [1]
    assert all("2" not in ln.text.split() for r in rows for lines in r.cells.values() for ln in lines)


def test_a_number_column_label_read_unsure_still_names_the_column() -> None:
    """Dev ASM scan 18: the head's 'N°' read 'N?' at 0.46 — a two-letter word that unsure is a
    speck anywhere in a body, but as a header label it names the number column; dropped, no row
    of the table was read (1 of 14)."""
    unsure = Line.from_words([Word("N?", BBox(72, 92, 79, 98), 0.46)])
    rows = read_rows([(2, [*HEAD[:3], unsure, *ROW_1, *ROW_2], VRULES, HRULES)])
    assert [r.numero for r in rows] == [1, 2]
    assert _label_text(list(unsure.words)) == "N?"


def test_a_header_whose_number_label_ocr_lost_still_gets_its_number_column() -> None:
    """Dev ASM scan 13: 'No.' printed white on a dark band read as nothing, the rows' numbers
    read (each first on its visual line, left of the 'Hallazgo' label); without a number column
    no row could start. Ruled only across: no column rules."""
    head = [
        line(
            ("Hallazgo", 165),
            ("Actividades", 309),
            ("comprometidas", 351),
            ("Fecha", 458),
            ("compromiso", 481),
            top=88.0,
        )
    ]
    body = [
        line(("1", 78), ("No", 99), ("existe", 112), ("un", 145), ("Integrar", 269), ("30", 458), ("de", 470),
             ("Noviembre", 482), ("2025", 530), top=102.0),
        line(("padrón.", 99), ("el", 269), ("padrón.", 281), top=111.0),
        line(("2", 78), ("Los", 99), ("resultados", 118), ("Habilitar", 269), ("31", 458), ("de", 470),
             ("Octubre", 482), ("2025", 525), top=143.0),
    ]  # fmt: skip
    rows = read_rows([(2, head + body, [], HRULES)])
    assert [r.numero for r in rows] == [1, 2]
    assert " ".join(ln.text for ln in rows[0].cells.get("texto", [])) == "No existe un padrón."
    assert rows[1].fecha_lines == ["31 de Octubre 2025"]


def test_a_garbled_header_over_a_ruled_table_yields_to_the_borders_its_rulings_match() -> None:
    """Dev scan 39 (fixtures/scan39_ocr_pages.json, its pages as OCR read them): the
    recommendations' header came out 'N? Descripción de la recomendación Actividad comprometida'
    over 'p ecomendació compro Je atención'; its borders cut the first row's words, which ended
    the table there, and recommendation 1 was lost. The findings' header on page 2, over rulings
    at the same x, gives the borders."""
    import json
    from pathlib import Path

    from extractors.convenio_asm import _rows
    from papeleo.model import Document, Page, Rule

    data = json.loads((Path(__file__).parent / "fixtures" / "scan39_ocr_pages.json").read_text(encoding="utf-8"))
    pages = [
        Page(
            number=p["number"],
            width=p["width"],
            height=p["height"],
            text_source="ocr",
            rules=tuple(Rule(*r) for r in p["rules"]),
            lines=tuple(
                Line.from_words([Word(t, BBox(x0, top, x1, bottom), c) for t, x0, top, x1, bottom, c in ln])
                for ln in p["lines"]
            ),
        )
        for p in data["pages"]
    ]
    rows = _rows(Document("0" * 64, "s39.pdf", "s39.pdf", "pdf", pages=pages, page_count=len(pages)))
    recs = [r for r in rows if r.tipo == "recomendacion"]
    assert [r.numero for r in recs] == [1, 2, 3, 4, 5]
    assert " ".join(c.text for c in recs[0].cells["texto"]).startswith("Se sugiere difundir los resultados")


def test_a_date_label_ocr_garbled_is_named_by_the_dates_under_it() -> None:
    # generated ASM scan 83: 'Fecha compromiso de atención' on a grey band read 'ERGO OMPESisO' /
    # 'de atención'; eight rows' dates were dropped with no flag
    head = [line(("No.", 74), ("Descripción", 99), ("del", 150), ("hallazgo", 170), ("Acción", 290), ("de", 325),
                  ("mejora", 340), ("comprometida", 375), ("ERGO", 474), ("OMPESisO", 500), top=252.0)]  # fmt: skip
    rows = []
    for k, top in enumerate((277.0, 342.0, 382.0)):
        rows += [
            line(
                (str(k + 1), 79),
                ("No", 99),
                ("existe", 112),
                ("un", 145),
                ("padrón.", 158),
                ("Integrar", 290),
                ("el", 331),
                ("padrón.", 343),
                ("30", 474),
                ("de", 487),
                ("SEPTIEMBRE", 500),
                top=top,
            ),  # fmt: skip
            line(("de", 474), ("2020", 487), top=top + 13),
        ]
    (got,) = read_rows([(1, head + rows, [], [], [])])[:1]
    assert got.numero == 1 and " ".join(got.fecha_lines).split() == ["30", "de", "SEPTIEMBRE", "de", "2020"]


def test_a_row_whose_number_opens_its_finding_line_keeps_the_cells_beside_it() -> None:
    # ASM scan 7800: no horizontal rule read; each row's date and first activity line a fifth of a
    # point higher than the line that opens with the row's number ('9 También ...', and 'Al' for
    # '11'), so they came first and went to the row above, unflagged
    head = [line(("No.", 72), ("Hallazgo", 95), ("Acción", 300), ("de", 330), ("mejora", 345), top=60.0)]
    head[0] = Line.from_words([*head[0].words, word("Fecha", 470, 60.0), word("compromiso", 500, 60.0)])

    def row(number: str, finding: str, activity: str, date: str, top: float) -> list[Line]:
        return [
            line(*[(w, 465 + 25 * k) for k, w in enumerate(date.split())], top=top - 0.2),
            line(*[(w, 270 + 30 * k) for k, w in enumerate(activity.split())], top=top - 0.2),
            line((number, 72), *[(w, 92 + 25 * k) for k, w in enumerate(finding.split())], top=top),
            line(*[(w, 92 + 25 * k) for k, w in enumerate("con el FONE.".split())], top=top + 9),
        ]

    body = (
        row("9", "No se documentan criterios", "Documentar los criterios.", "15 de mayo de 2025", 80.0)
        + row("10", "Existen deficiencias", "Implementar una base.", "30 de junio de 2025", 112.0)
        + row("Al", "No existen mecanismos", "Suscribir acuerdos.", "31 de julio de 2025", 153.0)
    )
    got = read_rows([(2, head + body, [], [], [])])
    dates = {(r.numero, r.tentative): r.fecha_lines for r in got}
    assert dates[(9, False)] == ["15 de mayo de 2025"]
    assert dates[(10, False)] == ["30 de junio de 2025"]
    assert ["31 de julio de 2025"] in dates.values() and len(got) == 3


def test_a_sentences_unsure_two_letter_first_word_is_kept_and_a_speck_covers_no_gutter() -> None:
    # ASM scan 7824, page 3: 'De' and 'Se' read at low confidence were dropped as specks ('11
    # igual manera, ...'); a quote OCR read before 'información' in the number column drew the
    # number's border into the text's gutter and then crossed it, ending the table (rows 12-15 lost)
    from extractors.convenio_asm import table_parts
    from extractors.convenio_asm.grid import Columns, _crosses
    from extractors.convenio_asm.head import borders

    def words(top: float, *spec: tuple[str, float, float]) -> list[Word]:
        return [
            Word(t, BBox(x0, top, x1, top + 8), c) for t, x0, x1, c in ((*w, 0.9) if len(w) == 3 else w for w in spec)
        ]

    first = words(130, ("11", 76.6, 83.8), ("De", 98.4, 108.3, 0.2), ("igual", 111.6, 128.9), ("manera,", 132.5, 163.0))
    assert first[1] in table_parts(first)
    speck = words(141, ("“información", 85.3, 141.9, 0.6), ("que", 145.0, 159.2), ("se", 162.3, 170.9))
    more = [
        words(152 + 11 * k, ("de", 98.2, 107.0), ("Recursos", 110.3, 146.0), ("Federales", 149.6, 187.1))
        for k in range(3)
    ]
    labels = [("numero", 74.2, 86.7), ("texto", 164.0, 198.8)]
    body = [Line.from_words(ws) for ws in (first, speck, *more)]
    (cut,) = borders(labels, body, [])
    assert 86.7 < cut < 98.2  # between the numbers and the text, not through the text
    assert not _crosses(body[1], Columns(["numero", "texto"], [cut], "hallazgo"))


def test_a_range_whose_dash_ocr_dropped_is_read_as_the_range_and_said() -> None:
    # ASM scan 7802: 'Julio 2018 – Noviembre 2018' read without its dash; before, a failure
    import datetime as dt

    from extractors.convenio_asm.records import read_fecha

    got = read_fecha("Julio 2018 Noviembre 2018")
    assert (got.value, got.precision) == (dt.date(2018, 11, 30), "mes")
    assert got.repairs == (("Julio 2018 Noviembre 2018", "Julio 2018 – Noviembre 2018"),) and "guion" in got.why
    # two days, or a second month before the first, may be two rows' dates: still unreadable
    assert not read_fecha("30 de junio de 2021 31 de julio de 2021").readable
    assert not read_fecha("Noviembre 2018 Julio 2018").readable


def test_signs_ocr_left_among_a_dates_words_are_undone_and_said() -> None:
    # scans 7518, 7525, 7527, 7719, 7808, 7826: each was a failure
    import datetime as dt

    from extractors.convenio_asm.records import read_fecha

    cases = {
        "1 de junio al 31 de - octubre de 2019": (dt.date(2019, 10, 31), "dia"),
        "1 de noviembre de 2023 al31 de enero de 2024": (dt.date(2024, 1, 31), "dia"),
        "Segundo Semestre de. 2022 y": (dt.date(2022, 12, 31), "mes"),
        "31.de Enero del-2023": (dt.date(2023, 1, 31), "dia"),
        "30 de Noviembre de - 2020": (dt.date(2020, 11, 30), "dia"),
        "31. de enero del 2026": (dt.date(2026, 1, 31), "dia"),  # scan 8525: a point after the day
        "Agosto de 201 9": (dt.date(2019, 8, 31), "mes"),  # scan 8504: a space inside the year
    }
    for printed, want in cases.items():
        got = read_fecha(printed)
        assert (got.value, got.precision) == want, printed
        assert got.repairs and got.repairs[0][0] == printed and "sueltos" in got.why
    assert not read_fecha("— — ME").readable  # no date under the signs: still a failure
    assert not read_fecha("2019 y 2020").readable  # two years are no year split by a space


def test_a_date_cut_after_its_de_by_a_speck_is_one_date_not_an_activitys_words() -> None:
    # scan 8523: '1 de enero al 31 de' / '. mayo de 2017' in the date cell; the first line was
    # handed to the activity as words a date cell does not hold, and the row read 'mes'
    import datetime as dt

    from extractors.convenio_asm.raw_row import CellLine, RawRow
    from extractors.convenio_asm.records import to_record

    raw = RawRow("recomendacion", 1, 1, fecha_lines=["1 de enero al 31 de", ". mayo de 2017"])
    raw.add("texto", CellLine("Es necesario establecer mecanismos.", 0.0, 10.0))
    raw.add("actividad", CellLine("Celebrar sesiones trimestrales de", 0.0, 10.0))
    rec, failure = to_record(raw, {}, {})
    assert failure is None
    assert (rec["fecha_compromiso"], rec["fecha_precision"]) == (dt.date(2017, 5, 31), "dia")
    assert rec["actividad_comprometida"] == "Celebrar sesiones trimestrales de"


def test_a_ruled_table_going_on_at_the_top_of_the_next_page_keeps_its_kind() -> None:
    # ASM text PDF 8019: the recommendations' last row alone at the top of page 3, under no
    # header, was read by the first header with the same rulings, the findings', as a finding
    rec_head = [HEAD[0], HEAD[1], line(("Recomendación", 150), top=91.0), HEAD[3]]
    page3_rules = [(x, 40.0, 120.0) for x in (67.0, 95.0, 265.0, 449.0, 539.0)]
    page3 = [
        line(("2", 80), ("Se", 99), ("sugiere", 112), ("conciliar.", 150), top=50.0),
        line(("Conciliar", 269), ("la", 310), ("información.", 322), top=50.0),
        line(("31", 458), ("de", 470), ("Enero", 482), ("2026", 520), top=50.0),
    ]
    rows = read_rows(
        [(1, HEAD + ROW_1, VRULES, HRULES), (2, rec_head + ROW_1, VRULES, HRULES), (3, page3, page3_rules, [])]
    )
    assert [(r.tipo, r.numero) for r in rows] == [("hallazgo", 1), ("recomendacion", 1), ("recomendacion", 2)]


def test_a_date_label_ocr_garbled_and_cut_in_two_over_its_dates() -> None:
    # ASM scan 7708: 'Fecha de cumplimiento' read 'Fecra ce cum' / 'm ento'; the activities' lines
    # reach under the label's left, so their words mixed with the dates and the column was not
    # found: four rows' dates dropped with no flag
    head = line(
        ("ñ", 81),
        ("Hallazgo", 168),
        ("Actividad", 319),
        ("comprometida", 362),
        ("Fecra", 459),
        ("ce", 487),
        ("cum", 497),
        ("m", 523),
        ("ento", 528),
        top=70.0,
    )
    dates = ("Junio 2024", "Enero 2025", "Mayo 2025", "Febrero 2025")
    body = []
    for n, date in enumerate(dates, start=1):
        top = 84.0 + 32 * (n - 1)
        month, year = date.split()
        body += [
            line(
                (str(n), 81),
                ("Se", 100),
                ("observa", 115),
                ("la", 155),
                ("falta.", 170),
                ("Suscribir", 271),
                ("acuerdos", 320),
                ("que", 370),
                ("definan", 420),
                (month, 478),
                (year, 510),
                top=top,
            ),
            line(("Más", 100), ("texto.", 125), ("calendarios", 271), ("de", 330), ("entrega.", 345), top=top + 9),
        ]
    rows = read_rows([(2, [head, *body], [], [], [])])
    assert [" ".join(r.fecha_lines) for r in rows] == list(dates)


def test_a_header_repeated_on_a_new_page_with_its_date_label_garbled_keeps_the_date_column() -> None:
    # dev ASM scan 47: the next page repeats the header with 'Fecha de' read 'Fe0n 96'; its two
    # rows' dates were dropped with no flag (two rows: too few to tell the column by its dates)
    def head(date_words: list[tuple[str, float]]) -> Line:
        return line(("ñ", 81), ("Hallazgo", 168), ("Actividad", 319), ("comprometida", 362), *date_words, top=70.0)

    findings = {
        1: ("No", "existe", "padrón."),
        2: ("Faltan", "los", "manuales."),
        3: ("Se", "reintegraron", "recursos."),
        4: ("Los", "indicadores", "fallan."),
    }
    activities = {1: "Integrar", 2: "Elaborar", 3: "Realizar", 4: "Rediseñar"}

    def rows_from(first: int, dates: tuple[str, ...]) -> list[Line]:
        out = []
        for n, date in enumerate(dates, start=first):
            month, year = date.split()
            words = [(w, 100 + 40 * k) for k, w in enumerate(findings[n])]
            out.append(
                line((str(n), 81), *words, (activities[n], 271), (month, 478), (year, 510), top=84.0 + 20 * (n - first))
            )
        return out

    page1 = [head([("Fecha", 459), ("compromiso", 487)]), *rows_from(1, ("Mayo 2026", "Junio 2026"))]
    page2 = [head([("Fe0n", 459), ("96", 490)]), *rows_from(3, ("Agosto 2026", "Marzo 2027"))]
    rows = read_rows([(2, page1, [], [], []), (3, page2, [], [], [])])
    assert [(r.numero, " ".join(r.fecha_lines)) for r in rows] == [
        (1, "Mayo 2026"),
        (2, "Junio 2026"),
        (3, "Agosto 2026"),
        (4, "Marzo 2027"),
    ]


def test_a_first_rows_number_read_as_a_sign_opens_a_row_its_neighbour_numbers() -> None:
    """Dev scan 77: row 1's '1' read '>' under a turned head; no row had started, so its cells
    were dropped with no flag. The sign opens a tentative row, numbered 1 because the next is 2,
    and the number says it was read back."""
    from extractors.convenio_asm.numbering import placed

    row_1 = [
        line((">", 80), top=106.0),
        line(("30", 458), ("de", 470), ("Noviembre", 482), ("2025", 530), top=106.5),
        line(("Integrar", 269), ("el", 310), ("padrón.", 322), top=107.0),
        line(("No", 99), ("existe", 112), ("un", 145), ("padrón.", 158), top=107.5),
    ]
    rows = placed(read_rows([(2, HEAD + row_1 + ROW_2, VRULES, HRULES)]))
    assert [(r.numero, r.tentative) for r in rows] == [(1, False), (2, False)]
    assert " ".join(ln.text for ln in rows[0].cells.get("texto", [])) == "No existe un padrón."
    assert rows[0].read_numero == ">"
    # a rule's bar there is no number: nothing opens
    bar = [line(("|", 80), top=106.0)]
    assert [r.numero for r in placed(read_rows([(2, HEAD + bar + ROW_2, VRULES, HRULES)]))] == [2]


def test_a_run_of_garbled_row_numbers_that_fills_its_gap_is_numbered_in_order() -> None:
    # dev ASM scan 8520 (unruled): rows 2 and 3 read 'Z' and 'S' between 1 and 4; both were
    # joined to row 1 (the secuencia check flagged it). Rows with no number cell read at all
    # are not numbered so: they may be lines of the row above
    from extractors.convenio_asm.numbering import placed
    from extractors.convenio_asm.raw_row import CellLine, RawRow

    def rows(*marks: str | None) -> list[RawRow]:
        out = []
        for k, mark in enumerate(marks, start=1):
            r = RawRow("hallazgo", k if mark is None else 0, 1, read_numero=mark, tentative=mark is not None)
            r.add("texto", CellLine(f"fila {k}", 0.0, 10.0))
            out.append(r)
        return out

    got = placed(rows(None, "Z", "S", None))
    assert [(r.numero, r.read_numero) for r in got] == [(1, None), (2, "Z"), (3, "S"), (4, None)]
    # the last row's number read as 4 is what pins the run: with it read 5 the run does not fit
    fifth = rows(None, "Z", "S", None)
    fifth[3].numero = 5
    assert [r.numero for r in placed(fifth)] == [1, 5]
    # number cells not read at all: joined to the row above, as before
    lost = rows(None, "", "", None)
    assert [r.numero for r in placed(lost)] == [1, 4]
