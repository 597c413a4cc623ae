"""What the rules read from a column finding (``dpia.detect.ColumnFinding`` or a test's stand-in)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Finding(Protocol):
    """One column's detected entity type, art. 9/10 type and, for free text, its mentions."""

    @property
    def name(self) -> str: ...

    @property
    def entity(self) -> str | None: ...

    @property
    def special(self) -> str | None: ...

    @property
    def mentions(self) -> Mapping[str, int]: ...
