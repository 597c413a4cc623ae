"""URL: presidio's URL patterns, minus the spans that a more specific type claims."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from dpia.detect.recognizers.photo import IMAGE_EXTENSIONS

CONTEXT = ["url", "website", "webadres", "internetadres", "link", "homepage", "webpagina"]

# An ECK iD is a URL on ketenid.nl and a photo URL ends in an image extension: those get their own,
# more telling type, so a column of them is not also reported as plain URLs.
_CLAIMED = re.compile(
    r"ketenid\.nl/|\.(?:" + "|".join(IMAGE_EXTENSIONS) + r")(?:[?#]\S*)?$", re.IGNORECASE
)


class DpiaUrlRecognizer(UrlRecognizer):
    """A web address; the domain part of an e-mail address is not one."""

    ENTITY = "URL"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            context=list(CONTEXT),
            supported_language=supported_language,
            supported_entity=self.ENTITY,
            name=f"UrlRecognizer_{supported_language}",
        )

    def invalidate_result(self, pattern_text: str) -> bool:
        # ECK iDs and photo URLs are reported as ECK_ID / PHOTO (a check on the match alone, so
        # that callers running the patterns themselves get the same answer).
        return bool(_CLAIMED.search(pattern_text))

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        # Cheap exit: every URL pattern needs a dot.
        if "." not in text:
            return []
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _in_email(text, r)]


def _in_email(text: str, result: RecognizerResult) -> bool:
    """The non-schema pattern matches "mail.nl" in "j.jansen@mail.nl": not a URL of its own."""
    span = text[result.start : result.end]
    before = text[: result.start]
    return "@" in span or bool(re.search(r"@[\w.-]*$", before))
