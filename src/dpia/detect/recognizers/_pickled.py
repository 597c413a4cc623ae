"""Word lists built once per environment and kept as a pickle: building Deduce's lookup sets or
Faker's name lists takes about 0.25 s each, loading the pickle about 0.04 s.

The file is keyed by the versions of the packages the lists come from and by the source of the
module that builds them, so a new list or a changed rule is a new file. It is written to a
temporary sibling and renamed, so a concurrent process never reads half a file; a file that cannot
be read or written is rebuilt (or not kept) without a word. The folder is ``$DPIA_CACHE_DIR``,
else ``$XDG_CACHE_HOME/dpia``, else ``~/.cache/dpia``, as for the spaCy pipelines.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _folder() -> Path:
    explicit = os.environ.get("DPIA_CACHE_DIR")
    if explicit:
        return Path(explicit) / "lists"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dpia" / "lists"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def pickled(
    name: str, sources: tuple[Path, ...], distributions: tuple[str, ...], build: Callable[[], T]
) -> T:
    """``build()``, or the pickle of an earlier ``build()`` with the same ``sources`` (the files
    of the code that builds it) and ``distributions`` (the installed versions of its data)."""
    key = hashlib.sha256()
    for source in sources:
        key.update(source.read_bytes())
    for distribution in distributions:
        key.update(f"{distribution}={_version(distribution)}".encode())
    path = _folder() / f"{name}-{key.hexdigest()[:16]}.pickle"
    try:
        with path.open("rb") as stream:
            loaded: T = pickle.load(stream)  # our own file, written below
        return loaded
    except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError, IndexError,
            KeyError, TypeError, ValueError):  # fmt: skip
        pass  # none yet, or damaged: built again below
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    except OSError:
        return built  # an unwritable cache: built again next time
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(built, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(scratch, path)
    except OSError:
        Path(scratch).unlink(missing_ok=True)
    return built
