"""PERSON outside the Netherlands: first names and surnames of many countries, from Faker's
locale name lists (Deduce's Dutch lists, ``person.py``, are asked first).

A whole short cell of two or more name words with a first name and a surname among them
("Marie Hamanová", "John A. Smith") is reported on its own; a single known name is also a word,
a town or a brand ("May", "Paris", "Ford"), so it counts only under a name header. Prose is
Deduce's. The lists are read once, when a column first needs them (about 0.1 s).
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from dpia.detect.recognizers._base import result_of
from dpia.detect.recognizers._pickled import pickled
from dpia.detect.recognizers.deduce_backed import normalise

# Faker locales with Latin-script names (others' lists are in their own script).
LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "de_DE", "de_AT", "fr_FR", "nl_NL", "nl_BE",
           "es_ES", "es_MX", "it_IT", "pt_BR", "pt_PT", "pl_PL", "tr_TR", "cs_CZ", "sk_SK",
           "sl_SI", "hr_HR", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU", "ro_RO", "id_ID",
           "fil_PH", "sw", "yo_NG", "zu_ZA", "et_EE", "lv_LV", "lt_LT")  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
MAX_WORDS = 5


@functools.cache
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), casefolded and without accents, over ``LOCALES`` (built once per
    environment, then read from a pickle)."""
    sources = (Path(__file__), Path(__file__).with_name("deduce_backed.py"))  # and ``normalise``
    return pickled("faker-names", sources, ("faker",), _build_name_lists)


def _build_name_lists() -> tuple[frozenset[str], frozenset[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        for attribute, into in (
            ("first_names", first),
            ("first_names_female", first),
            ("first_names_male", first),
            ("last_names", last),
            ("last_names_female", last),
            ("last_names_male", last),
        ):
            into.update(normalise(str(name)) for name in getattr(provider, attribute, ()))
    return frozenset(n for n in first if len(n) > 1), frozenset(n for n in last if len(n) > 1)


class InternationalNameRecognizer(EntityRecognizer):
    """A whole short cell made of known first names and surnames (and initials)."""

    ENTITY = "PERSON"
    SCORE_FULL_NAME = 0.85
    SCORE_SINGLE_NAME = 0.4
    name: str

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=f"InternationalNameRecognizer_{supported_language}",
        )

    def load(self) -> None:
        """The lists load on first use (``name_lists``)."""

    def score(self, text: str, header: bool = False) -> float:
        """The score of ``text`` as one person's name, 0.0 when it is not one. Without a name
        header (``header``) every name word must be capitalised, as names are in text."""
        parts = text.split()
        if not parts or len(parts) > MAX_WORDS or any(c.isdigit() for c in text):
            return 0.0
        if not header and (len(parts) < 2 or not all(p[0].isupper() for p in parts)):
            return 0.0  # a single name counts only under a name header: no lookup needed
        first, last = name_lists()
        words = [normalise(w) for w in _WORD.findall(text)]
        names = [w for w in words if w in first or w in last]
        initials = [p for p in parts if _INITIAL.match(p)]
        if len(names) + len(initials) != len(parts) or not names:
            return 0.0
        if len(names) >= 2 and any(w in first for w in names) and any(w in last for w in names):
            return self.SCORE_FULL_NAME
        return self.SCORE_SINGLE_NAME if len(parts) == 1 else 0.0

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        # The analyzer reports whole names only; a single name needs the column's header.
        score = self.score(text)
        if score < self.SCORE_FULL_NAME:
            return []
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation="Recognized as a name by Faker's locale name lists",
        )
        start = len(text) - len(text.lstrip())
        return [result_of(self, self.ENTITY, (start, len(text.rstrip())), score, explanation)]
