"""The leak gate: raw personal data in the files the workbench wrote is an error, not a finding.

``check_outputs(paths)`` reads every text file under ``paths`` (reports, notebooks, JSON, CSV,
Markdown, SVG, ...) and returns a ``Leak`` for each raw value it finds:

* ``NL_BSN`` and ``NL_ONDERWIJSNUMMER``: a 9-digit number (plain, dotted or spaced) that
  ``dpia.detect.national_id`` accepts, the test the recognizers and the validation use;
* ``EMAIL_ADDRESS``: any address, reserved test domains (``.example``) included, because sample
  data must be treated as real;
* ``PHONE_NUMBER``: a Dutch number that ``phonenumbers`` accepts as valid for region NL;
* ``IBAN_CODE``: an IBAN that passes stdnum's mod-97 and country checks;
* ``DATE_OF_BIRTH``: a date with a personal name within ``NAME_DISTANCE`` characters: a
  capitalised first name from Deduce's list, or a surname from its list after a particle or an
  initial ("de Vries", "J. Jansen"); a date alone, or next to a lone surname that is also a word
  ("Run", "Wel"), is not a leak. The value shown is the masked name and the masked date.

How files are read: ``.ipynb`` and ``.json`` are decoded and their strings scanned in document
order, located by JSON pointer (keys are scanned too, apart from the values); JSON numbers are
counts, sizes and scores, not identifiers (the workbench keeps identifiers as text), so they are
skipped. Every other text file is scanned as it is, located by line and column; between a name
and a date, HTML/SVG tags count as one space and entities are decoded.
Inline ``data:...;base64`` payloads and long base64 runs are skipped, notebook ``image/*`` outputs
and attachments too; PNG and other binary files are not read. A PDF (``report.pdf``) is read for
its text (pypdf, page after page) and that text scanned as plain text, located by its line; a Word
file (``report.docx``) likewise, from the XML of its parts (runs of a paragraph joined); a PDF
pypdf cannot read is an error, as any unreadable path. A regex finds candidates first
and only those go to the checksum, the phone-number parser or the name lists, so clean text costs
a few regex passes.

A ``Leak`` carries the masked value only (``dpia.detect._masking.mask``): the gate's own output must not
leak what it found.
"""

from __future__ import annotations

# Before tldextract: no suffix list is ever fetched.
import dpia._offline  # noqa: F401  # isort: skip

import bisect
import functools
import html
import json
import os
import re
import stat
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import regex

from dpia.detect import (
    MONTHS,
    NATIONAL_ID_FORMS,
    PATTERNS,
    YEAR,
    is_first_name,
    is_surname,
    mask,
    national_id,
    parse_date,
)
from dpia.errors import DpiaError

__all__ = [
    "EXIT_CLEAN",
    "EXIT_LEAKS",
    "NAME_DISTANCE",
    "Hit",
    "Leak",
    "LeakCheckError",
    "check_file",
    "check_outputs",
    "find_leaks",
    "format_leaks",
    "gate",
]

NAME_DISTANCE = 40
EXIT_CLEAN = 0
EXIT_LEAKS = 1

# Read as text whatever they hold; anything else is read only if it does not look binary.
TEXT_SUFFIXES = frozenset(
    {".html", ".htm", ".md", ".csv", ".tsv", ".txt", ".svg", ".xml", ".yaml", ".yml", ".js",
     ".css", ".log", ".tex", ".rst", ".py"}
)  # fmt: skip
JSON_SUFFIXES = frozenset({".json", ".ipynb", ".geojson"})
BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".pdf", ".zip",
     ".gz", ".xz", ".bz2", ".xlsx", ".xlsm", ".xls", ".parquet", ".pq", ".woff", ".woff2", ".ttf",
     ".otf", ".eot", ".pyc", ".pickle", ".pkl", ".npy", ".db", ".sqlite"}
)  # fmt: skip
_SNIFF_BYTES = 8192

# The written forms of a national identification number (``dpia.detect.NATIONAL_ID_FORMS``) with
# looser edges than the recognizers': they skip a number after or before a comma or dot (amounts),
# which would miss a BSN in every comma-separated row ("8,123456782,13-04-2014"). Here only a digit
# and a dot before make it a fraction ("0.123456782", how Python writes floats). The ``regex``
# module because the lookbehinds have variable width.
_BEFORE = r"(?<![\w/-])(?<!\d\.)(?<!\+31\s?)(?<!0031\s?)"
_AFTER = r"(?![\w/-])"
_NINE_DIGITS = regex.compile(
    _BEFORE + "(?:" + "|".join(f"(?:{form})" for form in NATIONAL_ID_FORMS) + ")" + _AFTER
)
# Found from each "@" outwards (an "@" is rare; scanning every letter for a local part is not).
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\Z")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*"
    r"\.(?P<tld>[A-Za-z]{2,24})(?![\w-])"
)
# Dialled forms only (trunk 0, +31, 0031, a bracket), 9-11 digits with separators: the parser
# decides. Digits glued to word characters, dashes, dots or slashes (dates, hashes) are not phones.
_PHONE = re.compile(r"(?:\+31|0031|\(0|0)[\d\s()-]{7,16}\d(?!\d)")
_PHONE_NOT_AFTER = "+/.:-"
_DATE_IN_NUMBER = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")
_IBAN = re.compile(
    r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])", re.IGNORECASE
)
_IBAN_NOT_AFTER = "-"
# Line breaks may wrap a payload (matplotlib's SVG images); a space ends it.
_DATA_URI = re.compile(r"data:[\w/+.-]{1,100}(?:;[\w=.-]{1,100})*;base64,[A-Za-z0-9+/=\r\n]+")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{200,}={0,2}")
_TAG = re.compile(r"<[^<>]{0,2000}>")
# Letters, with inner apostrophes ("D'Souza"); a hyphen splits ("Anne-Marie" is two names).
# Glued to digits or underscores it is a code ("ECK_ID", "Groep8b"), not a word.
_WORD = re.compile(r"(?<![\w'\u2019])[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?![\w'\u2019])")
# The word right before a surname: a particle ("van der Berg") or an initial ("J. Arts").
_PREVIOUS_WORD = re.compile(r"(?:(?P<initial>\b[A-Z]\.)|(?P<word>[^\W\d_]+|'t))\s*\Z")
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "het", "'t", "te", "op", "in", "la", "le", "du",
     "da", "di", "del", "von", "vd", "v.d."}
)  # fmt: skip
_EMAIL_FILE_TLDS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "html", "htm", "json", "ipynb",
     "csv", "txt", "md", "py", "pdf", "xlsx", "parquet", "woff", "woff2", "ttf"}
)  # fmt: skip
_RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost", "local", "internal"})
# Capitalised words that sit next to dates in reports and happen to be in the name lists ("Max"
# of a range, "Darwin" of platform.system(), "Frans" the home language) or name organisations.
_NOT_NAMES = frozenset(
    {"stichting", "uitgeverij", "school", "groep", "obs", "cbs", "ikc", "bv", "nv", "datum",
     "date", "versie", "version", "max", "darwin", "frans"}
)  # fmt: skip
_YEAR = re.compile(YEAR + r"(?!\d)")
# How far a date reaches from its year: "September 30th, " before it, "-12-31" and the lookahead
# after it.
_DATE_BEFORE_YEAR = 24
_DATE_AFTER_YEAR = 10
_SEPARATOR = " \u241e "  # between the strings of a JSON document: no pattern spans it
_WINDOW = 400  # raw characters read on each side of a date to find NAME_DISTANCE of text


@dataclass(frozen=True)
class Leak:
    """One raw value in an output file; ``value`` is masked, never the raw text."""

    path: str
    line: int | None
    column: int | None
    pointer: str | None
    entity: str
    value: str

    def location(self) -> str:
        """``path[ pointer][ line N]`` as the CLI prints it."""
        where = self.path
        if self.pointer is not None:
            where += f" {self.pointer or '/'}"
        if self.line is not None:
            where += f" line {self.line}"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "entity": self.entity,
            "value": self.value,
        }


class LeakCheckError(DpiaError):
    """A path the gate cannot read; ``str()`` gives ``PATH: reason`` (the CLI exits 2)."""

    reason = "unreadable_output"

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class Hit:
    """A raw value found in a text: offsets, entity type and the masked value."""

    start: int
    end: int
    entity: str
    value: str


# --- files -------------------------------------------------------------------------------------


def check_outputs(paths: Sequence[Path], *, base: Path | None = None) -> list[Leak]:
    """Every leak in ``paths`` (files, or folders read recursively), sorted by file and position.

    ``Leak.path`` is the file's path as found, or relative to ``base`` when given (a gate over a
    staging folder names ``report.html``, not ``.out.x1y2/report.html``). Raises
    ``LeakCheckError`` for a path that is missing or cannot be read. Inside folders, entries that
    are not regular files (pipes, sockets, devices) are passed over; hidden files are read.
    """
    leaks: list[Leak] = []
    for path in paths:
        for file in _files(Path(path)):
            leaks.extend(check_file(file, shown=_shown(file, base)))
    return sorted(set(leaks), key=_order)


def gate(paths: Sequence[Path], stream: TextIO | None = None, limit: int | None = 200) -> int:
    """``dpia check-outputs PATH...``: print the leaks to ``stream`` (stdout); 1 if any, else 0.

    Unreadable paths raise ``LeakCheckError`` (the CLI's one-line error, exit code 2).
    """
    stream = sys.stdout if stream is None else stream
    leaks = check_outputs(paths)
    if leaks:
        stream.write(format_leaks(leaks, limit=limit))
        return EXIT_LEAKS
    return EXIT_CLEAN


def _shown(file: Path, base: Path | None) -> Path:
    if base is None:
        return file
    try:
        return file.relative_to(base)
    except ValueError:
        return file  # a path outside ``base`` keeps its own name


def _order(leak: Leak) -> tuple[str, str, int, int, str]:
    return (leak.path, leak.pointer or "", leak.line or 0, leak.column or 0, leak.entity)


def _files(path: Path) -> Iterator[Path]:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LeakCheckError(path, "no such file or folder") from None
    except OSError as exc:
        raise LeakCheckError(path, f"cannot read: {exc.strerror}") from None
    if stat.S_ISREG(info.st_mode):
        yield path
        return
    if not stat.S_ISDIR(info.st_mode):
        raise LeakCheckError(path, "not a regular file or folder")

    def fail(exc: OSError) -> None:
        raise LeakCheckError(exc.filename or path, f"cannot read: {exc.strerror}")

    for root, dirs, names in os.walk(path, onerror=fail):
        dirs.sort()
        for name in sorted(names):
            file = Path(root, name)
            try:
                regular = stat.S_ISREG(file.stat().st_mode)
            except OSError as exc:
                raise LeakCheckError(file, f"cannot read: {exc.strerror}") from None
            if regular:
                yield file


def check_file(path: Path, *, shown: Path | None = None) -> list[Leak]:
    """The leaks in one file, named ``shown`` (default ``path``); see the module docstring."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _check_plain((path if shown is None else shown).as_posix(), _pdf_text(path))
    if suffix == ".docx":
        return _check_plain((path if shown is None else shown).as_posix(), _docx_text(path))
    if suffix in BINARY_SUFFIXES:
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LeakCheckError(path, f"cannot read: {exc.strerror}") from None
    if suffix not in TEXT_SUFFIXES | JSON_SUFFIXES and b"\x00" in data[:_SNIFF_BYTES]:
        return []  # an unknown binary file
    text = _decode(data)
    name = (path if shown is None else shown).as_posix()
    if suffix in JSON_SUFFIXES:
        try:
            document = json.loads(text)
        except ValueError:
            pass  # not JSON after all: still read it as text
        else:
            return _check_json(name, document, notebook=suffix == ".ipynb")
    return _check_plain(name, text)


def _pdf_text(path: Path) -> str:
    """The text of every page of a PDF, in order; ``LeakCheckError`` when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    except OSError as exc:
        raise LeakCheckError(path, f"cannot read: {exc.strerror}") from None
    except (PyPdfError, ValueError, KeyError, TypeError):
        # Fail closed: a PDF whose text cannot be read cannot be shown to hold no raw values.
        raise LeakCheckError(path, "cannot read: not a readable PDF") from None


# In a Word file the text of a paragraph is split over runs (``<w:t>``) at any point, a number
# too: the runs of a paragraph are joined without a gap, paragraphs, table cells and line breaks
# end a line. Other XML parts (core properties) are read with each tag as a space.
_DOCX_BREAK = re.compile(r"</w:p>|</w:tc>|<w:br\b[^>]*>|<w:cr\b[^>]*>|<w:tab\b[^>]*>")
_XML_TAG = re.compile(r"<[^>]*>")


def _docx_text(path: Path) -> str:
    """The text of a .docx: its body, headers, footers, notes, comments and properties, in
    archive order; ``LeakCheckError`` when it is not a readable Word file."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [
                (name, archive.read(name).decode("utf-8", errors="replace"))
                for name in archive.namelist()
                if name.endswith(".xml") and name.startswith(("word/", "docProps/", "customXml/"))
            ]
    except OSError as exc:
        raise LeakCheckError(path, f"cannot read: {exc.strerror}") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise LeakCheckError(path, "cannot read: not a readable Word file") from None
    texts = []
    for name, xml in parts:
        if name.startswith("word/"):
            text = _XML_TAG.sub("", _DOCX_BREAK.sub("\n", xml))
        else:
            text = _XML_TAG.sub(" ", xml)
        texts.append(html.unescape(text))
    return "\n".join(texts)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8 (a CSV for Excel in Windows-1252): any single-byte reading shows the digits,
        # addresses and names the gate looks for.
        return data.decode("cp1252", errors="replace")


def _check_plain(name: str, text: str) -> list[Leak]:
    hits = find_leaks(text)
    if not hits:
        return []
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    leaks = []
    for hit in hits:
        line = bisect.bisect_right(starts, hit.start)
        column = hit.start - starts[line - 1] + 1
        leaks.append(Leak(name, line, column, None, hit.entity, hit.value))
    return leaks


def _check_json(name: str, document: Any, *, notebook: bool) -> list[Leak]:
    """Scan the strings of a JSON document joined in document order, values and keys apart.

    Keys are read on their own so that between a record's values only the values count for the
    distance of a name to a date (``{"roepnaam": "Kaylee", "geboortedatum": "13-04-2014"}``).
    """
    values: list[tuple[str, str, bool]] = []
    keys: list[tuple[str, str, bool]] = []
    for pointer, string, glued, is_key in _json_strings(document, "", notebook=notebook):
        (keys if is_key else values).append((pointer, string, glued))
    return [*_check_strings(name, values), *_check_strings(name, keys)]


def _check_strings(name: str, strings: Sequence[tuple[str, str, bool]]) -> list[Leak]:
    parts: list[str] = []
    located: list[tuple[int, str, str]] = []  # (offset in the joined text, pointer, string)
    offset = 0
    for pointer, string, glued in strings:
        if parts and not glued:
            parts.append(_SEPARATOR)
            offset += len(_SEPARATOR)
        located.append((offset, pointer, string))
        parts.append(string)
        offset += len(string)
    starts = [start for start, _, _ in located]
    leaks = []
    for hit in find_leaks("".join(parts)):
        start, pointer, string = located[bisect.bisect_right(starts, hit.start) - 1]
        # Within a multi-line string (HTML in a JSON field, a Markdown report) the line tells
        # where; a one-line string (a notebook's source line) is located by its pointer alone.
        multiline = "\n" in string.rstrip("\n")
        line = string.count("\n", 0, hit.start - start) + 1 if multiline else None
        leaks.append(Leak(name, line, None, pointer, hit.entity, hit.value))
    return leaks


_SKIPPED_KEYS = frozenset({"attachments"})


def _json_strings(
    value: Any, pointer: str, *, notebook: bool
) -> Iterator[tuple[str, str, bool, bool]]:
    """``(pointer, text, glued, is_key)`` for every string and key; ``glued`` continues the
    previous string (the lines of a notebook's multi-line text)."""
    if isinstance(value, str):
        yield pointer, value, False, False
    elif isinstance(value, dict):
        for key, item in value.items():
            key = str(key)
            if key in _SKIPPED_KEYS or key.startswith("image/") or key.startswith("video/"):
                continue
            child = f"{pointer}/{_escape(key)}"
            yield child, key, False, True
            yield from _json_strings(item, child, notebook=notebook)
    elif isinstance(value, list):
        lines = notebook and bool(value) and all(isinstance(v, str) for v in value)
        for index, item in enumerate(value):
            child = f"{pointer}/{index}"
            if lines:
                yield child, item, index > 0, False
            else:
                yield from _json_strings(item, child, notebook=notebook)
    # Numbers, booleans and null: counts and flags, never identifiers (see module docstring).


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# --- text --------------------------------------------------------------------------------------


def find_leaks(text: str) -> list[Hit]:
    """Raw personal data in ``text``, in order of position (see the module docstring)."""
    text = _blank_payloads(text)
    ids = list(_national_ids(text))
    # A bare "080013107" is both a valid BSN and a toll-free number: it is reported once, as the
    # national identifier.
    taken = {(h.start, h.end) for h in ids}
    phones = [h for h in _phones(text) if (h.start, h.end) not in taken]
    hits = [*ids, *_emails(text), *phones, *_ibans(text), *_names_with_dates(text)]
    return sorted(set(hits), key=lambda h: (h.start, h.end, h.entity))


def _blank_payloads(text: str) -> str:
    """Base64 payloads (inline images, fonts) as spaces of the same length: offsets stay put."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    if "base64," in text:
        text = _DATA_URI.sub(blank, text)
    return _BASE64_RUN.sub(blank, text)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _unglued(pattern: re.Pattern[str], text: str, not_after: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` not preceded by a word character or one of ``not_after``.

    The lookbehind done by hand: a pattern that starts with one loses the engine's fast scan for
    its first character, which costs seconds on a 10 MB report. A rejected match is retried one
    character on, so it cannot swallow a real one.
    """
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        if start > 0 and (_is_word(text[start - 1]) or text[start - 1] in not_after):
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)


def _national_ids(text: str) -> Iterator[Hit]:
    for match in _NINE_DIGITS.finditer(text):
        raw = match.group()
        entity = national_id(raw)
        if entity is not None:
            yield Hit(match.start(), match.end(), entity, mask(raw, entity))


def _emails(text: str) -> Iterator[Hit]:
    at = text.find("@")
    while at != -1:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local is not None and domain is not None:
            start = local.start()
            glued = start > 0 and (_is_word(text[start - 1]) or text[start - 1] in ".%+-")
            if not glued and _is_mail_domain(domain.group().lower(), domain["tld"].lower()):
                raw = text[start : domain.end()]
                yield Hit(start, domain.end(), "EMAIL_ADDRESS", mask(raw, "EMAIL_ADDRESS"))
        at = text.find("@", at + 1)


def _is_mail_domain(domain: str, tld: str) -> bool:
    if tld in _RESERVED_TLDS or _suffix_extractor()(domain).fqdn:
        return True
    # An unknown suffix may be an intranet domain; "logo@2x.png" is a file name.
    return tld not in _EMAIL_FILE_TLDS


@functools.cache
def _suffix_extractor() -> Any:
    import tldextract

    # The suffix list bundled in the wheel: no URL, no cache folder, never the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _phones(text: str) -> Iterator[Hit]:
    import phonenumbers

    for match in _unglued(_PHONE, text, _PHONE_NOT_AFTER):
        # The parser sees a little context (a time after a date is not a phone number).
        lo, hi = max(0, match.start() - 20), min(len(text), match.end() + 20)
        window = text[lo:hi]
        for found in phonenumbers.PhoneNumberMatcher(window, "NL", phonenumbers.Leniency.VALID):
            start, end = lo + found.start, lo + found.end
            if start < match.start() or end > match.end():
                continue
            if not found.raw_string.startswith(("0", "+", "(")):
                continue
            raw = found.raw_string
            if _DATE_IN_NUMBER.search(raw):
                continue  # "01-03-2024 10:00" is a time stamp, not Rotterdam
            if raw.startswith("(") and ")" not in raw:
                start, raw = start + 1, raw[1:]  # "(06-12345678": the bracket is the text's
            yield Hit(start, end, "PHONE_NUMBER", mask(raw, "PHONE_NUMBER"))


def _ibans(text: str) -> Iterator[Hit]:
    from stdnum import iban

    for match in _unglued(_IBAN, text, _IBAN_NOT_AFTER):
        raw = match.group()
        if iban.is_valid(raw):
            yield Hit(match.start(), match.end(), "IBAN_CODE", mask(raw, "IBAN_CODE"))


# --- names next to dates -----------------------------------------------------------------------


@functools.cache
def _date_pattern() -> re.Pattern[str]:
    # Presidio compiles recognizer patterns case-insensitively ("3 Maart 2015").
    return re.compile("|".join(f"(?:{p.regex})" for p in PATTERNS), re.IGNORECASE)


def _names_with_dates(text: str) -> Iterator[Hit]:
    pattern = _date_pattern()
    for lo, hi in _year_windows(text):
        # ``pos`` keeps the lookbehinds seeing the text before the window; ``endpos`` is past the
        # lookaheads' reach.
        for match in pattern.finditer(text, lo, hi):
            date = match.group()
            if parse_date(date) is None:
                continue
            name = _name_near(text, match.start(), match.end())
            if name is not None:
                value = f"{mask(name, 'PERSON')} {mask(date, 'DATE_OF_BIRTH')}"
                yield Hit(match.start(), match.end(), "DATE_OF_BIRTH", value)


def _year_windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` around each four-digit year, merged: only there can a date be.

    Every date pattern holds a 19xx/20xx year; running the patterns (with their month names) over
    all of a 10 MB report costs seconds, over the windows milliseconds.
    """
    current: tuple[int, int] | None = None
    for match in _unglued(_YEAR, text, "0123456789"):
        lo = max(0, match.start() - _DATE_BEFORE_YEAR)
        hi = min(len(text), match.end() + _DATE_AFTER_YEAR)
        if current is not None and lo <= current[1]:
            current = (current[0], hi)
            continue
        if current is not None:
            yield current
        current = (lo, hi)
    if current is not None:
        yield current


def _name_near(text: str, start: int, end: int) -> str | None:
    """A personal name within ``NAME_DISTANCE`` characters of ``text[start:end]``, tags skipped.

    A word counts when any part of it is that close; the nearest words are tried first.
    """
    before = _visible(text[max(0, start - _WINDOW) : start])
    after = _visible(text[end : end + _WINDOW])
    near = [(m.start(), m, after) for m in _WORD.finditer(after) if m.start() < NAME_DISTANCE]
    near += [
        (len(before) - m.end(), m, before)
        for m in _WORD.finditer(before)
        if m.end() > len(before) - NAME_DISTANCE
    ]
    for _, match, side in sorted(near, key=lambda item: item[0]):
        if _is_person(match, side):
            return match.group()
    return None


def _is_person(match: re.Match[str], text: str) -> bool:
    """A first name, or a surname after a particle or an initial ("de Vries", "J. Arts").

    A surname on its own is too often a word ("Run", "Wel", "Ede"); names are written
    capitalised, not in capitals ("ECK", "PERSON" are codes).
    """
    word = match.group()
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return False
    kind = _name_kind(word)
    if kind == "first_name":
        return True
    if kind != "surname":
        return False
    previous = _PREVIOUS_WORD.search(text, 0, match.start())
    return previous is not None and (
        previous["initial"] is not None or previous["word"].lower() in _PARTICLES
    )


@functools.lru_cache(maxsize=65536)
def _name_kind(word: str) -> str | None:
    key = word.lower()
    if key in MONTHS or key in _NOT_NAMES:
        return None
    if is_first_name(word):
        return "first_name"
    return "surname" if is_surname(word) else None


def _visible(raw: str) -> str:
    """Text as a reader sees it: tags as one space, entities decoded, runs of space as one."""
    if "<" in raw:
        raw = _TAG.sub(" ", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return " ".join(raw.split())


# --- the CLI's view ----------------------------------------------------------------------------


def format_leaks(leaks: Sequence[Leak], limit: int | None = None) -> str:
    """One line per leak, ``out/report.html line 12: NL_BSN 2069*****``, then a count.

    With ``limit``, only the first ``limit`` lines and ``... and N more``. Empty string when clean.
    """
    if not leaks:
        return ""
    shown = leaks if limit is None else leaks[:limit]
    lines = [f"{leak.location()}: {leak.entity} {leak.value}" for leak in shown]
    if len(shown) < len(leaks):
        lines.append(f"... and {len(leaks) - len(shown)} more")
    files = len({leak.path for leak in leaks})
    noun = "leak" if len(leaks) == 1 else "leaks"
    lines.append(f"{len(leaks)} {noun} of raw personal data in {files} file(s)")
    return "\n".join(lines) + "\n"
