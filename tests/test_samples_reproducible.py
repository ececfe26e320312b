"""samples/ and their goldens are what samples/make_samples.py makes: nobody edits a
sample or a golden by hand without the generator agreeing."""

import subprocess
import sys

from conftest import ROOT


def test_samples_regenerate_byte_for_byte():
    result = subprocess.run([sys.executable, "samples/make_samples.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
