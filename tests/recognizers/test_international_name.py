"""PERSON abroad: full names from Faker's locale lists alone; a single name only with a header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia.detect.recognizers.international_name import InternationalNameRecognizer

Find = Callable[..., list[str]]
RECOGNIZER = InternationalNameRecognizer()


@pytest.mark.parametrize(
    "text",
    ["Marie Dubois", "John Smith", "José García", "Giulia Rossi", "Hans Müller", "Jan Novák"],
)
def test_full_names(text: str) -> None:
    assert RECOGNIZER.score(text) == InternationalNameRecognizer.SCORE_FULL_NAME


@pytest.mark.parametrize("text", ["Patricia", "Rossi", "patricia"])
def test_single_names_need_a_header(text: str) -> None:
    assert RECOGNIZER.score(text, header=True) == InternationalNameRecognizer.SCORE_SINGLE_NAME
    assert RECOGNIZER.score(text) < InternationalNameRecognizer.SCORE_FULL_NAME


@pytest.mark.parametrize(
    "text", ["john smith", "Main Street", "Red Cross", "Smith 12", "Marie Dubois was hier gisteren"]
)
def test_not_names(text: str) -> None:
    assert RECOGNIZER.score(text) < InternationalNameRecognizer.SCORE_FULL_NAME
