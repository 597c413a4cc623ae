"""Linking 100,000 feed rows against a 100,000-pupil board export (issue 14): prints seconds and
their ratio to a baseline measured beside them.

Synthetic keys only (ECK iD-shaped strings, pupil numbers, leaving dates, consents); nothing is
written. The feed holds every pupil once, in reverse order, its ECK iDs upper-cased; one row in
ten has a blank ECK iD and links on its pupil number (the per-row fallback).

The baseline is the floor of any linking: one plain pandas merge of the same 100,000 raw keys
onto the board's 100,000 (no normalising, no checks). Timings on a shared machine wander with its
load; the ratio ``total / baseline``, both measured in the same process one after the other,
wanders much less. Each figure is the median of ``--repeat`` runs (default 5).

    python bench/linking.py [--pupils N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import pandas as pd

from dpia.register import parse_duration
from dpia.rules import board_pupils, check_consent, check_retention, check_schools, link_rows


class _Finding:
    def __init__(self, name: str, entity: str | None) -> None:
        self.name, self.entity, self.special, self.mentions = name, entity, None, {}


def _data(pupils: int) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    keys = [f"https://ketenid.nl/201703/{i:0128x}" for i in range(pupils)]
    board = pd.DataFrame(
        {
            "ECK iD": keys,
            "Leerlingnummer": [str(100000 + i) for i in range(pupils)],
            "BRIN": [("91XA", "92XB", "93XC", "94XD")[i % 4] for i in range(pupils)],
            "Datum uitschrijving": [
                f"{1 + i % 28:02d}-0{1 + i % 9}-2024" if i % 20 == 0 else "" for i in range(pupils)
            ],
            "Toestemming ouderapp": ["Ja" if i % 10 else "Nee" for i in range(pupils)],
        }
    )
    order = list(reversed(range(pupils)))
    feed = pd.DataFrame(
        {
            "eck": ["" if i % 10 == 3 else keys[i].upper() for i in order],
            "leerlingnummer": [str(100000 + i) for i in order],
        }
    )
    return board, feed, keys


def _once(board: pd.DataFrame, feed: pd.DataFrame, keys: list[str]) -> dict[str, float]:
    found = [
        _Finding("ECK iD", "ECK_ID"),
        _Finding("Leerlingnummer", "STUDENT_NUMBER"),
        *(_Finding(c, None) for c in board.columns[2:]),
    ]
    feed_found = [_Finding("eck", "ECK_ID"), _Finding("leerlingnummer", "STUDENT_NUMBER")]
    raw = pd.DataFrame({"k": list(reversed(keys))})
    index = pd.DataFrame({"k": keys, "row": range(len(keys))})
    start = time.perf_counter()
    merged = raw.merge(index, on="k", how="left")
    baseline = time.perf_counter() - start
    assert len(merged) == len(keys)
    start = time.perf_counter()
    pupils_of_board = board_pupils([(board, found)])
    built = time.perf_counter()
    link = link_rows(feed, feed_found, pupils_of_board)
    linked = time.perf_counter()
    check_schools(link, pupils_of_board, ["91XA", "92XB"])
    check_consent(link, pupils_of_board, "ouderapp")
    check_retention(link, pupils_of_board, parse_duration("P3M"), pd.Timestamp("2025-10-01").date())
    done = time.perf_counter()
    return {
        "linked": float(link.linked),
        "baseline_seconds": baseline,
        "board_seconds": built - start,
        "link_seconds": linked - built,
        "checks_seconds": done - linked,
        "total_seconds": done - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    board, feed, keys = _data(args.pupils)
    runs = [_once(board, feed, keys) for _ in range(args.repeat)]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    ratios = [run["total_seconds"] / run["baseline_seconds"] for run in runs]
    print(
        json.dumps(
            {
                "pupils": args.pupils,
                "rows": len(feed),
                "linked": int(median["linked"]),
                "repeat": args.repeat,
                **{key: round(value, 3) for key, value in median.items() if key != "linked"},
                "total_over_baseline": round(statistics.median(ratios), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
