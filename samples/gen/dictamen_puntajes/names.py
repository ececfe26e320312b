"""People of a generated dictamen: their names in the two orders documents print, and the garbles.

Why garbles belong to the *printed* document and not to the OCR damage: in the seed the score
table prints ``Blanca Cortez Cuipertino`` and ``Melgar Torres Samiango Ricardo`` while the prose
names the same people ``Cupertino Blancas Cortez`` and ``Santiago Ricardo Melgar Torres``. Both
spellings are in the PDF's own text layer; an extractor must keep the table's spelling as the
row's ``nombre`` and can only link the two by fuzzy matching. So the generator prints one side
misspelt for a drawn share of the people the prose names, and records both spellings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import vocab

# share of people with two given names / three; the rest have one. Two-name people make the
# long table names that wrap inside their cell; three is rare in real rosters.
TWO_GIVEN_SHARE = 0.45
THREE_GIVEN_SHARE = 0.04
# per surname, a compound one ('Díaz de León'): long names of several words, particles
# ('de', 'la') that a name splitter must not take for a word boundary between surnames
COMPOUND_SURNAME_SHARE = 0.07
FEMALE_SHARE = 0.5  # per person: posts and titles follow the person's gender
ONE_WORD_GARBLE_SHARE = 0.7  # a misspelt name has one wrong word, else two (the seed has both)
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})
VOWELS = "aeiou"
CONSONANTS = "bcdfgjlmnprstvz"
ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
UNACCENTED = {v: k for k, v in ACCENTED.items()}
# how a word gets misspelt, each seen in the seed's own table/prose pairs (Blancas→Blanca,
# Cupertino→Cuipertino, Santiago→Samiango, Arreola→Areola) or in everyday typing
GARBLE_OPS = ("drop_letter", "insert_letter", "substitute_letter", "swap_letters", "accent", "final_s")


@dataclass(frozen=True)
class Person:
    nombres: tuple[str, ...]
    paterno: str
    materno: str
    femenino: bool

    @property
    def natural(self) -> str:
        """'Ana Yarin Torres Santiago': how prose names a person."""
        return " ".join((*self.nombres, self.paterno, self.materno))

    @property
    def apellidos_primero(self) -> str:
        """'Torres Santiago Ana Yarin': how rosters and SIISPEN-style exports list a person."""
        return " ".join((self.paterno, self.materno, *self.nombres))

    def ordered(self, order: str) -> str:
        return self.apellidos_primero if order == "apellidos" else self.natural


def draw_surname(rng: random.Random) -> str:
    if rng.random() < COMPOUND_SURNAME_SHARE:
        return rng.choice(vocab.APELLIDOS_COMPUESTOS)
    return rng.choice(vocab.APELLIDOS)


def draw_person(rng: random.Random, taken: set[str]) -> Person:
    """A person whose full name is not yet in ``taken`` (one document never lists a name twice)."""
    while True:
        femenino = rng.random() < FEMALE_SHARE
        pool = vocab.NOMBRES_F if femenino else vocab.NOMBRES_M
        u = rng.random()
        n = 3 if u < THREE_GIVEN_SHARE else 2 if u < THREE_GIVEN_SHARE + TWO_GIVEN_SHARE else 1
        nombres = tuple(rng.sample(pool, n))
        paterno, materno = draw_surname(rng), draw_surname(rng)
        if paterno == materno:
            continue
        person = Person(nombres, paterno, materno, femenino)
        if person.natural not in taken:
            taken.add(person.natural)
            return person


def titled(rng: random.Random, person: Person) -> str:
    """'Mtra. Viridiana Villaseñor Aguirre': a signer or commission member as printed."""
    fem, masc = rng.choice(vocab.TITULOS)
    return f"{fem if person.femenino else masc} {person.natural}"


def garble_word(word: str, op: str, rng: random.Random) -> str:
    """One misspelling of ``word`` (returns the word itself when ``op`` cannot apply)."""
    low = word.lower()
    if op == "drop_letter" and len(word) > 4:
        i = rng.randrange(1, len(word))
        return word[:i] + word[i + 1 :]
    if op == "insert_letter":
        i = rng.randrange(1, len(word))
        pool = VOWELS if word[i - 1].lower() in CONSONANTS else CONSONANTS
        return word[:i] + rng.choice(pool) + word[i:]
    if op == "substitute_letter":
        i = rng.randrange(1, len(word))
        pool = VOWELS if word[i].lower() in VOWELS else CONSONANTS
        return word[:i] + rng.choice([c for c in pool if c != word[i].lower()]) + word[i + 1 :]
    if op == "swap_letters" and len(word) > 3:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "accent":
        marked = [i for i, c in enumerate(word) if c in UNACCENTED]
        if marked:
            i = marked[0]
            return word[:i] + UNACCENTED[word[i]] + word[i + 1 :]
        plain = [i for i, c in enumerate(word) if c in ACCENTED and i > 0]
        if plain:
            i = rng.choice(plain)
            return word[:i] + ACCENTED[word[i]] + word[i + 1 :]
    if op == "final_s":
        return word[:-1] if low.endswith("s") else word + "s"
    return word


def garble_name(name: str, rng: random.Random) -> tuple[str, list[dict]]:
    """``name`` with one or two of its words misspelt, and what was done (for ``variant``)."""
    words = name.split(" ")
    candidates = [i for i, w in enumerate(words) if w.lower() not in PARTICLES and len(w) >= 4]
    ops: list[dict] = []
    n = 1 if rng.random() < ONE_WORD_GARBLE_SHARE else 2
    for i in rng.sample(candidates, min(len(candidates), n)):
        for _ in range(4):  # an op may not apply to this word; try another
            op = rng.choice(GARBLE_OPS)
            new = garble_word(words[i], op, rng)
            if new != words[i] and new.lower() not in PARTICLES:
                ops.append({"op": op, "antes": words[i], "despues": new})
                words[i] = new
                break
    return " ".join(words), ops
