"""The agreement's own fields that every row carries: the evaluated body, the programme, the
evaluation's type and the year of the evaluation programme (PAE) it belongs to.

A convenio names the evaluated body in its opening paragraph, in capitals, as the party 'POR
LA OTRA PARTE' ('... Y POR LA OTRA PARTE, LA SECRETARÍA DE SEGURIDAD REPRESENTADA POR ...'),
and the programme in its object clause ('... de la Evaluación Específica al Fondo de
Aportaciones para la Seguridad Pública (FASP), correspondiente al PAE 2017'). CONEVAL annexes
print both as labelled fields ('Nombre de la Dependencia/Entidad:', 'Nombre del programa:').
A name printed in capitals is given as the document writes it elsewhere in mixed case when it
does, else in Spanish title case.
"""

from __future__ import annotations

import regex

from papeleo.text import fold_keep_offsets, name_case

# '... derivan de la Evaluación Específica al Fondo de Aportaciones ... (FASP), correspondiente al PAE 2017'
PROGRAMA_OBJETO = regex.compile(
    r"evaluaci[oó]n\b[^,;]{0,80}?\s(?:al|del)\s+(?P<p>(?:fondo|programa)\b[^;]{3,200}?)\W*,?\s*correspondiente\s+al\s+pae",
    regex.I,
)
# a sheet's opening: 'Derivado de la Evaluación Integral (Informe Estatal de Evaluación) del Pp 014 Programa de
# Educación Media Superior, Superior y de Formación para el Trabajo, del ejercicio fiscal 2023, ...' or '... del
# Fondo de Aportaciones Múltiples (FAM), se analizaron ...': the name runs to the clause that follows it
PROGRAMA_DERIVADO = regex.compile(
    r"evaluaci[oó]n\b[^,;]{0,80}?\sdel\s+(?P<p>(?:pp\s*\d+\s+)?(?:fondo|programa)\b[^;]{3,200}?)\s*,\s*"
    r"(?:del\s+ejercicio|ejercicio\s+fiscal|se\s+analizaron|correspondiente)",
    regex.I,
)
# 'Nombre del programa: Fondo de ...', 'Nombre del Programa Evaluado: ...'
PROGRAMA_CAMPO = regex.compile(r"nombre\s+del\s+programa(?:\s+evaluado)?\s*:\s*(?P<p>[^\n]+)", regex.I)
# '... Múltiples (FAM), componente de Asistencia Social': the acronym that closes a fund's name
SIGLA_END = regex.compile(r"\((?:[A-Z0-9-]{2,12})\)")
# 'Y POR LA OTRA PARTE, LA SECRETARÍA DE SEGURIDAD REPRESENTADA POR' (also 'REPRESENTADO')
SUJETO_TITULO = regex.compile(
    r"por\s+la\s+otra\s+parte\s*,?\s*(?:(?:el|la|los|las)\s+)?(?P<s>.+?)\s*,?\s+representad[oa]s?\s+por", regex.I
)
# 'Nombre de la Dependencia/Entidad: SECRETARIADO EJECUTIVO ...'
SUJETO_CAMPO = regex.compile(r"nombre\s+de\s+la\s+dependencia\s*/?\s*(?:o\s+)?entidad\s*:\s*(?P<s>[^\n]+)", regex.I)
# a working document's heading names the body with no label, in capitals with a colon, on the line
# over its programme's: 'SECRETARIADO EJECUTIVO DEL SISTEMA ESTATAL DE SEGURIDAD PÚBLICA:' /
# 'Nombre del Programa Evaluado: ...' (as the Campeche 2018 Anexo B prints its institute). The colon
# is required: a capitals line without one over the programme is as likely the annex's own title
SUJETO_ENCABEZADO = regex.compile(r"^\W*(?P<s>[^\p{Ll}:]{3,200}?)\s*:\W*$")
# 'derivan de la Evaluación Específica de Desempeño al Fondo ...', 'Evaluación de Procesos del Programa ...':
# the evaluation's type is its name up to the programme it was made to
TIPO_EVALUACION = regex.compile(
    r"(?P<e>evaluaci[oó]n(?:\s+(?!al\b|del\b|a\s+la\b)[\w()]+){1,5}?)\s+(?:al|del|a\s+la)\s+(?:fondo|programa|pp\b)",
    regex.I,
)
# 'correspondiente al PAE 2017', 'Programa Anual de Evaluación 2017', '... de Evaluación para el Ejercicio Fiscal 2019'
PAE = regex.compile(
    r"\bpae\s+(?P<y>(?:19|20)\d\d)\b|programa\s+anual\s+de\s+evaluaci[oó]n\s+(?:\(pae\)\s+)?(?:para\s+el\s+"
    r"ejercicio\s+fiscal\s+|del\s+ejercicio\s+fiscal\s+)?(?P<y2>(?:19|20)\d\d)\b",
    regex.I,
)


def _flat(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def as_printed_elsewhere(name: str, text: str) -> str:
    """A capitalised name as the document also writes it in mixed case, else title case."""
    if not name.isupper():
        return name
    folded_text, folded_name = fold_keep_offsets(text), fold_keep_offsets(name)
    for m in regex.finditer(regex.escape(folded_name), folded_text):
        seen = text[m.start() : m.end()]
        if not seen.isupper():
            return seen
    return name_case(name)


def _heading_over_programme(lines: list[str]) -> regex.Match | None:
    """The body named by a capitals heading on the line over 'Nombre del Programa Evaluado:'."""
    shown = [ln for ln in lines if ln.strip()]
    for above, ln in zip(shown, shown[1:]):
        if PROGRAMA_CAMPO.search(ln):
            m = SUJETO_ENCABEZADO.match(above.strip())
            if m is not None and len(m["s"].split()) >= 2 and any(ch.isalpha() for ch in m["s"]):
                return m
    return None


def agreement_fields(text: str) -> dict[str, str | int | None]:
    """``programa_evaluado``, ``sujeto_evaluado``, ``tipo_evaluacion`` and ``pae`` (the year of the
    Programa Anual de Evaluación) of a document's text (pages joined)."""
    flat = _flat(text.replace("\f", "\n"))
    out: dict[str, str | int | None] = {"programa_evaluado": None, "sujeto_evaluado": None}
    m = PROGRAMA_OBJETO.search(flat)
    lines = text.replace("**", "").split("\n")
    if m is None:
        m = next((PROGRAMA_CAMPO.search(ln) for ln in lines if PROGRAMA_CAMPO.search(ln)), None)
    if m is None:
        m = PROGRAMA_DERIVADO.search(flat)
    if m is not None:
        name = m["p"].strip(' “”"*.')
        sigla = SIGLA_END.search(name)  # a fund's name ends at its acronym; what follows is a component
        name = name[: sigla.end()] if sigla else name
        if name.count("(") > name.count(")"):  # '... (FASP)**,': the bold mark took the bracket with it
            name += ")"
        out["programa_evaluado"] = name
    e = TIPO_EVALUACION.search(flat)
    if e is not None:
        name = " ".join(e["e"].split())
        out["tipo_evaluacion"] = name[:1].upper() + name[1:]  # 'evaluación Específica' in running text
    else:
        out["tipo_evaluacion"] = None
    y = PAE.search(flat)
    out["pae"] = int(y["y"] or y["y2"]) if y else None
    s = SUJETO_TITULO.search(flat)
    if s is None:
        s = next((SUJETO_CAMPO.search(ln) for ln in lines if SUJETO_CAMPO.search(ln)), None)
    if s is None:
        s = _heading_over_programme(lines)
    if s is not None:
        out["sujeto_evaluado"] = as_printed_elsewhere(s["s"].strip(' “”"*.,'), flat)
    return out
