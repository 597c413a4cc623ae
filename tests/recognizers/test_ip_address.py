"""IP_ADDRESS: presidio's patterns, validated with ipaddress."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("192.168.1.23", "192.168.1.23"),
        ("Ingelogd vanaf 10.0.0.1 om 8:15", "10.0.0.1"),
        ("2001:db8::1", "2001:db8::1"),
        ("ip-adres: 145.97.39.1", "145.97.39.1"),
    ],
)
def test_ip(find: Find, text: str, expected: str) -> None:
    assert find(text, "IP_ADDRESS") == [expected]


@pytest.mark.parametrize("text", ["999.1.1.1", "1.2.3", "12:30", "12-03-2015", "1234.56.782"])
def test_not_ip(find: Find, text: str) -> None:
    assert find(text, "IP_ADDRESS") == []
