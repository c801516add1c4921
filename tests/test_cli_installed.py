"""The installed console command works (the four top-level packages are packaged)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _juesuan() -> str:
    exe = Path(sys.executable).parent / "juesuan"
    if exe.exists():
        return str(exe)
    found = shutil.which("juesuan")
    if not found:
        pytest.skip("the juesuan console command is not installed in this environment")
    return found


def test_installed_command_shows_help():
    out = subprocess.run([_juesuan(), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "Usage" in out.stdout and "read" in out.stdout


def test_installed_command_reads_the_seed(tmp_path):
    seed = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    out = subprocess.run([_juesuan(), "read", str(seed)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert '"format": "txt"' in out.stdout
