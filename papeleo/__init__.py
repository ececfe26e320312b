"""papeleo: typed Parquet datasets from scanned and OCR'd accountability documents."""

__version__ = "0.1.0"
