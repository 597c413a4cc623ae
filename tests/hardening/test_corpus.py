"""Every hostile input through the loader and through every ``dpia`` command that reads files.

A refused input must end as exit code 2 with one line ``dpia: error: FILE[ line N]: reason`` on
stderr, no traceback, and nothing written; an acceptable one must load (exit 0).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from dpia.cli import main
from dpia.load._export import ExportError, load_export
from dpia.load._stream import open_stream
from tests.hardening.corpus import (
    CASES,
    Case,
    Check,
    Outcome,
    data_command_argv,
    data_commands,
    tree,
    write_data_folder,
)

FILE_COMMANDS = ("load", "scan")
COMMANDS = (*FILE_COMMANDS, *data_commands())
# Generous: two shared cores; a hang is what this catches, not a slow second.
LOAD_SECONDS = 30
SUBPROCESS_TIMEOUT = 180


def _marks(case: Case, check: Check) -> list[pytest.MarkDecorator]:
    bug = case.bugs.get(check)
    return [pytest.mark.xfail(strict=True, reason=bug)] if bug else []


def _unprivileged_prefix(probe: Path) -> list[str]:
    """Command prefix under which permission bits hold; skips when they cannot be enforced."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: chmod 000 cannot be enforced")
    # Root reads anything through CAP_DAC_OVERRIDE; without it (and DAC_READ_SEARCH) mode 000 holds.
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    check = subprocess.run(
        [*prefix, sys.executable, "-c", f"open({str(probe)!r}, 'rb')"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if check.returncode == 0:
        pytest.skip("permission bits are not enforced here, even without CAP_DAC_OVERRIDE")
    return prefix


def _invoke(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> Outcome:
    """``dpia ARGV`` in this process; an exception escaping ``main`` is a crash, not a failure."""
    crash = None
    code: int | str | None = None
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    except Exception:
        crash = traceback.format_exc()
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err, crash)


def _invoke_subprocess(argv: Sequence[str], prefix: Sequence[str] = ()) -> Outcome:
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "dpia", *argv],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def _assert_refused(outcome: Outcome, files: set[str]) -> None:
    assert outcome.crash is None, outcome.crash
    assert "Traceback" not in outcome.err + outcome.out
    assert outcome.code == 2, outcome.err
    assert outcome.err.endswith("\n")
    lines = outcome.err.splitlines()
    assert len(lines) == 1, outcome.err
    pattern = "|".join(re.escape(f) for f in sorted(files))
    assert re.fullmatch(rf"dpia: error: (?:{pattern})(?: line \d+)?: .+", lines[0]), lines[0]


def _assert_ok(outcome: Outcome, verdicts: Sequence[int] = ()) -> None:
    assert outcome.crash is None, outcome.crash
    assert "Traceback" not in outcome.err + outcome.out
    assert outcome.code in (0, *verdicts), outcome.err


# --- the loader --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name, marks=_marks(c, "load_export")) for c in CASES]
)
def test_loader(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    if case.unprivileged and os.geteuid() == 0:
        assert _reason_unprivileged(path, "load_export") == str(case.expected)
        return
    start = time.perf_counter()
    if case.expected == "ok":
        export = load_export(path)
        if case.verify is not None:
            case.verify(export.frame)
    else:
        with pytest.raises(ExportError) as caught:
            load_export(path)
        assert caught.value.reason is case.expected
        assert str(caught.value).startswith(f"{path}")
    assert time.perf_counter() - start < LOAD_SECONDS


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_chunked_reader_agrees_with_loader(case: Case, tmp_path: Path) -> None:
    """``dpia scan --chunksize`` reads through ``open_stream``: the same cells, or the same
    reason, line and message, as the whole-file loader."""
    path = case.build(tmp_path)
    if case.unprivileged and os.geteuid() == 0:
        assert _reason_unprivileged(path, "open_stream") == str(case.expected)
        return
    assert _chunked(path) == _whole(path)


def _reason_unprivileged(path: Path, reader: str) -> str:
    """The ``Reason`` that ``reader`` (``load_export`` or ``open_stream``) gives, read where
    permission bits hold."""
    read = {"load_export": "load_export(path)", "open_stream": "list(open_stream(path).chunks())"}
    code = (
        "from dpia.load._export import ExportError, load_export\nfrom dpia.load._stream import open_stream\n"
        f"path = {str(path)!r}\ntry:\n    {read[reader]}\nexcept ExportError as exc:\n"
        "    print(exc.reason.value)\n"
    )
    done = subprocess.run(
        [*_unprivileged_prefix(path), sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _whole(path: Path) -> tuple[object, ...]:
    try:
        export = load_export(path)
    except ExportError as exc:
        return (exc.reason, exc.line, str(exc))
    return (export.frame.to_dict("split"), export.provenance)


def _chunked(path: Path) -> tuple[object, ...]:
    try:
        opened = open_stream(path, 1000)
        frames = list(opened.chunks())
    except ExportError as exc:
        return (exc.reason, exc.line, str(exc))
    frame = pd.concat(frames, ignore_index=True)
    return (frame.to_dict("split"), opened.provenance(len(frame)))


# --- the commands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "command"),
    [
        pytest.param(c, command, id=f"{c.name}-{command}", marks=_marks(c, command))
        for c in CASES
        for command in COMMANDS
    ],
)
def test_command(
    case: Case, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "feeds").mkdir(parents=True)
    path = case.build(data / "feeds")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("from an earlier run\n", encoding="utf-8")
    files = {str(path)}
    if command in FILE_COMMANDS:
        argv = [command, str(path)] + (["--quiet"] if command == "scan" else [])
    else:
        register = write_data_folder(data, path)
        # A feed that is no regular file is caught by the register's own check.
        files.add(str(register))
        suites = tmp_path / "suites"
        argv = data_command_argv(command, register, out, suites)
        if "--suites" in argv:
            # The suites come from the register alone; if it cannot load, the command says so.
            _invoke(
                ["expectations", "build", "--register", str(register), "--out", str(suites)], capsys
            )
    before = tree(tmp_path)

    if case.unprivileged and os.geteuid() == 0:
        outcome = _invoke_subprocess(argv, _unprivileged_prefix(path))
    else:
        outcome = _invoke(argv, capsys)

    if case.expected == "ok":
        # ``validate`` exits 1 for a feed that breaks its agreement: a verdict, not an error.
        _assert_ok(outcome, verdicts=(1,) if command == "validate" else ())
        assert (out / "keep.txt").read_text(encoding="utf-8") == "from an earlier run\n"
    else:
        _assert_refused(outcome, files)
        assert tree(tmp_path) == before, "a refused input changed files"
    staging = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert staging == [], "staging folders left behind"


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name, marks=_marks(c, "load")) for c in CASES if c.subprocess]
)
def test_load_in_subprocess_never_hangs(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    start = time.perf_counter()
    outcome = _invoke_subprocess(["load", str(path)])
    elapsed = time.perf_counter() - start
    if case.expected == "ok":
        _assert_ok(outcome)
    else:
        _assert_refused(outcome, {str(path)})
    assert elapsed < SUBPROCESS_TIMEOUT


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert any(c.expected == "ok" for c in CASES)
