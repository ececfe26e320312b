"""Constitutional actions (amparos) cited by their case number."""

from __future__ import annotations

import regex

from papeleo.text.pagetext import PageText

# a constitutional action by its case number, however a country prints it: 'Acción Constitucional
# de Amparo 1177-2017', 'Amparo No. 4960-2019', 'Recurso de Amparo No. 812-2020', 'Proceso de
# Amparo 35-2019', 'Juicio de Amparo 1234/2021', 'Amparo en Revisión 567/2020' (a line break may
# fall anywhere inside it; OCR: 'Revisíon'). A number OCR damaged ('374-20|8') is no mention: read
# up to the damage it would be another case's
LEGAL_ACTION = regex.compile(
    r"(?:(?:acci[oó]n\s+constitucional|recurso|proceso|juicio)\s+de\s+)?amparo(?P<rev>\s+en\s+(?:revisi[oó]n){e<=1})?"
    r"\s+(?:(?:no|n[uú]m(?:ero)?)\.?\s*)?(?P<num>\d{1,6}\s?[-/]\s?(?:19|20)?\d\d)(?![\w|/-])",
    regex.IGNORECASE,
)


def page_to_legal_actions(pt: PageText) -> list[tuple[str, str, int, int]]:
    """(value, text as printed, start, end) of each constitutional action cited by its number;
    the value one form for all its printings ('Amparo 1177-2017', 'Amparo en Revisión 567/2020')."""
    out = []
    for m in LEGAL_ACTION.finditer(pt.text):
        num = regex.sub(r"\s", "", m["num"])
        value = f"Amparo en Revisión {num}" if m["rev"] else f"Amparo {num}"
        out.append((value, " ".join(m.group().split()), m.start(), m.end()))
    return out
