"""What a line is, as far as names go: a letterhead line (body names, a firm's name), a title line
(a title noun), or neither. Shared by the issuer (a letterhead line is evidence, a title line ends
the letterhead) and the title (a letterhead line is skipped, never part of the title).
"""

from __future__ import annotations

import regex

from papeleo.text.bodies import BodyMention, find_bodies
from papeleo.text.normalize import fold
from papeleo.text.vocab import Vocabulary

from .layout import PERIOD_WORDS, Segment
from .rules import RULES

TITLE_WORDS = frozenset(RULES["title_words"])
# short title nouns ('acta', 'plan') only exactly: one edit makes them other words; longer ones
# through OCR damage ('Seguirniento' for 'Seguimiento')
TITLE_VOCABULARY = Vocabulary(TITLE_WORDS, exact_below=6)
# a word that may be a title noun: four letters or more ('INFORME', 'Seguirniento', 'acta')
TITLE_WORD_CANDIDATE = regex.compile(r"[^\W\d_]{4,}")
# a line is a name (a letterhead's) when body names make this share of its words, its period and
# numbers aside; lower takes sentences that name bodies, higher loses names with a unit beside them
LETTERHEAD_COVERAGE = 0.6

# 'Grupo Consultor Alvarado Meneses, S.C.', 'IBS Consulting Group': a whole line that is a firm's
# name — at most nine capitalised words (and particles, '&'), a firm's word among them, no verb
FIRM_LINE = regex.compile(
    r"^(?=(?:\S+\s+){0,8}\S+$)(?=(?i:.*\b(?:group|grupo|consulting|consultor|consultores|consultor[ií]a|despacho"
    r"|asociados|auditores|s\.\s?c\b|s\.\s?a\b)))"
    r"(?:[\p{Lu}][\p{L}.'’&-]*|de|del|y|&|,)(?:[ ,]+(?:[\p{Lu}][\p{L}.'’&-]*|de|del|y|&|C\.V\.?|S\.C\.?|S\.A\.?))*\.?$"
)
# 'IBS Consulting Group' under 'Director General': a firm's word anywhere in a line
FIRM = regex.compile(
    r"\b(?:group|grupo|consulting|consultor|consultores|consultor[ií]a|despacho|asociados|auditores|s\.\s?c\.|s\.\s?a\."
    r"|corporativo)(?!\w)",
    regex.I,
)


def has_title_word(text: str) -> bool:
    """A title noun ('Informe', 'ACUERDO', 'Matriz'), read through OCR damage."""
    return any(TITLE_VOCABULARY.match(w) for w in TITLE_WORD_CANDIDATE.findall(text))


def has_exact_title_word(text: str) -> bool:
    """A title noun spelled as it is ('CONVENIO'), not one edit away ('ESTADO' for 'estados')."""
    return any(fold(w) in TITLE_WORDS for w in TITLE_WORD_CANDIDATE.findall(text))


def names_coverage(text: str) -> float:
    """The share of a line's words its body names take ('PROCURADURÍA ... HUMANOS   Defensoría de la
    Salud': all), its period and numbers aside ('H. AYUNTAMIENTO DE CHICOMITLÁN Ejercicio Fiscal 2025')."""
    named = sum(len(b.name.split()) for b in find_bodies(text))
    content = [w for w in text.split() if fold(w).strip(".,:;()") not in PERIOD_WORDS and not regex.search(r"\d", w)]
    return named / max(len(content), 1)


def firm_names(text: str) -> list[BodyMention]:
    """A firm's name standing as a line: 'Grupo Consultor Alvarado Meneses, S.C.'."""
    name = text.strip(" .")
    if not FIRM_LINE.match(name):
        return []
    return [BodyMention(name + ("." if name.endswith(("S.C", "S.A", "C.V")) else ""), 0, len(name))]


def is_name_line(text: str) -> bool:
    """A line that is mostly body names (a letterhead line, a firm's name); not a title that names
    a body ('ACUERDO DEL CONSEJO DE PROFESIONALIZACIÓN DE LA FISCALÍA GENERAL ...')."""
    if FIRM_LINE.match(text.strip()):
        return True
    found = find_bodies(text)
    if not found:
        return False
    before = text[: found[0].start]
    if has_title_word(before) or regex.search(r"\b\p{Ll}{3,}", before.split(":")[-1]):
        return False  # 'Alimentación escolar en el Instituto ...': a sentence naming a body; 'Organismo Público:' is a field
    return names_coverage(text) >= LETTERHEAD_COVERAGE


def segment_is_body_line(seg: Segment) -> bool:
    return is_name_line(seg.text)
