"""samples/gen/mir_avance: the bodies in the generator's mention truth, as docs/mentions.md's
"Bodies named inside other names" counts them.

What these reports print that the section rules on: a signer's post names a unit ('Titular de
la Unidad de Planeación', 'Coordinadora de la UIPPE'): the unit is a mention, the post is none;
'Secretario del Ayuntamiento' names its body by the bare head noun, a generic reference; a state
agency's or government's name ends in a place ('Instituto de Vivienda del Estado de …'), no
body inside it; the state PbR report's issuer is two bodies listed ('Gobierno del Estado de …,
Secretaría de Finanzas'), each a mention; a column head naming a kind of unit ('CENTRO REGIONAL
/ ESPECIALIDAD', 'Unidad Responsable del Programa') names no body. Read from the plans (what
the generator drew), never from papeleo; that each mention is printed on its page is
test_generator_mir_avance's check.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen.mir_avance.common import layout_to_bytes  # noqa: E402
from gen.mir_avance.generate import plan_document  # noqa: E402
from gen.mir_avance.poa import KINDS  # noqa: E402
from gen.mir_avance.vocab import CARGOS_FIRMA, ESTADOS, LUGARES, NOMBRES_PROPIOS, SANTOS  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

SEEDS = range(200)  # development seeds (gen/_generated.SEED_SETS)


@pytest.fixture(scope="module")
def plans() -> dict:
    return {seed: plan_document(seed) for seed in SEEDS}


def orgs(plan, tag=None) -> set[tuple[str, str]]:
    return {(m.valor, m.texto) for m in plan.mentions if m.tipo == "organizacion" and tag in (None, m.tag)}


# the unit each post names (both genders); every other post of CARGOS_FIRMA names none: 'Director
# de Planeación y Evaluación' prints no body's name, 'Tesorero Municipal' is a post (the body is
# the 'Tesorería Municipal'), 'Secretario del Ayuntamiento' a bare head noun
POST_UNITS = {
    "Titular de la Unidad de Planeación": "Unidad de Planeación",
    "Coordinador de la UIPPE": "UIPPE",
    "Coordinadora de la UIPPE": "UIPPE",
    "Jefe del Departamento de Programación": "Departamento de Programación",
    "Jefa del Departamento de Programación": "Departamento de Programación",
    "Jefe de la Unidad de Evaluación": "Unidad de Evaluación",
    "Jefa de la Unidad de Evaluación": "Unidad de Evaluación",
}


def test_a_post_names_its_unit_and_nothing_else(plans):
    seen = Counter()
    for seed, plan in plans.items():
        cargos = [m.extra["cargo"] for m in plan.mentions if m.tipo == "persona"]
        want = {(POST_UNITS[c], POST_UNITS[c]) for c in cargos if c in POST_UNITS}
        assert orgs(plan, "firmas") == want, (seed, cargos, orgs(plan, "firmas"))
        seen.update(cargos)
    posts = {c for pair in CARGOS_FIRMA for c in pair}
    assert set(seen) == posts, posts - set(seen)  # every post drawn over the seeds, both genders


# a body's name that names another body after de/del/de la: the head nouns of the bodies these
# reports could print inside a name
INNER = re.compile(
    r" (?:de|del|de la) ((?:Secretaría|Dirección|Unidad|Departamento|Instituto|Comisión|Consejo|Ayuntamiento"
    r"|Gobierno|Colegio|Universidad|Tesorería|Contraloría|Oficialía|Presidencia|Coordinación|Subdirección) .+)$"
)
PLACES = {f"Estado de {e}" for e in ESTADOS} | set(ESTADOS) | set(NOMBRES_PROPIOS)
PLACES |= {f"{santo} {lugar}" for santo in SANTOS for lugar in LUGARES}  # municipalities


def test_bodies_inside_names_and_places(plans):
    """A body inside a registered name is registered too (none of these names holds one: a
    state agency's 'del Estado de …' is a place); a place alone is never a body."""
    for seed, plan in plans.items():
        values = {v for v, _ in orgs(plan)}
        for v in values:
            if inner := INNER.search(v):
                assert inner[1] in values, (seed, v, inner[1])
            assert v not in PLACES and not v.startswith("Estado de "), (seed, v)
            assert len(v.split()) > 1 or v.isupper(), (seed, v)  # no bare head noun ('Ayuntamiento'); an acronym


def test_listed_bodies_are_each_a_mention(plans):
    """The PbR report's issuer, 'Gobierno del Estado de …, Secretaría de …', printed on two
    lines of its header, is two bodies; the municipal 'Ente público: H. Ayuntamiento de …,
    Valle Verde' is one body and its state."""
    listed = Counter()
    for seed, plan in plans.items():
        values = {v for v, _ in orgs(plan)}
        emisor = plan.documents["emisor"]
        if plan.format == "pbr_estatal":
            parts = emisor.split(", ")
            assert len(parts) == 2 and set(parts) <= values, (seed, emisor, values)
            assert emisor not in values, seed
            listed["pbr"] += 1
        else:
            assert emisor in values, (seed, emisor)
            listed[plan.format] += 1
    assert set(listed) == {"pbr", "municipal", "sevac", "poa"}, listed


def test_kind_labels_are_no_bodies(plans):
    """A POA column head names the kind of its rows ('CENTRO REGIONAL / ESPECIALIDAD'): only a
    unit with its place ('Centro Regional San Isidro del Valle') is a body."""
    kinds = set(KINDS.values()) | {"Unidad Responsable del Programa", "Unidad Responsable"}
    for seed, plan in plans.items():
        for v, t in orgs(plan):
            assert v not in kinds, (seed, v)
            if plan.format == "poa" and t.isupper() and v.split()[0] in {k.split()[0] for k in kinds}:
                assert any(v.startswith(k + " ") for k in kinds), (seed, v)


def test_a_post_prints_the_unit_it_names(plans):
    """The unit registered from a post is printed in the signature block, inside the post."""
    chosen = {}
    for seed, plan in plans.items():
        for m in plan.mentions:
            if m.tipo == "persona" and m.extra["cargo"] in POST_UNITS:
                chosen.setdefault((plan.format, POST_UNITS[m.extra["cargo"]]), seed)
    assert {f for f, _ in chosen} == {"municipal", "pbr_estatal"}, chosen
    for seed in sorted(set(chosen.values())):
        plan = plan_document(seed)
        _, doc = layout_to_bytes(plan.build)
        firmas = " ".join(ln for e in doc.rec.events if e.tag == "firmas" for ln in e.lines)
        for valor, texto in orgs(plan, "firmas"):
            assert re.search(rf"(?:del|de la) {re.escape(texto)}\b", firmas), (seed, valor, firmas)
