"""Which contract column each printed column of a score table is, from its header words.

Why words and not positions: bodies print the same columns in different orders (post before
name, the level before the final score, a running number first) and under different labels
('Calificación final', 'Promedio ponderado', 'Puntaje final'), so a column is what its header
says, read fuzzily because OCR damages headers as much as cells ('Conseculivo', 'desempeiio').
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz import fuzz

from papeleo.text.normalize import fold

log = logging.getLogger(__name__)

VOCAB = json.loads(Path(__file__).with_name("vocab.json").read_text(encoding="utf-8"))
SCORE_ROLES = ("ind", "col", "comp", "final")
TEXT_ROLES = ("numero", "nombre", "cargo", "entidad")
ROLES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in VOCAB["roles"].items() if not k.startswith("_")}
# rapidfuzz ratio a header word needs against a stem: 80 lets one OCR error through in a
# word of 8+ letters ('conseculivo', 'desempeiio'); lower starts confusing 'competencias'
# with 'competente' and 'colectivas' with 'colegiado'.
STEM_FLOOR = 80.0
# stems this short only match exactly ('no', 'ind', 'col'): one edit is another word
EXACT_STEM_LEN = 4
# a header word: letters, or the '#' a numbering column is headed with ('No.', 'Núm.', '#'); an
# OCR'd '|' between letters is an 'l' ('Co|ectiva', see header_fold)
HEADER_WORD = regex.compile(r"#|\p{L}(?:\p{L}|\|(?=\p{L}))*")
# a group label printed over the two goal columns ('Metas' over 'Individuales | Colectivas')
GROUP_WORDS = ("metas", "objetivos", "logro")
# where the prose names each goal factor first: 'metas individuales', 'objetivos colectivos'
GOAL_IND = regex.compile(r"(?:metas|objetivos)\s+(?:de\s+\w+\s+)?individual")
GOAL_COL = regex.compile(r"(?:metas|objetivos)\s+(?:de\s+\w+\s+)?(?:colectiv|de\s+equipo|institucional)")
# the competencies factor as the prose names it ('Competencias laborales', 'evaluación de
# competencias'); the singular heads a considerando on jurisdiction ('I. Competencia.')
COMPETENCIES = regex.compile(r"\bcompetencias\b")
# how the prose names each factor, for named_factors
FACTOR_PHRASES = (("ind", GOAL_IND), ("col", GOAL_COL), ("comp", COMPETENCIES))
# the name the table reader gives a column it found no header for: 'col3'
PLACEHOLDER = regex.compile(r"^col\d+$")
# a score table needs a name column and at least this many score columns: the commission's
# 'Cargo | Nombre' table and the universe table '15 | 20% | 3' have fewer
MIN_SCORE_COLUMNS = 2


@dataclass(frozen=True)
class Layout:
    """The roles of a table's columns, one tuple per printed column (empty: not ours; two
    roles: a merged header such as 'Consecutivo Persona evaluada')."""

    roles: tuple[tuple[str, ...], ...]
    # score roles whose column no label names and the arithmetic could not tell from another:
    # placed in the order the prose names the factors (placing.confirmed_layout), a guess that
    # every value read under it says of itself ('columna_inferida')
    guessed: frozenset[str] = frozenset()

    def with_roles(self, roles: Iterable[tuple[str, ...]]) -> Layout:
        """This layout's columns given other roles (a lost label put back, a column added or
        dropped), its guesses kept: a repair never makes a guessed column certain."""
        return Layout(tuple(roles), self.guessed)

    @property
    def flat(self) -> tuple[str, ...]:
        return tuple(r for rs in self.roles for r in rs)

    @property
    def scores(self) -> tuple[str, ...]:
        """The score roles in printed order."""
        return tuple(r for r in self.flat if r in SCORE_ROLES)

    @property
    def tail(self) -> tuple[str, ...]:
        """Score and level roles in printed order: what follows the name, post and state."""
        return tuple(r for r in self.flat if r in SCORE_ROLES or r == "nivel")

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(r for r in self.flat if r in TEXT_ROLES)

    @property
    def is_score_table(self) -> bool:
        return "nombre" in self.flat and len(self.scores) >= MIN_SCORE_COLUMNS


def merged(roles: tuple[str, ...]) -> bool:
    """Columns a reader merges under one label: a running number into the name column
    ('Consecutivo Persona evaluada' over '1 Ramírez Ávila Jimena'), neighbouring score columns
    and the level ('Metas Ind. Col.' over '— 91,67'; '10,00 Excelente')."""
    return set(roles) == {"numero", "nombre"} or set(roles) <= {*SCORE_ROLES, "nivel"}


def header_fold(word: str) -> str:
    """A header word as compared with the stems: folded, OCR's '|' for 'l' read back."""
    return fold(word).replace("|", "l")


def _word_is(word: str, stem: str) -> bool:
    if len(stem) <= EXACT_STEM_LEN or len(word) <= EXACT_STEM_LEN:
        return word == stem
    # OCR damages a first letter by substitution ('Fuesto'), never adds one: 'estado' is not 'resultado'
    if word.startswith(stem):
        return True
    same_start = word[0] == stem[0] or len(word) == len(stem)
    return same_start and fuzz.ratio(word, stem) >= STEM_FLOOR


def roles_of_label(label: str, strict: bool = False) -> tuple[str, ...]:
    """The roles a header label names: 'Metas de desempeño individual' → ('ind',), 'Consecutivo
    Persona evaluada' → ('numero', 'nombre'). Roles are tried in the vocabulary's order and the
    first that names a word takes it, so 'desempeño' in a goals label is not a level. Two roles
    no reader merges ('Cargo/Puesto Entidad') keep the first, or none when ``strict``."""
    words = [header_fold(w) for w in HEADER_WORD.findall(label)]
    found: list[tuple[int, str]] = []
    taken: set[int] = set()
    for role, stems in ROLES.items():
        for i, w in enumerate(words):
            if i in taken or not any(_word_is(w, s) for s in stems):
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for _, r in found):
                continue  # 'Metas de desempeño individual', 'Evaluación de competencias' (one column)
            if role in ("nivel", "final") and any(r in ("nivel", "final") for _, r in found):
                continue  # 'Nivel de desempeño', 'Calificación final del desempeño'
            found.append((i, role))
            taken.add(i)
            break
    if len(found) == 1 and found[0][1] in SCORE_ROLES and "nivel" in words:
        # 'Calificación Nivel de desempeño final', 'Evaluación de Nivel de desempeño competencias':
        # a score column and the level's, merged by the reader under one label
        found.append((words.index("nivel"), "nivel"))
    found.sort()
    roles = tuple(r for _, r in found)
    if len(roles) > 1 and not merged(roles) and strict:
        return ()
    if len(roles) > 1 and not merged(roles):
        # one column names one thing, but for the merges in MERGED
        return tuple(r for r in roles if r not in ("numero",))[:1]
    return roles


def is_group_label(label: str) -> bool:
    """'Metas', 'Logro de metas', 'Metas (2)': a group label whose sub-labels were lost."""
    words = [fold(w) for w in HEADER_WORD.findall(label)]
    return bool(words) and all(w in GROUP_WORDS or w in ("de", "del") for w in words)


def goal_order(text: str) -> tuple[str, str]:
    """The order the document names its two goal factors in ('metas individuales' before 'metas
    colectivas', as it prints them under a group label); individual first when it names neither."""
    folded = fold(text)
    i, c = GOAL_IND.search(folded), GOAL_COL.search(folded)
    if i and c and c.start() < i.start():
        return ("col", "ind")
    return ("ind", "col")


def layout_of(columns: tuple[str, ...], goals: tuple[str, str] = ("ind", "col")) -> Layout:
    """The roles of a table's header names; a role named twice keeps its first column. Two
    columns headed only by a group label ('Metas' | 'Metas (2)', the sub-labels lost by OCR)
    are the two goal columns, in the order ``goals`` (see goal_order)."""
    seen: set[str] = set()
    out = []
    pending = [g for g in goals]
    groups = [i for i, label in enumerate(columns) if is_group_label(label)]
    paired = groups if len(groups) == 2 and groups[1] == groups[0] + 1 else []
    for i, label in enumerate(columns):
        if PLACEHOLDER.match(label):
            out.append(())
            continue
        roles = (pending.pop(0),) if i in paired else roles_of_label(label)  # paired: a guess
        roles = tuple(r for r in roles if r not in seen)
        seen.update(roles)
        out.append(roles)
    # two goal columns under bare group labels are in the prose's order: a guess (Layout.guessed)
    return Layout(tuple(out), frozenset({"ind", "col"}) if paired else frozenset())


def named_factors(text: str) -> tuple[str, ...]:
    """The score roles the document's prose names (a table prints only those, and a final), in
    the order it first names them, the final last: the goal factors by their phrases ('metas
    individuales', 'objetivos colectivos'; the words alone are everywhere: 'dictámenes
    individuales'), the competencies by their plural."""
    folded = fold(text)
    found = [(m.start(), role) for role, rx in FACTOR_PHRASES if (m := rx.search(folded))]
    return (*(role for _, role in sorted(found)), "final")


def with_lost_role(lay: Layout, blank: list[int], named: tuple[str, ...]) -> Layout:
    """The column at the one index of ``blank`` (columns without a label that hold scores) takes
    the one score role the document names and the header lacks; with more of either, which goes
    where is a guess and the layout stays as read."""
    missing = [r for r in SCORE_ROLES if r in named and r not in lay.flat]
    if len(missing) != 1 or len(blank) != 1:
        return lay
    roles = list(lay.roles)
    roles[blank[0]] = (missing[0],)
    log.debug("column %d read as %s: its label was lost", blank[0], missing[0])
    return lay.with_roles(roles)
