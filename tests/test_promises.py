"""The board's promises: linking feed rows to the board's pupils and the four checks.

On the samples every planted pupil is found and nothing else (``labels.json``, per vendor, check
and school); by hand, each check with none, one and every row bad, empty feeds, duplicate keys,
keys in another case or with spaces, and the date forms the loader's exports use.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from dpia.load import load_export
from dpia.register import load_register, parse_duration
from dpia.rules import (
    BoardPupils,
    board_pupils,
    check_consent,
    check_retention,
    check_schools,
    check_unmatched,
    link_rows,
)
from tests.conftest import SAMPLES
from tests.minimisation.conftest import FakeFinding, truth_findings

LABELS = json.loads((SAMPLES / "labels.json").read_text("utf-8"))["promises"]
ON = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def samples() -> dict[str, dict[str, object]]:
    register = load_register(SAMPLES / "register.yaml")
    exports = [load_export(path).frame for path in register.source_paths()]
    board = board_pupils([(frame, truth_findings(frame)) for frame in exports])
    found: dict[str, dict[str, object]] = {}
    for vendor in register.vendors:
        frame = load_export(register.feed_path(vendor)).frame
        link = link_rows(frame, truth_findings(frame), board)
        period = vendor.retention_period
        assert period is not None
        checks = [
            check_schools(link, board, vendor.schools),
            check_retention(link, board, period, vendor.feed_date),
            check_unmatched(link),
        ]
        if vendor.consent:
            checks.append(check_consent(link, board, vendor.consent))
        found[vendor.id] = {"link": link, **{c.check: c for c in checks}}
    return found


@pytest.mark.parametrize("vendor", sorted(LABELS))
def test_every_planted_pupil_is_found_and_nothing_else(
    samples: dict[str, dict[str, object]], vendor: str
) -> None:
    truth = LABELS[vendor]
    found = samples[vendor]
    checks = ["school", "retention", "unmatched"] + (["consent"] if truth["consent"] else [])
    for name in checks:
        check = found[name]
        if truth["linkable"]:
            assert check.verifiable, (vendor, name, check.reason)  # type: ignore[attr-defined]
            assert check.count == truth["counts"][name], (vendor, name)  # type: ignore[attr-defined]
            if name != "unmatched":
                assert check.by_school == truth["by_school"][name], (vendor, name)  # type: ignore[attr-defined]
        elif name == "unmatched":
            # bibliotheek's borrower number is its own: it is a key column of the kind the board
            # holds, but no row links, so every row is one the board cannot call its pupil's.
            assert check.verifiable  # type: ignore[attr-defined]
            assert check.reason == "no_match"  # type: ignore[attr-defined]
            assert check.count == check.rows == 1132  # type: ignore[attr-defined]
        else:
            # ... and with no pupil linked, the other checks have nobody to judge.
            assert not check.verifiable  # type: ignore[attr-defined]
            assert check.reason == "no_linked_rows"  # type: ignore[attr-defined]
            assert check.count == 0  # type: ignore[attr-defined]


def test_the_samples_are_linked_on_the_strongest_key(samples: dict[str, dict[str, object]]) -> None:
    bases = {vendor: found["link"].basis for vendor, found in samples.items()}  # type: ignore[attr-defined]
    assert bases == {
        "leeslijn": "ECK_ID",
        "rekenplein": "ECK_ID",
        "toetsmonitor": "ECK_ID",  # it also sends the BSN; the ECK iD is the stronger key
        "ouderapp": "STUDENT_NUMBER",
        "bibliotheek": None,
        "cloudsuite": "ECK_ID",
    }
    assert sum(LABELS["leeslijn"]["counts"].values()) == 0  # one feed is kept clean


# A hand-made board: four pupils of two schools, one who left long ago, one without consent.
BOARD = pd.DataFrame(
    {
        "Leerlingnummer": ["1001", "1002", "1003", "1004"],
        "ECK iD": ["ECK-A", "ECK-B", "ECK-C", "ECK-D"],
        "BSN": ["111222333", "", "444555666", "777888999"],
        "Onderwijsnummer": ["", "101234567", "", ""],
        "Achternaam": ["Dijk", "Jansen", "Bakker", "Visser"],
        "Geboortedatum": ["01-02-2015", "2016-03-04", "5/6/2014", "07.08.2013"],
        "BRIN": ["91XA", "91XA", "92XB", "92XB"],
        "Datum uitschrijving": ["", "", "", "15-01-2024"],
        "Toestemming ouderapp": ["Ja", "ja ", "Nee", ""],
    }
)
BOARD_FINDINGS = [
    FakeFinding("Leerlingnummer", "STUDENT_NUMBER"),
    FakeFinding("ECK iD", "ECK_ID"),
    FakeFinding("BSN", "NL_BSN"),
    FakeFinding("Onderwijsnummer", "NL_ONDERWIJSNUMMER"),
    FakeFinding("Achternaam", "PERSON"),
    FakeFinding("Geboortedatum", "DATE_OF_BIRTH"),
    FakeFinding("BRIN", None),
    FakeFinding("Datum uitschrijving", None),
    FakeFinding("Toestemming ouderapp", None),
]


def _board(frame: pd.DataFrame = BOARD) -> BoardPupils:
    return board_pupils([(frame, [f for f in BOARD_FINDINGS if f.name in frame.columns])])


def _feed(column: str, entity: str, keys: list[str]) -> tuple[pd.DataFrame, list[FakeFinding]]:
    return pd.DataFrame({column: keys}), [FakeFinding(column, entity)]


def _counts(keys: list[str]) -> dict[str, int]:
    frame, findings = _feed("eck", "ECK_ID", keys)
    link = link_rows(frame, findings, _board())
    board = _board()
    return {
        "school": check_schools(link, board, ["92XB"]).count,
        "consent": check_consent(link, board, "ouderapp").count,
        "retention": check_retention(link, board, parse_duration("P1Y"), ON).count,
        "unmatched": check_unmatched(link).count,
    }


def test_none_one_and_every_row_bad() -> None:
    # 92XB pupils only, with consent... there is none such but ECK-C has "Nee": use the checks
    # one at a time. School (served: 92XB): A and B are of 91XA.
    assert _counts(["ECK-C"])["school"] == 0
    assert _counts(["ECK-C", "ECK-A"])["school"] == 1
    assert _counts(["ECK-A", "ECK-B"])["school"] == 2
    # Consent: A and B gave it ("Ja", "ja "), C refused, D has none recorded.
    assert _counts(["ECK-A", "ECK-B"])["consent"] == 0
    assert _counts(["ECK-A", "ECK-C"])["consent"] == 1
    assert _counts(["ECK-C", "ECK-D"])["consent"] == 2
    # Retention P1Y on 2025-10-01: D left 2024-01-15.
    assert _counts(["ECK-A"])["retention"] == 0
    assert _counts(["ECK-A", "ECK-D"])["retention"] == 1
    assert _counts(["ECK-D", "ECK-D"])["retention"] == 1  # one pupil on two rows
    # Unmatched rows: counted as rows.
    assert _counts(["ECK-A", "ECK-B"])["unmatched"] == 0
    assert _counts(["ECK-A", "ECK-X"])["unmatched"] == 1


def test_a_feed_whose_keys_match_no_pupil_has_every_row_unmatched() -> None:
    frame, findings = _feed("eck", "ECK_ID", ["ECK-X", "ECK-Y"])
    link = link_rows(frame, findings, _board())
    assert link.basis is None
    assert link.reason == "no_match"
    assert link.verifiable
    unmatched = check_unmatched(link)
    assert (unmatched.verifiable, unmatched.count, unmatched.reason) == (True, 2, "no_match")
    for check in (
        check_schools(link, _board(), ["91XA"]),
        check_retention(link, _board(), parse_duration("P1Y"), ON),
        check_consent(link, _board(), "ouderapp"),
    ):
        assert not check.verifiable
        assert check.reason == "no_linked_rows"
        assert check.count == 0


def test_cannot_be_verified_only_without_a_shared_key_column_or_the_board() -> None:
    frame, findings = _feed("eck", "ECK_ID", ["ECK-X", "ECK-Y"])
    no_key = link_rows(pd.DataFrame({"score": ["7"]}), [FakeFinding("score", None)], _board())
    no_board = link_rows(frame, findings, None)
    for link, reason in ((no_key, "no_shared_key"), (no_board, "no_board")):
        assert link.reason == reason
        assert not link.verifiable
        for check in (check_unmatched(link), check_schools(link, _board(), ["91XA"])):
            assert (check.verifiable, check.reason, check.count) == (False, reason, 0)


def test_per_row_fallback_to_a_weaker_key() -> None:
    # Row 1 has no ECK iD but a pupil number; row 2 neither but a BSN; row 3 an ECK iD of
    # nobody and a pupil number of B: a filled stronger key is not overruled, the row is
    # unmatched; row 4 has no key at all.
    frame = pd.DataFrame(
        {
            "eck": ["ECK-A", "", "", "ECK-X", ""],
            "nr": ["", "1002", "", "1002", ""],
            "bsn": ["", "", "444555666", "", ""],
        }
    )
    findings = [
        FakeFinding("eck", "ECK_ID"),
        FakeFinding("nr", "STUDENT_NUMBER"),
        FakeFinding("bsn", "NL_BSN"),
    ]
    link = link_rows(frame, findings, _board())
    assert link.positions.tolist() == [0, 1, 2, -1, -1]
    assert link.basis == "ECK_ID"
    assert link.by_key == {"ECK_ID": 1, "STUDENT_NUMBER": 1, "NATIONAL_ID": 1}
    assert link.key_columns == {
        "ECK_ID": ("eck",),
        "STUDENT_NUMBER": ("nr",),
        "NATIONAL_ID": ("bsn",),
    }
    assert check_unmatched(link).count == 2
    assert check_unmatched(link).to_dict()["by_key"] == link.by_key


def test_a_key_that_links_no_row_is_passed_over_for_the_next() -> None:
    # A borrower number that looks like a pupil number links nobody: the BSN links the rows.
    frame = pd.DataFrame({"nr": ["L-1", "L-2"], "bsn": ["111222333", "444555666"]})
    findings = [FakeFinding("nr", "STUDENT_NUMBER"), FakeFinding("bsn", "NL_BSN")]
    link = link_rows(frame, findings, _board())
    assert link.basis == "NATIONAL_ID"
    assert link.by_key == {"NATIONAL_ID": 2}
    assert link.positions.tolist() == [0, 2]


def test_empty_feed_links_nothing_and_is_not_a_pass() -> None:
    frame, findings = _feed("eck", "ECK_ID", [])
    link = link_rows(frame, findings, _board())
    assert link.reason == "no_rows"
    assert not check_unmatched(link).verifiable


def test_keys_in_another_case_or_with_spaces_and_blank_keys() -> None:
    frame, findings = _feed("eck", "ECK_ID", [" eck-a ", "ECK - B", "", "  "])
    link = link_rows(frame, findings, _board())
    assert link.positions.tolist() == [0, 1, -1, -1]
    assert check_unmatched(link).count == 2  # a blank key is nobody's row
    bsn = link_rows(*_feed("bsn", "NL_BSN", ["1112.22.333", "10 12 34 567"]), _board())
    assert bsn.basis == "NATIONAL_ID"
    assert bsn.positions.tolist() == [0, 1]


def test_the_strongest_shared_key_wins_and_names_are_the_last_resort() -> None:
    frame = pd.DataFrame({"bsn": ["444555666"], "eck": ["ECK-A"]})
    findings = [FakeFinding("bsn", "NL_BSN"), FakeFinding("eck", "ECK_ID")]
    assert link_rows(frame, findings, _board()).basis == "ECK_ID"
    # Surname and date of birth, dates in every form the exports use ("van Dijk" is "Dijk").
    names = pd.DataFrame(
        {
            "achternaam": ["van Dijk", "JANSEN", "Bakker", "Visser"],
            "geboortedatum": ["2015-02-01", "04-03-2016", "05-06-2014 ", "2013-08-07 00:00:00"],
        }
    )
    found = [FakeFinding("achternaam", "PERSON"), FakeFinding("geboortedatum", "DATE_OF_BIRTH")]
    link = link_rows(names, found, _board())
    assert link.basis == "NAME_AND_BIRTH_DATE"
    assert link.positions.tolist() == [0, 1, 2, 3]


def test_duplicate_keys_in_the_board_are_one_pupil_the_current_record_wins() -> None:
    twice = pd.concat([BOARD, BOARD.iloc[[3]].assign(**{"Datum uitschrijving": ""})])
    board = _board(twice.reset_index(drop=True))
    frame, findings = _feed("eck", "ECK_ID", ["ECK-D"])
    link = link_rows(frame, findings, board)
    assert link.positions.tolist() == [4]  # re-enrolled: not kept beyond retention
    assert check_retention(link, board, parse_duration("P1Y"), ON).count == 0


def test_a_check_without_what_it_needs_says_so() -> None:
    bare = BOARD.drop(columns=["Datum uitschrijving", "Toestemming ouderapp", "BRIN"])
    board = _board(bare)
    link = link_rows(*_feed("eck", "ECK_ID", ["ECK-A"]), board)
    assert check_consent(link, board, "ouderapp").reason == "no_consent_column"
    assert check_retention(link, board, parse_duration("P1Y"), ON).reason == "no_leaving_dates"
    assert check_retention(link, _board(), parse_duration("P1Y"), None).reason == "no_date"
    assert check_schools(link, board, ["91XA"]).reason == "no_school_column"


def test_retention_periods_count_calendar_months() -> None:
    assert parse_duration("P1M").after(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert parse_duration("p1y6m").after(dt.date(2024, 2, 29)) == dt.date(2025, 8, 29)
    assert parse_duration("P2W").after(dt.date(2025, 1, 1)) == dt.date(2025, 1, 15)
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_duration("P")
