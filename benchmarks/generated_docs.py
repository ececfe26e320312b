"""What the per-family benchmarks on generated documents share: which seeds, making sure each
document is on disk with its truth, and running the per-document scoring.

Imported by ``asm_generated.py``, ``findings_generated.py``, ``mir_generated.py`` and
``scores_generated.py`` after they put ``samples/`` on ``sys.path``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generate import parse_seeds

from gen import FAMILIES
from gen._generated import doc_name

__all__ = ["ensure_generated", "parse_seeds", "run_jobs"]


def ensure_generated(family: str, seed: int, out: Path, forms: Sequence[str]) -> None:
    """Generate whichever forms of ``seed`` are not in ``out`` yet, with the truth."""
    package = next(f for f in FAMILIES if f.FAMILY == family)
    truth_path = out / f"{family}_s{seed:05d}.truth.json"
    missing = [f for f in forms if not (out / doc_name(family, seed, f)).exists()]
    if missing or not truth_path.exists():
        package.generate(seed, out, missing or list(forms)).write_truth(out)


def run_jobs(score_one: Callable[[Any], dict], jobs: list, workers: int) -> list[dict]:
    """Each job scored, in this process with one worker: the OCR readers start their own pool
    of workers, and a pool started inside a pool's child hung (it has the machine to itself
    anyway); with more, in a process pool."""
    if workers <= 1:
        return [score_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(score_one, jobs))
