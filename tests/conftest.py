"""Fixtures shared by every test folder, and the environment tests run in. Plain helpers
(paths, ``make_page``) are in ``tests/helpers.py``."""

from __future__ import annotations

import os

import pytest

from helpers import ROOT, SAMPLES, SEEDS, make_document, make_page, requires_seeds  # noqa: F401  (re-exported for old imports)
from papeleo import registry
from papeleo.readers.cache import CACHE_DIR

os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    # each pytest-xdist worker its own Prefect home: two temporary servers on one SQLite
    # database would see each other's flow runs
    os.environ["PREFECT_HOME"] = os.path.join(os.environ["PREFECT_HOME"], worker)
    os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)  # Prefect's SQLite opens no missing folder
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Prefect logs "Stopping temporary server" at interpreter exit, after pytest has closed its
# captured streams; at WARNING that line is never emitted.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def read_root(tmp_path_factory):
    """One output root, and so one read cache, for every test that reads the same real files
    (../shared/realworld, the samples): a real scan is OCR'd once per session, not once per test
    module (three modules read camp_itse_asm_2018.pdf, about 50 s each). The cache is keyed by
    the file's bytes, the reader version and the read settings, so a hit is what a fresh read
    with the same settings gives. Under pytest-xdist each worker keeps its own output root (the
    store has one writer: a second worker's ``prepare`` would discard the first one's unfinished
    writes) but its read cache is one folder for all workers, whose entries the cache writes
    atomically: a file one worker OCR'd is a hit for the other."""
    root = tmp_path_factory.mktemp("reads")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "shared_reads"
        shared.mkdir(exist_ok=True)
        (root / CACHE_DIR).parent.mkdir(parents=True)
        (root / CACHE_DIR).symlink_to(shared, target_is_directory=True)
    return root


@pytest.fixture
def probe_family(monkeypatch):
    """Add a family to a copy of the default registry for one test:
    ``probe_family(name, func, dataset=..., doc_types=...)``. The real families stay."""
    monkeypatch.setattr(registry, "_FUNCS", dict(registry._FUNCS))
    reg = registry.Registry(registry.default_registry().package)
    monkeypatch.setattr(registry, "_default", reg)

    def add(name: str, func, dataset: str = "mentions", doc_types: tuple[str, ...] = ("*",)) -> registry.FamilySpec:
        family, _ = registry.parse_name(name)
        spec = registry.FamilySpec(
            family=family, runs=name, doc_types=doc_types, dataset=dataset, package=f"probe.{family}"
        )
        reg.add_spec(spec)
        reg.register_func(name, func)
        return spec

    return add
