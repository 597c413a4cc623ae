"""Dutch-first presidio recognizers, one per file; ``recognizers_for(language)`` builds the set.

Every recognizer is instantiated once per language (presidio binds a recognizer to one language).
Context words and vocabularies hold Dutch and English terms for both languages: Dutch exports carry
English headers and the reverse.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from dpia.detect.recognizers.age import AgeRecognizer
from dpia.detect.recognizers.bsn import NlBsnRecognizer
from dpia.detect.recognizers.credit_card import DpiaCreditCardRecognizer
from dpia.detect.recognizers.date_of_birth import DateOfBirthRecognizer, parse_date
from dpia.detect.recognizers.device_id import DeviceIdRecognizer
from dpia.detect.recognizers.eck_id import EckIdRecognizer
from dpia.detect.recognizers.email_address import DpiaEmailRecognizer
from dpia.detect.recognizers.gender import GenderRecognizer
from dpia.detect.recognizers.geo_coordinates import GeoCoordinatesRecognizer
from dpia.detect.recognizers.iban import DpiaIbanRecognizer
from dpia.detect.recognizers.international_name import InternationalNameRecognizer
from dpia.detect.recognizers.international_phone import InternationalPhoneRecognizer
from dpia.detect.recognizers.ip_address import DpiaIpRecognizer
from dpia.detect.recognizers.location import LocationRecognizer
from dpia.detect.recognizers.national_id import NationalIdRecognizer
from dpia.detect.recognizers.nationality import NationalityRecognizer
from dpia.detect.recognizers.onderwijsnummer import NlOnderwijsnummerRecognizer
from dpia.detect.recognizers.person import PersonRecognizer
from dpia.detect.recognizers.phone import NlPhoneRecognizer
from dpia.detect.recognizers.photo import PhotoRecognizer
from dpia.detect.recognizers.postcode import NlPostcodeRecognizer
from dpia.detect.recognizers.postcode_international import InternationalPostcodeRecognizer
from dpia.detect.recognizers.street_address import StreetAddressRecognizer
from dpia.detect.recognizers.url import DpiaUrlRecognizer
from dpia.detect.recognizers.vocabulary import (
    SPECIAL_VOCABULARIES,
    VocabularyRecognizer,
    load_vocabulary,
    special_category_recognizers,
    vocabulary_of,
)

SUPPORTED_LANGUAGES: tuple[str, ...] = ("nl", "en")

# Each takes the language as its only argument.
_PER_LANGUAGE: tuple[Callable[[str], EntityRecognizer], ...] = (
    NlBsnRecognizer,
    NlOnderwijsnummerRecognizer,
    EckIdRecognizer,
    NlPostcodeRecognizer,
    NlPhoneRecognizer,
    DpiaEmailRecognizer,
    DpiaIbanRecognizer,
    DpiaIpRecognizer,
    DpiaUrlRecognizer,
    DpiaCreditCardRecognizer,
    DateOfBirthRecognizer,
    GenderRecognizer,
    NationalityRecognizer,
    PhotoRecognizer,
    PersonRecognizer,
    StreetAddressRecognizer,
    LocationRecognizer,
    # Tables written by others: after the Dutch recognizers of the same types.
    InternationalPhoneRecognizer,
    InternationalPostcodeRecognizer,
    InternationalNameRecognizer,
    NationalIdRecognizer,
    GeoCoordinatesRecognizer,
    DeviceIdRecognizer,
    AgeRecognizer,
)


def recognizers_for(language: str) -> list[EntityRecognizer]:
    """Fresh instances of all dpia recognizers for ``language`` (``nl`` or ``en``)."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unsupported language {language!r}; expected one of {SUPPORTED_LANGUAGES}"
        )
    found: list[EntityRecognizer] = [make(language) for make in _PER_LANGUAGE]
    found.extend(special_category_recognizers(language))
    return found


def supported_entities() -> tuple[str, ...]:
    """Entity types the recognizers can report, sorted."""
    return tuple(sorted({e for r in recognizers_for("nl") for e in r.supported_entities}))


__all__ = [
    "SPECIAL_VOCABULARIES",
    "SUPPORTED_LANGUAGES",
    "VocabularyRecognizer",
    "load_vocabulary",
    "parse_date",
    "recognizers_for",
    "supported_entities",
    "vocabulary_of",
]
