"""State audit-office reports (Auditoría Superior del Estado style): procedures, 'Resultado N
con/sin observación' blocks, actions promoted, and a summary whose counts and amounts add up.

Findings are the results: ``numero`` is N, ``subseccion`` the procedure heading above it
('Procedimiento 1.2.3'), ``tipo_observacion`` 'con observación' or 'sin observación' and
``importe_observado`` the amount printed under the heading (or null). Every result with an
observation promotes one action: a *Pliego de observaciones* when it has an amount, else a
*Recomendación*; they are printed after their result, listed in their own section, or — as
in the real report — only counted in the summary (then no ``recomendacion`` rows). The
summary's counts and total are the results' own, except in a drawn share of documents that
print a total or a count that does not add up (``variant["inconsistencia"]``).
"""

from __future__ import annotations

import random
from datetime import date

from . import audit_text as AT
from . import frame
from .fill import draw_person
from .marks import Marks
from .model import Plan, plain_text
from .vocab import AUDIT_STAFF_POSTS

ACTION_LAYOUTS = ("en_resultado", "seccion", "solo_conteo")
ACTION_LAYOUT_WEIGHTS = (0.45, 0.3, 0.25)
# share of reports whose summary does not add up (a total off, or a count off)
INCONSISTENT_SHARE = 0.15
# share of results with an observation that print an observed amount
AMOUNT_SHARE = 0.45
STAFF_SHARE = 0.5  # reports that list the audit staff (people with posts)
REDACTION_SHARE = 0.35  # 'versión pública' reports with redacted spans after some paragraphs


def row(seccion, numero, text, **kw) -> dict:
    base = dict(seccion=seccion, subseccion=None, numero=numero, texto=plain_text(text), fecha=None, destinatario=None)
    base.update(kw)
    return base


def draw_results(rng: random.Random, n_procs: int) -> list[dict]:
    """Results per procedure, each with or without an observation and maybe an amount."""
    results = []
    for p in range(n_procs):
        for _ in range(rng.randint(1, 4)):
            con = rng.random() < 0.6
            amount = round(rng.uniform(85_000, 30_000_000), 2) if con and rng.random() < AMOUNT_SHARE else None
            if amount and rng.random() < 0.3:
                amount = float(round(amount, -3))  # round thousands ('$29,000,000.00')
            results.append({"proc": p, "con": con, "amount": amount, "n": len(results) + 1})
    return results


def build(seed: int, rng: random.Random, family: str) -> Plan:
    ctx = frame.context(rng, "auditoria", "obra")
    hyph = rng.random() < frame.HYPHENATED_SHARE
    size_name, page = frame.page_setup(rng, hyph)
    entidad, sector = AT.entity(rng, ctx)
    ctx["entidad"] = entidad
    kind = rng.choice(AT.TITLES)
    ctx["report_date"] = date(ctx["year"] + 1, 12, rng.randint(1, 28))  # after every answer (Aug-Nov)
    M = Marks()
    v: dict = dict(style="auditoria", topic=sector, page_size=size_name, body_size=page.body)
    v.update(justificado=page.justify, hyphenated=hyph)
    header, footer = frame.header_footer(rng, ctx, kind, entidad)
    docs = {"doc_type": family, "emisor": ctx["emisor"], "titulo": kind, "clave_documento": None}
    plan = Plan(seed, family, v, docs, page, header, footer, 0)
    v.update(encabezado=header["style"] if header else "ninguno", pie=footer or "ninguno")
    plan.header_mentions = frame.header_mentions(header, [ctx["emisor"], ctx["unidad"], entidad])
    clave = AT.clave(rng, ctx)
    v["cover"] = rng.random() < 0.5
    if v["cover"]:
        plan.add(M, "titulo", M.org(ctx["emisor"]), opts={"size": 15})
        plan.add(M, "titulo", kind.upper(), opts={"size": 20, "space": 80})
        plan.add(M, "linea", M.org(entidad), opts={"space": 30})
        plan.add(M, "linea", M.anio(ctx["year"], f"Cuenta Pública {ctx['year']}"), opts={"space": 100})
        plan.add(M, "pagebreak")
        plan.unnumbered = 1
        if rng.random() < frame.BLANK_AFTER_COVER_SHARE:
            plan.add(M, "blank_page")
            plan.unnumbered = 2
    else:  # the issuer must be printed somewhere: on the cover, or above the title
        plan.add(M, "linea", M.org(ctx["emisor"]), opts={"align": "left"})
    plan.add(M, "titulo", kind.upper() if rng.random() < 0.5 else kind)
    plan.add(M, "linea", M.org(entidad))
    heads = frame.Headings(rng, None)
    v.update(numeracion_secciones=heads.numbering, secciones_mayusculas=heads.upper, secciones_dos_puntos=heads.colon)
    heads.add(plan, M, "objeto", rng.choice(AT.OBJETO_HEADS))
    text = AT.objective(rng, ctx)
    plan.add(M, "parrafo_item", text, row=row("objetivo_general", 1, text))
    heads.add(plan, M, "antecedentes", "Antecedentes")
    clave_printed = rng.random() < 0.7
    plan.add(M, "para", AT.antecedent(rng, M, ctx, clave if clave_printed else None))
    plan.documents["clave_documento"] = clave if clave_printed else None
    heads.add(plan, M, "alcance", rng.choice(("Alcance", "Alcance de la revisión", "Universo y muestra")))
    plan.add(M, "para", AT.scope(rng, M, ctx))
    if rng.random() < STAFF_SHARE:
        heads.add(plan, M, "personal", "Personal a cargo de realizar la auditoría")
        used: set[str] = set()
        for _ in range(rng.randint(2, 5)):
            p = draw_person(rng, rng.choice(rng.choice(AUDIT_STAFF_POSTS)), used)
            plan.add(M, "item", f"{M.persona(p.nombre, p.printed_name, p.cargo)}, {p.cargo}", label="•")
        v["personal"] = True
    else:
        v["personal"] = False
    procs = AT.procedures(rng)
    heads.add(plan, M, "procedimientos", "Procedimientos de auditoría aplicados")
    for i, (group, code, text) in enumerate(procs, 1):
        if i == 1 or group != procs[i - 2][0]:
            plan.add(M, "subheading", group)
        plan.add(
            M, "item", text, label=code, row=row("objetivo_especifico", i, text, subseccion=group, procedimiento=code)
        )
    results = draw_results(rng, len(procs))
    layout = frame.weighted(rng, ACTION_LAYOUTS, ACTION_LAYOUT_WEIGHTS)
    v.update(acciones=layout, resultados=len(results), redaccion=rng.random() < REDACTION_SHARE)
    heads.add(plan, M, "resultados", rng.choice(("Resultados", "Resultados de la fiscalización")))
    actions = add_results(plan, M, rng, ctx, procs, results, layout, v)
    if layout == "seccion" and actions:
        heads.add(plan, M, "acciones", "Acciones promovidas")
        add_action_section(plan, M, actions, ctx)
    heads.add(plan, M, "resumen", "Resumen")
    summary(plan, M, rng, ctx, results, v)
    heads.add(plan, M, "dictamen", "Dictamen")
    text = AT.dictamen(rng, results)
    plan.add(M, "parrafo_item", text, row=row("conclusion", 2, text, subseccion=None))
    closing(plan, M, rng, ctx, v)
    v["agrupacion"] = "procedimientos"
    return plan


def add_results(plan, M, rng, ctx, procs, results, layout, v) -> list[dict]:
    actions, n_rec = [], 0
    for res in results:
        group, code, _ = procs[res["proc"]]
        if res["n"] == 1 or results[res["n"] - 2]["proc"] != res["proc"]:
            plan.add(M, "subheading", f"Procedimiento {code}")
        tipo = "con observación" if res["con"] else "sin observación"
        plan.add(M, "resultado", f"Resultado {res['n']} {tipo}")
        if res["amount"] is not None:
            plan.add(M, "linea", f"Importe observado {M.monto(res['amount'], '$', 'MXN')}", opts={"align": "left"})
        text = AT.result_text(rng, M, ctx, res)
        plan.add(
            M,
            "para",
            text,
            row=row(
                "hallazgo",
                res["n"],
                text,
                subseccion=f"Procedimiento {code}",
                tipo_observacion=tipo,
                importe_observado=res["amount"],
                procedimiento=code,
            ),
        )
        if v["redaccion"] and rng.random() < 0.3:
            plan.add(M, "redaccion", opts={"w": rng.randint(40, 140)})
        if not res["con"]:
            continue
        plan.add(M, "para", AT.response(rng, M, ctx))
        tipo_accion = "pliego_de_observaciones" if res["amount"] is not None else "recomendacion"
        # the action's words are drawn from its own seed, so they are the same wherever it is printed
        action = {"res": res, "tipo": tipo_accion, "seed": rng.getrandbits(32)}
        actions.append(action)
        if layout == "en_resultado":
            n_rec += 1
            head = "Pliego de observaciones" if res["amount"] is not None else "Recomendación"
            plan.add(M, "subheading", f"Acción promovida: {head}" if rng.random() < 0.5 else head)
            text = AT.action_text(random.Random(action["seed"]), M, res)
            plan.add(
                M,
                "para",
                text,
                row=row(
                    "recomendacion",
                    n_rec,
                    text,
                    subseccion=f"Resultado {res['n']}",
                    destinatario=ctx["entidad"],
                    tipo_accion=tipo_accion,
                ),
            )
    return actions


def add_action_section(plan, M, actions, ctx) -> None:
    for tipo, head in (("recomendacion", "Recomendaciones"), ("pliego_de_observaciones", "Pliegos de observaciones")):
        chosen = [a for a in actions if a["tipo"] == tipo]
        if not chosen:
            continue
        plan.add(M, "subheading", head + ":")
        for i, a in enumerate(chosen, 1):
            text = f"Derivado del Resultado {a['res']['n']}: {AT.action_text(random.Random(a['seed']), M, a['res'])}"
            plan.add(
                M,
                "item",
                text,
                label=f"{i}.",
                row=row("recomendacion", i, text, subseccion=head, destinatario=ctx["entidad"], tipo_accion=tipo),
            )


def summary(plan, M, rng, ctx, results, v) -> None:
    con = [r for r in results if r["con"]]
    pliegos = [r for r in con if r["amount"] is not None]
    total = round(sum(r["amount"] for r in pliegos), 2)
    counts = {"total": len(results), "con": len(con), "rec": len(con) - len(pliegos), "pli": len(pliegos)}
    v["inconsistencia"] = None
    if rng.random() < INCONSISTENT_SHARE:
        if pliegos and rng.random() < 0.5:
            total = round(total + rng.choice((-1, 1)) * rng.choice((1000.0, 90.0, 10000.0)), 2)
            v["inconsistencia"] = "total_no_suma"
        else:
            counts["con"] += 1
            v["inconsistencia"] = "conteo_resultados"
    text = AT.summary_text(M, counts, total)
    # the row holds what the summary prints (as a real golden does); variant says when it is off
    plan.add(
        M,
        "parrafo_item",
        text,
        row=row(
            "conclusion",
            1,
            text,
            resultados_total=counts["total"],
            resultados_con_observacion=counts["con"],
            recomendaciones=counts["rec"],
            pliegos_de_observaciones=counts["pli"],
            probables_recuperaciones=total,
        ),
    )


def closing(plan, M, rng, ctx, v) -> None:
    """The real audit report prints no date; most others close with place and date."""
    form = rng.choice(("cierre", "ninguna", "cierre"))
    v["fecha_documento_forma"] = form
    d = ctx["report_date"]
    if form == "cierre":
        plan.add(M, "cierre", f"{ctx['lugar']}, {ctx['estado']}, a {M.fecha(d, frame.doc_date_format(rng))}.")
    plan.documents["fecha_documento"] = d.isoformat() if form == "cierre" else None
    if rng.random() < 0.6:
        p = frame.signatory(rng, ctx, set())
        frame.post_bodies(M, p.cargo)
        plan.add(
            M, "firma", opts={"lines": [M.persona(p.nombre, p.printed_name, p.cargo), p.cargo, M.org(ctx["emisor"])]}
        )
