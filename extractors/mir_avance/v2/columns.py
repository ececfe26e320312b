"""Column heads of a MIR table -> what each column holds: ``[("prog", 3), ("alc", 3)]``.

Reports differ in every way a head can: 'Meta programada' over 'Primero … Cuarto' (grouped by
kind) or 'Ene-Mar' over 'Meta | Alc.' (grouped by quarter), 'T1' or '1er Trim.' or 'Ene-Mar',
'% de cumplimiento' first or last, extra columns anywhere. The shared table layer joins a
two-line head into one name per column ('Meta programada Primero', 'Ene-Mar Alc.'), so a name
is read as a sequence of labels — a kind of column, programado/alcanzado, a quarter — and the
labels are composed, whatever their order. Nothing is assumed about where a column is: what a
column holds comes from its own head, never from its position.

A head that names two columns ('3er Trim. Prog. Alc.', when the body left one of them empty
and the reader could not split them) gives both kinds; the row reader splits its values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from rapidfuzz import fuzz

from papeleo.text.normalize import LETTER_TO_DIGIT, fold

_DATA = json.loads(Path(__file__).with_name("columns.json").read_text(encoding="utf-8"))

# rapidfuzz ratio at or above which a head word is taken for a vocabulary word ('Periodicidacl',
# 'Alcanzaclo'): heads are few and their words distinct, so this is looser than in body text;
# lower lets 'meta' match 'mes' and 'real' match 'rea1' vs 'regla' ambiguities creep in
HEADER_MIN_RATIO = 82
# words shorter than this must match exactly: 'T1', 'No.', 'Alc' are too short to fuzz
MIN_FUZZY_LEN = 5
# an abbreviation ('alc.', 'prog.') this long or longer may match with one letter misread
MIN_ABBREVIATION_LEN = 4
# a word this long or longer inside a phrase whose other words match may have one letter
# misread ('Mcta anual'); shorter words ('de', 'al') carry too little to tell
MIN_ANCHORED_LEN = 3
# ... and two letters, in a phrase of three words or more (two words anchor it) and a word this
# long: 'Unidad de nsdida' (the MIR sample scan's page 2). Shorter, two letters are a third of the
# word, and 'de' plus one word anchors less than 'unidad de'
MIN_TWICE_ANCHORED_LEN = 6
# OCR reads a letter 'o' inside an ordinal as a zero ('2d0 Trim.'): read back before matching
ORDINAL_ZERO = regex.compile(r"(?<=\d[a-z])0\b")
# ... and loses the space between an ordinal and 'Trim.' ('2doTrim.', '1erTrim.': validation MIR
# scan 1020, read as 'Meta programada' with no quarter, the annual meta): put back
GLUED_TRIM = regex.compile(r"(?<=\d(?:er|do|ro|to|vo|o|a)\.?)(?=trim)")
# a generated name for a column without a head ('col14'): the table layer's convention
UNNAMED = regex.compile(r"^col\d+$")
# head words kept apart: 'Ene-Mar' stays one word, '(Objetivo)' loses its brackets
WORDS = regex.compile(r"[\p{L}\p{N}%][\p{L}\p{N}%.\-/]*")

NUMERIC = frozenset({"meta", "meta_modificada", "prog", "alc", "avance", "linea_base"})
# a quarter label of a head as printed ('T2', 't3') ...
CLEAN_T_LABEL = regex.compile(r"^[Tt][1-4]$")
# ... and as OCR damages it on a shaded head band: the T read as 7, 1, I, l or | ('71 T2 13 74':
# tesseract on a generated scan's 'T1 T2 T3 T4'), or the 1 as i, í, l, I or | ('Tí T2 T3 T4');
# taken for a quarter only beside a clean one
DAMAGED_T_LABEL = regex.compile(r"^[71Il|]([1-4])$|^T([iíIl|])$")
# ... or its digit as the shared look-alike table reads it ('TA' for T4, 'TZ' for T2)
DAMAGED_T_DIGIT = regex.compile(r"^T(\p{L})$")
# a quarter label damaged past what that pattern reads ('TS', '712' in 'T1 712 T3 T4', 'er' and
# '4Ato' in '4to er 2do 3er 4Ato' on degraded scans' heads) is read from its place in a run of
# quarters (_labels_read_from_their_run): a token of at most this many characters (longer would
# take a word such as 'Avance' that a head sets between two groups) ...
MAX_DAMAGED_LABEL_CHARS = 4
# ... on a line naming at least this many quarters (a head's quarter line; a commentary naming
# 'el primer y tercer trimestre' names two) ...
MIN_RUN_LABELS = 3
# ... is quarter k when the labels on both sides say so (k-1 before, k+1 after, a run restarting
# at 1 after 4), or when one side says so and the token is this much like one of k's forms
# ('er' ~ '1er' 80, '4ato' ~ '4to' 86; 'meta' or 'alc' beside a quarter score under 40)
RUN_LABEL_MIN_RATIO = 60


@dataclass(frozen=True)
class Label:
    kind: str  # a column kind, or "prog" / "alc" / "q"
    quarter: int | None = None
    start: int = 0
    end: int = 0


def _phrases() -> list[tuple[tuple[str, ...], str, int | None]]:
    out: list[tuple[tuple[str, ...], str, int | None]] = []
    for kind, phrases in _DATA["kinds"].items():
        out += [(tuple(WORDS.findall(p)), kind, None) for p in phrases]
    out += [(tuple(WORDS.findall(p)), "prog", None) for p in _DATA["programado"]]
    out += [(tuple(WORDS.findall(p)), "alc", None) for p in _DATA["alcanzado"]]
    for q, phrases in _DATA["quarters"].items():
        out += [(tuple(WORDS.findall(p)), "q", int(q)) for p in phrases]
    # longest first: 'meta anual' before 'meta', 'clave del indicador' before 'clave'
    return sorted(out, key=lambda p: -sum(len(w) for w in p[0]))


PHRASES = _phrases()
GROUP_ONLY_ALCANZADO = frozenset(" ".join(WORDS.findall(p)) for p in _DATA["alcanzado_solo_grupo"])


def group_name(text: str) -> str:
    """A group label as the columns under it read it: 'Avance' over quarters is 'Alcanzado'."""
    return "Alcanzado" if " ".join(WORDS.findall(fold(text))) in GROUP_ONLY_ALCANZADO else text


def _word_matches(vocab: str, word: str) -> bool:
    if vocab == word:
        return True
    if len(vocab) < MIN_FUZZY_LEN or len(word) < MIN_FUZZY_LEN:
        if vocab.rstrip(".") == word.rstrip("."):
            return True
        # an abbreviation keeps its point through OCR while a letter goes ('Ale.' for 'Alc.'):
        # one substitution in three or more letters, the point in place
        return (
            vocab.endswith(".")
            and word.endswith(".")
            and len(vocab) == len(word) >= MIN_ABBREVIATION_LEN
            and sum(a != b for a, b in zip(vocab, word)) == 1
        )
    return fuzz.ratio(vocab, word) >= HEADER_MIN_RATIO


def _phrase_matches(phrase: tuple[str, ...], words: list[str]) -> bool:
    """Every word matches; or, in a phrase of two words or more, all but one, and that one is
    a short word with one letter misread in place ('Mcta anual': the other words anchor it,
    where a lone 'Mcta' is too short to fuzz), two in a phrase of three words
    (MIN_TWICE_ANCHORED_LEN)."""
    misses = [(v, w) for v, w in zip(phrase, words) if not _word_matches(v, w)]
    if not misses:
        return True
    if len(phrase) < 2 or len(misses) > 1:
        return False
    v, w = misses[0]
    allowed = 2 if len(phrase) >= 3 and len(v) >= MIN_TWICE_ANCHORED_LEN else 1
    return len(v) == len(w) >= MIN_ANCHORED_LEN and 1 <= sum(a != b for a, b in zip(v, w)) <= allowed


def name_to_labels(name: str) -> list[Label]:
    """The labels a head prints, left to right; words no vocabulary knows are skipped."""
    return list(_name_to_labels(name))


# Memoised: the same head texts and words are asked about again and again while a page's head
# is found and read (2,926 calls for 5 text-layer MIR reports, 15% of their extraction time).
@lru_cache(maxsize=4096)
def _name_to_labels(name: str) -> tuple[Label, ...]:
    words = WORDS.findall(GLUED_TRIM.sub(" ", ORDINAL_ZERO.sub("o", fold(name))))
    labels: list[Label] = []
    i = 0
    while i < len(words):
        for phrase, kind, q in PHRASES:
            n = len(phrase)
            if i + n <= len(words) and _phrase_matches(phrase, words[i : i + n]):
                labels.append(Label(kind, q, i, i + n))
                i += n
                break
        else:
            i += 1
    return tuple(labels)


@lru_cache(maxsize=512)
def name_to_kinds(name: str) -> tuple[tuple[str, int | None], ...]:
    """What a column holds, from its head: ``(("prog", 1),)``, ``(("meta", None),)``,
    ``(("prog", 3), ("alc", 3))``, ``()`` when the head says nothing known.

    A quarter label applies to the programado/alcanzado labels of its name; a programado or
    alcanzado label with no quarter in the name is the period's (quarter None: the reported
    one). 'Meta' alone is the annual target."""
    labels = name_to_labels(name)
    quarters = [lb.quarter for lb in labels if lb.kind == "q"]
    q = quarters[-1] if quarters else None
    out: list[tuple[str, int | None]] = []
    for lb in labels:
        if lb.kind in ("prog", "alc"):
            if lb.kind == "prog" and q is None and not any(x.kind == "alc" for x in labels):
                # 'Meta' / 'Programado' with no quarter and no alcanzado beside it: the year's
                out.append(("meta", None))
            else:
                out.append((lb.kind, q))
        elif lb.kind != "q":
            out.append((lb.kind, None))
    if not out and quarters:
        # a quarter alone ('T1' under a group the reader did not join): nothing to say yet
        return ()
    # one kind per column once: 'Meta anual programada' is meta, not meta + prog
    seen: list[tuple[str, int | None]] = []
    for k in out:
        if k not in seen and not (k[0] == "prog" and any(s[0] == "meta" for s in seen) and k[1] is None):
            seen.append(k)
    return tuple(seen)


def repair_quarter_labels(tokens: list[str]) -> list[str]:
    """The tokens of one head line with OCR-damaged quarter labels read back: 'T'-labels ('71' ->
    'T1') when the line prints at least one clean one (without that, '13' is a number), then any
    label from the run of quarters it stands in."""
    out = tokens
    if any(CLEAN_T_LABEL.match(t) for t in tokens):
        out = [_t_label_read(t) for t in tokens]
    return _labels_read_from_their_run(out)


def _t_label_read(token: str) -> str:
    if q := damaged_t_quarter(token):
        return f"T{q}"
    if (m := DAMAGED_T_DIGIT.match(token)) and LETTER_TO_DIGIT.get(m.group(1)) in ("1", "2", "3", "4"):
        return f"T{LETTER_TO_DIGIT[m.group(1)]}"
    return token


def damaged_t_quarter(token: str) -> int | None:
    """The quarter of a 'T' label whose T or 1 OCR misread (``DAMAGED_T_LABEL``: '71' -> 1,
    '74' -> 4, 'Ti' -> 1), before anything says the token is a label at all."""
    if m := DAMAGED_T_LABEL.match(token):
        return int(m.group(1) or 1)
    return None


def _labels_read_from_their_run(tokens: list[str]) -> list[str]:
    """'T1 712 T3' -> 'T1 T2 T3', '4to er 2do' -> '4to T1 2do': a damaged quarter label read from
    the run of quarters it stands in (MAX_DAMAGED_LABEL_CHARS, MIN_RUN_LABELS, RUN_LABEL_MIN_RATIO)."""
    quarters = [quarter_of(t) for t in tokens]
    if sum(q is not None for q in quarters) < MIN_RUN_LABELS:
        return tokens
    out = list(tokens)
    for i, t in enumerate(tokens):
        if quarters[i] is not None or not t or len(t) > MAX_DAMAGED_LABEL_CHARS:
            continue
        before = quarters[i - 1] if i > 0 else None
        after = quarters[i + 1] if i + 1 < len(tokens) else None
        from_left = before % 4 + 1 if before else None
        from_right = after - 1 if after and after > 1 else None
        if from_left and from_right:
            if from_left == from_right:
                out[i] = f"T{from_left}"
        elif (k := from_left or from_right) and looks_like_quarter(t, k):
            out[i] = f"T{k}"
    return _gaps_counted(out)


# short words a head prints that are no quarter label: 'Avance %', 'Nivel MIR', 'U. de M.',
# 'Nombre del indicador' (stepped over when counting, so that 'MIR' is never read as a T1)
NOT_QUARTER_WORDS = frozenset(
    {"%", "mir", "de", "del", "la", "las", "los", "y", "a", "al", "en", "u.", "m.", "no.", "u", "m"}
)


def _gaps_counted(tokens: list[str]) -> list[str]:
    """Damaged labels read by counting: between two read quarters, or between a run's edge and
    one, exactly as many short unread tokens as quarters are missing ('El E $3 T4' -> 'T1 T2 T3
    T4', 'T2 = má' at the end -> 'T2 T3 T4'; block 6400-6449 scan 6420, whose shaded band lost
    five of eight labels). Longer words are group labels set among the quarters on a merged line
    and are stepped over; any other count leaves the gap as it is."""
    slots = [
        i
        for i, t in enumerate(tokens)
        if t
        and len(t) <= MAX_DAMAGED_LABEL_CHARS
        and fold(t) not in NOT_QUARTER_WORDS
        and t.strip("|¦")  # a Markdown or text table's cell separator
        and all(lb.kind == "q" for lb in name_to_labels(t))
    ]
    known = [(n, q) for n, i in enumerate(slots) if (q := quarter_of(tokens[i])) is not None]
    if len(known) < MIN_RUN_LABELS:
        return tokens
    out = list(tokens)

    def fill(first_slot: int, quarters: list[int]) -> None:
        for n, q in enumerate(quarters):
            out[slots[first_slot + n]] = f"T{q}"

    (n0, q0), (nl, ql) = known[0], known[-1]
    if n0 == q0 - 1:
        fill(0, list(range(1, q0)))
    elif len(lead := [k for k in range(n0) if WORDS.search(tokens[slots[k]])]) == q0 - 1:
        # before the run, a mark with no letter or digit is a speck of the column beside it (':'
        # read at 0.25 in 'Frecuencia : Ta 12 T3', generated scan 7068), where between two read
        # labels it is what OCR left of one ('T2 = má')
        for q, k in zip(range(1, q0), lead):
            out[slots[k]] = f"T{q}"
    for (na, a), (nb, b) in zip(known, known[1:]):
        missing = list(range(a + 1, b)) if b > a else [*range(a + 1, 5), *range(1, b)]
        if missing and nb - na - 1 == len(missing):
            fill(na + 1, missing)
    if len(slots) - nl - 1 == 4 - ql:
        fill(nl + 1, list(range(ql + 1, 5)))
    return out


@lru_cache(maxsize=4096)
def quarter_of(token: str) -> int | None:
    """The quarter a token names, if any. Memoised: every token of every line of a page goes
    through ``repair_quarter_labels`` and pages repeat their words."""
    return next((lb.quarter for lb in name_to_labels(token) if lb.kind == "q"), None)


def looks_like_quarter(token: str, k: int) -> bool:
    folded = fold(token)
    return any(fuzz.ratio(folded, form) >= RUN_LABEL_MIN_RATIO for form in _DATA["quarters"][str(k)] if len(form) <= 8)


def repair_quarter_labels_in_line(line: str) -> str:
    """``repair_quarter_labels`` on a line of OCR'd text, its spacing kept (cells are split on it)."""
    tokens = line.split()
    repaired = repair_quarter_labels(tokens)
    if repaired == tokens:
        return line
    it = iter(repaired)
    return regex.sub(r"\S+", lambda _: next(it), line)


def is_unnamed(name: str) -> bool:
    return not name.strip() or bool(UNNAMED.match(name.strip()))


def columns_to_kinds(names: tuple[str, ...]) -> list[tuple[tuple[str, int | None], ...]]:
    """Kinds of every column of a table. A head naming several numeric columns followed by
    columns with no head ('Oct-Dic Meta Alc.', 'col14') hands the extra kinds on to them: the
    reader put the sub-labels of two columns over the first."""
    kinds = [name_to_kinds(n) for n in names]
    for i in range(1, len(kinds)):
        # 'T1 Prog.' | 'Real': a sub-label whose quarter label the reader left on its neighbour
        (prev,), here = (kinds[i - 1] or ((None, None),))[-1:], kinds[i]
        # (not after a run of the neighbour's kind, 'T3 | T4' then 'Alcanzado': a head grouped
        # by kind, whose alcanzado lost its own label, takes no quarter from the programados)
        run = i >= 2 and any(k[0] == prev[0] for k in kinds[i - 2])
        if len(here) == 1 and here[0][0] in ("prog", "alc") and here[0][1] is None and not run:
            if prev[0] in ("prog", "alc") and prev[0] != here[0][0] and prev[1] is not None:
                kinds[i] = ((here[0][0], prev[1]),)
    for i, ks in enumerate(kinds):
        j = i + 1
        while len(ks) > 1 and j < len(kinds) and is_unnamed(names[j]) and not kinds[j]:
            kinds[i], kinds[j] = ks[:-1] if j == i + 1 else kinds[i], ()
            kinds[j] = (ks[-1],) if j == i + 1 else ()
            ks = kinds[i]
            j += 1
    return kinds


def is_mir_table(kinds: list[tuple[tuple[str, int | None], ...]]) -> bool:
    """A table is an indicator table when its heads name targets and results: at least one
    programado or meta column and one alcanzado or % column."""
    flat = {k for ks in kinds for k, _ in ks}
    return bool(flat & {"meta", "prog"}) and bool(flat & {"alc", "avance"})
