"""Special categories and pupil care from the YAML vocabularies (one recognizer class)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia._yaml import load_unique
from dpia.detect.recognizers.vocabulary import (
    SPECIAL_VOCABULARIES,
    TermGroup,
    Vocabulary,
    VocabularyError,
    VocabularyRecognizer,
    _parse,
    load_vocabulary,
    sentence_around,
)
from dpia.register._taxonomy import SPECIAL_TYPES

Find = Callable[..., list[str]]

FOUND = [
    # HEALTH
    ("Jan heeft astma en gebruikt een puffer.", "HEALTH", ["astma"]),
    ("Medicijngebruik: Ritalin 10 mg", "HEALTH", ["Medicijngebruik", "Ritalin"]),
    ("Allergieën: pinda's", "HEALTH", ["Allergieën"]),
    ("allergisch voor noten", "HEALTH", ["allergisch"]),
    ("Diagnose ADHD en dyslexie", "HEALTH", ["ADHD", "Diagnose", "dyslexie"]),
    ("epilepsie", "HEALTH", ["epilepsie"]),
    ("Twee dagen ziek thuis geweest.", "HEALTH", ["ziek"]),
    ("Opgenomen in het ziekenhuis", "HEALTH", ["Opgenomen in het ziekenhuis"]),
    ("gesprek met schoolarts en psycholoog", "HEALTH", ["psycholoog", "schoolarts"]),
    ("Start speltherapie", "HEALTH", ["speltherapie"]),
    ("autisme", "HEALTH", ["autisme"]),
    ("Mag niet zwemmen i.v.m. oorontsteking", "HEALTH", ["oorontsteking"]),
    ("Was afwezig door een gebroken been", "HEALTH", ["door een gebroken been"]),
    ("Heeft suikerziekte", "HEALTH", ["suikerziekte"]),
    ("medical condition: diabetes", "HEALTH", ["diabetes"]),
    ("puffer", "HEALTH", []),  # ambiguous alone ...
    ("Medisch: puffer", "HEALTH", ["Medisch", "puffer"]),  # ... fine with a health word nearby
    # RELIGION
    ("moslim", "RELIGION", ["moslim"]),
    ("Islamitisch", "RELIGION", ["Islamitisch"]),
    ("Vrij tijdens de ramadan", "RELIGION", ["ramadan"]),
    ("gaat naar de moskee", "RELIGION", ["moskee"]),
    ("Rooms-katholiek", "RELIGION", ["katholiek"]),
    ("kerkdienst op zondag", "RELIGION", ["kerkdienst"]),
    ("Levensbeschouwing: hindoeïstisch", "RELIGION", ["Levensbeschouwing", "hindoeïstisch"]),
    ("joodse feestdag", "RELIGION", ["joodse"]),
    ("Geloof", "RELIGION", []),
    ("Geloof", "RELIGION", ["Geloof"], ["Godsdienst"]),
    ("Eet halal, let op bij de schoolreis.", "RELIGION", ["halal"]),
    ("Doet in mei de eerste communie", "RELIGION", ["eerste communie"]),
    ("Gaat op zaterdag naar de sjoel", "RELIGION", ["sjoel"]),
    ("Gaat met vader naar het vrijdaggebed", "RELIGION", ["vrijdaggebed"]),
    ("Draagt een hoofddoek sinds groep 7", "RELIGION", ["hoofddoek"]),
    (
        "Viert geen verjaardagen vanwege het geloof",
        "RELIGION",
        ["Viert geen verjaardagen", "vanwege het geloof"],
    ),
    # ETHNIC_ORIGIN
    ("Marokkaanse afkomst", "ETHNIC_ORIGIN", ["Marokkaanse afkomst"]),
    ("Gevlucht uit Syrië in 2015", "ETHNIC_ORIGIN", ["Gevlucht uit Syrië"]),
    ("vluchteling", "ETHNIC_ORIGIN", ["vluchteling"]),
    ("Woont in een azc", "ETHNIC_ORIGIN", ["azc"]),
    ("migratieachtergrond: ja", "ETHNIC_ORIGIN", ["migratieachtergrond"]),
    ("asielzoekerscentrum", "ETHNIC_ORIGIN", ["asielzoekerscentrum"]),
    ("Gezin komt uit Eritrea", "ETHNIC_ORIGIN", ["Gezin komt uit Eritrea"]),
    (
        "Is met het gezin uit Afghanistan naar Nederland gekomen",
        "ETHNIC_ORIGIN",
        ["gezin uit Afghanistan", "uit Afghanistan naar Nederland gekomen"],
    ),
    ("de familie uit Somalië komt", "ETHNIC_ORIGIN", ["familie uit Somalië", "uit Somalië komt"]),
    ("Ouders zijn Pools", "ETHNIC_ORIGIN", ["Ouders zijn Pools"]),
    ("Vader is Surinaams-Hindoestaans", "ETHNIC_ORIGIN", ["Hindoestaans", "Vader is Surinaams"]),
    # SEXUAL_ORIENTATION
    ("Hij is homo", "SEXUAL_ORIENTATION", ["homo"]),
    ("lesbisch", "SEXUAL_ORIENTATION", ["lesbisch"]),
    ("Seksuele geaardheid", "SEXUAL_ORIENTATION", ["Seksuele geaardheid"]),
    ("transgender", "SEXUAL_ORIENTATION", ["transgender"]),
    # POLITICAL_OPINION
    ("politieke voorkeur", "POLITICAL_OPINION", ["politieke voorkeur"]),
    ("Vader is partijlid", "POLITICAL_OPINION", ["partijlid"]),
    ("PVV", "POLITICAL_OPINION", ["PVV"], ["Politieke partij"]),
    # TRADE_UNION
    ("Lid van de vakbond", "TRADE_UNION", ["vakbond"]),
    ("Lidmaatschap AOb", "TRADE_UNION", ["AOb"]),
    # BIOMETRIC
    ("Inloggen met vingerafdruk", "BIOMETRIC", ["vingerafdruk"]),
    ("gezichtsherkenning bij de ingang", "BIOMETRIC", ["gezichtsherkenning"]),
    # GENETIC
    ("DNA-test", "GENETIC", ["DNA"]),
    ("erfelijke aandoening", "GENETIC", ["erfelijke"]),
    # CRIMINAL
    ("Vader is gedetineerd", "CRIMINAL", ["gedetineerd"]),
    ("Aangifte gedaan bij de politie", "CRIMINAL", ["Aangifte", "politie"]),
    ("taakstraf", "CRIMINAL", ["taakstraf"]),
    ("Doorverwezen naar Halt", "CRIMINAL", ["naar Halt"]),
    ("Halt-afdoening na vandalisme", "CRIMINAL", ["Halt-afdoening", "vandalisme"]),
    ("veroordeeld", "CRIMINAL", ["veroordeeld"]),
    ("Oom zit vast voor drugshandel", "CRIMINAL", ["drugshandel", "zit vast voor"]),
    # A veto holds only within its own sentence.
    ("Moeder belde de politie. Excursie gaat niet door.", "CRIMINAL", ["politie"]),
    ("Vader heeft een enkelband", "CRIMINAL", ["enkelband"]),
    ("Moeder heeft een straatverbod laten opleggen", "CRIMINAL", ["straatverbod"]),
    ("Wijkagent op school over vernieling", "CRIMINAL", ["Wijkagent", "vernieling"]),
    # Sense rules (``~`` gaps, ``near``, ``unless_before``) and gazetteers (``{list}``).
    ("Vader zit sinds mei vast, Kevin mag hem bezoeken", "CRIMINAL", ["zit sinds mei vast"]),
    ("Vader komt volgende maand vrij", "CRIMINAL", ["komt volgende maand vrij"]),
    ("Draagt sinds de zomer een sluier", "RELIGION", ["Draagt sinds de zomer een sluier"]),
    ("Turkse moeder, tolk nodig", "ETHNIC_ORIGIN", ["Turkse moeder"]),
    ("Marokkaans-Nederlandse jongen", "ETHNIC_ORIGIN", ["Marokkaans-Nederlandse"]),
    ("Vader is gemeenteraadslid voor de PVV", "POLITICAL_OPINION", ["PVV", "is gemeenteraadslid"]),
    ("Emma loopt bij Accare", "HEALTH", ["Accare"]),
    ("Staat op de wachtlijst bij Karakter", "HEALTH", ["wachtlijst bij Karakter"]),
    ("Elif bidt tijdens de middagpauze", "RELIGION", ["bidt"]),
    ("Mum is the Unison rep on her ward", "TRADE_UNION", ["Unison"]),
    ("Lotte heeft twee moeders", "SEXUAL_ORIENTATION", ["twee moeders"]),
    ("Eet halal, let op bij de schoolreis", "RELIGION", ["halal"]),
    # PUPIL_CARE
    ("Besproken in het zorgteam", "PUPIL_CARE", ["zorgteam"]),
    ("OPP opgesteld", "PUPIL_CARE", ["OPP"]),
    ("ontwikkelingsperspectief", "PUPIL_CARE", ["ontwikkelingsperspectief"]),
    ("Melding bij Veilig Thuis", "PUPIL_CARE", ["Veilig Thuis"]),
    ("extra ondersteuning", "PUPIL_CARE", ["extra ondersteuning"]),
    ("Jeugdhulp betrokken", "PUPIL_CARE", ["Jeugdhulp"]),
    ("leerlingbegeleider", "PUPIL_CARE", ["leerlingbegeleider"]),
    ("Ondersteuningsbehoefte: hoog", "PUPIL_CARE", ["Ondersteuningsbehoefte"]),
    ("rugzak", "PUPIL_CARE", []),
    ("rugzak", "PUPIL_CARE", ["rugzak"], ["Zorgniveau"]),
    ("arrangement", "PUPIL_CARE", ["arrangement"], ["ondersteuning"]),
]

NOT_FOUND = [
    ("Kerkstraat 12", "RELIGION"),  # "kerk" inside a street name
    ("Vader is Surinaams-Hindoestaans", "RELIGION"),  # an origin, not a religion
    ("Gezin komt uit Utrecht", "ETHNIC_ORIGIN"),
    ("Net terug van vakantie uit Spanje", "ETHNIC_ORIGIN"),
    ("Kwam terug van vakantie in Turkije", "ETHNIC_ORIGIN"),
    ("Zit aan de rechterkant van de klas", "CRIMINAL"),
    ("Ik geloof dat het morgen regent", "RELIGION"),
    ("Tweede Pinksterdag is de school dicht", "RELIGION"),
    ("Kerstviering in de aula", "RELIGION"),
    ("homogene groep", "SEXUAL_ORIENTATION"),
    ("politiek", "POLITICAL_OPINION"),
    ("Halt! riep de juf", "CRIMINAL"),
    ("De politieagent speelt in het toneelstuk", "CRIMINAL"),  # a play, not a police matter
    ("Excursie naar het politiebureau met de hele groep", "CRIMINAL"),
    ("Heeft de draad weer opgepakt", "CRIMINAL"),
    ("Met de klas naar de kerk voor de kerstviering", "RELIGION"),
    ("Heeft weinig geloof in eigen kunnen", "RELIGION"),
    ("Vastenavond wordt op school gevierd", "RELIGION"),
    ("Les over migranten in de Gouden Eeuw", "ETHNIC_ORIGIN"),
    ("Hij zit vast met zijn rekenwerk", "CRIMINAL"),
    ("Vader komt vrij vroeg vandaag", "CRIMINAL"),
    ("Hij zit in de gevangenis van zijn eigen perfectionisme", "CRIMINAL"),
    ("Hij kijkt veel naar politieseries", "CRIMINAL"),
    ("Hij heeft een sterk karakter", "HEALTH"),
    ("Ik word er ziek van", "HEALTH"),
    ("She got sick of waiting", "HEALTH"),
    ("Moeder is huisarts en geeft een EHBO-les", "HEALTH"),
    ("Thema ziekenhuis in groep 1-2", "HEALTH"),
    ("Hij at een Turkse pizza", "ETHNIC_ORIGIN"),
    ("Franse les om negen uur", "ETHNIC_ORIGIN"),
    ("Gastles van de FNV over het minimumloon", "TRADE_UNION"),
    ("Synagoge-bezoek: de rabbijn vertelde over de sjabbat", "RELIGION"),
    ("Kinderen gebruiken homo als scheldwoord", "SEXUAL_ORIENTATION"),
    ("Scholierenverkiezingen: de klas stemde op de Partij voor de Dieren", "POLITICAL_OPINION"),
    ("Daan speelt Jozef, heel serieus genomen", "GENETIC"),
    ("Dit zijn politieke spelletjes", "CRIMINAL"),
    # The letters of a Dutch postcode are no acronym.
    ("1607 ME", "HEALTH"),
    ("8302 XR Emmeloord", "POLITICAL_OPINION"),
    ("Vader werkt als kok in de PI Vught", "CRIMINAL"),
    ("Rekenen: breuken en kommagetallen", "HEALTH"),
    ("opp = 12 m2", "PUPIL_CARE"),  # lower-case opp is an area
    ("nieuwe rugzak mee naar school", "PUPIL_CARE"),
    ("Herfstvakantie", "HEALTH"),
    ("Leerlinggewicht 0,3", "HEALTH"),
    ("groep 5", "HEALTH"),
    ("Rekenen: goed", "HEALTH"),
]


@pytest.mark.parametrize("case", FOUND, ids=[f"{c[1]}:{c[0]}" for c in FOUND])
def test_vocabulary_found(find: Find, case: tuple[object, ...]) -> None:
    text, entity, expected = str(case[0]), str(case[1]), case[2]
    context = case[3] if len(case) > 3 else None
    assert find(text, entity, context=context) == expected


@pytest.mark.parametrize(("text", "entity"), NOT_FOUND)
def test_vocabulary_not_found(find: Find, text: str, entity: str) -> None:
    assert find(text, entity) == []


@pytest.mark.parametrize("name", SPECIAL_VOCABULARIES)
def test_vocabulary_files(name: str) -> None:
    vocabulary = load_vocabulary(name)
    assert vocabulary.entity == name.upper()
    assert vocabulary.context
    assert vocabulary.groups
    VocabularyRecognizer(vocabulary, "en")  # the combined regexes compile


def test_every_special_type_has_a_vocabulary() -> None:
    covered = {load_vocabulary(n).entity for n in SPECIAL_VOCABULARIES}
    assert set(SPECIAL_TYPES) <= covered


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a list", "mapping"),
        ("entity: NOPE\nterms: [{score: 0.5, words: [x]}]", "not in dpia.register._taxonomy"),
        ("entity: HEALTH\nterms: [{score: 2, words: [x]}]", "score"),
        ("entity: HEALTH\nterms: [{score: 0.5, rule: r, words: ['(']}]", "terms[0]"),
        ("entity: HEALTH\nterms: []", "no terms"),
        ("entity: HEALTH\nterms: [{score: 0.5, rule: r, words: [x], unless: y}]", "unless"),
        ("entity: HEALTH\nterms: [{score: 0.5, words: [x]}]", "rule"),
        ("entity: HEALTH\nterms: [{score: 0.5, rule: r, words: ['{nope}']}]", "no list 'nope'"),
        ("entity: HEALTH\nterms: [{score: 0.5, rule: r, words: [x], near: z}]", "near"),
        (
            "entity: HEALTH\nterms: [{score: 0.5, rule: r, words: [x]}, {score: 0.3, rule: s, words: [x]}]",
            "in an earlier group",
        ),
        ("entity: HEALTH\nterms:\n- score: 0.5\n  rule: r\n  words: [x]\n  rule: s", "twice"),
        ("entity: HEALTH\nterms: [{score: 0.5, rule: r, words: [x], unless: ['(']}]", "unless"),
    ],
)
def test_bad_vocabulary(text: str, message: str) -> None:
    with pytest.raises(VocabularyError, match=r"vocabularies/x\.yaml") as error:
        _parse("x", load_unique(text, lambda m: VocabularyError(f"vocabularies/x.yaml: {m}")))
    assert message in str(error.value)


def test_regex_is_whole_word() -> None:
    vocabulary = Vocabulary("x", "HEALTH", (), ())
    expected = r"(?<!\w)(?:(?:a\s+b))(?!\w)"
    assert vocabulary.regex_for(TermGroup(0.5, ("a b",))) == expected


@pytest.mark.parametrize(
    ("text", "span", "sentence"),
    [
        ("Ging naar de kerk. Met de klas.", (13, 17), "Ging naar de kerk"),
        ("Ging naar de kerk. Met de klas.", (26, 30), " Met de klas"),
        ("i.v.m. oorontsteking", (7, 20), " oorontsteking"),
        ("Om 12.30 naar de moskee", (17, 23), "Om 12.30 naar de moskee"),
        ("regel 1\nregel 2", (8, 13), "regel 2"),
    ],
)
def test_sentence_around(text: str, span: tuple[int, int], sentence: str) -> None:
    assert sentence_around(text, *span) == sentence
