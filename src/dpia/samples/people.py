"""Synthetic pupils: one record per pupil with everything any export or feed may show.

Faker (nl_NL, seeded per instance) fills small pools of names, streets and towns once; each pupil
then draws from the pools with a ``random.Random`` stream, which keeps 100,000 pupils fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import random
import string
import unicodedata
from dataclasses import dataclass, field

from faker import Faker
from stdnum.nl import postcode as nl_postcode

from dpia.samples import ids, notes, vocab
from dpia.samples.vocab import School


@dataclass(frozen=True)
class Pools:
    """Names and places drawn once from Faker; the first towns are the schools' towns."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]  # (tussenvoegsel, achternaam)
    streets: tuple[str, ...]
    towns: tuple[str, ...]


@dataclass(slots=True)
class Pupil:
    number: str
    achternaam: str
    tussenvoegsel: str
    voornamen: str
    roepnaam: str
    geboortedatum: dt.date
    geslacht: str  # M, V or X
    bsn: str
    onderwijsnummer: str  # only for pupils without a BSN
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    telefoon: str
    email_ouder: str
    ouder_initiaal: str
    school: School
    jaargroep: int
    groep: str
    inschrijving: dt.date
    levensbeschouwing: str
    medisch: str
    allergie: str
    nationaliteit: str
    geboorteland: str
    thuistaal: str
    zorgniveau: str
    notitie: str = ""
    notitie_labels: tuple[str, ...] = ()
    # Drawn after the rest, from streams of their own (``promises.py``): adding them changed no
    # other value of a pupil.
    eck: str = ""
    uitschrijving: dt.date | None = None
    toestemmingen: dict[str, str] = field(default_factory=dict)  # consent -> Ja, Nee or ""

    @property
    def full_surname(self) -> str:
        """Achternaam with its tussenvoegsel in front, as it is written in a sentence."""
        return f"{self.tussenvoegsel} {self.achternaam}" if self.tussenvoegsel else self.achternaam


def _cp1252(text: str) -> bool:
    # The ParnasSys export is Windows-1252: a name it cannot encode would break the file.
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _split_surname(name: str) -> tuple[str, str] | None:
    """(tussenvoegsel, achternaam), or None for Faker's exotic entries (nobility, multi-part)."""
    for prefix in sorted(vocab.TUSSENVOEGSELS, key=len, reverse=True):
        if name.startswith(prefix + " "):
            rest = name[len(prefix) + 1 :]
            if rest[:1].isupper() and " " not in rest:
                return prefix, rest
            return None
    if name[:1].isupper() and " " not in name and "," not in name:
        return "", name
    return None


def make_pools(seed: int) -> Pools:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    female = tuple(n for n in (fake.first_name_female() for _ in range(400)) if _cp1252(n))
    male = tuple(n for n in (fake.first_name_male() for _ in range(400)) if _cp1252(n))
    surnames = tuple(
        parts
        for parts in (_split_surname(fake.last_name()) for _ in range(900))
        if parts is not None and _cp1252(parts[1])
    )
    streets = tuple(s for s in (fake.street_name() for _ in range(300)) if _cp1252(s))
    towns: list[str] = []
    while len(towns) < len(vocab.SCHOOLS) + 3:
        town = fake.city()
        if town not in towns and _cp1252(town) and " " not in town:
            towns.append(town)
    return Pools(female, male, surnames, streets, tuple(towns))


@functools.lru_cache(maxsize=4096)
def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only, for synthetic e-mail addresses ("Zoë" -> "zoe")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c in string.ascii_lowercase or c.isdigit())


_POSTCODE_LETTERS: tuple[str, ...] = tuple(
    a + b
    for a, b in itertools.product(string.ascii_uppercase, repeat=2)
    if nl_postcode.is_valid(f"1000{a}{b}")
)


def _draw(rng: random.Random, weighted: tuple[tuple[str, float], ...], count: int) -> list[str]:
    """``count`` values drawn with their weights in one call (much faster than one call a row)."""
    values = [v for v, _ in weighted]
    return rng.choices(
        values, cum_weights=list(itertools.accumulate(w for _, w in weighted)), k=count
    )


def _phone(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        return f"06-{rng.randrange(10**7, 10**8)}"
    if kind < 0.85:
        area = rng.choice(vocab.AREA_CODES)
        width = 10 - len(area)
        return f"{area}-{rng.randrange(2 * 10 ** (width - 1), 10**width)}"
    return f"+31 6 {rng.randrange(10**7, 10**8)}"


def _email(rng: random.Random, initial: str, surname: str) -> str:
    domain = rng.choice(vocab.MAIL_DOMAINS)
    folded = ascii_fold(surname)
    kind = rng.random()
    if kind < 0.6:
        return f"{initial.lower()}.{folded}@{domain}"
    if kind < 0.85:
        return f"{folded}{rng.randrange(10, 100)}@{domain}"
    return f"fam.{folded}@{domain}"


def _house_number(rng: random.Random) -> str:
    number = str(rng.randint(1, 240))
    kind = rng.random()
    if kind < 0.08:
        return number + rng.choice("ABC")
    if kind < 0.12:
        return f"{number}-{rng.randint(1, 3)}"
    return number


def _given_name(rng: random.Random, pools: Pools, gender: str) -> str:
    female = gender == "V" or (gender == "X" and rng.random() < 0.5)
    if rng.random() < vocab.DIACRITIC_SHARE:
        return rng.choice(vocab.DIACRITIC_NAMES_FEMALE if female else vocab.DIACRITIC_NAMES_MALE)
    return rng.choice(pools.female if female else pools.male)


def _fourth_birthday(born: dt.date) -> dt.date:
    if born.month == 2 and born.day == 29:
        return dt.date(born.year + 4, 3, 1)
    return born.replace(year=born.year + 4)


def make_pupils(
    rng: random.Random,
    pools: Pools,
    count: int,
    numbers: list[str],
    used_ids: set[str],
) -> list[Pupil]:
    """``count`` pupils spread over the board's schools, numbered with ``numbers``.

    ``used_ids`` holds the BSNs and onderwijsnummers already handed out (shared between data sets).
    """
    schools = rng.choices(range(len(vocab.SCHOOLS)), [s.weight for s in vocab.SCHOOLS], k=count)
    jaargroepen = rng.choices(range(1, 9), k=count)
    genders = _draw(rng, vocab.GENDERS, count)
    religions = _draw(rng, vocab.RELIGIONS, count)
    medical = _draw(rng, vocab.MEDICAL, count)
    allergies = _draw(rng, vocab.ALLERGIES, count)
    care = _draw(rng, vocab.CARE_LEVELS, count)
    origins = rng.choices(vocab.ORIGINS, [o.weight for o in vocab.ORIGINS], k=count)
    # Towns sit in distinct postcode ranges so that a postcode betrays the town, as in reality.
    bases = [1000 + 100 * b for b in rng.sample(range(1, 89), len(pools.towns))]
    reference = vocab.REFERENCE_DATE

    pupils: list[Pupil] = []
    for i in range(count):
        school_index = schools[i]
        jaargroep = jaargroepen[i]
        gender = genders[i]
        given = [_given_name(rng, pools, gender)]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            extra = _given_name(rng, pools, gender)
            if extra not in given:  # "Zoë Zoë" would look like a generator bug
                given.append(extra)
        tussenvoegsel, achternaam = rng.choice(pools.surnames)
        # Group g was born between 1 October of year 2021 - g and 30 September a year later.
        born = dt.date.fromordinal(
            dt.date(2021 - jaargroep, 10, 1).toordinal() + rng.randrange(365)
        )
        fourth = _fourth_birthday(born)
        if rng.random() < 0.8:
            enrolled = fourth + dt.timedelta(days=rng.randrange(21))
        else:  # a pupil who switched schools later
            enrolled = dt.date.fromordinal(rng.randint(fourth.toordinal(), reference.toordinal()))
        enrolled = min(enrolled, reference)
        has_bsn = rng.random() >= 0.02
        town_index = school_index if rng.random() < 0.85 else rng.randrange(len(pools.towns))
        origin = origins[i]
        birth_country = origin.birth_countries[0]
        if len(origin.birth_countries) > 1 and rng.random() < 0.3:
            birth_country = rng.choice(origin.birth_countries[1:])
        initial = rng.choice(vocab.PARENT_INITIALS)
        surname = f"{tussenvoegsel}{achternaam}"
        pupils.append(
            Pupil(
                number=numbers[i],
                achternaam=achternaam,
                tussenvoegsel=tussenvoegsel,
                voornamen=" ".join(given),
                roepnaam=given[0],
                geboortedatum=born,
                geslacht=gender,
                bsn=ids.new_bsn(rng, used_ids) if has_bsn else "",
                onderwijsnummer="" if has_bsn else ids.new_onderwijsnummer(rng, used_ids),
                straat=rng.choice(pools.streets),
                huisnummer=_house_number(rng),
                postcode=f"{bases[town_index] + rng.randrange(40)} {rng.choice(_POSTCODE_LETTERS)}",
                woonplaats=pools.towns[town_index],
                telefoon=_phone(rng),
                email_ouder=_email(rng, initial, surname),
                ouder_initiaal=initial,
                school=vocab.SCHOOLS[school_index],
                jaargroep=jaargroep,
                groep="",  # assigned below, once class sizes are known
                inschrijving=enrolled,
                levensbeschouwing=religions[i],
                medisch=medical[i],
                allergie=allergies[i],
                nationaliteit=origin.nationality,
                geboorteland=birth_country,
                thuistaal=origin.home_language,
                zorgniveau=care[i],
            )
        )
    _assign_groups(rng, pupils)
    texts, labels = notes.draw_notes(
        rng, [p.roepnaam for p in pupils], [p.woonplaats for p in pupils]
    )
    for pupil, text, mentions in zip(pupils, texts, labels, strict=True):
        pupil.notitie = text
        pupil.notitie_labels = tuple(mentions)
    return pupils


CLASS_SIZE = 27


def _assign_groups(rng: random.Random, pupils: list[Pupil]) -> None:
    """Name groups like "Groep 5b"; years 1 and 2 share combined groups ("Groep 1/2a")."""
    sizes: dict[tuple[str, str], int] = {}
    for p in pupils:
        key = (p.school.brin, _year_label(p.jaargroep))
        sizes[key] = sizes.get(key, 0) + 1
    for p in pupils:
        label = _year_label(p.jaargroep)
        # At most 26 parallel groups: huge benchmark runs get big classes instead of odd names.
        classes = min(26, max(1, math.ceil(sizes[(p.school.brin, label)] / CLASS_SIZE)))
        p.groep = f"Groep {label}{string.ascii_lowercase[rng.randrange(classes)]}"


def _year_label(jaargroep: int) -> str:
    return "1/2" if jaargroep <= 2 else str(jaargroep)
