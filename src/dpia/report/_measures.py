"""Section D of the report: a concrete measure for each violation found.

A rule table maps what validation and exposure found (failed expectation types, the entity types
involved, the vendor's context) to a recommendation in Dutch and English. Rules are data: a board
can read, discuss and extend them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dpia.minimise import LABELS


@dataclass(frozen=True)
class Measure:
    vendor: str
    nl: str
    en: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def _labels(entities: Sequence[str], lang: str) -> str:
    index = 0 if lang == "nl" else 1
    return ", ".join(LABELS.get(e, (e, e))[index] for e in entities)


def _columns(columns: Sequence[str]) -> str:
    return ", ".join(f"`{c}`" for c in columns)


def _national_id(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    return (
        f"Stop met het verstrekken van het BSN of onderwijsnummer aan {name} (kolom {cols}): "
        "gebruik het ECK iD als pseudoniem; het BSN mag alleen waar een wet dat voorschrijft "
        "(art. 46 UAVG).",
        f"Stop sending the BSN or onderwijsnummer to {name} (column {cols}): use the ECK iD as "
        "pseudonym; the BSN may only be used where a law prescribes it (art. 46 UAVG).",
    )


def _special(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    nl, en = _labels(failure["entities"], "nl"), _labels(failure["entities"], "en")
    return (
        f"Verwijder {cols} uit de levering aan {name}: de kolom bevat bijzondere of "
        f"strafrechtelijke gegevens ({nl}) waarvoor de overeenkomst geen grondslag biedt.",
        f"Remove {cols} from the feed to {name}: it holds special-category or criminal data "
        f"({en}) the agreement gives no basis for.",
    )


def _entities(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    nl, en = _labels(failure["entities"], "nl"), _labels(failure["entities"], "en")
    return (
        f"Verwijder {cols} ({nl}) uit de levering aan {name}, of leg vast in de "
        "verwerkersovereenkomst waarom deze gegevens nodig zijn (dataminimalisatie, art. 5 lid 1 "
        "sub c AVG).",
        f"Remove {cols} ({en}) from the feed to {name}, or record in the processing agreement "
        "why these data are needed (data minimisation, art. 5(1)(c) GDPR).",
    )


def _birth_date(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    return (
        f"Grof de geboortedatum in {cols} af voordat die naar {name} gaat, tot de vorm die de "
        "overeenkomst toestaat (geboortejaar of leeftijdsgroep).",
        f"Coarsen the date of birth in {cols} before it goes to {name}, to the form the agreement "
        "allows (year of birth or age band).",
    )


def _k_anonymity(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    return (
        f"Maak de levering aan {name} minder herleidbaar: laat quasi-identificatoren ({cols}) weg "
        "of generaliseer ze (geboortejaar, postcodecijfers, groep) tot elke combinatie ten minste "
        "de k van de overeenkomst leerlingen telt.",
        f"Make the feed to {name} less re-identifiable: drop or generalise the quasi-identifiers "
        f"({cols}) (year of birth, postcode digits, group) until every combination covers at "
        "least the agreement's k pupils.",
    )


def _identifiers(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    cols = _columns(failure["columns"])
    return (
        f"Herstel de identificatoren in {cols} van de levering aan {name}: alleen geldige ECK iD's "
        "en BRIN-codes horen erin.",
        f"Repair the identifiers in {cols} of the feed to {name}: only valid ECK iDs and BRIN "
        "codes belong there.",
    )


def _row_count(name: str, failure: Mapping[str, Any]) -> tuple[str, str]:
    return (
        f"Controleer welke leerlingen in de levering aan {name} zitten: het aantal rijen past niet "
        "bij de scholen die de leverancier bedient.",
        f"Check which pupils the feed to {name} holds: its row count does not fit the schools the "
        "vendor serves.",
    )


_RULES = {
    "expect_table_values_to_hold_no_national_id": _national_id,
    "expect_table_values_to_hold_no_special_category_data": _special,
    "expect_table_columns_to_hold_only_allowed_entities": _entities,
    "expect_table_birth_dates_to_be_coarsened": _birth_date,
    "expect_table_quasi_identifiers_to_be_k_anonymous": _k_anonymity,
    "expect_table_identifiers_to_be_well_formed": _identifiers,
    "expect_table_row_count_to_be_between": _row_count,
}


def measures_for(
    verdicts: Sequence[Mapping[str, Any]], exposure: Mapping[str, Any]
) -> list[Measure]:
    """One measure per failed expectation, then context measures (transfers outside the EEA).

    ``verdicts`` and ``exposure`` are the JSON forms written by validation and exposure.
    """
    found: list[Measure] = []
    for verdict in verdicts:
        name = verdict["name"]
        for failure in verdict["failures"]:
            rule = _RULES.get(failure["expectation"])
            if rule is None:
                nl, en = failure["nl"], failure["en"]
                found.append(Measure(verdict["vendor"], f"Los op: {nl}", f"Resolve: {en}"))
                continue
            nl, en = rule(name, failure)
            if all(m.nl != nl for m in found):
                found.append(Measure(verdict["vendor"], nl, en))
    for vendor in exposure["vendors"]:
        reasons = vendor["reasons"]["likelihood"]
        if any(r["code"] == "outside_eea" for r in reasons):
            found.append(
                Measure(
                    vendor["vendor"],
                    f"Leg voor {vendor['name']} vast dat de doorgifte buiten de EER rust op een "
                    "geldig mechanisme en voer een doorgiftetoets (TIA) uit; overweeg opslag in "
                    "de EER.",
                    f"Record for {vendor['name']} that the transfer outside the EEA rests on a "
                    "valid mechanism and carry out a transfer impact assessment; consider storage "
                    "in the EEA.",
                )
            )
    return found
