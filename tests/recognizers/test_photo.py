"""PHOTO: image file names, image URLs and data:image payloads."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]

DATA_URI = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("foto_123.jpg", "foto_123.jpg"),
        ("IMG_0001.HEIC", "IMG_0001.HEIC"),
        ("pasfoto-jan.jpeg", "pasfoto-jan.jpeg"),
        ("https://cdn.school.nl/p/123.jpeg", "https://cdn.school.nl/p/123.jpeg"),
        ("https://cdn.school.nl/p/123.png?size=200", "https://cdn.school.nl/p/123.png?size=200"),
        (DATA_URI, DATA_URI),
    ],
)
def test_photo(find: Find, text: str, expected: str) -> None:
    assert find(text, "PHOTO") == [expected]


@pytest.mark.parametrize(
    "text", ["rapport.pdf", "jpg", "foto", "www.school.nl", "data:text/plain;base64,aGVsbG8="]
)
def test_not_photo(find: Find, text: str) -> None:
    assert find(text, "PHOTO") == []
