"""Special categories (art. 9/10) and pupil care from YAML vocabularies: one recognizer class.

Each ``vocabularies/<name>.yaml`` holds ``entity``, ``context`` and ``terms``: groups of regex
fragments with a score. Terms match as whole words, case-insensitively (a fragment may narrow that
with ``(?-i:...)``); a space in a term matches any run of white space. Inflections are spelt out in
the fragment (``kerk(?:en|dienst)?``) or left open with ``\\w*`` where every continuation is still
the same topic (``allerg\\w*``): "kerk" must not match "Kerkstraat". Ambiguous terms get a score
below the analyzer's report threshold so that only a context word (in the text or the column
header) lets them through. A group may also list ``unless`` fragments: a match of that group is
dropped when one of them occurs in the same sentence ("excursie naar de moskee", "gastles van de
wijkagent"), for terms that are as often about a school activity as about a pupil; and ``near``
fragments, one of which must occur in the same sentence for the group to fire at all (an adjective
of origin counts beside "vader" or "familie", not beside "les"); and ``unless_before`` fragments
that veto a match when they come at most three words before it: "een les over de islam", "vertelde
over de sjabbat" (the faith as a topic), where "vanwege hun overtuiging als christenen" stands.
Each group names its ``rule``: the reason its matches give, a key of the message catalogues
(``rule.religious_practice``: "religieuze praktijk").

Two notations keep the files short and in one place:

* ``~`` between words stands for up to four other words: separable verbs and idioms that take
  words in between ("zit ~ vast" matches "zit sinds mei vast", "komt ~ vrij").
* ``{name}`` stands for a named list in ``vocabularies/_lists.yaml``: gazetteers (parties, unions,
  clinics, demonyms, countries) and frames shared by vocabularies (``{school_activity}`` in an
  ``unless``). A list is written once and used wherever it applies.

``Vocabulary.find`` is the one matcher of a vocabulary's terms: the recognizer builds its results
from it, the scanner's cell check (``dpia.detect._cells``) and the validation's special-category
check (``dpia.minimise``) call it as well.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from dpia._yaml import load_unique
from dpia.detect.recognizers._base import result_of
from dpia.errors import DpiaError
from dpia.register import ENTITY_NAMES

SPECIAL_VOCABULARIES: tuple[str, ...] = (
    "religion",
    "health",
    "ethnic_origin",
    "sexual_orientation",
    "political_opinion",
    "trade_union",
    "biometric",
    "genetic",
    "criminal",
    "pupil_care",
)

_WHITESPACE = r"\s+"
# "zit ~ vast": up to four words between the parts of a separable verb or an idiom.
_GAP = r"(?:\W+\w+){0,4}?\W+"
# ``unless_before``: the fragment, then at most three words, then the match.
_UP_TO_HERE = r"(?:\W+\w+){0,3}?\W*$"
_BEFORE_CHARS = 80
_POSTCODE_DIGITS = re.compile(r"(?<!\d)[1-9]\d{3} ?$")
_RULE = re.compile(r"[a-z][a-z0-9_]*")
_LIST_REFERENCE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# Presidio's flags for pattern recognizers (the same bits in ``re`` and ``regex``). ``find``
# compiles with ``re``: its alternations of plain fragments run ~1.6 times as fast as with the
# ``regex`` module Presidio uses, and every fragment must compile with ``re`` (checked on load).
FLAGS = re.IGNORECASE | re.DOTALL | re.MULTILINE
# A sentence ends at . ! ? ; before white space (not inside "i.v.m" or "12.30") or at a line break.
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")


@dataclass(frozen=True)
class TermGroup:
    """Terms sharing one base score and rule, the fragments that veto them within a sentence and
    those of which one must occur in it (none: no such condition)."""

    score: float
    terms: tuple[str, ...]
    unless: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    rule: str = "term"
    unless_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermMatch:
    """A term of a vocabulary in a text: where, and its group (index and score)."""

    start: int
    end: int
    group: int
    score: float
    rule: str


@dataclass(frozen=True)
class Vocabulary:
    """One YAML vocabulary: the entity it detects, its context words and its term groups."""

    name: str
    entity: str
    context: tuple[str, ...]
    groups: tuple[TermGroup, ...]

    def regex_for(self, group: TermGroup) -> str:
        """The whole-word alternation for one group."""
        return _whole_words(group.terms)

    def find(self, text: str) -> Iterator[TermMatch]:
        """Every term in ``text``, group after group, less those vetoed by their group's
        ``unless`` in the same sentence or lacking one of its ``near`` fragments there."""
        if self._anything.search(text) is None:
            return  # one search tells that no group can match: most texts hold no term at all
        for index, (group, terms, guard, frame, topic) in enumerate(self._compiled):
            for match in terms.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                if topic is not None and topic.search(text, max(0, start - _BEFORE_CHARS), start):
                    continue
                if end - start == 2 and _POSTCODE_DIGITS.search(text, max(0, start - 6), start):
                    continue  # the letters of a Dutch postcode ("1607 ME", "8302 XR")
                if guard is not None or frame is not None:
                    sentence = sentence_around(text, start, end)
                    if guard is not None and guard.search(sentence):
                        continue
                    if frame is not None and not frame.search(sentence):
                        continue
                yield TermMatch(start, end, index, group.score, group.rule)

    def may_contain(self, text: str) -> bool:
        """Whether some term occurs in ``text``, vetoes and conditions aside: one search."""
        return self._anything.search(text) is not None

    def context_in(self, text: str) -> bool:
        """Whether ``text`` holds one of the context words, as whole words."""
        return self._context is not None and self._context.search(text) is not None

    @functools.cached_property
    def _compiled(
        self,
    ) -> tuple[
        tuple[
            TermGroup,
            re.Pattern[str],
            re.Pattern[str] | None,
            re.Pattern[str] | None,
            re.Pattern[str] | None,
        ],
        ...,
    ]:
        return tuple(
            (
                group,
                re.compile(_bucketed(group.terms), FLAGS),
                re.compile(_whole_words(group.unless), FLAGS) if group.unless else None,
                re.compile(_whole_words(group.near), FLAGS) if group.near else None,
                (
                    re.compile(_whole_words(group.unless_before) + _UP_TO_HERE, FLAGS)
                    if group.unless_before
                    else None
                ),
            )
            for group in self.groups
        )

    @functools.cached_property
    def _anything(self) -> re.Pattern[str]:
        return re.compile(_bucketed(tuple(f for group in self.groups for f in group.terms)), FLAGS)

    @functools.cached_property
    def _context(self) -> re.Pattern[str] | None:
        words = "|".join(
            _WHITESPACE.join(re.escape(word) for word in phrase.split()) for phrase in self.context
        )
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", FLAGS) if words else None


def _whole_words(fragments: tuple[str, ...]) -> str:
    alternatives = "|".join(f"(?:{_spaced(fragment)})" for fragment in fragments)
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


def _bucketed(fragments: tuple[str, ...]) -> str:
    """``_whole_words(fragments)`` as a faster pattern that finds the same words.

    Fragments that start with a plain letter are grouped under it ("a(?:stma\\w*|llerg\\w*)"): at
    each word start ``re`` then tries one letter per bucket instead of every fragment, which
    halves the cost of a search over hundreds of terms. A bucket keeps its fragments in order; at
    one position only one bucket can match, so a match starts where it would and differs at most
    in which of two overlapping fragments wins.
    """
    buckets: dict[str, list[str]] = {}
    rest: list[str] = []
    for fragment in map(_spaced, fragments):
        plain_start = fragment[:1].isalpha() and fragment[1:2] not in {"?", "*", "+", "{"}
        if plain_start and not _has_top_level_bar(fragment):
            buckets.setdefault(fragment[0].lower(), []).append(fragment[1:])
        else:
            rest.append(fragment)
    alternatives = [f"{first}(?:{'|'.join(tails)})" for first, tails in sorted(buckets.items())]
    alternatives += [f"(?:{fragment})" for fragment in rest]
    return rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)"


def _spaced(fragment: str) -> str:
    """``fragment`` with its notations for white space (" ") and gaps (" ~ ") as regex."""
    return fragment.replace(" ~ ", _GAP).replace(" ", _WHITESPACE)


def _has_top_level_bar(fragment: str) -> bool:
    """Whether ``fragment`` is itself an alternation ("a|b") outside any group or class."""
    depth, escaped, in_class = 0, False, False
    for char in fragment:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def any_term(vocabularies: Iterable[Vocabulary]) -> re.Pattern[str] | None:
    """Every term of ``vocabularies`` as one pattern (``None`` for none): a text it does not match
    holds none of them, which one search tells instead of one per group."""
    terms = [v._anything.pattern for v in vocabularies]
    return re.compile("|".join(f"(?:{t})" for t in terms), FLAGS) if terms else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span ``start:end``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    return text[left:right]


class VocabularyError(DpiaError):
    """A vocabulary file that does not follow the schema; the message names file and field."""

    reason = "invalid_vocabulary"


def _fragments(where: str, field: str, raw: Any, lists: Mapping[str, str]) -> tuple[str, ...]:
    """A list of regex fragments with ``{name}`` references resolved; each must compile."""
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise VocabularyError(f"{where}: {field} must be a list of strings")
    resolved = []
    for fragment in raw:
        unknown = sorted(set(_LIST_REFERENCE.findall(fragment)) - set(lists))
        if unknown:
            raise VocabularyError(f"{where}: {field} {fragment!r}: no list {unknown[0]!r}")
        expanded = _LIST_REFERENCE.sub(lambda m: lists[m.group(1)], fragment)
        try:
            re.compile(expanded)
        except re.error as exc:
            raise VocabularyError(f"{where}: {field} word {fragment!r}: {exc}") from None
        resolved.append(expanded)
    return tuple(resolved)


def _parse(name: str, data: Any, lists: Mapping[str, str] | None = None) -> Vocabulary:
    where = f"vocabularies/{name}.yaml"
    lists = _shared_lists() if lists is None else lists
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected a mapping at the top level")
    entity = data.get("entity")
    if entity not in ENTITY_NAMES:
        raise VocabularyError(f"{where}: entity {entity!r} is not in dpia.register._taxonomy")
    context = data.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise VocabularyError(f"{where}: context must be a list of strings")
    groups: list[TermGroup] = []
    for i, raw in enumerate(data.get("terms") or []):
        if not isinstance(raw, dict):
            raise VocabularyError(f"{where}: terms[{i}] must be a mapping with score and words")
        score, words, rule = raw.get("score"), raw.get("words"), raw.get("rule")
        if not isinstance(score, (int, float)) or not 0 < score <= 1:
            raise VocabularyError(f"{where}: terms[{i}].score must be a number in (0, 1]")
        if not isinstance(words, list) or not words:
            raise VocabularyError(f"{where}: terms[{i}].words must be a non-empty list of strings")
        if not isinstance(rule, str) or not _RULE.fullmatch(rule):
            raise VocabularyError(f"{where}: terms[{i}].rule must be a snake_case name")
        groups.append(
            TermGroup(
                float(score),
                _fragments(where, f"terms[{i}].words", words, lists),
                _fragments(where, f"terms[{i}].unless", raw.get("unless", []), lists),
                _fragments(where, f"terms[{i}].near", raw.get("near", []), lists),
                rule,
                _fragments(where, f"terms[{i}].unless_before", raw.get("unless_before", []), lists),
            )
        )
    if not groups:
        raise VocabularyError(f"{where}: no terms")
    # One home per term: a term in two groups fires under the laxer one's conditions anyway.
    seen: set[str] = set()
    for i, group in enumerate(groups):
        for term in group.terms:
            if term in seen:
                raise VocabularyError(f"{where}: terms[{i}] word {term!r} is in an earlier group")
            seen.add(term)
    return Vocabulary(name, entity, tuple(c.lower() for c in context), tuple(groups))


def _read(name: str) -> Any:
    path = resources.files("dpia.detect.recognizers").joinpath("vocabularies", f"{name}.yaml")
    where = f"vocabularies/{name}.yaml"
    return load_unique(path.read_text(encoding="utf-8"), lambda m: VocabularyError(f"{where}: {m}"))


@functools.cache
def _shared_lists() -> dict[str, str]:
    """``vocabularies/_lists.yaml``: each named list as one non-capturing alternation."""
    where = "vocabularies/_lists.yaml"
    data = _read("_lists")
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected a mapping of list names to lists")
    lists = {}
    for key, items in sorted(data.items()):
        fragments = _fragments(where, str(key), items, {})
        if not fragments:
            raise VocabularyError(f"{where}: {key} is empty")
        lists[str(key)] = "(?:" + "|".join(_spaced(f) for f in fragments) + ")"
    return lists


@functools.cache
def load_vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``vocabularies/<name>.yaml`` shipped with the package (parsed once)."""
    return _parse(name, _read(name))


def vocabulary_of(entity: str) -> Vocabulary:
    """The special-category or pupil-care vocabulary that detects ``entity``."""
    return next(v for v in map(load_vocabulary, SPECIAL_VOCABULARIES) if v.entity == entity)


def _checked_already(pattern: str) -> None:
    """Every fragment compiled with ``re`` when its vocabulary was loaded (``_fragments``)."""


class _GroupPattern(Pattern):
    """A term group's pattern, which names the group in explanations and is never searched:
    ``VocabularyRecognizer.analyze`` runs ``Vocabulary.find``. Presidio's own check would compile
    it once more with the ``regex`` module, about 0.3 s for all vocabularies at every start."""

    _Pattern__validate_regex = staticmethod(_checked_already)


class VocabularyRecognizer(PatternRecognizer):
    """Whole-word vocabulary matches for one entity type (see module docstring).

    A pattern recognizer for Presidio's sake (its patterns, one a group, describe the results and
    tell ``dpia.detect._cells`` which texts to analyse), whose matches are ``Vocabulary.find``'s.
    """

    def __init__(self, vocabulary: Vocabulary, supported_language: str = "nl") -> None:
        self.vocabulary = vocabulary
        patterns: list[Pattern] = [
            _GroupPattern(
                f"{vocabulary.name} #{i} (score {g.score})", vocabulary.regex_for(g), g.score
            )
            for i, g in enumerate(vocabulary.groups)
        ]
        super().__init__(
            supported_entity=vocabulary.entity,
            patterns=patterns,
            context=list(vocabulary.context),
            supported_language=supported_language,
            name=f"VocabularyRecognizer_{vocabulary.name}_{supported_language}",
            global_regex_flags=FLAGS,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """``Vocabulary.find``'s matches as Presidio results, explained by their group's pattern."""
        name: str = self.name  # type: ignore[has-type]  # untyped in Presidio
        patterns: list[Pattern] = self.patterns  # type: ignore[has-type]
        results = []
        for match in self.vocabulary.find(text):
            pattern = patterns[match.group]
            explanation = self.build_regex_explanation(
                name,
                pattern.name,
                pattern.regex,
                match.score,
                None,  # type: ignore[arg-type]  # no validator, as in Presidio's own results
                FLAGS,
            )
            span = (match.start, match.end)
            results.append(result_of(self, self.vocabulary.entity, span, match.score, explanation))
        found: list[RecognizerResult] = EntityRecognizer.remove_duplicates(results)
        return found


def special_category_recognizers(supported_language: str) -> list[VocabularyRecognizer]:
    """One recognizer per special-category / pupil-care vocabulary, for one language.

    Each vocabulary holds Dutch and English terms: exports mix both, whatever the analysis language.
    """
    return [
        VocabularyRecognizer(load_vocabulary(name), supported_language)
        for name in SPECIAL_VOCABULARIES
    ]
