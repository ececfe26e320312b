from extractors import mentions
from helpers import SEEDS, make_document, requires_seeds


def _by_tipo(records, tipo):
    return [r["valor"] for r in records if r["tipo"] == tipo]


def test_url_split_over_lines_is_rejoined():
    doc = make_document(
        "2 https://www.pdh.org.gt/comunicacion/noticias/pdh-verifica-denuncias-por-\n"
        "\n"
        "desabastecimiento-en-hospital-general-san-juan-de-dios.html \n"
        " cautelares en la CIDH, acciones legales, incidencia, etc."
    )
    urls = _by_tipo(mentions.extract(doc).records, "url")
    assert urls == [
        "https://www.pdh.org.gt/comunicacion/noticias/pdh-verifica-denuncias-por-desabastecimiento-en-hospital-general-san-juan-de-dios.html"
    ]


def test_prose_after_a_complete_url_is_not_glued_on():
    doc = make_document("https://www.reconstruyendovidas.com/ \nEscriba el texto aquí\nwww.iem.org.mx.")
    assert _by_tipo(mentions.extract(doc).records, "url") == ["https://www.reconstruyendovidas.com/", "www.iem.org.mx"]


def test_dates_across_a_line_break_and_with_spelled_numbers():
    doc = make_document(
        "publicó en fecha 23 de febrero de\n2017, y el 30 treinta de octubre de 2015 dos mil quince;\nJulio 2019"
    )
    fechas = _by_tipo(mentions.extract(doc).records, "fecha")
    assert fechas == ["2017-02-23", "2015-10-30", "2019-07"]


def test_impossible_dates_are_not_mentions():
    assert _by_tipo(mentions.extract(make_document("el 31 de junio de 2020")).records, "fecha") == []


def test_a_repeated_value_is_one_mention_with_its_count():
    doc = make_document("ver www.iem.org.mx\f ver www.iem.org.mx")
    recs = [r for r in mentions.extract(doc).records if r["tipo"] == "url"]
    assert len(recs) == 1 and recs[0]["ocurrencias"] == 2 and recs[0]["page"] == 1


@requires_seeds
def test_seed_000_footnote_urls():
    text = (SEEDS / "000_d25be6a88549277e.txt").read_text("utf-8")
    urls = _by_tipo(mentions.extract(make_document(text)).records, "url")
    # footnote 1, printed over two lines in the seed and once whole below it
    assert "https://www.academia.edu/37157265/MSPAS_2016_Diagnostico_Nacional_de_Salud_Guatemala_pdf" in urls
    # footnote 7, split after '-0-'
    assert "https://www.prensalibre.com/guatemala/comunitario/inauguran-sala-cancerologia-0-1105089502/" in urls
    assert not any(u.endswith(("-", "_Gu")) for u in urls)


@requires_seeds
def test_seed_002_dates():
    text = (SEEDS / "002_75ab779a66a08885.txt").read_text("utf-8")
    fechas = _by_tipo(mentions.extract(make_document(text)).records, "fecha")
    for expected in ("2017-02-23", "2017-04-26", "2019-05-31", "2013-12-09", "2014-01-13", "2019-07"):
        assert expected in fechas


def test_url_with_ocr_spaces_is_rejoined():
    doc = make_document("consultar en https: //difvalleverde.gob. mx/transparencia/aspectos-susceptibles-de-mejora. ;")
    recs = [r for r in mentions.extract(doc).records if r["tipo"] == "url"]
    assert [r["valor"] for r in recs] == ["https://difvalleverde.gob.mx/transparencia/aspectos-susceptibles-de-mejora"]
    assert recs[0]["texto_original"].startswith("https: //difvalleverde.gob. mx/")


def test_url_whose_dot_ocr_read_as_a_space_goes_on_into_its_path():
    # the committed informe sample scan: the '.' of '.gt' read as a space
    doc = make_document("https: //www.procuraduriaciudadana.org gUinformes/informe-anual-2022/capitulo-salud.pdf")
    urls = [r["valor"] for r in mentions.extract(doc).records if r["tipo"] == "url"]
    assert urls == ["https://www.procuraduriaciudadana.orggUinformes/informe-anual-2022/capitulo-salud.pdf"]
    # prose after a URL is not a path: 'y/o' ends no token with a path of its own
    doc = make_document("ver https://x.gob.mx y/o el portal")
    assert [r["valor"] for r in mentions.extract(doc).records if r["tipo"] == "url"] == ["https://x.gob.mx"]


def test_prose_after_a_url_and_a_full_stop_is_not_glued_on():
    doc = make_document("Véase www.iem.org.mx. Después se aprobó el acuerdo.")
    assert [r["valor"] for r in mentions.extract(doc).records if r["tipo"] == "url"] == ["www.iem.org.mx"]


def test_ocr_mangled_scheme_is_normalised():
    doc = make_document("disponible en https//transparencia.gob.mx/pbr/mir\nver hups://www.pdh.org.gt/informes/a.pdf")
    urls = [r["valor"] for r in mentions.extract(doc).records if r["tipo"] == "url"]
    assert urls == ["https://transparencia.gob.mx/pbr/mir", "https://www.pdh.org.gt/informes/a.pdf"]


def test_words_like_http_in_prose_are_not_urls():
    doc = make_document("el hipopótamo y la hélice // no son enlaces")
    assert [r for r in mentions.extract(doc).records if r["tipo"] == "url"] == []


def test_constitutional_actions_one_value_however_printed():
    doc = make_document(
        "5 Acción Constitucional de Amparo 1177-2017. Amparo No. 277-\n2018. Recurso de Amparo No. 812-2020.\n"
        "el Juicio de Amparo 1234/2021 y el Amparo en Revisíon 567/2020; ver el Amparo 1177-2017."
    )
    recs = [r for r in mentions.extract(doc).records if r["tipo"] == "referencia_legal"]
    assert [r["valor"] for r in recs] == [
        "Amparo 1177-2017",
        "Amparo 277-2018",
        "Amparo 812-2020",
        "Amparo 1234/2021",
        "Amparo en Revisión 567/2020",
    ]
    assert recs[0]["ocurrencias"] == 2 and recs[0]["texto_original"] == "Acción Constitucional de Amparo 1177-2017"


def test_a_case_number_ocr_damaged_is_no_mention():
    """'374-20|8' read up to the damage would be another case's number: nothing, not a wrong one."""
    doc = make_document("Dar cumplimiento a lo dispuesto en el Amparo 374-20|8 para garantizar la atención.")
    assert _by_tipo(mentions.extract(doc).records, "referencia_legal") == []


@requires_seeds
def test_seed_000_amparos_of_its_fifth_note():
    text = (SEEDS / "000_d25be6a88549277e.txt").read_text("utf-8")
    refs = _by_tipo(mentions.extract(make_document(text)).records, "referencia_legal")
    assert refs == ["Amparo 1177-2017", "Amparo 277-2018", "Amparo 3501-2011"]
