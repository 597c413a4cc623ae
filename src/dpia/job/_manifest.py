"""The manifest of a run: every input's path and sha256, package versions, parameters, git commit
and start and end time, so an auditor can tie each figure to its inputs."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from dpia.load import Provenance

# The packages whose behaviour decides a figure in the report.
PACKAGES = (
    "dpia-workbench",
    "pandas",
    "presidio-analyzer",
    "spacy",
    "deduce",
    "python-stdnum",
    "great-expectations",
    "matplotlib",
    "jinja2",
    "pydantic",
    "pyarrow",
    "openpyxl",
    "pyspark",
    "charset-normalizer",
    "papermill",
    "nbclient",
    "nbconvert",
)
TIME_FIELDS = ("started", "finished")


def now() -> str:
    """The current UTC time, to the second, as the manifest writes it (``2026-11-29T09:44:58Z``,
    the form Great Expectations' Data Docs print too)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_commit(folder: Path) -> str | None:
    """The commit of the checkout ``folder`` lies in, when it is one and git is at hand."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) == 40 else None


def software() -> dict[str, Any]:
    """The workbench's version as the outputs record it: package versions and git commit."""
    return {"packages": package_versions(), "git_commit": git_commit(Path(__file__).parent)}


def build_manifest(
    *,
    provenance: Mapping[str, Provenance],
    register_path: Path,
    parameters: Mapping[str, Any],
    started: str,
    finished: str,
) -> dict[str, Any]:
    register_bytes = register_path.read_bytes()
    inputs = [
        {
            "path": name,
            "sha256": facts.sha256,
            "bytes": facts.bytes,
            "rows": facts.rows,
            "columns": facts.columns,
            "format": facts.format,
            "engine": facts.engine,
        }
        for name, facts in sorted(provenance.items())
    ]
    return {
        "inputs": inputs,
        "register": {
            "path": register_path.name,
            "sha256": hashlib.sha256(register_bytes).hexdigest(),
            "bytes": len(register_bytes),
        },
        **software(),
        "parameters": dict(sorted(parameters.items())),
        "started": started,
        "finished": finished,
    }
