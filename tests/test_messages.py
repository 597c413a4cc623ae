"""The language layer: catalogues that agree, codes that exist, errors that say what is wrong,
and one failure, reason and measure written in both languages."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from dpia.detect import SPECIAL_VOCABULARIES, load_vocabulary
from dpia.exposure import Level, assess, reidentification
from dpia.messages import (
    LANGUAGES,
    Language,
    Message,
    MessageError,
    entity_label,
    exists,
    number,
    percent,
    render,
)
from dpia.messages._catalogue import Field, _UniqueKeyLoader, catalogue, parse
from dpia.messages._languages import LOCALES
from dpia.minimise import _plain as plain
from dpia.minimise import _suites as suites
from dpia.register import ENTITY_TYPES, BirthDateForm, Category
from dpia.report import measures_for
from tests.exposure.helpers import frame_of, vendor_of

SRC = Path(__file__).resolve().parents[1] / "src" / "dpia"
CODES = sorted(catalogue("nl"))
CHECKS = (
    suites.ALLOWED_ENTITIES,
    suites.NO_NATIONAL_ID,
    suites.NO_SPECIAL_CATEGORY,
    suites.BIRTH_DATE_COARSENED,
    suites.K_ANONYMOUS,
    suites.IDENTIFIERS_WELL_FORMED,
    suites.ROW_COUNT,
)


def _fields(code: str, lang: Language) -> set[tuple[str, object]]:
    """Each field's name and format; plural choices only as such (their words differ)."""
    return {
        (part.name, "plural" if part.plural else part.formats)
        for part in catalogue(lang)[code]
        if isinstance(part, Field)
    }


def test_every_language_has_a_catalogue_with_the_same_codes() -> None:
    assert set(LOCALES) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert sorted(catalogue(lang)) == CODES, lang


@pytest.mark.parametrize("code", CODES)
def test_each_code_has_the_same_fields_in_every_language(code: str) -> None:
    first, *others = LANGUAGES
    for lang in others:
        assert _fields(code, lang) == _fields(code, first), lang


def _used_codes() -> tuple[set[str], set[str]]:
    """Codes given literally to ``render``/``Message`` in the sources and ``t(...)`` in the report
    templates, and the prefixes of codes built with an f-string (``f"level.{...}"``)."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            first = node.args[0]
            if name not in {"render", "Message"}:
                continue
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefixes.add(str(first.values[0].value))
    for template in (SRC / "report" / "templates").glob("*.j2"):
        literal.update(re.findall(r'\bt\("([\w.]+)"[,)]', template.read_text(encoding="utf-8")))
    return literal, prefixes


def test_every_code_the_sources_use_exists() -> None:
    literal, prefixes = _used_codes()
    assert len(literal) > 100  # the scan finds them
    assert sorted(code for code in literal if not exists(code)) == []
    assert sorted(p for p in prefixes if not any(c.startswith(p) for c in CODES)) == []


def test_every_code_is_used() -> None:
    """No dead words: each code is written out in the sources or the report templates, or is
    built from a prefix there (``f"entity.{kind}"``, ``f"prose.{key}"``)."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))
    literal, _ = _used_codes()
    # A rule of a user's own names itself with it (``MeasureRule``): used outside the package.
    unused = {"measure_rule.own"}
    assert (
        sorted(
            code
            for code in CODES
            if code not in constants | literal | unused
            and not any(code.startswith(p) for p in prefixes if p.endswith((".", "_")))
        )
        == []
    )


def test_every_code_in_a_family_exists() -> None:
    """Codes the sources build from a value: one for every value."""
    built = [
        *(f"entity.{name}" for name in ENTITY_TYPES),
        *(f"category.{c.value}" for c in Category),
        *(f"reason.severity.{c.value}" for c in Category),
        *(f"level.{level.value}" for level in Level),
        *(f"cnil.{n}" for n in range(1, 5)),
        *(f"word.dob_{form.value}" for form in BirthDateForm),
        *(f"check.{kind}" for kind in CHECKS),
        *(
            f"rule.{group.rule}"
            for name in (*SPECIAL_VOCABULARIES, "nationality")
            for group in load_vocabulary(name).groups
        ),
    ]
    assert [code for code in built if not exists(code)] == []


def test_numbers_the_dutch_and_the_english_way() -> None:
    assert (number(1980, "nl"), number(1980, "en")) == ("1.980", "1,980")
    assert (percent(0.99, "nl"), percent(0.99, "en")) == ("99,0%", "99.0%")
    assert render("reason.likelihood.sub_processors", "nl", count=1) == "1 subverwerker"
    assert render("reason.likelihood.sub_processors", "en", count=1200) == "1,200 sub-processors"


def test_lists_and_labels() -> None:
    columns = ("a", "b", "c")
    text = render("failure.k_anonymity", "nl", k=1, threshold=5, columns=columns, share=0.5)
    assert "op kolommen `a`, `b` en `c`; 50,0% van de rijen" in text
    assert entity_label("HEALTH", "en") == "health"
    assert entity_label("SOME_RECOGNIZER_TYPE", "nl") == "SOME_RECOGNIZER_TYPE"


def test_a_message_is_a_frozen_hashable_value_with_sorted_params() -> None:
    one = Message("failure.national_id", entity="NL_BSN", count=3, column="bsn")
    other = Message("failure.national_id", column="bsn", count=3, entity="NL_BSN")
    assert one == other
    assert hash(one) == hash(other)
    assert [name for name, _ in one.params] == ["column", "count", "entity"]
    with pytest.raises(AttributeError):
        one.code = "report.title"  # type: ignore[misc]
    assert Message.from_dict(one.to_dict()) == one


@pytest.mark.parametrize(
    ("call", "error", "says"),
    [
        (lambda: render("report.no_such_text", "nl"), MessageError, "unknown message code"),
        (lambda: render("failure.national_id", "en", column="bsn"), MessageError, "missing"),
        (lambda: render("report.title", "en", board="x"), MessageError, "unknown parameter board"),
        (
            lambda: render("report.title", "de"),  # type: ignore[arg-type]
            ValueError,
            "lang must be one of nl, en",
        ),
        (lambda: Message("report title"), MessageError, "not a dotted message code"),
        (
            lambda: Message("report.title", rows=[1]),  # type: ignore[arg-type]
            TypeError,
            "parameter rows is a list",
        ),
        (lambda: Message("report.title", ok=True), TypeError, "parameter ok is a bool"),
        (lambda: render(Message("report.title"), "nl", x=1), TypeError, "in the message"),
        (
            lambda: render("failure.mention", "nl", entity="HEALTH", count=0.5),
            MessageError,
            "a fraction",
        ),
        (
            lambda: render("reason.likelihood.sub_processors", "nl", count="two"),
            MessageError,
            "plural form",
        ),
    ],
)
def test_render_errors_say_what_is_wrong(
    call: Callable[[], object], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        call()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{count:waarde|waarden|meer}", "2 plural forms"),
        ("{name:bold}", "unknown format bold"),
        ("{0}", "plain lower-case name"),
        ("{name!r}", "plain lower-case name"),
        ("{name.attr}", "plain lower-case name"),
        ("{unclosed", "expected '}'"),
    ],
)
def test_a_bad_template_is_refused_when_read(text: str, says: str) -> None:
    with pytest.raises(MessageError, match=says):
        parse(text, "test", forms=2)


def test_a_code_twice_in_a_catalogue_is_refused() -> None:
    with pytest.raises(MessageError, match="appears twice"):
        yaml.load("report.title: a\nreport.title: b\n", Loader=_UniqueKeyLoader)


# --- one failure, one reason, one measure, in both languages ---------------------------------


def test_round_trip_of_a_failure() -> None:
    details = {"columns": [{"column": "bsn", "entity": "NL_BSN", "count": 1980, "share": 0.99}]}
    (failure,) = plain.failures(suites.NO_NATIONAL_ID, {}, {"details": details})
    data = failure.to_dict()
    assert data["code"] == "failure.national_id"
    assert data["params"] == {"column": "bsn", "count": 1980, "entity": "NL_BSN"}
    assert data["nl"] == "stuurt BSN in kolom `bsn`: 1.980 waarden"
    assert data["en"] == "sends BSN in column `bsn`: 1,980 values"
    assert Message.from_dict(data) == failure.message


def test_round_trip_of_a_reason() -> None:
    no_qi = reidentification(frame_of(naam=["a"] * 10), [])
    result = assess(vendor_of(), ["HEALTH", "RELIGION", "PERSON"], [], no_qi)
    reason = result.severity_reasons[0]
    assert reason.to_dict() == {
        "code": "receives_bijzonder",
        "nl": "ontvangt bijzondere persoonsgegevens (gezondheid, godsdienst)",
        "en": "receives special-category data (health, religion)",
    }


def test_round_trip_of_a_measure() -> None:
    details = {"columns": [{"column": "bsn", "entity": "NL_BSN", "count": 3, "share": 0.1}]}
    (failure,) = plain.failures(suites.NO_NATIONAL_ID, {}, {"details": details})
    verdict = {"vendor": "v", "name": "Leverancier", "failures": [failure.to_dict()]}
    (measure,) = measures_for([verdict], {"vendors": []})
    assert measure.message == Message("measure.national_id", vendor="Leverancier", columns=("bsn",))
    assert render(measure.message, "nl").startswith(
        "Stop met het verstrekken van het BSN of onderwijsnummer aan Leverancier (kolom `bsn`)"
    )
    assert render(measure.message, "en").startswith(
        "Stop sending the BSN or onderwijsnummer to Leverancier (column `bsn`)"
    )
