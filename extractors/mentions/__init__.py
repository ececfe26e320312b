"""The ``mentions`` family: what any document names, whatever its family.

``mentions.v2`` (v2.py) is the one the spec runs; ``mentions.v1`` (v1.py: links, dates and
amparos only) stays registered so an older run's extractor name still resolves.
"""

from .v1 import extract_v1
from .v2 import extract

__all__ = ["extract", "extract_v1"]
