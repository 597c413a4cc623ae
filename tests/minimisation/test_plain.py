"""Failures as messages, in plain Dutch and English, and the offline Data Docs guard."""

from __future__ import annotations

import pytest

from dpia.messages import render
from dpia.minimise import _plain as plain
from dpia.minimise import _suites as s
from dpia.minimise._datadocs import DataDocsError, offline


def test_national_id_sentence() -> None:
    details = {"columns": [{"column": "bsn", "entity": "NL_BSN", "count": 1980, "share": 0.99}]}
    (failure,) = plain.failures(s.NO_NATIONAL_ID, {}, {"details": details})
    assert render(failure.message, "nl") == "stuurt BSN in kolom `bsn`: 1.980 waarden"
    assert render(failure.message, "en") == "sends BSN in column `bsn`: 1,980 values"
    assert (failure.columns, failure.entities, failure.count) == (("bsn",), ("NL_BSN",), 1980)


def test_special_category_sentence_lists_types_most_first() -> None:
    found = {
        "column": "notitie",
        "count": 3,
        "share": 0.1,
        "mentions": {"RELIGION": 1, "HEALTH": 2},
    }
    (failure,) = plain.failures(s.NO_SPECIAL_CATEGORY, {}, {"details": {"columns": [found]}})
    assert render(failure.message, "nl") == (
        "stuurt bijzondere persoonsgegevens in kolom `notitie`: 3 waarden (gezondheid 2, godsdienst 1)"
    )
    assert failure.entities == ("HEALTH", "RELIGION")


def test_k_anonymity_sentence() -> None:
    details = {
        "k": 1,
        "threshold": 5,
        "columns": ["geboortedatum", "postcode"],
        "share_at_risk": 1.0,
    }
    (failure,) = plain.failures(s.K_ANONYMOUS, {}, {"details": details})
    assert render(failure.message, "en") == (
        "re-identifiable: k = 1, below 5, over columns `geboortedatum` and `postcode`; "
        "100.0% of rows are in a class smaller than 5"
    )
    assert failure.count == 1


def test_row_count_sentence() -> None:
    kwargs = {"min_value": 1, "max_value": 1837}
    (failure,) = plain.failures(s.ROW_COUNT, kwargs, {"observed_value": 2500})
    assert render(failure.message, "nl") == (
        "stuurt 2.500 rijen; verwacht 1-1.837 (leerlingen van de bediende scholen + 10%)"
    )


def test_an_expectation_added_by_hand_is_named() -> None:
    kind = "expect_column_values_to_not_be_null"
    (failure,) = plain.failures(kind, {"column": "eck_id"}, {})
    assert render(failure.message, "en") == (
        "fails `expect_column_values_to_not_be_null` in column `eck_id`"
    )
    assert render(failure.message, "nl").startswith("voldoet niet aan")


def test_a_failure_without_details_is_still_a_failure() -> None:
    assert plain.failures(s.ALLOWED_ENTITIES, {}, {})[0].expectation == s.ALLOWED_ENTITIES


@pytest.mark.parametrize(
    "page",
    [
        '<link rel="stylesheet" href="https://cdn.example/x.css">',
        "<img src=//cdn.example/logo.png>",
        "<style>.x { background: url('https://s3.example/logo.png') }</style>",
        '<style>@import "https://cdn.example/x.css";</style>',
    ],
)
def test_pages_referring_to_the_network_are_refused(page: str) -> None:
    with pytest.raises(DataDocsError):
        offline(page, "test")


def test_scripts_are_removed() -> None:
    page = '<p>ok</p><script src="https://code.example/jquery.js"></script><script>$(1)</script>'
    assert offline(page, "test") == "<p>ok</p>"
