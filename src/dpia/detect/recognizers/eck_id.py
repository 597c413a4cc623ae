"""ECK_ID: the sector-bound pupil/teacher pseudonym of the Dutch education chain (Edu-K)."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

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


class EckIdRecognizer(PatternRecognizer):
    """``https://ketenid.nl/201703/`` followed by 128 hexadecimal characters."""

    ENTITY = "ECK_ID"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=list(PATTERNS),
            context=list(CONTEXT),
            supported_language=supported_language,
            name=f"EckIdRecognizer_{supported_language}",
        )
