"""On a terminal ``papeleo ingest`` shows a progress bar (documents done, pages OCR'd, the file
being read); elsewhere it writes plain log lines. Run under a real pseudo-terminal."""

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from helpers import ROOT


def _run_on_a_terminal(args: list[str], rows: int, columns: int) -> tuple[int, str]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "COLUMNS", "LINES")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "papeleo.cli", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("rows,columns", [(40, 160), (0, 0)], ids=["terminal", "terminal-reporting-no-size"])
def test_a_progress_bar_appears_on_a_terminal(tmp_path, rows, columns):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("uno.txt", "dos.txt", "tres.txt"):
        (inbox / name).write_text(f"{name}: ver www.ejemplo.org el 1 de enero de 2020\n", "utf-8")
    rc, screen = _run_on_a_terminal(["ingest", str(inbox), "--out", str(tmp_path / "out")], rows, columns)
    assert rc == 0, screen
    assert "3/3" in screen and "doc" in screen, screen  # tqdm's bar: documents done of total
    assert "OCR 0 p" in screen, screen  # pages OCR'd so far
    assert any(name in screen for name in ("uno.txt", "dos.txt", "tres.txt")), screen  # the file just done
    assert " INFO " not in screen  # no log lines tearing the bar
