"""YAML shipped with the package, read strictly: PyYAML keeps the last of two equal keys, which in
a catalogue or a vocabulary hides a mistake (a second ``unless:`` silently replacing the first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

# libyaml's parser when PyYAML was built with it (the same documents, ~10 times as fast); the
# constructor, and so the check below, is the pure-Python one either way.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_unique(text: str, error: Callable[[str], Exception]) -> Any:
    """``text`` parsed as YAML; a key twice in one mapping raises ``error(message)``."""

    class _Loader(_Base):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise error(f"{key!r} appears twice ({key_node.start_mark})")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
