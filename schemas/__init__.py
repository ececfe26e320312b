"""Arrow schemas of papeleo's datasets (the contract in shared/CONTRACT.md), one module each.

Every public module here that defines ``DATASET`` is a dataset: adding a family's dataset
is adding ``schemas/<dataset>.py``, with nothing to register. The order (``documents``,
then the record datasets by name, then ``failures``) is the order of the data dictionary;
the store derives its own write order from each dataset's ``kind``.
"""

from __future__ import annotations

import importlib
import pkgutil

from ._base import KINDS, Dataset

_DOC_ORDER = {"documents": 0, "record": 1, "failures": 2}


def _discover() -> dict[str, Dataset]:
    found: list[Dataset] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "dictionary":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        dataset = getattr(module, "DATASET", None)
        if isinstance(dataset, Dataset):
            if dataset.name != info.name:
                raise ValueError(f"schemas/{info.name}.py declares dataset {dataset.name!r}; name the module after it")
            found.append(dataset)
    found.sort(key=lambda d: (_DOC_ORDER[d.kind], d.name))
    return {d.name: d for d in found}


DATASETS: dict[str, Dataset] = _discover()
RECORD_DATASETS: tuple[str, ...] = tuple(n for n, d in DATASETS.items() if d.kind == "record")
# A document's datasets are committed in this order: documents last, so a documents row
# means every other file of the document is in place.
WRITE_ORDER: tuple[str, ...] = tuple(n for kind in KINDS for n, d in DATASETS.items() if d.kind == kind)


def get(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}") from None
