"""The board's promises, checked row by row: which pupil of the board's exports each feed row is,
and whether the vendor may have that pupil at all.

``board_pupils`` reads the board's exports (ParnasSys, Esis) into ``BoardPupils``: per pupil the
keys shared with vendors (ECK iD, pupil number, BSN or onderwijsnummer; surname plus date of
birth), the school's BRIN, the leaving date and the parents' consents. Everything stays in memory
as arrays; nothing of it is written or returned by a check.

``link_rows`` matches each feed row to a pupil on the strongest key of ``LINK_KEYS`` that the row
holds and the two files share: a row with a blank ECK iD but a pupil number links on the pupil
number. A row whose strongest filled key matches nobody stays unmatched (a weaker key does not
overrule a stronger one). A key kind that links no row at all is not one the two share (a
vendor's own borrower number looks like a pupil number) and is passed over. Surname plus date of
birth is the last resort, and said as such. The link counts the rows linked on each key.

The four checks (``check_schools``, ``check_consent``, ``check_retention``, ``check_unmatched``)
count, per check and per school, the pupils (for unmatched: the rows) that break a promise. A feed
that cannot be linked at all (``LINK_REASONS``: the board's exports are missing, the feed shares
no key column with them, or it has no rows) cannot be verified by any check. A feed whose key
columns match no pupil is verified: all its rows are unmatched, and the other three checks, with
no pupil to judge, say ``no_linked_rows``. A check that lacks what it needs (no consent column,
no leaving dates, no date to measure on) says so in ``reason`` instead of a count.

Vectorised: keys are normalised and looked up with Arrow compute kernels, dates parsed once per
distinct value; no Python loop runs per row (``bench/linking.py``). The steps work on any batch
of a feed's rows (``key_values``, ``board_pupil_of``, ``decide_rows``) apart from two that need
the whole feed (``board_key_sources`` with which kinds link any row, and ``link_outcome``), so
the Spark link (``dpia.rules.link_spark``) applies the same rules; the checks read a ``Linkage``,
which either link is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from stdnum.nl import brin as stdnum_brin

from dpia.detect import header_matches, non_personal_headers, normalise, parse_date
from dpia.register import Duration
from dpia.rules._blanks import Mask
from dpia.rules._findings import Finding

Positions = npt.NDArray[np.int64]
Ordinals = npt.NDArray[np.int64]
"""Dates as proleptic ordinals (``date.toordinal()``), 0 where there is none."""

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
# Why a feed cannot be linked at all: then no check can be made (said once per feed).
LINK_REASONS: tuple[str, ...] = ("no_board", "no_shared_key", "no_rows")
_EPOCH = dt.date(1970, 1, 1).toordinal()
# Every character Python's ``str.split()`` splits on, as an RE2 class: keys are compared
# without any of them (RE2's own ``\s`` misses some).
_SPACE = "[" + "".join(f"\\x{{{c:04x}}}" for c in range(0x3001) if chr(c).isspace()) + "]+"


@dataclass(frozen=True, eq=False)
class BoardPupils:
    """The board's pupils, one entry per row of its exports (see the module docstring)."""

    keys: dict[str, tuple[pa.Array, Positions]] = field(repr=False)
    """Key kind -> the distinct normalised keys, and the pupil (row) each one names."""
    school: npt.NDArray[np.object_] = field(repr=False)
    left: Ordinals = field(repr=False)
    consents: dict[str, npt.NDArray[np.bool_]] = field(repr=False)
    """Normalised consent header ("toestemming ouderapp") -> whether each pupil's parents gave it;
    a pupil of an export without that column has not given it."""
    has_school: bool
    has_leaving: bool

    @property
    def pupils(self) -> int:
        return len(self.school)


class Linkage(Protocol):
    """What the checks read of a feed's link to the board's pupils: ``Link`` (the rows in
    memory) or the link Spark aggregates (``dpia.rules.link_spark``)."""

    @property
    def basis(self) -> str | None: ...

    @property
    def columns(self) -> tuple[str, ...]: ...

    @property
    def reason(self) -> str | None: ...

    @property
    def by_key(self) -> dict[str, int]: ...

    @property
    def key_columns(self) -> dict[str, tuple[str, ...]]: ...

    @property
    def rows(self) -> int: ...

    @property
    def linked(self) -> int: ...

    @property
    def pupils(self) -> Positions:
        """The distinct pupils linked (board rows), sorted."""
        ...

    @property
    def verifiable(self) -> bool: ...


@dataclass(frozen=True, eq=False)
class Link:
    """Each feed row's pupil in ``BoardPupils`` (-1: none), and the keys it was found by."""

    basis: str | None
    """The strongest key that linked any row, ``None`` when none did."""
    columns: tuple[str, ...]
    """The feed's key columns: those of the keys that linked, else those tried."""
    positions: Positions = field(repr=False)
    reason: str | None = None
    """Why no row is linked: ``LINK_REASONS``, or ``no_match`` (key columns, no pupil)."""
    by_key: dict[str, int] = field(default_factory=dict)
    """Key kind -> the rows linked on it, strongest first (only kinds that linked a row)."""
    key_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Key kind -> the feed's columns it was read from (the kinds of ``by_key``)."""

    @property
    def rows(self) -> int:
        return len(self.positions)

    @property
    def linked(self) -> int:
        return int((self.positions >= 0).sum())

    @cached_property
    def pupils(self) -> Positions:
        """The distinct pupils linked (board rows), sorted; computed once for every check."""
        found: Positions = np.unique(self.positions[self.positions >= 0])
        return found

    @property
    def verifiable(self) -> bool:
        """Whether the rows could be compared with the board's pupils at all."""
        return verifiable(self.reason)


def verifiable(reason: str | None) -> bool:
    """Whether a link with this ``reason`` compared the rows with the board's pupils at all."""
    return reason not in LINK_REASONS


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
    by_key: dict[str, int] = field(default_factory=dict)
    """Rows linked per key kind (``Link.by_key``)."""
    key_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The feed's columns per key kind (``Link.key_columns``)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "verifiable": self.verifiable,
            "reason": self.reason,
            "basis": self.basis,
            "by_key": {kind: self.by_key[kind] for kind in LINK_KEYS if kind in self.by_key},
            "columns": list(self.columns),
            "key_columns": {
                k: list(self.key_columns[k]) for k in LINK_KEYS if k in self.key_columns
            },
            "rows": self.rows,
            "linked": self.linked,
            "count": self.count,
            "by_school": dict(sorted(self.by_school.items())),
            "detail": dict(sorted(self.detail.items())),
        }


def _text(values: pd.Series) -> pa.Array:
    """The cells as an Arrow string array (every cell text, as the loader gives them); pandas'
    own Arrow-backed strings are taken as they are."""
    text = pa.array(values.astype(str))
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    return text.cast(pa.large_string())


def _normalised(values: pd.Series, kind: str) -> pa.Array:
    """Keys compared without white space (anywhere) and case; national numbers also without dots
    and dashes, as people write them (``1234.56.782``). Blank cells become ``""``."""
    text = pc.utf8_lower(pc.replace_substring_regex(_text(values), _SPACE, ""))
    if kind == "NATIONAL_ID":
        text = pc.replace_substring_regex(text, r"[.\-]", "")
    if not pc.all(pc.string_is_ascii(text)).as_py():
        # casefold (``ß`` = ``ss``) where Arrow's lower case differs: non-ASCII keys only
        ascii_ = pc.string_is_ascii(text).to_numpy(zero_copy_only=False)
        cells = text.to_numpy(zero_copy_only=False).astype(object)
        cells[~ascii_] = [str(c).casefold() for c in cells[~ascii_]]
        text = pa.array(cells, type=pa.large_string())
    return text


def _dates(values: pd.Series) -> Ordinals:
    """Each cell's date (``parse_date``: any form the loader's exports use) as an ordinal, 0 when
    blank or no date; parsed once per distinct value."""
    codes, distinct = pd.factorize(values.astype(str).str.strip(), use_na_sentinel=False)
    parsed = [parse_date(str(v)) if v else None for v in distinct]
    ordinals = np.array([d.toordinal() if d else 0 for d in parsed] or [0], dtype=np.int64)
    result: Ordinals = ordinals[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    return result


def _key_columns(findings: Sequence[Finding], kind: str) -> list[str]:
    entities = _KEY_ENTITIES[kind]
    columns = [f.name for f in findings if f.entity in entities]
    # One BSN and one onderwijsnummer column hold the same key; other kinds: the first column
    # (a second ECK iD column is a teacher's, as in ``subject_codes``).
    return columns if kind == "NATIONAL_ID" else columns[:1]


def _surname_birth(findings: Sequence[Finding]) -> tuple[str, ...]:
    surname = [
        f.name for f in findings if f.entity == "PERSON" and header_matches(f.name, SURNAME_HEADERS)
    ]
    births = [f.name for f in findings if f.entity == "DATE_OF_BIRTH"]
    return (surname[0], births[0]) if surname and births else ()


def key_source(findings: Sequence[Finding], kind: str) -> tuple[str, ...]:
    """The feed's columns that hold the key ``kind`` (none: the feed lacks it)."""
    if kind == NAME_AND_BIRTH_DATE:
        return _surname_birth(findings)
    return tuple(_key_columns(findings, kind))


def key_values(frame: pd.DataFrame, columns: Sequence[str], kind: str) -> pa.Array:
    """The normalised key ``kind`` per row of ``frame`` (a feed or a batch of its rows), read
    from ``columns`` (``key_source``); "" where blank."""
    if kind == NAME_AND_BIRTH_DATE:
        words = frame[columns[0]].astype(str).str.split()
        last = _normalised(words.str[-1].fillna(""), kind)
        born = _dates(frame[columns[1]])
        iso = np.datetime_as_string((born - _EPOCH).astype("datetime64[D]"), unit="D")
        day = pa.array(np.where(born > 0, iso, "").astype(object), type=pa.large_string())
        blank = pc.or_(pc.equal(last, ""), pc.equal(day, ""))
        joined = pc.binary_join_element_wise(last, day, pa.scalar("|", pa.large_string()))
        key: pa.Array = pc.if_else(blank, pa.scalar("", pa.large_string()), joined)
        return key
    key = _normalised(frame[columns[0]], kind)
    for column in columns[1:]:  # the first filled of the columns
        key = pc.if_else(pc.equal(key, ""), _normalised(frame[column], kind), key)
    return key


def _keys(
    frame: pd.DataFrame, findings: Sequence[Finding], kind: str
) -> tuple[tuple[str, ...], pa.Array | None]:
    """The columns and the normalised key per row of ``kind`` in ``frame`` ("" where blank)."""
    columns = key_source(findings, kind)
    return columns, key_values(frame, columns, kind) if columns else None


def _consent_header(header: str) -> str | None:
    """``toestemming ouderapp`` for a header ``Toestemming ouderapp``/``toestemming_ouderapp``."""
    norm = normalise(header)
    if any(norm.startswith(word + " ") for word in CONSENT_WORDS):
        return norm
    return None


def consent_header(consent: str) -> str:
    """The normalised header of the board-export column that records ``consent``."""
    return normalise(f"{CONSENT_WORDS[0]} {consent}")


def board_columns(header: Sequence[str], findings: Sequence[Finding]) -> tuple[str, ...]:
    """The columns of a board export that ``board_pupils`` reads, in column order: the key
    columns, and those whose header names a BRIN, a leaving date or a consent. ``board_pupils``
    of only these columns equals that of the whole export."""
    wanted = {c for kind in _KEY_ENTITIES for c in _key_columns(findings, kind)}
    wanted.update(_surname_birth(findings))
    return tuple(
        column
        for column in header
        if column in wanted
        or header_matches(column, BRIN_HEADERS)
        or header_matches(column, LEAVING_HEADERS)
        or _consent_header(column) is not None
    )


def board_pupils(exports: Sequence[tuple[pd.DataFrame, Sequence[Finding]]]) -> BoardPupils:
    """The pupils of the board's exports (frame and column findings per export)."""
    keys: dict[str, list[pa.Array]] = {kind: [] for kind in LINK_KEYS}
    schools: list[npt.NDArray[np.object_]] = []
    left: list[Ordinals] = []
    consent_parts: dict[str, list[tuple[int, npt.NDArray[np.bool_]]]] = {}
    has_school = has_leaving = False
    offset = 0
    for frame, findings in exports:
        rows = len(frame)
        for kind in LINK_KEYS:
            _, key = _keys(frame, findings, kind)
            keys[kind].append(key if key is not None else pa.array([""] * rows, pa.large_string()))
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
            left.append(_dates(frame[leaving[0]]))
        else:
            left.append(np.zeros(rows, dtype=np.int64))
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
    left_all = np.concatenate(left) if left else np.zeros(0, dtype=np.int64)
    return BoardPupils(
        keys=_indexes(keys, left_all),
        school=school,
        left=left_all,
        consents=consents,
        has_school=has_school,
        has_leaving=has_leaving,
    )


def _indexes(
    keys: dict[str, list[pa.Array]], left: Ordinals
) -> dict[str, tuple[pa.Array, Positions]]:
    """Per key kind, the distinct keys and the pupil each names. A key on several rows (a pupil
    re-enrolled, or in both exports) is one pupil: the current record wins, else the one who left
    last, else the first."""
    # Current records (no leaving date) sort first, then the latest leaving date, then row order.
    latest = np.where(left > 0, left, np.iinfo(np.int64).max)
    indexes: dict[str, tuple[pa.Array, Positions]] = {}
    for kind, parts in keys.items():
        values = pa.concat_arrays(parts) if parts else pa.array([], pa.large_string())
        filled = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
        rows = np.flatnonzero(filled).astype(np.int64)
        keep = rows[np.lexsort((rows, -latest[rows]))] if len(rows) else rows
        kept = values.take(pa.array(keep))
        distinct = pc.unique(kept)
        # index_in finds each key's first place in ``kept``: its winning record
        first = pc.index_in(distinct, value_set=kept).to_numpy(zero_copy_only=False)
        indexes[kind] = (distinct, keep[first.astype(np.int64)])
    return indexes


def link_rows(frame: pd.DataFrame, findings: Sequence[Finding], board: BoardPupils | None) -> Link:
    """Each row's pupil of ``board`` by the strongest key the row holds and both share (module
    docstring)."""
    rows = len(frame)
    if board is None or board.pupils == 0:
        return Link(None, (), np.full(rows, -1, dtype=np.int64), "no_board")
    shared: list[tuple[str, tuple[str, ...]]] = []
    candidates: list[tuple[Mask, Positions]] = []
    tried: list[str] = []
    for kind, columns in board_key_sources(findings, board):
        key = key_values(frame, columns, kind)
        tried.extend(columns)
        held = pc.not_equal(key, "").to_numpy(zero_copy_only=False)
        found = board_pupil_of(key, board, kind)
        if not (held & (found >= 0)).any():
            continue  # links no row: not a key the two files share
        shared.append((kind, columns))
        candidates.append((held, found))
    positions, basis = decide_rows(rows, candidates)
    linked_by = {kind: int((basis == i).sum()) for i, (kind, _) in enumerate(shared)}
    basis_kind, columns, reason, by_key, key_columns = link_outcome(shared, linked_by, tried, rows)
    return Link(basis_kind, columns, positions, reason, by_key, key_columns)


def board_key_sources(
    findings: Sequence[Finding], board: BoardPupils
) -> list[tuple[str, tuple[str, ...]]]:
    """The key kinds, strongest first, that both the feed (these columns) and the board hold."""
    found = ((kind, key_source(findings, kind)) for kind in LINK_KEYS)
    return [(kind, columns) for kind, columns in found if columns and len(board.keys[kind][0])]


def board_pupil_of(key: pa.Array, board: BoardPupils, kind: str) -> Positions:
    """The pupil (board row) each of the normalised keys ``kind`` names, -1 for none."""
    distinct, pupil = board.keys[kind]
    found = pc.fill_null(pc.index_in(key, value_set=distinct), -1)
    where = found.to_numpy(zero_copy_only=False).astype(np.int64)
    named: Positions = np.where(where >= 0, pupil[np.maximum(where, 0)], -1)
    return named


def decide_rows(
    rows: int, candidates: Sequence[tuple[Mask, Positions]]
) -> tuple[Positions, Positions]:
    """Each row's pupil (-1: none) and the candidate that linked it (-1: none), from per shared
    key kind, strongest first, whether the row holds the key and the pupil it names (-1). The
    strongest key a row holds decides: a weaker key does not overrule one that names nobody.
    Row by row, so a batch of a feed's rows is decided as the whole feed would be."""
    positions: Positions = np.full(rows, -1, dtype=np.int64)
    basis: Positions = np.full(rows, -1, dtype=np.int64)
    decided = np.zeros(rows, dtype=bool)  # the row holds a stronger key that links feeds
    for i, (held, named) in enumerate(candidates):
        use = ~decided & held
        linked = use & (named >= 0)
        positions[linked] = named[linked]
        basis[linked] = i
        decided |= use
    return positions, basis


def link_outcome(
    shared: Sequence[tuple[str, tuple[str, ...]]],
    linked_by: dict[str, int],
    tried: Sequence[str],
    rows: int,
) -> tuple[str | None, tuple[str, ...], str | None, dict[str, int], dict[str, tuple[str, ...]]]:
    """A link's basis, columns, reason, rows per key kind and their columns, from the shared key
    kinds (with their columns, strongest first), the rows each linked, the columns tried and the
    feed's rows."""
    # A weaker key of rows that all had a stronger one is not named.
    by_key = {kind: linked_by[kind] for kind, _ in shared if linked_by.get(kind)}
    key_columns = {kind: columns for kind, columns in shared if kind in by_key}
    if by_key:
        used = tuple(c for columns in key_columns.values() for c in columns)
        return next(iter(by_key)), used, None, by_key, key_columns
    if not tried:
        return None, (), "no_shared_key", {}, {}
    return None, tuple(tried), "no_rows" if rows == 0 else "no_match", {}, {}


def _counted(
    check: str,
    link: Linkage,
    board: BoardPupils,
    bad: npt.NDArray[np.bool_],
    detail: dict[str, str],
) -> PromiseCheck:
    """Distinct linked pupils for which ``bad`` (per board row) holds, per school."""
    pupils = link.pupils
    hit = pupils[bad[pupils]]
    schools, counts = np.unique(board.school[hit].astype(str), return_counts=True)
    return PromiseCheck(
        check,
        True,
        None,
        link.basis,
        link.columns,
        link.rows,
        link.linked,
        int(hit.size),
        {str(s): int(n) for s, n in zip(schools, counts, strict=True)},
        detail,
        dict(link.by_key),
        dict(link.key_columns),
    )


def _unverifiable(check: str, link: Linkage, reason: str, detail: dict[str, str]) -> PromiseCheck:
    return PromiseCheck(
        check,
        False,
        reason,
        link.basis,
        link.columns,
        link.rows,
        link.linked,
        0,
        {},
        detail,
        dict(link.by_key),
        dict(link.key_columns),
    )


def _not_linked(link: Linkage) -> str | None:
    """Why a check of linked pupils cannot be made: the feed is not linked at all, or no row
    is (``no_linked_rows``: its key columns match no pupil, which ``check_unmatched`` reports)."""
    if not link.verifiable:
        return link.reason
    return None if link.basis is not None else "no_linked_rows"


def check_schools(
    link: Linkage, board: BoardPupils | None, schools: Collection[str]
) -> PromiseCheck:
    """Pupils whose school (in the board's export) the agreement does not cover."""
    detail = {"schools": ", ".join(sorted(schools))}
    reason = _not_linked(link)
    if board is None or reason is not None:
        return _unverifiable("school", link, reason or "no_board", detail)
    if not board.has_school:
        return _unverifiable("school", link, "no_school_column", detail)
    served = [str(stdnum_brin.compact(code))[:4] for code in schools]
    bad = ~np.isin(board.school.astype(str), served)
    return _counted("school", link, board, bad, detail)


def check_consent(link: Linkage, board: BoardPupils | None, consent: str) -> PromiseCheck:
    """Pupils whose parents did not give ``consent`` (as the board's export records it)."""
    detail = {"consent": consent}
    reason = _not_linked(link)
    if board is None or reason is not None:
        return _unverifiable("consent", link, reason or "no_board", detail)
    given = board.consents.get(consent_header(consent))
    if given is None:
        return _unverifiable("consent", link, "no_consent_column", detail)
    return _counted("consent", link, board, ~given, detail)


def check_retention(
    link: Linkage, board: BoardPupils | None, period: Duration, on: dt.date | None
) -> PromiseCheck:
    """Pupils who left longer than ``period`` before ``on`` (the feed's or the export's date)."""
    detail = {"retention": period.text}
    reason = _not_linked(link)
    if board is None or reason is not None:
        return _unverifiable("retention", link, reason or "no_board", detail)
    if on is None:
        return _unverifiable("retention", link, "no_date", detail)
    if not board.has_leaving:
        return _unverifiable("retention", link, "no_leaving_dates", detail)
    detail["date"] = on.isoformat()
    # Calendar arithmetic once per distinct leaving date, not per pupil.
    days = np.unique(board.left[board.left > 0])
    overdue_days = [d for d in days.tolist() if period.after(dt.date.fromordinal(d)) < on]
    bad = np.isin(board.left, np.array(overdue_days, dtype=np.int64))
    checked = _counted("retention", link, board, bad, detail)
    if checked.count:
        pupils = link.pupils
        # The most recent leaving date among them: "delete the pupils who left on or before ..."
        last = int(board.left[pupils[bad[pupils]]].max())
        detail["left_by"] = dt.date.fromordinal(last).isoformat()
    return checked


def check_unmatched(link: Linkage) -> PromiseCheck:
    """Rows that are no pupil of the board (a blank key included: nobody can tell whose it is).
    A feed whose key columns match no pupil at all has every row unmatched (``reason`` still says
    ``no_match``, so a reader can tell a key of the vendor's own); only a feed that cannot be
    linked (``LINK_REASONS``) cannot be verified."""
    if not link.verifiable:
        return _unverifiable("unmatched", link, str(link.reason), {})
    count = link.rows - link.linked
    return PromiseCheck(
        "unmatched",
        True,
        link.reason,
        link.basis,
        link.columns,
        link.rows,
        link.linked,
        count,
        {},
        {},
        dict(link.by_key),
        dict(link.key_columns),
    )
