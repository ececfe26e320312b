"""samples/gen/informe_supervision: the generator's mention truth follows docs/mentions.md.

Read from the plans (what each element prints and the mentions written into it), never from
papeleo: every body printed is registered, every body registered is printed where it is
registered, and a name that names another body ('Gerencia de la Junta Administradora de Agua
de …', 'Oficina del Comisionado Nacional …', 'Presidente del Comité de Padres') is a mention
with the body inside it another ("Bodies named inside other names"). That the registered text
is on the page the truth gives is test_generator_informe_supervision's (and truth.py's) check.
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
from gen.informe_supervision import plan_for  # noqa: E402
from gen.informe_supervision.audit_text import AUDIT_TYPES, GROUPS, TITLES  # noqa: E402
from gen.informe_supervision.model import plain_text  # noqa: E402
from gen.informe_supervision.topics import TOPICS, T  # noqa: E402
from gen.informe_supervision.vocab import ESTADOS_MX, LUGARES_CA, LUGARES_MX  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

SEEDS = range(300)


@pytest.fixture(scope="module")
def plans() -> dict:
    return {seed: plan_for(seed)[0] for seed in SEEDS}


def plan_rows(plan) -> list[dict]:
    rows = []
    for el in plan.els:
        if el.kind == "table":
            rows += [r for records in el.opts["row_truth"] for r in records]
        elif el.row is not None:
            rows.append(el.row)
    return rows


def plan_mentions(plan) -> list:
    """Every mention a plan registers: its elements', its table rows', its footnotes' and its
    running header's (before layout, so without pages)."""
    return [m for _, _, ms in printings(plan) for m in ms]


def printings(plan):
    """(where, printed text, mentions written into it) of every element, table row, footnote
    and the running header: a mention is found in the text of the printing that holds it."""
    for i, el in enumerate(plan.els):
        if el.kind == "firma":
            yield (i, el.kind), "\n".join(el.opts["lines"]), el.mentions
        elif el.kind == "table":
            yield (i, el.kind), "", el.mentions
            for r, (row, ms) in enumerate(zip(el.opts["rows"], el.opts.get("row_mentions", []))):
                yield (i, "fila", r), "\n".join(row.values()), ms
        else:
            yield (i, el.kind), plain_text(el.text), el.mentions
    for num, text in plan.footnotes.items():
        yield ("nota", num), plain_text(text), plan.footnote_mentions[num]
    if plan.header:
        yield ("encabezado",), f"{plan.header['left']}\n{plan.header['right']}", plan.header_mentions


def kind(where: tuple) -> str:
    """'destinatario', 'firma', 'fila', 'nota', 'encabezado' ... of a printing's ``where``."""
    return where[1] if isinstance(where[0], int) else where[0]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_mentions_follow_the_definition(plans):
    """docs/mentions.md: an article as 'artículo N de la <instrument>' with the instrument a
    mention of its own; the case file's code a referencia_legal; bodies (issuer, addressees)
    registered, a public work not; counts as '<number> <noun>' with the noun in lower case."""
    tipos = Counter()
    for seed, plan in plans.items():
        ms = plan_mentions(plan)
        tipos.update(m.tipo for m in ms)
        by_tipo: dict = {}
        for m in ms:
            by_tipo.setdefault(m.tipo, set()).add(m.valor)
        legal, orgs = by_tipo.get("referencia_legal", set()), by_tipo.get("organizacion", set())
        for valor in legal:
            if valor.lower().startswith("artículo"):
                assert valor.startswith("artículo"), (seed, valor)
                law = re.match(r"art[íi]culos? .*? (?:de la|del) (.+)$", valor).group(1)
                assert law in legal, (seed, valor, law)
        if plan.documents["clave_documento"]:
            assert plan.documents["clave_documento"] in legal, seed
        assert plan.documents["emisor"] in orgs, seed
        for r in plan_rows(plan):
            if r["destinatario"]:
                assert r["destinatario"] in orgs, (seed, r["destinatario"])
        assert not [o for o in orgs if o.lower().startswith(("obra ", "socio"))], seed
        for m in ms:
            if m.tipo == "cantidad":
                number, noun = m.texto.split(" ", 1)
                assert m.extra["unidad"] == noun.lower() and m.extra["unidad"] == m.extra["unidad"].lower(), (seed, m)
                assert int(number) == m.valor if number.isdigit() else number == "dos" and m.valor == 2, (seed, m)
            if m.tipo == "fecha":  # printed with its year (a visit heading's '4 de abril' is none)
                assert m.extra["precision"] in ("dia", "mes", "anio"), (seed, m)
                assert re.search(r"\d{4}", m.texto) or m.extra["precision"] == "mes", (seed, m)
    assert set(tipos) == {"persona", "organizacion", "referencia_legal", "monto", "cantidad", "fecha", "url"}


# -- bodies -----------------------------------------------------------------------------------

# what a body's name starts with, in name case and in capitals; a head alone ('la Comisión',
# 'Director del Centro') is a generic reference, so a match takes at least one more word
HEADS = "Secretaría Dirección Comité Comisión Consejo Unidad Departamento Hospital Escuela Instituto Ministerio"
HEADS += " Gerencia Coordinación Junta Ayuntamiento Concejo Contraloría Juzgado Oficina Defensoría Procuraduría"
HEADS += " Visitaduría Mecanismo Centro Empresa Casa Estación Albergue Telesecundaria Colegio Universidad Órgano"
HEADS += " Auditoría Comisionado Municipio Sistema Área Presidencia Subdirección Jefatura Granja Planta Entidad"
HEADS += " Servicios"
LINKS = "de|del|de la|de los|de las|y|para|para la"
LINK = rf"(?: (?:{LINKS}|{LINKS.upper()}))?"
BODY_LIKE = re.compile(
    rf"(?<!\w)(?:{'|'.join(HEADS.split() + HEADS.upper().split())})(?:{LINK} [A-ZÁÉÍÓÚÑ«][\w«».-]*)+"
)
# printed, named like a body, and no body: the audit report's defined party, audit types and
# procedure groups, project and law words, titles, and the areas that are places and services
NOT_BODIES = ["Entidad Fiscalizada", "Servicios de Consultoría", "Servicios Relacionados", "Servicios del Sector"]
NOT_BODIES += [*AUDIT_TYPES, *TITLES, *(g for g, _ in GROUPS), "Auditoría Externa", "AUDITORÍA APLICADOS"]
PLACES_VISITED = [a for t in TOPICS for a in T[t]["areas"] if a not in T[t].get("areas_organismo", ())]
NOT_BODIES += [f"{pre}{a}" for a in PLACES_VISITED for pre in ("", "Área de ")]  # 'Área de Comedor' (captions)


def not_a_body(phrase: str) -> bool:
    phrase = phrase.rstrip(".").casefold()
    return any(n.casefold().startswith(phrase) or phrase.startswith(n.casefold()) for n in NOT_BODIES)


def test_every_body_printed_is_registered(plans):
    """Where an element prints a body's name (headings in capitals, tables, signatures,
    addressees, footnotes, the running header), a mention written into it holds that text:
    what is left of the printed text once the registered bodies are taken out names no body."""
    unregistered = []
    for seed, plan in plans.items():
        for where, text, ms in printings(plan):
            left = flat(text)
            for texto in sorted({flat(m.texto) for m in ms if m.tipo == "organizacion"}, key=len, reverse=True):
                left = left.replace(texto, "@")
            unregistered += [(seed, where, p) for p in BODY_LIKE.findall(left) if not not_a_body(p)]
    assert not unregistered, unregistered[:10]


def test_registered_bodies_are_printed_where_registered(plans):
    """A body's value is its printed text in name case, printed in the element that holds it;
    never a head alone ('Comisión'), a place ('Departamento de Las Cumbres', 'Estado de …')."""
    places = {f"Departamento de {p}" for p in LUGARES_CA} | {f"Estado de {e}" for e, _ in ESTADOS_MX}
    places |= {f"Departamento de {p}" for p in LUGARES_MX}
    for seed, plan in plans.items():
        for where, text, ms in printings(plan):
            for m in ms:
                if m.tipo != "organizacion":
                    continue
                assert flat(m.texto) in flat(text), (seed, where, m)
                assert m.texto in (m.valor, m.valor.upper()), (seed, where, m)
                assert len(m.valor.split()) > 1 and m.valor not in places, (seed, where, m)


ARTICLE = r" (?:de|del|de la) "


def test_a_body_named_inside_a_name_is_a_mention_of_its_own(plans):
    """Bodies named inside other names: the whole name is one mention, the body inside it
    (a body the document names) another, printed where the name is; the outer part alone
    ('Gerencia', 'Consejo Técnico') is registered only where it is printed alone."""
    chains = Counter()
    for seed, plan in plans.items():
        known = {m.valor for m in plan_mentions(plan) if m.tipo == "organizacion"}
        for where, text, ms in printings(plan):
            orgs = [m for m in ms if m.tipo == "organizacion"]
            here = {(m.valor, m.texto) for m in orgs}
            for m in orgs:
                for body in known:
                    if re.search(f"{ARTICLE}{re.escape(body)}$", m.valor):
                        chains[kind(where)] += 1
                        assert (body, m.texto[len(m.texto) - len(body) :]) in here, (seed, where, m.valor, body)
            printed = flat(text)
            for m in orgs:  # some printing of m is not the head of a longer registered name
                longer = [o.texto for o in orgs if len(o.texto) > len(m.texto) and not o.texto.endswith(m.texto)]
                spans = [(s.start(), s.end()) for t in longer for s in re.finditer(re.escape(flat(t)), printed)]
                alone = [
                    s.start()
                    for s in re.finditer(re.escape(flat(m.texto)), printed)
                    if not any(a <= s.start() and s.start() + len(flat(m.texto)) <= b for a, b in spans)
                ]
                assert alone, (seed, where, m.valor)
    # the chains these reports print: an addressee naming the facility, the issuer naming its
    # commissioner (on a cover, in the signature, footnotes and the running header)
    assert chains["destinatario"] and chains["firma"] and chains["encabezado"] and chains["nota"], chains


def orgs_of(ms) -> set[tuple[str, str]]:
    return {(m.valor, m.texto) for m in ms if m.tipo == "organizacion"}


# an addressee that is a unit of the supervised facility ('{unidad} {del_centro}' in topics.py)
FACILITY_UNIT = re.compile(r"(?i)(Gerencia|Consejo Técnico|Coordinación|Dirección|Dirección Ejecutiva)(?: de la| del) ")


def test_chains_the_generator_prints(plans):
    """The definition's own examples, as these reports print them."""
    seen = Counter()
    for seed, plan in plans.items():
        for where, text, ms in printings(plan):
            orgs = orgs_of(ms)
            if kind(where) == "destinatario":
                line = flat(text).rstrip(":")
                name = line.split(" ", 2)[2] if line.upper().startswith("A LA ") else line.split(" ", 1)[1]
                if m := FACILITY_UNIT.match(name):
                    facility = name[m.end() :]  # 'Gerencia de la Junta Administradora de Agua de San Bartolomé'
                    whole = next(v for v, t in orgs if t == name)
                    assert orgs == {(whole, name), (whole[len(whole) - len(facility) :], facility)}, (seed, orgs)
                    seen["facility"] += 1
                elif re.search(r"(?i) del (Departamento|Estado) de ", name):  # a place: no body inside
                    assert len(orgs) == 1, (seed, orgs)
                    seen["place"] += 1
            for v, t in orgs:
                if v.startswith("Oficina del Comisionado"):
                    inner = v.removeprefix("Oficina del ")
                    assert (inner, t[len(t) - len(inner) :]) in orgs, (seed, where, orgs)
                    seen["comisionado", t.isupper()] += 1
            for m in ms:
                if m.tipo != "persona":
                    continue
                cargo = m.extra.get("cargo", "")
                for post, body in POSTS.items():
                    if cargo == post:
                        assert (body is None) == (not {v for v, _ in orgs if v in cargo}), (seed, cargo, orgs)
                        if body:
                            assert (body, body) in orgs, (seed, cargo, orgs)
                        seen[post] += 1
    assert set(seen) >= {"facility", "place", ("comisionado", True), ("comisionado", False), *POSTS}, seen


# a post names the body in it; a bare head noun in a post ('la Comisión', 'el Centro') is none
POSTS = {
    "Presidente del Comité de Padres": "Comité de Padres",
    "Presidente del Comité Vecinal": "Comité Vecinal",
    "Encargado del Área Médica": "Área Médica",
    "Jefe del Departamento de Medicina Interna": "Departamento de Medicina Interna",
    "Director del Centro": None,
    "Presidente de la Comisión": None,
    "Presidenta de la Comisión": None,
    "Director de Obras Públicas": None,
}
