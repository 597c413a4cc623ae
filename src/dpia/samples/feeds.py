"""Vendor feeds drawn from the ParnasSys pupils: one file per vendor, in varied formats.

Each feed holds the pupils ``promises.feed_pupils`` chooses (the current pupils of the schools its
vendor serves, those who left within the retention, and the planted rows), plus a few
non-personal columns. The
planted issues (too much data, a free-text excess, re-identifiable quasi-identifiers) are described
in ``register.py`` and the README; here they are simply the columns a feed carries.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from dpia.samples import ids, vocab
from dpia.samples.exports import dmy
from dpia.samples.people import Pupil, ascii_fold
from dpia.samples.tables import Column, CsvFormat, ParquetFormat, Table, XlsxFormat, col, free_text

Builder = Callable[[str, list[Pupil], random.Random, int], Table]

_ALL = tuple(s.brin for s in vocab.SCHOOLS)


def _eck(seed: int, pupils: list[Pupil]) -> Column:
    return col("eck_id", "ECK_ID", [ids.eck_id(seed, p.number) for p in pupils])


def _year(pupils: list[Pupil]) -> Column:
    return col("schooljaar", None, [vocab.SCHOOL_YEAR] * len(pupils))


def _bestelnummer(rng: random.Random, pupils: list[Pupil]) -> Column:
    return col("bestelnummer", None, [ids.new_bestelnummer(rng) for _ in pupils])


def leeslijn(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Compliant: ECK iD, roepnaam and group only."""
    columns = (
        _eck(seed, p),
        col("roepnaam", "PERSON", [x.roepnaam for x in p]),
        col("groep", None, [x.groep for x in p]),
        col("jaargroep", None, [str(x.jaargroep) for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        col("licentiecode", None, [f"LL-LEZEN-G{x.jaargroep}" for x in p]),
        _bestelnummer(rng, p),
        _year(p),
    )
    return Table(path, CsvFormat(",", "utf-8-sig", "\r\n"), columns)


def rekenplein(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Compliant: ECK iD and names (its agreement allows the surname); typed Parquet numbers."""
    columns = (
        _eck(seed, p),
        col("roepnaam", "PERSON", [x.roepnaam for x in p]),
        col("voorvoegsel", "PERSON", [x.tussenvoegsel for x in p]),
        col("achternaam", "PERSON", [x.achternaam for x in p]),
        col("groep", None, [x.groep for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        Column("score", None, None, [f"{rng.uniform(3.0, 10.0):.1f}" for _ in p], "double"),
        Column("aantal_oefeningen", None, None, [str(rng.randint(12, 950)) for _ in p], "int64"),
    )
    return Table(path, ParquetFormat(), columns)


def toetsmonitor(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Too much: BSN and the full date of birth (the agreement allows the birth year only)."""
    columns = (
        _eck(seed, p),
        col("voornaam", "PERSON", [x.roepnaam for x in p]),
        col("achternaam", "PERSON", [x.full_surname for x in p]),
        col("bsn", "NL_BSN", [x.bsn for x in p]),
        col("geboortedatum", "DATE_OF_BIRTH", [dmy(x.geboortedatum) for x in p]),
        col("groep", None, [x.groep for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        col("toetsscore", None, [str(rng.randint(101, 260)) for _ in p]),
        _bestelnummer(rng, p),
    )
    return Table(path, CsvFormat(";", "utf-8", "\n"), columns)


def ouderapp(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Parents' contact data is its purpose, but the teacher notes ride along: an excess. The
    pupil number is how the app links a parent to the pupil (its agreement allows it)."""
    mentions = [list(x.notitie_labels) for x in p]
    note = free_text("notitie", [x.notitie for x in p], mentions)
    columns = (
        col("leerlingnummer", "STUDENT_NUMBER", [x.number for x in p]),
        col("leerling_roepnaam", "PERSON", [x.roepnaam for x in p]),
        col("leerling_achternaam", "PERSON", [x.full_surname for x in p]),
        col("ouder_naam", "PERSON", [f"{x.ouder_initiaal}. {x.full_surname}" for x in p]),
        col("email_ouder", "EMAIL_ADDRESS", [x.email_ouder for x in p]),
        col("telefoon_ouder", "PHONE_NUMBER", [x.telefoon for x in p]),
        col("groep", None, [x.groep for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        note,
        _year(p),
    )
    return Table(path, CsvFormat("\t", "utf-8-sig", "\r\n"), columns, {note.name: mentions})


def bibliotheek(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Re-identifiable: full date of birth, postcode and gender single most pupils out (k = 1)."""
    numbers = rng.sample(range(10**6, 10**7), len(p))
    columns = (
        col("lenersnummer", "STUDENT_NUMBER", [str(n) for n in numbers]),
        col("geboortedatum", "DATE_OF_BIRTH", [dmy(x.geboortedatum) for x in p]),
        col("postcode", "NL_POSTCODE", [x.postcode for x in p]),
        col("geslacht", "GENDER", [x.geslacht for x in p]),
        col("groep", None, [x.groep for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        col("aantal_leningen", None, [str(rng.randint(0, 60)) for _ in p]),
        _year(p),
    )
    return Table(path, XlsxFormat(sheet="Leners"), columns)


def cloudsuite(path: str, p: list[Pupil], rng: random.Random, seed: int) -> Table:
    """Compliant data, but processed outside the EEA (see the register)."""
    columns = (
        _eck(seed, p),
        col("roepnaam", "PERSON", [x.roepnaam for x in p]),
        col("achternaam", "PERSON", [x.full_surname for x in p]),
        col("email", "EMAIL_ADDRESS", _school_accounts(p)),
        col("groep", None, [x.groep for x in p]),
        col("brin", None, [x.school.brin for x in p]),
        col("licentietype", None, ["EDU-LEERLING-A1"] * len(p)),
    )
    return Table(path, CsvFormat(",", "utf-8", "\n"), columns)


def _school_accounts(pupils: list[Pupil]) -> list[str]:
    """zoe.jansen@leerling.obsderegenboog.example, numbered when the name is taken."""
    seen: dict[str, int] = {}
    accounts: list[str] = []
    for p in pupils:
        local = f"{ascii_fold(p.roepnaam)}.{ascii_fold(p.tussenvoegsel + p.achternaam)}"
        address = f"{local}@leerling.{p.school.domain}.example"
        seen[address] = seen.get(address, 0) + 1
        if seen[address] > 1:
            address = f"{local}{seen[address]}@leerling.{p.school.domain}.example"
        accounts.append(address)
    return accounts


@dataclass(frozen=True)
class Feed:
    vendor: str
    path: str
    schools: tuple[str, ...]  # BRINs the vendor serves
    build: Builder

    def table(self, rows: list[Pupil], seed: int) -> Table:
        """The feed of ``rows`` (``promises.feed_pupils`` chooses them)."""
        # One stream per vendor: a feed's random columns do not depend on the other feeds.
        return self.build(self.path, rows, random.Random(f"{seed}/feed/{self.vendor}"), seed)


FEEDS: tuple[Feed, ...] = (
    Feed("leeslijn", "feeds/leeslijn.csv", ("91XA", "92XB", "93XC"), leeslijn),
    Feed("rekenplein", "feeds/rekenplein.parquet", _ALL, rekenplein),
    Feed("toetsmonitor", "feeds/toetsmonitor.csv", _ALL, toetsmonitor),
    Feed("ouderapp", "feeds/ouderapp.txt", ("92XB", "94XD"), ouderapp),
    Feed("bibliotheek", "feeds/bibliotheek.xlsx", ("91XA", "93XC"), bibliotheek),
    Feed("cloudsuite", "feeds/cloudsuite.csv", _ALL, cloudsuite),
)
