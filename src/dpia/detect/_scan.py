"""Column classifier: which personal and special-category data each column of an export holds.

Per column, header evidence (``headers.py``) is combined with value evidence: the share of the
examined distinct values that our Presidio recognizers accept as a whole cell, checksums first.
Free-text columns are read cell by cell with the analyzer and their mentions counted.

Only distinct values are examined (a typical export repeats a fifth of its cells), and by default
a seeded sample of them (``tally.py``), so a scan costs a few thousand recognizer calls per column
whatever the number of rows; ``sample=None`` examines every distinct value. Because the sample
depends only on the set of values, a file read in chunks (``scan_stream``) gets the same findings
as the whole file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from dpia.detect._cells import VOCABULARY_TYPES
from dpia.detect._evidence import NoteEvidence, ValueEvidence, analyze_text
from dpia.detect._headers import CATEGORICAL_TYPES, HeaderEvidence, classify_header
from dpia.detect._masking import mask_many
from dpia.detect._snippets import Snippet
from dpia.detect._tally import ColumnTally, Tally
from dpia.load import Export, ExportStream, Provenance
from dpia.messages import Message, render
from dpia.register import ENTITY_TYPES, SPECIAL_TYPES

DEFAULT_SAMPLE = 1000
DEFAULT_SEED = 0

# Entity types whose value evidence is a checksum or an unmistakable shape: they decide a column
# by values alone, even against a header that calls it something else ("bestelnummer" full of
# valid BSNs is a BSN column).
SHAPED = (
    "NL_BSN",
    "NL_ONDERWIJSNUMMER",
    "ECK_ID",
    "EMAIL_ADDRESS",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "PHONE_NUMBER",
    "NL_POSTCODE",
    "URL",
    "PHOTO",
    "GEO_COORDINATES",
    "DEVICE_ID",
    "NATIONAL_ID",
)
# The header names one of these, but the values must carry the checksum: a 9-digit number that
# fails the 11-test is not a BSN whatever its header says.
CHECKSUM_REQUIRED = frozenset({"NL_BSN", "NL_ONDERWIJSNUMMER", "ECK_ID", "IBAN_CODE"})
# The header names one of these, and the values must show it: any small number is not an age.
VALUES_REQUIRED = frozenset({"AGE", "GEO_COORDINATES"})
# Lookup-list types: a few distinct values (school names, the board's towns) are not people.
LOOKUP_TYPES = frozenset({"PERSON", "LOCATION", "STREET_ADDRESS"})

STRONG_SHARE = 0.6  # share of examined values that decides a column by values alone
WEAK_SHARE = 0.3  # share that confirms what the header says
MIN_DISTINCT_LOOKUP = 20  # fewer distinct values than this are categories, not names or places
FREE_TEXT_WORDS = 4.0  # mean words per cell from which a column reads as prose
FREE_TEXT_MIN_DISTINCT = 10
REASON_SHARE = 0.05  # a recognizer accepting fewer values than this is not named as a reason


@dataclass(frozen=True)
class ColumnFinding:
    """One column's verdict. ``values`` are masked; ``mentions`` count hits in free text."""

    name: str
    entity: str | None
    special: str | None
    confidence: float
    share: float
    header: str | None
    values: tuple[str, ...]
    mentions: Mapping[str, int] = field(default_factory=dict)
    rows_mentioning: Mapping[str, int] = field(default_factory=dict)
    snippets: tuple[Snippet, ...] = ()
    non_empty: int = 0
    distinct: int = 0
    examined: int = 0
    reasons: tuple[Message, ...] = ()
    # An IDENTIFIER whose header names a person (user_id): personal whatever the table.
    person_key: bool = False

    @property
    def personal(self) -> bool:
        return self.entity is not None

    @property
    def category(self) -> str | None:
        kind = self.special or self.entity
        return None if kind is None else ENTITY_TYPES[kind].category.value

    def to_dict(self) -> dict[str, Any]:
        """The column object of the ``dpia scan --format json`` contract."""
        return {
            "name": self.name,
            "entity": self.entity,
            "category": self.category,
            "special": self.special,
            "personal": self.personal,
            "confidence": self.confidence,
            "share": self.share,
            "evidence": {"header": self.header, "values": list(self.values)},
            "mentions": dict(sorted(self.mentions.items())),
            "rows_mentioning": dict(sorted(self.rows_mentioning.items())),
            "snippets": {
                entity: [s.to_dict() for s in self.snippets if s.entity == entity]
                for entity in sorted({s.entity for s in self.snippets})
            },
            "reasons": [
                {"code": r.code, "nl": render(r, "nl"), "en": render(r, "en")} for r in self.reasons
            ],
        }


@dataclass(frozen=True)
class ScanResult:
    """The findings for one export, in column order."""

    provenance: Provenance
    columns: tuple[ColumnFinding, ...]

    def to_dict(self) -> dict[str, Any]:
        """The file object of the ``dpia scan --format json`` contract."""
        p = self.provenance
        return {
            "path": p.path,
            "sha256": p.sha256,
            "rows": p.rows,
            "encoding": p.encoding,
            "delimiter": p.delimiter,
            "engine": p.engine,
            "columns": [c.to_dict() for c in self.columns],
        }

    def column(self, name: str) -> ColumnFinding:
        for finding in self.columns:
            if finding.name == name:
                return finding
        raise KeyError(name)


def scan(
    export: Export,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> ScanResult:
    """Classify every column of ``export``; ``progress`` is called once per column done."""
    return ScanResult(
        provenance=export.provenance,
        columns=scan_frame(export.frame, sample=sample, seed=seed, progress=progress),
    )


def scan_stream(
    stream: ExportStream,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> ScanResult:
    """``scan`` over a file read in chunks: the same findings, one chunk in memory at a time.

    ``progress`` is called with the number of rows of each chunk read.
    """
    tallies = [ColumnTally(name, sample, seed) for name in stream.header]
    rows = 0
    for chunk in stream.chunks():
        for tally, name in zip(tallies, stream.header, strict=True):
            tally.add(chunk[name])
        rows += len(chunk)
        if progress is not None:
            progress(len(chunk))
    columns = tuple(
        classify_tally(name, tally.result())
        for name, tally in zip(stream.header, tallies, strict=True)
    )
    return ScanResult(provenance=stream.provenance(rows), columns=about_people(columns))


def scan_frame(
    frame: pd.DataFrame,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> tuple[ColumnFinding, ...]:
    """Classify every column of an all-text frame (see ``scan``)."""
    findings = []
    for name in frame.columns:
        findings.append(classify_column(str(name), frame[name], sample=sample, seed=seed))
        if progress is not None:
            progress(1)
    return about_people(findings)


def about_people(findings: Sequence[ColumnFinding]) -> tuple[ColumnFinding, ...]:
    """The table rule for identifiers: a key is personal data when its table is about people.

    An ``IDENTIFIER`` column whose header names a person (user_id, klantnummer) is personal
    whatever the table; another one (case_id, record_id) is personal when another column of the
    table holds personal data, and not in a table of school buildings or products.
    """
    people = any(f.personal and (f.entity != "IDENTIFIER" or f.person_key) for f in findings)
    resolved = []
    for finding in findings:
        if finding.entity == "IDENTIFIER" and not finding.person_key:
            if people:
                finding = replace(
                    finding, reasons=(*finding.reasons, Message("scan.reason.rule.id_table"))
                )
            else:
                finding = replace(
                    finding,
                    entity=None,
                    special=None,
                    share=0.0,
                    values=(),
                    reasons=(*finding.reasons, Message("scan.reason.rule.id_no_people")),
                )
        resolved.append(finding)
    return tuple(resolved)


def classify_column(
    name: str, column: pd.Series, *, sample: int | None = DEFAULT_SAMPLE, seed: int = DEFAULT_SEED
) -> ColumnFinding:
    """Header evidence plus value evidence for one column."""
    tally = ColumnTally(name, sample, seed)
    tally.add(column)
    return classify_tally(name, tally.result())


def classify_tally(name: str, tally: Tally) -> ColumnFinding:
    """Header evidence plus value evidence for a column's tallied values."""
    examined = list(tally.examined)
    header = classify_header(name)
    if is_free_text(header, len(examined), word_count(examined)):
        return classify_evidence(name, tally, NoteEvidence.of(examined, tally.counts))
    return classify_evidence(
        name,
        tally,
        ValueEvidence.of(examined, header.entity),
        lambda entity: tuple(mask_many(examined, entity)),
    )


def classify_evidence(
    name: str,
    tally: Tally | TallyFacts,
    evidence: ValueEvidence | NoteEvidence,
    masked: Callable[[str], tuple[str, ...]] = lambda entity: (),
) -> ColumnFinding:
    """The column's finding from what its examined values say (``dpia.detect._evidence``):
    notes when ``evidence`` is a ``NoteEvidence``. ``masked(entity)`` gives the masked examples
    of all examined values, for a type the header decided that no value shows."""
    header = classify_header(name)
    examined = tally.examined if isinstance(tally, TallyFacts) else len(tally.examined)
    base: dict[str, Any] = {
        "name": name,
        "header": header.phrase,
        "non_empty": tally.non_empty,
        "distinct": tally.distinct,
        "examined": examined,
    }
    said = _header_reasons(header)
    if not examined:
        return ColumnFinding(
            entity=None,
            special=None,
            confidence=0.0,
            share=0.0,
            values=(),
            reasons=(*said, Message("scan.reason.rule.empty")),
            **base,
        )
    if isinstance(evidence, NoteEvidence):
        finding = _free_text_finding(evidence, base)
        return replace(finding, reasons=(*said, Message("scan.reason.rule.free_text")))
    shares = evidence.shares
    facts = _Evidence(
        shares, tally.distinct, evidence.coarse, evidence.flags, evidence.card_like / examined
    )
    entity, confidence, rule = _decide(header, facts)
    seen = _value_reasons(shares, entity)
    if entity is None:
        return ColumnFinding(
            entity=None,
            special=None,
            confidence=confidence,
            share=0.0,
            values=(),
            reasons=(*said, *seen, rule),
            **base,
        )
    shown = evidence.shown.get(entity) or masked(entity)
    return ColumnFinding(
        entity=entity,
        special=entity if entity in SPECIAL_TYPES else None,
        confidence=confidence,
        share=round(shares.get(entity, 0.0), 4),
        values=shown,
        reasons=(*said, *seen, rule),
        person_key=entity == "IDENTIFIER" and header.person,
        **base,
    )


@dataclass(frozen=True)
class TallyFacts:
    """A column's counts without its values (the Spark engine's ``--full``): non-blank cells,
    distinct values, and how many were examined."""

    non_empty: int
    distinct: int
    examined: int


def _header_reasons(header: HeaderEvidence) -> tuple[Message, ...]:
    words = header.normalised
    if header.phrase is None and header.entity is None:
        return (Message("scan.reason.header_unknown", words=words),) if words else ()
    if header.entity is None:
        return (Message("scan.reason.header_none", words=words, phrase=header.phrase or ""),)
    said = [
        Message(
            "scan.reason.header",
            words=words,
            phrase=header.phrase or words,
            entity=header.entity,
        )
    ]
    if header.meta:
        said.append(Message("scan.reason.meta_words", meta=header.meta))
    return tuple(said)


def _value_reasons(shares: Mapping[str, float], entity: str | None) -> tuple[Message, ...]:
    """The recognizers that accepted values, the decided type's first; others from
    ``REASON_SHARE`` (a BSN column's stray phone-shaped value is noise, not a reason)."""
    ranked = sorted(shares.items(), key=lambda item: (item[0] != entity, -item[1], item[0]))
    return tuple(
        Message("scan.reason.values", share=round(share, 4), entity=name)
        for name, share in ranked[:3]
        if share > 0 and (name == entity or share >= REASON_SHARE)
    )


def word_count(values: Iterable[str]) -> int:
    """The words of ``values`` together (what tells prose from short values)."""
    return sum(len(v.split()) for v in values)


def is_free_text(header: HeaderEvidence, examined: int, words: int) -> bool:
    """Whether a column reads as prose: its header says so, or its ``examined`` values hold
    ``words`` words, ``FREE_TEXT_WORDS`` a value on average."""
    if header.entity == "FREE_TEXT":
        return True
    return examined >= FREE_TEXT_MIN_DISTINCT and words / examined >= FREE_TEXT_WORDS


@dataclass(frozen=True)
class _Evidence:
    """What the values say: per entity the share accepted, and facts about the whole column."""

    shares: Mapping[str, float]
    distinct: int
    coarse_dates: bool  # every value a year or an age band: a coarsened date of birth
    all_flags: bool  # every value yes/no/active/0/1...: a column about something, holding none
    card_like: float  # share of values that are a card number, perhaps mangled by a spreadsheet


def _decide(header: HeaderEvidence, evidence: _Evidence) -> tuple[str | None, float, Message]:
    """The column's entity type, the confidence in it, and the rule that decided (the order of
    the rules is documented in docs/detection.md, "Decision rules")."""
    shares = evidence.shares
    claimed = header.entity
    if claimed in SPECIAL_TYPES:
        # Art. 9/10: the header decides whatever the values are (codes, booleans, one-hot).
        return claimed, _confidence(0.9, 1.0), Message("scan.reason.rule.special_header")
    shaped = max(SHAPED, key=lambda e: (shares.get(e, 0.0), e == header.entity))
    national = shares.get("NL_BSN", 0.0) + shares.get("NL_ONDERWIJSNUMMER", 0.0)
    if national >= STRONG_SHARE and shaped not in {"NL_BSN", "NL_ONDERWIJSNUMMER"}:
        shaped = (
            "NL_BSN"
            if shares.get("NL_BSN", 0.0) >= shares.get("NL_ONDERWIJSNUMMER", 0.0)
            else "NL_ONDERWIJSNUMMER"
        )
    shaped_share = (
        national if shaped in {"NL_BSN", "NL_ONDERWIJSNUMMER"} else shares.get(shaped, 0.0)
    )
    if shaped_share >= STRONG_SHARE:
        agrees = header.entity == shaped
        rule = Message("scan.reason.rule.shaped", entity=shaped)
        return shaped, _confidence(0.9 + 0.09 * agrees, shaped_share), rule
    if claimed is not None and claimed != "FREE_TEXT":
        return _claimed(header, claimed, evidence)
    if header.non_personal:
        return None, 0.9, Message("scan.reason.rule.header_none")
    return _by_values(shares, evidence.distinct)


def _claimed(
    header: HeaderEvidence, claimed: str, evidence: _Evidence
) -> tuple[str | None, float, Message]:
    """The header names ``claimed``; the values may still say the column holds none of it."""
    shares = evidence.shares
    own = shares.get(claimed, 0.0)
    if header.meta:
        return None, 0.8, Message("scan.reason.rule.meta", entity=claimed, meta=header.meta)
    if evidence.all_flags and claimed not in CATEGORICAL_TYPES:
        return None, 0.8, Message("scan.reason.rule.flags", entity=claimed)
    disagree = Message("scan.reason.rule.values_disagree", entity=claimed, share=WEAK_SHARE)
    if claimed in CHECKSUM_REQUIRED and own < WEAK_SHARE:
        return None, 0.5, disagree
    if claimed == "DATE_OF_BIRTH" and own < WEAK_SHARE and not evidence.coarse_dates:
        return None, 0.5, disagree
    if claimed in VALUES_REQUIRED and own < WEAK_SHARE:
        return None, 0.5, disagree
    if claimed == "CREDIT_CARD" and own < WEAK_SHARE:
        if evidence.card_like < WEAK_SHARE:
            return None, 0.5, disagree
        return claimed, 0.75, Message("scan.reason.rule.card_mangled")
    if claimed == "DEVICE_ID" and own < WEAK_SHARE:
        # device_id full of plain keys: a key of a device, personal in a table about people.
        claimed = "IDENTIFIER"
    if claimed == "NL_POSTCODE" and own < WEAK_SHARE and shares.get("POSTCODE", 0.0) >= WEAK_SHARE:
        claimed, own = "POSTCODE", shares["POSTCODE"]
    prior = 0.8 if header.exact else 0.65
    confidence = _confidence(prior + (0.15 if own >= WEAK_SHARE else 0.0), 1.0)
    if claimed == "IDENTIFIER":
        rule = "id_person" if header.person else "id_header"
        return claimed, confidence, Message(f"scan.reason.rule.{rule}")
    return claimed, confidence, Message("scan.reason.rule.header", entity=claimed)


def _by_values(shares: Mapping[str, float], distinct: int) -> tuple[str | None, float, Message]:
    ranked = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    for entity, share in ranked:
        if entity == "DATE_OF_BIRTH":
            continue  # a date is a birth date only when the header or context says so
        if entity in LOOKUP_TYPES and distinct < MIN_DISTINCT_LOOKUP:
            continue
        needed = WEAK_SHARE if entity in VOCABULARY_TYPES else STRONG_SHARE
        if share >= needed:
            return (
                entity,
                _confidence(0.5, share),
                Message("scan.reason.rule.values", entity=entity),
            )
    return None, 0.6, Message("scan.reason.rule.nothing")


def _confidence(prior: float, share: float) -> float:
    return round(min(0.99, prior * (0.7 + 0.3 * share)), 2)


# --- free text -------------------------------------------------------------------------------


def text_mentions(text: str, language: str = "nl") -> Counter[str]:
    """Entity hits in one piece of prose, by the full analyzer (context words, Deduce's annotator)."""
    return Counter(r.entity_type for r in analyze_text(text, language))


def _free_text_finding(evidence: NoteEvidence, base: dict[str, Any]) -> ColumnFinding:
    mentions = evidence.mentions
    special = [e for e in SPECIAL_TYPES if mentions.get(e)]
    top = max(special, key=lambda e: (mentions[e], -SPECIAL_TYPES.index(e))) if special else None
    return ColumnFinding(
        entity="FREE_TEXT",
        special=top,
        confidence=0.9,
        share=round(evidence.mentioning / evidence.rows, 4),
        values=evidence.shown,
        mentions=dict(mentions),
        rows_mentioning=dict(evidence.rows_mentioning),
        snippets=evidence.found_snippets(),
        **base,
    )
