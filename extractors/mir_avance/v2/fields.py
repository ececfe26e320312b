"""A row's text cells -> the contract's text fields, each as printed and without the debris of
the cells that print beside it.

Reports put several fields in one cell: the code before the objective ('4.3.1 La población
…'), the acronym before the indicator in any of 'PSAL: …', 'PSAL= …', 'PSAL - …', and the
unit under it ('Unidad de medida: Porcentaje'). Each is split off by its own printed form; a
code is kept as printed except for look-alike letters a code cannot hold, and then says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from papeleo.text.normalize import LETTER_TO_DIGIT, fold, fold_spaces, letters_to_digits
from papeleo.text.vocab import Vocabulary

# a printed code leading a cell: '4.3.1 La población', '5 Contribuir', '5.a.1.3 Actualización'
# (OCR read a 3 as 'a'), '3.1.1.Z.1.2 Operativos'; a code is digits and dots, nothing else. A
# dash OCR made of a ruling before a dotted code is a stray: '- 4.2.1.4.1.1.3 Actualización de'
# (tesseract's text of a generated scan, dev MIR OCR'd text 101: the row lost its code); so is
# a speck of the level column before a code of three numbers or more: 'A 1.3.3.1.1.2
# Supervisión', '5 1.3.3.1.1.4 Registro' (dev MIR OCR'd text 156; lines.CODE_STRAY)
CODE = regex.compile(
    r"^\s*(?:[-–—]\s+(?=\d{1,3}[.,]\d)|(?:[^\s\d]{1,2}|\d)\s+(?=\d{1,3}[.,]\d{1,3}[.,]\d))?(?P<code>[0-9OoIlZSaB|](?:[0-9OoIlZSaB|]{0,2})(?:\s?[.,]\s?[0-9OoIlZSaB|]{1,3}){0,8})(?=\s|$)"
)
# look-alike characters OCR puts inside a code, and the digit each stands for
CODE_LOOKALIKES = {**LETTER_TO_DIGIT, "a": "3"}  # the shared table, plus 'a' for 3 ('5.a.1.3')
# an acronym and the indicator's name: 'PSAL: Porcentaje …', 'PVOR= Porcentaje …',
# 'PCCPP - Porcentaje de calles …', 'PCCISP=Porcentaje' (no spaces); acronyms are capitals and
# digits, OCR may turn a capital into a digit ('PR0NUA') or '1' ('PEP1')
SIGLAS = regex.compile(r"^\s*(?P<s>[A-ZÁÉÍÓÚÑ0-9]{2,14})\s*(?:[:=]|\s[-–—]\s?|[-–—]\s)\s*(?P<rest>\S.*)$", regex.S)
# an acronym whose separator OCR lost ('PTDNI Porcentaje de tomas …' for 'PTDNI - Porcentaje', a
# degraded scan's thin dash): capitals only, three letters at least, then the name's first word
# capitalised (a name set in capitals, 'PORCENTAJE DE …', has no such word after its first)
SIGLAS_BARE = regex.compile(
    r"^\s*(?P<s>(?=(?:[0-9]*[A-ZÁÉÍÓÚÑ]){3})[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,13})\s+(?P<rest>[A-ZÁÉÍÓÚÑ][a-záéíóúñ].*)$",
    regex.S,
)
# an acronym printed after the indicator's name: 'Índice de percepción de seguridad (IPA)'
SIGLAS_AFTER = regex.compile(r"^(?P<rest>\S.*?)\s*\((?P<s>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{1,13})\)\s*$", regex.S)
# the unit printed under the indicator: 'Unidad de medida: Porcentaje', OCR 'Unidacl de rnedida:' (four
# edits: two per kerning error; the ':' after it keeps prose out)
UNIT_SUFFIX = regex.compile(
    r"(?:\s|^)(?:unidad\s+de\s+medida){e<=4}\s*:\s*(?P<u>.+?)\s*$", regex.I | regex.S | regex.BESTMATCH
)
# a responsible area printed under the level: 'FIN (Presidencia Municipal)'
PARENS = regex.compile(r"\s*\(.*?\)\s*")

# rapidfuzz floor for a level or frequency word: 'PROPOSlTO', 'TRIME5TRAL' pass, other words
# of the cell do not (the vocabularies are four and six words far apart from each other)
WORD_FLOOR = 80.0
NIVELES = Vocabulary({"fin": (), "proposito": ("propósito",), "componente": (), "actividad": ()}, floor=WORD_FLOOR)
FRECUENCIAS = Vocabulary(
    ["mensual", "bimestral", "trimestral", "cuatrimestral", "semestral", "anual"], floor=WORD_FLOOR, min_len=4
)


@dataclass
class TextFields:
    nivel: str | None = None
    clave: str | None = None
    resumen_narrativo: str | None = None
    siglas: str | None = None
    indicador: str | None = None
    frecuencia: str | None = None
    unidad_medida: str | None = None
    comentario: str | None = None
    notes: list[str] = field(default_factory=list)  # why a field is not the raw reading
    corrected: list[str] = field(default_factory=list)


# quote marks a cell's text can open or close with
QUOTES = "\"“”'‘’«»"


def clean(text: str | None) -> str | None:
    """A cell's text without cell debris: rule remnants and a quote mark OCR read from dust at
    either end with no partner in the text ('"porcentaje', '“PAEEE' on generated scans). A
    quoted name ('Programa "Mejora"') keeps its quotes."""
    text = fold_spaces(text or "").strip(" |;")
    if text and text[0] in QUOTES and not any(c in QUOTES for c in text[1:]):
        text = text[1:].strip()
    if text and text[-1] in QUOTES and not any(c in QUOTES for c in text[:-1]):
        text = text[:-1].strip()
    return text or None


def split_code(text: str) -> tuple[str | None, str, bool]:
    """(code, rest, repaired) for a cell that may begin with a printed code. A code's look-alike
    letters are read back as digits (repaired=True); a leading word is never a code."""
    m = CODE.match(text)
    if not m:
        return None, text, False
    raw = m.group("code")
    if not any(c.isdigit() for c in raw):
        return None, text, False
    code = regex.sub(r"\s", "", raw).replace(",", ".")
    code = letters_to_digits(code, CODE_LOOKALIKES) or code
    rest = text[m.end() :].strip()
    return code, rest, code != raw


def nivel_of(text: str | None) -> str | None:
    """'PROPÓSITO', 'Propósito (Dirección de Obras)', 'Actividad 2' -> the contract's level."""
    if not text:
        return None
    words = PARENS.sub(" ", text).split()
    for w in words[:2]:
        term = NIVELES.term_of(w)
        if term:
            return term
    return None


def frecuencia_of(text: str | None) -> str | None:
    if not text:
        return None
    for w in text.split():
        term = FRECUENCIAS.term_of(w)
        if term:
            return term
    return None


def split_siglas(text: str) -> tuple[str | None, str]:
    m = SIGLAS.match(text)
    if m and any(c.isalpha() for c in m.group("s")):
        return m.group("s"), m.group("rest").strip()
    m = SIGLAS_AFTER.match(text) or SIGLAS_BARE.match(text)
    if m:
        return m.group("s"), m.group("rest").strip()
    return None, text


def split_unit(text: str) -> tuple[str, str | None]:
    m = UNIT_SUFFIX.search(text)
    if not m:
        return text, None
    return text[: m.start()].strip(), m.group("u").strip()


def cells_to_text_fields(cells: dict[str, str]) -> TextFields:
    """``cells`` maps kinds ('nivel', 'clave', 'resumen', 'siglas', 'indicador', 'unidad',
    'frecuencia', 'comentario') to the row's cell text."""
    out = TextFields()
    out.nivel = nivel_of(cells.get("nivel"))
    code = clean(cells.get("clave"))
    resumen = resumen_printed = clean(cells.get("resumen")) or ""
    repaired = False
    if code:
        code, _, repaired = split_code(code)
    elif resumen:
        code, resumen, repaired = split_code(resumen)
    if code and repaired:
        printed = CODE.match(clean(cells.get("clave")) or resumen_printed).group("code").strip()
        how = [
            w
            for w, seen in (
                ("una coma por un punto", "," in printed),
                ("letras por dígitos", not regex.sub(r"[\s.,]", "", printed).isdigit()),
            )
            if seen
        ]
        out.corrected.append("clave:corregido")
        out.notes.append(f"clave {code}: impresa '{printed}', leída con {' y '.join(how) or 'espacios'} en el código")
    out.clave = code
    out.resumen_narrativo = clean(resumen)
    indicador = clean(cells.get("indicador")) or ""
    indicador, unit = split_unit(indicador)
    siglas = clean(cells.get("siglas"))
    if siglas is None:
        siglas, indicador = split_siglas(indicador)
    out.siglas = siglas
    out.indicador = clean(indicador)
    unidad = clean(cells.get("unidad")) or clean(unit)
    out.unidad_medida = unidad.lower() if unidad else None
    out.frecuencia = frecuencia_of(cells.get("frecuencia"))
    out.comentario = clean(cells.get("comentario"))
    return out


def folded(text: str | None) -> str:
    return fold(text or "")
