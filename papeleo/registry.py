"""Families and their extractors, spaCy-style: static specs and versioned names.

A family is a package ``extractors/<family>/`` with a ``spec.json`` beside its code::

    {"family": "mir_avance", "runs": "mir_avance.v1", "doc_types": ["mir_avance"],
     "dataset": "indicators", "description": "...", "classify": {"evidence": [...]}}

The spec is read *without importing the family's code*, so the engine knows every doc
type, dataset and piece of classification evidence even when a family's module is broken
— and then only that family's documents get ``extractor_unavailable``. The code registers
its functions under versioned names (``@register("mir_avance.v1")``) when the package is
imported, lazily, the first time a document of the family needs it. ``runs`` names the
version that extracts; older versions stay registered beside it for comparison and diffs.
Generic extractors (``metadata``, ``mentions``) declare ``"doc_types": ["*"]``.

Versions matter because ``record_id`` is stable only "with the same extractor version": a
change that alters rows must bump the name (``.v2``) and register beside the old one.

The plugin package is ``extractors`` unless ``PAPELEO_EXTRACTORS`` names another; the
engine finds it on ``sys.path`` by name and never imports it statically.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Failure

if TYPE_CHECKING:
    from .context import Context

log = logging.getLogger(__name__)

# "mir_avance.v1" -> family "mir_avance", version 1
_NAME = re.compile(r"^(?P<family>[a-z][a-z0-9_]*)\.v(?P<version>\d+)$")

ANY_DOC_TYPE = "*"
UNKNOWN_DOC_TYPE = "unknown"
SPEC_FILE = "spec.json"
DEFAULT_PACKAGE = "extractors"


@dataclass
class Extraction:
    """What an extractor found in one document.

    ``records`` are rows of the family's dataset with the document's own columns plus the
    provenance it knows (``page``, ``confidence``, ``x0/top/x1/bottom`` when it has
    geometry). ``doc_id``, ``record_id`` and ``extractor`` are added by the pipeline. A
    record may carry ``_key`` (str) to pin its ``record_id``; otherwise its position is used.

    ``document`` holds values for the ``documents`` row (``emisor``, ``titulo``,
    ``clave_documento``, ``fecha_documento``) that this extractor could determine.
    """

    records: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


ExtractFn = Callable[[Document, "Context"], Extraction]


@dataclass(frozen=True)
class FamilySpec:
    """A family as ``spec.json`` declares it."""

    family: str
    # the versioned name that extracts, e.g. "mir_avance.v1"; None for a family that is
    # classified (its doc type is known) but has no extractor yet
    runs: str | None
    doc_types: tuple[str, ...]
    dataset: str
    description: str = ""
    evidence: tuple[dict[str, Any], ...] = ()
    package: str = ""  # importable module name, e.g. "extractors.mir_avance"
    # the columns of the family's dataset that say which fiscal year a document reports on, in
    # order of preference (documents.ejercicio, and the store's year= partition folder)
    year_from: tuple[str, ...] = ()

    @property
    def generic(self) -> bool:
        return ANY_DOC_TYPE in self.doc_types

    def handles(self, doc_type: str) -> bool:
        return self.generic or doc_type in self.doc_types


@dataclass(frozen=True)
class Extractor:
    name: str
    func: ExtractFn
    spec: FamilySpec

    @property
    def family(self) -> str:
        return parse_name(self.name)[0]

    @property
    def version(self) -> int:
        return parse_name(self.name)[1]

    @property
    def dataset(self) -> str:
        return self.spec.dataset

    @property
    def doc_types(self) -> tuple[str, ...]:
        return self.spec.doc_types


class UnknownExtractorError(KeyError):
    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class SpecError(ValueError):
    """A family's spec.json is missing a key or contradicts itself."""


def parse_name(name: str) -> tuple[str, int]:
    m = _NAME.match(name)
    if not m:
        raise ValueError(f"extractor name {name!r} must look like 'family.v1'")
    return m.group("family"), int(m.group("version"))


def dict_to_spec(data: dict[str, Any], package: str) -> FamilySpec:
    missing = [k for k in ("family", "runs", "doc_types", "dataset") if k not in data]
    if missing:
        raise SpecError(f"{package}/{SPEC_FILE} lacks {', '.join(missing)}")
    family = parse_name(data["runs"])[0] if data["runs"] is not None else data["family"]
    if family != data["family"]:
        raise SpecError(f"{package}/{SPEC_FILE}: runs {data['runs']!r} is not a version of family {data['family']!r}")
    return FamilySpec(
        family=data["family"],
        runs=data["runs"],
        doc_types=tuple(data["doc_types"]),
        dataset=data["dataset"],
        description=data.get("description", ""),
        evidence=tuple(data.get("classify", {}).get("evidence", ())),
        package=package,
        year_from=tuple(data.get("year_from", ())),
    )


def package_dir(package: str) -> Path | None:
    """Where ``package`` lives, found without executing it."""
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return None
    return Path(next(iter(found.submodule_search_locations)))


def discover_specs(package: str) -> dict[str, FamilySpec]:
    """Every ``<package>/<family>/spec.json``, by family name, in name order."""
    root = package_dir(package)
    if root is None:
        raise ModuleNotFoundError(f"the extractors package {package!r} is not importable (is the project installed?)")
    specs: dict[str, FamilySpec] = {}
    for spec_path in sorted(root.glob(f"*/{SPEC_FILE}")):
        spec = dict_to_spec(json.loads(spec_path.read_text("utf-8")), f"{package}.{spec_path.parent.name}")
        if spec.family in specs:
            raise SpecError(f"family {spec.family!r} is declared twice ({specs[spec.family].package}, {spec.package})")
        specs[spec.family] = spec
    return specs


# Extract functions by versioned name, process-wide like spaCy's registry: a name means one
# function whichever Registry (plugin package) imported the code that registered it.
_FUNCS: dict[str, ExtractFn] = {}
_FUNCS_LOCK = threading.Lock()


def register_func(name: str, func: ExtractFn) -> None:
    parse_name(name)
    with _FUNCS_LOCK:
        existing = _FUNCS.get(name)
        if existing is not None and (existing.__module__, existing.__qualname__) != (
            func.__module__,
            func.__qualname__,
        ):
            raise ValueError(
                f"extractor {name!r} is already registered by {existing.__module__}.{existing.__qualname__}"
            )
        _FUNCS[name] = func


class Registry:
    """Specs found on disk, implementations registered by the families' code."""

    def __init__(self, package: str = DEFAULT_PACKAGE) -> None:
        self.package = package
        self._specs: dict[str, FamilySpec] | None = None
        self._imported: set[str] = set()
        self._errors: dict[str, str] = {}  # family -> why its code could not be imported
        self._lock = threading.RLock()

    @property
    def _funcs(self) -> dict[str, ExtractFn]:
        return _FUNCS

    # -- specs (no family code imported)
    def specs(self) -> dict[str, FamilySpec]:
        with self._lock:
            if self._specs is None:
                self._specs = discover_specs(self.package)
            return self._specs

    def add_spec(self, spec: FamilySpec) -> None:
        """For tests and embedders: a family that has no spec.json on disk."""
        with self._lock:
            self.specs()[spec.family] = spec
            self._imported.add(spec.family)

    def doc_types(self) -> list[str]:
        """Every doc type a family declares, plus ``unknown``."""
        types = {t for s in self.specs().values() for t in s.doc_types if t != ANY_DOC_TYPE}
        return sorted(types) + [UNKNOWN_DOC_TYPE]

    def evidence(self) -> dict[str, tuple[dict[str, Any], ...]]:
        """Classification evidence per doc type, from the specs that declare some."""
        out: dict[str, tuple[dict[str, Any], ...]] = {}
        for spec in self.specs().values():
            if spec.evidence:
                for doc_type in spec.doc_types:
                    out[doc_type] = out.get(doc_type, ()) + spec.evidence
        return out

    # -- code
    def register_func(self, name: str, func: ExtractFn) -> None:
        register_func(name, func)

    def import_family(self, family: str) -> str | None:
        """Import the family's package so its ``@register`` calls run; the error, or None."""
        with self._lock:
            if family in self._imported:
                return self._errors.get(family)
            spec = self.specs().get(family)
            self._imported.add(family)
            if spec is None:
                return None
            if spec.runs is None:
                return None
            try:
                importlib.import_module(spec.package)
            except Exception as exc:  # a bug in one family's code must not stop the others
                log.error("extractor package %s failed to import: %s", spec.package, exc)
                self._errors[family] = f"{type(exc).__name__}: {exc}"
            else:
                if spec.runs not in self._funcs:
                    self._errors[family] = f"{spec.package} does not register {spec.runs!r}, which its spec says runs"
            return self._errors.get(family)

    def extractor(self, name: str) -> Extractor:
        family, _ = parse_name(name) if _NAME.match(name) else (name, 0)
        if family in self.specs():
            self.import_family(family)
        func = self._funcs.get(name)
        spec = self.specs().get(family)
        if func is None or spec is None:
            known = ", ".join(self.names()) or "(none)"
            if spec is not None and family in self._errors:
                # the family exists but its code did not load: say why, not that the name is unknown
                raise UnknownExtractorError(
                    f"extractor {name!r} could not be loaded: {spec.package} failed to import "
                    f"({self._errors[family]}); known extractors: {known}"
                )
            raise UnknownExtractorError(f"unknown extractor {name!r}; known extractors: {known}")
        return Extractor(name, func, spec)

    def names(self) -> list[str]:
        for family in self.specs():
            self.import_family(family)
        return sorted(n for n in self._funcs if parse_name(n)[0] in self.specs())

    def for_doc_type(self, doc_type: str) -> tuple[list[Extractor], dict[str, str]]:
        """The running extractor of every family that handles ``doc_type`` (generic ones
        first, then by name), and the families among them whose code could not be loaded."""
        chosen: list[Extractor] = []
        errors: dict[str, str] = {}
        specs = sorted(self.specs().values(), key=lambda s: (not s.generic, s.family))
        for spec in specs:
            if not spec.handles(doc_type) or spec.runs is None:
                continue
            error = self.import_family(spec.family)
            func = self._funcs.get(spec.runs)
            if error is not None or func is None:
                errors[spec.family] = error or f"{spec.runs} is not registered"
                continue
            chosen.append(Extractor(spec.runs, func, spec))
        return chosen, errors

    def load_errors(self) -> dict[str, str]:
        return dict(self._errors)


_default: Registry | None = None
_default_lock = threading.Lock()


def default_registry() -> Registry:
    global _default
    with _default_lock:
        if _default is None:
            _default = Registry(os.environ.get("PAPELEO_EXTRACTORS", DEFAULT_PACKAGE))
        return _default


def register(name: str, **_declared_in_spec: Any) -> Callable[[ExtractFn], ExtractFn]:
    """Decorator for a family's extract function: ``@register("mir_avance.v1")``. Doc types
    and dataset belong in the family's spec.json; keyword arguments are ignored."""
    parse_name(name)

    def decorate(func: ExtractFn) -> ExtractFn:
        register_func(name, func)
        return func

    return decorate


def get(name: str) -> Extractor:
    return default_registry().extractor(name)


def names() -> list[str]:
    return default_registry().names()


def for_doc_type(doc_type: str) -> tuple[list[Extractor], dict[str, str]]:
    return default_registry().for_doc_type(doc_type)


def doc_types() -> list[str]:
    return default_registry().doc_types()


def specs() -> dict[str, FamilySpec]:
    return default_registry().specs()
