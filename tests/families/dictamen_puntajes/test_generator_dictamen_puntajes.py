"""The seeded dictamen_puntajes generator (samples/gen/dictamen_puntajes): deterministic, covering
every axis it draws, and drawing what its truth says.

These check the generator, not papeleo: expected values come from the truth and variant the
generator returns, and the PDF is read back with pdfplumber only to see that the drawing holds
them where the truth says. The arithmetic is recomputed here from the printed numbers, with
floats, so a generator that printed a final score its weighting does not give (and did not
record as deliberately broken) fails.
"""

from __future__ import annotations

import logging
import math
import re
import sys
from collections import Counter, defaultdict

import pdfplumber
import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import OCR_TEXT, SCAN_PDF, TEXT_PDF  # noqa: E402
from gen.dictamen_puntajes import generate, labels, scores, shares  # noqa: E402
from gen.dictamen_puntajes.bodies import KINDS, NOT_A_BODY  # noqa: E402
from gen.dictamen_puntajes.generator import spec_variant  # noqa: E402
from gen.dictamen_puntajes.names import GARBLE_OPS  # noqa: E402
from gen.dictamen_puntajes.spec import draw_spec  # noqa: E402

sys.dont_write_bytecode = _no_bytecode
log = logging.getLogger(__name__)

COVERAGE_SEEDS = range(200)
LAYOUT_SEEDS = range(0, 40)  # drawn in full (text PDF) for the layout-decided axes and the arithmetic
TEXT_LAYER_SEEDS = (0, 3, 7, 11, 19, 26)  # read back with pdfplumber (slowest part of this file)
FIELD_OF = {
    "ind": "metas_individuales",
    "col": "metas_colectivas",
    "comp": "competencias",
    "final": "calificacion_final",
}
PAGE_FURNITURE = re.compile(r"^\d+$|Página \d+ de \d+$")


def variants(seeds) -> list[dict]:
    return [spec_variant(draw_spec(s)) for s in seeds]


def channel_seeds(n: int, start: int = 0) -> list[int]:
    """Seeds whose OCR'd text comes from the damage channel (no tesseract in the fast tests)."""
    out, s = [], start
    while len(out) < n:
        if draw_spec(s).text.ocr_path == "channel":
            out.append(s)
        s += 1
    return out


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Text PDFs and truths of LAYOUT_SEEDS, generated once for the module."""
    out = tmp_path_factory.mktemp("dictamen")
    return {s: generate(s, out, (TEXT_PDF,)) for s in LAYOUT_SEEDS}


def pdf_pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def printed(value, variant) -> str:
    """A score as the document prints it (the variant says separator, decimals and N/A token)."""
    if value is None:
        return variant["token_na"]
    return f"{value:.{variant['decimales']}f}".replace(".", variant["separador_decimal"])


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def body_text(page: str) -> str:
    """A page's text without its page-number lines (a phrase cut by a page break reads on)."""
    return " ".join(ln for ln in page.splitlines() if not PAGE_FURNITURE.search(ln.strip()))


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_same_truth_and_pdf_bytes(tmp_path):
    a = generate(5, tmp_path / "a", (TEXT_PDF, OCR_TEXT))
    b = generate(5, tmp_path / "b", (TEXT_PDF, OCR_TEXT))
    assert a.truth == b.truth and a.variant == b.variant
    assert a.files[TEXT_PDF].read_bytes() == b.files[TEXT_PDF].read_bytes()
    assert a.files[OCR_TEXT].read_text() == b.files[OCR_TEXT].read_text()
    c = generate(6, tmp_path / "c", (TEXT_PDF,))
    assert c.truth != a.truth


def test_forms_asked_for_do_not_change_each_other(tmp_path):
    seed = channel_seeds(1, 40)[0]
    alone = generate(seed, tmp_path / "alone", (OCR_TEXT,))
    both = generate(seed, tmp_path / "both", (TEXT_PDF, OCR_TEXT))
    assert set(alone.files) == {OCR_TEXT}
    assert alone.files[OCR_TEXT].read_text() == both.files[OCR_TEXT].read_text()
    assert alone.truth == both.truth


# --- coverage of the variety --------------------------------------------------------------------


def expected_axes() -> dict[str, set]:
    """Every value each drawn axis can take, from the generator's own distributions."""
    return {
        "tipo_institucion": set(KINDS),
        "proposito": set(shares.PURPOSE_SHARE),
        "ponderacion": {s.name for s in scores.SCHEMES},
        "ponderacion_declarada": set(shares.WEIGHTS_STATED),
        "redondeo": set(shares.ROUNDING_SHARE),
        "escala": set(shares.SCALE_SHARE),
        "decimales": {2, 3},
        "separador_decimal": set(shares.DECIMAL_SEP_SHARE),
        "token_na": set(shares.NA_TOKEN_SHARE),
        "bandas": {name for name, _ in labels.BANDAS},
        "bandas_declaradas": set(shares.BANDS_STATED),
        "columna_nivel": {True, False},
        "encabezado_dos_lineas": {True, False},
        "orden_filas": set(shares.ROW_ORDER),
        "orden_nombre": set(shares.NAME_ORDER),
        "mayusculas_nombre": set(shares.NAME_CASE),
        "mayusculas_nivel": set(shares.NIVEL_CASE),
        "reglas": set(shares.TABLE_RULES),
        "encabezado_sombreado": {True, False},
        "cebra": {True, False},
        "alineacion_numeros": set(shares.NUM_ALIGN),
        "tabla_horizontal_sorteada": {True, False},
        "repite_encabezado": {True, False},
        "tamano_pagina": set(shares.PAGE_SIZES),
        "estilo_encabezado": set(shares.HEADER_STYLE),
        "estilo_pie": set(shares.FOOTER_STYLE),
        "periodo_tipo": set(shares.PERIOD_STYLES),
        "periodo_estilo": {s for styles in shares.PERIOD_STYLES.values() for s in styles},
        "periodo_declarado": {True, False},
        "periodo_previo": {True, False},
        "estilo_fecha": set(shares.DATE_STYLE),
        "glosario": {True, False},
        "tabla_comision": {True, False},
        "tabla_universo": {True, False},
        "monto": {True, False},
        "clave": {True, False},
        "titulo_mayusculas": {True, False},
        "leyenda_tabla": set(shares.CAPTION_STYLE),
        "nivel_danio": set(shares.DAMAGE_LEVEL),
        "nivel_escaneo": set(shares.SCAN_LEVEL),
        "ocr_via": {"channel", "tesseract"},
        "ocr_estilo_tabla": set(shares.OCR_TABLE_STYLE),
        "ocr_parrafos": set(shares.OCR_PARAGRAPHS),
    }


def test_every_drawn_axis_value_occurs_over_seeds_0_to_199():
    vs = variants(COVERAGE_SEEDS)
    missing = {}
    for axis, values in expected_axes().items():
        seen = Counter(v[axis] for v in vs)
        log.info("%s: %s", axis, dict(seen))
        assert set(seen) <= values, (axis, set(seen) - values)
        if values - set(seen):
            missing[axis] = values - set(seen)
    assert not missing, missing
    sizes = [v["personas"] for v in vs]
    assert min(sizes) == shares.PEOPLE[0] and max(sizes) == shares.PEOPLE[1]


def test_every_column_label_and_order_occurs():
    vs = variants(COVERAGE_SEEDS)
    columns = Counter(k for v in vs for k in v["columnas"].split("|"))
    for key in ("numero", "cargo", "entidad", "ind", "col", "comp", "nivel"):  # each printed in some, not all
        assert 0 < columns[key] < len(vs), (key, columns[key])
    assert columns["nombre"] == columns["final"] == len(vs)
    seen = defaultdict(set)
    for v in vs:
        for key, label in v["etiquetas"].items():
            seen[key].add(label)
    lists = {
        "nombre": labels.LABEL_NOMBRE,
        "cargo": labels.LABEL_CARGO,
        "entidad": labels.LABEL_ENTIDAD,
        "final": labels.LABEL_FINAL,
        "nivel": labels.LABEL_NIVEL,
        "numero": labels.LABEL_NUMERO,
        "comp": labels.LABEL_COMP,
    }
    for key, values in lists.items():
        assert seen[key] == set(values), (key, set(values) - seen[key])
    firsts = Counter(v["columnas"].split("|")[0] for v in vs)
    assert {"numero", "nombre", "cargo"} <= set(firsts)
    assert any(v["columnas"].endswith("nivel|final") for v in vs)  # the level before the final score


def test_recorded_oddities_occur():
    vs = variants(COVERAGE_SEEDS)
    broken = Counter(b["campo"] for v in vs for b in v["inconsistencias"])
    assert {"calificacion_final", "nivel_desempeno", "universo_miembros"} <= set(broken)
    garbles = [g for v in vs for g in v["nombres_alterados"]]
    assert {g["lado"] for g in garbles} == {"tabla", "prosa"}
    assert {op["op"] for g in garbles for op in g["ops"]} == set(GARBLE_OPS)
    assert sum(1 for v in vs if v["nombres_alterados"]) > len(vs) // 4


def test_layout_axes_occur(drawn):
    vs = [doc.variant for doc in drawn.values()]
    assert {v["tabla_cruza_pagina"] for v in vs} == {True, False}
    assert {v["tabla_horizontal"] for v in vs} == {True, False}
    assert len({v["paginas"] for v in vs}) >= 3


# --- the document's own arithmetic ------------------------------------------------------------


def weighted(row: dict, scheme: scores.Scheme) -> float:
    vals = {f: row[FIELD_OF[f]] for f in scheme.full}
    have = {f for f, v in vals.items() if v is not None}
    base = scheme.sin_ind if ("ind" in scheme.full and "ind" not in have and scheme.sin_ind) else scheme.full
    w = {f: base[f] for f in have}
    return sum(vals[f] * w[f] for f in have) / sum(w.values())


def test_finals_follow_the_weighting_and_levels_the_bands(drawn):
    checked = 0
    for doc in drawn.values():
        v, rows = doc.variant, doc.truth["scores"]
        scheme = next(s for s in scores.SCHEMES if s.name == v["ponderacion"])
        bands = dict(labels.BANDAS)[v["bandas"]]
        unit = 10.0 ** -v["decimales"]
        broken = {(b.get("fila"), b["campo"]) for b in v["inconsistencias"]}
        for i, row in enumerate(rows):
            exact = weighted(row, scheme)
            diff = row["calificacion_final"] - exact
            ok = (-unit / 2 - 1e-9 <= diff <= unit / 2 + 1e-9) if v["redondeo"] == "half_up" else (-unit < diff <= 1e-9)
            assert ok == ((i, "calificacion_final") not in broken), (doc.seed, i, row, exact)
            if row["nivel_desempeno"] is not None:
                score = row["calificacion_final"] / v["escala"] * 10
                band = next(label for label, lower in bands if score >= lower - 1e-9)
                printed_level = row["nivel_desempeno"]
                same = printed_level.lower() == band.lower()
                assert same == ((i, "nivel_desempeno") not in broken), (doc.seed, i, printed_level, band)
            checked += 1
        u = v["universo"]
        if v["tabla_universo"]:
            exact = u["miembros"] * u["pct"] / 100
            ue = {"abajo": math.floor(exact), "arriba": math.ceil(exact), "cercano": math.floor(exact + 0.5)}
            assert u["ue"] == max(1, ue[u["rounding"]])
            assert (u["miembros"] == len(rows)) == u["consistent"]
    assert checked > 300


def test_named_people_are_the_best_and_both_spellings_are_linked(drawn):
    for doc in drawn.values():
        rows, v = doc.truth["scores"], doc.variant
        finals = sorted((r["calificacion_final"] for r in rows), reverse=True)
        named = [rows[i]["calificacion_final"] for i in v["nombrados"]]
        assert sorted(named, reverse=True) == finals[: len(named)]
        if len(named) < len(rows):
            assert min(named) > finals[len(named)]  # no tie at the cut
        people = [m for m in doc.truth["mentions"] if m["tipo"] == "persona" and "persona_id" in m]
        by_id = defaultdict(dict)
        for m in people:
            by_id[m["persona_id"]][m["variante"]] = m
        for i in v["nombrados"]:
            pair = by_id[i]
            assert pair["tabla"]["valor"] == rows[i]["nombre"]
            assert pair["tabla"]["igual_a"] == pair["prosa"]["valor"]
            assert pair["prosa"]["igual_a"] == rows[i]["nombre"]
        for g in v["nombres_alterados"]:
            assert g["tabla"] == rows[g["fila"]]["nombre"]
            assert sorted(g["tabla"].lower().split()) != sorted(g["prosa"].lower().split())


# --- what the text layer holds ----------------------------------------------------------------


def test_text_layer_holds_the_truth_on_its_pages(drawn):
    for seed in TEXT_LAYER_SEEDS:
        doc = drawn[seed]
        pages = pdf_pages(doc.files[TEXT_PDF])
        assert len(pages) == doc.truth["documents"]["pages"]
        v = doc.variant
        cols = v["columnas"].split("|")
        for row in doc.truth["scores"]:
            words = set(pages[row["page"] - 1].split())
            wanted = row["nombre"].split()
            for key in ("cargo", "entidad", "nivel_desempeno"):
                if row[key]:
                    wanted += row[key].split()
            for key, field in FIELD_OF.items():
                if key in cols:
                    wanted += printed(row[field], v).split()
            missing = [w for w in wanted if w not in words]
            assert not missing, (seed, row["page"], row["nombre"], missing)
        docs = doc.truth["documents"]
        text = squash(" ".join(body_text(p) for p in pages))
        assert squash(docs["titulo"]) in text
        if docs["clave_documento"]:
            assert docs["clave_documento"] in pages[0]


def test_text_layer_holds_every_mention_on_its_page(drawn):
    """Each mention's text on its page: whole, or word by word for a table cell (a wrapped cell's
    lines are interleaved with its neighbours'); what the running header or footer prints, on page 1."""
    tipos = Counter()
    for seed in TEXT_LAYER_SEEDS:
        doc = drawn[seed]
        pages = pdf_pages(doc.files[TEXT_PDF])
        for m in doc.truth["mentions"]:
            tipos[m["tipo"]] += 1
            p = m["page"]
            words = set(pages[p - 1].split())
            first = m["texto"].split()[0]
            assert first in words or first in pages[p - 1], (seed, m)
            if m.get("variante") == "tabla":
                assert set(m["texto"].split()) <= words, (seed, m)
            else:
                here = squash(body_text(pages[p - 1]))
                on = here + " " + squash(body_text(pages[p])) if p < len(pages) else here
                assert squash(m["texto"]) in on, (seed, m)
    log.info("mentions checked on the text layer: %s", dict(tipos))
    assert set(tipos) == {"persona", "organizacion", "referencia_legal", "monto", "cantidad", "fecha", "url"}, tipos


NUMBER_WORD = re.compile(r"^[a-záéíóúñ]+(?: y [a-záéíóúñ]+)? ")


def test_mentions_follow_the_definition(drawn):
    """docs/mentions.md, on what the generator registers: the document's code and the body that
    issues it; counts in running text only, as the number and the noun it counts (never a
    percentage or a table figure); articles as 'artículo N de(l) …'; agreements as 'Acuerdo …';
    acronyms as the long form the glossary gives; nothing the definition leaves out."""
    tipos = Counter()
    for doc in drawn.values():
        ms, docs, v = doc.truth["mentions"], doc.truth["documents"], doc.variant
        spec = draw_spec(doc.seed)
        by = defaultdict(list)
        for m in ms:
            by[m["tipo"]].append(m)
            tipos[m["tipo"]] += 1
        legal = {m["valor"] for m in by["referencia_legal"]}
        bodies = {m["valor"] for m in by["organizacion"]}
        if docs["clave_documento"]:
            assert docs["clave_documento"] in legal, doc.seed
        assert docs["emisor"] in bodies and spec.inst.comision in bodies, doc.seed
        assert spec.inst.estatuto in legal, doc.seed
        assert any(x.startswith("Lineamientos para la Evaluación del Desempeño de ") for x in legal), doc.seed
        assert not bodies & NOT_A_BODY, (doc.seed, bodies & NOT_A_BODY)
        if spec.inst.nacional:
            assert f"Junta General Ejecutiva del {spec.inst.nacional}" in bodies, doc.seed
        for m in by["referencia_legal"]:
            if m["valor"].lower().startswith("artículo"):
                cited = re.match(r"artículo \d+ (?:del|de la|de los) (\S.*)$", m["valor"])
                assert cited and cited[1] in legal, m  # lower case; the instrument a mention too
            if m["texto"].lower().startswith("acuerdo "):
                assert m["valor"] == "Acuerdo " + m["texto"].split(" ", 1)[1], m
        for m in by["organizacion"]:
            if m["texto"] == spec.inst.acronimo:
                assert m["valor"] == (spec.inst.nombre if v["glosario"] else spec.inst.acronimo), m
        for m in by["cantidad"]:
            assert "%" not in m["texto"] and "por ciento" not in m["texto"], m
            assert m.get("variante") is None, m  # never a table figure
            assert NUMBER_WORD.match(m["texto"]) and m["texto"].endswith(" " + m["unidad"]), m
            assert isinstance(m["valor"], int), m
        if spec.look.footer_style == "direccion":
            assert spec.inst.sitio in {m["valor"] for m in by["url"]}, doc.seed
    log.info("mentions over %d documents: %s", len(drawn), dict(tipos))
    assert set(tipos) == {"persona", "organizacion", "referencia_legal", "monto", "cantidad", "fecha", "url"}


def test_rows_sit_on_the_pages_truth_says_in_order(drawn):
    for doc in drawn.values():
        rows = doc.truth["scores"]
        row_pages = [r["page"] for r in rows]
        assert row_pages == sorted(row_pages)
        assert doc.variant["tabla_paginas"] == sorted(set(row_pages))
    crossing = [d for d in drawn.values() if d.variant["tabla_cruza_pagina"]][:3]
    assert crossing
    for doc in crossing:
        pages = pdf_pages(doc.files[TEXT_PDF])
        for row in doc.truth["scores"]:
            words = set(pages[row["page"] - 1].split())
            assert set(row["nombre"].split()) <= words, (doc.seed, row["page"], row["nombre"])


# --- the other forms --------------------------------------------------------------------------


def test_ocr_text_has_a_form_feed_between_pages(tmp_path):
    for seed in channel_seeds(8):
        doc = generate(seed, tmp_path, (OCR_TEXT,))
        text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
        assert text.count("\f") == doc.truth["documents"]["pages"] - 1, seed
        assert doc.damage[OCR_TEXT]["via"] == "channel"


def test_one_scan_is_image_only_with_the_same_pages(tmp_path):
    doc = generate(5, tmp_path, (SCAN_PDF,))
    with pdfplumber.open(doc.files[SCAN_PDF]) as pdf:
        assert len(pdf.pages) == doc.truth["documents"]["pages"]
        assert all(not p.chars for p in pdf.pages)
        assert all(p.images for p in pdf.pages)
    assert len(doc.damage[SCAN_PDF]["pages"]) == doc.truth["documents"]["pages"]


@pytest.mark.ocr
def test_real_ocr_path_reads_the_scan(tmp_path):
    """One small document whose OCR'd text is tesseract's reading of its scan."""
    seed = next(
        s
        for s in range(400)
        if (sp := draw_spec(s)).text.ocr_path == "tesseract"
        and sp.text.scan_level == "light"
        and len(sp.roster.rows) <= 8
        and not sp.look.landscape
    )
    doc = generate(seed, tmp_path, (OCR_TEXT,))
    text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
    assert doc.damage[OCR_TEXT]["via"] == "tesseract"
    assert text.count("\f") == doc.truth["documents"]["pages"] - 1
    surnames = [r["nombre"].split()[0] for r in doc.truth["scores"]]
    found = sum(1 for s in surnames if s.lower() in text.lower())
    assert found >= len(surnames) // 2, (found, surnames)
