"""DEVICE_ID: MAC addresses alone; IMEI (stdnum.imei) and advertising ids only with a header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"),
        ("00-1a-2b-3c-4d-5e", "00-1a-2b-3c-4d-5e"),
        ("001a.2b3c.4d5e", "001a.2b3c.4d5e"),
    ],
)
def test_mac(find: Find, text: str, expected: str) -> None:
    assert find(text, "DEVICE_ID") == [expected]


@pytest.mark.parametrize("text", ["490154203237518", "356938035643809"])
def test_imei_needs_a_header(find: Find, text: str) -> None:
    assert find(text, "DEVICE_ID") == []
    assert find(text, "DEVICE_ID", context=["imei"], threshold=0.2) == [text]


@pytest.mark.parametrize("text", ["490154203237519", "00:1A:2B:3C:4D", "12:30:45", "ab:cd"])
def test_not_device_id(find: Find, text: str) -> None:
    assert find(text, "DEVICE_ID", context=["imei"], threshold=0.2) == []
