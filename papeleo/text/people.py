"""Words that mark a person's name in public documents: the titles printed before it.

'Mtro. Carlos Iván Coyoc Rodríguez', 'Licda. Yolanda Palacios Nava', 'CP. Claudia Escobedo',
'DR. LUIS RAMÓN CARRILLO ORTEGÓN': signature blocks, lists of attendees and addressees open a
name with one of these. Shared so that a family that reads signatures (metadata) and one that
must stop a table before them (convenio_asm) agree on what a title is.
"""

from __future__ import annotations

import regex

# the titles, as alternatives of a pattern (case-insensitive, without their period): licenciado/a,
# maestro/a, doctor/a, ingeniero, contador público, arquitecto, profesor/a, ciudadano, médico
# veterinario, licenciado en administración de empresas
PERSON_TITLES = r"lic|licda|mtro|mtra|dr|dra|ing|c\.?\s?p|arq|prof|profa|c|mvz|l\.?a\.?e"
# a title written as a word of its own, with its period: 'Licda.', 'CP.', 'C.P.', 'Dr.' (the
# period is required: 'Ing' or 'Dr' without it may be a piece of another word OCR split)
TITLE_WORD = regex.compile(rf"(?i)^(?:{PERSON_TITLES})\.$")


def is_title_word(word: str) -> bool:
    """'Licda.', 'Mtro.', 'C.P.': a person's title, as one word with its period."""
    return TITLE_WORD.match(word) is not None
