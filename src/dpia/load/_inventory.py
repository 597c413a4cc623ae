"""What a data folder holds: the exports under it that the loader can read."""

from __future__ import annotations

import os
from pathlib import Path

from dpia.load._export import (
    SUPPORTED_SUFFIXES,
    bytes_sha256,
    dataset_digest,
    is_parquet_dir,
    parquet_parts,
)


def data_files(folder: Path) -> list[Path]:
    """Every loadable export under ``folder``, sorted; hidden files and folders are skipped.

    A directory named ``*.parquet`` (or ``*.pq``) is one export, a partitioned Parquet table
    (``dpia.load._export``): it is listed, the files under it are not; ``folder`` itself may be
    one.
    """
    if is_parquet_dir(folder):
        return [folder]
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        tables = [name for name in dirs if is_parquet_dir(here / name)]
        found += [here / name for name in tables]
        dirs[:] = [name for name in dirs if name not in tables]
        found += [
            here / name
            for name in files
            if not name.startswith(".")
            and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
            and (here / name).is_file()
        ]
    return sorted(found)


def file_sha256(path: Path) -> str:
    """The sha256 that names an input's exact version in outputs: a file's bytes, read in blocks;
    a partitioned Parquet directory's digest over its parts (``dpia.load._export``)."""
    if is_parquet_dir(path):
        return dataset_digest(parquet_parts(path))[0]
    return bytes_sha256(path)
