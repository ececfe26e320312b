"""convenio_asm.v1 on the hand-read seed 002 and on generated agreements it was not tuned on.

The seed golden was read by hand from ../shared/seeds/002_75ab779a66a08885.txt. The generated
documents carry the generator's truth; the properties below must hold on every one of them:
every row once and in order, every date exact with its precision or a failures row naming the
row, and no text of one finding inside another's.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from helpers import SAMPLES, SEEDS, make_document, requires_seeds
from papeleo import registry
from papeleo.context import process_context
from papeleo.readers import ReadSettings, read_document
from scoring import Floors, assert_score, flags
from scoring_specs import SPECS

_old = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # `papeleo ingest samples` walks samples/: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import OCR_TEXT, TEXT_PDF  # noqa: E402
from gen.convenio_asm import generate  # noqa: E402

sys.dont_write_bytecode = _old

HERE = Path(__file__).parent
SEED_GOLDEN = HERE / "goldens" / "seeds" / "002_75ab779a66a08885.commitments.json"
# development seeds for the properties: each form is cheap (no OCR); the benchmark covers more
PROPERTY_SEEDS = (2, 3, 8, 9)


def extract(doc):
    return registry.get("convenio_asm.v1").func(doc, process_context())


@pytest.fixture(scope="module")
def seed002():
    text = (SEEDS / "002_75ab779a66a08885.txt").read_text(encoding="utf-8")
    return extract(make_document(text, name="002_75ab779a66a08885.txt"))


@requires_seeds
def test_seed_002_every_row_exact(seed002):
    golden = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))
    spec = SPECS["commitments"]
    score = spec.score(golden["commitments"], seed002.records)
    assert_score(score, Floors(fields=spec.exact), what="seed 002: tipo, numero, dates, precision, page")
    assert_score(score, Floors(fields=tuple(spec.text)), what="seed 002: texts")
    assert not seed002.failures


@requires_seeds
def test_seed_002_list_cell_flattened(seed002):
    row = next(r for r in seed002.records if r["tipo"] == "hallazgo" and r["numero"] == 7)
    items = row["actividad_comprometida"].split("; ")
    assert len(items) == 6 and items[0].endswith("lo siguiente:") and "<" not in row["actividad_comprometida"]


def test_unreadable_date_is_a_failure_not_a_guess():
    text = (
        "| No. | Hallazgo | Actividad comprometida |\n|--|--|--|\n"
        "| 1 | No existe un diagnóstico. | Elaborar el diagnóstico. |\n"
        "| Fecha comprometida de cumplimiento: | | 31 de Jxlxo |\n"
        "| 2 | No se publican los informes. | Publicar los informes. |\n"
        "| Fecha comprometida de cumplimiento: | | Segundo Semestre 2019 |\n"
    )
    ext = extract(make_document(text))
    assert [(r["numero"], r["fecha_compromiso"], r["fecha_precision"]) for r in ext.records] == [
        (2, dt.date(2019, 12, 31), "mes")
    ]
    [failure] = ext.failures
    assert failure.stage == "extract" and json.loads(failure.record)["numero"] == 1


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("asm_gen")
    docs = []
    for seed in PROPERTY_SEEDS:
        g = generate(seed, out, (TEXT_PDF, OCR_TEXT))
        docs.append((seed, g.truth["commitments"], g.files))
    return docs


# Known defects, each a strict xfail (it must keep failing; the day it is fixed the XPASS fails
# until the entry goes). None today: seed 2 (a ficha_interinstitucional sheet) and seed 3's
# damaged 'Facha comprometida:' row in OCR'd text were the two, and both are read now.
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(f, marks=pytest.mark.xfail(reason=KNOWN[f], strict=True)) if f in KNOWN else f
        for f in (TEXT_PDF, OCR_TEXT)
    ],
)
def test_generated_properties(generated, form):
    problems = []
    for seed, truth, files in generated:
        doc = read_document(str(files[form]), ReadSettings()).document
        ext = extract(doc)
        got = [(r["tipo"], r["numero"]) for r in ext.records]
        failed = {(json.loads(f.record)["tipo"], json.loads(f.record)["numero"]) for f in ext.failures if f.record}
        want = [(t["tipo"], t["numero"]) for t in truth]
        # every row once, in order (a row with an unreadable date is in failures instead)
        if len(got) != len(set(got)):
            problems.append(f"seed {seed} {form}: a row read twice: {got}")
        if [k for k in want if k in set(got)] != got:
            problems.append(f"seed {seed} {form}: rows out of order or not in the truth: {got}")
        missing = [k for k in want if k not in got and k not in failed]
        if form == TEXT_PDF and missing:
            problems.append(f"seed {seed} {form}: rows missing: {missing}")
        by_key = {(r["tipo"], r["numero"]): r for r in ext.records}
        for t in truth:
            r = by_key.get((t["tipo"], t["numero"]))
            if r is None:
                continue
            # dates exact with their precision, or a failure (never a wrong date unflagged)
            iso = r["fecha_compromiso"].isoformat() if r["fecha_compromiso"] else None
            wrong = (iso, r["fecha_precision"]) != (t["fecha_compromiso"], t["fecha_precision"])
            if wrong and "fecha_compromiso" not in flags(r):
                problems.append(f"seed {seed} {form} {t['tipo']} {t['numero']}: date {r['fecha_compromiso']!r}")
        # no text of one finding inside another's
        texts = [(k, by_key[k]["texto"]) for k in got]
        for k, a in texts:
            for j, b in texts:
                if k != j and len(b) > 30 and b in a:
                    problems.append(f"seed {seed} {form}: the text of {j} inside {k}")
    assert not problems, "\n".join(problems)


def test_damaged_date_label_still_gives_the_row_its_date():
    """'Facha comprometida:' (one OCR slip) is the date row, not more of the activity."""
    text = (
        "| No. | Hallazgo | Actividad comprometida |\n|--|--|--|\n"
        "| 1 | No existe un diagnóstico. | Elaborar el diagnóstico. |\n"
        "| Facha comprometida: | | Marzo a Mayo de 2018 |\n"
    )
    [row] = extract(make_document(text)).records
    assert (row["actividad_comprometida"], row["fecha_compromiso"], row["fecha_precision"]) == (
        "Elaborar el diagnóstico.",
        dt.date(2018, 5, 31),
        "mes",
    )


def test_single_spaced_rows_cut_by_what_the_cells_are():
    """Cells joined by one space: number first, date last, the activity from its infinitive; a
    date OCR damaged is read back and flagged ('Diciem6re'), 'N/A' no date."""
    text = (
        "a) De los hallazgos:\n"
        "Núm. Hallazgo Actividades comprometidas Fecha comprometida\n"
        "1 No existe un padrón único de beneficiarios. Integrar el padrón único y publicarlo. 30 de Noviembre 2025\n"
        "2 Los reportes no coinciden con los cierres. • Validar los reportes. • Documentar las diferencias. N/A\n"
        "3 No se difunden los resultados. Publicar el informe final. 28 de Diciem6re 2025\n"
        "CUARTA. Cumplimiento. Las fechas no podrán exceder del 31 de diciembre de 2025.\n"
    )
    ext = extract(make_document(text))
    got = [(r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in ext.records]
    assert got == [
        (
            1,
            "No existe un padrón único de beneficiarios.",
            "Integrar el padrón único y publicarlo.",
            dt.date(2025, 11, 30),
        ),
        (2, "Los reportes no coinciden con los cierres.", "Validar los reportes.; Documentar las diferencias.", None),
        (3, "No se difunden los resultados.", "Publicar el informe final.", dt.date(2025, 12, 28)),
    ]
    assert ext.records[2]["corrected"] == ["fecha_compromiso:corregido"] and not ext.failures


def test_label_value_sheet_one_row_per_aspect():
    """'Aspecto No. N.' boxes of label/value lines (a ficha de ASM interinstitucionales): no dates."""
    text = (
        "Aspecto Susceptible de Mejora (ASM)\n"
        "Aspecto No. 1.\n"
        "| Aspecto Susceptible de Mejora: | Formalización de los mecanismos de coordinación |\n"
        "| Acción a emprender: | Suscribir acuerdos de coordinación. |\n"
        "| Áreas que intervienen: | Jefaturas de División |\n"
        "| Resultados esperados: | Mejor vinculación interinstitucional |\n"
        "| Productos y/o evidencias: | Minutas de las sesiones |\n"
        "\n"
        "Aspecto No. 2.\n"
        "Aspecto Susceptible de Mejora: Implementación de controles de seguimiento\n"
        "Acción a emprender: Establecer un tablero de control.\n"
        "\n"
        "INSTITUCIÓN: Sistema para el Desarrollo Integral de la Familia\n"
        "NOMBRE: Claudia Ivonne Becerra Sarmiento\n"
    )
    ext = extract(make_document(text))
    got = [
        (
            r["tipo"],
            r["numero"],
            r["texto"],
            r["actividad_comprometida"],
            r.get("area_responsable"),
            r["fecha_compromiso"],
        )
        for r in ext.records
    ]
    assert got == [
        ("hallazgo", 1, "Formalización de los mecanismos de coordinación", "Suscribir acuerdos de coordinación.",
         "Jefaturas de División", None),
        ("hallazgo", 2, "Implementación de controles de seguimiento", "Establecer un tablero de control.", None, None),
    ]  # fmt: skip
    assert not ext.failures


def test_markdown_table_going_on_after_lines_ocr_took_out():
    """Rows after a break in the bars carry on the table above; a row written one cell per
    paragraph in the break is one of its rows; a number run into its text cell ('| 3 No se
    publican ...') is split back; a table with no number under it is not taken."""
    text = (
        "| Núm. | Hallazgo | Acción de mejora comprometida | Fecha comprometida |\n|---|---|---|---|\n"
        "| 1 | No existe un padrón único. | Integrar el padrón. | Marzo de 2019 |\n"
        "2\n\nNo se cuenta con manuales.\n\n"
        "| 3 No se publican los informes. | Habilitar un apartado. | Abril de 2019 |\n"
        "| 4 | El personal no ha recibido capacitación. | Impartir cursos. | Mayo de 2019 |\n\n"
        "| POR LA SECRETARÍA | POR EL SUJETO EVALUADO |\n| Juan Pérez | Ana López |\n"
    )
    ext = extract(make_document(text))
    got = [(r["numero"], r["texto"], r["actividad_comprometida"], r["fecha_compromiso"]) for r in ext.records]
    assert got == [
        (1, "No existe un padrón único.", "Integrar el padrón.", dt.date(2019, 3, 31)),
        (2, "No se cuenta con manuales.", None, None),
        (3, "No se publican los informes.", "Habilitar un apartado.", dt.date(2019, 4, 30)),
        (4, "El personal no ha recibido capacitación.", "Impartir cursos.", dt.date(2019, 5, 31)),
    ]


def test_a_cell_line_opening_with_the_item_separator_is_joined_not_a_crash() -> None:
    """A scan's OCR put a cell's '; ' at the head of its next line (dev ASM scan 8): the line
    is the next item of the list, and the empty piece before the separator is nothing."""
    from extractors.convenio_asm.raw_row import CellLine
    from extractors.convenio_asm.records import flatten

    lines = [CellLine("Revisar el padrón de beneficiarios", 0, 100), CellLine("; Capacitar al personal", 0, 100)]
    assert flatten(lines, 120) == "Revisar el padrón de beneficiarios; Capacitar al personal"


# development seeds whose agreement breaks its own clauses (the generator's 'inconsistencia'):
# 12 dates a recommendation past the limit it states, 91 states a count its table does not hold
INCONSISTENT = {12: "fecha_limite=conflict", 91: "conteo=conflict"}


@pytest.mark.parametrize("seed", sorted(INCONSISTENT))
def test_an_agreement_that_breaks_its_own_clause_says_so(tmp_path, seed):
    g = generate(seed, tmp_path, (TEXT_PDF,))
    assert g.variant["inconsistencia"] in ("limite", "conteo")
    ext = extract(read_document(str(g.files[TEXT_PDF]), ReadSettings()).document)
    assert any(INCONSISTENT[seed] in (r.get("checks") or []) for r in ext.records)


@requires_seeds
def test_seed_002_evaluation_and_pae_on_every_row(seed002):
    # read from the object clause (line 67): 'la Evaluación Específica al Fondo de Aportaciones
    # para la Seguridad Pública (FASP), correspondiente al PAE 2017'
    assert {(r["tipo_evaluacion"], r["pae"], r["programa_evaluado"]) for r in seed002.records} == {
        ("Evaluación Específica", 2017, "Fondo de Aportaciones para la Seguridad Pública (FASP)")
    }


def test_a_date_under_a_blot_is_a_failure_not_an_absent_date(tmp_path):
    # development seed 16 blots one committed date (truth: fecha_legible false); an empty cell
    # under ink is a date nobody can read, not one the agreement left out
    g = generate(16, tmp_path, (TEXT_PDF,))
    blotted = {(t["tipo"], t["numero"]) for t in g.truth["commitments"] if t.get("fecha_legible") is False}
    assert blotted, "the seed no longer blots a date: pick another"
    ext = extract(read_document(str(g.files[TEXT_PDF]), ReadSettings()).document)
    covered = {
        (json.loads(f.record)["tipo"], json.loads(f.record)["numero"]) for f in ext.failures if "covered" in f.message
    }
    assert covered == blotted
    assert not blotted & {(r["tipo"], r["numero"]) for r in ext.records}
