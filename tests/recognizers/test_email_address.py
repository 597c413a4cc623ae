"""EMAIL_ADDRESS: presidio's pattern, validated offline against the bundled suffix list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j.jansen@mail.example", "j.jansen@mail.example"),
        ("piet@school.nl", "piet@school.nl"),
        ("a.b-c@sub.domain.co.uk", "a.b-c@sub.domain.co.uk"),
        ("Mail ouders: fam.de.vries@hotmail.com.", "fam.de.vries@hotmail.com"),
        ("leerling@intranet.local", "leerling@intranet.local"),
    ],
)
def test_email(find: Find, text: str, expected: str) -> None:
    assert find(text, "EMAIL_ADDRESS") == [expected]


@pytest.mark.parametrize("text", ["jansen@", "@school.nl", "j.jansen at mail.nl", "piet@school"])
def test_not_email(find: Find, text: str) -> None:
    assert find(text, "EMAIL_ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "score"),
    [("piet@school.nl", 1.0), ("piet@school.example", 1.0), ("piet@school.zzzunknown", 0.5)],
)
def test_email_scores(analyzer: AnalyzerEngine, text: str, score: float) -> None:
    results = analyzer.analyze(text, language="nl", entities=["EMAIL_ADDRESS"])
    assert [r.score for r in results] == [score]
