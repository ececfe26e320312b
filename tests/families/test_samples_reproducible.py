"""samples/ and their goldens (tests/families/<family>/goldens/samples/) are what
samples/make_samples.py makes: nobody edits a sample or a golden by hand, or writes a
program's output into one, without the generator agreeing."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_samples_regenerate_byte_for_byte():
    result = subprocess.run(
        [sys.executable, "samples/make_samples.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12 samples and 12 goldens are byte-identical" in result.stderr + result.stdout
