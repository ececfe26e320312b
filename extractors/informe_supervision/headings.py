"""Section headings: which part of a report a line opens, however it is numbered and read.

A heading is a short line that is not a sentence, optionally numbered (roman, arabic or a
letter, as OCR reads them: 'IV.', 'lV.', 'Vl.', '1V', '4.', 'D.'), whose words open with one
of the family's section names ('Hallazgos', 'Situación encontrada', 'Consideraciones
finales', 'Resultados de la fiscalización'). Names are matched fuzzily per word, so
'Conclusiónes' or 'RECOMENDACI0NES' still open their section; a heading broken over two
lines is joined when its second line goes on with no sentence of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz import fuzz

from papeleo.text.normalize import fold

from .lines import Ln

# section key -> the names that open it (folded); read from the family's rule data
VOCAB: dict[str, list[str]] = json.loads(Path(__file__).with_name("sections.json").read_text(encoding="utf-8"))[
    "sections"
]
# 'IV. ', 'lV.', 'Vl-', '1V ', '4. ', '4 ', 'D. ', 'd) ' — a section number as printed or misread
# (a scan adds a speck before it or reads its period as a comma: '_1V, Hallazgos')
NUMBERING = regex.compile(
    r"^[-_'‘`.~\"“”]?(?:[IVXLivxl1|]{1,5}|\d{1,2}|[A-Ha-h])\s*[.,)\-:]\s*|^[-_'‘`.~\"“”]?(?:[IVXivx]{1,4}|\d{1,2})\s+(?=\p{L})"
)
# a name followed by a number is an item of the section, not its heading: 'Resultado 3 con
# observación', 'Procedimiento 1.2.1'
NAME_THEN_NUMBER = regex.compile(r"^\p{L}+\s+(?:n[uo]m(?:ero)?\.?\s*)?[\dIl|]")
# an addressee line's opening: 'AL MINISTERIO DE SALUD:', 'A la Dirección ...:', 'Para el ...:'
ADDRESS_LEAD = regex.compile(r"^(?:a\s+la|a\s+las|a\s+los|al|a|para\s+(?:el|la|los|las))\s", regex.I)
# a heading has at most this many words; more is a sentence that happens to start with a name
MAX_HEADING_WORDS = 14
# fuzzy ratio (0-100) for one word of a section name read with OCR damage ('Conclusíones',
# 'RECOMENDACI0NES'); lower would take 'Consideraciones' for 'Conclusiones'-like words of prose
WORD_FLOOR = 84


@dataclass(frozen=True)
class Heading:
    key: str
    text: str  # as printed, number and colon removed
    lines: int  # lines it takes (2 for a heading broken in two)


def strip_number(text: str) -> tuple[str, bool]:
    m = NUMBERING.match(text)
    if m and len(text) > m.end():
        return text[m.end() :].strip(), True
    return text.strip(), False


# a capital set apart from the rest of its word, as a text layer gives a heading whose first
# letters are larger ('D ICTAMEN DE A UDITORÍA'): joined when the rest is in capitals too, but for
# the letters that are words of their own ('A', 'Y', 'E', 'O', 'U': 'A LA DIRECCIÓN')
SPLIT_CAPITAL = regex.compile(r"\b([^\P{Lu}AEOUY]) (?=\p{Lu}{2,})")


def _words(text: str) -> list[str]:
    if text.upper() == text:
        text = SPLIT_CAPITAL.sub(r"\1", text)
    return [w for w in regex.split(r"[^\p{L}\d]+", fold(text)) if w]


def _opens(words: list[str], name: list[str]) -> bool:
    if len(words) < len(name):
        return False
    return all(fuzz.ratio(w, n) >= WORD_FLOOR for w, n in zip(words, name))


def _best_name(text: str) -> tuple[int, str] | None:
    """(words, section key) of the longest section name that opens ``text``."""
    words = _words(text)
    best: tuple[int, str] | None = None
    for key, names in VOCAB.items():
        for name in names:
            parts = name.split()
            if _opens(words, parts) and (best is None or len(parts) > best[0]):
                best = (len(parts), key)
    return best


def match_name(text: str) -> str | None:
    """The section key whose name opens ``text`` (longest name first), or None."""
    best = _best_name(text)
    return best[1] if best else None


def heading_at(lines: list[Ln], i: int) -> Heading | None:
    """The section heading that line ``i`` opens, or None."""
    ln = lines[i]
    text, numbered = strip_number(ln.text)
    words = _words(text)
    if not words or len(words) > MAX_HEADING_WORDS or text.endswith((".", ";", ",")) and not numbered:
        return None
    if text.rstrip(":").endswith(".") or (text[0].islower() if text else True):
        return None
    key = match_name(text)
    if key is None or key == "_sub" or NAME_THEN_NUMBER.match(fold(text)):
        return None
    # a name alone, a numbered line, a line in capitals or ending in ':' is a heading; a longer
    # line must look like one (no final period, not a list item)
    caps = text.upper() == text
    exact = len(words) <= len(max((n.split() for n in VOCAB[key]), key=len)) + 1
    # a long name printed as a heading of its own: a short line after a gap, no sentence
    # ('Conclusiones derivadas de la verificación realizada por' / 'el personal de la institución')
    set_apart = ln.short and ln.gap and not text.endswith((".", ";", ","))
    if not (numbered or caps or exact or text.endswith(":") or set_apart):
        return None
    if text.endswith(":") and len(words) > 6 and not numbered and not caps:
        return None
    span = 1
    if i + 1 < len(lines):
        nxt = lines[i + 1]
        cont = nxt.text
        joins = (caps and cont.upper() == cont and not cont.rstrip().endswith(".") and len(_words(cont)) <= 10) or (
            cont[:1].islower() and len(_words(cont)) <= 10 and not cont.rstrip().endswith(".")
        )
        # 'RECOMENDACIONES A LAS AUTORIDADES' / 'AL MINISTERIO DE SALUD:' — an addressee under a
        # whole heading opens its content; it goes on a heading only when it lengthens the name
        lead = bool(ADDRESS_LEAD.match(cont)) and cont.rstrip().endswith(":")
        if lead and _best_name(f"{text} {cont}") == _best_name(text):
            joins = False
        if joins and nxt.page == ln.page and not regex.match(r"^[•\-–—»*]\s", cont):
            span = 2
            text = f"{text} {cont.strip()}"
    return Heading(key, text.rstrip(":").strip(), span)
