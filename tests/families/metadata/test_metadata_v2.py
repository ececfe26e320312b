"""metadata.v2 on documents built by hand: one mechanism per test, in the patterns Mexican and
Central-American official documents share (letterheads, oficio numbers, addressee blocks,
signature blocks, signing formulas, 'Fecha de corte'). Values are invented; the patterns are not.
"""

import datetime as dt

from extractors.metadata import v2
from helpers import make_document, pages_document
from papeleo import registry
from papeleo.model import BBox, Document, Line, Page, Word


def fields(text: str) -> dict:
    return v2.document_to_fields(make_document(text))


def row_words(text: str, x0: float, top: float, x1: float, scanned: bool = False) -> list[Word]:
    """A row's words spread evenly from x0 to x1; on a scan, a word written 'WORD/0.3' was read at
    that confidence (0.96 otherwise), and a text layer's words are sure (1.0)."""
    tokens = text.split()
    step = (x1 - x0) / len(tokens)
    words = []
    for i, token in enumerate(tokens):
        box = BBox(x0 + i * step, top, x0 + (i + 1) * step - 2, top + 10)
        if scanned:
            word, _, conf = token.rpartition("/") if "/0." in token else (token, "", "0.96")
            words.append(Word(word, box, float(conf)))
        else:
            words.append(Word(token, box))
    return words


def geometry_page(rows: list[tuple[str, float, float, float]], number: int = 1) -> Page:
    """A text-layer page from (text, x0, top, x1) rows, words spread evenly over the row."""
    lines = tuple(Line.from_words(tuple(row_words(*row))) for row in rows)
    return Page(number=number, lines=lines, text_source="text_layer", width=612, height=792)


def geometry_document(*pages: Page) -> Document:
    return pages_document(*pages)


LETTER = """INSTITUTO TECNOLÓGICO SUPERIOR DE SANTA ROSA
Santa Rosa, Valle Verde, a 4 de mayo de 2023
OFICIO No. ITSSR/DG/118/2023
ASUNTO: Envío de información
LIC. MARTA LÓPEZ RUIZ
SECRETARIA DE LA CONTRALORÍA DEL ESTADO DE VALLE VERDE
PRESENTE
En atención a su oficio No. SC/DEG/455/2023 de fecha 20 de abril de 2023, le envío el informe solicitado.
ATENTAMENTE
ING. PEDRO SALAS MORA
DIRECTOR GENERAL
C.c.p. Secretaría de Finanzas del Estado de Valle Verde. Para su conocimiento."""


def test_a_letter_is_issued_by_its_letterhead_not_its_addressee():
    got = fields(LETTER)
    assert got["emisor"] == "Instituto Tecnológico Superior de Santa Rosa"


def test_a_letter_number_is_its_own_oficio_not_the_one_it_answers():
    assert fields(LETTER)["clave_documento"] == "ITSSR/DG/118/2023"


def test_a_letter_is_dated_by_its_dateline_not_by_the_oficio_it_answers():
    got = fields(LETTER)
    assert got["fecha_documento"] == dt.date(2023, 5, 4)
    assert got["fecha_documento_fuente"].startswith("lugar_y_fecha")


AUDIT = """Secretaría de Obras Públicas del Estado de Valle Verde
Informe Individual de Auditoría
Secretaría de Obras Públicas del Estado de Valle Verde
Auditoría de cumplimiento número OSFVV/DAF/AC-03/2023
I. Antecedentes
Con fecha 21 de agosto del año 2023 se presentó ante esta Auditoría Superior del Estado de Valle Verde una
denuncia sobre el contrato SOP-DGA-01-02-2019, notificada mediante oficio OSFVV/DAS/4253/2023 de fecha 30 de
octubre de 2023.
Secretaría de Obras Públicas del Estado de Valle Verde
La entidad fiscalizada remitió el oficio número(s) SOP/DGA/0038/2024, de fecha(s) 19/01/2024, que no atiende.
La entidad fiscalizada remitió el oficio número(s) SOP/DGA/0038/2024, de fecha(s) 19/01/2024, que no atiende.
Secretaría de Obras Públicas del Estado de Valle Verde
La entidad fiscalizada remitió el oficio número(s) SOP/DGA/0038/2024, de fecha(s) 19/01/2024, que no atiende."""


def test_an_audit_report_is_issued_by_the_audit_office_not_the_audited_body():
    assert fields(AUDIT)["emisor"] == "Auditoría Superior del Estado de Valle Verde"


def test_an_audit_number_in_the_title_block_beats_a_reply_letter_cited_again_and_again():
    assert fields(AUDIT)["clave_documento"] == "OSFVV/DAF/AC-03/2023"


def test_narrated_dates_and_reference_numbers_do_not_date_a_document():
    assert fields(AUDIT)["fecha_documento"] is None  # a denuncia's date, an oficio's date, a contract number


def test_a_dateline_in_words_with_del_ano():
    got = fields("Informe de actividades\nTexto del informe.\nPachuca de Soto, Hidalgo, a 21 de agosto del año 2023.")
    assert got["fecha_documento"] == dt.date(2023, 8, 21)


def test_a_firm_signs_under_its_director_and_the_audited_institute_is_the_addressee():
    text = """DIRECTORA GENERAL DEL INSTITUTO TECNOLÓGICO DE LAS LOMAS
PRESENTE
Le entrego el informe de la auditoría externa de la matrícula del Instituto Tecnológico de las Lomas.
Atentamente
Mtra. Laura Pérez Gil
Directora General
Consultores Asociados del Sur, S.C."""
    assert fields(text)["emisor"] == "Consultores Asociados del Sur, S.C."


def test_the_signers_post_names_the_body_it_heads():
    text = """Hago de su conocimiento los resultados.
ATENTAMENTE
MTRO. JUAN PABLO RÍOS
SECRETARIO DE EDUCACIÓN"""
    assert fields(text)["emisor"] == "Secretaría de Educación"


def test_a_convenio_is_issued_by_its_first_party_named_with_its_government():
    text = """“2024. Año del Bicentenario”
CONVENIO DE COORDINACIÓN, QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE PLANEACIÓN, REPRESENTADA POR ANA RUIZ, Y POR LA OTRA EL INSTITUTO DE LA VIVIENDA DEL ESTADO DE VALLE VERDE, A QUIENES SE LES DENOMINARÁ “LA SECRETARÍA” Y “EL INSTITUTO”:
ANTECEDENTES
El Gobierno del Estado de Valle Verde impulsa una gestión orientada a resultados.
Leído el presente convenio, lo firman por duplicado en Santa Catalina, Valle Verde, a 15 de marzo de 2024."""
    got = fields(text)
    assert got["emisor"] == "Secretaría de Planeación del Gobierno del Estado de Valle Verde"
    assert got["titulo"] == "CONVENIO DE COORDINACIÓN"
    assert got["fecha_documento"] == dt.date(2024, 3, 15)


def test_signing_beats_cut_off_and_cut_off_beats_nothing():
    report = "H. AYUNTAMIENTO DE SAN PEDRO\nReporte de Avance de Indicadores\nFecha de corte: 30 de junio de 2024\n"
    assert fields(report)["fecha_documento"] == dt.date(2024, 6, 30)
    signed = report + "Fecha de elaboración: 12 de julio de 2024"
    assert fields(signed)["fecha_documento"] == dt.date(2024, 7, 12)


def test_title_skips_the_letterhead_its_fields_and_the_period():
    text = """H. AYUNTAMIENTO DE SAN PEDRO DEL RÍO     Ejercicio Fiscal 2024
Reporte de Avance de Indicadores para Resultados
Tercer Trimestre 2024
Programa presupuestario: E014 Alumbrado Público"""
    got = fields(text)
    assert got["titulo"] == "Reporte de Avance de Indicadores para Resultados"
    assert got["emisor"] == "H. Ayuntamiento de San Pedro del Río"


def test_a_table_or_a_paragraph_at_the_top_is_no_title():
    table = "Nivel Resumen narrativo Indicador Frecuencia Meta anual\n2.3.1 Contribuir a mejorar el Programa Municipal"
    assert fields(table)["titulo"] is None
    prose = (
        "I. Antecedentes\nPara el año 2022 el hospital no cuenta con un programa de atención que provea a los "
        "pacientes de la región del servicio que necesitan."
    )
    assert fields(prose)["titulo"] is None


def test_a_wrapped_centred_title_is_joined_and_ends_at_a_field():
    page = geometry_page(
        [
            ("GOBIERNO DEL ESTADO DE VALLE VERDE", 200, 30, 412),
            ("Programa Anual de Evaluación de los Programas Presupuestarios", 130, 120, 482),
            ("y Fondos Federales del Ejercicio Fiscal", 190, 134, 422),
            ("2023", 290, 148, 322),
            ("Dependencia: Secretaría de Bienestar", 60, 180, 300),
        ]
    )
    got = v2.document_to_fields(geometry_document(page))
    assert (
        got["titulo"]
        == "Programa Anual de Evaluación de los Programas Presupuestarios y Fondos Federales del Ejercicio Fiscal 2023"
    )


def test_a_cover_letter_has_no_title_the_annex_after_it_has():
    letter = geometry_page(
        [
            ("Instituto Tecnológico de las Lomas", 330, 70, 550),
            ("No. OFICIO: ITL/DG/209/2022", 380, 140, 550),
            ("MARÍA REYES", 70, 190, 200),
            ("SECRETARÍA DE LA CONTRALORÍA", 70, 204, 260),
            ("PRESENTE.", 70, 218, 130),
            ("Le envío en un CD el Anexo del Seguimiento de los Aspectos Susceptibles de Mejora.", 70, 250, 550),
        ]
    )
    annex = geometry_page(
        [
            ("Documento de Trabajo de los Aspectos Susceptibles de Mejora", 150, 140, 470),
            ("Anexo B", 280, 154, 330),
            ("Nombre de la Entidad: Instituto Tecnológico de las Lomas", 50, 200, 400),
        ],
        number=2,
    )
    got = v2.document_to_fields(geometry_document(letter, annex))
    assert got["titulo"] == "Documento de Trabajo de los Aspectos Susceptibles de Mejora Anexo B"
    assert got["clave_documento"] == "ITL/DG/209/2022"
    assert got["emisor"] == "Instituto Tecnológico de las Lomas"


def test_a_running_footer_gives_the_title_when_no_page_has_a_title_block():
    pages = [
        geometry_page(
            [
                (f"{n}. Resultados de la revisión", 72, 120, 300),
                (f"Se revisaron {10 * n} expedientes de la matrícula escolar del grupo {n}.", 72, 140, 540),
                ("INFORME DE AUDITORÍA DE MATRÍCULA", 400, 730, 540),
                (f"UNIVERSIDAD POLITÉCNICA DEL VALLE Página {n} de 3", 320, 741, 540),
            ],
            number=n,
        )
        for n in (1, 2, 3)
    ]
    got = v2.document_to_fields(geometry_document(*pages))
    assert got["titulo"] == "INFORME DE AUDITORÍA DE MATRÍCULA UNIVERSIDAD POLITÉCNICA DEL VALLE"


def test_nothing_supported_stays_null():
    got = fields("una nota sin encabezado ni firma")
    assert all(got[k] is None for k in ("emisor", "titulo", "clave_documento", "fecha_documento"))


def test_both_versions_are_registered_and_the_spec_runs_v2():
    assert {"metadata.v1", "metadata.v2"} <= set(registry.names())
    assert registry.specs()["metadata"].runs == "metadata.v2"


def ocr_page(rows: list[tuple[str, float, float, float]]) -> Page:
    """A scanned page from (text, x0, top, x1) rows, rows at one top making one line; a word written
    'WORD/0.3' was read at that confidence."""
    by_top: dict[float, list[Word]] = {}
    for text, x0, top, x1 in rows:
        by_top.setdefault(top, []).extend(row_words(text, x0, top, x1, scanned=True))
    lines = tuple(Line.from_words(tuple(words)) for _, words in sorted(by_top.items()))
    return Page(number=1, lines=lines, text_source="ocr", width=612, height=792)


def test_a_logos_lettering_read_unsure_is_no_title():
    """Local binarisation reads a logo's curved lettering as a line: two of its words unsure, and
    'ESTADO' one edit from the title noun 'estados' (the shape of chis_icatech_sevac_indicadores)."""
    page = ocr_page(
        [
            ("GOBIERNO DEL ESTADO DE COSTA ESMERALDA", 150, 30, 460),
            ("METÍ/0.24 TECNOLÓGICA/0.73 DEL ESTADO DE CORAZAS./0.36", 150, 60, 460),
            ("INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2021", 120, 90, 490),
            (
                "Organismo Público: Instituto de Capacitación v Vinculación/0.27 del Estado de Costa Esmeralda",
                60,
                120,
                560,
            ),
        ]
    )
    got = v2.document_to_fields(geometry_document(page))
    assert got["titulo"] == "INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2021"
    # 'v' is OCR's 'y': the name goes on past it
    assert got["emisor"] == "Instituto de Capacitación y Vinculación del Estado de Costa Esmeralda"


def test_a_damaged_title_keeps_its_title_noun():
    page = ocr_page(
        [
            ("CONVENIO DE COLABORACIÓN/0.20 PARA LA MEJORA DEL DESEMPEÑO/0.34 Y RESULTADOS", 60, 70, 560),
            ("GUBERNAMENTALES, QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE SALUD", 60, 84, 560),
        ]
    )
    got = v2.document_to_fields(geometry_document(page))
    assert got["titulo"] == "CONVENIO DE COLABORACIÓN PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"


def test_a_motto_under_the_title_is_not_part_of_it_and_two_letters_are_no_acronym():
    """The shape of hgo_aseh_informe_excepcional's cover: a logo cut to 'AS', its motto under the
    title; the issuer names itself in the text ('esta Auditoría Superior del Estado de ...')."""
    cover = ocr_page(
        [
            ("AS/0.83 —=/0.17", 40, 118, 150),
            ("INFORME", 250, 118, 360),
            ("a/0.11", 40, 152, 60),
            ("EXCEPCIONAL", 230, 152, 380),
            ("LEALTAD - HONESTIDAD - TRANSPARENCIA", 60, 174, 300),
            ("SECRETARÍA DE OBRAS PÚBLICAS", 200, 576, 500),
        ]
    )
    body = geometry_page(
        [
            ("I. Antecedentes", 60, 100, 200),
            ("Se presentó ante esta Auditoría Superior del Estado de Costa Esmeralda una denuncia", 60, 130, 560),
            ("sobre la obra, según el Reglamento Interior de la Auditoría Superior", 60, 143, 560),
            ("del Estado de Costa Esmeralda.", 60, 156, 300),
        ],
        number=2,
    )
    got = v2.document_to_fields(geometry_document(cover, body))
    assert got["titulo"] == "INFORME EXCEPCIONAL"
    assert got["emisor"] == "Auditoría Superior del Estado de Costa Esmeralda"


def test_a_report_without_letterhead_is_issued_by_the_body_whose_mandate_it_carries_out():
    """Seed 000's export lost the cover: the report only says whose mandate it exercises."""
    text = (
        "I. Antecedentes\n"
        "El documentar esta situación y realizar las acciones que competen al mandato\n"
        "constitucional del Procurador de los Derechos Humanos, dentro de estas: denuncias\n"
        "públicas y comunicaciones a la Comisión Interamericana de Derechos Humanos.\n"
        "No se ha dado respuesta por parte del Ministerio de Salud Pública y Asistencia Social.\n"
    )
    assert v2.document_to_fields(make_document(text))["emisor"] == "Procurador de los Derechos Humanos"
    # the mandate of a body the report only speaks of is no self-description
    other = "El Ministerio de Salud no cumple el mandato constitucional del Estado de garantizar la salud.\n"
    assert v2.document_to_fields(make_document(other))["emisor"] is None
