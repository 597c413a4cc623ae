"""One error tree: every error a user can cause is a ``DpiaError``.

``str(error)`` is one line for people, ``FILE[ line N]: reason in words``; ``error.reason`` is a
stable machine-readable code (``ragged_row``, ``invalid_register``, ``leak``, ...) for programs
and tests. The command line catches ``DpiaError`` once and prints ``dpia: error: ...`` with exit
code 2, never a traceback. Each stage raises its own subclass; this module knows no stage.
"""

from __future__ import annotations


class DpiaError(Exception):
    """Base of the workbench's errors; subclasses set ``reason`` (class default or per error)."""

    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
