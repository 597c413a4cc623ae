"""Failed expectations as messages for the privacy officer rather than the engineer.

``failures(evr)`` turns one failed Great Expectations result (JSON form) into ``Failure``s, one per
column where that reads best, each with a ``Message`` ("stuurt BSN in kolom `bsn`: 1.980
waarden" / "sends BSN in column `bsn`: 1,980 values"; the words are in ``dpia.messages``). Only
column names, entity types and counts are used: the results hold no values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import dpia.minimise._suites as suites
from dpia.messages import Message, exists
from dpia.minimise._verdicts import Failure


def _failure(
    kind: str, found: Mapping[str, Any], entities: Sequence[str], message: Message
) -> Failure:
    count = found.get("count")
    share = found.get("share")
    return Failure(
        expectation=kind,
        columns=(str(found["column"]),),
        entities=tuple(entities),
        count=None if count is None else int(count),
        share=None if share is None else float(share),
        message=message,
    )


def _sends(code: str, found: Mapping[str, Any]) -> Message:
    """A message naming the entity type found, its column and its number of cells."""
    return Message(
        code, entity=str(found["entity"]), column=str(found["column"]), count=int(found["count"])
    )


def _allowed(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    return [
        _failure(kind, f, [str(f["entity"])], _sends("failure.allowed_entities", f))
        for f in details["columns"]
    ]


def _national_id(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    return [
        _failure(kind, f, [str(f["entity"])], _sends("failure.national_id", f))
        for f in details["columns"]
    ]


def _special(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    def message(found: Mapping[str, Any]) -> Message:
        most_first = sorted(found["mentions"].items(), key=lambda item: -item[1])
        return Message(
            "failure.special_category",
            column=str(found["column"]),
            count=int(found["count"]),
            mentions=tuple(
                Message("failure.mention", entity=str(entity), count=int(n))
                for entity, n in most_first
            ),
        )

    return [_failure(kind, f, sorted(f["mentions"]), message(f)) for f in details["columns"]]


def _birth_date(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    form = str(kwargs.get("form"))
    form_code = f"failure.birth_date_form.{form}"
    # A form the catalogue does not know (a suite edited by hand) is named as it is.
    allowed = Message(form_code) if exists(form_code) else form

    def message(found: Mapping[str, Any]) -> Message:
        column, count = str(found["column"]), int(found["count"])
        if form == "none":
            return Message("failure.birth_date_not_allowed", column=column, count=count)
        return Message(
            "failure.birth_date_too_precise", column=column, count=count, allowed=allowed
        )

    return [_failure(kind, f, ["DATE_OF_BIRTH"], message(f)) for f in details["columns"]]


def _k_anonymity(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    k, threshold = int(details["k"]), int(details["threshold"])
    columns = tuple(str(c) for c in details["columns"])
    share = float(details["share_at_risk"])
    message = Message("failure.k_anonymity", k=k, threshold=threshold, columns=columns, share=share)
    return [
        Failure(
            expectation=kind,
            columns=columns,
            entities=(),
            count=k,
            share=share,
            message=message,
        )
    ]


def _identifier(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    identifier = str(kwargs.get("identifier"))

    def message(found: Mapping[str, Any]) -> Message:
        column, count = str(found["column"]), int(found["count"])
        if identifier == "BRIN" and kwargs.get("unserved") is False:
            return Message("failure.brin_malformed", column=column, count=count)
        if identifier == "BRIN":
            return Message(
                "failure.brin",
                malformed=int(found["malformed"]),
                unserved=int(found["unserved"]),
                column=column,
                count=count,
            )
        return Message("failure.eck_id", column=column, count=count)

    entities = ["ECK_ID"] if identifier == "ECK_ID" else []
    return [_failure(kind, f, entities, message(f)) for f in details["columns"]]


def _row_count(kind: str, result: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    rows = int(result["observed_value"])
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    margin = suites.ROW_MARGIN_PERCENT
    message = (
        Message("failure.row_count", rows=rows, low=int(low or 0), high=int(high), margin=margin)
        if high
        else Message("failure.row_count_at_least", rows=rows, low=int(low or 0), margin=margin)
    )
    return [
        Failure(
            expectation=kind,
            columns=(),
            entities=(),
            count=rows,
            share=None,
            message=message,
        )
    ]


def promise_link(details: Mapping[str, Any]) -> Message:
    """How the feed was linked to the board's pupils: each key with its column and the rows it
    linked, strongest first (surname and date of birth said plainly to be the weakest)."""
    key_columns = details.get("key_columns") or {}
    keys = tuple(
        Message(
            f"promise.link.{kind}",
            columns=tuple(str(c) for c in key_columns.get(kind, ())),
            rows=int(rows),
        )
        for kind, rows in (details.get("by_key") or {}).items()
    )
    return Message("promise.linked", keys=keys)


def promise_name(details: Mapping[str, Any]) -> Message:
    """A check of the board's promises by name, with its terms (the consent, the retention)."""
    terms = {k: str(v) for k, v in details["detail"].items() if k in ("consent", "retention")}
    return Message(f"promise.check.{details['check']}", **terms)


def promise_reason(details: Mapping[str, Any]) -> Message:
    """Why a check of the board's promises could not be made (or, for ``no_match``, why no row
    is linked)."""
    reason = str(details["reason"])
    if reason == "no_match":
        return Message("promise.reason.no_match", columns=tuple(details["columns"]))
    if reason == "no_consent_column":
        consent = str(details["detail"]["consent"])
        return Message("promise.reason.no_consent_column", header=f"Toestemming {consent}")
    return Message(f"promise.reason.{reason}")


def _by_school(details: Mapping[str, Any]) -> dict[str, int]:
    return {str(school): int(n) for school, n in sorted(details["by_school"].items())}


def _promise(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    """A check of the board's promises: counts per school, or why it cannot be verified."""
    columns = tuple(str(c) for c in details["columns"])
    if not details["verifiable"]:
        message = Message(
            "failure.unverifiable", checks=(promise_name(details),), reason=promise_reason(details)
        )
        return [Failure(kind, columns, (), None, None, message)]
    count, rows = int(details["count"]), max(int(details["rows"]), 1)
    by_school = _by_school(details)
    schools = tuple(
        Message("failure.per_school", school=school, count=n) for school, n in by_school.items()
    )
    terms = details["detail"]
    check = str(details["check"])
    if check == "school":
        message = Message(
            "failure.unserved_school", count=count, schools=schools, link=promise_link(details)
        )
    elif check == "consent":
        message = Message(
            "failure.no_consent",
            count=count,
            consent=str(terms["consent"]),
            schools=schools,
            link=promise_link(details),
        )
    elif check == "retention":
        message = Message(
            "failure.retention",
            count=count,
            retention=str(terms["retention"]),
            date=str(terms["date"]),
            left_by=str(terms["left_by"]),
            schools=schools,
            link=promise_link(details),
        )
    elif details.get("basis") is None:
        # Key columns of the kinds the board holds, but not one row links: every row unmatched.
        message = Message(
            "failure.unmatched_all",
            count=count,
            columns=columns,
            unchecked=Message("promise.unchecked_none"),
        )
    else:
        message = Message("failure.unmatched", count=count, link=promise_link(details))
    return [Failure(kind, columns, (), count, count / rows, message, by_school)]


def merged(found: Sequence[Failure]) -> list[Failure]:
    """The failures of one feed with each cause said once: the checks of the board's promises
    that cannot be verified for the same reason become one failure naming them all (in the place
    of the first); those that have no linked pupil to judge because no row of the feed links
    are named in the failure that says every row is unmatched, which is their cause."""
    unverifiable: dict[Message, list[Failure]] = {}
    for failure in found:
        if failure.message.code == "failure.unverifiable":
            unverifiable.setdefault(_param(failure.message, "reason"), []).append(failure)
    everything = [f for f in found if f.message.code == "failure.unmatched_all"]
    no_pupil = Message("promise.reason.no_linked_rows")
    result: list[Failure] = []
    for failure in found:
        message = failure.message
        if message.code == "failure.unmatched_all" and no_pupil in unverifiable:
            checks = tuple(
                c for f in unverifiable[no_pupil] for c in _as_tuple(_param(f.message, "checks"))
            )
            unchecked = Message("promise.unchecked", checks=checks)
            result.append(replace(failure, message=_with(message, unchecked=unchecked)))
        elif message.code != "failure.unverifiable":
            result.append(failure)
        else:
            reason = _param(message, "reason")
            if reason == no_pupil and everything:
                continue  # said by the unmatched rows, their cause
            group = unverifiable[reason]
            if failure is not group[0]:
                continue
            checks = tuple(c for f in group for c in _as_tuple(_param(f.message, "checks")))
            columns = tuple(dict.fromkeys(c for f in group for c in f.columns))
            # The link is the rows' match with the board: its home is the unmatched check.
            kinds = [f.expectation for f in group]
            kind = suites.MATCH_BOARD if suites.MATCH_BOARD in kinds else kinds[0]
            result.append(
                replace(
                    failure,
                    expectation=kind,
                    columns=columns,
                    message=_with(message, checks=checks),
                )
            )
    return result


def _param(message: Message, name: str) -> Any:
    return dict(message.params)[name]


def _with(message: Message, **params: Any) -> Message:
    return Message(message.code, **{**dict(message.params), **params})


def _as_tuple(value: object) -> tuple[Message, ...]:
    return tuple(v for v in value if isinstance(v, Message)) if isinstance(value, tuple) else ()


def _other(kind: str, kwargs: Mapping[str, Any]) -> list[Failure]:
    """An expectation added to a suite by hand: named, with its column if it has one."""
    column = kwargs.get("column")
    columns = (str(column),) if column is not None else ()
    message = (
        Message("failure.other_in_column", check=kind, column=str(column))
        if column is not None
        else Message("failure.other", check=kind)
    )
    return [
        Failure(
            expectation=kind,
            columns=columns,
            entities=(),
            count=None,
            share=None,
            message=message,
        )
    ]


def error(kind: str, exception: str) -> Failure:
    """An expectation that raised instead of answering: a failure, never a pass."""
    return Failure(
        expectation=kind,
        columns=(),
        entities=(),
        count=None,
        share=None,
        message=Message("failure.error", check=kind, error=exception),
    )


_BY_DETAILS = {
    suites.ALLOWED_ENTITIES: _allowed,
    suites.NO_NATIONAL_ID: _national_id,
    suites.NO_SPECIAL_CATEGORY: _special,
    suites.BIRTH_DATE_COARSENED: _birth_date,
    suites.K_ANONYMOUS: _k_anonymity,
    suites.IDENTIFIERS_WELL_FORMED: _identifier,
    **{kind: _promise for kind in suites.PROMISES},
}


def failures(kind: str, kwargs: Mapping[str, Any], result: Mapping[str, Any]) -> list[Failure]:
    """The failures behind one unsuccessful expectation result (``result`` as GX returns it)."""
    details = result.get("details")
    if kind in _BY_DETAILS and isinstance(details, Mapping):
        return _BY_DETAILS[kind](kind, details, kwargs) or _other(kind, kwargs)
    if kind == suites.ROW_COUNT and result.get("observed_value") is not None:
        return _row_count(kind, result, kwargs)
    return _other(kind, kwargs)
