"""The README of the generated directory, in Dutch and English."""

from __future__ import annotations

from dpia.samples.tables import Table

# Planted issue per vendor: (Dutch, English).
ISSUES: dict[str, tuple[str, str]] = {
    "leeslijn": ("in orde (ECK iD, roepnaam, groep)", "compliant (ECK iD, given name, group)"),
    "rekenplein": (
        "kolommen in orde, maar 4 rijen van geen leerling van het bestuur",
        "columns compliant, but 4 rows of no pupil of the board",
    ),
    "toetsmonitor": (
        "te veel: BSN en volledige geboortedatum (alleen het geboortejaar mag); 7 leerlingen "
        "langer bewaard dan 2 jaar na vertrek",
        "too much: BSN and full date of birth (only the year of birth is allowed); 7 pupils kept "
        "longer than 2 years after leaving",
    ),
    "ouderapp": (
        "vrije tekst `notitie` met notities van de leerkracht (o.a. gezondheid) gaat mee; 37 "
        "leerlingen zonder toestemming van de ouders, 6 van scholen buiten de overeenkomst",
        "free-text column `notitie` carries the teacher notes (health mentions among others); 37 "
        "pupils without the parents' consent, 6 of schools outside the agreement",
    ),
    "bibliotheek": (
        "herleidbaar: geboortedatum + postcode + geslacht geven k = 1; alleen lenersnummer mag; "
        "niet te koppelen aan de leerlingen van het bestuur (eigen lenersnummer)",
        "re-identifiable: date of birth + postcode + gender give k = 1; only the borrower number "
        "is allowed; cannot be linked to the board's pupils (its own borrower number)",
    ),
    "cloudsuite": (
        "kolommen in orde, verwerking in de VS (EU-US Data Privacy Framework); 12 leerlingen "
        "langer dan 30 dagen na vertrek",
        "columns compliant, processed in the US (EU-US Data Privacy Framework); 12 pupils kept "
        "beyond 30 days after leaving",
    ),
}


def readme(tables: list[Table], pupils: int, seed: int, command: str) -> bytes:
    files = "\n".join(f"- `{t.path}`: {t.rows} rijen/rows" for t in tables)
    feeds = {t.path.removeprefix("feeds/").rsplit(".", 1)[0]: t.path for t in tables}
    nl = "\n".join(f"- `{feeds[v]}`: {dutch}" for v, (dutch, _) in ISSUES.items())
    en = "\n".join(f"- `{feeds[v]}`: {english}" for v, (_, english) in ISSUES.items())
    text = f"""# Synthetische voorbeelddata / synthetic sample data

**NL.** Alle gegevens in deze map zijn synthetisch: verzonnen door `python -m dpia.samples`
(Faker `nl_NL` en `random.Random`, seed {seed}, {pupils} leerlingen). Het bestuur, de scholen, de
BRIN-codes en de leveranciers zijn fictief; BSN's en onderwijsnummers zijn willekeurige nummers die
alleen de controle (elfproef) doorstaan; alle e-mailadressen eindigen op `.example`.

**EN.** All data in this directory is synthetic, made up by `python -m dpia.samples` (Faker `nl_NL`
and `random.Random`, seed {seed}, {pupils} pupils). The board, schools, BRIN codes and vendors are
fictional; BSNs and onderwijsnummers are random numbers that merely pass the check; every e-mail
address ends in `.example`.

## Bestanden / files

{files}
- `register.yaml`: verwerkingsregister met de verwerkersovereenkomsten / processing register
- `labels.json`: grondwaarheid per kolom en per notitie / ground truth per column and per note

## Geplante problemen per leverancier

{nl}

## Planted issues per vendor

{en}

Elke feed heeft ook niet-persoonlijke kolommen; `bestelnummer` is een negencijferig nummer dat
nooit de BSN- of onderwijsnummercontrole doorstaat (een valkuil). / Every feed also has
non-personal columns; `bestelnummer` has nine digits but never passes the BSN or onderwijsnummer
check (a look-alike trap).

## Opnieuw maken / regenerate

```
{command}
```

Twee keer draaien geeft byte-identieke bestanden. / Running it twice gives byte-identical files.
"""
    return text.encode("utf-8")
