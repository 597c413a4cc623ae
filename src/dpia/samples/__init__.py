"""Deterministic, seeded synthetic Dutch school data: pupil exports, vendor feeds, a processing
register and ground-truth labels.

``generate(outdir)`` writes the set; ``python -m dpia.samples OUTDIR`` does the same from a shell.
The same pupils and seed always give byte-identical files.
"""

from __future__ import annotations

from dpia.samples.build import DEFAULT_PUPILS, DEFAULT_SEED, generate

__all__ = ["DEFAULT_PUPILS", "DEFAULT_SEED", "generate"]
