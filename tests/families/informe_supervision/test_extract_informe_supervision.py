"""informe_supervision.v1: the seed report against its hand-read golden, the mechanisms on
hand-built pages, and properties over generated development reports (text PDF and OCR'd text).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from helpers import make_document, requires_seeds
from papeleo.context import process_context
from papeleo.readers import read_document
from scoring import Floors, assert_score
from scoring_specs import SPECS

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "samples"))

from extractors.informe_supervision import extract  # noqa: E402
from extractors.informe_supervision.headings import heading_at  # noqa: E402
from extractors.informe_supervision.lines import Ln  # noqa: E402

GOLDENS = Path(__file__).parent / "goldens" / "seeds"
SEED = ROOT.parent / "shared" / "seeds" / "000_d25be6a88549277e.txt"
# development seeds for the properties (ombudsman, commission and audit styles among them)
PROPERTY_SEEDS = range(0, 12)
# Share of a generated report's truth findings that must come out under the right section,
# sub-heading and date. The benchmark holds the accuracy figures; this floor only catches a
# mechanism that broke (lower would let a whole sub-heading go wrong unnoticed).
MIN_PLACED = 0.8
# a URL inside a finding must be whole: no space inside it
URL = re.compile(r"https?://\S+")


def records_of(doc) -> list[dict]:
    return extract(doc, process_context()).records


@requires_seeds
def test_seed_000_against_its_golden():
    golden = json.loads((GOLDENS / "000_d25be6a88549277e.findings.json").read_text(encoding="utf-8"))
    doc = read_document(str(SEED)).document
    got = records_of(doc)
    assert_score(SPECS["findings"].score(golden["findings"], got), Floors(), what="seed 000 findings")
    by = {s: sum(1 for r in got if r["seccion"] == s) for s in ("objetivo_general", "objetivo_especifico")}
    assert by == {"objetivo_general": 1, "objetivo_especifico": 3}


def _lines(*texts: str) -> list[Ln]:
    return [Ln(t, 1, None, 1.0) for t in texts]


@pytest.mark.parametrize(
    "text,key",
    [
        ("IV. Hallazgos", "hallazgos"),
        ("lV. HALLAZGOS", "hallazgos"),  # a roman numeral misread
        ("Vl. Recomendaciones:", "recomendaciones"),
        ("3. Situación encontrada:", "hallazgos"),
        ("D. CONSIDERACIONES FINALES", "conclusiones"),
        ("Conclusiónes", "conclusiones"),  # no number, an accent misplaced
        ("RECOMENDACI0NES", "recomendaciones"),
    ],
)
def test_headings_however_numbered_or_read(text, key):
    h = heading_at(_lines(text, "El área cuenta con 12 camas."), 0)
    assert h is not None and h.key == key


def test_sentences_and_results_are_no_headings():
    assert heading_at(_lines("Resultado 3 con observación"), 0) is None
    assert (
        heading_at(
            _lines("Recomendaciones emitidas en supervisiones anteriores no han sido atendidas por el hospital."), 0
        )
        is None
    )


def test_heading_split_over_two_lines_is_one_heading():
    lines = _lines("IV. HALLAZGOS IDENTIFICADOS DURANTE", "LAS VISITAS DE SUPERVISIÓN", "- El área ...")
    h = heading_at(lines, 0)
    assert h is not None and h.key == "hallazgos" and h.lines == 2


def test_visits_subheadings_captions_and_lead_ins():
    """A hand-built report: visit without a year takes the report's, lead-in and caption are no findings."""
    text = "\n".join(
        [
            "III. Hallazgos",
            "Visita del 3 de marzo de 2021",
            "Área de Cocina:",
            "Se sostuvo reunión con la directora. Se informó lo siguiente:",
            "• No había existencia de alimentos desde hacía 2 semanas; los padres adquieren",
            "los insumos por su cuenta.",
            "Fotografía 1. Área de Cocina durante la supervisión.",
            "• El área se encuentra descuidada, con paredes húmedas.",
            "Seguimiento telefónico del 9 de abril:",
            "La directora informó que la solicitud continúa en trámite.",
            "IV. Conclusiones",
            "1. Persisten las deficiencias señaladas.",
            "V. Recomendaciones",
            "A la Dirección Departamental de Educación:",
            "1. Asignar los recursos necesarios para reparar la cocina.",
            "San Marcos, 20 de abril de 2021.",
            "Lic. Ana Pérez",
        ]
    )
    rows = records_of(make_document(text))
    hall = [r for r in rows if r["seccion"] == "hallazgo"]
    assert [r["texto"] for r in hall] == [
        "No había existencia de alimentos desde hacía 2 semanas; los padres adquieren los insumos por su cuenta.",
        "El área se encuentra descuidada, con paredes húmedas.",
        "La directora informó que la solicitud continúa en trámite.",
    ]
    assert [r["subseccion"] for r in hall] == ["Área de Cocina", "Área de Cocina", None]
    assert [str(r["fecha"]) for r in hall] == ["2021-03-03", "2021-03-03", "2021-04-09"]
    [rec] = [r for r in rows if r["seccion"] == "recomendacion"]
    assert rec["destinatario"] == "Dirección Departamental de Educación"
    assert rec["texto"] == "Asignar los recursos necesarios para reparar la cocina."


def test_audit_results_and_actions():
    text = "\n".join(
        [
            "VI. Resultados",
            "Procedimiento 1.2.1",
            "Resultado 3 con observación",
            "Importe observado $1,250,000.00",
            "De la revisión al contrato se identificó que la Entidad Fiscalizada realizó pagos sin",
            "documentación comprobatoria.",
            "",
            "En atención a la presente observación, la Entidad Fiscalizada presentó aclaraciones.",
            "",
            "Pliego de observaciones",
            "Se determina un Pliego de Observaciones por un monto de $1,250,000.00.",
        ]
    )
    rows = records_of(make_document(text))
    [res] = [r for r in rows if r["seccion"] == "hallazgo"]
    assert (res["numero"], res["subseccion"], res["tipo_observacion"]) == (3, "Procedimiento 1.2.1", "con_observacion")
    assert res["importe_observado"] == 1250000.0
    assert res["texto"].endswith("sin documentación comprobatoria.")
    [act] = [r for r in rows if r["seccion"] == "recomendacion"]
    assert act["tipo_accion"] == "pliego_de_observaciones" and act["subseccion"] == "Resultado 3"


def _generated(tmp_path_factory):
    from gen.informe_supervision import generate, plan_for

    out = tmp_path_factory.mktemp("informe_props")
    # seeds whose OCR'd text is real tesseract output are left to the benchmark (6-7 s a page)
    seeds = [s for s in PROPERTY_SEEDS if not plan_for(s)[1]["real_ocr"]]
    return [generate(s, out, ["texto.pdf", "ocr.txt"]) for s in seeds]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return _generated(tmp_path_factory)


@pytest.mark.parametrize("form", ["texto.pdf", "ocr.txt"])
def test_properties_over_generated_reports(generated, form):
    """Every truth finding at most once, most under their section, sub-heading and date; no
    caption or footnote text inside a finding; every URL whole."""
    placed = total = 0
    for g in generated:
        doc = read_document(str(g.files[form])).document
        rows = records_of(doc)
        truth = g.truth["findings"]
        score = SPECS["findings"].score(truth, rows)
        total += len(truth)
        placed += sum(
            1
            for p in score.pairs
            if p.got.get("subseccion") == p.expected.get("subseccion") or form == "ocr.txt"
            if str(p.got.get("fecha") or "") == str(p.expected.get("fecha") or "")
        )
        texts = [r["texto"] for r in rows]
        assert len(texts) == len(set(texts)) or g.variant.get("style") == "auditoria", f"seed {g.seed}: a finding twice"
        for r in rows:
            assert not re.match(r"^(Fotograf[ií]a|Foto|Imagen)\s*\d", r["texto"]), (
                f"seed {g.seed}: a caption read as {r}"
            )
            for u in URL.findall(r["texto"]):
                assert " " not in u
        checks = [c for r in rows for c in r["checks"]]
        if checks and form == "texto.pdf":  # an audit summary: a conflict exactly where it does not add up
            conflict = any(c.endswith("=conflict") for c in checks)
            assert conflict == bool(g.variant.get("inconsistencia")), (g.seed, checks, g.variant.get("inconsistencia"))
        notes = [t for t in g.truth.get("mentions", []) if t["tipo"] == "url"]
        for m in notes:  # a footnote's URL never ends up inside a finding
            assert not any(m["valor"][:40] in t for t in texts), f"seed {g.seed}: footnote text in a finding"
    assert placed >= MIN_PLACED * total, f"{form}: {placed}/{total} findings placed right"
