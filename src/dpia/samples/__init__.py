"""Deterministic, seeded synthetic Dutch school data: pupil exports, vendor feeds, a processing
register and ground-truth labels.

``generate(outdir)`` writes the set; ``python -m dpia.samples OUTDIR`` does the same from a shell.
The same pupils and seed always give byte-identical files.

The generator needs Faker, which only the ``samples`` extra installs
(``pip install 'dpia-workbench[samples]'``). The names below are imported on first use, so that
``python -m dpia.samples`` can say so in one line when Faker is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dpia.samples.build import DEFAULT_PUPILS, DEFAULT_SEED, generate

__all__ = ["DEFAULT_PUPILS", "DEFAULT_SEED", "generate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from dpia.samples import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
