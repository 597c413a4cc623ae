"""NATIONAL_ID: a dashed US SSN alone; other countries' numbers (stdnum) only with a header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize("text", ["536-90-4399", "SSN 536-90-4399 op formulier"])
def test_ssn(find: Find, text: str) -> None:
    assert find(text, "NATIONAL_ID") == ["536-90-4399"]


@pytest.mark.parametrize(
    "text",
    [
        "36574261809",  # German tax id (stdnum.de.idnr)
        "295109912611193",  # French NIR (stdnum.fr.nir)
        "85.07.30-033.28",  # Belgian national number (stdnum.be.nn)
        "54362315K",  # Spanish DNI (stdnum.es.dni)
    ],
)
def test_foreign_ids_with_header(find: Find, text: str) -> None:
    assert find(text, "NATIONAL_ID") == []
    assert find(text, "NATIONAL_ID", context=["national id"], threshold=0.2) == [text]


@pytest.mark.parametrize("text", ["000-00-0000", "666-12-3456", "12345678901", "2015-03-12"])
def test_not_national_id(find: Find, text: str) -> None:
    assert find(text, "NATIONAL_ID", context=["national id"], threshold=0.2) == []
