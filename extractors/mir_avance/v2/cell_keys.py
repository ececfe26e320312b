"""Which lines of tesseract's cells-apart text are a row's keys -> the row's code, acronym,
level and frequency (``keys_into``), and whether a line of text parts two rows.

Split from ``cell_lines.py``, whose runs of numbers these keys name.
"""

from __future__ import annotations

import regex

from .fields import frecuencia_of, nivel_of
from .table import RowCells

# a code printed alone on its line: '1.5', '1.5.1.1', '2.3.1.' (not a value: values print
# thousands with commas and at most one point)
# (a speck before it: '.3.6.4.2'). A code of two levels only when another code of the document
# extends it ('1.5' beside '1.5.1'): alone, '78.73' on its line is a value
CODE_LINE = regex.compile(r"^[.,']?(\d{1,3}(?:\.\d{1,3}){1,7})\.?$")
# a code of this many levels or more is a code wherever it stands (a value prints one point)
MIN_SURE_CODE_LEVELS = 3
# a code leading the resumen's first line: '3.2.1.1 Recolección de toneladas de residuos' (a
# capital after it: a commentary's figure is followed by lower case or '%')
CODE_LEAD = regex.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,7})\.?\s+\p{Lu}")
# ... one of its points read as a comma: '3.4.1.4,1 Entrega de becas' (OCR'd text of report
# 6979). Two points or more besides it: a figure with thousands and decimals prints one
# ('1,234.50 Pesos'). ``fields.split_code`` reads it back as a point, ``clave:corregido``
CODE_LEAD_COMMA = regex.compile(r"^(\d{1,3}(?:\.\d{1,3})*,\d{1,3}(?:\.\d{1,3})*)\.?\s+\p{Lu}")
MIN_POINTS_BESIDE_COMMA = 2
# ... or a Fin's code of one level, before a word: '3 Contribuir a impulsar el' (a figure the
# commentary wrapped is followed by lower case, '%' or a unit)
CODE_LEAD_ONE_LEVEL = regex.compile(r"^(\d{1,3})\s+\p{Lu}\p{Ll}{2,}")
# a level word and the code beside it on one line, where the damage channel or tesseract merged
# the two cells: 'Actividad 4.1.1.8' (report block 7010-7049 OCR'd text 7039: the row kept its
# level and lost its code). The word must be a level (``nivel_of``)
LEVEL_CODE_LINE = regex.compile(r"^(?P<n>\p{L}{3,12})\s+[-–]?\s*(?P<c>\d{1,3}(?:\.\d{1,3}){1,7})\.?$")
# an acronym alone on its line: 'TVDPUL', 'PSALAM'
ACRONYM_LINE = regex.compile(r"^[A-ZÁÉÍÓÚÑ]{3,12}$")
# ... or leading the indicator's first line, marked: 'PAEEE= Porcentaje de', 'PSAL: Porcentaje',
# 'PTRSUR - Porcentaje de toneladas'
ACRONYM_LEAD = regex.compile(r"^([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,11})(?:\s?[:=]|\s[-–—])\s")
# ... or after the resumen's closing point on one line, the two cells merged: 'Actualización de
# valores catastrales de predios. PVCPA= Porcentaje de valores' (OCR'd text 7039). The mark
# after it must be ':' or '=', which running text does not put after a word in capitals
ACRONYM_AFTER_POINT = regex.compile(r"\p{Ll}\.\s+([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,11})\s?[:=]\s")


def codes_of(lines: list[str]) -> frozenset[str]:
    """The lines of a document that print a code alone: of MIN_SURE_CODE_LEVELS levels or more,
    or fewer where a longer code of the document starts with it (CODE_LINE)."""
    alone = {ln: m.group(1) for ln in lines if (m := CODE_LINE.match(ln))}
    led = [m.group(1) for ln in lines if (m := CODE_LEAD.match(ln))]
    led += [code for ln in lines if (code := level_code(ln))]
    longer = [c for c in [*alone.values(), *led] if c.count(".") + 1 >= MIN_SURE_CODE_LEVELS]
    return frozenset(
        ln
        for ln, code in alone.items()
        if code.count(".") + 1 >= MIN_SURE_CODE_LEVELS or any(c.startswith(code + ".") for c in longer)
    )


def key_line(line: str, codes: frozenset[str]) -> bool:
    return bool(line in codes or _code_lead(line) or level_code(line) or acronym(line))


def level_code(line: str) -> str | None:
    """The code of a line that prints a level word and a code only (LEVEL_CODE_LINE)."""
    m = LEVEL_CODE_LINE.match(line)
    return m.group("c") if m and nivel_of(m.group("n")) else None


def parts_rows(line: str, codes: frozenset[str]) -> bool:
    """Whether a line of text between two lines of numbers parts two rows: a key line, but not
    a level or frequency in capitals ('TRIMESTRAL' among a row's numbers, OCR'd text of report
    6979: it stands in the row's own cells, which a row's next key never does)."""
    return key_line(line, codes) and not described(line)


def described(line: str) -> bool:
    return len(line.split()) <= 2 and bool(nivel_of(line) or frecuencia_of(line))


def acronym(line: str) -> str | None:
    if ACRONYM_LINE.match(line):
        return line
    m = ACRONYM_LEAD.match(line)
    return m.group(1) if m else None


def keys_into(rc: RowCells, window: list[str], codes: frozenset[str], keys: bool = True, describe: bool = True) -> None:
    """The row's code and acronym (``keys``), level and frequency (``describe``): the last of
    each printed on a line of its own (or leading one, for the code, the acronym and the level)."""
    for line in window:
        if line in codes and keys:
            rc.text["clave"] = CODE_LINE.match(line).group(1)
        elif (code := _code_lead(line)) and keys:
            rc.text["clave"] = code
        elif code := level_code(line):
            if keys:
                rc.text["clave"] = code
            if describe:
                rc.text["nivel"] = line.split()[0]
        elif nivel_of(line) and len(line.split()) <= 2:
            if describe:
                rc.text["nivel"] = line
        elif frecuencia_of(line) and len(line.split()) <= 2:
            # 'TRIMESTRAL' is no acronym; 'Ascendente Trimestral': the sentido's cell beside it
            if describe:
                rc.text["frecuencia"] = frecuencia_of(line) or line
        elif (siglas := acronym(line)) and keys:
            rc.text["siglas"] = siglas
        elif (m := ACRONYM_AFTER_POINT.search(line)) and keys and not rc.text.get("siglas"):
            rc.text["siglas"] = m.group(1)


def _code_lead(line: str) -> str | None:
    """The code leading a line's text (CODE_LEAD, CODE_LEAD_ONE_LEVEL, CODE_LEAD_COMMA), as printed."""
    if m := CODE_LEAD.match(line) or CODE_LEAD_ONE_LEVEL.match(line):
        return m.group(1)
    m = CODE_LEAD_COMMA.match(line)
    return m.group(1) if m and m.group(1).count(".") >= MIN_POINTS_BESIDE_COMMA else None
