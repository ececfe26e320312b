"""The seeded mir_avance generator (samples/gen/mir_avance): a seed is one document, the same
on every run; over the development seeds every axis of variation occurs; what the truth says
is printed, on the page the truth says; the document's own arithmetic holds except where the
variant says it was broken; and the text and scanned forms have the pages they should.

The expected values here come from the generator's drawn truth and from the axis values the
"MIR v2" issue asks for (written out below, not read from the generator), never from papeleo.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter, defaultdict
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache

import pdfplumber
import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import FORMS, OCR_TEXT, SCAN_PDF, TEXT_PDF  # noqa: E402
from gen.mir_avance import generate  # noqa: E402
from gen.mir_avance.common import layout_to_bytes  # noqa: E402
from gen.mir_avance.generate import plan_document  # noqa: E402
from gen.mir_avance.vocab import AREAS, REFERENCIAS_LEGALES  # noqa: E402

sys.dont_write_bytecode = _no_bytecode
log = logging.getLogger(__name__)

COVERAGE_SEEDS = range(0, 200)  # development seeds (gen/_generated.SEED_SETS)
ARITHMETIC_SEEDS = range(0, 50)
# every value each axis must take over COVERAGE_SEEDS (the variety the "MIR v2" issue asks for)
EXPECTED = {
    "format": {"municipal", "pbr_estatal", "sevac", "poa"},
    "trimestre": {1, 2, 3, 4},
    "estilo_texto": {"aligned", "spaced", "tsv", "markdown", "cells"},
    "nivel_dano": {"light", "medium", "heavy"},
    "nivel_escaneo": {"light", "medium", "heavy"},
    "ocr_real": {True, False},
}
EXPECTED_MUNICIPAL = {
    "profundidad_fin": {1, 2, 3, 4},
    "proposito_clave": {"impresa", "omitida"},
    "clave_pos": {"columna", "en_resumen"},
    "siglas": {"dos_puntos", "igual", "guion", "columna"},
    "agrupacion": {"por_tipo", "por_trimestre"},
    "meta_pos": {"primero", "ultimo"},
    "avance_col": {True, False},
    "extras": {"unidad_responsable", "linea_base", "sentido", "dimension"},
    "unidad_pos": {"columna", "en_indicador"},
    "area_en_nivel": {True, False},
    "alcanzado_cols": {"todos", "reportados"},
    "no_reportado": {"vacio", "guion"},
    "no_programado": {"0", "guion", "vacio"},
    "miles": {"coma", "sin", "mixto"},
    "enteros_con_decimales": {True, False},
    "avance_decimales": {0, 1, 2},
    "avance_signo": {True, False},
    "comentario": {"columna", "ausente", "al_pie"},
    "comentario_clave": {True, False},
    "frecuencias": {"trimestral", "semestral", "anual"},
    "acumulacion": {"suma", "constante"},
    "filas_con_decimales": {True, False},
    "avance_truncado": {True, False},
    "componente_suma": {True, False},
    "inconsistente": {True, False},
    "tablas": {"una", "por_componente"},
    "bloque_encabezado": {True, False},
    "reglas": {"rejilla", "horizontales", "sin_reglas"},
    "repite_encabezado": {True, False},
    "encabezado_corrido": {"todas", "primera"},
    "pie": {"pagina_de", "fraccion", "hoja", "ninguno"},
    "periodo_estilo": {"nombre", "meses", "corte"},
    "pagina": {"carta_horizontal", "oficio_horizontal", "carta_vertical"},
    "etiquetas_trimestre": {"T", "trim", "meses", "ordinal"},
    "nota_url": {True, False},
    "referencia_legal": {True, False},
    "oficio": {True, False},
    "fecha_elaboracion": {True, False},
    "firmas": {2, 3, 4},
}
INCONSISTENCY_KINDS = {"meta_anual", "avance", "comentario", "componente"}


@cache
def variants() -> list[dict]:
    return [plan_document(seed).variant for seed in COVERAGE_SEEDS]


@cache
def first_seed(**axes) -> int:
    """The first development seed whose variant has these axis values."""
    return next(s for s, v in zip(COVERAGE_SEEDS, variants()) if all(v.get(k) == x for k, x in axes.items()))


def values_of(vs: list[dict], axis: str) -> Counter:
    counts: Counter = Counter()
    for v in vs:
        value = v.get(axis)
        for x in value if isinstance(value, list) else [value]:
            counts[x] += 1
    return counts


# --- determinism ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(EXPECTED["format"]))
def test_same_seed_same_truth_and_same_pdf_bytes(tmp_path, fmt):
    seed = first_seed(format=fmt)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = generate(seed, tmp_path / "a", [TEXT_PDF])
    b = generate(seed, tmp_path / "b", [TEXT_PDF])
    assert a.truth == b.truth and a.variant == b.variant
    assert a.files[TEXT_PDF].read_bytes() == b.files[TEXT_PDF].read_bytes()


def test_asking_for_fewer_forms_changes_no_form(tmp_path):
    seed = first_seed(format="municipal", ocr_real=False)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = generate(seed, tmp_path / "one", [OCR_TEXT])
    two = generate(seed, tmp_path / "two", [TEXT_PDF, OCR_TEXT])
    assert one.files[OCR_TEXT].read_text(encoding="utf-8") == two.files[OCR_TEXT].read_text(encoding="utf-8")
    assert one.truth == two.truth


# --- coverage of the variety --------------------------------------------------------------------
def test_every_axis_value_occurs_over_the_development_seeds():
    vs = variants()
    missing = {a: sorted(map(str, want - set(values_of(vs, a)))) for a, want in EXPECTED.items()}
    muni = [v for v in vs if v["format"] == "municipal"]
    missing |= {a: sorted(map(str, want - set(values_of(muni, a)))) for a, want in EXPECTED_MUNICIPAL.items()}
    kinds = {i["tipo"] for v in muni for i in v["inconsistencias"]}
    missing["inconsistencias"] = sorted(INCONSISTENCY_KINDS - kinds)
    assert not {a: m for a, m in missing.items() if m}, "axis values never drawn over seeds 0-199"
    log.info("formats: %s", values_of(vs, "format"))


def test_row_counts_span_the_issue_range():
    muni = [v["n_filas"] for v in variants() if v["format"] == "municipal"]
    assert min(muni) >= 4 and max(muni) <= 40
    assert min(muni) <= 6 and max(muni) >= 30, "small and large MIRs both occur"


def test_inconsistent_documents_are_a_small_share():
    muni = [v for v in variants() if v["format"] == "municipal"]
    share = sum(v["inconsistente"] for v in muni) / len(muni)
    assert 0.03 <= share <= 0.25


# --- the text layer holds the truth, on the truth's page ------------------------------------------
def number_forms(value: float) -> set[str]:
    """Every way the family prints this number: separators comma/space/none, 0–2 decimals."""
    out = set()
    for dec in (0, 1, 2):
        if abs(round(value, dec) - value) > 1e-9:
            continue
        s = f"{value:,.{dec}f}"
        out |= {s, s.replace(",", ""), s.replace(",", " ")}
    return out


def words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[\wÁÉÍÓÚÑáéíóúñü]+", text or "") if len(w) >= 4]


NUMERIC = ("meta_anual", "avance_pct", "programado_anual", "modificado_anual", "alcanzado_periodo", "resultado_v1")
NUMERIC += tuple(f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5))
NUMERIC += ("programado", "alcanzado", "diferencia", "total_horas_impartidas", "meta_programada_v2")
TEXTS = ("indicador", "resumen_narrativo", "unidad", "proyecto")


def page_texts(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def key_pattern(clave: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(clave)}(?![\w.])")


TEXT_LAYER_SEEDS = 6  # per format, the first ones; each row of each is checked


@pytest.mark.parametrize("fmt", sorted(EXPECTED["format"]))
def test_text_layer_prints_every_truth_value_on_its_page(tmp_path, fmt):
    seeds = [s for s, v in zip(COVERAGE_SEEDS, variants()) if v["format"] == fmt][:TEXT_LAYER_SEEDS]
    problems = []
    for seed in seeds:
        doc = generate(seed, tmp_path, [TEXT_PDF])
        pages = page_texts(doc.files[TEXT_PDF])
        assert len(pages) == doc.truth["documents"]["pages"]
        for i, row in enumerate(doc.truth["indicators"]):
            text = pages[row["page"] - 1]
            flat = " ".join(text.split())
            for field in ("clave", "siglas"):
                if row.get(field) and not key_pattern(row[field]).search(flat):
                    problems.append((seed, i, field, row[field]))
            for field in TEXTS:
                for w in words(row.get(field)):
                    if w not in flat:
                        problems.append((seed, i, field, w))
            for field in NUMERIC:
                if field == "avance_pct" and doc.variant.get("avance_col") is False:
                    continue  # stated only in the commentary, which may run onto the next page
                v = row.get(field)
                if v is not None and not any(f in flat for f in number_forms(v)):
                    problems.append((seed, i, field, v))
    assert not problems, problems[:10]


@pytest.mark.parametrize("fmt", ["municipal", "pbr_estatal"])
def test_each_row_first_appears_on_the_page_the_truth_gives(tmp_path, fmt):
    """Page breaks happen where the truth says: a row's code (unique, never a number) is on no
    earlier page than the truth's."""
    seeds = [s for s, v in zip(COVERAGE_SEEDS, variants()) if v["format"] == fmt and v["n_filas"] >= 12][:8]
    checked = 0
    for seed in seeds:
        doc = generate(seed, tmp_path, [TEXT_PDF])
        pages = [" ".join(t.split()) for t in page_texts(doc.files[TEXT_PDF])]
        for row in doc.truth["indicators"]:
            clave = row["clave"]
            if not clave or (fmt == "municipal" and clave.count(".") < 2):
                continue
            found = [p for p, t in enumerate(pages, 1) if key_pattern(clave).search(t)]
            assert found and found[0] == row["page"], (seed, clave, found, row["page"])
            checked += row["page"] > 1
    assert checked >= 5, "too few rows after a page break were checked"


# --- the mentions: each on its page, every one printed, none the definition excludes ----------------
def mention_seeds() -> list[int]:
    """Two documents of each state format, and municipal ones that between them print every
    kind of mention: an oficio and a law, the period's months, Componente captions, units under
    the level and in their own column, commentary in a column and under the table."""
    vs = list(zip(COVERAGE_SEEDS, variants()))
    muni = [v | {"seed": s} for s, v in vs if v["format"] == "municipal"]
    wants = (
        lambda v: v["oficio"] and v["referencia_legal"],
        lambda v: v["periodo_estilo"] == "meses" and v["tablas"] == "por_componente",
        lambda v: v["area_en_nivel"] and v["comentario"] == "al_pie" and v["encabezado_corrido"] == "todas",
        lambda v: "unidad_responsable" in v["extras"] and v["comentario"] == "columna" and v["firmas"] == 4,
    )
    seeds = [next(v["seed"] for v in muni if want(v)) for want in wants]
    for fmt in ("pbr_estatal", "sevac", "poa"):
        seeds += [s for s, v in vs if v["format"] == fmt][:2]
    return sorted(set(seeds))


def word_tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def mention_docs(tmp_path_factory):
    """seed -> (document, word tokens of each text-layer page, every text the layout drew: lines,
    table cells and heads, running header and footer)."""
    folder = tmp_path_factory.mktemp("mir_mentions")
    out = {}
    for seed in mention_seeds():
        doc = generate(seed, folder, [TEXT_PDF])
        with pdfplumber.open(doc.files[TEXT_PDF]) as pdf:
            pages = {
                i + 1: word_tokens(" ".join(w["text"] for w in p.extract_words())) for i, p in enumerate(pdf.pages)
            }
        plan = plan_document(seed)
        _, drawn = layout_to_bytes(plan.build)
        texts = [*(plan.running or ()), *(plan.footer or ())]
        for e in drawn.rec.events:
            texts.append(" ".join(e.lines))
            cells = [c for row in e.cells for c in row] if e.kind == "header" else e.cells
            texts += [" ".join(c.split()) for c in cells]
        out[seed] = (doc, pages, texts)
    return out


def test_mentions_are_printed_on_their_page(mention_docs):
    for seed, (doc, pages, _) in mention_docs.items():
        for mn in doc.truth["mentions"]:
            lost = word_tokens(mn["texto"]) - pages[mn["page"]]
            assert not lost, (seed, mn, dict(lost))


# what the generator prints that docs/mentions.md counts, read back from what the layout drew
BODIES = (*AREAS, "UIPPE", "Unidad de Planeación", "Dirección de Planeación", "Presidencia Municipal")
BODIES += ("Subdirección de Planeación y Desarrollo", "Departamento de Evaluación")
BODIES += ("Departamento de Programación", "Unidad de Evaluación")  # inside a signer's post
LAWS = tuple(ley for ley, _ in REFERENCIAS_LEGALES)
COUNT = re.compile(r"\bal [a-záéíóúñ]+ (\d[\d,]*(?:\.\d+)?) (\w+)\b.*? de un total de")


def printed(name: str, texts: list[str]) -> bool:
    """The name as a name of its own, not inside a code ('UIPPE/123/2024', 'Formato UIPPE-04')."""
    pattern = re.compile(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])")
    return any(pattern.search(t) for t in texts)


def test_every_mention_printed_is_registered(mention_docs):
    missing = []
    for seed, (doc, _, texts) in mention_docs.items():
        have = {(m["tipo"], str(m["valor"]), m.get("unidad")) for m in doc.truth["mentions"]}
        want = {("organizacion", b, None) for b in BODIES if printed(b, texts)}
        want |= {("referencia_legal", ley, None) for ley in LAWS if printed(ley, texts)}
        for t in texts:
            want |= {("referencia_legal", code, None) for code in re.findall(r"Oficio No\. (\S+)", t)}
            want |= {("referencia_legal", m, None) for m in re.findall(r"artículo \d+ de la [^.]+", t)}
            want |= {("fecha", y, None) for y in re.findall(r"Ejercicio Fiscal (\d{4})", t)}
            for n, unidad in COUNT.findall(t):
                value = float(n.replace(",", ""))
                want.add(("cantidad", str(int(value) if value.is_integer() else value), unidad))
        missing += [(seed, *w) for w in sorted(want - have, key=str)]
    assert not missing, missing[:10]
    kinds = {m["tipo"] for doc, _, _ in mention_docs.values() for m in doc.truth["mentions"]}
    assert kinds >= {"organizacion", "referencia_legal", "fecha", "cantidad", "persona", "url", "monto"}, kinds


ISO = {"dia": r"\d{4}-\d{2}-\d{2}", "mes": r"\d{4}-\d{2}", "anio": r"\d{4}"}


def test_mentions_are_spelled_as_defined_and_once(mention_docs):
    """docs/mentions.md: a date by its precision, a count with its noun (never a percentage or
    the 'de un total de M programados'), no plan, budget or programme, one row per thing."""
    for seed, (doc, _, _) in mention_docs.items():
        keys = Counter()
        for m in doc.truth["mentions"]:
            keys[(m["tipo"], str(m["valor"]), m.get("unidad"), m.get("moneda"), m.get("precision"))] += 1
            assert not re.match(r"(Plan|Presupuesto|Programa)\b", str(m["valor"])), (seed, m)
            if m["tipo"] == "fecha":
                assert re.fullmatch(ISO[m["precision"]], m["valor"]), (seed, m)
            if m["tipo"] == "cantidad":
                assert isinstance(m["valor"], int | float) and m["unidad"] and "%" not in m["texto"], (seed, m)
                assert not m["unidad"].startswith("programad"), (seed, m)
            if m["tipo"] in ("persona", "organizacion"):
                assert m["valor"] != m["valor"].upper() or len(m["valor"].split()) == 1, (seed, m)
        assert max(keys.values()) == 1, (seed, [k for k, n in keys.items() if n > 1])


# --- the document's arithmetic ---------------------------------------------------------------------
def pct(a: float, b: float, dec: int, trunc: bool = False) -> float:
    q = Decimal(1).scaleb(-dec)
    return float((Decimal(str(a)) / Decimal(str(b)) * 100).quantize(q, ROUND_DOWN if trunc else ROUND_HALF_UP))


def municipal_problems(doc) -> list:
    """Σ programado = meta anual (or every quarter = meta for a constant target), avance % =
    alcanzado/programado of the reported quarter, Componente = Σ Actividades when drawn —
    except on the rows the variant names (by siglas: a Propósito may print no clave)."""
    v, rows = doc.variant, doc.truth["indicators"]
    broken = {(i["siglas"], i["tipo"]) for i in v["inconsistencias"]}
    t = v["trimestre"]
    out = []
    for r in rows:
        prog = [r[f"programado_t{q}"] or 0.0 for q in range(1, 5)]
        suma = abs(sum(prog) - r["meta_anual"]) < 1e-6
        constante = all(abs(p - r["meta_anual"]) < 1e-6 for p in prog if p)
        if not (suma or constante) and (r["siglas"], "meta_anual") not in broken:
            out.append((r["siglas"], "meta_anual"))
        a, p = r[f"alcanzado_t{t}"], r[f"programado_t{t}"]
        if r["avance_pct"] is not None and p and (r["siglas"], "avance") not in broken:
            if abs(pct(a, p, v["avance_decimales"], v["avance_truncado"]) - r["avance_pct"]) > 1e-6:
                out.append((r["siglas"], "avance"))
    if v["componente_suma"] and not any(k == "componente" for _, k in broken):
        for r in rows:
            kids = [k for k in rows if k["nivel"] == "actividad" and k["clave"].rsplit(".", 1)[0] == r["clave"]]
            if r["nivel"] != "componente" or not kids:
                continue
            for q in range(1, 5):
                total = sum(k[f"programado_t{q}"] or 0.0 for k in kids)
                if abs(total - (r[f"programado_t{q}"] or 0.0)) > 1e-6:
                    out.append((r["clave"], f"componente_t{q}"))
    return out


def real_format_problems(doc) -> list:
    v, rows, out = doc.variant, doc.truth["indicators"], []
    if v["format"] == "pbr_estatal":
        trunc = v["pbr_redondeo"] == "trunca"
        for r in rows:
            want = pct(r["resultado_v1"], r["resultado_v2"], 2, trunc) if r["resultado_v2"] else 0.0
            if abs(want - r["resultado_pct"]) > 1e-6:
                out.append((r["clave"], "resultado_pct"))
    elif v["format"] == "sevac":
        for r in rows:
            if abs(pct(r["alcanzado_periodo"], r["modificado_anual"], 2) - r["cumplimiento_pct"]) > 1e-6:
                out.append((r["clave"], "cumplimiento_pct"))
    elif v["format"] == "poa":
        broken = {(i["unidad"], i["tipo"]) for i in v["inconsistencias"]}
        zone: list[dict] = []
        units = [r for r in rows if r["posicion"] is not None]
        for r in rows:
            wrong_pct = any((r["unidad"], k) in broken for k in ("porcentaje_cero", "porcentaje_total"))
            if r["diferencia"] != r["alcanzado"] - r["programado"]:
                out.append((r["unidad"], "diferencia"))
            if not wrong_pct and r["avance_pct"] != pct(r["alcanzado"], r["programado"], 0):
                out.append((r["unidad"], "avance_pct"))
            if r["es_subtotal"] or r["es_total"]:
                members = zone if r["es_subtotal"] else units
                total = sum(m["alcanzado"] for m in members)
                if r["alcanzado"] != total and (r["unidad"], "subtotal") not in broken:
                    out.append((r["unidad"], "suma"))
                zone = []
            else:
                zone.append(r)
    return out


def test_the_documents_arithmetic_holds_except_where_the_variant_breaks_it(tmp_path):
    problems, counted = [], defaultdict(int)
    for seed in ARITHMETIC_SEEDS:
        doc = generate(seed, tmp_path, ())
        counted[doc.variant["format"]] += 1
        found = municipal_problems(doc) if doc.variant["format"] == "municipal" else real_format_problems(doc)
        problems += [(seed, *p) for p in found]
    assert not problems, problems[:10]
    assert all(counted[f] for f in EXPECTED["format"]), counted


def test_a_broken_total_really_does_not_add_up(tmp_path):
    """The inconsistencies the variant names are visible in the truth (the test above could
    otherwise pass on documents that never break anything)."""
    seeds = [s for s, v in zip(COVERAGE_SEEDS, variants()) if v["format"] == "municipal" and v["inconsistente"]]
    seen = set()
    for seed in seeds[:12]:
        doc = generate(seed, tmp_path, ())
        rows = {r["siglas"]: r for r in doc.truth["indicators"]}
        for inc in doc.variant["inconsistencias"]:
            r = rows.get(inc["siglas"])
            if r is None or inc["tipo"] != "meta_anual":
                continue
            prog = [r[f"programado_t{q}"] or 0.0 for q in range(1, 5)]
            assert abs(sum(prog) - r["meta_anual"]) > 1e-6, (seed, inc)
            seen.add(seed)
    assert seen, "no meta_anual inconsistency among the first inconsistent documents"


# --- the other forms -----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(EXPECTED["format"]))
def test_ocr_text_has_a_form_feed_between_pages(tmp_path, fmt):
    seed = first_seed(format=fmt, ocr_real=False)
    doc = generate(seed, tmp_path, [OCR_TEXT])
    text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
    assert text.count("\f") == doc.truth["documents"]["pages"] - 1
    assert not text.endswith("\f")
    assert doc.damage[OCR_TEXT]["real_ocr"] is False and doc.damage[OCR_TEXT]["level"] == doc.variant["nivel_dano"]


def test_a_scan_is_image_only_with_the_same_pages(tmp_path):
    seed = first_seed(format="sevac")
    doc = generate(seed, tmp_path, [SCAN_PDF])
    with pdfplumber.open(doc.files[SCAN_PDF]) as pdf:
        assert len(pdf.pages) == doc.truth["documents"]["pages"]
        assert all(not p.chars and p.images for p in pdf.pages)
    assert doc.damage[SCAN_PDF]["profile"]["level"] == doc.variant["nivel_escaneo"]


@pytest.mark.ocr
def test_the_real_ocr_path_reads_a_one_page_document(tmp_path):
    seed = next(
        s for s, v in zip(COVERAGE_SEEDS, variants()) if v["ocr_real"] and v["format"] == "poa" and v["n_filas"] <= 20
    )
    doc = generate(seed, tmp_path, list(FORMS))
    text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
    assert text.count("\f") == doc.truth["documents"]["pages"] - 1
    assert doc.damage[OCR_TEXT] == {"real_ocr": True}
    assert "TOTALES" in text.upper()
