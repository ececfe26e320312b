"""The rows' keys across the document: a key printed twice, or out of the order the report
numbers its indicators in, says a row was read from somewhere else or under a misread code."""

from __future__ import annotations

from collections import Counter
from typing import Any

import regex

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
    (``OUT_OF_SEQUENCE``): which indicator its numbers belong to is in doubt."""
    codes = [
        tuple(int(x) for x in c.split(".")) if (c := r.get("clave")) and DOTTED_CODE.fullmatch(c) else None
        for r in records
    ]
    for i in codes_out_of_sequence(codes):
        r = records[i]
        before = next((records[j]["clave"] for j in range(i - 1, -1, -1) if codes[j]), None)
        after = next((records[j]["clave"] for j in range(i + 1, len(records)) if codes[j]), None)
        note = f"clave {r['clave']} fuera del orden de las claves vecinas ({before} … {after}): puede estar mal leída"
        add_flags(r, [f"{OUT_OF_SEQUENCE}=conflict"], note)
