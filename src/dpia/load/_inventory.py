"""What a data folder holds: the exports under it that the loader can read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dpia.load._export import SUPPORTED_SUFFIXES


def data_files(folder: Path) -> list[Path]:
    """Every loadable export under ``folder``, sorted; hidden files and folders are skipped."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks: how outputs name an input's exact version."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
