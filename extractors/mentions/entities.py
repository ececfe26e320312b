"""One key for one person or body however a document spells it, stable across documents and
runs, so ``group by entidad_id`` counts the documents that name it.

The key is built from the name's words, not from a catalogue: accents, case and particles off,
each word reduced to a Spanish sound skeleton (its consonants after the letters Spanish writes
for one sound are merged: 'v'/'b', 'z'/'s', soft 'c'/'s', silent 'h'), a final plural 's'
dropped, and for a person the words sorted, because score tables print the surnames first.
So 'Blanca Cortez Cuipertino' and 'Cupertino Blancas Cortez' (seed 003, the same member in the
table and in the prose) share a key, as do 'Secretaría de Finanzas' and 'SECRETARIA DE
FINANZAS'. What it trades: two people whose names have the same consonants in the same words
('Ana Mora Ruiz' and 'Ana Mara Ruiz') share a key too; a name with a word lost or added does not.
"""

from __future__ import annotations

import functools
import hashlib

import regex

from papeleo.text.normalize import NAME_PARTICLES, fold

# the letters Spanish writes for one sound, merged before the vowels go: 'ce'/'ci' -> 'se'/'si',
# 'qu' -> 'k', 'v' -> 'b', 'z' -> 's', 'll' -> 'y', silent 'h' (not after 'c')
SOUNDS = (
    (regex.compile(r"c(?=[ei])"), "s"),
    (regex.compile(r"qu"), "k"),
    (regex.compile(r"c"), "k"),
    (regex.compile(r"v"), "b"),
    (regex.compile(r"z"), "s"),
    (regex.compile(r"ll"), "y"),
    (regex.compile(r"(?<!k)h"), ""),
)
VOWELS = regex.compile(r"[aeiouy]")
REPEATS = regex.compile(r"(.)\1+")
WORD = regex.compile(r"[a-z0-9]+")


# the words of names repeat across a run's documents: each word's skeleton is worked out once
@functools.lru_cache(maxsize=1 << 14)
def word_skeleton(word: str) -> str:
    """'Cuipertino' -> 'kprtn', 'Blancas' -> 'blnk'; a word without consonants keeps its letters."""
    w = fold(word)
    for pattern, sound in SOUNDS:
        w = pattern.sub(sound, w)
    w = REPEATS.sub(r"\1", w)
    w = w[:-1] if len(w) > 3 and w.endswith("s") else w
    skeleton = VOWELS.sub("", w[1:])
    return (w[:1] + skeleton) if skeleton else w


def name_key(name: str, ordered: bool) -> str:
    words = [word_skeleton(w) for w in WORD.findall(fold(name)) if w not in NAME_PARTICLES]
    return " ".join(words if ordered else sorted(words))


def entity_id(tipo: str, name: str) -> str:
    """'persona:…' / 'organizacion:…': the tipo and 16 hex digits of the name's key."""
    key = name_key(name, ordered=tipo != "persona")
    return f"{tipo}:{hashlib.sha1(key.encode()).hexdigest()[:16]}"
