"""One error tree: every exception the workbench defines is a ``DpiaError`` with a reason code,
and the command line turns any of them into one line and exit code 2."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import dpia
from dpia.cli import main
from dpia.errors import DpiaError
from dpia.minimise._engine import gx_loaded


def _defined_exceptions() -> list[type[BaseException]]:
    gx_loaded()  # Great Expectations first, imported as the workbench imports it
    found: dict[str, type[BaseException]] = {}
    for module in pkgutil.walk_packages(dpia.__path__, "dpia."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


EXCEPTIONS = _defined_exceptions()


def test_the_tree_is_not_empty() -> None:
    assert len(EXCEPTIONS) >= 10


@pytest.mark.parametrize("error", EXCEPTIONS, ids=lambda e: e.__qualname__)
def test_every_exception_is_a_dpia_error_with_a_reason(error: type[BaseException]) -> None:
    assert issubclass(error, DpiaError)
    assert error is DpiaError or error.reason != DpiaError.reason, "give it its own reason code"


def test_reason_codes_are_distinct() -> None:
    codes = [e.reason for e in EXCEPTIONS if issubclass(e, DpiaError) and "reason" in vars(e)]
    assert len(codes) == len(set(codes))


def test_reason_per_error_overrides_the_class_default() -> None:
    error = DpiaError("x.csv line 3: 1 fields, expected 2", reason="ragged_row")
    assert (str(error), error.reason) == ("x.csv line 3: 1 fields, expected 2", "ragged_row")
    assert DpiaError("plain").reason == "error"


def test_the_cli_catches_the_tree_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Odd(DpiaError):
        reason = "odd"

    def fail(_: object) -> int:
        raise Odd("somewhere: went wrong")

    monkeypatch.setattr("dpia.cli._cmd_load", fail)
    assert main(["load", "x.csv"]) == 2
    assert capsys.readouterr().err == "dpia: error: somewhere: went wrong\n"
