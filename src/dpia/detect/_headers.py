"""Header evidence: what a column's header says about its content (vocabulary in ``headers.yaml``).

A header is split into words (camelCase, snake_case, kebab-case, dots, slashes, digits, one-hot
suffixes), folded (case, accents, an English plural) and its abbreviations expanded; the words
are then matched against the vocabulary's phrases, people words, identifier words and meta words.
The rules are in docs/detection.md ("Header understanding").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import yaml

from dpia.register import ENTITY_TYPES, SPECIAL_TYPES

_NON_WORD = re.compile(r"[^0-9a-z]+")
# camelCase and digit boundaries: dateOfBirth, CCNumber, race___0, icd10.
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
# A single-word phrase this long may also match inside a compound header ("emailouder").
_MIN_COMPOUND = 6
# Compounds written as one word whose last part names a key or a name (klantnummer, caseid).
_COMPOUND_TAILS = ("nummer", "number", "naam", "name", "code", "id", "nr")
# English words that end in "id" without naming a key.
_NOT_ID = frozenset({"valid", "invalid", "paid", "unpaid", "rapid", "hybrid", "fluid", "liquid",
                     "solid", "humid", "avoid", "void", "acid", "android"})  # fmt: skip
# Bare words for a name: after another noun they name that thing's name (form_name, file name).
_NAME_WORDS = frozenset({"name", "naam", "nom"})
# Nor is a name followed by one of these: the name of a set of names (name_set, name_group).
_NAME_COLLECTIONS = frozenset({"set", "group", "list", "category", "origin", "culture", "space",
                               "server", "file", "field", "column"})  # fmt: skip
# A number (not a key) unless a people word says whose: klant nummer, but "Number" is a row count.
_WEAK_ID = frozenset({"nummer", "number"})
# Identifier types: a trailing id word is part of what they are (device_id, national_id).
IDENTIFIER_TYPES = frozenset({"NL_BSN", "NL_ONDERWIJSNUMMER", "ECK_ID", "STUDENT_NUMBER",
                              "NATIONAL_ID", "ONLINE_ID", "DEVICE_ID", "IDENTIFIER"})  # fmt: skip
# Types whose value is a category: a code of it is still it (gender_code, ethnicity_cd), and a
# meta word does not empty it (gender_type, has_disability).
CATEGORICAL_TYPES = frozenset(
    {*SPECIAL_TYPES, "GENDER", "NATIONALITY", "LANGUAGE", "MARITAL_STATUS", "OCCUPATION",
     "PUPIL_CARE", "AGE", "FREE_TEXT"}
)  # fmt: skip


@dataclass(frozen=True)
class HeaderEvidence:
    """The header's verdict: an entity type, known non-personal, or nothing either way.

    ``person``: a word of the header names a person (user, teacher, ouder); ``meta``: words that
    make the column about ``entity`` without holding it (``is_email_active``); ``identifier``: the
    header names a key (``entity`` is then ``IDENTIFIER``).
    """

    normalised: str
    entity: str | None = None
    non_personal: bool = False
    exact: bool = False
    phrase: str | None = None
    person: bool = False
    identifier: bool = False
    meta: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Vocabulary:
    abbreviations: dict[str, tuple[str, ...]]
    phrases: dict[str, str | None]  # normalised phrase -> entity type, None for non-personal
    kinds: dict[str, tuple[str, ...]]  # what a non-personal column names -> its phrases
    people: frozenset[str]
    identifiers: frozenset[str]
    meta: frozenset[str]
    flags: frozenset[str]
    known: frozenset[str]  # every word of the vocabulary: plurals fold onto these


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
    people = frozenset(str(w) for w in raw["people"])
    identifiers = frozenset(str(w) for w in raw["identifiers"])
    meta = frozenset(str(w) for w in raw["meta"])
    known = frozenset(
        w for phrase in [*phrases, *people, *identifiers, *meta] for w in phrase.split()
    )
    return _Vocabulary(
        abbreviations={str(k): tuple(str(v).split()) for k, v in raw["abbreviations"].items()},
        phrases=phrases,
        kinds=kinds,
        people=people,
        identifiers=identifiers,
        meta=meta,
        flags=frozenset(str(w) for w in raw["flags"]),
        known=known,
    )


def flag_values() -> frozenset[str]:
    """Values of a column about personal data that holds none (yes, no, active, 0, 1, ...)."""
    return _vocabulary().flags


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


def _tokens(header: str) -> list[str]:
    # NFKD keeps no letter for ß: Straße -> strasse, not strae.
    folded = header.replace("ß", "ss").replace("ẞ", "SS")
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    tokens: list[str] = []
    for part in plain.split():
        pieces = [p for p in _NON_WORD.sub(" ", _CAMEL.sub(" ", part).casefold()).split()]
        # "ECK iD": a camel split that leaves single letters was one word.
        merged: list[str] = []
        for piece in pieces:
            if merged and len(piece) == 1 and len(merged[-1]) == 1 and piece.isalpha():
                merged[-1] += piece
            else:
                merged.append(piece)
        tokens.extend(merged)
    # Digits are ordinals and one-hot suffixes (addr_line_1, race___0), not words.
    return [t for t in tokens if not t.isdigit()]


def _fold(token: str, known: frozenset[str]) -> str:
    """A plural onto a vocabulary word: mothers -> mother, addresses -> address, adressen ->
    adresse."""
    if token in known or len(token) <= 3:
        return token
    for suffix in ("es", "en", "s", "n"):
        if token.endswith(suffix) and token[: -len(suffix)] in known:
            return token[: -len(suffix)]
    return token


def _split_compound(token: str, vocabulary: _Vocabulary) -> list[str]:
    """``klantnummer`` -> ``klant nummer``, ``caseid`` -> ``case id``: only for words the
    vocabulary does not know as a whole (``postcode``, ``roepnaam`` stay one word)."""
    if token in vocabulary.known or token in vocabulary.abbreviations or token in _NOT_ID:
        return [token]
    for tail in _COMPOUND_TAILS:
        head = token[: -len(tail)]
        if token.endswith(tail) and len(head) >= 3:
            folded = _fold(head.rstrip("s"), vocabulary.known)
            if tail == "id" or head in vocabulary.known or folded in vocabulary.known:
                return [head, tail]
    return [token]


def header_words(header: str) -> tuple[str, ...]:
    """The header's words, folded and with abbreviations expanded: ``dateOfBirth`` -> ``date of
    birth``, ``race___0`` -> ``race``, ``Geb. datum`` -> ``geboorte datum``."""
    vocabulary = _vocabulary()
    words: list[str] = []
    for token in _tokens(header):
        for part in _split_compound(token, vocabulary):
            expanded = vocabulary.abbreviations.get(part, (part,))
            words.extend(_fold(word, vocabulary.known) for word in expanded)
    return tuple(words)


def normalise(header: str) -> str:
    """Lower case, accents and punctuation removed, words split and abbreviations expanded:
    ``Geb. datum`` -> ``geboorte datum``, ``dateOfBirth`` -> ``date of birth``."""
    return " ".join(header_words(header))


def _match(norm: str) -> tuple[str, str | None, bool] | None:
    """The vocabulary phrase the normalised header is or holds: (phrase, entity, exact)."""
    vocabulary = _vocabulary()
    squashed = norm.replace(" ", "")
    for phrase, entity in vocabulary.phrases.items():
        if norm == phrase or squashed == phrase.replace(" ", ""):
            return phrase, entity, True
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
    return None if best is None else (best[1], best[2], False)


def classify_header(header: str) -> HeaderEvidence:
    """Match the whole header first, then the longest phrase inside it; then the rules for
    people words, identifier words and meta words (docs/detection.md)."""
    vocabulary = _vocabulary()
    words = header_words(header)
    norm = " ".join(words)
    person = any(w in vocabulary.people for w in words) or any(
        f" {p} " in f" {norm} " for p in vocabulary.people if " " in p
    )
    found = _match(norm)
    phrase, entity, exact = found if found is not None else (None, None, False)
    rest = [w for w in words if phrase is None or w not in phrase.split()]
    last = words[-1] if words else ""
    # "number" is a key only when a person or another key word says so: klant nummer,
    # reference number, serial no; "Number" alone is a row count.
    names_key = last in vocabulary.identifiers or (
        last in _WEAK_ID and (person or any(w in vocabulary.identifiers for w in words[:-1]))
    )
    base = HeaderEvidence(norm, phrase=phrase, exact=exact, person=person, words=words)
    if found is not None and entity is None:
        return replace(base, non_personal=True)
    if entity == "PERSON" and phrase in _NAME_WORDS and not exact:
        at = words.index(phrase) if phrase in words else 0
        before, after = words[:at], words[at + 1 :]
        if any(w not in vocabulary.people and w not in vocabulary.meta for w in before) or any(
            w in _NAME_COLLECTIONS for w in after
        ):
            # form_name, file name: the name of a thing, not of a person.
            return replace(base, phrase=None)
    if (
        names_key
        and not exact
        and last not in (phrase or "").split()
        and entity not in IDENTIFIER_TYPES
    ):
        coded = last in {"code", "nummer", "number"} and entity in CATEGORICAL_TYPES
        if entity is None or not (coded or entity in SPECIAL_TYPES):
            # user_id, klant_nr, account_key: a key, a person's when the table is about people.
            return replace(base, entity="IDENTIFIER", identifier=True)
    if entity is None and (
        norm in vocabulary.people
        or (words and all(w in vocabulary.people or w in _NAME_WORDS for w in words))
    ):
        # teacher, guardian, case worker: a role names a person.
        return replace(base, entity="PERSON", phrase=norm)
    if entity is None:
        return base
    # A word of another phrase of the same entity is not meta: "date" in "date de naissance".
    own = {w for p, e in vocabulary.phrases.items() if e == entity for w in p.split()}
    meta = tuple(w for w in rest if w in vocabulary.meta and w not in own)
    if entity in CATEGORICAL_TYPES:
        meta = ()
    return replace(base, entity=entity, meta=meta, identifier=entity in IDENTIFIER_TYPES)


def header_matches(header: str, phrases: Iterable[str]) -> bool:
    """Whether the normalised ``header`` is, or holds as whole words, one of ``phrases``."""
    norm = normalise(header)
    padded = f" {norm} "
    squashed = norm.replace(" ", "")
    return any(squashed == phrase.replace(" ", "") or f" {phrase} " in padded for phrase in phrases)
