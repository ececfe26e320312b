"""Where a body's name ends, and what opens one.

The body finder (``papeleo.text.bodies``) runs a name on over capitalised words and particles;
what it runs into is read here: the end of its sentence, a heading in capitals, a post, a
person, a company's legal form, a word no name goes on into (a heading's 'REF', an address's
'Calzada'), an ordinal that opens the next line's name. Kept apart from the finding of names
(organizations.py), which asks it of every name it finds.
"""

from __future__ import annotations

import regex

from papeleo.text.bodies import HEADS, PARTICLES, heads_pattern
from papeleo.text.normalize import fold

from .rules import VOCABULARY

ORG_HEAD = heads_pattern([*HEADS, *VOCABULARY["body_heads"]])

# an ordinal that is part of a body's name: 'Segunda Visitaduría General', 'Primera Sala'
_ORDINALS = (
    r"(Primer[ao]?|Segund[ao]|Tercer[ao]?|Cuart[ao]|Quint[ao]|Sext[ao]|Séptim[ao]|Octav[ao]|Noven[ao]|Décim[ao])"
)
ORDINAL_BEFORE = regex.compile(rf"(?<![\p{{L}}]){_ORDINALS}\s+$")
# the same ordinal closing a name: it opens the next line's ('... de Sierra Alta Primera' / 'Visitaduría General')
ORDINAL_LAST = regex.compile(rf"(?<=\s){_ORDINALS}$")

# particles of the names a report names besides those an issuer's name holds: 'Comisión Ejecutiva
# de Atención *a* Víctimas', 'Liga Nacional *contra* el Cáncer', 'Juzgados en Materia de *lo* Familiar'
NAME_PARTICLES = PARTICLES | frozenset({"a", "contra", "lo"})

# particles a cut name is left ending with: 'Comité Técnico de Profesionalización de\nla'
TRAILING_PARTICLES = regex.compile(
    r"(?:\s+(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r"))+\s*$", regex.IGNORECASE
)
# a full stop after a word of three letters or more ends the sentence, and the name ('México.
# SÉPTIMA. Prórroga'); 'H.' and 'Q.' are abbreviations
SENTENCE_END = regex.compile(r"(?<=\p{L}{3})\.(?=\s|$)")
# a name in mixed case runs into a heading in capitals: 'Defensoría del Ambiente INFORME DE VERIFICACIÓN'
# (two words in capitals in a row; one is an acronym of the name: 'Sistema Municipal DIF')
CAPS_AFTER_MIXED = regex.compile(r"\s+\p{Lu}{2,}[\p{Lu}.]*\s+\p{Lu}{2,}")
# letters spaced out: 'P R E S E N T E' under an addressee
SPACED_LETTERS = regex.compile(r"\s+\p{Lu}(?:\s+\p{Lu}){2,}(?!\p{L})")
# words that end a clause, in any case: 'LA SECRETARÍA DE FINANZAS REPRESENTADA POR', 'Secretaría de
# Desarrollo Agropecuario Representada por'
CLAUSE_WORD = regex.compile(r"(?i)\s+(?:representad[oa]|mediante|conforme|quien|cuyo|cuya)\b")
# a word after the head: a post's word there starts a post, not more of the name ('Departamento de
# Sistemas Jefe de Departamento de ...', 'Secretaría Técnica Titular de ...')
WORD_AFTER_HEAD = regex.compile(r"\s+(\p{Lu}\p{L}+)")
# an accented capital: acronyms carry none ('AUTORIZÓ' is a word, 'CECYTES' may be a name's acronym)
ACCENTED = regex.compile(r"[ÁÉÍÓÚÜ]")
NAME_STOPS = frozenset(fold(w) for w in VOCABULARY["name_stops"])
POST_WORDS = frozenset(fold(w) for w in VOCABULARY["cargo_heads"] if " " not in w) - frozenset(
    {
        "oficial",
        "fiscal",
        "enlace",
        "responsable",
        "representante",
        "auxiliar",
        "integrante",
        "general",
        "tecnico",
        "tecnica",
    }
)  # adjectives of bodies as much as posts: 'Comité Técnico de ...', 'Secretaría Técnica', 'Dirección General'
# a woman's post printed like a body's name, told by its missing accent in mixed case:
# 'Secretaria de Acuerdos', 'Subsecretaria de Egresos' (the body is 'Secretaría', 'Subsecretaría')
POST_FORMS = frozenset({"Secretaria", "Subsecretaria"})
POST_FORMS_CAPS = frozenset(w.upper() for w in POST_FORMS)  # 'SUBSECRETARIA DE EGRESOS' (body: 'SECRETARÍA')

# a company's or association's legal form after its name: ', S.C.', ', A.C.', ', S.A. de C.V.'
LEGAL_FORM = regex.compile(r",?[ \t]+(?:S\.[ ]?C\.|A\.[ ]?C\.|S\.[ ]?A\.(?:[ ]de[ ]C\.[ ]?V\.)?|I\.[ ]?A\.[ ]?P\.)")
LEGAL_FORM_END = regex.compile(LEGAL_FORM.pattern + "$")

BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def opens_body(text: str) -> bool:
    """Whether ``text`` opens with a body's head noun ('Tesorería Municipal')."""
    return ORG_HEAD.match(fold(text.strip())) is not None


def trim_name(name: str, people: tuple[str, ...] = ()) -> str:
    """A body's name as far as it goes: to the end of its sentence, a blank line in a block of
    capitals, a heading in capitals after it, a word spaced out letter by letter, a word that
    ends a clause, a post or a person's name printed after it (a signature, a cell beside it)."""
    cuts = [len(name)]
    first_word = len(name.split(" ", 1)[0])  # 'Depto. de Programación': an abbreviated head ends no sentence
    for pattern in (SENTENCE_END, CAPS_AFTER_MIXED if not name.isupper() else None, SPACED_LETTERS, CLAUSE_WORD):
        m = pattern.search(name, first_word) if pattern is not None else None
        if m:
            cuts.append(m.start())
    if name.isupper() and BLANK_LINE.search(name):
        cuts.append(BLANK_LINE.search(name).start())
    form = LEGAL_FORM.search(name)
    if form:  # a company's legal form closes its name, and its name may hold a post's word ('Grupo Consultor')
        cuts.append(form.end())
    for m in WORD_AFTER_HEAD.finditer(name):
        word, low = m.group(1), fold(m.group(1))
        opens = ORG_HEAD.match(fold(name[m.start(1) :]))
        # a post's word right after a head is the head's adjective: 'Gerencia de la Junta
        # Administradora de Agua', 'Comisión Evaluadora', 'Comité Técnico'
        before = name[: m.start()].split()
        adjective = bool(before) and ORG_HEAD.match(fold(before[-1])) is not None and word not in POST_FORMS
        if low in NAME_STOPS or (
            not form and not adjective and low in POST_WORDS and (word in POST_FORMS or not opens)
        ):
            cuts.append(m.start())  # 'Jefe de ...', 'Secretaria de Acuerdos' — not 'de la Secretaría de ...'
            break
        if (
            opens
            and len(name[m.start(1) :].split()) >= 2
            and before
            and before[-1][:1].isupper()
            and fold(before[-1]) not in NAME_PARTICLES
            and not ORG_HEAD.match(fold(name[m.start() - len(before[-1]) :]))
            and ORG_HEAD.search(fold(name[: m.start()]))
        ):
            # a head right after a word of the name opens another name: 'Procuraduría de los
            # Derechos Humanos / Dirección de Derechos Sociales' (a letterhead's two lines); not a
            # head the word before belongs to ('H. Ayuntamiento'), nor one closing the name ('...
            # Anticorrupción y Buen Gobierno'), nor the name's own after an ordinal ('Segunda
            # Visitaduría General')
            cuts.append(m.start())
            break
        if not name.isupper() and word.isupper() and ACCENTED.search(word):
            cuts.append(m.start())  # 'Unidad de Planeación AUTORIZÓ': a word in capitals, no acronym
            break
    folded = fold(name)
    for person in people:
        k = folded.find(fold(person))
        if k > 0:
            cuts.append(k)
    # 'Dirección de Evaluación del Desempeño de la' cut before its last words (line breaks kept:
    # the name is found again in its text as printed)
    name = TRAILING_PARTICLES.sub("", name[: min(cuts)].rstrip(" ,;:")).rstrip()
    last = ORDINAL_LAST.search(name)
    if last and not ORG_HEAD.search(fold(name.split()[-2]) if len(name.split()) > 1 else ""):
        return name[: last.start()].rstrip()  # not a head's own ordinal: 'Juzgado Primero'
    return name
