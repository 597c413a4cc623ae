"""Risk: CNIL severity and likelihood, the Rijksmodel mapping, measures and their limits."""

from __future__ import annotations

from typing import Any

import pytest

from dpia.exposure._reidentification import reidentification
from dpia.exposure._risk import (
    MEASURE_RULES,
    Level,
    MeasureRule,
    RiskSettings,
    assess,
    rijksmodel,
)
from dpia.messages import Message, render
from tests.exposure.helpers import frame_of, vendor_of

NO_QI = reidentification(frame_of(naam=["a"] * 10), [])
SINGLED_OUT = reidentification(
    frame_of(geboortedatum=["2014-01-01", "2015-02-02"]), ["geboortedatum"], threshold=5
)


def codes(reasons: Any) -> list[str]:
    return [r.code for r in reasons]


@pytest.mark.parametrize(
    ("severity", "likelihood", "level"),
    [
        # Any laag (CNIL 1) gives laag.
        (1, 1, Level.LAAG),
        (1, 4, Level.LAAG),
        (4, 1, Level.LAAG),
        # midden (CNIL 2-3) x midden gives midden.
        (2, 2, Level.MIDDEN),
        (2, 3, Level.MIDDEN),
        (3, 3, Level.MIDDEN),
        # hoog (CNIL 4) with at least midden gives hoog.
        (4, 2, Level.HOOG),
        (3, 4, Level.HOOG),
        (4, 4, Level.HOOG),
    ],
)
def test_rijksmodel(severity: int, likelihood: int, level: Level) -> None:
    assert rijksmodel(severity, likelihood) is level


def test_rijksmodel_refuses_levels_off_the_scale() -> None:
    with pytest.raises(ValueError, match="1 to 4"):
        rijksmodel(0, 2)


@pytest.mark.parametrize(
    ("received", "severity", "code"),
    [
        ([], 1, "no_personal_data"),
        (["ECK_ID", "PERSON"], 3, "receives_gewoon"),  # ordinary 2, children +1
        (["PERSON", "PUPIL_CARE"], 4, "receives_gevoelig"),  # sensitive 3, children +1
        (["PERSON", "HEALTH"], 4, "receives_bijzonder"),
        (["CRIMINAL"], 4, "receives_strafrechtelijk"),
        (["NL_BSN", "PERSON"], 4, "receives_nationaal_identificatienummer"),
    ],
)
def test_severity_by_the_most_protected_data(received: list[str], severity: int, code: str) -> None:
    result = assess(vendor_of(), received, [], NO_QI)
    assert result.inherent.severity == severity
    assert code in codes(result.severity_reasons)
    assert result.residual.severity == severity  # measures act on the likelihood only


def test_children_raise_severity_unless_switched_off() -> None:
    adults = RiskSettings(children=False)
    assert assess(vendor_of(), ["PERSON"], [], NO_QI, adults).inherent.severity == 2
    raised = assess(vendor_of(), ["PERSON"], [], NO_QI)
    assert "children" in codes(raised.severity_reasons)
    capped = assess(vendor_of(), ["HEALTH"], [], NO_QI)
    assert "children" not in codes(capped.severity_reasons)  # already maximal


def test_severity_reason_names_the_types() -> None:
    result = assess(vendor_of(), ["HEALTH", "RELIGION", "PERSON"], [], NO_QI)
    reason = next(r for r in result.severity_reasons if r.code == "receives_bijzonder")
    assert "gezondheid" in render(reason.message, "nl")
    assert "religion" in render(reason.message, "en")


def test_likelihood_without_factors_is_negligible() -> None:
    result = assess(vendor_of(), ["PERSON"], [], NO_QI)
    assert result.inherent.likelihood == 1
    assert codes(result.likelihood_reasons) == ["no_factor"]


def test_each_factor_adds_one_up_to_four() -> None:
    plain = vendor_of()
    assert assess(plain, ["PERSON"], ["x"], NO_QI).inherent.likelihood == 2
    assert assess(plain, ["PERSON"], ["x"], SINGLED_OUT).inherent.likelihood == 3
    many = assess(plain, ["PERSON"], ["x", "y", "z"], SINGLED_OUT)
    assert many.inherent.likelihood == 4
    assert codes(many.likelihood_reasons) == ["excess", "many_excess", "reidentifiable"]
    outside = vendor_of(
        location={"country": "US", "eea": False},
        transfer_mechanism="EU-US Data Privacy Framework",
        sub_processors=[{"name": "Stratus", "country": "US"}],
    )
    capped = assess(outside, ["PERSON"], ["x", "y", "z"], SINGLED_OUT)
    assert capped.inherent.likelihood == 4
    assert codes(capped.likelihood_reasons)[-2:] == ["outside_eea", "sub_processors"]


def test_excess_counts_columns_not_types() -> None:
    # One free-text column with three mentioned types is one column too many, not three.
    result = assess(vendor_of(), ["FREE_TEXT", "HEALTH", "RELIGION"], ["notitie"] * 3, NO_QI)
    assert codes(result.likelihood_reasons) == ["excess"]


def test_sub_processor_outside_the_eea() -> None:
    vendor = vendor_of(sub_processors=[{"name": "Helpdesk", "country": "US"}])
    reasons = assess(vendor, ["PERSON"], [], NO_QI).likelihood_reasons
    assert codes(reasons) == ["outside_eea", "sub_processors"]
    assert "US" in render(reasons[0].message, "nl")
    inside = vendor_of(sub_processors=[{"name": "Hosting", "country": "DE"}])
    assert codes(assess(inside, ["PERSON"], [], NO_QI).likelihood_reasons) == ["sub_processors"]


def test_reidentification_counts_only_over_quasi_identifiers() -> None:
    tiny = reidentification(frame_of(naam=["a", "b"]), [], threshold=5)
    assert tiny.k == 2  # the records, below 5, but no quasi-identifier singles anyone out
    assert assess(vendor_of(), ["PERSON"], [], tiny).inherent.likelihood == 1


def test_measures_lower_likelihood_by_at_most_one() -> None:
    vendor = vendor_of(
        sub_processors=[{"name": "Hosting", "country": "NL"}],
        location={"country": "US", "eea": False},
        transfer_mechanism="EU-US Data Privacy Framework",
        measures=[
            "Versleuteling in transport en opslag",
            "Pseudonimisering met ECK iD",
            "Jaarlijkse penetratietest",
        ],
    )
    result = assess(vendor, ["PERSON"], [], NO_QI)
    assert (result.inherent.likelihood, result.residual.likelihood) == (3, 2)
    assert result.measures_counted == (
        "Versleuteling in transport en opslag",
        "Pseudonimisering met ECK iD",
    )
    assert result.measures_not_counted == ("Jaarlijkse penetratietest",)
    assert codes(result.residual_reasons) == [
        "measure",
        "measure",
        "reduction",
        "severity_unchanged",
    ]


def test_measures_do_not_undo_excess_data() -> None:
    vendor = vendor_of(
        sub_processors=[{"name": "Hosting", "country": "NL"}],
        measures=["Versleuteling in transport en opslag"],
    )
    result = assess(vendor, ["PERSON", "HEALTH"], ["notitie"], NO_QI)
    # Inherent 3 (excess, sub-processor); encryption cannot take it below 1 + excess = 2.
    assert (result.inherent.likelihood, result.residual.likelihood) == (3, 2)
    assert result.residual.level is Level.HOOG
    floored = assess(vendor, ["PERSON"], ["a", "b", "c"], SINGLED_OUT)
    assert floored.residual.likelihood == 4
    assert "floor" in codes(floored.residual_reasons)


def test_no_measures() -> None:
    result = assess(vendor_of(), ["PERSON"], [], NO_QI)
    assert result.residual == result.inherent
    assert codes(result.residual_reasons) == ["no_measure", "severity_unchanged"]


def test_measure_rules_are_a_table_a_user_can_replace() -> None:
    vendor = vendor_of(
        sub_processors=[{"name": "A", "country": "NL"}, {"name": "B", "country": "NL"}],
        location={"country": "US", "eea": False},
        transfer_mechanism="SCC",
        measures=["Jaarlijkse penetratietest", "Versleuteling"],
    )
    own = RiskSettings(
        measure_rules=(
            MeasureRule(("penetratietest",), 1, Message("measure_rule.own", name="pentest")),
        ),
        max_reduction=2,
    )
    result = assess(vendor, ["PERSON"], [], NO_QI, own)
    assert result.measures_counted == ("Jaarlijkse penetratietest",)
    assert result.residual.likelihood == result.inherent.likelihood - 1
    generous = RiskSettings(max_reduction=2)
    assert assess(vendor, ["PERSON"], [], NO_QI, generous).measures_counted == ("Versleuteling",)
    useless = MeasureRule(("versleuteling",), 0, Message("measure_rule.encryption"))
    zero = RiskSettings(measure_rules=(useless,))
    assert assess(vendor, ["PERSON"], [], NO_QI, zero).measures_not_counted == (
        "Jaarlijkse penetratietest",
        "Versleuteling",
    )


@pytest.mark.parametrize(
    ("measure", "counted"),
    [
        ("Versleuteling in transport en opslag", True),
        ("Pseudonimisering met ECK iD", True),
        ("Tweestapsverificatie voor schoolaccounts", True),
        ("Multifactorauthenticatie voor beheerders", True),
        ("Rolgebaseerde toegang voor leerkrachten", True),
        ("Encryption at rest", True),
        ("Logging van inzage in toetsresultaten", False),
        ("Jaarlijkse penetratietest", False),
    ],
)
def test_default_measure_rules(measure: str, counted: bool) -> None:
    assert any(rule.matches(measure) for rule in MEASURE_RULES) is counted


def test_to_dict() -> None:
    data = assess(vendor_of(), ["PERSON"], ["x"], NO_QI).to_dict()
    assert data["severity"] == {"inherent": 3, "residual": 3}
    assert data["risk_level"] == {"inherent": "midden", "residual": "midden"}
    assert data["reasons"]["likelihood"][0]["code"] == "excess"
    assert set(data["reasons"]["likelihood"][0]) == {"code", "nl", "en"}
