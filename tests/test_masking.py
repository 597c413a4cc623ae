"""masking: the only way a value reaches an output."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpia.detect._masking import MASK, mask, mask_many, reveal_budget
from dpia.register._taxonomy import ENTITY_NAMES

ID_ENTITIES = [
    "NL_BSN",
    "NL_ONDERWIJSNUMMER",
    "STUDENT_NUMBER",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "NL_POSTCODE",
]
ALL_ENTITIES: list[str | None] = [*ENTITY_NAMES, None]

# Any text without the mask character itself (a value of only '*' cannot be told apart).
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters=MASK), max_size=80)


@pytest.mark.parametrize(
    ("value", "entity", "expected"),
    [
        ("206912345", "NL_BSN", "2069*****"),
        ("1234.56.782", "NL_BSN", "1234.**.***"),
        ("101222331", "NL_ONDERWIJSNUMMER", "1012*****"),
        ("j.jansen@mail.nl", "EMAIL_ADDRESS", "j.******@m***.nl"),
        ("j.jansen@mail.example", "EMAIL_ADDRESS", "j.******@m***.*******"),  # TLD over budget
        ("Jansen", "PERSON", "J*****"),
        ("Jan de Vries", "PERSON", "J** d* V****"),
        ("1234 AB", "NL_POSTCODE", "12** **"),
        ("12-03-2015", "DATE_OF_BIRTH", "**-**-201*"),
        ("2015-03-12", "DATE_OF_BIRTH", "201*-**-**"),
        ("3 maart 2015", "DATE_OF_BIRTH", "* ***** 2015"),
        ("06-12345678", "PHONE_NUMBER", "06-12******"),
        ("NL91ABNA0417164300", "IBAN_CODE", "NL91**************"),
        ("Kerkstraat 12a", "STREET_ADDRESS", "K********* ***"),
        ("vrouw", "GENDER", "v****"),
        ("V", "GENDER", "*"),
        ("Marokkaanse", "NATIONALITY", "M**********"),
        ("192.168.1.23", "IP_ADDRESS", "192.***.*.**"),
        ("https://www.school.nl/leerling/123", "URL", "https://w**.******.**/********/***"),
        ("https://cdn.school.nl/fotos/123.jpg", "PHOTO", "https://c**.******.**/*****/***.jpg"),
        ("eiZookooB7", "CREDENTIAL", "**********"),
        ("34", "AGE", "**"),
        ("00:1A:2B:3C:4D:5E", "DEVICE_ID", "00:**:**:**:**:**"),
        ("....", None, "****"),
        ("", "PERSON", ""),
    ],
)
def test_examples(value: str, entity: str | None, expected: str) -> None:
    assert mask(value, entity) == expected


def test_eck_id_is_truncated() -> None:
    value = "https://ketenid.nl/201703/" + "ab12" * 32
    assert mask(value, "ECK_ID") == "https://ketenid.nl/201703/ab******…"
    assert mask("ab12" * 32, "ECK_ID") == "ab******…"


def test_free_text_is_described() -> None:
    text = "Hij heeft astma en gaat elke vrijdag naar de moskee met zijn vader."
    assert mask(text) == f"[tekst, {len(text)} tekens]"
    assert mask("kort", "FREE_TEXT") == "[tekst, 4 tekens]"
    assert mask("twee woorden") == "t*** w******"


def test_inline_image_is_described() -> None:
    value = "data:image/png;base64," + "A" * 100
    assert mask(value, "PHOTO") == f"[image/png, {len(value)} tekens]"


@pytest.mark.parametrize(("n", "budget"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1), (6, 2), (9, 4)])
def test_reveal_budget(n: int, budget: int) -> None:
    assert reveal_budget(n) == budget


@given(value=TEXT, entity=st.sampled_from(ID_ENTITIES))
def test_ids_keep_their_length(value: str, entity: str) -> None:
    assert len(mask(value, entity)) == len(value)


@given(value=TEXT.filter(lambda v: len(v) >= 4), entity=st.sampled_from(ALL_ENTITIES))
def test_never_the_whole_value(value: str, entity: str | None) -> None:
    assert value not in mask(value, entity)


@given(value=TEXT, entity=st.sampled_from(ALL_ENTITIES))
def test_at_most_the_budget_is_shown(value: str, entity: str | None) -> None:
    masked = mask(value, entity)
    if len(masked) != len(value):
        return  # a fixed display form (ECK iD, inline image, free text) shows no more than a prefix
    shown = sum(1 for a, b in zip(value, masked, strict=True) if a == b and a.isalnum())
    assert shown <= reveal_budget(sum(c.isalnum() for c in value))


@given(value=TEXT, entity=st.sampled_from(ALL_ENTITIES))
def test_deterministic(value: str, entity: str | None) -> None:
    assert mask(value, entity) == mask(value, entity)


def test_mask_many() -> None:
    values = ["Jansen", "Jansen", "Bakker", "de Vries", "Aalders", "", "  "]
    assert mask_many(values, "PERSON") == ["A******", "B*****", "J*****"]
    assert mask_many(values, "PERSON", limit=10) == ["A******", "B*****", "J*****", "d* V****"]
    assert mask_many([], "PERSON") == []
