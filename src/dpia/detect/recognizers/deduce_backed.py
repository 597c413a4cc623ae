"""Names, streets and places backed by Deduce: its lookup lists for short values, its annotator for prose.

Two paths, because their costs differ by three orders of magnitude:

* a short value (a table cell of at most ``SHORT_MAX_WORDS`` words) is looked up as a whole in
  Deduce's own source lists (first names, surnames, name particles, streets, places), loaded once
  per process as casefolded frozensets (~1 s, a few µs per lookup);
* longer text goes through ``deduce.Deduce().deidentify`` (a ~10 s load per process after a
  one-time ~100-180 s build of its lookup structures, then ~1-3 ms per text).

``warm()`` does both loads up front (``make`` set-up). The PERSON, STREET_ADDRESS and LOCATION
recognizers (``person.py``, ``street_address.py``, ``location.py``) share the spans found here.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar, Literal

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from dpia.detect.recognizers._base import result_of
from dpia.detect.recognizers._pickled import pickled

Kind = Literal["first_name", "surname", "particle", "street", "place"]

SHORT_MAX_WORDS = 5
SHORT_MAX_CHARS = 80

PERSON = "PERSON"
STREET_ADDRESS = "STREET_ADDRESS"
LOCATION = "LOCATION"

# Scores: a whole cell that is a known full name or street + number is strong evidence; a single
# token that happens to be in a list (Roos, Ede) is weaker; particles and initials alone need the
# column header (tussenvoegsel, voorletters) to be reported.
SCORE_FULL_NAME = 0.85
SCORE_NAME_WITH_UNKNOWN = 0.6
SCORE_SINGLE_NAME = 0.5
SCORE_NAME_IN_SHORT_TEXT = 0.4
SCORE_NAME_ALSO_PLACE = 0.35
SCORE_PARTICLE = 0.35
SCORE_INITIALS = 0.35
SCORE_STREET_NUMBER = 0.85
SCORE_STREET_PATTERN_NUMBER = 0.6
SCORE_STREET = 0.5
SCORE_PLACE = 0.5
SCORE_PROSE_PERSON = 0.7
SCORE_PROSE_STREET = 0.7
SCORE_PROSE_LOCATION = 0.6

# Particles that may stand alone in a tussenvoegsel column; prepositions such as "in", "op" or
# "te" are particles only inside a name ("in 't Veld"), never as a whole cell.
_STANDALONE_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "von", "vd", "v.d.", "'t", "d'", "l'", "du", "la",
     "le", "da", "di", "dos", "del", "zur", "van der", "van den", "van de", "van 't", "van het",
     "de la", "in 't", "in den", "in het", "op de", "op den", "op 't", "op het", "uit de",
     "aan de", "bij de", "van t", "v/d"}
)  # fmt: skip

_STREET_SUFFIX = re.compile(
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|dreef|steeg|markt|park|erf|baan|"
    r"wal|veld|zijde|ring|allee|boulevard|haven|hoek|oord|plantsoen|dam|brug|kant|vaart|akker|"
    r"horst|rade|straatweg)$",
    re.IGNORECASE,
)
_HOUSE_NUMBER = re.compile(
    r"^(?P<street>.*?\D)\s*,?\s+(?P<number>\d{1,5}(?:\s?[-/]?\s?[a-z]{1,3}\b|\s?-\s?\d{1,4}[a-z]?)?"
    r"(?:\s+(?:hs|bis|bg|i{1,3}|zw|rd|\d{1,4}[a-z]?))?)$",
    re.IGNORECASE,
)
_POSTCODE_PREFIX = re.compile(r"^[1-9]\d{3}\s?[a-z]{2}\s+", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]{0,2}\.){1,5}$")
_PART = re.compile(r"[^,;|]+")

_log = logging.getLogger(__name__)


def normalise(value: str) -> str:
    """Casefold, strip accents and treat hyphens/underscores as spaces: how every lookup compares."""
    if value.isascii():  # nothing to decompose: most names, and every list entry but a few
        plain = value
    else:
        decomposed = unicodedata.normalize("NFKD", value)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("-", " ").replace("_", " ").replace("\u2019", "'").replace("`", "'")
    return " ".join(plain.casefold().split()).strip(' .,;:"')


# --- Deduce's lookup lists as sets --------------------------------------------------------------


def _deduce_dir() -> Path:
    # find_spec does not execute deduce/__init__.py (which reconfigures logging, see _import_deduce).
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("deduce is not installed (pip install deduce)")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_items(folder: Path, files: Iterable[str] = ("items.txt",)) -> set[str]:
    """Items of one Deduce list folder (and its ``lst_*`` sub-lists) minus its exceptions."""
    items: set[str] = set()
    for name in files:
        path = folder / name
        if path.exists():
            items.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    exceptions = folder / "exceptions.txt"
    if exceptions.exists():
        items -= {line.strip() for line in exceptions.read_text(encoding="utf-8").splitlines()}
    for sub in sorted(folder.glob("lst_*")):
        items |= _read_items(sub, files)
    items.discard("")
    return items


@dataclass(frozen=True)
class Lookups:
    """Normalised Deduce lists; names exclude common Dutch words and medical terms, as Deduce does."""

    first_name: frozenset[str]
    surname: frozenset[str]
    particle: frozenset[str]
    particle_token: frozenset[str]
    street: frozenset[str]
    place: frozenset[str]
    common_word: frozenset[str]

    def has(self, kind: Kind, value: str) -> bool:
        key = normalise(value)
        if kind == "particle":
            return key in _STANDALONE_PARTICLES or key in self.particle
        return key in getattr(self, kind)


@functools.cache
def lookups() -> Lookups:
    """Deduce's source lists, loaded once per process (built once per environment, about 0.25 s;
    then read from a pickle, about 0.04 s)."""
    return pickled("deduce-lookups", (Path(__file__),), ("deduce",), _build_lookups)


def _build_lookups() -> Lookups:
    src = _deduce_dir() / "data" / "lookup" / "src"
    stop_words = {normalise(w) for w in _read_items(src / "whitelist" / "lst_stop_word")}
    common = stop_words | {normalise(w) for w in _read_items(src / "whitelist" / "lst_common_word")}
    whitelist = common | {normalise(w) for w in _read_items(src / "whitelist" / "lst_medical_term")}
    interfix = {normalise(p) for p in _read_items(src / "names" / "lst_interfix")}

    def names(*folders: str) -> frozenset[str]:
        found = set().union(*(_read_items(src / "names" / f) for f in folders))
        return frozenset(n for n in map(normalise, found) if len(n) >= 2 and n not in whitelist)

    streets = _read_items(src / "locations" / "lst_street", ("items.txt", "streets_bag.txt"))
    places = _read_items(src / "locations" / "lst_placename")
    return Lookups(
        first_name=names("lst_first_name"),
        surname=names("lst_surname", "lst_interfix_surname"),
        particle=frozenset(interfix),
        particle_token=frozenset(t for p in interfix for t in p.split()),
        street=frozenset(s for s in map(normalise, streets) if len(s) >= 3),
        # Only stop words: "Leiden" and "Echt" are places before they are verbs or adjectives.
        place=frozenset(p for p in map(normalise, places) if len(p) >= 2 and p not in stop_words),
        common_word=frozenset(common),
    )


def lookup(kind: Kind, value: str) -> bool:
    """Whether ``value`` as a whole is in Deduce's list of ``kind`` (casefolded, accents ignored)."""
    return lookups().has(kind, value)


def is_first_name(value: str) -> bool:
    """A first name in Deduce's list (common Dutch words excluded)."""
    return lookup("first_name", value)


def is_surname(value: str) -> bool:
    """A surname in Deduce's list, without particle ("Berg" for "van den Berg")."""
    return lookup("surname", value)


def is_name_particle(value: str) -> bool:
    """A tussenvoegsel such as "van", "de", "van der", "'t"."""
    return lookup("particle", value)


def is_street(value: str) -> bool:
    """A street name in Deduce's lists; a trailing house number is ignored ("Kerkstraat 12a")."""
    match = _HOUSE_NUMBER.match(value.strip())
    return lookup("street", match["street"] if match else value)


def is_place(value: str) -> bool:
    """A Dutch place, municipality, province or region in Deduce's list."""
    return lookup("place", value)


# --- Deduce's annotator for prose ----------------------------------------------------------------


def _import_deduce() -> ModuleType:
    """Import deduce without letting it reconfigure logging.

    ``deduce/deduce.py`` calls ``logging.basicConfig(stream=sys.stdout, level=logging.DEBUG)`` at
    import: every library's debug log would then go to stdout. ``basicConfig`` does nothing when
    the root logger already has a handler, so a placeholder handler is held during the import.
    """
    root = logging.getLogger()
    level = root.level
    placeholder = logging.NullHandler()
    root.addHandler(placeholder)
    try:
        return importlib.import_module("deduce")
    finally:
        root.removeHandler(placeholder)
        root.setLevel(level)


def _cache_path(package_lookup_dir: Path) -> Path:
    # Deduce caches its built structures next to its lists; a read-only install gets a user cache.
    cache = package_lookup_dir / "cache"
    if os.access(cache if cache.exists() else package_lookup_dir, os.W_OK):
        return package_lookup_dir
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dpia" / "deduce"


@functools.cache
def deduce_model() -> Any:
    """The ``deduce.Deduce`` instance of this process (built on first use; see module docstring)."""
    module = _import_deduce()
    lookup_dir = _deduce_dir() / "data" / "lookup"
    _log.info("loading Deduce lookup structures (slow the first time)")
    # Building the model imports ``deduce.annotator``, which calls
    # ``warnings.simplefilter("default")``: every warning the process has silenced (pyspark's
    # pandas-3 notice) would be back on the terminal. The process's filters are kept.
    with warnings.catch_warnings():
        return module.Deduce(cache_path=_cache_path(lookup_dir))


def warm() -> None:
    """Load the lookup sets and Deduce now, so that the first scan does not pay for them."""
    lookups()
    deduce_model()


# --- spans ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """One finding: character offsets, entity type, score and how it was found."""

    start: int
    end: int
    entity: str
    score: float
    how: str


def is_short(text: str) -> bool:
    """Whether ``text`` is treated as a single value (lookup path) rather than prose (Deduce)."""
    return (
        len(text) <= SHORT_MAX_CHARS and "\n" not in text and len(text.split()) <= SHORT_MAX_WORDS
    )


@functools.lru_cache(maxsize=16384)
def find_spans(text: str) -> tuple[Span, ...]:
    """Names, streets and places in ``text``; cached because columns repeat values."""
    if not text.strip():
        return ()
    if is_short(text):
        return tuple(_short_value_spans(text))
    return tuple(_prose_spans(text))


def _parts(text: str) -> Iterator[tuple[int, int, str]]:
    """Comma/semicolon separated parts with their offsets ("Kerkstraat 12, 1234 AB Ede")."""
    for m in _PART.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + raw.index(stripped)
            yield start, start + len(stripped), stripped


def _short_value_spans(text: str) -> Iterator[Span]:
    db = lookups()
    parts = list(_parts(text))
    # "Jansen, Jan" is one name written surname first.
    if len(parts) == 2:
        (start, _, first), (_, end, second) = parts
        joined = _person_span(db, f"{second} {first}")
        if joined is not None and joined[1] >= SCORE_FULL_NAME:
            yield Span(start, end, PERSON, joined[1], "lookup: name, surname first")
            return
    for start, end, part in parts:
        place = _place_span(db, part)
        street = _street_span(db, part)
        person = _person_span(db, part)
        if person is not None and (place or street):
            # "Amsterdam", "Den Haag": a whole cell that is a place is a place first, a name second.
            person = (person[0], SCORE_NAME_ALSO_PLACE, person[2])
        found = [span for span in (person, street, place) if span is not None]
        for entity, score, how in found:
            yield Span(start, end, entity, score, how)
        if not found and len(parts) == 1:
            yield from _names_inside(db, text)


def _is_capitalised(token: str) -> bool:
    letter = next((c for c in token if c.isalpha()), "")
    return letter.isupper()


def _has_capital(value: str) -> bool:
    # Places and streets may start lower-case: "'s-Hertogenbosch", "van Goghstraat 1".
    return any(c.isupper() for c in value)


def _person_span(db: Lookups, value: str) -> tuple[str, float, str] | None:
    norm = normalise(value)
    if norm in _STANDALONE_PARTICLES or (" " in norm and norm in db.particle):
        return PERSON, SCORE_PARTICLE, "lookup: name particle"
    if _INITIALS.match(value.replace(" ", "")):
        return PERSON, SCORE_INITIALS, "lookup: initials"
    # Double surnames ("Jansen-de Vries") are two name parts.
    tokens = [t for t in re.split(r"[\s-]+", value) if t]
    first = surname = unknown = 0
    for token in tokens:
        key = normalise(token)
        if key in db.particle_token and not _is_capitalised(token):
            continue
        if _INITIALS.match(token):
            continue
        if not _is_capitalised(token):
            return None
        is_first, is_sur = key in db.first_name, key in db.surname
        first += is_first
        surname += is_sur and not is_first
        unknown += not (is_first or is_sur or key in db.particle_token)
    known = first + surname
    if known == 0:
        return None
    if len(tokens) == 1:
        return PERSON, SCORE_SINGLE_NAME, "lookup: first name" if first else "lookup: surname"
    if unknown == 0:
        return PERSON, SCORE_FULL_NAME, "lookup: full name"
    if first and unknown <= 2:
        return PERSON, SCORE_NAME_WITH_UNKNOWN, "lookup: first name and unknown name parts"
    return None


def _street_span(db: Lookups, value: str) -> tuple[str, float, str] | None:
    match = _HOUSE_NUMBER.match(value)
    street = match["street"].strip() if match else value
    if not _has_capital(street):
        return None
    if normalise(street) in db.street:
        if match:
            return STREET_ADDRESS, SCORE_STREET_NUMBER, "lookup: street and house number"
        return STREET_ADDRESS, SCORE_STREET, "lookup: street"
    # An unknown street needs its house number: "Bakker" ends in "akker", "Amsterdam" in "dam".
    if match and _STREET_SUFFIX.search(street.split()[-1]):
        return STREET_ADDRESS, SCORE_STREET_PATTERN_NUMBER, "pattern: street and number"
    return None


def _place_span(db: Lookups, value: str) -> tuple[str, float, str] | None:
    place = _POSTCODE_PREFIX.sub("", value)
    if _has_capital(place) and normalise(place) in db.place:
        return LOCATION, SCORE_PLACE, "lookup: place"
    return None


def _names_inside(db: Lookups, text: str) -> Iterator[Span]:
    """First names inside a short phrase ("belde met Fatima"): weaker than a whole-cell name."""
    for m in re.finditer(r"[^\W\d_][\w'-]*", text):
        token = m.group()
        capitalised = len(token) > 1 and _is_capitalised(token) and not token.isupper()
        if capitalised and normalise(token) in db.first_name:
            yield Span(m.start(), m.end(), PERSON, SCORE_NAME_IN_SHORT_TEXT, "lookup: first name")


_PERSON_TAGS = frozenset({"persoon", "patient"})
_LOCATION_TAGS = frozenset({"locatie"})
_HOUSE_NUMBER_AT_END = re.compile(r"\d{1,5}\s*[a-z]{0,3}$", re.IGNORECASE)
_POSTCODE_ONLY = re.compile(r"^[1-9]\d{3}\s?[a-z]{2}$", re.IGNORECASE)
# Deduce drops a street without house number; a capitalised word with a street suffix that is in
# the street list is one ("woont in de Kerkstraat").
_STREET_WORD = re.compile(
    r"(?<![\w-])[A-Z][\w'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg)(?![\w-])"
)


def _prose_spans(text: str) -> Iterator[Span]:
    model = deduce_model()
    db = lookups()
    annotations = model.deidentify(text).annotations
    covered: list[tuple[int, int]] = []
    for a in sorted(annotations, key=lambda a: (a.start_char, a.end_char)):
        value = a.text.strip()
        if a.tag in _PERSON_TAGS:
            key = normalise(value)
            # "het Engels" (the subject): a lone common word is a name only if it is a first name.
            if key in db.common_word and key not in db.first_name:
                continue
            yield Span(a.start_char, a.end_char, PERSON, SCORE_PROSE_PERSON, f"deduce: {a.tag}")
        elif a.tag in _LOCATION_TAGS and not _POSTCODE_ONLY.match(value):
            # A bare postcode is NL_POSTCODE's; Deduce tags street + number and places alike.
            covered.append((a.start_char, a.end_char))
            street = not _POSTCODE_PREFIX.match(value) and (
                _HOUSE_NUMBER_AT_END.search(value) or is_street(value)
            )
            entity, score = (
                (STREET_ADDRESS, SCORE_PROSE_STREET) if street else (LOCATION, SCORE_PROSE_LOCATION)
            )
            yield Span(a.start_char, a.end_char, entity, score, "deduce: locatie")
    for m in _STREET_WORD.finditer(text):
        overlaps = any(s < m.end() and m.start() < e for s, e in covered)
        if not overlaps and lookup("street", m.group()):
            yield Span(m.start(), m.end(), STREET_ADDRESS, SCORE_STREET, "lookup: street in text")


# --- the presidio side ---------------------------------------------------------------------------


class DeduceBackedRecognizer(EntityRecognizer):
    """Base of the PERSON, STREET_ADDRESS and LOCATION recognizers: one entity from ``find_spans``."""

    ENTITY: ClassVar[str]
    CONTEXT: ClassVar[list[str]]
    name: str

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            context=list(self.CONTEXT),
            name=f"{type(self).__name__}_{supported_language}",
        )

    def load(self) -> None:
        # The lookup sets and Deduce load lazily on the first analyze (or via warm()).
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return [
            result_of(
                self,
                self.ENTITY,
                (span.start, span.end),
                span.score,
                AnalysisExplanation(
                    recognizer=self.name, original_score=span.score, textual_explanation=span.how
                ),
            )
            for span in find_spans(text)
            if span.entity == self.ENTITY
        ]
