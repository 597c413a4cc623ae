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


# Failed expectation type -> the measure's code. A column that breaks several rules gets one
# measure: the first of ``_PRIORITY`` among its failures, the most specific advice (stop sending a
# BSN says more than "remove or justify"). Multi-column rules (k-anonymity) and rules without a
# column (the row count) get one measure per vendor.
_RULES: dict[str, str] = {
    "expect_table_values_to_hold_no_national_id": "measure.national_id",
    "expect_table_values_to_hold_no_special_category_data": "measure.special_category",
    "expect_table_birth_dates_to_be_coarsened": "measure.birth_date",
    "expect_table_columns_to_hold_only_allowed_entities": "measure.allowed_entities",
    "expect_table_identifiers_to_be_well_formed": "measure.identifiers",
    "expect_table_quasi_identifiers_to_be_k_anonymous": "measure.k_anonymity",
    "expect_table_row_count_to_be_between": "measure.row_count",
}
_PRIORITY = tuple(_RULES)
_PER_VENDOR = frozenset(
    {"expect_table_quasi_identifiers_to_be_k_anonymous", "expect_table_row_count_to_be_between"}
)
# A birth date the agreement does not allow at all is to be removed, not coarsened.
_NOT_ALLOWED = "failure.birth_date_not_allowed"


def _expectation(failure: Mapping[str, Any]) -> str:
    if failure.get("code") == _NOT_ALLOWED:
        return "expect_table_columns_to_hold_only_allowed_entities"
    return str(failure["expectation"])


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
    """One measure per column and vendor (however many rules the column breaks), one per
    multi-column rule, then context measures (transfers outside the EEA).

    ``verdicts`` and ``exposure`` are the JSON forms written by validation and exposure.
    """
    found: list[Measure] = []
    for verdict in verdicts:
        name = verdict["name"]
        by_column: dict[str, list[Mapping[str, Any]]] = {}
        whole: list[Mapping[str, Any]] = []
        for failure in verdict["failures"]:
            promise = _promise_measure(name, failure)
            if promise is not None:
                found.append(Measure(verdict["vendor"], promise))
                continue
            if failure["expectation"] not in _RULES:
                resolve = Message("measure.resolve", failure=Message.from_dict(failure))
                found.append(Measure(verdict["vendor"], resolve))
            elif failure["expectation"] in _PER_VENDOR or not failure["columns"]:
                whole.append(failure)
            else:
                for column in failure["columns"]:
                    by_column.setdefault(column, []).append(failure)
        for column, failures in by_column.items():
            kind = min((_expectation(f) for f in failures), key=_PRIORITY.index)
            # The entities of the rule the measure answers: a special-category measure names
            # the special categories, not the free text that carried them.
            chosen = [f for f in failures if _expectation(f) == kind]
            entities = tuple(sorted({e for f in chosen for e in f["entities"]}))
            code = _RULES[kind]
            params: dict[str, Any] = {"vendor": name, "columns": (column,)}
            if code in {"measure.special_category", "measure.allowed_entities"}:
                params["entities"] = entities
            found.append(Measure(verdict["vendor"], Message(code, **params)))
        for failure in whole:
            code = _RULES[failure["expectation"]]
            columns = (
                {"columns": tuple(failure["columns"])} if code == "measure.k_anonymity" else {}
            )
            message = Message(code, vendor=name, **columns)
            if all(m.message != message for m in found):
                found.append(Measure(verdict["vendor"], message))
    for vendor in exposure["vendors"]:
        reasons = vendor["reasons"]["likelihood"]
        if any(r["code"] == "outside_eea" for r in reasons):
            found.append(
                Measure(vendor["vendor"], Message("measure.transfer", vendor=vendor["name"]))
            )
    return found
