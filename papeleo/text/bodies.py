"""Names of public bodies in running text, and the body a signer's post stands for.

A body's name is a head noun ('Instituto', 'Secretaría', 'H. Ayuntamiento', 'Auditoría
Superior' — papeleo/data/bodies.json) followed by its capitalised words and the particles between them
('Instituto de Capacitación y Vinculación Tecnológica del Estado de Chiapas'). In mixed case
the name ends at the first lowercase word that is not a particle; in capitals, where case
says nothing, at a word that cannot be part of a name ('REPRESENTADA', 'POR', 'QUE') or at
punctuation. A post names its body through ``post_to_body`` (papeleo/data/bodies.json) ('SECRETARIO DE
EDUCACIÓN' -> 'Secretaría de Educación').
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import regex

from papeleo.text.normalize import DIGIT_TO_LETTER, fold, fold_keep_offsets
from papeleo.text.pagetext import line_start

log = logging.getLogger(__name__)

RULES = json.loads((Path(__file__).parent.parent / "data" / "bodies.json").read_text(encoding="utf-8"))
HEADS: list[str] = RULES["body_heads"]
UMBRELLA_HEADS = tuple(fold(h) for h in RULES["umbrella_heads"])
POST_TO_BODY: dict[str, str] = RULES["post_to_body"]

# particles inside a body's name: 'Instituto *de* Capacitación *y* Vinculación', 'Secretaría *de la* Contraloría'
PARTICLES = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "para", "en", "al"})
# what may stand between two words of a name: spaces, or a line break before more text
NAME_GAP = regex.compile(r"[ \t]+|\n(?=[ \t]*\S)")
# words that end a name in capitals: 'LA SECRETARÍA DE FINANZAS REPRESENTADA POR ROBERTO INDA'
CAPS_STOPS = frozenset(RULES["caps_stops"])
# '0' in 'GOBIERN0', '5' in 'E5TADO': a digit with a letter on each side, or closing a word of capitals
LETTER_RUN_DIGIT = regex.compile(r"(?<=\p{L})\d(?=\p{L})|(?<=\p{Lu}{3})\d(?!\w)")
# 'Vi|la', 'P|aneación': OCR's bar for an 'l' inside a word
BAR_IN_WORD = regex.compile(r"(?<=\p{L})\|(?=\p{L})")
# particles as OCR misreads them, read back in a name: 'cl' for 'd' ('clel'), 'v' for 'y' ('Capacitación v
# Vinculación'; a lone lowercase 'v' is no Spanish word)
OCR_PARTICLES = {"clel": "del", "cle": "de", "CLEL": "DEL", "CLE": "DE", "v": "y"}
# 'Públicas/Secretaría' joins two names; parts shorter than this make a code ('IEEV/CV/SPE')
CODE_PART_MIN = 5
# the most words a name runs to ('Sistema para el Desarrollo Integral de la Familia del Estado de Valle Verde' is 13)
MAX_NAME_WORDS = 16

_head_alts = sorted({fold(h) for h in HEADS}, key=len, reverse=True)
# the head noun of a body, folded: 'secretaria', 'h. ayuntamiento', 'auditoria superior'
HEAD_ALTERNATION = "(?:" + "|".join(regex.escape(h) for h in _head_alts) + r")(?!\w)"
HEAD = regex.compile(r"(?<![\w.])" + HEAD_ALTERNATION)
# one word of a name as printed: 'Tecnológico', 'ESCÁRCEGA', 'Públicas/Secretaría', 'H.'
NAME_WORD = regex.compile(r"[\p{L}][\p{L}.'’/-]*")


@dataclass(frozen=True)
class BodyMention:
    """A body's name found in a text: as printed, folded, and where."""

    name: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def head(self) -> str:
        m = HEAD.match(self.key)
        return m.group(0) if m else ""

    @property
    def umbrella(self) -> bool:
        return self.head in UMBRELLA_HEADS


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _extend(
    text: str,
    start: int,
    head_end: int,
    gap: regex.Pattern = NAME_GAP,
    particles: frozenset[str] = PARTICLES,
    max_words: int = MAX_NAME_WORDS,
) -> int:
    """The end of the name whose head noun spans ``start``..``head_end``."""
    caps_mode = text[start:head_end].isupper()
    end, words = head_end, 0
    pos = head_end
    while words < max_words:
        g = gap.match(text, pos)
        if not g:
            break
        m = NAME_WORD.match(text, g.end())
        if not m:
            break
        word = m.group(0)
        if "/" in word and min(len(part) for part in word.split("/")) < CODE_PART_MIN:
            break  # 'IEEV/CV/SPE': a code under the name, not a word of it
        low = fold(OCR_PARTICLES.get(word, word)).strip(".'’-/")
        if low in particles:
            pos = m.end()
            words += 1
            continue
        if caps_mode and (not word.isupper() or low in CAPS_STOPS):
            break
        if not caps_mode and not _is_cap(word):
            break
        end = m.end()
        pos = m.end()
        words += 1
    return end


def letters_for_digits(text: str) -> str:
    """Digits OCR printed inside words read back as letters, one for one: 'GOBIERN0 DEL E5TADO' ->
    'GOBIERNO DEL ESTADO'. A digit counts as a letter only between letters of a word of letters;
    a bar between letters is an 'l' ('Vi|la Hermosa')."""
    text = BAR_IN_WORD.sub("l", text)
    return LETTER_RUN_DIGIT.sub(lambda m: DIGIT_TO_LETTER.get(m.group(0), m.group(0)), text)


def heads_pattern(heads: list[str] | tuple[str, ...]) -> regex.Pattern:
    """A head-noun pattern like ``HEAD`` for another list of heads (mentions adds 'Hospital',
    'Liga'; laws open with 'Ley', 'Reglamento'), folded and longest first."""
    alts = sorted({fold(h) for h in heads}, key=len, reverse=True)
    # a head of two words may stand a line apart: 'Mecanismo\npara el Seguimiento'
    escaped = (regex.escape(h).replace("\\ ", r"\s+") for h in alts)
    return regex.compile(r"(?<![\w.])(?:" + "|".join(escaped) + r")(?!\w)")


def _opens_line(text: str, pos: int) -> bool:
    return not text[line_start(text, pos) : pos].strip()


def find_bodies(
    text: str,
    head: regex.Pattern = HEAD,
    gap: regex.Pattern = NAME_GAP,
    particles: frozenset[str] = PARTICLES,
    labels: bool = True,
    max_words: int = MAX_NAME_WORDS,
) -> list[BodyMention]:
    """Every body name in ``text``, in reading order, trailing particles and punctuation off;
    ``head`` the pattern of the head nouns a name opens with (folded text), ``gap`` what may
    stand between two of its words, ``particles`` the lowercase words a name may hold. A name
    before a colon is a field's label and skipped; with ``labels`` False only where it opens
    its line ('Al Ministerio de Educación:' addresses a body). ``max_words``: how far a name may
    run (a reader that splits names joined by 'y' afterwards lets the run go further)."""
    text = letters_for_digits(text)
    folded = fold_keep_offsets(text)
    out: list[BodyMention] = []
    for m in head.finditer(folded):
        if out and m.start() < out[-1].end:
            continue  # 'Secretaría de ... / Secretaría de Hacienda' inside a name already taken
        end = _extend(text, m.start(), m.end(), gap, particles, max_words)
        if text[end : end + 2].lstrip()[:1] == ":" and (labels or _opens_line(text, m.start())):
            continue  # 'Organismo Público: Instituto ...': a field's label, not a name
        name = " ".join(OCR_PARTICLES.get(w, w) for w in text[m.start() : end].split()).strip(" .,;:/-")
        if len(name.split()[-1]) == 1:
            name = name.rsplit(" ", 1)[0]  # 'Dirección de P' before an OCR break: no one-letter last word
        if len(name.split()) < 2 or fold(name) == "h. ayuntamiento":
            continue  # a bare head noun ('Secretaría', 'el ayuntamiento') names no body
        out.append(BodyMention(name, m.start(), m.start() + len(name)))
    return out


# 'SECRETARIO DE EDUCACIÓN', 'Procuradora de los Derechos Humanos', 'AUDITOR SUPERIOR DEL ESTADO DE HIDALGO'
_post_alts = sorted(POST_TO_BODY, key=len, reverse=True)
POST_BODY = regex.compile(
    r"^\W*(?P<post>" + "|".join(regex.escape(p) for p in _post_alts) + r")(?P<rest>\s+(?:de|del)\s+.+)$"
)


def post_to_body(post: str) -> str | None:
    """The body a post heads: 'SECRETARIO DE EDUCACIÓN' -> 'SECRETARÍA DE EDUCACIÓN' (in the
    post's own case), or None when the post names no body that way ('DIRECTOR GENERAL')."""
    folded = fold_keep_offsets(post)
    m = POST_BODY.match(folded)
    if not m:
        return None
    head = POST_TO_BODY[m["post"]]
    rest = post[m.start("rest") :]
    if post[m.start("post") : m.end("post")].isupper():
        head = head.upper()
    found = find_bodies(head + rest)
    return found[0].name if found else None


def title_case(name: str) -> str:
    """A name printed in capitals as a reader writes it: 'INSTITUTO ELECTORAL DE MICHOACÁN' ->
    'Instituto Electoral de Michoacán'; particles lower, 'H.' and short acronyms kept."""
    if not name.isupper():
        return name
    out = []
    for i, word in enumerate(name.split()):
        low = word.lower()
        if i and low in PARTICLES:
            out.append(low)
        elif not any(c in "aeiouáéíóú" for c in low) or word.startswith("("):
            out.append(word)  # 'H.', 'SEDUC' in parentheses, 'PbR'
        else:
            out.append("/".join(p[:1].upper() + p[1:].lower() for p in word.split("/")))
    return " ".join(out)
