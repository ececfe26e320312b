"""SEVAC/CONAC "Indicadores de Resultados": metas listed under their budget project, each with
programado anual, modificado anual, alcanzado al periodo and % de cumplimiento.

The format gives an indicator no key of its own: like the hand-read golden of
chis_icatech_sevac_indicadores_2020t2, a meta row carries its project's clave (``A001``) and the
project's name, finalidad, subfunción and project type from the band rows above it. The head is
often printed rotated, and the text layer garbles it, so the four numbers are taken in the
order CONAC prescribes and checked: % cumplimiento = alcanzado / modificado · 100
(``cumplimiento_calculado``). meta_anual = programado anual, avance_pct = % cumplimiento.
Budget and beneficiary figures belong to the project row and are not indicator values.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold

from ..record import add_flags
from .rows import (
    FRow,
    Item,
    add_correction,
    base_record,
    copy_to_contract_field,
    note_repairs,
    read_cell,
    row_streams,
    value,
)

log = logging.getLogger(__name__)

# 'INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2020'
TITLE = regex.compile(r"(?:indicadores de resultados){e<=2}", regex.I)
# 'Organismo Público: Instituto de Capacitación y Vinculación Tecnológica del Estado de Chiapas'
ORGANISMO = regex.compile(r"(?:organismo p[uú]blico){e<=2}\s*:\s*(?P<n>[^\n]+)", regex.I)
# a project's key in its own cell: 'A001', 'E019'
PROYECTO = regex.compile(r"^[A-Z]\s?[0-9OoIl]{3}$")
# a project-type band: 'PROYECTOS INSTITUCIONALES:', 'PROYECTOS DE INVERSIÓN:'
TIPO_BAND = regex.compile(r"^proyectos\b.*:$", regex.I)
METAS = ("programado_anual", "modificado_anual", "alcanzado_periodo", "cumplimiento_pct")
# the contract's fields a SEVAC row fills from its own columns
CONTRACT_ALIASES = {"meta_anual": "programado_anual", "avance_pct": "cumplimiento_pct"}
# a printed % agrees with alcanzado/modificado within its two-decimal rounding and this slack
PCT_SLACK = Decimal("0.005")
CONF_OK, CONF_UNCHECKED, CONF_CONFLICT = 0.95, 0.7, 0.4
LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
# a project's key OCR read with one letter too many, a look-alike of a digit: 'Ko021' for K021,
# 'Koo08' for K008 (small type on a medium scan). Read as the key only when every way of
# dropping one such letter gives the same key: 'Kl0o8' (K108 or K008?) is left unread
PROYECTO_EXTRA = regex.compile(r"^[A-Z][0-9OoIl]{4}$")
# a project's or band's name is printed in capitals: this share of its letters at least (OCR
# lowers a few), over at least this many letters
CAPITALS_SHARE, MIN_NAME_LETTERS = 0.8, 8
# a token that ends a SEVAC figure: the format prints every figure with two decimals
# ('983.00', '69.57', OCR'd '986.0o'); the tokens before it in a run are its thousands groups
# ('48 983.00')
CENTS_END = regex.compile(r"[.,][\dOo]{2}$")
# a thousands group of a figure printed with spaces: '48', '130', '571'
GROUP = regex.compile(r"^\d{1,3}$")
# a token of a scan's line that is a speck or a ruling, no print: the '(' of 'Persona ( 56 280.00',
# the '>' of 'trabajo > Persona' (no letter, digit, % or dash, which a cell may print alone)
MARKS_ONLY = regex.compile(r"^[^\w%-]+$")


def spaced_row_items(text: str) -> list[Item]:
    """A line of OCR'd text with one space between cells, cut into the cells a SEVAC row
    prints: a project row's key first ('K028 2 FOMENTO … 130 571 345.06 …'), a meta row's
    name, its unit (the last word before the figures) and its figures — each figure its
    thousands groups up to the token with its two decimals ('48 983.00' is 48,983.00). Left as
    one cell where no figure is found; the row's check (% = alcanzado / modificado) says
    whether the grouping held."""
    tokens = [t for t in text.split() if not MARKS_ONLY.match(t)]
    if tokens and project_key(tokens[0]) is not None:
        # key, sustainable-development goal, the project's name up to its budget figures
        items = [Item(tokens[0])]
        rest = tokens[1:]
        if rest and rest[0].isdigit() and len(rest[0]) <= 2:
            items.append(read_cell(rest[0]))
            rest = rest[1:]
        name = []
        while rest and not read_cell(rest[0]).is_number:
            name.append(rest.pop(0))
        return items + [Item(" ".join(name))] * bool(name) + [Item(" ".join(rest))] * bool(rest)
    start = next((i for i, t in enumerate(tokens) if GROUP.match(t) or CENTS_END.search(t)), len(tokens))
    items: list[Item] = []
    words = tokens[:start]
    if len(words) >= 2:  # a meta's name, then its unit: the last word before the figures
        items += [Item(" ".join(words[:-1])), Item(words[-1])]
    elif words:
        items.append(Item(words[0]))
    figure: list[str] = []
    words = []

    def flush_figure() -> None:
        # a run of groups with no cents to end it: each is a figure of its own ('10 20 30')
        items.extend(read_cell(t) for t in figure)
        figure.clear()

    for t in tokens[start:]:
        if GROUP.match(t) or CENTS_END.search(t):
            if words:
                items.append(Item(" ".join(words)))
                words = []
            figure.append(t)
            if CENTS_END.search(t):
                items.append(read_cell("".join(figure)))
                figure.clear()
        elif figure and any(c.isdigit() for c in t):
            # a figure broken by a token OCR damaged past reading ('7 9B6.o0'): text, so that
            # the row is short of a figure rather than given a wrong one
            words += [*figure, t]
            figure.clear()
        else:
            flush_figure()
            words.append(t)
    flush_figure()
    if words:
        items.append(Item(" ".join(words)))
    return items


def _with_spaced_cells(row: FRow) -> FRow:
    """A line whose gutters gave no cell of its own (one space between cells) cut by
    ``spaced_row_items``: OCR'd text, and a scan's line, whose words tesseract joins with one
    space whatever the gap between them (dev scan 543: small type the table layer read as one
    row of stacked columns, its lines whole)."""
    if row.source not in ("lineas_texto", "lineas") or len(row.items) != 1:
        return row
    items = spaced_row_items(row.items[0].text)
    # a line of specks cuts into no cell: kept as it was (report 6909's scan: cut into nothing,
    # it crashed the reading and lost the report)
    return FRow(items, row.page, row.bbox, row.source) if items else row


def cumplimiento_holds(pct: float | None, alc: float | None, mod: float | None) -> bool | None:
    if pct is None or alc is None or mod is None:
        return None
    if mod == 0:
        return pct == 0
    exact = (Decimal(str(alc)) / Decimal(str(mod)) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return abs(exact - Decimal(str(pct))) <= PCT_SLACK


def project_key(text: str) -> str | None:
    """The project key a cell prints ('A001', 'E 019', OCR'd 'E0l9' or 'Ko021'), else None."""
    if PROYECTO.match(text):
        return text[0] + text[1:].replace(" ", "").translate(LOOKALIKE)
    if PROYECTO_EXTRA.match(text):
        tail = text[1:]
        keys = {(tail[:i] + tail[i + 1 :]).translate(LOOKALIKE) for i, c in enumerate(tail) if c in "OoIl"}
        if len(keys) == 1:
            return text[0] + keys.pop()
    return None


def _meta_record(row: FRow, meta: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any] | None:
    """A meta row: its name and unit (text) and at least the four meta numbers; None for
    anything else (a band, a project, a head)."""
    texts, nums = row.texts(), row.numbers()
    if not ctx.get("clave") or len(nums) != len(METAS) or not texts:
        return None
    rec = base_record(meta, row, CONF_UNCHECKED)
    rec.update({k: ctx.get(k) for k in ("clave", "clave_proyecto", "objetivo_desarrollo_sostenible", "proyecto")})
    printed = ctx.get("clave_impresa", "").replace(" ", "")
    if printed != ctx["clave"]:
        why = (
            "una letra de más que OCR leyó entre los dígitos"
            if len(printed) > len(ctx["clave"])
            else "letras por dígitos"
        )
        add_correction(rec, "clave", "corregido", f"'{ctx['clave_impresa']}' leído como {ctx['clave']} ({why})")
    rec.update({k: ctx.get(k) for k in ("finalidad", "subfuncion", "tipo_proyecto")})
    rec.update(nivel=None, siglas=None, frecuencia=None, resumen_narrativo=None, comentario=None)
    rec["indicador"] = texts[0]
    rec["unidad_medida"] = texts[1] if len(texts) > 1 else None
    vals = [value(n) for n in nums]
    rec.update(zip(METAS, vals))
    note_repairs(list(METAS), list(nums), rec)
    for field, printed in CONTRACT_ALIASES.items():
        copy_to_contract_field(rec, field, printed)
    ok = cumplimiento_holds(vals[3], vals[2], vals[1])
    if ok is not None:
        rec["checks"].append(f"cumplimiento_calculado={'ok' if ok else 'conflict'}")
        rec["confidence"] = CONF_OK if ok else CONF_CONFLICT
    return rec


def _capitals(row: FRow) -> bool:
    """Whether the row's longest text is a name in capitals."""
    letters = [c for c in max(row.texts(), key=len, default="") if c.isalpha()]
    return len(letters) >= MIN_NAME_LETTERS and sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


def rows_to_records(rows: list[FRow], meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Band rows set the context (finalidad, subfunción, project type, project) that the meta
    rows under them inherit."""
    ctx: dict[str, Any] = {}
    bands: list[str] = []
    out = []
    for row in rows:
        if not row.items:
            continue
        first = row.items[0].text.strip()
        clave = project_key(first)
        if clave is not None:
            # the key itself may read as a number ('A001' -> 4001 by look-alike letters): skip it
            rest = row.items[1:]
            texts = [i.text for i in rest if not i.is_number]
            ods = next((str(int(i.numbers[0].value)) for i in rest[:1] if i.is_number and i.numbers[0].value), None)
            ctx.update(clave=clave, clave_impresa=first, clave_proyecto=clave, proyecto=texts[0] if texts else None)
            ctx["objetivo_desarrollo_sostenible"] = ods
            continue
        rec = _meta_record(row, meta, ctx)
        if rec is not None:
            out.append(rec)
            continue
        if row.numbers() and _capitals(row):
            # figures beside a name in capitals on a row that is neither a meta nor a project:
            # a band's budget, or a project row whose key OCR lost — the metas under it are not
            # the last project's (metas are named in sentence case)
            ctx["clave"] = None
        if not row.numbers() or len(row.items) <= len(row.numbers()) + 1:
            text = " ".join(row.texts())
            if TIPO_BAND.match(text):
                ctx["tipo_proyecto"] = text.rstrip(":").strip()
            elif text.isupper() and len(row.texts()) == 1:
                bands.append(text)
                ctx["finalidad"], ctx["subfuncion"] = (bands[-2] if len(bands) > 1 else None), bands[-1]
    return out


def read(doc: Document, meta: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    if not TITLE.search(fold(doc.text[:4000])):
        return []
    m = ORGANISMO.search(doc.text)
    if m:
        meta = {**meta, "ente": " ".join(m.group("n").split()).strip(" .;:")}
    out = []
    for name, rows in row_streams(doc):
        records = rows_to_records([_with_spaced_cells(r) for r in rows], meta)
        log.debug("sevac %s: %d rows", name, len(records))
        out.append((f"sevac_{name}", records))
    return out


# the check on a programado anual nothing else covers (tests/scoring_flags.py: its field)
UNCHECKED_PROGRAMADO = "meta_anual_sin_respaldo"


def flag_unchecked_programado(records: list[dict[str, Any]]) -> None:
    """On OCR'd input, a programado anual (the contract's meta_anual) that no check covers is
    doubted: cumplimiento compares alcanzado with the modificado, never with the programado, so a
    digit OCR misread there ('8740' for 3740, dev MIR OCR'd text 352) is caught by nothing. One
    printed equal to a modificado that cumplimiento backs is backed by it: two cells agree."""
    for r in records:
        meta = r.get("meta_anual")
        if meta is None or any(str(c).startswith("meta_anual:") for c in r.get("corrected") or []):
            continue
        if "cumplimiento_calculado=ok" in r.get("checks", []) and r.get("modificado_anual") == meta:
            continue
        add_flags(
            r,
            [f"{UNCHECKED_PROGRAMADO}=conflict"],
            "meta_anual: leída por OCR y ninguna comprobación cubre el programado anual",
        )
