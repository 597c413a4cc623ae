"""Failed expectations in plain Dutch and English, for the privacy officer rather than the engineer.

``failures(evr)`` turns one failed Great Expectations result (JSON form) into ``Failure``s, one per
column where that reads best: "stuurt BSN in kolom `bsn`: 1.980 waarden" / "sends BSN in column
`bsn`: 1,980 values". Numbers are written the Dutch way in Dutch (1.980; 99,0%) and the English
way in English (1,980; 99.0%). Only column names, entity types and counts are used: the results
hold no values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dpia.minimise import _suites as suites
from dpia.minimise._verdicts import Failure

LABELS: dict[str, tuple[str, str]] = {
    "PERSON": ("naam", "name"),
    "NL_BSN": ("BSN", "BSN"),
    "NL_ONDERWIJSNUMMER": ("onderwijsnummer", "onderwijsnummer (education number)"),
    "ECK_ID": ("ECK iD", "ECK iD"),
    "STUDENT_NUMBER": ("leerlingnummer", "pupil number"),
    "EMAIL_ADDRESS": ("e-mailadres", "e-mail address"),
    "PHONE_NUMBER": ("telefoonnummer", "phone number"),
    "STREET_ADDRESS": ("adres", "street address"),
    "NL_POSTCODE": ("postcode", "postcode"),
    "LOCATION": ("woonplaats", "place"),
    "DATE_OF_BIRTH": ("geboortedatum", "date of birth"),
    "GENDER": ("geslacht", "gender"),
    "NATIONALITY": ("nationaliteit of herkomst", "nationality or origin"),
    "IBAN_CODE": ("IBAN", "IBAN"),
    "CREDIT_CARD": ("creditcardnummer", "credit card number"),
    "IP_ADDRESS": ("IP-adres", "IP address"),
    "URL": ("URL", "URL"),
    "PHOTO": ("foto", "photo"),
    "RELIGION": ("godsdienst", "religion"),
    "HEALTH": ("gezondheid", "health"),
    "ETHNIC_ORIGIN": ("etnische afkomst", "ethnic origin"),
    "SEXUAL_ORIENTATION": ("seksuele geaardheid", "sexual orientation"),
    "POLITICAL_OPINION": ("politieke opvatting", "political opinion"),
    "TRADE_UNION": ("vakbondslidmaatschap", "trade-union membership"),
    "BIOMETRIC": ("biometrische gegevens", "biometric data"),
    "GENETIC": ("genetische gegevens", "genetic data"),
    "CRIMINAL": ("strafrechtelijke gegevens", "criminal-offence data"),
    "PUPIL_CARE": ("leerlingzorg", "pupil care"),
    "FREE_TEXT": ("vrije tekst", "free text"),
}

_FORM_ALLOWED = {
    "none": (
        "de overeenkomst staat geen geboortedatum toe",
        "the agreement allows no date of birth",
    ),
    "year": ("alleen het geboortejaar mag", "only the year of birth is allowed"),
    "age_band": ("alleen een leeftijdsgroep mag", "only an age band is allowed"),
}


def number(value: int, lang: str) -> str:
    """``1980`` as ``1.980`` (nl) or ``1,980`` (en)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def percent(share: float, lang: str) -> str:
    """``0.99`` as ``99,0%`` (nl) or ``99.0%`` (en)."""
    text = f"{share * 100:.1f}%"
    return text.replace(".", ",") if lang == "nl" else text


def label(entity: str, lang: str) -> str:
    nl, en = LABELS.get(entity, (entity, entity))
    return nl if lang == "nl" else en


def _columns(names: Sequence[str], lang: str) -> str:
    quoted = [f"`{name}`" for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {'en' if lang == 'nl' else 'and'} {quoted[-1]}"


def _values(count: int, lang: str) -> str:
    if lang == "nl":
        return f"{number(count, lang)} {'waarde' if count == 1 else 'waarden'}"
    return f"{number(count, lang)} {'value' if count == 1 else 'values'}"


def _failure(
    kind: str, found: Mapping[str, Any], entities: Sequence[str], sentence: Callable[[str], str]
) -> Failure:
    count = found.get("count")
    share = found.get("share")
    return Failure(
        expectation=kind,
        columns=(str(found["column"]),),
        entities=tuple(entities),
        count=None if count is None else int(count),
        share=None if share is None else float(share),
        nl=sentence("nl"),
        en=sentence("en"),
    )


def _allowed(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    def sentence(found: Mapping[str, Any]) -> Callable[[str], str]:
        def text(lang: str) -> str:
            what, column = label(str(found["entity"]), lang), _columns([found["column"]], lang)
            values = _values(int(found["count"]), lang)
            if lang == "nl":
                return (
                    f"stuurt {what} in kolom {column}: {values}; de overeenkomst staat dat niet toe"
                )
            return f"sends {what} in column {column}: {values}, which the agreement does not allow"

        return text

    return [_failure(kind, f, [str(f["entity"])], sentence(f)) for f in details["columns"]]


def _national_id(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    def sentence(found: Mapping[str, Any]) -> Callable[[str], str]:
        def text(lang: str) -> str:
            what, column = label(str(found["entity"]), lang), _columns([found["column"]], lang)
            values = _values(int(found["count"]), lang)
            if lang == "nl":
                return f"stuurt {what} in kolom {column}: {values}"
            return f"sends {what} in column {column}: {values}"

        return text

    return [_failure(kind, f, [str(f["entity"])], sentence(f)) for f in details["columns"]]


def _special(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    def sentence(found: Mapping[str, Any]) -> Callable[[str], str]:
        def text(lang: str) -> str:
            column = _columns([found["column"]], lang)
            values = _values(int(found["count"]), lang)
            mentions = ", ".join(
                f"{label(entity, lang)} {number(int(n), lang)}"
                for entity, n in sorted(found["mentions"].items(), key=lambda item: -item[1])
            )
            if lang == "nl":
                return (
                    f"stuurt bijzondere persoonsgegevens in kolom {column}: {values} ({mentions})"
                )
            return f"sends special-category data in column {column}: {values} ({mentions})"

        return text

    return [_failure(kind, f, sorted(f["mentions"]), sentence(f)) for f in details["columns"]]


def _birth_date(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    form = str(kwargs.get("form"))
    allowed_nl, allowed_en = _FORM_ALLOWED.get(form, (form, form))

    def sentence(found: Mapping[str, Any]) -> Callable[[str], str]:
        def text(lang: str) -> str:
            column = _columns([found["column"]], lang)
            values = _values(int(found["count"]), lang)
            if lang == "nl":
                what = "geboortedatum" if form == "none" else "te precieze geboortedatum"
                return f"stuurt {what} in kolom {column}: {values}; {allowed_nl}"
            what = "date of birth" if form == "none" else "too precise date of birth"
            return f"sends {what} in column {column}: {values}; {allowed_en}"

        return text

    return [_failure(kind, f, ["DATE_OF_BIRTH"], sentence(f)) for f in details["columns"]]


def _k_anonymity(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    k, threshold = int(details["k"]), int(details["threshold"])
    columns = [str(c) for c in details["columns"]]
    share = float(details["share_at_risk"])

    def text(lang: str) -> str:
        over, at_risk = _columns(columns, lang), percent(share, lang)
        if lang == "nl":
            return (
                f"herleidbaar: k = {k}, minder dan {threshold}, op kolommen {over}; "
                f"{at_risk} van de rijen zit in een groep kleiner dan {threshold}"
            )
        return (
            f"re-identifiable: k = {k}, below {threshold}, over columns {over}; "
            f"{at_risk} of rows are in a class smaller than {threshold}"
        )

    return [
        Failure(
            expectation=kind,
            columns=tuple(columns),
            entities=(),
            count=k,
            share=share,
            nl=text("nl"),
            en=text("en"),
        )
    ]


def _identifier(kind: str, details: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    identifier = str(kwargs.get("identifier"))

    def sentence(found: Mapping[str, Any]) -> Callable[[str], str]:
        def text(lang: str) -> str:
            column = _columns([found["column"]], lang)
            values = _values(int(found["count"]), lang)
            if identifier == "BRIN":
                bad, unserved = int(found["malformed"]), int(found["unserved"])
                if lang == "nl":
                    return (
                        f"stuurt ongeldige BRIN-codes ({number(bad, lang)}) of scholen buiten de "
                        f"overeenkomst ({number(unserved, lang)}) in kolom {column}: {values}"
                    )
                return (
                    f"sends invalid BRIN codes ({number(bad, lang)}) or schools outside the "
                    f"agreement ({number(unserved, lang)}) in column {column}: {values}"
                )
            if lang == "nl":
                return f"stuurt ongeldige ECK iD's in kolom {column}: {values}"
            return f"sends malformed ECK iDs in column {column}: {values}"

        return text

    entities = ["ECK_ID"] if identifier == "ECK_ID" else []
    return [_failure(kind, f, entities, sentence(f)) for f in details["columns"]]


def _row_count(kind: str, result: Mapping[str, Any], kwargs: Mapping[str, Any]) -> list[Failure]:
    rows = int(result["observed_value"])
    low, high = kwargs.get("min_value"), kwargs.get("max_value")

    def text(lang: str) -> str:
        span = f"{number(int(low or 0), lang)}-{number(int(high), lang)}" if high else None
        if lang == "nl":
            expected = f"verwacht {span}" if span else f"verwacht minstens {low}"
            return (
                f"stuurt {number(rows, lang)} rijen; {expected} "
                f"(leerlingen van de bediende scholen + {suites.ROW_MARGIN_PERCENT}%)"
            )
        expected = f"expected {span}" if span else f"expected at least {low}"
        return (
            f"sends {number(rows, lang)} rows; {expected} "
            f"(pupils of the schools served + {suites.ROW_MARGIN_PERCENT}%)"
        )

    return [
        Failure(
            expectation=kind,
            columns=(),
            entities=(),
            count=rows,
            share=None,
            nl=text("nl"),
            en=text("en"),
        )
    ]


def _other(kind: str, kwargs: Mapping[str, Any]) -> list[Failure]:
    """An expectation added to a suite by hand: named, with its column if it has one."""
    column = kwargs.get("column")
    columns = (str(column),) if column is not None else ()
    where_nl = f" in kolom `{column}`" if column is not None else ""
    where_en = f" in column `{column}`" if column is not None else ""
    return [
        Failure(
            expectation=kind,
            columns=columns,
            entities=(),
            count=None,
            share=None,
            nl=f"voldoet niet aan `{kind}`{where_nl}",
            en=f"fails `{kind}`{where_en}",
        )
    ]


def error(kind: str, exception: str) -> Failure:
    """An expectation that raised instead of answering: a failure, never a pass."""
    return Failure(
        expectation=kind,
        columns=(),
        entities=(),
        count=None,
        share=None,
        nl=f"controle `{kind}` kon niet worden uitgevoerd ({exception})",
        en=f"check `{kind}` could not be evaluated ({exception})",
    )


_BY_DETAILS = {
    suites.ALLOWED_ENTITIES: _allowed,
    suites.NO_NATIONAL_ID: _national_id,
    suites.NO_SPECIAL_CATEGORY: _special,
    suites.BIRTH_DATE_COARSENED: _birth_date,
    suites.K_ANONYMOUS: _k_anonymity,
    suites.IDENTIFIERS_WELL_FORMED: _identifier,
}


def failures(kind: str, kwargs: Mapping[str, Any], result: Mapping[str, Any]) -> list[Failure]:
    """The failures behind one unsuccessful expectation result (``result`` as GX returns it)."""
    details = result.get("details")
    if kind in _BY_DETAILS and isinstance(details, Mapping):
        return _BY_DETAILS[kind](kind, details, kwargs) or _other(kind, kwargs)
    if kind == suites.ROW_COUNT and result.get("observed_value") is not None:
        return _row_count(kind, result, kwargs)
    return _other(kind, kwargs)
