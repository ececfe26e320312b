"""The convenio_asm generator's ``organizacion`` truth against docs/mentions.md, "Bodies named
inside other names": a unit printed with the body it belongs to ('JEFA DE LA UNIDAD DE PLANEACIÓN
DE COMISIÓN ESTATAL DEL AGUA DE COSTA DORADA') is one mention as printed, the body inside it
another; the unit alone is a mention only where it is printed alone; bodies listed with commas
and 'y' are each a mention.

These test the generator, never papeleo: the truth is checked against the plan it drew and
against its own text layer (pdfplumber).
"""

from __future__ import annotations

import random
import re
import sys

import pdfplumber
import pytest

from helpers import SAMPLES

_old = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # `papeleo ingest samples` walks samples/: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._generated import TEXT_PDF  # noqa: E402
from gen.convenio_asm import generate  # noqa: E402
from gen.convenio_asm import prose as P  # noqa: E402
from gen.convenio_asm import vocab_asm as VA  # noqa: E402
from gen.convenio_asm.flow import Ment  # noqa: E402
from gen.convenio_asm.generate import plan  # noqa: E402
from gen.convenio_asm.model import CONVENIO  # noqa: E402

sys.dont_write_bytecode = _old

SEARCH = range(400)
# bodies printed in table cells, whose lines the text layer interleaves with the next column's
# (test_generator_convenio_asm checks their words on their page)
CELL_BODIES = {*VA.AREAS, *VA.AREAS_COORDINADORAS, *VA.ORGANIZACIONES_EN_TEXTO}
# the documents that print bodies inside other names, each the first seed of SEARCH that has it
FEATURES = {
    "designations sheet, three parties": lambda m, e: m.format == CONVENIO and e.hoja_responsables
    and len(m.partes) == 3,
    "designations sheet, two parties": lambda m, e: m.format == CONVENIO and e.hoja_responsables
    and len(m.partes) == 2,
    "designations sheet of a municipal agreement": lambda m, e: m.format == CONVENIO and e.hoja_responsables
    and m.municipio is not None,
    "control body's post names its own unit": lambda m, e: m.format == CONVENIO
    and any(p.organizacion.startswith("Órgano Interno de Control") for p in m.partes),
    "party's post names a unit": lambda m, e: any("Unidad de Evaluación" in p.persona.cargo for p in m.partes),
}  # fmt: skip


def norm(s: str) -> str:
    """Name case aside, line breaks aside: how a value is compared with the text that printed it."""
    return re.sub(r"\s+", " ", s).strip().upper()


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """seed → (plan's model, GeneratedDoc, the text layer as one normalised string)."""
    out = {}
    tmp = tmp_path_factory.mktemp("convenio_asm_bodies")
    for has in FEATURES.values():
        seed = next(s for s in SEARCH if has(*plan(s)[:2]))
        if seed in out:
            continue
        doc = generate(seed, tmp, (TEXT_PDF,))
        with pdfplumber.open(doc.files[TEXT_PDF]) as pdf:
            text = " ".join(p.extract_text() or "" for p in pdf.pages)
        out[seed] = (plan(seed)[0], doc, norm(text))
    return out


def orgs(doc) -> list[str]:
    return [mn["valor"] for mn in doc.truth["mentions"] if mn["tipo"] == "organizacion"]


def printed_alone(value: str, text: str, values: list[str]) -> bool:
    """``value`` is printed somewhere that is not the start of a longer registered name that
    begins with it (the outer part of a chain, 'UNIDAD DE PLANEACIÓN' of 'UNIDAD DE PLANEACIÓN DE
    COMISIÓN …', is printed, but not alone)."""
    want = norm(value)
    longer = [norm(v) for v in values if norm(v) != want and norm(v).startswith(want)]
    for found in re.finditer(re.escape(want), text):
        if not any(text.startswith(w, found.start()) for w in longer):
            return True
    return False


def test_organization_values_are_what_was_printed(docs):
    """An organizacion's value is its printed text in name case, and is printed in the document,
    words in a row (a table cell's body aside: its lines are not in a row in the text layer)."""
    for seed, (_, doc, text) in docs.items():
        for mn in doc.truth["mentions"]:
            if mn["tipo"] == "organizacion":
                assert norm(mn["valor"]) == norm(mn["texto"]), (seed, mn)
                assert mn["valor"] in CELL_BODIES or norm(mn["texto"]) in text, (seed, mn)


def test_chain_and_the_body_inside_it_are_registered(docs):
    """'TITULAR DEL ÓRGANO INTERNO DE CONTROL DE <BODY>', 'JEFA DE LA UNIDAD DE PLANEACIÓN DE
    <BODY>' on the designations sheet: the whole chain, in name case, and the body are mentions;
    a post that names no unit ('DIRECTOR DE EVALUACIÓN DEL DESEMPEÑO DE <BODY>') names the body."""
    chains = 0
    for seed, (m, doc, text) in docs.items():
        if m.format != CONVENIO or not plan(seed)[1].hoja_responsables:
            continue
        values = set(orgs(doc))
        for p in m.responsables:
            printed = norm(f"{p.cargo} de {p.organizacion}")
            assert printed in text, (seed, printed)
            assert p.organizacion in values, (seed, p.organizacion)
            found = P.BODY_IN_POST.search(p.cargo)
            if found is None:
                assert not any(v.startswith("Dirección de Evaluación") for v in values), seed
                continue
            chain = f"{found[1]} de {p.organizacion}"
            assert chain in values, (seed, chain)
            chains += 1
    assert chains >= 2 * 3  # two chains on each of the three designations sheets


def test_outer_part_alone_only_where_printed_alone(docs):
    """A chain's outer part ('Unidad de Planeación', 'Órgano Interno de Control') is registered
    only where the document prints it alone; every registered name that begins another registered
    name is printed alone somewhere."""
    seen = {"not registered": 0, "registered": 0}
    for seed, (_, doc, text) in docs.items():
        values = orgs(doc)
        for v in values:
            if any(w != v and norm(w).startswith(norm(v)) for w in values):
                assert printed_alone(v, text, values), (seed, v)
        for unit in ("Unidad de Planeación", "Órgano Interno de Control"):
            alone = printed_alone(unit, text, [*values, *(f"{unit} de {o}" for o in values)])
            assert (unit in values) == alone, (seed, unit, alone)
            seen["registered" if alone else "not registered"] += norm(unit) in text
    # both cases occur: the units printed only inside chains (designations sheets), and the
    # control body's unit printed alone in its own post ('TITULAR DEL ÓRGANO INTERNO DE CONTROL')
    assert seen["not registered"] and seen["registered"], seen


def test_listed_bodies_are_each_a_mention(docs):
    """The designations sheet's 'celebrado entre A, B y C' names each party: one mention each,
    and the printed line is unchanged by marking them."""
    for seed, (m, doc, text) in docs.items():
        if m.format != CONVENIO:
            continue
        pieces = P.hoja_firmas(m, random.Random(0))
        listed = [x.valor for x in pieces if isinstance(x, Ment) and x.tipo == "organizacion"]
        names = [p.organizacion for p in m.partes]
        assert listed[-len(names) :] == names, (seed, listed)
        line = "".join(x if isinstance(x, str) else x.texto for x in pieces)
        between = ", ".join(names[:-1]) + " y " + names[-1]
        assert f"”, celebrado entre {between}, el " in line, (seed, line)
        if plan(seed)[1].hoja_responsables:
            assert norm(f"celebrado entre {between}") in text, seed
        assert set(names) <= set(orgs(doc)), seed
