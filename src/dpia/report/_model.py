"""The report's content model: a document as a list of blocks, written once and rendered twice
(Markdown, from which the HTML is made, and Word). Text in a block is plain text in which
backticks mark code spans (column names, masked values), as the message catalogues write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    """1: a part (A-D) or a chapter; 2: one of the 17 points; 3: a vendor or a file."""
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Answer:
    """What a person wrote in the register for a point; ``by`` says for which processing."""

    label: str
    text: str


@dataclass(frozen=True)
class Question:
    """An open question: only a person can judge this; the document says so."""

    label: str
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    """Per column: numbers, right-aligned; text columns are left-aligned."""

    def is_numeric(self, index: int) -> bool:
        return index < len(self.numeric) and self.numeric[index]


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Image:
    name: str
    """The chart's file stem under ``charts/``."""
    caption: str


Block = Heading | Para | Answer | Question | Table | Items | Image


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    blocks: tuple[Block, ...] = field(default=())

    def headings(self, level: int | None = None) -> list[str]:
        return [
            b.text
            for b in self.blocks
            if isinstance(b, Heading) and (level is None or b.level == level)
        ]


def code(value: object) -> str:
    """A name or a masked value as a code span; a backtick inside cannot end it early."""
    return "`" + str(value).replace("`", "'").replace("\n", " ") + "`"


def spans(text: str) -> list[tuple[str, bool]]:
    """``text`` split into ``(part, is_code)``: the odd parts between backticks are code."""
    return [(part, index % 2 == 1) for index, part in enumerate(text.split("`")) if part]
