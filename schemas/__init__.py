"""Arrow schemas of papeleo's datasets (the contract in shared/CONTRACT.md), one module each."""

from __future__ import annotations

from ._base import Dataset
from . import commitments, documents, failures, findings, indicators, mentions, scores

DATASETS: dict[str, Dataset] = {
    m.DATASET.name: m.DATASET
    for m in (documents, indicators, commitments, scores, findings, mentions, failures)
}
RECORD_DATASETS = ("indicators", "commitments", "scores", "findings", "mentions")


def get(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}") from None
