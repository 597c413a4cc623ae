"""Teacher notes (free text) with their ground-truth labels.

Each template carries the entity types it mentions, so the labels are known exactly from the template
the generator picked. Templates may use ``{roepnaam}`` and ``{woonplaats}``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    text: str
    mentions: tuple[str, ...]  # in order of mention; empty for a benign note

    @property
    def has_fields(self) -> bool:
        return "{" in self.text


def _t(text: str, *mentions: str) -> Template:
    return Template(text, mentions)


BENIGN: tuple[Template, ...] = tuple(
    _t(text)
    for text in (
        "Werkt goed samen in groep.",
        "Leest graag, AVI-niveau E5.",
        "Moet nog wennen aan de nieuwe klas.",
        "{roepnaam} is een vrolijke leerling en helpt anderen graag.",
        "Rekenen gaat goed, tafels van 6 en 7 nog oefenen.",
        "Vergeet regelmatig de gymspullen.",
        "Heeft een spreekbeurt gehouden over dinosaurussen.",
        "Kan zich beter concentreren vooraan in de klas.",
        "Werkt netjes, maar soms wat langzaam.",
        "Toont veel interesse in techniek en bouwen.",
        "Zit in de leerlingenraad.",
        "Doet mee aan de plusgroep voor rekenen.",
        "Ouders komen op het tienminutengesprek in november.",
        "Heeft moeite met het plannen van het huiswerk.",
        "Speelt graag buiten met vrienden uit {woonplaats}.",
        "Goede vooruitgang met spelling dit schooljaar.",
        "Zit op voetbal en gaat na school naar zwemles.",
        "Wordt op woensdag opgehaald door opa of oma.",
    )
)

HEALTH: tuple[Template, ...] = tuple(
    _t(text, "HEALTH")
    for text in (
        "Heeft astma, pufje in de tas.",
        "Diagnose dyslexie en ADHD, gebruikt medicatie.",
        "Is vaak ziek, afspraak met schoolarts.",
        "Heeft diabetes type 1, meet zelf de bloedsuiker voor de lunch.",
        "Epilepsie: bij een aanval 112 bellen en ouders waarschuwen.",
        "{roepnaam} vertelde dat de operatie aan de amandelen goed is gegaan.",
        "Ernstige pinda-allergie, epipen ligt in de klas.",
        "Draagt een gehoorapparaat, vooraan laten zitten.",
        "Gebruikt methylfenidaat, middagdosis om 12 uur.",
        "Is in behandeling bij een kinderpsycholoog vanwege angstklachten.",
        "Heeft last van migraine, mag rusten in de teamkamer.",
        "Na de hersenschudding geen gym tot de kerstvakantie.",
        "Autisme gediagnosticeerd, heeft baat bij een vaste dagplanning.",
    )
)

RELIGION: tuple[Template, ...] = (
    *(
        _t(text, "RELIGION")
        for text in (
            "Doet mee aan de ramadan, let op bij gym.",
            "Gaat niet mee naar de kerkdienst, ouders zijn moslim.",
            "Gezin is Jehova's Getuige, viert geen verjaardagen.",
            "Doet in mei de eerste communie, vrij voor de viering.",
            "Ouders zijn streng gereformeerd en vragen vrijstelling voor de dansles.",
            "Viert het Suikerfeest, is die dag vrij.",
            "Gaat op zaterdag naar de sjoel, geen huiswerk op sjabbat.",
            "Eet halal, let op bij de schoolreis.",
            "Viert Divali met de familie, mag een dag vrij.",
            "Ouders zijn boeddhistisch en vragen een vegetarische lunch bij uitjes.",
            "Gaat op woensdagmiddag naar de koranschool.",
        )
    ),
    _t("Doet mee aan de ramadan en heeft diabetes, extra letten op bij gym.", "RELIGION", "HEALTH"),
)

ETHNIC_ORIGIN: tuple[Template, ...] = (
    *(
        _t(text, "ETHNIC_ORIGIN")
        for text in (
            "Gezin is gevlucht uit Syrië, kind spreekt thuis Arabisch.",
            "Ouders van Marokkaanse afkomst, vader spreekt weinig Nederlands.",
            "Kind is van Turkse afkomst, moeder heeft een tolk nodig bij gesprekken.",
            "Gezin komt uit Eritrea en woont sinds vorig jaar in {woonplaats}.",
            "Vader is Surinaams-Hindoestaans, moeder is Antilliaans.",
            "Gezin is uit Oekraïne gevlucht en woont in de opvang in {woonplaats}.",
            "Ouders zijn Pools, kind zit sinds groep 3 op school.",
            "Kind is geadopteerd uit China.",
            "Moeder is van Koerdische afkomst, thuis wordt Koerdisch gesproken.",
            "{roepnaam} vertelde dat de familie uit Somalië komt.",
            "Statushouder uit Afghanistan, heeft eerst de schakelklas gevolgd.",
        )
    ),
    _t(
        "Gezin is gevlucht uit Syrië, kind heeft een trauma en is aangemeld bij jeugdhulp.",
        "ETHNIC_ORIGIN",
        "HEALTH",
        "PUPIL_CARE",
    ),
)

CRIMINAL: tuple[Template, ...] = (
    *(
        _t(text, "CRIMINAL")
        for text in (
            "Vader is gedetineerd.",
            "Oudere broer heeft een taakstraf gekregen.",
            "Politie is langs geweest na aangifte.",
            "Moeder heeft een straatverbod tegen de vader laten opleggen.",
            "Vader zit een gevangenisstraf uit, kind bezoekt hem eens per maand.",
            "Oom is veroordeeld voor drugshandel.",
            "{roepnaam} is betrapt op winkeldiefstal, Halt-straf opgelegd.",
            "Vader heeft een enkelband en mag niet op het schoolplein komen.",
            "Wijkagent is op school geweest over vernieling door {roepnaam}.",
            "Moeder is gearresteerd, kind woont tijdelijk bij oma in {woonplaats}.",
            "Broer zit in een justitiële jeugdinrichting.",
        )
    ),
    _t(
        "Vader is gedetineerd, {roepnaam} slaapt slecht en is besproken in het zorgteam.",
        "CRIMINAL",
        "HEALTH",
        "PUPIL_CARE",
    ),
)

PUPIL_CARE: tuple[Template, ...] = (
    *(
        _t(text, "PUPIL_CARE")
        for text in (
            "Besproken in het zorgteam, aanmelding jeugdhulp.",
            "Heeft een OPP.",
            "Ontwikkelingsperspectief opgesteld voor rekenen en lezen.",
            "Ouders hebben ingestemd met onderzoek door de orthopedagoog.",
            "Krijgt twee keer per week extra ondersteuning van de intern begeleider.",
            "Aangemeld bij het samenwerkingsverband voor een arrangement.",
            "Zorgmelding gedaan bij Veilig Thuis, contact met het wijkteam.",
            "Doorverwezen naar de schoolmaatschappelijk werker.",
            "Handelingsplan loopt, evaluatie na de voorjaarsvakantie.",
            "Ambulant begeleider komt elke dinsdag in de klas.",
            "Besproken in het MDO met jeugdarts en leerplichtambtenaar.",
        )
    ),
    _t("Heeft een OPP vanwege autisme.", "PUPIL_CARE", "HEALTH"),
)

# Shares of the special (non-benign) notes per kind: HEALTH leads by design, so that HEALTH is the
# most frequent art. 9 mention of every note column.
SPECIAL_KINDS: tuple[tuple[tuple[Template, ...], float], ...] = (
    (HEALTH, 0.38),
    (PUPIL_CARE, 0.22),
    (RELIGION, 0.14),
    (ETHNIC_ORIGIN, 0.14),
    (CRIMINAL, 0.12),
)
NOTE_SHARE = 0.60  # share of pupils with a note
SPECIAL_SHARE = 0.25  # share of notes that mention something special or care
SECOND_LINE_SHARE = 0.06  # share of notes with a benign second line (a newline inside the field)


def draw_notes(
    rng: random.Random, roepnamen: list[str], places: list[str]
) -> tuple[list[str], list[list[str]]]:
    """One note per pupil (``""`` for none) and the entity types each note mentions."""
    kinds = [k for k, _ in SPECIAL_KINDS]
    kind_weights = [w for _, w in SPECIAL_KINDS]
    texts: list[str] = []
    labels: list[list[str]] = []
    for roepnaam, place in zip(roepnamen, places, strict=True):
        if rng.random() >= NOTE_SHARE:
            texts.append("")
            labels.append([])
            continue
        if rng.random() < SPECIAL_SHARE:
            template = rng.choice(rng.choices(kinds, kind_weights)[0])
        else:
            template = rng.choice(BENIGN)
        text = _fill(template, roepnaam, place)
        if rng.random() < SECOND_LINE_SHARE:
            text += "\n" + _fill(rng.choice(BENIGN), roepnaam, place)
        texts.append(text)
        labels.append(list(template.mentions))
    return texts, labels


def _fill(template: Template, roepnaam: str, place: str) -> str:
    if not template.has_fields:
        return template.text
    return template.text.format(roepnaam=roepnaam, woonplaats=place)
