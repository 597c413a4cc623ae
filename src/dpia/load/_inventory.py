"""What a data folder holds: the exports under it that the loader can read."""

from __future__ import annotations

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
