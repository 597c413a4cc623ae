"""The offline presidio ``AnalyzerEngine``: blank spaCy pipelines (nl, en) and only dpia's recognizers.

* No download: the spaCy pipelines are ``spacy.blank(lang)`` plus the lookup lemmatizer from
  spacy-lookups-data, written once to a cache folder and loaded from there by presidio's
  ``NlpEngineProvider`` (a path, so it never tries ``spacy download``). tldextract uses its bundled
  suffix list (``dpia._offline``).
* Only our recognizers: presidio's predefined set fires DE_BSNR / US_BANK_NUMBER on BSNs.
* Context words match whole words (or the lemma, or a 2-3 word phrase), never substrings: with
  presidio's default "lic" would match "public". Context passed to ``analyze(context=[...])`` (a
  column header) is split the same way (``context_words``).
* Results below ``REPORT_THRESHOLD`` are dropped unless the caller passes ``score_threshold``:
  weak evidence (a bare date, a single letter "V", "rugzak") needs a context word to get through.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

# First of all: the offline environment must be in place before presidio (and tldextract) load.
import dpia._offline  # noqa: F401  # isort: skip

import functools
import importlib.metadata
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngineProvider
from spacy.language import Language
from spacy.tokens import Token

from dpia.detect.recognizers import SUPPORTED_LANGUAGES, recognizers_for

REPORT_THRESHOLD = 0.4
CONTEXT_FACTOR = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
CONTEXT_WORDS_BEFORE = 5
CONTEXT_WORDS_AFTER = 1
_MAX_PHRASE = 3

__all__ = [
    "REPORT_THRESHOLD",
    "SUPPORTED_LANGUAGES",
    "WholeWordContextEnhancer",
    "cache_dir",
    "context_words",
    "get_analyzer",
    "spacy_model_dir",
]


# --- the spaCy pipelines ---------------------------------------------------------------------------


def cache_dir() -> Path:
    """``$DPIA_CACHE_DIR``, else ``$XDG_CACHE_HOME/dpia``, else ``~/.cache/dpia`` (temp dir if unwritable)."""
    explicit = os.environ.get("DPIA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dpia"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _blank_pipeline(language: str) -> Language:
    nlp = spacy.blank(language)
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, ImportError, OSError):
        # No lookup tables for this language (spacy-lookups-data missing): tokens only, and
        # context words then match surface forms.
        nlp = spacy.blank(language)
    return nlp


def spacy_model_dir(language: str) -> Path:
    """The on-disk blank pipeline for ``language``, written on first use.

    Keyed by the spaCy and spacy-lookups-data versions; written to a temporary sibling and renamed,
    so concurrent processes never load a half-written folder.
    """
    name = f"{language}-spacy{_version('spacy')}-lookups{_version('spacy-lookups-data')}"
    for base in (cache_dir(), Path(tempfile.gettempdir()) / "dpia-cache"):
        target = base / "spacy" / name
        if (target / "config.cfg").exists():
            return target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
        except OSError:
            continue  # unwritable cache: try the temp dir
        try:
            _blank_pipeline(language).to_disk(scratch)
            scratch.rename(target)
        except OSError:
            if not (target / "config.cfg").exists():
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return target
    raise OSError(f"no writable cache folder for the spaCy pipeline {name}")


# --- whole-word context --------------------------------------------------------------------------

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[\W_]+")


def _phrases(words: list[str]) -> list[str]:
    """The words, their 2- and 3-word phrases and their concatenation ("geb datum" -> "gebdatum")."""
    found = list(words)
    for n in range(2, _MAX_PHRASE + 1):
        found.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    if len(words) > 1:
        found.append("".join(words))
    return found


def context_words(values: Iterable[str]) -> list[str]:
    """Lower-case context words from free-form labels such as column headers.

    ``"Geboortedatum leerling"``, ``"geb.datum"``, ``"GebDat"`` and ``"date_of_birth"`` become
    their words, 2-3 word phrases and the concatenation of the words, plus the label itself.
    """
    found: list[str] = []
    for value in values:
        label = value.strip().lower()
        words = [w.lower() for w in _NON_WORD.split(_CAMEL.sub(" ", value)) if w]
        found.append(label)
        found.extend(_phrases(words))
    return list(dict.fromkeys(w for w in found if w))


def _token_forms(token: Token) -> list[str]:
    text = token.lower_
    forms = [text, token.lemma_.lower(), text.rstrip(".:")]
    forms.extend(p for p in re.split(r"[:/=]", text) if p)
    return forms


def _is_keyword(token: Token) -> bool:
    return not (token.is_stop or token.is_punct or token.is_space)


class WholeWordContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma enhancer with whole-word matching, surface forms and short phrases.

    Compared with presidio's ``whole_word`` mode this also (a) matches the surface form, not only
    the lemma (the English lookup lemmatizer turns "born" into "bear"), (b) matches multi-word
    context such as "date of birth" (stop words included) and (c) ignores the tokens of the match
    itself, so that a term never boosts itself ("medische" in HEALTH's own context).
    """

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=CONTEXT_FACTOR,
            min_score_with_context_similarity=MIN_SCORE_WITH_CONTEXT,
            context_prefix_count=CONTEXT_WORDS_BEFORE,
            context_suffix_count=CONTEXT_WORDS_AFTER,
            context_matching_mode="whole_word",
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        words = context_words(context) if context else None
        return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, words)

    def _extract_surrounding_words(
        self, nlp_artifacts: NlpArtifacts, word: str, start: int
    ) -> list[str]:
        doc = nlp_artifacts.tokens
        if doc is None or len(doc) == 0:
            return []
        end = start + len(word)

        def inside(token: Token) -> bool:
            return token.idx >= start and token.idx + len(token) <= end

        first = next((t.i for t in doc if t.idx + len(t) > start), len(doc) - 1)
        last = max((t.i for t in doc if t.idx < end), default=first)
        lo, seen = first, 0
        for i in range(first, -1, -1):
            if inside(doc[i]):
                continue
            lo = i
            seen += _is_keyword(doc[i])
            if seen >= self.context_prefix_count:
                break
        hi, seen = last, 0
        for i in range(last, len(doc)):
            if inside(doc[i]):
                continue
            hi = i
            seen += _is_keyword(doc[i])
            if seen >= self.context_suffix_count:
                break
        window = [t for t in doc[lo : hi + 1] if not inside(t)]
        words = [f for t in window for f in _token_forms(t)]
        # Phrases run over the window on each side of the match, stop words included.
        for side in ([t for t in window if t.i < first], [t for t in window if t.i > last]):
            words.extend(_phrases([t.lower_ for t in side if not t.is_punct]))
        return list(dict.fromkeys(w for w in words if w))


# --- the engine ----------------------------------------------------------------------------------


@functools.cache
def get_analyzer() -> AnalyzerEngine:
    """The process-wide analyzer for ``nl`` and ``en`` (built once; see module docstring)."""
    languages = list(SUPPORTED_LANGUAGES)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [
                {"lang_code": lang, "model_name": str(spacy_model_dir(lang))} for lang in languages
            ],
        }
    )
    registry = RecognizerRegistry(supported_languages=languages)
    for lang in languages:
        for recognizer in recognizers_for(lang):
            registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=provider.create_engine(),
        supported_languages=languages,
        default_score_threshold=REPORT_THRESHOLD,
        context_aware_enhancer=WholeWordContextEnhancer(),
    )
