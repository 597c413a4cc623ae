"""Shared by the benchmarks: one measurement per fresh process, so its peak memory is its own."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import Any


def in_fresh_process(script: str, *args: str) -> dict[str, Any]:
    """Run ``script --child ARGS`` and return the JSON object it prints."""
    command = [sys.executable, script, "--child", *args]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def peak_memory_mb() -> int:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
