"""Header evidence: what a column's header says about its content (vocabulary in ``headers.yaml``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from dpia.register import ENTITY_TYPES

_NON_WORD = re.compile(r"[^0-9a-z]+")
# A single-word phrase this long may also match inside a compound header ("emailouder").
_MIN_COMPOUND = 6


@dataclass(frozen=True)
class HeaderEvidence:
    """The header's verdict: an entity type, known non-personal, or nothing either way."""

    normalised: str
    entity: str | None = None
    non_personal: bool = False
    exact: bool = False
    phrase: str | None = None


@dataclass(frozen=True)
class _Vocabulary:
    abbreviations: dict[str, str]
    phrases: dict[str, str | None]  # normalised phrase -> entity type, None for non-personal
    kinds: dict[str, tuple[str, ...]]  # what a non-personal column names -> its phrases


@cache
def _vocabulary() -> _Vocabulary:
    text = resources.files("dpia.detect").joinpath("headers.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    phrases: dict[str, str | None] = {}
    for entity, words in raw["entities"].items():
        if entity not in ENTITY_TYPES:
            raise ValueError(f"headers.yaml names unknown entity type {entity!r}")
        for word in words:
            phrases[str(word)] = entity
    kinds = {str(kind): tuple(str(word) for word in words) for kind, words in raw["none"].items()}
    for words in kinds.values():
        phrases.update(dict.fromkeys(words))
    return _Vocabulary(abbreviations=dict(raw["abbreviations"]), phrases=phrases, kinds=kinds)


def entity_headers(entity: str) -> tuple[str, ...]:
    """The header phrases that name ``entity`` (normalised, in vocabulary order)."""
    return tuple(p for p, named in _vocabulary().phrases.items() if named == entity)


def non_personal_headers(*kinds: str) -> tuple[str, ...]:
    """The header phrases of non-personal columns of these ``kinds`` (``school``, ``brin``,
    ``branch``, ``group``, ``other``), kind after kind."""
    vocabulary = _vocabulary()
    unknown = sorted(set(kinds) - set(vocabulary.kinds))
    if unknown:
        raise KeyError(f"headers.yaml has no kind of non-personal header {', '.join(unknown)}")
    return tuple(phrase for kind in kinds for phrase in vocabulary.kinds[kind])


# Groups, schools, their BRIN codes and branches: not personal on their own, but quasi-identifiers
# next to a date of birth or postcode (the k-anonymity checks join them).
GROUP_AND_SCHOOL_HEADERS = non_personal_headers("group", "school", "brin", "branch")


def normalise(header: str) -> str:
    """Lower case, accents and punctuation removed, abbreviations expanded: ``Geb. datum`` ->
    ``geboorte datum``."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii")
    tokens = _NON_WORD.sub(" ", plain.casefold()).split()
    abbreviations = _vocabulary().abbreviations
    return " ".join(abbreviations.get(token, token) for token in tokens)


def classify_header(header: str) -> HeaderEvidence:
    """Match the whole header first, then the longest phrase inside it."""
    vocabulary = _vocabulary()
    norm = normalise(header)
    squashed = norm.replace(" ", "")
    for phrase, entity in vocabulary.phrases.items():
        if norm == phrase or squashed == phrase.replace(" ", ""):
            return HeaderEvidence(norm, entity, entity is None, exact=True, phrase=phrase)
    padded = f" {norm} "
    best: tuple[int, str, str | None] | None = None
    for phrase, entity in vocabulary.phrases.items():
        inside = f" {phrase} " in padded or (
            " " not in phrase and len(phrase) >= _MIN_COMPOUND and phrase in squashed
        )
        # Longest phrase wins; on a tie the non-personal reading wins ("naam school").
        if inside and (
            best is None or (len(phrase), entity is None) > (len(best[1]), best[2] is None)
        ):
            best = (len(phrase), phrase, entity)
    if best is None:
        return HeaderEvidence(norm)
    _, phrase, entity = best
    return HeaderEvidence(norm, entity, entity is None, exact=False, phrase=phrase)


def header_matches(header: str, phrases: Iterable[str]) -> bool:
    """Whether the normalised ``header`` is, or holds as whole words, one of ``phrases``."""
    norm = normalise(header)
    padded = f" {norm} "
    squashed = norm.replace(" ", "")
    return any(squashed == phrase.replace(" ", "") or f" {phrase} " in padded for phrase in phrases)
