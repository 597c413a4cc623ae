"""Which entity type each column holds: the column scanner, swappable for tests.

The expectations that reason about columns (allowed entities, dates of birth, k-anonymity,
identifier shapes) share one classification per validation. The classifier is
``dpia.detect._scan.scan_frame`` unless a caller installs another one with ``using_classifier`` (tests
inject a fake so they do not depend on the scanner). This module does not import Great
Expectations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

import pandas as pd


class Finding(Protocol):
    """What the expectations read from a ``dpia.detect._scan.ColumnFinding``."""

    @property
    def name(self) -> str: ...

    @property
    def entity(self) -> str | None: ...

    @property
    def special(self) -> str | None: ...


Classifier = Callable[[pd.DataFrame], Sequence[Finding]]


@dataclass(frozen=True)
class ColumnClass:
    """One column's detected entity type and art. 9/10 type (``None``: not personal / none), and
    how many of its cells are filled."""

    name: str
    entity: str | None
    special: str | None
    filled: int


def scan_classifier(frame: pd.DataFrame) -> Sequence[Finding]:
    """The default classifier: the project's column scanner."""
    from dpia.detect import scan_frame

    return scan_frame(frame)


_ACTIVE: ContextVar[Classifier] = ContextVar(
    "dpia_minimisation_classifier", default=scan_classifier
)


@contextmanager
def using_classifier(classifier: Classifier) -> Iterator[None]:
    """Classify columns with ``classifier`` inside the ``with`` block."""
    token = _ACTIVE.set(classifier)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def classify_columns(frame: pd.DataFrame) -> tuple[ColumnClass, ...]:
    """Every column of ``frame`` in frame order, classified by the active classifier.

    The findings must cover exactly the frame's columns: a column left out would silently count as
    not personal, so a mismatch is an error (fail closed), never a pass.
    """
    findings = {f.name: f for f in _ACTIVE.get()(frame)}
    columns = [str(c) for c in frame.columns]
    if set(findings) != set(columns):
        missing = sorted(set(columns) - set(findings))
        extra = sorted(set(findings) - set(columns))
        raise ValueError(
            f"classifier did not report exactly the feed's columns "
            f"(missing: {', '.join(missing) or '-'}; extra: {', '.join(extra) or '-'})"
        )
    return tuple(
        ColumnClass(name, findings[name].entity, findings[name].special, _filled(frame[name]))
        for name in columns
    )


def _filled(column: pd.Series) -> int:
    return int((column.astype(str).str.strip() != "").sum())
