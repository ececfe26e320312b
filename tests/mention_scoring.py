"""Scoring of ``mentions`` rows against a hand-read golden (tests/families/mentions/goldens/).

A golden entry is found when some extracted row of its ``tipo`` matches its ``valor`` or one of
its ``also`` spellings: folded (accents, case, punctuation and spacing off), a person's words in
any order, a sum or a count by its number (and the count's unit). Precision is measured only on
the tipos the golden lists as ``complete``; a row matching a ``tolerated`` entry is not counted
(``prefix``: any value starting with it; ``within``: any value printed inside it).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import regex


def fold_value(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(regex.findall(r"[a-z0-9]+", text))


def _spellings(entry: dict) -> list[str]:
    return [entry["valor"], *entry.get("also", [])]


def _number(row: dict) -> float | None:
    return None if row.get("numero") is None else float(row["numero"])


def row_matches(entry: dict, row: dict, prefix: bool = False) -> bool:
    if row["tipo"] != entry["tipo"]:
        return False
    if entry.get("within"):  # tolerated: any value printed inside this text ('Jefa de *Departamento de X*')
        return fold_value(row["valor"]) in fold_value(entry["valor"])
    if entry["tipo"] == "cantidad":
        # the noun counted: 'servidoras y servidores' is counted by its first noun too
        units = {
            x for u in [entry["unidad"], *entry.get("also", [])] for x in (fold_value(u), fold_value(u).split(" ")[0])
        }
        return _number(row) == float(entry["valor"]) and fold_value(row.get("unidad") or "") in units
    if entry["tipo"] == "monto":
        return _number(row) == float(entry["valor"]) and row.get("moneda") == entry.get("moneda")
    got = fold_value(row["valor"])
    for s in _spellings(entry):
        want = fold_value(s)
        if got == want or (prefix and got.startswith(want)):
            return True
        if entry["tipo"] == "persona" and sorted(got.split()) == sorted(want.split()):
            return True
    return False


def score(golden: dict, rows: list[dict]) -> dict[str, dict]:
    """Per tipo: found/expected (recall), right/extracted on complete tipos (precision), and the
    misses and false rows by value, for the closing note."""
    out: dict[str, dict] = defaultdict(
        lambda: {
            "expected": 0,
            "found": 0,
            "extracted": 0,
            "right": 0,
            "missed": [],
            "wrong": [],
            "cargo_right": 0,
            "cargo_expected": 0,
        }
    )
    for entry in golden["mentions"]:
        s = out[entry["tipo"]]
        s["expected"] += 1
        hits = [r for r in rows if row_matches(entry, r)]
        if hits:
            s["found"] += 1
            if entry.get("cargo"):
                s["cargo_expected"] += 1
                posts = {fold_value(c) for c in entry["cargo"]}
                if any(fold_value(r.get("cargo") or "") in posts for r in hits):
                    s["cargo_right"] += 1
        else:
            s["missed"].append(entry["valor"])
    for tipo in golden.get("complete", []):
        s = out[tipo]
        for r in rows:
            if r["tipo"] != tipo:
                continue
            if any(row_matches(e, r) for e in golden["mentions"]):
                s["extracted"] += 1
                s["right"] += 1
            elif any(row_matches(t, r, prefix=t.get("prefix", False)) for t in golden.get("tolerated", [])):
                continue
            else:
                s["extracted"] += 1
                s["wrong"].append(r["valor"])
    for tipo, s in out.items():
        s["recall"] = s["found"] / s["expected"] if s["expected"] else None
        s["precision"] = (
            (s["right"] / s["extracted"] if s["extracted"] else None) if tipo in golden.get("complete", []) else None
        )
    return dict(out)


def load_golden(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))
