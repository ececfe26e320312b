"""Extractors by versioned name, spaCy-style.

A family extractor is a function ``Document -> Extraction`` registered under a name such as
``mir_avance.v1`` with the doc types it handles and the dataset it emits. The pipeline asks
the registry which extractors apply to a classified document, so adding a family is adding
a module to ``extractors/`` — nothing in ``flows/`` or the pipeline changes.

Versions matter because ``record_id`` is stable only "with the same extractor version": a
change that alters rows must bump the name (``.v2``) and register beside the old one.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .model import Document, Failure

log = logging.getLogger(__name__)

# "mir_avance.v1" -> family "mir_avance", version 1
_NAME = re.compile(r"^(?P<family>[a-z][a-z0-9_]*)\.v(?P<version>\d+)$")

ANY_DOC_TYPE = "*"


@dataclass
class Extraction:
    """What an extractor found in one document.

    ``records`` are rows of the extractor's dataset with the document's own columns plus
    the provenance it knows (``page``, ``confidence``, ``x0/top/x1/bottom`` when it has
    geometry). ``doc_id``, ``record_id`` and ``extractor`` are added by the pipeline.
    A record may carry ``_key`` (str) to pin its ``record_id``; otherwise its position is used.

    ``document`` holds values for the ``documents`` row (``emisor``, ``titulo``,
    ``clave_documento``, ``fecha_documento``) that this extractor could determine.
    """

    records: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


ExtractFn = Callable[[Document], Extraction]


@dataclass(frozen=True)
class ExtractorSpec:
    name: str
    doc_types: tuple[str, ...]
    dataset: str
    func: ExtractFn

    @property
    def family(self) -> str:
        return _NAME.match(self.name).group("family")  # type: ignore[union-attr]

    @property
    def version(self) -> int:
        return int(_NAME.match(self.name).group("version"))  # type: ignore[union-attr]

    def handles(self, doc_type: str) -> bool:
        return ANY_DOC_TYPE in self.doc_types or doc_type in self.doc_types


class UnknownExtractorError(KeyError):
    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


_REGISTRY: dict[str, ExtractorSpec] = {}


def register(name: str, *, doc_types: tuple[str, ...] | list[str], dataset: str) -> Callable[[ExtractFn], ExtractFn]:
    if not _NAME.match(name):
        raise ValueError(f"extractor name {name!r} must look like 'family.v1'")

    def decorate(func: ExtractFn) -> ExtractFn:
        existing = _REGISTRY.get(name)
        if existing is not None and existing.func is not func:
            # Re-importing the same module is harmless; two different functions under one
            # name would make record ids ambiguous.
            if existing.func.__qualname__ != func.__qualname__ or existing.func.__module__ != func.__module__:
                raise ValueError(f"extractor {name!r} is already registered by {existing.func.__module__}")
        _REGISTRY[name] = ExtractorSpec(name, tuple(doc_types), dataset, func)
        return func

    return decorate


def get(name: str) -> ExtractorSpec:
    load_extractors()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "(none)"
        raise UnknownExtractorError(f"unknown extractor {name!r}; known extractors: {known}") from None


def names() -> list[str]:
    load_extractors()
    return sorted(_REGISTRY)


def for_doc_type(doc_type: str) -> list[ExtractorSpec]:
    """The newest version of every family that handles ``doc_type``, in name order."""
    load_extractors()
    newest: dict[str, ExtractorSpec] = {}
    for spec in _REGISTRY.values():
        if spec.handles(doc_type):
            cur = newest.get(spec.family)
            if cur is None or spec.version > cur.version:
                newest[spec.family] = spec
    return [newest[f] for f in sorted(newest)]


_loaded = False
_load_errors: dict[str, str] = {}


def load_errors() -> dict[str, str]:
    """Extractor modules that failed to import, with the error: one broken family must not
    stop the others, but every document it would have handled must say so."""
    load_extractors()
    return dict(_load_errors)


def load_extractors(package: str = "extractors") -> None:
    """Import every module of the extractors package so their ``@register`` calls run."""
    global _loaded
    if _loaded:
        return
    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__, prefix=f"{package}."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # a bug in one family's module
            log.error("extractor module %s failed to import: %s", info.name, exc)
            _load_errors[info.name] = f"{type(exc).__name__}: {exc}"
    _loaded = True
    log.debug("extractors loaded: %s", ", ".join(sorted(_REGISTRY)))
