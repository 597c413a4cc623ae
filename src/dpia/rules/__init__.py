"""Stage 4, the rules: each judgement the later stages share, written once.

Birth-date precision (``fits``, ``is_coarse``).
"""

from __future__ import annotations

from dpia.rules._birthdates import fits, is_coarse

__all__ = ["fits", "is_coarse"]
