"""ECK_ID: https://ketenid.nl/201703/ + 128 hex; bare hex only with context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]

HEX = "0123456789abcdef" * 8
ECK = f"https://ketenid.nl/201703/{HEX}"


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        (ECK, None, ECK),
        (f"https://ketenid.nl/201703/{HEX.upper()}", None, None),
        (f"http://ketenid.nl/201703/{HEX}", None, f"http://ketenid.nl/201703/{HEX}"),
        (f"ketenid.nl/201703/{HEX}", None, f"ketenid.nl/201703/{HEX}"),
        (f"eckid: {ECK}.", None, ECK),
        (HEX, ["Leerling ECK iD"], HEX),
        (HEX, ["eckid"], HEX),
    ],
)
def test_eck_id(find: Find, text: str, context: list[str] | None, expected: str | None) -> None:
    assert find(text, "ECK_ID", context=context) == [expected or text]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (HEX, None),  # a bare 128-hex string could be any SHA-512 digest
        (HEX, ["hash"]),
        (f"https://ketenid.nl/201703/{HEX[:-1]}", None),  # 127 hex
        (f"https://ketenid.nl/201703/{HEX}0", None),  # 129 hex
        (f"https://ketenid.nl/201703/{HEX[:-1]}g", None),
        (f"https://example.nl/201703/{HEX}", None),
        ("https://ketenid.nl/201703/", None),
    ],
)
def test_not_eck_id(find: Find, text: str, context: list[str] | None) -> None:
    assert find(text, "ECK_ID", context=context) == []


def test_eck_id_is_not_also_a_url(find: Find) -> None:
    assert find(ECK, "URL") == []
