"""People a document names, and the post printed next to them.

A run of capitalised words is a person's name when something around it says so, never by
its shape alone ('Toluca de Lerdo', 'Emiliano Zapata Salazar' in a running motto look the same):
- a title before it: 'Lic. Carol Berenice Arellano Rangel', 'las Dras. Karla López y Sandra
  Almengor' (a plural title opens two names);
- a post right after it, after a comma or on the next line: 'ROBERTO INDA GONZÁLEZ,
  SUBSECRETARIO DE PLANEACIÓN' (a party clause), 'HUGO AYALA RAMOS' / 'DIRECTOR DE EVALUACIÓN'
  (a signature block);
- a post in the next cell of its table row: 'Torres Santiago Ana Yarin<TAB>Coordinadora de
  Educación Cívica' (a score table).
Then every other printing of a name found so — words in another order, OCR damage ('Cupertino
Blancas Cortez' in the prose for 'Blanca Cortez Cuipertino' in the table) — is the same person.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from papeleo.text.bodies import CAPS_STOPS
from papeleo.text.normalize import fold, name_case
from papeleo.text.pagetext import line_start

from .rules import VOCABULARY

# 'Lic.', 'LICDA.', 'Mtra.', 'Dras.', 'CP.', 'LI.', 'C.' (ciudadano) (with their period), a degree's
# initials ('L.A.E.', 'M.V.Z.', 'Q.F.B.'), or the word in full: 'Licenciada', 'Maestro'
TITLE = regex.compile(
    r"(?<![\p{L}.])(?P<title>(?:lic|licda|licdo|mtro|mtra|dr|dra|dras|dres|drs|ing|arq|prof|profa|c\.\s?p|cp|li|lae|lcp|mvz|c)\."
    r"|licenciad[oa]s?|maestr[oa]s?|doctor(?:a|es|as)?|ingenier[oa]s?|(?-i:(?:\p{Lu}\.){2,4}))[ \t]+",
    regex.IGNORECASE,
)
PLURAL_TITLE = regex.compile(r"(?i)^(?:dras|dres|drs|licenciad[oa]s|maestr[oa]s|doctor(?:es|as)|ingenier[oa]s)\.?$")
# one word of a name: 'Díaz', 'GONZÁLEZ', "O'Farrill", 'Mora-Ruiz'
NAME_WORD = regex.compile(r"\p{Lu}[\p{L}'’-]*\p{L}")
PARTICLES = frozenset({"de", "del", "la", "las", "los"})
# a particle inside a name: 'Díaz de León', 'DÍAZ DE LEÓN'
PARTICLE = regex.compile(r"(?i)(?:del|de|las|los|la)(?=[ \t\n])")
# the gap between two words of a name: spaces on one line, or (after a title) one line break
SAME_LINE = regex.compile(r"[ \t]+")
ACROSS_LINE = regex.compile(r" *(?:\n[ \t]*)?")
MIN_NAME_WORDS = 2  # a given name and a surname
MAX_NAME_WORDS = 6  # 'Marlene Arisbe Mendoza Díaz de León' (particles not counted)
# a row's number before the name in its first cell: '1 Marlene Sepúlveda', '12. Ana Torres'
ROW_NUMBER = regex.compile(r"^\s*\d{1,3}[.)]?\s+(?=\p{Lu})")
# a cell of figures: '95.651', '9,583', '100', 'N/A'
FIGURE_CELL = regex.compile(r"^(?:\d[\d.,]*|N/?A)(?:\s|$)")
# a table row's first cell is a name with no post beside it only from this many words: two
# capitalised words open many rows ('Educación Cívica'), names in score tables run to three or more
MIN_ROW_NAME_WORDS = 3
# a cell boundary in a row whose cells a tab or a run of spaces separates
CELL_SPLIT = regex.compile(r"\t+|[ ]{2,}")
# a post continues on the next lines of a signature block for at most this many lines
MAX_POST_LINES = 4
# two printings of one name: each word of the shorter one this near a word of the other
SAME_NAME_WORD = 80.0

_cargo_alts = sorted({fold(c) for c in VOCABULARY["cargo_heads"]}, key=len, reverse=True)
# a post opens with one of these: 'SUBSECRETARIO DE ...', 'Coordinadora de Educación Cívica', 'Integrante'
CARGO_HEAD = regex.compile(r"^(?:" + "|".join(regex.escape(c) for c in _cargo_alts) + r")(?!\w)")
NOT_NAME = (
    frozenset(fold(w) for phrase in VOCABULARY["cargo_heads"] for w in phrase.split())
    | frozenset(fold(w) for phrase in VOCABULARY["body_heads"] for w in phrase.split())
    | frozenset(fold(w) for phrase in VOCABULARY["law_heads"] for w in phrase.split())
    | CAPS_STOPS
    | frozenset({"el", "en", "y", "e", "o", "u", "se", "que", "por", "para", "con", "al", "a", "estado", "gobierno"})
    | frozenset({"ciudad", "municipio", "republica", "mexico", "guatemala", "nacional", "estatal", "general"})
    # a zone, a partner's role, an ordinal: 'ZONA II HUITZILAPAN', 'Socio a cargo', 'Primera Visitadora'
    | frozenset({"zona", "socio", "socia", "primera", "primero", "segunda", "segundo", "tercera", "tercero"})
    | frozenset({"asuntos", "ii", "iii", "iv", "vi", "vii", "viii", "ix"})
    # a document's kind opens a title, never a name: 'Informe Excepcional' over a signature
    | frozenset({"informe", "acuerdo", "dictamen", "convenio", "oficio", "anexo", "programa", "reporte", "resultados"})
    # titles: 'Mtro' of 'Mtro. Efraín ...' in the next cell is no word of the name before it
    | frozenset({"lic", "licda", "licdo", "mtro", "mtra", "dr", "dra", "ing", "arq", "prof", "profa", "mvz"})
)


@dataclass
class Person:
    name: str  # as a reader writes it
    printed: str  # as printed
    start: int
    end: int
    cargo: str | None = None
    cell: bool = False  # read from a table row's cell (its name may wrap to the cell's next line)
    title_start: int | None = None  # where its title starts, when a title opens it


def _is_name_word(word: str) -> bool:
    return fold(word) not in NOT_NAME and len(word) > 1


def is_name_cell(cell: str) -> bool:
    """A cell that holds only words of a name ('Arturo Pedro', 'Karla'): the rest of one."""
    words = cell.split()
    return bool(words) and all(
        (NAME_WORD.fullmatch(w) and _is_name_word(w)) or (k and fold(w) in PARTICLES) for k, w in enumerate(words)
    )


def read_name(text: str, pos: int, gap: regex.Pattern = SAME_LINE) -> tuple[str, int] | None:
    """The name that starts at ``pos`` (its words and the particles between them) and where it
    ends; None when fewer than two name words start there."""
    words, end, cur, pending = [], pos, pos, []
    while len([w for w in words if fold(w) not in PARTICLES]) < MAX_NAME_WORDS:
        m = PARTICLE.match(text, cur) if words else None
        m = m or NAME_WORD.match(text, cur)
        low = m and fold(m.group(0))
        if m and low in PARTICLES and words:
            pending.append(m.group(0))
        elif m and _is_name_word(m.group(0)) and (not words or m.group(0).isupper() == words[0].isupper()):
            words.extend([*pending, m.group(0)])
            pending, end = [], m.end()
        else:
            break
        g = gap.match(text, m.end())
        if not g or not g.group(0):
            break
        cur = g.end()
    if len([w for w in words if fold(w) not in PARTICLES]) < MIN_NAME_WORDS:
        return None
    return text[pos:end], end


def tidy_name(name: str) -> str:
    words = name.replace("*", " ").split()
    return name_case(" ".join(words)) if all(w.isupper() for w in words if len(w) > 1) else " ".join(words)


def post_after(text: str, end: int) -> str | None:
    """The post printed right after a name: after a comma on its line, or on the next lines."""
    m = COMMA_POST.match(text, end)
    if m and CARGO_HEAD.match(fold(m.group(1))):
        post = POST_END.split(m.group(1))[0]
        return tidy_name(post.strip(" ,.:"))
    m = POST_BELOW.match(text, end)
    if not m:
        return None
    nxt = m.end()
    lines = []
    for _ in range(MAX_POST_LINES + 1):
        stop = text.find("\n", nxt)
        lines.append(text[nxt : stop if stop >= 0 else len(text)])
        if stop < 0:
            break
        nxt = stop + 1
    if not lines or not CARGO_HEAD.match(fold(lines[0].strip(" *"))) or _is_row(lines[0]):
        return None
    post = [lines[0].strip(" *")]
    caps = post[0].isupper()
    for line in lines[1 : MAX_POST_LINES + 1]:
        line = line.strip(" *")
        if not line or _is_row(line) or TITLE.search(line) or (caps and not line.isupper()):
            break
        if not caps and not (CARGO_HEAD.match(fold(line)) or fold(line.split()[0]) in PARTICLES):
            break
        post.append(line)
    return tidy_name(" ".join(post).strip(" ,.:"))


def _is_row(line: str) -> bool:
    """A line of a table (cells apart by a tab or a run of spaces), not a line of a post."""
    return CELL_SPLIT.search(line.strip()) is not None


def _cell_before(text: str, pos: int) -> str | None:
    """The post in the cell before a name on its row: 'Presidenta<TAB>Lic. Carol ...'."""
    before = text[line_start(text, pos) : pos]
    cells = CELL_SPLIT.split(before.strip())
    if len(cells) >= 1 and before.rstrip(" ").endswith("\t") and CARGO_HEAD.match(fold(cells[-1])):
        return tidy_name(cells[-1])
    return None


def titled_people(text: str) -> list[Person]:
    """'Lic. Marlene Arisbe Mendoza\\nDíaz de León', 'las Dras. Karla López y Sandra Almengor'."""
    out = []
    for t in TITLE.finditer(text):
        pos = t.end()
        while True:
            got = read_name(text, pos, ACROSS_LINE)
            if not got:
                break
            printed, end = got
            post = post_after(text, end) or _cell_before(text, t.start())
            out.append(Person(tidy_name(printed), printed, pos, end, post, title_start=t.start()))
            nxt = AND_NEXT.match(text, end)
            if not (PLURAL_TITLE.match(t["title"].strip()) and nxt):
                break
            pos = nxt.end()
    return out


# a post after a comma on the name's line or at the next line's start: ', SUBSECRETARIO DE PLANEACIÓN Y
# PRESUPUESTO Y LA SECRETARÍA', 'JORGE LUIS SANDOVAL GRANADOS,\nTITULAR DE LA UNIDAD'
COMMA_POST = regex.compile(r"\**[ \t]*,[ \t]*\n?[ \t]*([^\n;]+)")
# where such a post ends: before 'Y LA SECRETARÍA' (the clause's next party) or a semicolon
POST_END = regex.compile(r"\s+(?:y|Y)\s+(?=LA\s|EL\s|la\s|el\s)|;")
# a post on the next line, or the one after a blank line: 'HUGO AYALA RAMOS\nDIRECTOR DE ...'
POST_BELOW = regex.compile(r"\**[ \t]*\n(?:[ \t]*\n)?")
# the second of two names a plural title opens: 'Dras. Karla López *y* Sandra Almengor'
AND_NEXT = regex.compile(r"[ \t]+y[ \t]+")
WORD = regex.compile(r"\S+")
# the word before a run of capitals, on its line or the line before: 'ESTADO DE' / 'NUEVA CASTILLA'
WORD_BEFORE = regex.compile(r"(\S+)\s+$")
# one cell of a row: 'Torres Santiago Ana Yarin' in 'Torres Santiago Ana Yarin<TAB>Coordinadora ...'
CELL = regex.compile(r"[^\t]+?(?=\t|[ ]{2,}|$)")
# a run of two or more words in capitals: a name when a post follows it
CAPS_RUN = regex.compile(r"(?<![\p{L}])\p{Lu}{2,}[\p{Lu}'’-]*(?:[ \t]+\p{Lu}[\p{Lu}'’-]*)+")
# one word in capitals opening its line before a comma: a name's last word the line broke off
# ('REPRESENTADO POR EDUARDO ARCE' / 'SERRANO, TITULAR DEL ÓRGANO ...')
CAPS_WORD_OPENING_LINE = regex.compile(r"(?m)^\p{Lu}{2,}[\p{Lu}'’-]*(?=[ \t]*,)")
# the last words in capitals of the line before a run that opens its line: where a name broken
# by the line may start ('REPRESENTADA POR MARGARITA' / 'GALINDO SALGADO, SUBSECRETARIA DE ...')
CAPS_LINE_END = regex.compile(r"(?:\p{Lu}[\p{Lu}'’-]*[ \t]+){0,2}\p{Lu}[\p{Lu}'’-]*[ ]*\n[ ]*$")


# a name in name case opening its line, a comma and its post after it: 'Sandra Ramírez Maldonado, Auditora'
_MIXED_NAME = r"\p{Lu}\p{Ll}+(?:[ \t]+(?:(?:de|del|la|las|los)[ \t]+)*\p{Lu}\p{Ll}+){1,5}"
NAME_THEN_POST = regex.compile(rf"(?m)^[ \t]*(?P<name>{_MIXED_NAME})(?=[ \t]*,)")
# a post, a comma, a name and a comma in running text: 'El Encargado de turno, Raúl Coyoy, informó'
# (the name between commas found first, the post before it then: the posts' alternation is long)
NAME_BETWEEN_COMMAS = regex.compile(rf",[ \t]+(?P<name>{_MIXED_NAME}),")
_cargo = "|".join(regex.escape(c) for c in sorted(VOCABULARY["cargo_heads"], key=len, reverse=True))
POST_BEFORE_COMMA = regex.compile(rf"(?<![\p{{L}}])(?P<post>(?:{_cargo})(?:[ \t]+[\p{{L}}]+){{0,5}})$")


# a name in name case alone on its line, its post on the next: a signature without a title
NAME_LINE = regex.compile(rf"(?m)^[ \t]*(?P<name>{_MIXED_NAME})[ \t]*$")
# a form's fields: 'NOMBRE: Margarita Rangel Becerra' and, on a line after it, 'CARGO: Responsable de ...'
NAME_FIELD = regex.compile(r"(?im)^[ \t]*nombre(?:[ \t]+completo)?[ \t]*:[ \t]*")
POST_FIELD = regex.compile(r"(?im)^[ \t]*(?:cargo|puesto)[ \t]*:[ \t]*(?P<post>[^\n]+)")


def _is_whole_name(text: str, m: regex.Match) -> bool:
    """Whether a run of words in name case (``m``'s group 'name') reads as a person's name,
    whole: not a post's or a body's words ('Subsecretaria de Control', 'Dirección General')."""
    got = read_name(text, m.start("name"))
    return got is not None and got[1] == m.end("name") and not CARGO_HEAD.match(fold(m["name"]))


def posted_people(text: str) -> list[Person]:
    """Names a post follows: 'ROBERTO INDA GONZÁLEZ, SUBSECRETARIO DE ...', a signature block."""
    out = []
    for run in (*CAPS_RUN.finditer(text), *CAPS_WORD_OPENING_LINE.finditer(text)):
        start = run.start()
        if COMMA_POST.match(text, run.end()):
            broken = CAPS_LINE_END.search(text, max(0, start - 60), start)
            start = broken.start() if broken else start  # the name may begin on the line before
        before = WORD_BEFORE.search(text, max(0, start - 30), start)
        prev = before.group(1) if before else ""
        for w in WORD.finditer(text, start, run.end()):  # the name may start after 'REPRESENTADA POR'
            pos, before, prev = w.start(), prev, w.group(0)
            if fold(before) in PARTICLES:
                continue  # 'GOBIERNO DEL ESTADO DE LLANOS DEL NORTE': a place ending a longer name
            got = read_name(text, pos, ACROSS_LINE)
            if not got or got[1] > run.end():
                continue
            printed, end = got
            if end != run.end():
                continue
            post = post_after(text, end)
            if post:
                out.append(Person(tidy_name(printed), printed, pos, end, post))
            break
    for m in NAME_THEN_POST.finditer(text):  # 'Sandra Ramírez Maldonado, Auditora'
        post = post_after(text, m.end("name"))
        if post and _is_whole_name(text, m) and not any(p.start <= m.start("name") < p.end for p in out):
            out.append(Person(tidy_name(m["name"]), m["name"], m.start("name"), m.end("name"), post))
    for m in NAME_LINE.finditer(text):  # 'Gabriela Zelaya Rivas' / 'Socia Directora' (a signature)
        nxt = text[m.end() + 1 : text.find("\n", m.end() + 1) if text.find("\n", m.end() + 1) >= 0 else len(text)]
        if CARGO_HEAD.match(fold(nxt.strip())) and _is_whole_name(text, m):
            if not any(p.start <= m.start("name") < p.end for p in out):
                out.append(Person(tidy_name(m["name"]), m["name"], m.start("name"), m.end("name"), tidy_name(nxt)))
    for m in NAME_FIELD.finditer(text):  # 'NOMBRE: Margarita Rangel Becerra' / 'CARGO: Responsable de ...'
        got = read_name(text, m.end())
        if got and not any(p.start <= m.end() < p.end for p in out):
            post = POST_FIELD.search(text, got[1], min(len(text), got[1] + 120))
            cargo = tidy_name(post["post"]) if post else None
            out.append(Person(tidy_name(got[0]), got[0], m.end(), got[1], cargo))
    for m in NAME_BETWEEN_COMMAS.finditer(text):  # 'El Encargado de turno, Raúl Coyoy, informó'
        post = POST_BEFORE_COMMA.search(text, max(0, m.start() - 60), m.start())
        if post and _is_whole_name(text, m) and not any(p.start <= m.start("name") < p.end for p in out):
            out.append(Person(tidy_name(m["name"]), m["name"], m.start("name"), m.end("name"), tidy_name(post["post"])))
    for offset, line in _lines(text):
        if CELL_SPLIT.search(line):
            out.extend(row_people(offset, line))
    return out


def row_people(line_start: int, line: str) -> list[Person]:
    """Names in a table row: a cell that is a name with a post in the next cell ('Torres
    Santiago Ana Yarin<TAB>Coordinadora de ...'), or the post in its own cell after the name
    (the gap too narrow to tell), or a row's first cell of three or more name words followed by
    figures (a score table without posts: 'Ortega Medina Isidro<TAB>95.651<TAB>100.000')."""
    out: list[Person] = []
    cells = [(m.start(), m.group(0)) for m in CELL.finditer(line)]
    for k, (cpos, cell) in enumerate(cells):
        nxt = cells[k + 1][1].strip() if k + 1 < len(cells) else ""
        if out and out[-1].cargo and fold(out[-1].cargo) == fold(tidy_name(nxt)):
            continue  # a row's post is one person's: the cell between the two ('Altos de Acuña') a place
        lead = ROW_NUMBER.match(cell)
        cell_text = cell[lead.end() :].strip() if lead else cell.strip()
        got = read_name(cell_text, 0)
        if not got:
            continue
        start = line_start + cpos + (lead.end() if lead else len(cell) - len(cell.lstrip()))
        printed, end = got
        rest = cell_text[end:].strip()
        after = cells[k + 2][1].strip() if k + 2 < len(cells) else ""
        if not rest and nxt and CARGO_HEAD.match(fold(nxt)):
            out.append(Person(tidy_name(printed), printed, start, start + end, tidy_name(nxt), cell=True))
        elif not rest and k == 0 and after and CARGO_HEAD.match(fold(after)) and not FIGURE_CELL.match(nxt):
            # 'Hernández Pineda<TAB>Altos de<TAB>Coordinadora de ...': a place's cell between
            out.append(Person(tidy_name(printed), printed, start, start + end, tidy_name(after), cell=True))
        elif rest and CARGO_HEAD.match(fold(rest)):
            # 'Zárate Ibarra María Xóchitl Enlace de Alto Nivel': the gap between the two cells
            # too narrow to tell, the post's first word says where the name ends
            out.append(Person(tidy_name(printed), printed, start, start + end, tidy_name(rest), cell=True))
        elif not rest and k > 0 and CARGO_HEAD.match(fold(cells[k - 1][1].strip())) and is_name_cell(cell_text):
            # 'Analista de Vinculación<TAB>Arellano Ríos Alondra Lucía<TAB>10,000': the post first
            out.append(Person(tidy_name(printed), printed, start, start + end, tidy_name(cells[k - 1][1]), cell=True))
        elif (
            k == 0
            and not rest
            and len([w for w in printed.split() if fold(w) not in PARTICLES]) >= MIN_ROW_NAME_WORDS
            and any(FIGURE_CELL.match(c.strip()) for _, c in cells[1:])
        ):
            out.append(Person(tidy_name(printed), printed, start, start + end, None, cell=True))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def same_person(a: str, b: str) -> bool:
    """Two printings of one name: every word of the shorter near a word of the other."""
    wa = [w for w in fold(a).split() if w not in PARTICLES]
    wb = [w for w in fold(b).split() if w not in PARTICLES]
    short, long_ = sorted((wa, wb), key=len)
    if len(short) < MIN_NAME_WORDS or len(long_) - len(short) > 1:
        return False
    return all(max(fuzz.ratio(w, x) for x in long_) >= SAME_NAME_WORD for w in short)


# a run of capitalised words and the particles between them: 'Cupertino Blancas Cortez',
# 'Marlene Arisbe Mendoza Díaz de León'
CAPITALISED_RUN = regex.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}+(?:(?: +| *\n *)(?:(?:de|del|la|las|los) +)*\p{Lu}\p{Ll}+)+")


def known_people(text: str, known: list[str]) -> list[Person]:
    """Other printings of names already found: a run of name words that is the same person.
    Only names that share a word, as printed, with the run are compared (an index, so a page
    is not compared word by word with every name): a name whose every word OCR damaged in
    one of its printings is not linked."""
    out: list[Person] = []
    by_word: dict[str, list[str]] = {}
    for name in known:
        for w in set(fold(name).split()) - PARTICLES:
            by_word.setdefault(w, []).append(name)
    if not by_word:
        return out
    for m in CAPITALISED_RUN.finditer(text):
        got = read_name(text, m.start(), ACROSS_LINE)
        if not got:
            continue
        printed, end = got
        candidates = {k for w in fold(printed).split() for k in by_word.get(w, ())}
        match = next((k for k in known if k in candidates and same_person(printed, k)), None)
        if match:
            out.append(Person(match, printed, m.start(), end))
    return out
