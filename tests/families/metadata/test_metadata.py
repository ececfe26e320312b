import datetime as dt

from extractors import metadata
from helpers import SEEDS, make_document, requires_seeds


def test_issuer_inside_a_header_line_and_quoted_parties_skipped():
    doc = make_document(
        "SECRETARÍA”, “LA CONTRALORÍA” Y “EL SUJETO EVALUADO”, Y ACTUANDO EN CONJUNTO\n"
        "VALLE VERDE INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE\n"
        "PROCURADURÍA CIUDADANA DE DERECHOS HUMANOS Defensoría de la Salud"
    )
    assert metadata.document_to_emisor(doc) == "INSTITUTO ELECTORAL DEL ESTADO DE VALLE VERDE"


def test_reference_number_is_the_one_in_every_running_header():
    doc = make_document("IEEV/CV/SPE/03/2024\nvisto el acuerdo INE/CG909/2015\f IEEV/CV/SPE/03/2024\ntexto")
    assert metadata.document_to_clave(doc) == "IEEV/CV/SPE/03/2024"


def test_date_of_the_closing_formula():
    doc = make_document("El 3 de mayo de 2019 se publicó.\nSanta Catalina, Valle Verde, a 15 de marzo de 2024.")
    assert metadata.document_to_fecha(doc) == dt.date(2024, 3, 15)


def test_nothing_found_stays_null():
    assert metadata.extract(make_document("una nota sin encabezado")).document == {}


@requires_seeds
def test_seed_003_fields():
    doc = make_document((SEEDS / "003_7d2b415eb347f7ac.txt").read_text("utf-8"))
    fields = metadata.extract(doc).document
    assert fields["emisor"] == "INSTITUTO ELECTORAL DE MICHOACÁN"
    assert fields["clave_documento"] == "IEM/CV/SPE/07/2020"
    # 'aprobado en Sesión Virtual Ordinaria ... celebrada con fecha 24 de octubre de 2020'
    assert fields["fecha_documento"] == dt.date(2020, 10, 24)
    assert fields["titulo"].startswith("ACUERDO DE LA COMISIÓN DE VINCULACIÓN Y SERVICIO PROFESIONAL ELECTORAL")


def test_title_in_ordinary_case_under_the_issuer():
    doc = make_document(
        "H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE Ejercicio Fiscal 2024\n"
        "Matriz de Indicadores para Resultados — Avance Trimestral\nSegundo Trimestre 2024"
    )
    assert metadata.document_to_titulo(doc) == "Matriz de Indicadores para Resultados — Avance Trimestral"
