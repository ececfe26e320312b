"""metadata.v2's rule data (rules.json): posts, closings, labels and title words, loaded once."""

from __future__ import annotations

import json
from pathlib import Path

RULES = json.loads(Path(__file__).with_name("rules.json").read_text(encoding="utf-8"))
