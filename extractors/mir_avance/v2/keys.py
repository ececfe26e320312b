"""The rows' keys across the document: a key printed twice, or out of the order the report
numbers its indicators in, says a row was read from somewhere else or under a misread code."""

from __future__ import annotations

from collections import Counter
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from papeleo.model import Document, Page
from papeleo.text.numbers import digit_lookalike_variants

from .record import add_flags

# a code or acronym printed on two rows of one report: an indicator is reported once, so one
# of the rows (or both) was read from somewhere else — commentary laid out like the table, a
# misread code, a fragment of a row — and which one holds the indicator's numbers is unknown
REPEATED_KEY = "clave_repetida"


def flag_repeated_keys(records: list[dict[str, Any]]) -> None:
    """Every row sharing its clave (or, with no clave, its siglas) with another row is flagged,
    all of them: the document does not say which is the indicator's."""
    keys = [
        ("clave", r["clave"]) if r.get("clave") else ("siglas", r["siglas"]) if r.get("siglas") else None
        for r in records
    ]
    seen = Counter(k for k in keys if k is not None)
    for r, key in zip(records, keys):
        if key is not None and seen[key] > 1:
            note = f"{key[0]} {key[1]} impresa en {seen[key]} filas: no se sabe cuál es la del indicador"
            add_flags(r, [f"{REPEATED_KEY}=conflict"], note)


# a code or acronym that breaks the order the report numbers its rows in ('3.1.7', then
# 'a.1.1.1' repaired to 3.1.1.1, then '3.1.8': the printed 3.1.7.1 with two characters misread;
# dev MIR OCR'd text 397, its numbers scored under 3.1.1.1 with no flag): the code is likely
# misread, and the row's numbers may belong to another indicator than the one it names
OUT_OF_SEQUENCE = "clave_fuera_de_secuencia"
# a dotted code: '3', '3.1.7.1' (the PbR's 'C1851.A1930' and SEVAC's 'E014' order otherwise)
DOTTED_CODE = regex.compile(r"\d+(?:\.\d+)*")
# the fewest dotted codes that make an order to break: with fewer, one misread code is as
# likely the right one as its neighbours
MIN_SEQUENCE = 4
# at most this many consecutive rows out of the order are misreads; a longer run is a second
# numbering (a report that starts its codes again for a second programme), not damage
MAX_OUT_OF_ORDER_RUN = 2


def codes_out_of_sequence(codes: list[tuple[int, ...] | None]) -> list[int]:
    """The positions of codes in no longest increasing run of the document's codes, in short
    runs (``MAX_OUT_OF_ORDER_RUN``). A code in some longest run is left alone: where two
    readings of the order are as long, nothing says which code is the misread one."""
    seq = [(i, c) for i, c in enumerate(codes) if c is not None]
    n = len(seq)
    if n < MIN_SEQUENCE:
        return []
    ending = [1] * n  # longest increasing run ending at k
    for k in range(n):
        for j in range(k):
            if seq[j][1] < seq[k][1]:
                ending[k] = max(ending[k], ending[j] + 1)
    starting = [1] * n  # ... and starting at k
    for k in reversed(range(n)):
        for j in range(k + 1, n):
            if seq[k][1] < seq[j][1]:
                starting[k] = max(starting[k], starting[j] + 1)
    longest = max(ending)
    outside = [k for k in range(n) if ending[k] + starting[k] - 1 < longest]
    runs: list[list[int]] = []
    for k in outside:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [seq[k][0] for run in runs if len(run) <= MAX_OUT_OF_ORDER_RUN for k in run]


def flag_keys_out_of_sequence(records: list[dict[str, Any]]) -> None:
    """Every row whose dotted code breaks the document's order is flagged on all its values
    (``OUT_OF_SEQUENCE``): which indicator its numbers belong to is in doubt — unless one digit
    OCR confuses, read as its look-alike, puts it in order (``_code_between``): then it is
    mended (``clave:corregido``, with the printed code in the note)."""
    codes = [
        tuple(int(x) for x in c.split(".")) if (c := r.get("clave")) and DOTTED_CODE.fullmatch(c) else None
        for r in records
    ]
    out = codes_out_of_sequence(codes)
    taken = {r.get("clave") for r in records}
    for i in out:
        r = records[i]
        j_before = next((j for j in range(i - 1, -1, -1) if codes[j] and j not in out), None)
        j_after = next((j for j in range(i + 1, len(records)) if codes[j] and j not in out), None)
        before = records[j_before]["clave"] if j_before is not None else None
        after = records[j_after]["clave"] if j_after is not None else None
        mended = _code_between(
            r["clave"],
            codes[j_before] if j_before is not None else None,
            codes[j_after] if j_after is not None else None,
        )
        if mended and mended not in taken:
            why = f"con un dígito que OCR confunde leído así, cabe en el orden de sus vecinas ({before} … {after})"
            _mend_code(r, mended, why, taken)
            continue
        # by its place only when the rows right above and below it print their codes: a row
        # between them whose code OCR lost may be the one the place calls for (dev MIR scan 545)
        adjacent = j_before == i - 1 and j_after == i + 1
        placed = _code_by_place(r["clave"], codes[i - 1], codes[i + 1], taken) if adjacent else None
        if placed:
            why = (
                f"es la única clave que sigue a {before} antes de {after} a {MAX_CODE_DIGIT_EDITS} dígito "
                "de lo impreso (OCR perdió o cambió un carácter)"
            )
            _mend_code(r, placed, why, taken)
            continue
        note = f"clave {r['clave']} fuera del orden de las claves vecinas ({before} … {after}): puede estar mal leída"
        add_flags(r, [f"{OUT_OF_SEQUENCE}=conflict"], note)


def _mend_code(r: dict[str, Any], mended: str, why: str, taken: set) -> None:
    """The row's code replaced by its mended reading, ``clave:corregido``, and the printed code
    with the reason in its note."""
    note = f"clave '{r['clave']}' leída como {mended}: {why}"
    r["clave"] = mended
    r["corrected"] = [*(r.get("corrected") or []), "clave:corregido"]
    r["comentario_extraccion"] = "; ".join(x for x in (r.get("comentario_extraccion"), note) if x)
    taken.add(mended)


def _code_between(code: str, before: tuple[int, ...] | None, after: tuple[int, ...] | None) -> str | None:
    """The one code that a single look-alike digit of ``code`` changed (``DIGIT_LOOKALIKES``:
    a mend taken only when it is the one code that fits between its neighbours and no other row
    prints it, '4.2.6.1.2.8' for 4.2.6.1.2.3 in new dev block 416) makes fall between the
    codes around it in the report's order (both of them known, and the code of the next
    row's depth or below: a sibling or a child of ``before``)."""
    if before is None or after is None:
        return None
    fits = set()
    for text in digit_lookalike_variants(code):
        if not DOTTED_CODE.fullmatch(text) or any(p.startswith("0") and len(p) > 1 for p in text.split(".")):
            continue
        value = tuple(int(x) for x in text.split("."))
        if before < value < after:
            fits.add(text)
    return fits.pop() if len(fits) == 1 else None


# A code out of order is read as the code its place calls for when their digits differ by at
# most this many characters: a dot OCR read as a digit or a digit it lost ('932.32' for
# 3.3.2.3.2, '32.34' for 3.3.2.3.4 between 3.3.2.3.3 and 3.3.2.4, dev MIR scan 544). Two would
# take two-digit numbers of the row read into the code's cell for codes.
MAX_CODE_DIGIT_EDITS = 1
# ... and only a code of at least this many digits: a one- or two-digit 'code' is as likely a
# number of the row as a code.
MIN_PLACED_CODE_DIGITS = 3


def _code_by_place(code: str, before: tuple[int, ...], after: tuple[int, ...], taken: set) -> str | None:
    """The code the row's place calls for, when its printed code is that code with one digit
    changed, lost or added (``MAX_CODE_DIGIT_EDITS``): the codes that can come next after
    ``before`` (its next sibling at any depth, its first child) or just before ``after`` (its
    parent, its previous sibling) and fall between the two, no other row's, the one nearest the
    printed digits, and only when no other is as near."""
    printed = regex.sub(r"\D", "", code)
    if len(printed) < MIN_PLACED_CODE_DIGITS:
        return None
    candidates = {before[: d - 1] + (before[d - 1] + 1,) for d in range(1, len(before) + 1)}
    candidates |= {before + (1,), after[:-1]}
    if after[-1] > 1:
        candidates.add(after[:-1] + (after[-1] - 1,))
    fits = [c for c in candidates if c and before < c < after and ".".join(map(str, c)) not in taken]
    scored = sorted((Levenshtein.distance(printed, "".join(map(str, c))), c) for c in fits)
    if not scored or scored[0][0] > MAX_CODE_DIGIT_EDITS or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return ".".join(map(str, scored[0][1]))


# a dotted code of another depth than the codes its nivel prints everywhere else in the report
# ('26' among actividades coded 5.5.5.1.1.1 to 5.5.5.1.1.17: a number of the row read into the
# code's column, generated MIR scan 6517): the row's numbers may belong to any indicator
OFF_DEPTH = "clave_profundidad"
# the fewest other codes of a nivel that make its depth, and the share of them that must agree:
# Fin may print 1 to 4 levels and a report may number two programmes differently, so a depth
# is the nivel's only when nearly all its codes print it; fewer would let two odd codes decide
MIN_DEPTH_CODES = 3
DEPTH_SHARE = 0.75


def flag_codes_off_depth(records: list[dict[str, Any]]) -> None:
    """Every row whose dotted code has another depth than nearly every other code of its nivel
    (``OFF_DEPTH``) is flagged on all its values: its code is likely not a code."""
    depth = [
        len(c.split(".")) if (c := r.get("clave")) and DOTTED_CODE.fullmatch(c) and r.get("nivel") else None
        for r in records
    ]
    for i, r in enumerate(records):
        if depth[i] is None:
            continue
        others = Counter(
            d for j, d in enumerate(depth) if d is not None and j != i and records[j]["nivel"] == r["nivel"]
        )
        if sum(others.values()) < MIN_DEPTH_CODES:
            continue
        usual, n = others.most_common(1)[0]
        if usual != depth[i] and n >= DEPTH_SHARE * sum(others.values()):
            note = f"clave {r['clave']} de {depth[i]} niveles; las demás claves de {r['nivel']} tienen {usual}"
            add_flags(r, [f"{OFF_DEPTH}=conflict"], note)


# a row with no code where every other row of its nivel prints one ('TUPCSA' between 4.1.3.2
# and 4.1.3.4, the printed 4.1.3.3 TVPCSA: OCR lost the code and misread the acronym at a
# confidence it was sure of, generated MIR scan 7106): which indicator its numbers belong to is
# in doubt. Only against a nivel's MIN_DEPTH_CODES coded rows and none uncoded: a report whose
# Fin or Propósito prints no code prints none on any of them
CODE_LOST = "clave_perdida"


def flag_codes_lost(records: list[dict[str, Any]]) -> None:
    """Every row with no code of a nivel whose other rows all print a dotted code, at least
    ``MIN_DEPTH_CODES`` of them, is flagged on all its values (``CODE_LOST``)."""
    coded = Counter(r.get("nivel") for r in records if (c := r.get("clave")) and DOTTED_CODE.fullmatch(c))
    uncoded = Counter(r.get("nivel") for r in records if not r.get("clave"))
    for r in records:
        nivel = r.get("nivel")
        if r.get("clave") or not nivel or uncoded[nivel] != 1 or coded[nivel] < MIN_DEPTH_CODES:
            continue
        note = f"sin clave, donde las demás filas de {nivel} la imprimen: puede ser de otro indicador"
        add_flags(r, [f"{CODE_LOST}=conflict"], note)


# a dotted code whose first levels differ from the stem nearly every code of the report shares
# ('4.2.8.6.2.7.1' among codes that all start 4.2.3.6: a 3 read as 8, dev MIR OCR'd text 204,
# where the order could not tell it from its neighbour): the row's numbers may be another's
OFF_STEM = "clave_fuera_de_tronco"
# the share of a report's codes that must share a stem for it to be the report's: a report that
# numbers two programmes has two stems, and then no code is doubted by this (lower would flag
# the second programme's rows); at least MIN_SEQUENCE codes
STEM_SHARE = 0.75


def flag_codes_off_stem(records: list[dict[str, Any]]) -> None:
    """Every row whose dotted code does not start with the stem (the levels of the report's
    shortest code) that at least STEM_SHARE of its codes share is flagged on all its values
    (``OFF_STEM``)."""
    codes = [c.split(".") if (c := r.get("clave")) and DOTTED_CODE.fullmatch(c) else None for r in records]
    dotted = [c for c in codes if c]
    if len(dotted) < MIN_SEQUENCE:
        return
    depth = min(len(c) for c in dotted)
    stems = Counter(tuple(c[:depth]) for c in dotted)
    stem, n = stems.most_common(1)[0]
    stroke_stem = (stem[0][1:], *stem[1:]) if len(stem[0]) > 1 and stem[0].startswith("1") else None
    if stroke_stem and stroke_stem in stems:
        # the report prints both '13.3…' and '3.3…': the ruling left of the code cells, read
        # as a 1 glued to most of them, explains both ('|3.3.2.2.2' -> '13.3.2.2.2' beside
        # '3.3.2.3', dev MIR scan 544); no misreading turns '3.3…' into '13.3…'. Each code
        # mended is marked and says why (_mend_code)
        stem, n = stroke_stem, n + stems[stroke_stem]
    if n < STEM_SHARE * len(dotted):
        return
    taken = {r.get("clave") for r in records}
    for r, c in zip(records, codes):
        if c and tuple(c[:depth]) != stem:
            mended = _without_ruling_stroke(c, stem, taken)
            if mended:
                why = f"su 1 inicial es el trazo de la regla de la celda (la clave empieza entonces como las demás, {'.'.join(stem)})"
                _mend_code(r, mended, why, taken)
                continue
            note = f"clave {r['clave']} no empieza como las demás claves del reporte ({'.'.join(stem)}): puede estar mal leída"
            add_flags(r, [f"{OFF_STEM}=conflict"], note)


def _without_ruling_stroke(code: list[str], stem: tuple[str, ...], taken: set) -> str | None:
    """The code without its first character when that is a 1 and the rest starts with the
    report's stem and is no other row's code: the ruling left of a left-aligned code cell, read
    as a stroke glued to it ('|2.5.5.2.1.2.2' -> '12.5.5.2.1.2.2', dev MIR scan 98, a ruled grid)."""
    first = code[0]
    if len(first) < 2 or not first.startswith("1"):
        return None
    mended = [first[1:], *code[1:]]
    text = ".".join(mended)
    if tuple(mended[: len(stem)]) != stem or text in taken:
        return None
    return text


# A row's name read by OCR with low confidence: tesseract's own doubt about the words that name
# the row. A name read wrong pairs the row's numbers with an indicator that does not exist or
# with another one ('PCEDMI1' at 0.18 for the printed acronym; 'ple' at 0.06 for 'UNIDAD MÓVIL
# CHICOMITLÁN'), so every value of the row is in doubt, whatever its own checks say.
ILLEGIBLE_KEY = "identificador_ilegible"
# The names doubted: an acronym, a unit's name. Not a dotted code: tesseract gives digits and
# dots low confidence even when it reads them right (generated MIR scans, report blocks 6400-
# 6449, 6550-6599 and 6650-6669: 84 of 1384 claves under 0.7, none of them misread), and a
# misread code has its own evidence, the report's order (OUT_OF_SEQUENCE).
DOUBTED_KEYS = ("siglas", "unidad")
# Mean word confidence under which a name is doubted. On those blocks, under 0.7: 13 unit
# names, 11 of them misread ('ple', 'AED', 'CENTRO REGIONAL CONO TAN'), and 8 acronyms, 1
# misread; above it the misread names are whole words read wrong or a name cut in two, which
# OCR is sure of. Higher flags more rows whose name is right (at 0.8: 37 rows for 15 misread);
# lower lets misread names through with their numbers unflagged.
KEY_CONFIDENCE_FLOOR = 0.7
# how far (PDF points) outside the row's box a key word may sit: the box is the union of the
# row's cells, and a key cell's words lie inside it but for rounding
KEY_BOX_SLACK = 2.0
# the punctuation an acronym or code is printed with ('PSAL:', 'PSAL=', '(C1851)')
KEY_PUNCT = ":=-.,;()[]"


def key_of(rec: dict[str, Any]) -> tuple[str, str] | None:
    """(field, value) of the field that names the row: clave, else siglas, else unidad."""
    for f in ("clave", "siglas", "unidad"):
        if rec.get(f):
            return f, str(rec[f])
    return None


def key_confidence(rec: dict[str, Any], page: Page) -> float | None:
    """Mean OCR confidence of the words that print the row's key, found on its page (inside
    the row's box when the row has one); None when the key's words are not found as words
    (a key rebuilt from pieces, a text layer's or plain text's page with no confidences)."""
    key = key_of(rec)
    if key is None:
        return None
    box = tuple(rec.get(k) for k in ("x0", "top", "x1", "bottom"))
    words = [w for w in page.words if w.bbox is not None]
    if None not in box:
        x0, top, x1, bottom = box
        words = [
            w
            for w in words
            if w.bbox.x0 >= x0 - KEY_BOX_SLACK
            and w.bbox.x1 <= x1 + KEY_BOX_SLACK
            and w.bbox.top >= top - KEY_BOX_SLACK
            and w.bbox.bottom <= bottom + KEY_BOX_SLACK
        ]
    found = []
    for token in (t.strip(KEY_PUNCT) for t in key[1].split()):
        if not token:
            continue
        hits = [w.confidence for w in words if token in w.text.strip(KEY_PUNCT)]
        exact = [w.confidence for w in words if w.text.strip(KEY_PUNCT) == token]
        if exact or hits:
            found.append(max(exact or hits))
    return sum(found) / len(found) if found else None


def flag_illegible_keys(records: list[dict[str, Any]], doc: Document) -> None:
    """Every row of an OCR'd page whose name's words OCR doubted (``DOUBTED_KEYS``,
    ``KEY_CONFIDENCE_FLOOR``) is flagged on all its values (``ILLEGIBLE_KEY``): which
    indicator they belong to is in doubt."""
    pages = {p.number: p for p in doc.pages if p.text_source == "ocr"}
    for r in records:
        page = pages.get(r.get("page"))
        key = key_of(r)
        if page is None or key is None or key[0] not in DOUBTED_KEYS:
            continue
        conf = key_confidence(r, page)
        if conf is not None and conf < KEY_CONFIDENCE_FLOOR:
            field, value = key
            note = f"{field} '{value}' (confianza del OCR {conf:.2f}): la fila puede ser de otro indicador"
            add_flags(r, [f"{ILLEGIBLE_KEY}=conflict"], note)
