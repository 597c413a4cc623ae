"""What dpia's own recognizers share: the pattern recognizer set-up and how a result is tagged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)


class DpiaPatternRecognizer(PatternRecognizer):
    """A pattern recognizer of ``ENTITY`` from ``PATTERNS`` and ``CONTEXT`` words, for one language
    (Presidio binds a recognizer to one; ``recognizers_for`` makes one per language)."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[Sequence[Pattern]]
    CONTEXT: ClassVar[Sequence[str]]

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=supported_language,
            name=f"{type(self).__name__}_{supported_language}",
        )


def result_of(
    recognizer: EntityRecognizer,
    entity: str,
    span: tuple[int, int],
    score: float,
    explanation: AnalysisExplanation,
) -> RecognizerResult:
    """A result of a recognizer that finds its spans itself, tagged as Presidio tags its own: by
    the recognizer's name and id, which its context enhancer looks the recognizer up by."""
    name: str = recognizer.name  # type: ignore[has-type]  # untyped in Presidio
    return RecognizerResult(
        entity_type=entity,
        start=span[0],
        end=span[1],
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
