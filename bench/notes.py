"""Benchmark: free-text detection on the labelled sample notes and on hand-written note sets.

    .venv/bin/python bench/notes.py

Prints JSON per note set: notes that mention health, religion, origin or criminal matters and how
many of them were counted with every labelled type (recall, also per type), benign notes flagged
with any special or care type, and the mean analysis time per note. Sets:

* ``labelled_samples``: the generator's notes in ``data_samples`` (its templates, so optimistic).
* ``development``: ``tests/data/heldout_notes.yaml`` (v1), written by hand but used to widen the
  vocabularies, so no longer an honest estimate.
* ``heldout``: ``tests/data/heldout_notes_v2.yaml``, written by hand and committed before that
  change; optimistic all the same, as its author then widened the vocabularies knowing its
  sentences (see its header).
* ``blind_dev``, ``blind_dev2``, ``blind_dev3`` and ``blind_holdout``:
  ``tests/data/notes_blind_dev.yaml``, ``notes_blind_dev2.yaml``, ``notes_blind_dev3.yaml`` and
  ``notes_blind_holdout.yaml``, written by writers who never saw the vocabularies or the detection
  code, from a description of the categories only, over every art. 9/10 type. The three dev sets
  are for tuning (each measured first, before tuning on it); the held-out set is measured, never
  tuned on.
  These count every special type, the older sets the four they were written for; an ordinary note
  counts as flagged there when an art. 9/10 type is found in it (pupil care is not labelled).

    .venv/bin/python bench/notes.py --baseline REV

times the same notes (every set above) with the workbench at git revision ``REV`` (checked out in a
temporary worktree, run in a fresh process) and with this tree, three times each, alternating, and
prints the best ms per note of each and their ratio: the speed figure, as a ratio against a
baseline run beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from dpia.detect._analyzer import get_analyzer
from dpia.detect._scan import text_mentions
from dpia.load._export import load_export
from dpia.register._taxonomy import SPECIAL_TYPES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
KINDS = ("HEALTH", "RELIGION", "ETHNIC_ORIGIN", "CRIMINAL")
FLAGS = frozenset({*SPECIAL_TYPES, "PUPIL_CARE"})
# The blind sets label art. 9/10 types only: a pupil-care mention in an ordinary note is no error.
SPECIAL = frozenset(SPECIAL_TYPES)

Notes = list[tuple[str, set[str]]]


def _figures(
    notes: Notes, kinds: tuple[str, ...] = KINDS, flags: frozenset[str] = FLAGS
) -> dict[str, object]:
    started = time.perf_counter()
    found = [set(text_mentions(text)) for text, _ in notes]
    per_note_ms = (time.perf_counter() - started) * 1000 / len(notes)
    positives = [(want & set(kinds), got) for (_, want), got in zip(notes, found, strict=True)]
    positives = [(want, got) for want, got in positives if want]
    benign = [got for (_, want), got in zip(notes, found, strict=True) if not want]
    counted = sum(1 for want, got in positives if want <= got)
    flagged = sum(1 for got in benign if got & flags)
    per_kind: dict[str, dict[str, int]] = {}
    for kind in kinds:
        with_kind = [got for want, got in positives if kind in want]
        if not with_kind:
            continue
        hits = sum(1 for got in with_kind if kind in got)
        per_kind[kind] = {"notes": len(with_kind), "counted": hits}
    return {
        "special_notes": len(positives),
        "counted": counted,
        "recall": round(counted / len(positives), 4),
        "per_type": per_kind,
        "benign_notes": len(benign),
        "flagged": flagged,
        "false_flag_rate": round(flagged / len(benign), 4),
        "ms_per_note": round(per_note_ms, 2),
    }


def _hand_written(name: str) -> Notes:
    rows = yaml.safe_load((DATA / name).read_text("utf-8"))
    return [(r["text"], set(r["mentions"])) for r in rows]


def main() -> None:
    labels = json.loads((ROOT / "data_samples" / "labels.json").read_text("utf-8"))
    labelled: Notes = []
    for rel, columns in sorted(labels["notes"].items()):
        frame = load_export(ROOT / "data_samples" / rel).frame
        for column, rows in sorted(columns.items()):
            labelled += [(t, set(w)) for t, w in zip(frame[column], rows, strict=True) if t.strip()]
    get_analyzer().analyze(text="warm", language="nl")  # build outside the timed part
    report = {
        "labelled_samples": _figures(labelled),
        "development": _figures(_hand_written("heldout_notes.yaml")),
        "heldout": _figures(_hand_written("heldout_notes_v2.yaml")),
        "blind_dev": _figures(_hand_written("notes_blind_dev.yaml"), SPECIAL_TYPES, SPECIAL),
        "blind_dev2": _figures(_hand_written("notes_blind_dev2.yaml"), SPECIAL_TYPES, SPECIAL),
        "blind_dev3": _figures(_hand_written("notes_blind_dev3.yaml"), SPECIAL_TYPES, SPECIAL),
        "blind_holdout": _figures(
            _hand_written("notes_blind_holdout.yaml"), SPECIAL_TYPES, SPECIAL
        ),
    }
    print(json.dumps(report, indent=2, sort_keys=True))


SETS = (
    "heldout_notes.yaml",
    "heldout_notes_v2.yaml",
    "notes_blind_dev.yaml",
    "notes_blind_dev2.yaml",
    "notes_blind_dev3.yaml",
    "notes_blind_holdout.yaml",
)
# Run in a fresh process with the tree under test first on the path; prints ms per note.
_TIMER = """
import sys, time, yaml
from dpia.detect._analyzer import get_analyzer
from dpia.detect._scan import text_mentions
notes = [n["text"] for f in sys.argv[1:] for n in yaml.safe_load(open(f, encoding="utf-8"))]
get_analyzer().analyze(text="warm", language="nl")
for text in notes[:50]:
    text_mentions(text)
started = time.perf_counter()
for text in notes:
    text_mentions(text)
print((time.perf_counter() - started) * 1000 / len(notes))
"""


def _ms_per_note(src: Path) -> float:
    files = [str(DATA / name) for name in SETS]
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-c", _TIMER, *files]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return float(output.split()[-1])


def compare(baseline: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), baseline],
            check=True,
            capture_output=True,
        )
        try:
            runs: dict[str, list[float]] = {"baseline": [], "this_tree": []}
            for _ in range(3):
                runs["baseline"].append(_ms_per_note(tree / "src"))
                runs["this_tree"].append(_ms_per_note(ROOT / "src"))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
    best = {name: min(times) for name, times in runs.items()}
    figures = {
        "baseline": baseline,
        "ms_per_note": {name: round(ms, 3) for name, ms in best.items()},
        "ratio_this_tree_to_baseline": round(best["this_tree"] / best["baseline"], 3),
        "runs_ms_per_note": {name: [round(t, 3) for t in times] for name, times in runs.items()},
    }
    print(json.dumps(figures, indent=2, sort_keys=True))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="time against this git revision")
    args = parser.parse_args()
    if args.baseline:
        compare(args.baseline)
    else:
        main()
