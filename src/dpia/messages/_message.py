"""``Message``: a code and its parameters, language-free; ``render`` writes it in a language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from dpia.messages._catalogue import CODE, Field, MessageError, catalogue
from dpia.messages._languages import LANGUAGES, LOCALES, Language, check_language, number, percent

# A whole number is written the language's way, a fraction only with ``{name:percent}``, a
# message in the same language, a tuple as a list.
Param: TypeAlias = "str | int | float | Message | tuple[Param, ...]"


@dataclass(frozen=True, init=False)
class Message:
    """``Message("failure.national_id", entity="NL_BSN", column="bsn", count=1980)``.

    Frozen and hashable, parameters sorted by name: two messages are equal when they would say
    the same in every language.
    """

    code: str
    params: tuple[tuple[str, Param], ...]

    def __init__(self, code: str, /, **params: Param) -> None:
        if not CODE.fullmatch(code):
            raise MessageError(f"{code!r} is not a dotted message code like 'report.title'")
        for name, value in params.items():
            _check(code, name, value)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", tuple(sorted(params.items())))

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"code": ..., "params": {...}}``, messages inside as the same form."""
        return {"code": self.code, "params": {name: _plain(value) for name, value in self.params}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """The message whose ``to_dict()`` is ``data``."""
        return cls(data["code"], **{name: _param(v) for name, v in data["params"].items()})

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Its JSON form for pydantic (``dpia.job``'s ``run.json``): ``to_dict``/``from_dict``."""
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            lambda value: value if isinstance(value, Message) else cls.from_dict(value),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda message: message.to_dict()
            ),
        )


def render(message: Message | str, lang: Language, /, **params: Param) -> str:
    """``message`` written in ``lang``; a code with its parameters stands for ``Message(code,
    **params)``. ``MessageError`` for an unknown code, a missing or unknown parameter, or a value
    its field cannot write: never a blank."""
    if isinstance(message, Message):
        if params:
            raise TypeError(f"{message.code}: the parameters are in the message, not in render()")
    else:
        message = Message(message, **params)
    language = check_language(lang)
    template = catalogue(language).get(message.code)
    if template is None:
        raise MessageError(f"unknown message code {message.code!r} (not in {language}.yaml)")
    values = dict(message.params)
    needed = {part.name for part in template if isinstance(part, Field)}
    problems = [
        f"{what} parameter {', '.join(sorted(names))}"
        for what, names in (
            ("missing", needed - values.keys()),
            ("unknown", values.keys() - needed),
        )
        if names
    ]
    if problems:
        raise MessageError(f"{message.code} ({language}): {'; '.join(problems)}")
    return "".join(
        part if isinstance(part, str) else _field(part, values[part.name], message.code, language)
        for part in template
    )


def exists(code: str) -> bool:
    """Whether every catalogue has ``code``."""
    return all(code in catalogue(lang) for lang in LANGUAGES)


def entity_label(entity: str, lang: Language) -> str:
    """An entity type's label (``entity.<TYPE>``), or the type itself when it has none (a
    recognizer's own type outside the vocabulary)."""
    code = f"entity.{entity}"
    return render(code, lang) if code in catalogue(check_language(lang)) else entity


def _field(field: Field, value: Param, code: str, lang: Language) -> str:
    if field.plural:
        if not isinstance(value, int):
            raise MessageError(
                f"{code}: {{{field.name}}} picks a plural form: needs a whole number"
            )
        return field.plural[LOCALES[lang].plural(value)]
    if not isinstance(value, tuple):
        return _item(field, value, code, lang)
    texts = [_item(field, item, code, lang) for item in value]
    if "and" in field.formats and len(texts) > 1:
        return render("list.and", lang, head=", ".join(texts[:-1]), last=texts[-1])
    return ", ".join(texts)


def _item(field: Field, value: Param, code: str, lang: Language) -> str:
    formats = field.formats
    if isinstance(value, Message):
        text = render(value, lang)
    elif isinstance(value, tuple):
        raise MessageError(f"{code}: {{{field.name}}} is a list inside a list")
    elif "percent" in formats:
        if isinstance(value, str):
            raise MessageError(f"{code}: {{{field.name}:percent}} needs a number, not {value!r}")
        text = percent(value, lang)
    elif "entity" in formats:
        if not isinstance(value, str):
            raise MessageError(f"{code}: {{{field.name}:entity}} needs an entity type")
        text = entity_label(value, lang)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, int):
        text = number(value, lang)
    else:
        raise MessageError(f"{code}: {{{field.name}}} is a fraction: write it {{name:percent}}")
    return f"`{text}`" if "code" in formats else text


def _check(code: str, name: str, value: object) -> None:
    """Parameters are text, numbers, messages or tuples of them: hashable, and JSON in to_dict."""
    if isinstance(value, tuple):
        for item in value:
            _check(code, name, item)
    elif isinstance(value, bool) or not isinstance(value, str | int | float | Message):
        raise TypeError(
            f"{code}: parameter {name} is a {type(value).__name__}; "
            "use text, a number, a Message or a tuple of them"
        )


def _plain(value: Param) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _param(value: Any) -> Param:
    if isinstance(value, Mapping):
        return Message.from_dict(value)
    if isinstance(value, list):
        return tuple(_param(item) for item in value)
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"not a message parameter in JSON form: {value!r}")
