"""The board's promises, checked row by row: which pupil of the board's exports each feed row is,
and whether the vendor may have that pupil at all.

``board_pupils`` reads the board's exports (ParnasSys, Esis) into ``BoardPupils``: per pupil the
keys shared with vendors (ECK iD, pupil number, BSN or onderwijsnummer; surname plus date of
birth), the school's BRIN, the leaving date and the parents' consents. Everything stays in memory
as arrays; nothing of it is written or returned by a check.

``link_rows`` matches a feed's rows to those pupils on the strongest key both sides hold, in the
order of ``LINK_KEYS``; surname plus date of birth only when no identifier is shared, and said as
such (``basis``). A key that links no row at all is not a key the two share (a vendor's own
borrower number looks like a pupil number): the next key is tried, and a feed that no key links
cannot be verified, never passes.

The four checks (``check_schools``, ``check_consent``, ``check_retention``, ``check_unmatched``)
count, per check and per school, the pupils (for unmatched: the rows) that break a promise. A check
that lacks what it needs (no shared key, no consent column, no leaving dates, no date to measure
on) says so in ``reason`` instead of a count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from stdnum.nl import brin as stdnum_brin

from dpia.detect import header_matches, non_personal_headers, normalise, parse_date
from dpia.register import Duration
from dpia.rules._blanks import filled
from dpia.rules._findings import Finding

Positions = npt.NDArray[np.int64]

# The keys a feed may share with the board, strongest first, and the entity types that hold them.
LINK_KEYS: tuple[str, ...] = ("ECK_ID", "STUDENT_NUMBER", "NATIONAL_ID", "NAME_AND_BIRTH_DATE")
_KEY_ENTITIES: dict[str, frozenset[str]] = {
    "ECK_ID": frozenset({"ECK_ID"}),
    "STUDENT_NUMBER": frozenset({"STUDENT_NUMBER"}),
    "NATIONAL_ID": frozenset({"NL_BSN", "NL_ONDERWIJSNUMMER"}),
}
NAME_AND_BIRTH_DATE = "NAME_AND_BIRTH_DATE"
# A surname column among the name columns (the last word of it is compared: "van Dijk" = "Dijk").
SURNAME_HEADERS: tuple[str, ...] = ("achternaam", "familienaam", "geslachtsnaam", "surname")
LEAVING_HEADERS = non_personal_headers("leaving")
BRIN_HEADERS = non_personal_headers("brin")
CONSENT_WORDS = non_personal_headers("consent")
# What a board export writes for a consent given; anything else (Nee, blank) is no consent.
GRANTED: frozenset[str] = frozenset({"ja", "j", "yes", "y", "true", "1", "x", "akkoord"})
CHECKS: tuple[str, ...] = ("school", "consent", "retention", "unmatched")


@dataclass(frozen=True, eq=False)
class BoardPupils:
    """The board's pupils, one entry per row of its exports (see the module docstring)."""

    keys: dict[str, tuple[pd.Index, Positions]] = field(repr=False)
    """Key kind -> the distinct normalised keys, and the pupil (row) each one names."""
    school: npt.NDArray[np.object_] = field(repr=False)
    left: list[dt.date | None] = field(repr=False)
    consents: dict[str, npt.NDArray[np.bool_]] = field(repr=False)
    """Normalised consent header ("toestemming ouderapp") -> whether each pupil's parents gave it;
    a pupil of an export without that column has not given it."""
    has_school: bool
    has_leaving: bool

    @property
    def pupils(self) -> int:
        return len(self.school)


@dataclass(frozen=True, eq=False)
class Link:
    """Each feed row's pupil in ``BoardPupils`` (-1: none), and the key it was found by."""

    basis: str | None
    columns: tuple[str, ...]
    positions: Positions = field(repr=False)
    reason: str | None = None
    """Why no key links the feed (``no_board``, ``no_shared_key``, ``no_match``)."""

    @property
    def linked(self) -> int:
        return int((self.positions >= 0).sum())


@dataclass(frozen=True)
class PromiseCheck:
    """One check of one feed: counts only, never a key or a value."""

    check: str
    verifiable: bool
    reason: str | None
    basis: str | None
    columns: tuple[str, ...]
    rows: int
    linked: int
    count: int
    by_school: dict[str, int]
    detail: dict[str, str] = field(default_factory=dict)
    """What the check measured against: the consent, the retention and the cut-off date."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "verifiable": self.verifiable,
            "reason": self.reason,
            "basis": self.basis,
            "columns": list(self.columns),
            "rows": self.rows,
            "linked": self.linked,
            "count": self.count,
            "by_school": dict(sorted(self.by_school.items())),
            "detail": dict(sorted(self.detail.items())),
        }


def _normalised(values: pd.Series, kind: str) -> pd.Series:
    """Keys compared without white space (anywhere) and case; national numbers also without dots
    and dashes, as people write them (``1234.56.782``)."""
    text = values.astype(str).str.replace(r"\s+", "", regex=True).str.casefold()
    if kind == "NATIONAL_ID":
        text = text.str.replace(r"[.\-]", "", regex=True)
    return text


def _dates(values: pd.Series) -> list[dt.date | None]:
    """Each cell's date in any form the loader's exports use (``parse_date``), parsed once per
    distinct value."""
    text = values.astype(str).str.strip()
    parsed = {value: parse_date(value) if value else None for value in text.unique()}
    return [parsed[value] for value in text]


def _key_columns(findings: Sequence[Finding], kind: str) -> list[str]:
    entities = _KEY_ENTITIES[kind]
    columns = [f.name for f in findings if f.entity in entities]
    # One BSN and one onderwijsnummer column hold the same key; other kinds: the first column
    # (a second ECK iD column is a teacher's, as in ``subject_codes``).
    return columns if kind == "NATIONAL_ID" else columns[:1]


def _surname_birth(frame: pd.DataFrame, findings: Sequence[Finding]) -> tuple[str, ...]:
    surname = [
        f.name for f in findings if f.entity == "PERSON" and header_matches(f.name, SURNAME_HEADERS)
    ]
    births = [f.name for f in findings if f.entity == "DATE_OF_BIRTH"]
    return (surname[0], births[0]) if surname and births else ()


def _keys(
    frame: pd.DataFrame, findings: Sequence[Finding], kind: str
) -> tuple[tuple[str, ...], pd.Series | None]:
    """The columns and the normalised key per row of ``kind`` in ``frame`` ("" where blank)."""
    if kind == NAME_AND_BIRTH_DATE:
        columns = _surname_birth(frame, findings)
        if not columns:
            return (), None
        last = frame[columns[0]].astype(str).str.strip().str.split().str[-1].fillna("")
        born = pd.Series(
            [d.isoformat() if d else "" for d in _dates(frame[columns[1]])], index=frame.index
        )
        key = last.str.casefold() + "|" + born
        key[(last == "") | (born == "")] = ""
        return columns, key
    columns = tuple(_key_columns(findings, kind))
    if not columns:
        return (), None
    key = pd.Series("", index=frame.index, dtype=object)
    for column in columns:  # the first filled of the columns
        values = _normalised(frame[column], kind)
        key = key.where(key != "", values.where(filled(frame[column]), ""))
    return columns, key


def _consent_header(header: str) -> str | None:
    """``toestemming ouderapp`` for a header ``Toestemming ouderapp``/``toestemming_ouderapp``."""
    norm = normalise(header)
    if any(norm.startswith(word + " ") for word in CONSENT_WORDS):
        return norm
    return None


def consent_header(consent: str) -> str:
    """The normalised header of the board-export column that records ``consent``."""
    return normalise(f"{CONSENT_WORDS[0]} {consent}")


def board_pupils(exports: Sequence[tuple[pd.DataFrame, Sequence[Finding]]]) -> BoardPupils:
    """The pupils of the board's exports (frame and column findings per export)."""
    keys: dict[str, list[pd.Series]] = {kind: [] for kind in LINK_KEYS}
    schools: list[npt.NDArray[np.object_]] = []
    left: list[dt.date | None] = []
    consent_parts: dict[str, list[tuple[int, npt.NDArray[np.bool_]]]] = {}
    has_school = has_leaving = False
    offset = 0
    for frame, findings in exports:
        rows = len(frame)
        for kind in LINK_KEYS:
            _, key = _keys(frame, findings, kind)
            keys[kind].append(key if key is not None else pd.Series([""] * rows, dtype=object))
        brin = [c for c in frame.columns if header_matches(str(c), BRIN_HEADERS)]
        if brin:
            has_school = True
            codes = frame[brin[0]].astype(str).str.strip().str.upper().str[:4]
            schools.append(codes.to_numpy(dtype=object))
        else:
            schools.append(np.full(rows, "", dtype=object))
        leaving = [c for c in frame.columns if header_matches(str(c), LEAVING_HEADERS)]
        if leaving:
            has_leaving = True
            left.extend(_dates(frame[leaving[0]]))
        else:
            left.extend([None] * rows)
        for column in frame.columns:
            header = _consent_header(str(column))
            if header is not None:
                given = frame[column].astype(str).str.strip().str.casefold().isin(GRANTED)
                consent_parts.setdefault(header, []).append((offset, given.to_numpy(dtype=bool)))
        offset += rows
    consents: dict[str, npt.NDArray[np.bool_]] = {}
    for header, parts in consent_parts.items():
        given = np.zeros(offset, dtype=bool)
        for start, values in parts:
            given[start : start + len(values)] = values
        consents[header] = given
    school = np.concatenate(schools) if schools else np.array([], dtype=object)
    return BoardPupils(
        keys=_indexes(keys, left),
        school=school,
        left=left,
        consents=consents,
        has_school=has_school,
        has_leaving=has_leaving,
    )


def _indexes(
    keys: dict[str, list[pd.Series]], left: list[dt.date | None]
) -> dict[str, tuple[pd.Index, Positions]]:
    """Per key kind, an index from key to pupil. A key on several rows (a pupil re-enrolled, or in
    both exports) is one pupil: the current record wins, else the one who left last."""
    latest = pd.Series([(d or dt.date.max).toordinal() for d in left], dtype=np.int64)
    indexes: dict[str, tuple[pd.Index, Positions]] = {}
    for kind, parts in keys.items():
        values = (
            pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype=object)
        ).astype(object)
        order = pd.DataFrame({"key": values, "latest": latest, "row": np.arange(len(values))})
        order = order[order["key"] != ""].sort_values(["latest", "row"], ascending=[False, True])
        order = order.drop_duplicates("key", keep="first")
        indexes[kind] = (
            pd.Index(order["key"].to_numpy(dtype=object)),
            order["row"].to_numpy(dtype=np.int64),
        )
    return indexes


def link_rows(frame: pd.DataFrame, findings: Sequence[Finding], board: BoardPupils | None) -> Link:
    """Each row's pupil of ``board`` by the strongest key both hold (module docstring)."""
    none = np.full(len(frame), -1, dtype=np.int64)
    if board is None or board.pupils == 0:
        return Link(None, (), none, "no_board")
    tried: list[str] = []
    for kind in LINK_KEYS:
        columns, key = _keys(frame, findings, kind)
        index, rows = board.keys[kind]
        if key is None or len(index) == 0:
            continue
        found = index.get_indexer(key.to_numpy(dtype=object))
        positions = np.where(found >= 0, rows[np.maximum(found, 0)], -1).astype(np.int64)
        positions[(key == "").to_numpy()] = -1
        if (positions >= 0).any():
            return Link(kind, columns, positions)
        tried.extend(columns)
    return Link(None, tuple(tried), none, "no_match" if tried else "no_shared_key")


def _counted(
    check: str, link: Link, board: BoardPupils, bad: npt.NDArray[np.bool_], detail: dict[str, str]
) -> PromiseCheck:
    """Distinct linked pupils for which ``bad`` (per board row) holds, per school."""
    pupils = np.unique(link.positions[link.positions >= 0])
    hit = pupils[bad[pupils]]
    by_school = Counter(str(board.school[p]) for p in hit)
    return PromiseCheck(
        check,
        True,
        None,
        link.basis,
        link.columns,
        len(link.positions),
        link.linked,
        int(hit.size),
        dict(by_school),
        detail,
    )


def _unverifiable(check: str, link: Link, reason: str, detail: dict[str, str]) -> PromiseCheck:
    return PromiseCheck(
        check,
        False,
        reason,
        link.basis,
        link.columns,
        len(link.positions),
        link.linked,
        0,
        {},
        detail,
    )


def _linked_or_reason(link: Link) -> str | None:
    return None if link.basis is not None else (link.reason or "no_shared_key")


def check_schools(link: Link, board: BoardPupils | None, schools: Collection[str]) -> PromiseCheck:
    """Pupils whose school (in the board's export) the agreement does not cover."""
    detail = {"schools": ", ".join(sorted(schools))}
    reason = _linked_or_reason(link)
    if board is None or reason is not None:
        return _unverifiable("school", link, reason or "no_board", detail)
    if not board.has_school:
        return _unverifiable("school", link, "no_school_column", detail)
    served = {str(stdnum_brin.compact(code))[:4] for code in schools}
    bad = np.array([code not in served for code in board.school], dtype=bool)
    return _counted("school", link, board, bad, detail)


def check_consent(link: Link, board: BoardPupils | None, consent: str) -> PromiseCheck:
    """Pupils whose parents did not give ``consent`` (as the board's export records it)."""
    detail = {"consent": consent}
    reason = _linked_or_reason(link)
    if board is None or reason is not None:
        return _unverifiable("consent", link, reason or "no_board", detail)
    given = board.consents.get(consent_header(consent))
    if given is None:
        return _unverifiable("consent", link, "no_consent_column", detail)
    return _counted("consent", link, board, ~given, detail)


def check_retention(
    link: Link, board: BoardPupils | None, period: Duration, on: dt.date | None
) -> PromiseCheck:
    """Pupils who left longer than ``period`` before ``on`` (the feed's or the export's date)."""
    detail = {"retention": period.text}
    reason = _linked_or_reason(link)
    if board is None or reason is not None:
        return _unverifiable("retention", link, reason or "no_board", detail)
    if on is None:
        return _unverifiable("retention", link, "no_date", detail)
    if not board.has_leaving:
        return _unverifiable("retention", link, "no_leaving_dates", detail)
    detail["date"] = on.isoformat()
    overdue = {d: period.after(d) < on for d in set(board.left) if d is not None}
    bad = np.array([d is not None and overdue[d] for d in board.left], dtype=bool)
    hit_left = [board.left[p] for p in np.unique(link.positions[link.positions >= 0]) if bad[p]]
    if hit_left:
        # The most recent leaving date among them: "delete the pupils who left on or before ..."
        detail["left_by"] = max(d for d in hit_left if d is not None).isoformat()
    return _counted("retention", link, board, bad, detail)


def check_unmatched(link: Link) -> PromiseCheck:
    """Rows that are no pupil of the board (a blank key included: nobody can tell whose it is)."""
    reason = _linked_or_reason(link)
    if reason is not None:
        return _unverifiable("unmatched", link, reason, {})
    count = int((link.positions < 0).sum())
    return PromiseCheck(
        "unmatched",
        True,
        None,
        link.basis,
        link.columns,
        len(link.positions),
        link.linked,
        count,
        {},
        {},
    )
