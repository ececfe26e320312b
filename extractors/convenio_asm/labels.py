"""Column labels of ASM tables and what role each plays in a ``commitments`` row.

Agreements and CONEVAL follow-up annexes label the same columns many ways ('Hallazgo',
'Descripción del hallazgo', 'Aspecto Susceptible de Mejora'; 'Actividad comprometida',
'Acción de mejora comprometida', 'Acciones a emprender'; 'Fecha compromiso', 'Fecha de
término'). A label is matched on accent-folded text by its stem, fuzzily enough for OCR
('Hallazqo'), and an institutional annex's labels turned 90° come out of a text layer
reversed ('aerÁ elbasnopseR'): those are read back by reversing each word.
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from papeleo.text import fold, fold_keep_offsets

# words a cell's line does not end with when its text goes on in the next piece ('Dirección de'
# / 'Finanzas'); a phrase's run on past them too ('ante la Secretaría', 'se identificó que'),
# where the reader cuts phrases, not cells (CONEVAL lines, label/value sheets). One place for
# every reader that joins a cell's pieces; a cell's split ('... se identificó que | Establecer
# ...', dev OCR'd text 113) must not take 'que' for a cell going on
JOINING_WORDS = frozenset("de del la las el los a al con por para y e en".split())
PHRASE_JOINING_WORDS = JOINING_WORDS | {"ante", "su", "sus", "que"}
# a cell's piece ending in one: 'Conciliar trimestralmente la información reportada con los'
JOINER_END = regex.compile(r"(?i)\b(?:" + "|".join(sorted(JOINING_WORDS)) + r")\s*$")
# a phrase's piece ending in one: 'Presentar el informe ante'
PHRASE_JOINER_END = regex.compile(r"(?i)\b(?:" + "|".join(sorted(PHRASE_JOINING_WORDS)) + r")\s*$")

NUMERO, TEXTO, ACTIVIDAD, FECHA = "numero", "texto", "actividad", "fecha"
AREA_RESP, AREA_COORD, RESULTADOS, EVIDENCIAS = "area_responsable", "area_coordinadora", "resultados", "evidencias"

# role -> label stems (folded). Order matters only for ties: the first role listed wins.
LABELS: dict[str, tuple[str, ...]] = {
    NUMERO: ("no", "num", "n", "#", "num consc", "no consc", "numero", "consecutivo"),
    TEXTO: (
        "hallazgo",
        "hallazgos",
        "descripcion del hallazgo",
        "recomendacion",
        "recomendaciones",
        "descripcion de la recomendacion",
        "aspecto susceptible de mejora",
        "aspectos susceptibles de mejora",
    ),
    ACTIVIDAD: (
        "actividad comprometida",
        "actividades comprometidas",
        "accion de mejora comprometida",
        "acciones a emprender",
        "actividades",
        "acciones de mejora",
    ),
    FECHA: (
        "fecha compromiso",
        "fecha comprometida",
        "fecha de cumplimiento",
        "fecha compromiso de atencion",
        "fecha de termino",
        "fecha comprometida de cumplimiento",
    ),
    AREA_COORD: ("area coordinadora",),
    AREA_RESP: ("area responsable", "areas responsables", "unidad responsable", "areas que intervienen"),
    RESULTADOS: ("resultados esperados",),
    EVIDENCIAS: ("productos y/o evidencias", "productos y o evidencias", "evidencias", "productos"),
}
# rapidfuzz ratio a header cell must reach against a label: 85 admits one OCR slip in a
# ten-letter label ('Hallazqo'); lower starts to pair 'Actividad' with 'Actividades' roles
# of other tables and 'Área' labels with each other
LABEL_FLOOR = 85.0

# 'Fecha comprometida de cumplimiento:', 'Fecha compromiso:', 'Fecha de cumplimiento:' —
# the row under a finding that holds its date (folded; the colon may be lost by OCR, and its last
# word two letters: 'de curnplimiento:', ASM 7941, whose date row came out dated 'de curnplimiento')
FECHA_ROW = regex.compile(
    r"^\W*fecha\s+(?:de\s+)?(?:comprometida|compromiso|cumplimiento)(?:\s+de\s+(?:cumplimiento){e<=2})?\s*:?"
)
# a date row's label may be printed over this many words ('Fecha comprometida de cumplimiento:')
FECHA_LABEL_WORDS = 4


def fecha_label_end(text: str) -> int | None:
    """Where a 'Fecha comprometida ...:' label that opens ``text`` ends (an offset into ``text``):
    read exactly, else with an OCR slip ('Facha comprometida:', 'Fecha comprometlda'), its
    first words matched against the date labels as a header cell is."""
    m = FECHA_ROW.match(fold_keep_offsets(text))
    if m is not None:
        return m.end()
    spans = [w.span() for w in regex.finditer(r"\S+", text)][:FECHA_LABEL_WORDS]
    for k in range(len(spans), 1, -1):
        label = text[: spans[k - 1][1]]
        last = text[spans[k - 1][0] : spans[k - 1][1]]
        if sum(c.isdigit() for c in last) > sum(c.isalpha() for c in last):
            continue  # a label's word is no number: 'Fccha compromiso: 31' took the day of its date
        if role_of(label) == FECHA and clean_label(label).split()[0][:1] == "f":
            return spans[k - 1][1]
    return None


# a day OCR garbled, as a pattern to build on: 'l', 'Z8', 'a0' (a letter for a digit, or a digit
# among letters); before its 'de' it is a day lost, not debris
GARBLED_DAY = r"(?:\S?\d\S?|[OoIlZzSB|]{1,2})"
# the table's kind by its text column: 'Recomendación', 'Descripción de la recomendación', with
# one letter OCR misread ('Descripción de la recomcndación', ASM dev OCR'd text 154: read as
# findings, its rows were folded into the findings of the same numbers), or two ('recomenclación',
# a 'd' read 'cl', ASM 7812). Eleven letters with two slips match no other label's word
RECOMENDACION = regex.compile(r"(?:recomendaci){e<=2}")
# 'A', 'lá', '4.' — one or two letters or digits alone: a row number OCR garbled, or read
NUMBER_LIKE = regex.compile(r"^[^\W_]{1,2}[.)]?$")
# '1', '12', '3.', 'l0' (OCR), '1)' — the row number in the first column
NUMBER_CELL = regex.compile(r"^\W{0,2}(?P<n>[0-9lIO]{1,2})[.)]?$")
OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def clean_label(text: str) -> str:
    return " ".join(regex.sub(r"[^\w#/ ]+", " ", fold(text)).split())


def role_of(label: str) -> str | None:
    """The role a header cell names, or None: tries the text, then each word reversed."""
    for candidate in (label, " ".join(w[::-1] for w in reversed(label.split()))):
        text = clean_label(candidate)
        if not text:
            continue
        best, best_score = None, 0.0
        for role, stems in LABELS.items():
            for stem in stems:
                if role == NUMERO:
                    score = 100.0 if text in stems else 0.0
                else:
                    score = fuzz.ratio(text, stem)
                if score > best_score:
                    best, best_score = role, score
        if best_score >= LABEL_FLOOR:
            return best
    return None


# a turned label's fragment shorter than this (letters) says nothing: 'rea' is the end of 'Área'
# and of nothing else, but three letters end many words; four or more ('echa', 'ejora') do not
MIN_FRAGMENT = 4
# a fragment may carry one OCR slip from this many letters: 'lejora' (6) for 'mejora'; in four
# letters one slip leaves three, which end too many words
MIN_SLIP_FRAGMENT = 5


def _ends_word(fragment: str, word: str) -> bool:
    """``fragment`` is ``word`` with its first letters lost, allowing one OCR slip ('esponsable'
    of 'responsable', 'vordinadora' of 'coordinadora', 'lejora' of 'mejora', dev ASM scan 77)
    in a fragment of ``MIN_SLIP_FRAGMENT`` letters or more."""
    if len(fragment) > len(word) + 1:
        return False
    if word.endswith(fragment):
        return True
    if len(fragment) >= MIN_SLIP_FRAGMENT and Levenshtein.distance(fragment, word[-len(fragment) :]) <= 1:
        return True
    # the cut letter's remnant read as a letter of its own ('flejora': an 'M' cut to its right
    # stroke, then 'lejora'; dev ASM scan 86 lost its header so): the rest ends the word
    rest = fragment[1:]
    return len(rest) >= MIN_SLIP_FRAGMENT and (
        word.endswith(rest) or Levenshtein.distance(rest, word[-len(rest) :]) <= 1
    )


def label_cuts(label: str) -> list[tuple[str, str, str | None, str | None]]:
    """Each cut of a head cell's words in two, left to right: (left words, right words, the role
    each names or None). A cell OCR read as one from two labels ('Actividades Área Responsable')
    is a cut whose two sides name two roles."""
    words = label.split()
    out = []
    for k in range(1, len(words)):
        left, right = " ".join(words[:k]), " ".join(words[k:])
        out.append((left, right, role_of(left), role_of(right)))
    return out


def role_of_fragments(text: str, whole: bool = False, share: float = 0.5) -> str | None:
    """The role a turned label names when OCR kept only the ends of its words: white letters
    turned a quarter on a dark band lose their first letters ('tible de specto ejora' is
    'Aspecto Susceptible de Mejora', 'esponsable' 'Área Responsable'; dev ASM scan 0). The role
    whose label has the most of its words ended by a fragment, at least half of them; a tie
    between roles is no reading. ``whole``: only whole words count (an upright label OCR half
    garbled, 'dos e cumplimiento': 'cumplimiento' is a word of 'Fecha de cumplimiento').
    ``share``: the least share of a label's words the fragments must end (a turned label whose
    other words OCR lost keeps one end: 'pecto' alone, ASM 7805, read with a share of 0)."""
    fragments = [f for f in regex.findall(r"\p{L}+", fold(text)) if len(f) >= MIN_FRAGMENT]
    scores: dict[str, tuple[int, float]] = {}
    for role, stems in LABELS.items():
        for stem in stems:
            words = [w for w in stem.split() if len(w) >= MIN_FRAGMENT]
            hit = [w for w in words if any(f == w if whole else _ends_word(f, w) for f in fragments)]
            if hit and len(hit) >= share * len(words):
                scores[role] = max(scores.get(role, (0, 0.0)), (len(hit), len(hit) / len(words)))
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def roles_in(text: str) -> set[str]:
    """Roles whose label stems occur in a line of text (a header line before it is split)."""
    t = clean_label(text)
    words = t.split()
    rev = clean_label(" ".join(w[::-1] for w in reversed(text.split())))
    found = set()
    for role in LABELS:
        if role == NUMERO:
            if words and words[0] in ("no", "num", "n", "#", "n°"):
                found.add(role)
            continue
        if any(_STEMS[role].search(x) for x in (t, rev)):
            found.add(role)
    return found


# per role, its label stems as whole words in one pattern, compiled once: ``roles_in`` runs on
# every line of a document (furniture, header search), one search per stem was most of its time
_STEMS = {
    role: regex.compile(r"\b(?:" + "|".join(regex.escape(s) for s in stems) + r")\b")
    for role, stems in LABELS.items()
    if role != NUMERO
}


def is_header_text(text: str) -> bool:
    """A header line names the row's text column and at least one more column."""
    roles = roles_in(text)
    return TEXTO in roles and len(roles) >= 2


def row_number(text: str) -> int | None:
    m = NUMBER_CELL.match(text.strip())
    if not m:
        return None
    digits = m["n"].translate(OCR_DIGITS)
    return int(digits) if digits.isdigit() and int(digits) > 0 else None
