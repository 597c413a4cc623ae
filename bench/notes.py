"""Benchmark: free-text detection on the labelled sample notes and on a held-out set.

    .venv/bin/python bench/notes.py

Prints JSON per note set: notes that mention health, religion, origin or criminal matters and how
many of them were counted with every labelled type (recall), and benign notes flagged with any
special or care type. ``tests/data/heldout_notes.yaml`` is written by hand, independently of the
sample generator, and is not used to tune the vocabularies: its figures are the honest estimate
for notes the generator's templates do not cover.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from dpia.load import load_export
from dpia.scan import text_mentions
from dpia.taxonomy import SPECIAL_TYPES

ROOT = Path(__file__).resolve().parents[1]
KINDS = frozenset({"HEALTH", "RELIGION", "ETHNIC_ORIGIN", "CRIMINAL"})
FLAGS = frozenset({*SPECIAL_TYPES, "PUPIL_CARE"})


def _figures(notes: list[tuple[str, set[str]]]) -> dict[str, float | int]:
    positives = [(text, want & KINDS) for text, want in notes if want & KINDS]
    benign = [text for text, want in notes if not want]
    counted = sum(1 for text, want in positives if want <= set(text_mentions(text)))
    flagged = sum(1 for text in benign if set(text_mentions(text)) & FLAGS)
    return {
        "special_notes": len(positives),
        "counted": counted,
        "recall": round(counted / len(positives), 4),
        "benign_notes": len(benign),
        "flagged": flagged,
        "false_flag_rate": round(flagged / len(benign), 4),
    }


def main() -> None:
    labels = json.loads((ROOT / "data_samples" / "labels.json").read_text("utf-8"))
    labelled: list[tuple[str, set[str]]] = []
    for rel, columns in sorted(labels["notes"].items()):
        frame = load_export(ROOT / "data_samples" / rel).frame
        for column, rows in sorted(columns.items()):
            labelled += [(t, set(w)) for t, w in zip(frame[column], rows, strict=True) if t.strip()]
    heldout = yaml.safe_load((ROOT / "tests" / "data" / "heldout_notes.yaml").read_text("utf-8"))
    report = {
        "labelled_samples": _figures(labelled),
        "heldout": _figures([(r["text"], set(r["mentions"])) for r in heldout]),
    }
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
