"""Re-identification figures: hand-made frames with known answers, and an independent computation
(plain Python over tuples) on generated frames."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpia.detect import GROUP_AND_SCHOOL_HEADERS, header_matches
from dpia.exposure._reidentification import Reidentification, reidentification, sensitive_columns
from dpia.rules import quasi_identifier_columns
from tests.exposure.helpers import finding, frame_of


def reference(
    frame: pd.DataFrame, columns: Sequence[str], sensitive: Sequence[str], threshold: int
) -> dict[str, object]:
    """The same figures from their definitions, one record at a time."""
    keys = [tuple(row[c] for c in columns) for _, row in frame.iterrows()]
    counts = Counter(keys)
    sizes = [counts[key] for key in keys]
    records = len(keys)
    values: dict[str, dict[tuple[str, ...], set[str]]] = {c: defaultdict(set) for c in sensitive}
    for key, (_, row) in zip(keys, frame.iterrows(), strict=True):
        for column in sensitive:
            values[column][key].add(row[column])
    return {
        "k": min(sizes),
        "classes": len(counts),
        "share_below_5": sum(s < 5 for s in sizes) / records,
        "share_below_threshold": sum(s < threshold for s in sizes) / records,
        "sample_uniqueness": sum(s == 1 for s in sizes) / records,
        "max_risk": max(1 / s for s in sizes),
        # The mean of each record's prosecutor risk: equals classes / records.
        "avg_risk": sum(1 / s for s in sizes) / records,
        "l_diversity": {c: min(len(v) for v in values[c].values()) for c in sensitive},
    }


def figures(result: Reidentification) -> dict[str, object]:
    return {
        "k": result.k,
        "classes": result.classes,
        "share_below_5": result.share_below_5,
        "share_below_threshold": result.share_below_threshold,
        "sample_uniqueness": result.sample_uniqueness,
        "max_risk": result.max_risk,
        "avg_risk": pytest.approx(result.avg_risk),
        "l_diversity": dict(result.l_diversity),
    }


def test_known_answer() -> None:
    frame = frame_of(
        geslacht=["M", "M", "M", "V", "V", "V", "V"],
        postcode=["1620 UP"] * 6 + ["1607 NU"],
        diagnose=["astma", "astma", "astma", "adhd", "astma", "", "dyslexie"],
    )
    result = reidentification(frame, ["geslacht", "postcode"], sensitive=["diagnose"], threshold=3)
    assert result.k == 1
    assert result.classes == 3
    assert result.records == 7
    assert result.share_below_5 == 1.0  # classes of 3, 3 and 1
    assert result.share_below_threshold == 1 / 7
    assert result.sample_uniqueness == 1 / 7
    assert result.max_risk == 1.0
    assert result.avg_risk == 3 / 7
    # (M, 1620 UP) all have astma: l = 1 discloses it to whoever finds the class.
    assert result.l_diversity == {"diagnose": 1}
    assert result.below_threshold


def test_k_anonymous_feed() -> None:
    frame = frame_of(geslacht=["M"] * 5 + ["V"] * 6, groep=["5a"] * 11)
    result = reidentification(frame, ["geslacht"], context=["groep"], threshold=5)
    assert (result.k, result.classes) == (5, 2)
    assert result.share_below_5 == 0.0
    assert result.sample_uniqueness == 0.0
    assert result.max_risk == 1 / 5
    assert result.avg_risk == 2 / 11
    assert result.columns == ("geslacht", "groep")
    assert not result.below_threshold


def test_context_narrows_the_classes() -> None:
    frame = frame_of(geslacht=["M", "M", "V", "V"], groep=["5a", "5b", "5a", "5a"])
    assert reidentification(frame, ["geslacht"]).k == 2
    assert reidentification(frame, ["geslacht"], context=["groep"]).k == 1


def test_empty_cells_are_a_value() -> None:
    frame = frame_of(postcode=["", "", "1620 UP"])
    result = reidentification(frame, ["postcode"])
    assert (result.k, result.classes) == (1, 2)


def test_no_quasi_identifiers_is_one_class_of_every_record() -> None:
    frame = frame_of(groep=["5a", "5b", "5b"], diagnose=["astma", "astma", "adhd"])
    result = reidentification(frame, [], context=["groep"], sensitive=["diagnose"])
    assert not result.measured
    assert result.k == 3  # the number of records, not a verdict on names or numbers
    assert result.context == ()  # group and school alone single nobody out
    assert result.columns == ()
    assert result.classes == 1
    assert result.share_below_5 == 1.0  # three records are one class smaller than 5
    assert result.l_diversity == {"diagnose": 2}
    assert not result.below_threshold
    assert result.to_dict()["k_basis"] == "no_quasi_identifiers"


def test_empty_frame_has_no_risk() -> None:
    frame = pd.DataFrame({"geslacht": pd.Series([], dtype=str)})
    result = reidentification(frame, ["geslacht"])
    assert (result.records, result.classes, result.k, result.max_risk) == (0, 0, 0, 0.0)


def test_unknown_column_and_bad_threshold() -> None:
    frame = frame_of(geslacht=["M"])
    with pytest.raises(KeyError, match="postcode"):
        reidentification(frame, ["postcode"])
    with pytest.raises(ValueError, match="at least 1"):
        reidentification(frame, ["geslacht"], threshold=0)


def test_to_dict_names_the_contract_keys() -> None:
    frame = frame_of(geslacht=["M", "V"])
    data = reidentification(frame, ["geslacht"]).to_dict()
    assert {
        "k_anonymity",
        "share_k_below_5",
        "sample_uniqueness",
        "max_risk",
        "avg_risk",
        "l_diversity",
    } <= set(data)
    assert data["k_anonymity"] == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("groep", True),
        ("Groep naam", True),
        ("klas", True),
        ("jaargroep", True),
        ("brincode", True),
        ("Schoolnaam", True),
        ("schooljaar", False),  # the same for every pupil of a year: not a group
        ("aantal_leningen", False),
        ("geboortedatum", False),
    ],
)
def test_group_and_school_headers(header: str, expected: bool) -> None:
    assert header_matches(header, GROUP_AND_SCHOOL_HEADERS) is expected


def test_quasi_identifier_columns_from_findings() -> None:
    findings = [
        finding("lenersnummer", "STUDENT_NUMBER"),
        finding("geboortedatum", "DATE_OF_BIRTH"),
        finding("postcode", "NL_POSTCODE"),
        finding("groep", None),
        finding("brin", None),
        finding("schooljaar", None),
        finding("medisch", "HEALTH"),
        finding("notitie", "FREE_TEXT", {"HEALTH": 3}),
    ]
    assert quasi_identifier_columns(findings) == (
        ("geboortedatum", "postcode"),
        ("groep", "brin"),
    )
    assert quasi_identifier_columns([finding("groep", None)]) == ((), ())
    # Notes are worded differently each time: their distinct values are not sensitive values.
    assert sensitive_columns(findings) == ("medisch",)


VALUES = st.sampled_from(["", "a", "b", "c"])


@st.composite
def frames(draw: st.DrawFn) -> tuple[pd.DataFrame, list[str], list[str], int]:
    rows = draw(st.integers(min_value=1, max_value=40))
    column = st.lists(VALUES, min_size=rows, max_size=rows)
    frame = pd.DataFrame(
        {name: draw(column) for name in ("q1", "q2", "q3", "groep", "gezondheid")}, dtype=str
    )
    quasi = draw(st.lists(st.sampled_from(["q1", "q2", "q3"]), unique=True, max_size=3))
    context = draw(st.lists(st.just("groep"), max_size=1))
    return frame, quasi, context, draw(st.integers(min_value=1, max_value=8))


@settings(max_examples=150, deadline=None)
@given(frames())
def test_matches_an_independent_computation(
    case: tuple[pd.DataFrame, list[str], list[str], int],
) -> None:
    frame, quasi, context, threshold = case
    result = reidentification(
        frame, quasi, context=context, sensitive=["gezondheid"], threshold=threshold
    )
    columns = [*quasi, *context] if quasi else []
    assert figures(result) == reference(frame, columns, ["gezondheid"], threshold)
    assert result.records == len(frame)
