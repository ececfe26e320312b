"""State audit reports read into the same rows: procedures, results and the actions they promote.

An audit office prints its findings as results under the procedure that produced them
('Procedimiento 1.2.1' / 'Resultado 3 con observación' / 'Importe observado $...' / the
finding / the entity's answer), and each result with an observation promotes an action (a
'Recomendación' or a 'Pliego de observaciones') printed after it or listed in a section of
its own. Results become ``hallazgo`` rows (``numero`` the result's N, ``subseccion`` its
procedure, ``tipo_observacion``, ``importe_observado``); actions become ``recomendacion``
rows addressed to the audited entity. The procedures applied are the audit's specific
objectives, under the group heading above them ('1.2 Servicios Personales').
"""

from __future__ import annotations

import logging

import regex
from rapidfuzz import fuzz

from papeleo.text.normalize import fold, letters_to_digits

from .blocks import Block, split_blocks
from .lines import Ln
from .sections import ACTION, PROCEDURE, RESULT, Item, Section, block_text

log = logging.getLogger(__name__)

# '1.2.3 Verificar que ...' or '1.2 Servicios Personales' (OCR: '1.2.]', 'l.1', '1.2.Z')
CODE = regex.compile(r"^(?P<code>[\dIl|\]]{1,2}(?:\.[\dIl|\]ZSO]{1,2}){1,3})\.?\s+(?=\S)")
# 'Importe observado $19,469,537.44'
# (OCR: '$Z7,071,000.00' — look-alike letters are part of the amount, read back and said so,
# never dropped: '7,071,000.00' would be a number silently wrong)
AMOUNT = regex.compile(r"^importe\s+observado\b\W*?(?P<amount>[\dZOIlS|][\dZOIlS|,.\s]*\d)", regex.I)
# the group headings of an 'Acciones promovidas' section, folded
ACTION_GROUPS = ("recomendaciones", "pliegos de observaciones", "pliego de observaciones")
# fuzzy ratio (0-100) a line must reach to one of them: OCR reads 'PIiegos de observaciones';
# lower would take an action's own sentence for a group heading
GROUP_FLOOR = 88
# OCR look-alikes of a digit inside a code or a result number
DIGIT_LOOKALIKE = str.maketrans({"I": "1", "l": "1", "|": "1", "]": "1", "O": "0", "Z": "2", "S": "5"})


def code_of(text: str) -> str:
    return regex.sub(r"\s+", "", text.translate(DIGIT_LOOKALIKE)).replace(",", ".")


def is_audit(sections: list[Section]) -> bool:
    return any(RESULT.match(ln.text) for s in sections for ln in s.lines)


def procedures(sec: Section) -> list[Item]:
    """Procedures applied as ``objetivo_especifico`` under their group heading."""
    coded = [(ln, CODE.match(ln.text)) for ln in sec.lines]
    depths = [code_of(m["code"]).count(".") for _, m in coded if m]
    if not depths:
        return []
    deepest = max(depths)
    out: list[Item] = []
    group: str | None = None
    current: list[Ln] = []

    def flush() -> None:
        if current:
            first = CODE.match(current[0].text)
            head = [current[0].text[first.end() :] if first else current[0].text]
            b = Block("item", list(current), "code", None, head[0])
            out.append(Item("objetivo_especifico", b, block_text(b), len(out) + 1, subseccion=group))
            out[-1].extra["procedimiento"] = code_of(first["code"]) if first else None
            current.clear()

    for ln, m in coded:
        if m and code_of(m["code"]).count(".") < deepest:
            flush()
            group = f"{code_of(m['code'])} {ln.text[m.end() :].strip()}"
        elif m:
            flush()
            current.append(ln)
        elif current:
            current.append(ln)
        elif group is None or not ln.text[:1].islower():
            group = ln.text.strip().rstrip(":")  # an unnumbered group heading
    flush()
    return out


def results(sec: Section, entidad: str | None) -> list[Item]:
    """Each 'Resultado N' as a finding (its first paragraph) and the action it promotes."""
    out: list[Item] = []
    proc: str | None = None
    res: dict | None = None
    chunk: list[Ln] = []
    action: str | None = None
    n_actions = 0

    def flush() -> None:
        nonlocal action, n_actions
        paras = [b for b in split_blocks(chunk, indent_items=False) if b.kind != "caption"]
        chunk.clear()
        if res is not None and not res.get("done") and paras:
            b = paras[0]
            it = Item("hallazgo", b, block_text(b), res["n"], subseccion=proc)
            it.extra.update(tipo_observacion=res["tipo"], importe_observado=res.get("amount"))
            if res.get("amount_note"):
                it.notes.append(("importe_observado:corregido", res["amount_note"]))
            out.append(it)
            res["done"] = True
        elif action is not None and paras:
            n_actions += 1
            b = paras[0]
            sub = f"Resultado {res['n']}" if res is not None else None
            it = Item("recomendacion", b, block_text(b), n_actions, subseccion=sub, destinatario=entidad)
            it.extra["tipo_accion"] = action
            out.append(it)
            action = None

    for ln in sec.lines:
        m_proc, m_res, m_act = PROCEDURE.match(ln.text), RESULT.match(ln.text), ACTION.match(ln.text)
        m_amt = AMOUNT.match(ln.text)
        if m_proc or m_res or m_act:
            flush()
        if m_proc:
            proc = f"Procedimiento {code_of(m_proc['code'])}"
        elif m_res:
            n = code_of(m_res["n"])
            res = {"n": int(n) if n.isdigit() else None, "tipo": f"{m_res['tipo'].lower()}_observacion"}
            action = None
        elif m_act:
            action = "recomendacion" if m_act["rec"] else "pliego_de_observaciones"
        elif m_amt and res is not None and not res.get("done"):
            res["amount"], res["amount_note"] = _observed_amount(m_amt["amount"])
        else:
            chunk.append(ln)
            if res is not None and not res.get("done") and len(split_blocks(chunk, indent_items=False)) > 1:
                last = chunk.pop()
                flush()
                chunk.append(last)
    flush()
    return out


def _observed_amount(text: str) -> tuple[float | None, str | None]:
    """The amount as printed, or read back through OCR look-alikes ('Z7,071,000.00') with why;
    (None, why) when it cannot be read: an unread amount is never a smaller one."""
    printed = text.strip()
    fixed = printed if all(c.isdigit() or c in ",. " for c in printed) else letters_to_digits(printed.replace(" ", ""))
    value = _amount(fixed) if fixed else None
    if fixed == printed:
        return value, None
    if value is None:
        return None, f"importe_observado: '{printed}' could not be read as an amount"
    return value, f"importe_observado: '{printed}' read as {value:,.2f} (OCR look-alikes)"


def _amount(text: str) -> float | None:
    digits = regex.sub(r"[\s,]", "", text)
    try:
        return float(digits)
    except ValueError:
        return None


def actions(sec: Section, entidad: str | None) -> list[Item]:
    """An 'Acciones promovidas' section: numbered actions under 'Recomendaciones:' /
    'Pliegos de observaciones:'."""
    out: list[Item] = []
    head, kind = None, None
    chunk: list[Ln] = []

    def flush() -> None:
        for b in split_blocks(chunk, indent_items=False):
            if b.kind != "item":
                continue
            it = Item("recomendacion", b, block_text(b), b.number, subseccion=head, destinatario=entidad)
            it.extra["tipo_accion"] = kind
            out.append(it)
        chunk.clear()

    for ln in sec.lines:
        f = fold(ln.text).strip().rstrip(":").strip()
        if any(fuzz.ratio(f, name) >= GROUP_FLOOR for name in ACTION_GROUPS):
            flush()
            head = ln.text.strip().rstrip(":").strip()
            kind = "recomendacion" if f.startswith("recomend") else "pliego_de_observaciones"
            continue
        chunk.append(ln)
    flush()
    return out


# 'Se determinaron 13 resultados, de los cuales 9 corresponden a resultados con observación,
# mismos que generaron 3 Recomendaciones y 5 Pliegos de observaciones que representan probables
# recuperaciones por $74,975,436.77.' (folded)
SUMMARY = regex.compile(
    r"se\s+determinaron\s+(?P<total>\d+)\s+resultados?,?\s+de\s+los\s+cuales\s+(?P<con>\d+)\s+corresponden?\s+"
    r"a\s+resultados?\s+con\s+observacion.*?generaron\s+(?P<rec>\d+)\s+recomendacion(?:es)?\s+y\s+(?P<pli>\d+)\s+"
    r"pliegos?\s+de\s+observaciones(?:.*?recuperaciones\s+por\s+\$?\s*(?P<amount>\d[\d,.\s]*\d))?"
)
# an amount stated and a sum of amounts read agree within this (rounding of cents)
AMOUNT_TOLERANCE = 0.005


def check_summary(items: list[Item]) -> None:
    """The checks an audit summary allows, on its row (``checks``, and why in its notes): the
    counts it states against the results read, its actions against its results with
    observation, its total against the observed amounts read. A conflict says a result or an
    amount was lost or misread, or that the report does not add up; nothing is changed."""
    results = [it for it in items if it.seccion == "hallazgo" and it.extra.get("tipo_observacion")]
    for it in items:
        m = SUMMARY.search(fold(" ".join(it.texto_lines))) if it.seccion == "conclusion" else None
        if m is None:
            continue
        stated = {k: int(m[k]) for k in ("total", "con", "rec", "pli")}
        con = [r for r in results if r.extra["tipo_observacion"] == "con_observacion"]
        outcomes = {"acciones": (stated["rec"] + stated["pli"], stated["con"], "recommendations and pliegos stated")}
        if results:
            outcomes["resultados"] = (len(results), stated["total"], "results read")
            outcomes["con_observacion"] = (len(con), stated["con"], "results with observation read")
        amounts = [r.extra.get("importe_observado") for r in results if r.extra.get("importe_observado") is not None]
        total = _amount(m["amount"]) if m["amount"] else None
        checks = []
        for name, (got, want, what) in outcomes.items():
            checks.append(f"{name}={'ok' if got == want else 'conflict'}")
            if got != want:
                it.notes.append((None, f"{name}: {what} {got}, the summary states {want}"))
        if total is not None and amounts:
            ok = abs(sum(amounts) - total) <= AMOUNT_TOLERANCE
            checks.append(f"recuperaciones={'ok' if ok else 'conflict'}")
            if not ok:
                why = f"recuperaciones: the observed amounts read add up to {sum(amounts):,.2f}, the summary states {total:,.2f}"
                it.notes.append((None, why))
        it.extra["checks"] = checks
