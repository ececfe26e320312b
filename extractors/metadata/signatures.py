"""Signature blocks, and the body each signer signs for.

A signature block is a person's name ('Mtro. Carlos Iván Coyoc Rodríguez', 'ROBERTO INDA
GONZÁLEZ') with a post under it ('Director General', 'SUBSECRETARIO DE PLANEACIÓN Y' /
'PRESUPUESTO DE LA' / 'SECRETARÍA DE FINANZAS'). The body is the one the post names after its
title ('... DE LA SECRETARÍA DE FINANZAS'), the one the post heads ('SECRETARIO DE EDUCACIÓN' ->
'Secretaría de Educación'), or a firm printed under the post ('IBS Consulting Group'). A body
at the very start of a post is the post itself ('Secretaria Técnica de la Comisión').
"""

from __future__ import annotations

import regex

from papeleo.text.bodies import find_bodies, post_to_body
from papeleo.text.normalize import fold
from papeleo.text.people import PERSON_TITLES

from .layout import Layout
from .names import FIRM
from .rules import RULES

POST_WORDS = tuple(sorted(RULES["post_words"], key=len, reverse=True))
# a post wrapped onto the next line ends in one of these: 'SUBSECRETARIO DE PLANEACIÓN Y'
PARTICLES_AND_Y = frozenset({"de", "del", "la", "las", "los", "y", "e"})
# lines of a post block under its first line ('PRESUPUESTO DE LA' / 'SECRETARÍA DE FINANZAS')
POST_LINES = 3
# 'Mtro. Carlos Iván Coyoc Rodríguez', 'DR. LUIS RAMÓN CARRILLO ORTEGÓN', 'ROBERTO INDA GONZÁLEZ'
PERSON = regex.compile(rf"(?i)^\W*(?:(?:{PERSON_TITLES})\.?\s+)?" r"(?:[\p{L}'’]+\s+){1,5}[\p{L}'’]+\W*$")


# a line that opens with a post word, folded: 'director general', '- subsecretario de ...';
# one alternation (longest first) instead of a pattern per word: a twentieth of a text PDF's
# extraction time went to looking the per-word patterns up in regex's cache
STARTS_WITH_POST = regex.compile(r"\W*(?:" + "|".join(regex.escape(p) for p in POST_WORDS) + r")\b")


def starts_with_post(text: str) -> bool:
    return STARTS_WITH_POST.match(fold(text)) is not None


def _post_goes_on(line: str) -> bool:
    words = fold(line).split()
    return bool(words) and words[-1] in PARTICLES_AND_Y


def _signature_body(lines: list[str], start: int) -> str | None:
    """The body of the post block that starts at ``lines[start]``."""
    post = [lines[start]]
    for nxt in lines[start + 1 : start + 1 + POST_LINES]:
        named = find_bodies(nxt)
        if FIRM.search(nxt) and not named:
            return " ".join(nxt.split())
        if named and named[0].start == 0 and not _post_goes_on(post[-1]):
            return named[0].name  # 'Procuradora Adjunta' / 'Comisionado Ciudadano de los Derechos Humanos'
        person = PERSON.match(nxt) and not named
        if not nxt.strip() or starts_with_post(nxt) or (person and not _post_goes_on(post[-1])):
            break
        post.append(nxt)
    text = " ".join(post)
    found = [b for b in find_bodies(text) if b.start > 0]
    if found:
        return found[-1].name
    return post_to_body(text)


def signature_bodies(layout: Layout) -> list[tuple[str, int]]:
    """(body, page) of every signature block, in reading order; addressee blocks left out."""
    out = []
    for page in layout.text_pages:
        numbered = sorted(page.lines_text().items())
        lines = [t for _, t in numbered]
        for i in range(1, len(lines)):
            if numbered[i][0] in page.addressee_lines or not starts_with_post(lines[i]):
                continue
            if not PERSON.match(lines[i - 1]) or find_bodies(lines[i - 1]):
                continue
            body = _signature_body(lines, i)
            if body:
                out.append((body, page.number))
    return out
