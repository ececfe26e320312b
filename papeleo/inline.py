"""What a self-contained HTML page needs to carry its own script and data safely (the review
page, the report): the data as JSON inside ``<script type="application/json">``, and the
hash that lets exactly that script run under a Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

# The JSON block must not be able to end the <script> element or open a comment inside it.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data: Any, *, default: Callable[[Any], Any] | None = None, allow_nan: bool = True) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    return json.dumps(data, ensure_ascii=False, default=default, allow_nan=allow_nan).translate(_JSON_ESCAPES)


def script_hash(script: str) -> str:
    """The CSP source that allows exactly ``script`` inline: ``'sha256-<base64>'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
