"""The offline analyzer: only dpia recognizers, whole-word context, no network, both languages."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import NoReturn

import pytest
import tldextract

from dpia.detect import _analyzer as analyzer_module
from dpia.detect._analyzer import (
    REPORT_THRESHOLD,
    context_words,
    get_analyzer,
    spacy_model_dir,
)
from dpia.detect.recognizers import SUPPORTED_LANGUAGES, recognizers_for, supported_entities
from dpia.detect.recognizers import email_address as email_module
from dpia.register._taxonomy import ENTITY_NAMES


def _entities(text: str, language: str = "nl", context: list[str] | None = None) -> set[str]:
    results = get_analyzer().analyze(text, language=language, context=context)
    return {r.entity_type for r in results}


def test_built_once() -> None:
    assert get_analyzer() is get_analyzer()
    assert sorted(get_analyzer().supported_languages) == ["en", "nl"]


def test_only_dpia_recognizers() -> None:
    engine = get_analyzer()
    for language in SUPPORTED_LANGUAGES:
        recognizers = engine.get_recognizers(language)
        assert recognizers, language
        assert all(type(r).__module__.startswith("dpia.detect.recognizers") for r in recognizers)
        assert len(recognizers) == len(recognizers_for(language))


def test_entities_are_taxonomy_names() -> None:
    # Header-only or column-level types: no recognizer reports them in a cell or in prose.
    header_only = {"STUDENT_NUMBER", "FREE_TEXT", "IDENTIFIER", "ONLINE_ID", "CREDENTIAL",
                   "MARITAL_STATUS", "OCCUPATION", "LANGUAGE"}  # fmt: skip
    expected = set(ENTITY_NAMES) - header_only
    assert set(supported_entities()) == expected
    assert set(get_analyzer().get_supported_entities("nl")) == expected


def test_stock_recognizers_do_not_fire_on_a_bsn() -> None:
    assert _entities("111222333") == {"NL_BSN"}
    assert _entities("BSN 111222333", language="en") == {"NL_BSN"}


@pytest.mark.parametrize(
    ("text", "context", "entity"),
    [
        ("Het gebouw is geopend op 12-03-2015", None, "DATE_OF_BIRTH"),  # geb in gebouw
        ("V", ["Geslachtsnaam"], "GENDER"),  # geslacht in geslachtsnaam
        ("rugzak", ["Zorgniveaus-export"], "PUPIL_CARE"),  # neither zorg nor zorgniveau
    ],
)
def test_context_is_whole_word(text: str, context: list[str] | None, entity: str) -> None:
    assert entity not in _entities(text, context=context)


@pytest.mark.parametrize(
    ("text", "context", "language", "entity"),
    [
        ("12-03-2015", ["Geboortedatum"], "nl", "DATE_OF_BIRTH"),
        ("12-03-2015", ["geb_datum"], "nl", "DATE_OF_BIRTH"),
        ("3 March 2015", ["Date of birth"], "en", "DATE_OF_BIRTH"),
        ("He was born on 3 March 2015", None, "en", "DATE_OF_BIRTH"),  # lemma of born is bear
        ("V", ["Geslacht"], "nl", "GENDER"),
        ("V", ["leerling_geslacht"], "nl", "GENDER"),
    ],
)
def test_context_boosts(text: str, context: list[str] | None, language: str, entity: str) -> None:
    assert entity in _entities(text, language=language, context=context)


def test_a_term_does_not_boost_itself() -> None:
    results = get_analyzer().analyze("Medische gegevens", language="nl", entities=["HEALTH"])
    assert [r.score for r in results] == [0.6]


def test_threshold() -> None:
    engine = get_analyzer()
    assert engine.analyze("12-03-2015", language="nl") == []
    weak = engine.analyze("12-03-2015", language="nl", score_threshold=0.0)
    assert [(r.entity_type, r.score) for r in weak] == [("DATE_OF_BIRTH", 0.3)]
    assert weak[0].score < REPORT_THRESHOLD


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["Geboortedatum leerling"], {"geboortedatum", "leerling", "geboortedatum leerling"}),
        (["GebDat"], {"gebdat", "geb", "dat"}),
        (["geb.datum"], {"geb.datum", "geb", "datum", "geb datum", "gebdatum"}),
        (["date_of_birth"], {"date of birth", "date", "birth", "dateofbirth"}),
        (["E-mail"], {"e-mail", "email", "e", "mail"}),
    ],
)
def test_context_words(labels: list[str], expected: set[str]) -> None:
    assert expected <= set(context_words(labels))


def test_offline_environment() -> None:
    assert "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS" in os.environ
    assert "HF_HUB_OFFLINE" in os.environ


def _no_network(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError(f"network access attempted: {args!r}")


def test_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    # A fresh extractor must load its suffix list with the guard in place.
    monkeypatch.setattr(
        email_module, "_EXTRACT", tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    )
    results = get_analyzer().analyze("Mail piet@school.nl of kijk op www.school.nl", language="nl")
    assert {r.entity_type for r in results} >= {"EMAIL_ADDRESS", "URL"}
    assert [r.score for r in results if r.entity_type == "EMAIL_ADDRESS"] == [1.0]
    # An extractor built from the environment (presidio's own) is offline too.
    assert tldextract.TLDExtract(cache_dir=None)("piet@school.nl").suffix == "nl"


def test_spacy_model_dir_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPIA_CACHE_DIR", str(tmp_path))
    first = spacy_model_dir("en")
    assert first.is_relative_to(tmp_path)
    assert (first / "config.cfg").exists()
    assert spacy_model_dir("en") == first
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no scratch folders left


def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DPIA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert analyzer_module.cache_dir() == tmp_path / "dpia"


def test_unsupported_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        recognizers_for("de")


def test_mixed_prose_nl() -> None:
    text = (
        "Jan de Vries (BSN 111222333, geboren 12-03-2015) woont op de Kerkstraat 12, 1234 AB "
        "Utrecht. Hij heeft astma; moeder is bereikbaar op 06-12345678 of j.devries@mail.nl."
    )
    found = {(r.entity_type, text[r.start : r.end]) for r in get_analyzer().analyze(text, "nl")}
    assert {
        ("PERSON", "Jan de Vries"),
        ("NL_BSN", "111222333"),
        ("DATE_OF_BIRTH", "12-03-2015"),
        ("STREET_ADDRESS", "Kerkstraat 12"),
        ("NL_POSTCODE", "1234 AB"),
        ("HEALTH", "astma"),
        ("PHONE_NUMBER", "06-12345678"),
        ("EMAIL_ADDRESS", "j.devries@mail.nl"),
    } <= found
