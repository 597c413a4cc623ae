"""URL: web addresses; not e-mail domains, ECK iDs or photo URLs (those have their own type)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.school.nl", "https://www.school.nl"),
        ("Zie www.example.com/pad voor info", "www.example.com/pad"),
        ("http://leerling.school.nl/profiel?id=12", "http://leerling.school.nl/profiel?id=12"),
    ],
)
def test_url(find: Find, text: str, expected: str) -> None:
    assert find(text, "URL") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "piet@school.nl",
        "j.jansen@mail.nl",
        "https://ketenid.nl/201703/" + "ab" * 64,
        "https://cdn.school.nl/fotos/123.jpg",
        "Jan de Vries",
        "1234.56.782",
    ],
)
def test_not_url(find: Find, text: str) -> None:
    assert find(text, "URL") == []
