"""Linking 100,000 feed rows against a 100,000-pupil board export (issue 14): prints seconds.

Synthetic keys only (ECK iD-shaped strings, leaving dates, consents); nothing is written.
"""

from __future__ import annotations

import json
import time

import pandas as pd

from dpia.register import parse_duration
from dpia.rules import board_pupils, check_consent, check_retention, check_schools, link_rows


class _Finding:
    def __init__(self, name: str, entity: str | None) -> None:
        self.name, self.entity, self.special, self.mentions = name, entity, None, {}


def main(pupils: int = 100_000) -> None:
    keys = [f"https://ketenid.nl/201703/{i:0128x}" for i in range(pupils)]
    board = pd.DataFrame(
        {
            "ECK iD": keys,
            "BRIN": [("91XA", "92XB", "93XC", "94XD")[i % 4] for i in range(pupils)],
            "Datum uitschrijving": [
                f"{1 + i % 28:02d}-0{1 + i % 9}-2024" if i % 20 == 0 else "" for i in range(pupils)
            ],
            "Toestemming ouderapp": ["Ja" if i % 10 else "Nee" for i in range(pupils)],
        }
    )
    found = [_Finding("ECK iD", "ECK_ID"), *(_Finding(c, None) for c in board.columns[1:])]
    feed = pd.DataFrame({"eck": [k.upper() for k in reversed(keys)]})
    start = time.perf_counter()
    pupils_of_board = board_pupils([(board, found)])
    built = time.perf_counter()
    link = link_rows(feed, [_Finding("eck", "ECK_ID")], pupils_of_board)
    linked = time.perf_counter()
    check_schools(link, pupils_of_board, ["91XA", "92XB"])
    check_consent(link, pupils_of_board, "ouderapp")
    check_retention(link, pupils_of_board, parse_duration("P3M"), pd.Timestamp("2025-10-01").date())
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "pupils": pupils,
                "rows": len(feed),
                "linked": link.linked,
                "board_seconds": round(built - start, 3),
                "link_seconds": round(linked - built, 3),
                "checks_seconds": round(done - linked, 3),
                "total_seconds": round(done - start, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
