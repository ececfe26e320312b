"""papeleo/, extractors/ and schemas/ must stay usable without prefect: the flow calls
the library, never the other way round."""

import ast
import subprocess
import sys

from helpers import ROOT

PACKAGES = ("papeleo", "extractors", "schemas")


def test_no_module_imports_prefect():
    offenders = []
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n == "prefect" or n.startswith("prefect.") for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"prefect imported in the library: {offenders}"


def test_importing_the_library_loads_no_prefect():
    code = (
        "import sys, papeleo.pipeline, papeleo.cli, papeleo.report, papeleo.registry as r, schemas; r.names();"
        "bad = [m for m in sys.modules if m == 'prefect' or m.startswith('prefect.')]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
