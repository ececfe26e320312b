"""The output root: typed Parquet datasets, replaced one document at a time and compacted
into a few files per partition (see ``parquet_store``, ``layout``, ``journal``, ``compact``)."""

from .compact import Compaction
from .layout import SCHEMA_FILE
from .parquet_store import ParquetStore, UnknownDatasetError, source_key

__all__ = ["SCHEMA_FILE", "Compaction", "ParquetStore", "UnknownDatasetError", "source_key"]
