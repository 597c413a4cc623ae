"""A readable Data Docs line for each dpia expectation, instead of GX's ``type(**kwargs)``."""

from __future__ import annotations

from typing import Any

from great_expectations.render.components import RenderedStringTemplateContent


def prescriptive(template: str, configuration: Any) -> list[RenderedStringTemplateContent]:
    """``template`` with ``$kwarg`` placeholders filled in; lists are written comma-separated."""
    kwargs: dict[str, Any] = dict(configuration.kwargs) if configuration is not None else {}
    params = {
        key: ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        for key, value in kwargs.items()
        if key != "batch_id"
    }
    return [
        RenderedStringTemplateContent(
            content_block_type="string_template",
            string_template={"template": template, "params": params},
        )
    ]
