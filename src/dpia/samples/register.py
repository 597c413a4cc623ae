"""The board's processing register (``register.yaml``): schools, sources and vendor agreements.

The agreements are what the feeds are judged against; the planted issues are the gaps between an
agreement here and the columns of its feed in ``feeds.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import yaml

from dpia.samples import promises, vocab
from dpia.samples.exports import ESIS_PATH, PARNASSYS_PATH
from dpia.samples.feeds import FEEDS
from dpia.samples.people import Pupil

_NL = {"country": "NL", "eea": True}
_ENCRYPTION = "Versleuteling in transport en opslag"
_ECK = "Pseudonimisering met ECK iD"

# Per vendor, the register fields besides id, feed and schools (which come from FEEDS).
AGREEMENTS: dict[str, dict[str, Any]] = {
    "leeslijn": {
        "name": "Uitgeverij Leeslijn",
        "role": "verwerker",
        "purpose": "Digitale leesmethode: leerlingen loggen in en de leerkracht volgt de "
        "voortgang per groep.",
        "legal_basis": "algemeen_belang",
        "agreement": {"reference": "VWO-2024-017", "date": dt.date(2024, 7, 1)},
        "allowed": ["ECK_ID", "PERSON"],
        "date_of_birth": "none",
        "retention": "Tot uiterlijk drie maanden na uitschrijving of na afloop van de licentie.",
        "location": _NL,
        "transfer_mechanism": None,
        "sub_processors": [
            {
                "name": "Rekencentrum Lage Landen B.V.",
                "country": "NL",
                "purpose": "Hosting van de leeromgeving",
            }
        ],
        "measures": [_ENCRYPTION, _ECK, "Rolgebaseerde toegang voor leerkrachten"],
    },
    "rekenplein": {
        "name": "Rekenplein Leerplatform B.V.",
        "role": "verwerker",
        "purpose": "Adaptief oefenplatform voor rekenen; de leerkracht ziet de resultaten per "
        "leerling.",
        "legal_basis": "algemeen_belang",
        "agreement": {"reference": "VWO-2024-023", "date": dt.date(2024, 8, 15)},
        "allowed": ["ECK_ID", "PERSON"],
        "date_of_birth": "none",
        "retention": "Oefenresultaten worden na twee schooljaren verwijderd.",
        "location": _NL,
        "transfer_mechanism": None,
        "sub_processors": [
            {"name": "Datakluis Hosting B.V.", "country": "NL", "purpose": "Hosting en back-ups"}
        ],
        "measures": [_ENCRYPTION, _ECK, "Jaarlijkse penetratietest"],
    },
    "toetsmonitor": {
        "name": "Toetsmonitor Leerlingvolgsystemen B.V.",
        "role": "verwerker",
        "purpose": "Afnemen en analyseren van methodeonafhankelijke toetsen voor het "
        "leerlingvolgsysteem.",
        "legal_basis": "wettelijke_verplichting",
        "agreement": {"reference": "VWO-2023-104", "date": dt.date(2023, 11, 1)},
        "allowed": ["ECK_ID", "PERSON", "DATE_OF_BIRTH"],
        "date_of_birth": "year",
        "retention": "Toetsgegevens tot twee jaar nadat de leerling de school heeft verlaten.",
        "location": _NL,
        "transfer_mechanism": None,
        "sub_processors": [
            {
                "name": "Polderwolk Datacenters B.V.",
                "country": "NL",
                "purpose": "Hosting van de toetsomgeving",
            },
            {
                "name": "Normeringsbureau Analyse en Norm B.V.",
                "country": "NL",
                "purpose": "Normering van toetsscores op gepseudonimiseerde gegevens",
            },
        ],
        "measures": [_ENCRYPTION, _ECK, "Logging van inzage in toetsresultaten"],
    },
    "ouderapp": {
        "name": "Schoolbericht Ouderapp B.V.",
        "role": "verwerker",
        "purpose": "Communicatie tussen school en ouders/verzorgers: berichten, agenda en "
        "inschrijving voor oudergesprekken.",
        "legal_basis": "toestemming",
        "agreement": {"reference": "VWO-2024-031", "date": dt.date(2024, 9, 1)},
        "allowed": ["STUDENT_NUMBER", "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"],
        "date_of_birth": "none",
        "retention": "Berichten en contactgegevens tot één jaar na uitschrijving van de leerling.",
        "location": _NL,
        "transfer_mechanism": None,
        "sub_processors": [
            {
                "name": "Berichtdienst Europa GmbH",
                "country": "DE",
                "purpose": "Versturen van pushberichten en e-mail",
            }
        ],
        "measures": [_ENCRYPTION, "Tweestapsverificatie voor schoolaccounts"],
    },
    "bibliotheek": {
        "name": "Stichting Schoolbibliotheek Voorbeeldregio",
        "role": "gezamenlijk_verwerkingsverantwoordelijke",
        "purpose": "Uitlenen van boeken uit de bibliotheek op school.",
        "legal_basis": "algemeen_belang",
        "agreement": {"reference": "SA-2022-008", "date": dt.date(2022, 5, 12)},
        "allowed": ["STUDENT_NUMBER"],
        "date_of_birth": "none",
        "retention": "Leengegevens tot zes maanden na uitschrijving.",
        "location": _NL,
        "transfer_mechanism": None,
        "sub_processors": [
            {
                "name": "Catalogus Coöperatie Leesnet U.A.",
                "country": "NL",
                "purpose": "Catalogus- en uitleensysteem",
            }
        ],
        "measures": [_ENCRYPTION, "Toegang alleen voor bibliotheekmedewerkers"],
    },
    "cloudsuite": {
        "name": "CloudSuite Education Inc.",
        "role": "verwerker",
        "purpose": "Kantoor- en samenwerkingssoftware met een schoolaccount per leerling "
        "(e-mail, documenten, samenwerken).",
        "legal_basis": "algemeen_belang",
        "agreement": {"reference": "VWO-2024-002", "date": dt.date(2024, 2, 1)},
        "allowed": ["ECK_ID", "PERSON", "EMAIL_ADDRESS"],
        "date_of_birth": "none",
        "retention": "Account en bestanden tot 30 dagen na uitschrijving.",
        "location": {"country": "US", "eea": False},
        "transfer_mechanism": "EU-US Data Privacy Framework",
        "sub_processors": [
            {
                "name": "Stratus Compute LLC",
                "country": "US",
                "purpose": "Rekencentra en opslag",
            },
            {
                "name": "Helpdesk Partners Ireland Ltd",
                "country": "IE",
                "purpose": "Ondersteuning van beheerders",
            },
        ],
        "measures": [
            _ENCRYPTION,
            _ECK,
            "Aanvullende waarborgen naast het Data Privacy Framework",
            "Multifactorauthenticatie voor beheerders",
        ],
    },
}

K_ANONYMITY = (
    5  # the common threshold (docs/exposure.md): every class of quasi-identifiers >= 5 pupils
)


def register(pupils: list[Pupil]) -> dict[str, Any]:
    """The register as plain data, keys in the documented order."""
    counts = Counter(p.school.brin for p in pupils)
    vendors = []
    for feed in FEEDS:
        agreement = AGREEMENTS[feed.vendor]
        vendors.append(
            {
                "id": feed.vendor,
                "name": agreement["name"],
                "role": agreement["role"],
                "purpose": agreement["purpose"],
                "legal_basis": agreement["legal_basis"],
                "agreement": agreement["agreement"],
                "feed": feed.path,
                "schools": list(feed.schools),
                "allowed": agreement["allowed"],
                "date_of_birth": agreement["date_of_birth"],
                "k_anonymity": K_ANONYMITY,
                "retention": agreement["retention"],
                "retention_after_leaving": promises.TERMS[feed.vendor][0],
                **(
                    {"consent": promises.TERMS[feed.vendor][1]}
                    if promises.TERMS[feed.vendor][1]
                    else {}
                ),
                "feed_date": promises.FEED_DATE,
                "location": agreement["location"],
                "transfer_mechanism": agreement["transfer_mechanism"],
                "sub_processors": agreement["sub_processors"],
                "measures": agreement["measures"],
            }
        )
    return {
        "schema_version": 1,
        "board": {
            "name": vocab.BOARD_NAME,
            "schools": [
                {"brin": s.brin, "name": s.name, "pupils": counts.get(s.brin, 0)}
                for s in vocab.SCHOOLS
            ],
            # The privacy statement: giving the child's religion is not compulsory.
            "optional": ["RELIGION"],
        },
        "sources": [
            {"file": PARNASSYS_PATH, "system": "ParnasSys", "exported": vocab.REFERENCE_DATE},
            {"file": ESIS_PATH, "system": "Esis", "exported": vocab.REFERENCE_DATE},
        ],
        "vendors": vendors,
    }


class _Dumper(yaml.SafeDumper):
    """Block style, except lists of scalars, which read better inline: ``[ECK_ID, PERSON]``."""

    def ignore_aliases(self, data: Any) -> bool:
        # Shared dicts (the NL location) must be written out, not as &id001 anchors.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("  - brin: ..."), as people write YAML by hand.
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    scalars = all(not isinstance(item, dict | list) for item in data)
    flow = scalars and sum(len(str(item)) + 2 for item in data) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)

_HEADER = (
    "# Verwerkingsregister van een fictief schoolbestuur (synthetische voorbeelddata).\n"
    "# Processing register of a fictional school board (synthetic sample data).\n"
    "# Generated by `python -m dpia.samples`; do not edit by hand.\n"
)


def register_yaml(pupils: list[Pupil]) -> bytes:
    body = yaml.dump(
        register(pupils),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,  # no folding: one value per line reads and diffs better
    )
    return (_HEADER + body).encode("utf-8")
