"""Section D of the report: a concrete measure for each violation found.

A rule table maps what validation and exposure found (failed expectation types, the columns and
entity types involved, the vendor's context) to a recommendation, a message in
``dpia.messages``. Rules are data: a board can read, discuss and extend them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dpia.messages import Message


@dataclass(frozen=True)
class Measure:
    vendor: str
    message: Message


# Failed expectation type -> the measure's code and the failure fields it names (besides the
# vendor). The names are those of the JSON form (``columns``, ``entities``).
_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "expect_table_values_to_hold_no_national_id": ("measure.national_id", ("columns",)),
    "expect_table_values_to_hold_no_special_category_data": (
        "measure.special_category",
        ("columns", "entities"),
    ),
    "expect_table_columns_to_hold_only_allowed_entities": (
        "measure.allowed_entities",
        ("columns", "entities"),
    ),
    "expect_table_birth_dates_to_be_coarsened": ("measure.birth_date", ("columns",)),
    "expect_table_quasi_identifiers_to_be_k_anonymous": ("measure.k_anonymity", ("columns",)),
    "expect_table_identifiers_to_be_well_formed": ("measure.identifiers", ("columns",)),
    "expect_table_row_count_to_be_between": ("measure.row_count", ()),
}


# The board's promises: the failure's message code -> the measure's, which names the same figures
# (the failure's parameters: counts per school, the consent, the retention, the last leaving date).
_PROMISE_MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "failure.unserved_school": ("measure.unserved_school", ("count", "schools")),
    "failure.no_consent": ("measure.no_consent", ("count", "consent", "schools")),
    "failure.retention": ("measure.retention", ("count", "left_by", "retention", "schools")),
    "failure.unmatched": ("measure.unmatched", ("count",)),
    "failure.unmatched_all": ("measure.unmatched_all", ("count", "columns")),
    "failure.unverifiable": ("measure.unverifiable", ("checks", "reason")),
}


def _promise_measure(name: str, failure: Mapping[str, Any]) -> Message | None:
    rule = _PROMISE_MEASURES.get(str(failure.get("code")))
    if rule is None:
        return None
    code, fields = rule
    params = {f: failure["params"][f] for f in fields}
    return Message.from_dict({"code": code, "params": {**params, "vendor": name}})


def measures_for(
    verdicts: Sequence[Mapping[str, Any]], exposure: Mapping[str, Any]
) -> list[Measure]:
    """One measure per failed expectation, then context measures (transfers outside the EEA).

    ``verdicts`` and ``exposure`` are the JSON forms written by validation and exposure.
    """
    found: list[Measure] = []
    for verdict in verdicts:
        name = verdict["name"]
        for failure in verdict["failures"]:
            promise = _promise_measure(name, failure)
            if promise is not None:
                found.append(Measure(verdict["vendor"], promise))
                continue
            rule = _RULES.get(failure["expectation"])
            if rule is None:
                resolve = Message("measure.resolve", failure=Message.from_dict(failure))
                found.append(Measure(verdict["vendor"], resolve))
                continue
            code, fields = rule
            message = Message(code, vendor=name, **{f: tuple(failure[f]) for f in fields})
            if all(m.message != message for m in found):
                found.append(Measure(verdict["vendor"], message))
    for vendor in exposure["vendors"]:
        reasons = vendor["reasons"]["likelihood"]
        if any(r["code"] == "outside_eea" for r in reasons):
            found.append(
                Measure(vendor["vendor"], Message("measure.transfer", vendor=vendor["name"]))
            )
    return found
