"""ECK_ID: the sector-bound pupil/teacher pseudonym of the Dutch education chain (Edu-K)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

ECK_PREFIX = "https://ketenid.nl/201703/"

PATTERNS = [
    # The full form is unambiguous; no checksum exists, so it stays just below 1.0.
    Pattern(
        "ECK iD (URL)",
        r"(?:https?://)?ketenid\.nl/\d{6}/[0-9a-f]{128}(?![0-9a-z])",
        0.95,
    ),
    # A bare 128-hex string could be any SHA-512 digest: only with context (eckid header).
    Pattern("ECK iD (bare hex)", r"(?<![0-9a-z/])[0-9a-f]{128}(?![0-9a-z])", 0.3),
]

CONTEXT = [
    "eck",
    "eckid",
    "eck-id",
    "eck id",
    "ketenid",
    "keten id",
    "ketenpseudoniem",
    "pseudoniem",
    "pseudonym",
]


class EckIdRecognizer(DpiaPatternRecognizer):
    """``https://ketenid.nl/201703/`` followed by 128 hexadecimal characters."""

    ENTITY = "ECK_ID"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
