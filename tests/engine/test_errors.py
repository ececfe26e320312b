"""Every failure kind papeleo can write is declared in papeleo.errors, with advice."""

import ast

from helpers import ROOT
from papeleo.errors import ErrorKind, advice_for

SOURCES = ("papeleo", "extractors", "flows")


def _error_types_in_source() -> set[str]:
    """String literals passed as a failure's error_type: ``Failure(stage, "kind", ...)``,
    ``Failure(error_type="kind")``, ``_fail("kind", ...)``, ``FetchError("kind", ...)``,
    ``OcrOutcome(error_type="kind")``."""
    found: set[str] = set()
    for package in SOURCES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                for kw in node.keywords:
                    if (
                        kw.arg == "error_type"
                        and isinstance(kw.value, ast.Constant)
                        and isinstance(kw.value.value, str)
                    ):
                        found.add(kw.value.value)
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if name == "Failure" and len(args) >= 2:
                    found.add(args[1])
                elif name in ("_fail", "fail", "FetchError") and args:
                    found.add(args[0])
    return found


def test_every_error_type_written_is_declared_with_advice():
    used = _error_types_in_source()
    assert used, "the scan found no failures at all: the test is broken"
    declared = {k.value for k in ErrorKind}
    assert used <= declared, f"undeclared error types: {sorted(used - declared)}"
    for kind in ErrorKind:
        assert advice_for(kind.value) and kind.stage in ("fetch", "read", "classify", "extract", "validate", "write")


def test_an_unknown_kind_has_no_advice():
    assert advice_for("no_such_kind") is None
