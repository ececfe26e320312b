"""The dictamen_puntajes generator's bodies in its mention truth follow docs/mentions.md, 'Bodies
named inside other names': a name that names another body is one mention as printed, the body
inside it another (from its head noun to the end); the outer part alone is a mention only where
it is printed alone; a post and a law name the body in them; 'y' inside one name stays.

The documents' printed text is read back with pdfplumber (the registered values must be there);
the prose as composed (``prose.compose``, what the text layer draws, no table cells interleaved)
is scanned for every body's name the truth must hold.
"""

from __future__ import annotations

import re
import sys

import pdfplumber
import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import TEXT_PDF  # noqa: E402
from gen.dictamen_puntajes import generate  # noqa: E402
from gen.dictamen_puntajes.bodies import KINDS, NOT_A_BODY, named  # noqa: E402
from gen.dictamen_puntajes.model import Para  # noqa: E402
from gen.dictamen_puntajes.phrases import art  # noqa: E402
from gen.dictamen_puntajes.prose import compose  # noqa: E402
from gen.dictamen_puntajes.spec import draw_spec  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

TCJ = "Tribunal Superior de Justicia del Estado de Nueva Castilla"
# a preposition that runs a printed name on into another body's name
RUNS_ON = re.compile(r" (?:del|de la|de los|de|al|a la|con el) ", re.I)
# where a body's name starts in the prose: a head noun followed by a capitalised word, or by a
# preposition and one ('Comisión de Evaluación', 'Escuela Judicial'), in name case or in capitals
HEADS = (
    "Comisión|Comité|Consejo|Pleno|Junta|Instituto|Tribunal|Poder|Juzgado|Servicio|Secretaría|Dirección|Unidad"
    "|Departamento|Oficina|Escuela|Fiscalía|Procuraduría|Defensoría|Universidad|Gobierno|Ministerio|Policía"
    "|Visitaduría|Coordinación|Órgano|Organismo"
)
NAME_START = re.compile(rf"\b(?:{HEADS})(?= (?:(?:de|del|de la|de los|y) )?[A-ZÁÉÍÓÚÑ][a-záéíóúñ])")
NAME_START_CAPS = re.compile(rf"\b(?:{HEADS.upper()})(?= (?:(?:DE|DEL|DE LA|DE LOS|Y) )?[A-ZÁÉÍÓÚÑ]{{2}})")


def chain_seeds() -> list[int]:
    """One document per kind of body and purpose, each with a glossary (which prints the
    commission with the institute's acronym: 'Comisión … del IEEV')."""
    picked: dict[tuple[str, str], int] = {}
    for seed in range(400):
        spec = draw_spec(seed)
        if spec.prose["glosario"]:
            picked.setdefault((spec.inst.kind, spec.purpose), seed)
    return sorted(picked.values())


SEEDS = chain_seeds()


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """seed -> (truth, the PDF's text squashed, the prose as composed)."""
    out = tmp_path_factory.mktemp("dictamen_chains")
    made = {}
    for seed in SEEDS:
        doc = generate(seed, out, (TEXT_PDF,))
        with pdfplumber.open(doc.files[TEXT_PDF]) as pdf:
            text = squash(" ".join(p.extract_text() or "" for p in pdf.pages))
        items, _ = compose(draw_spec(seed))
        prose = [it.text.replace("**", "") for it in items if isinstance(it, Para)]
        made[seed] = (doc.truth, text, prose)
    return made


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bodies_of(truth: dict) -> list[dict]:
    return [m for m in truth["mentions"] if m["tipo"] == "organizacion"]


def occurrences(texto: str, text: str) -> list[re.Match]:
    return list(re.finditer(rf"(?<![\w/-]){re.escape(squash(texto))}(?![\w/-])", text, re.I))


# --- the rule itself, on this family's names --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "itself", "expected"),
    [
        (  # a body of a body of a body: each from its head noun to the end
            f"Pleno del Consejo de la Judicatura del {TCJ}",
            True,
            [f"Pleno del Consejo de la Judicatura del {TCJ}", f"Consejo de la Judicatura del {TCJ}", TCJ],
        ),
        (
            f"Comisión de Evaluación y Disciplina del {TCJ}",
            True,
            [f"Comisión de Evaluación y Disciplina del {TCJ}", TCJ],
        ),
        ("Comisión de Administración y Carrera Judicial", True, ["Comisión de Administración y Carrera Judicial"]),
        ("Secretaría de Finanzas y Planeación del Estado de Palmares", True, None),  # a place is no body
        ("Comisión Dictaminadora del Programa de Estímulos al Desempeño", True, None),  # nor a program
        (
            "Secretaría de Administración del Gobierno del Estado de Palmares",
            True,
            ["Secretaría de Administración del Gobierno del Estado de Palmares", "Gobierno del Estado de Palmares"],
        ),
        # a post names the body in it; a post is no body
        (
            "Secretaria de Acuerdos del Juzgado Mixto de Primera Instancia",
            False,
            ["Juzgado Mixto de Primera Instancia"],
        ),
        (
            "Jefe de Departamento de Vinculación con el Instituto Nacional Electoral",
            False,
            ["Departamento de Vinculación con el Instituto Nacional Electoral", "Instituto Nacional Electoral"],
        ),
        ("Vocal Ejecutivo de Junta Distrital", False, []),  # a district's board of no name
        ("Titular de la Órgano de Enlace", False, []),  # the role the document defines
        # a law names the body after 'del'/'de la'; a list ends it
        ("Ley Orgánica del Poder Judicial del Estado", False, ["Poder Judicial del Estado"]),
        (
            "Estatuto del Servicio Profesional Electoral Nacional y del Personal de la Rama Administrativa",
            False,
            ["Servicio Profesional Electoral Nacional"],
        ),
        ("Reglamento de Estímulos al Desempeño del Personal Administrativo", False, []),
        (
            "Reglamento del Servicio Profesional de Carrera de la Fiscalía",
            False,
            ["Servicio Profesional de Carrera de la Fiscalía"],
        ),
        # the members' phrase names the service; 'Servicio Profesional' alone is the generic 'the service'
        ("miembros del Servicio Profesional Electoral Nacional", False, ["Servicio Profesional Electoral Nacional"]),
        ("Dirección Ejecutiva del Servicio Profesional", True, None),
    ],
)
def test_named_follows_the_chain_rule(name, itself, expected):
    assert named(name, itself) == ([name] if expected is None else expected)


# --- what the generated documents register -------------------------------------------------------


def test_every_registered_body_is_printed_and_not_only_as_a_chain_s_outer_part(docs):
    """A registered texto is printed (a table cell's word by word); one printed in the prose is
    printed somewhere alone, not only run on into another body ('Junta General Ejecutiva' of
    'Junta General Ejecutiva del Instituto Nacional Electoral' is no mention of its own)."""
    for seed, (truth, text, _) in docs.items():
        words = set(text.split())
        inst = draw_spec(seed).inst
        long_forms = {
            inst.acronimo: inst.nombre,
            inst.servicio_acr: inst.servicio,
            "INE": "Instituto Nacional Electoral",
        }
        for m in bodies_of(truth):
            # the value is what is printed, in name case, an acronym as the long form the glossary gives
            assert m["valor"].lower() in (m["texto"].lower(), spelt_out(m["texto"], long_forms).lower()), (seed, m)
            if m.get("variante") == "tabla":
                assert set(m["texto"].split()) <= words, (seed, m)
                continue
            found = occurrences(m["texto"], text)
            assert found, (seed, "not printed", m)
            alone = [o for o in found if not RUNS_ON.match(text, o.end()) or not starts_a_body(text, o.end(), truth)]
            assert alone, (seed, "printed only as the outer part of a longer name", m["valor"])


def spelt_out(texto: str, long_forms: dict[str, str]) -> str:
    """``texto`` with each acronym replaced by its long form ('Comisión … del IEEV')."""
    return re.sub(r"\b[A-Z]{2,}\b", lambda a: long_forms.get(a[0], a[0]), texto)


def starts_a_body(text: str, at: int, truth: dict) -> bool:
    """Whether a registered body's printed name starts after the preposition at ``at``."""
    rest = text[RUNS_ON.match(text, at).end() :].lower()
    return any(rest.startswith(squash(m["texto"]).lower()) for m in bodies_of(truth))


def test_every_printed_chain_is_registered_whole(docs):
    """Where one registered body's name runs on into another's ('Comisión … del IEEV', 'PLENO DEL
    CONSEJO DE LA JUDICATURA DEL TRIBUNAL …'), the whole name as printed is registered too."""
    chains = 0
    for seed, (truth, text, _) in docs.items():
        textos = {squash(m["texto"]).lower() for m in bodies_of(truth)}
        printed = [(o.start(), o.end()) for t in textos for o in occurrences(t, text)]
        longest: dict[int, int] = {}  # where a registered name is printed -> where the longest one there ends
        for a, b in printed:
            longest[a] = max(b, longest.get(a, b))
        for a, b in printed:
            joint = RUNS_ON.match(text, b)
            if joint and joint.end() in longest:
                chain = text[a : longest[joint.end()]].lower()
                assert chain in textos, (seed, "chain not registered", chain)
                chains += 1
    assert chains > len(docs)


def test_every_body_named_in_the_prose_is_registered(docs):
    """Each body's name the prose prints (titles in capitals too) lies inside a registered
    texto: nothing printed as a body's name is left out of the truth (a generic 'la Comisión',
    a glossary's term 'Comisión:' and the defined role 'Órgano de Enlace' are no names)."""
    roles = {r.lower() for r in NOT_A_BODY}
    for seed, (truth, _, prose) in docs.items():
        textos = {squash(m["texto"]).lower() for m in bodies_of(truth)}
        for para in prose:
            low = para.lower()
            covered = [False] * len(para)
            for t in textos | roles:
                for o in re.finditer(rf"(?<![\w/-]){re.escape(t)}(?![\w/-])", low):
                    covered[o.start() : o.end()] = [True] * (o.end() - o.start())
            for start in list(NAME_START.finditer(para)) + list(NAME_START_CAPS.finditer(para)):
                assert covered[start.start()], (seed, "body printed, not registered", para[start.start() :][:90])


def test_title_chains_and_the_bodies_inside_them(docs):
    """The approving body with its institute, printed in the title, is one mention and names the
    bodies inside it to its end; the approving body alone only where printed alone."""
    for seed, (truth, text, _) in docs.items():
        spec = draw_spec(seed)
        inst = spec.inst
        values = {m["valor"] for m in bodies_of(truth)}
        full = f"{inst.organo} {art('del', inst.nombre)}"
        assert inst.nombre in values, seed
        if spec.purpose != "informe":
            assert full in values, (seed, full)
            inner = re.split(r" (?:del|de la) ", inst.organo, maxsplit=1)  # 'Pleno del *Consejo de la Judicatura*'
            if len(inner) > 1:  # … run on to the end: 'Consejo de la Judicatura del Tribunal …'
                assert f"{inner[1]} {art('del', inst.nombre)}" in values, seed
        glossed = f"{inst.comision} {art('del', inst.nombre)}"  # the glossary's 'Comisión … del IEEV'
        assert glossed in values, (seed, glossed)
        assert any(m["texto"] == glossed.replace(inst.nombre, inst.acronimo) for m in bodies_of(truth)), seed
        if inst.nacional:  # 'la Junta General Ejecutiva del Instituto Nacional Electoral', never alone
            assert {f"Junta General Ejecutiva del {inst.nacional}", inst.nacional} <= values, seed
            assert "Junta General Ejecutiva" not in values, seed
        if inst.organo not in values:
            assert all(RUNS_ON.match(text, o.end()) for o in occurrences(inst.organo, text)), (seed, inst.organo)
    assert {draw_spec(s).inst.kind for s in docs} == set(KINDS)
