"""What every stage and extractor is handed besides the document: the run's settings and
the process's one spaCy ``Language``.

Extractors used to reach for module-global caches (a spaCy pipeline here, a matcher
there); now they get a ``Context``. One ``Language`` per process matters because
``spacy.blank("es")`` costs ~0.3 s and its vocabulary grows with every document: the
classifier's Matcher and every family's rule components share it. Contexts are cached per
process and settings (``process_context``) because a Prefect or Dask worker rebuilds its
context from the settings it was sent — the ``Language`` itself never crosses a process.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Any

from .http_get import FetchLimits
from .readers import ReadSettings


@dataclass(frozen=True)
class Settings:
    """Limits and options of one run; plain values so they travel to workers as JSON."""

    max_pages: int = 300  # a document with more pages is not read (too_many_pages)
    timeout_s: float = 900.0  # wall-clock limit to read one document (read_timeout)
    dpi: int = 300  # OCR resolution: 150 dpi lost half the numbers of a ruled table
    ocr_workers: int | None = None  # None: one OCR process per core
    use_cache: bool = True  # reuse a document already read (same bytes, same reader version)
    fetch_max_mb: float = 100.0  # a download larger than this is refused (too_large); bounds disk and time
    fetch_timeout_s: float = 120.0  # one download attempt's whole time; a slow portal gets retried, then a failure
    # reviewer decisions files given on the command line (those in <out>/_decisions are found
    # by the document processes themselves); never part of read_settings or a cache key: a
    # decision changes a value after extraction, not what is read
    decisions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # a list arrives from JSON (a worker's settings dict, a flow parameter); the settings
        # key the per-process contexts, so they must stay hashable
        object.__setattr__(self, "decisions", tuple(self.decisions or ()))

    def read_settings(self) -> ReadSettings:
        return ReadSettings(
            max_pages=self.max_pages, timeout_s=self.timeout_s, dpi=self.dpi, ocr_workers=self.ocr_workers
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_pages": self.max_pages,
            "timeout_s": self.timeout_s,
            "dpi": self.dpi,
            "ocr_workers": self.ocr_workers,
            "use_cache": self.use_cache,
            "fetch_max_mb": self.fetch_max_mb,
            "fetch_timeout_s": self.fetch_timeout_s,
            "decisions": list(self.decisions),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """The settings ``to_dict`` gave (a worker's copy)."""
        return cls(**data)

    def fetch_limits(self) -> FetchLimits:
        return FetchLimits(max_bytes=int(self.fetch_max_mb * 1024 * 1024), timeout_s=self.fetch_timeout_s)


@dataclass
class Context:
    settings: Settings = field(default_factory=Settings)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _nlp: Any = field(default=None, repr=False)

    @property
    def nlp(self) -> Any:
        """``spacy.blank("es")``, built on first use (text-only runs that never classify
        fuzzy evidence still pay nothing) and shared by every thread of the process."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = _blank_spanish()
        return self._nlp


@functools.lru_cache(maxsize=1)
def _blank_spanish() -> Any:
    import spacy

    return spacy.blank("es")


_contexts: dict[Settings, Context] = {}
_contexts_lock = threading.Lock()


def process_context(settings: Settings | None = None) -> Context:
    """The context of this process for ``settings`` (built once, then shared)."""
    settings = settings or Settings()
    with _contexts_lock:
        ctx = _contexts.get(settings)
        if ctx is None:
            ctx = _contexts[settings] = Context(settings)
        return ctx
