"""No network: every command runs with sockets and name lookups forbidden.

In-process, ``socket`` is patched so that a connection or a DNS lookup raises and is recorded.
Notebooks run in kernels (other processes) that no patch reaches, so ``run`` with notebooks is
also checked in a subprocess whose every Python process (kernels included) loads an audit hook
through ``sitecustomize``; audit hooks cannot be removed, hence the subprocess.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dpia.cli import main
from dpia.samples import generate
from tests.conftest import SAMPLES
from tests.hardening.corpus import data_command_argv, data_commands

SMALL_SAMPLE_PUPILS = 120
RUN_TIMEOUT = 900


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Connections and name lookups raise ``AssertionError``; the attempts are listed."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def guard(*args: Any, **kwargs: Any) -> Any:
            # Record first: a library may swallow the error (a background telemetry thread).
            attempts.append(f"{name}{args[1:] if name.startswith('socket.socket') else args}")
            raise AssertionError(f"network access attempted: {name} {args!r}")

        return guard

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    yield attempts
    assert attempts == [], f"network access attempted: {attempts}"


def test_guard_works(no_network: list[str]) -> None:
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("example.org", 80), timeout=1)
    assert no_network == ["socket.create_connection(('example.org', 80),)"]
    no_network.clear()  # the fixture's own check is for the commands below


def _free_text_export(folder: Path) -> Path:
    """Real top-level domains (the e-mail recognizer's suffix list is consulted for them, unlike
    ``.example``), URLs and notes (Deduce's annotator)."""
    path = folder / "contact.csv"
    path.write_text(
        "naam;email;website;notitie\n"
        "Jan Jansen;j.jansen@school.nl;https://www.school.nl/leerling/1;"
        "Jan heeft astma en gaat elke vrijdag naar de moskee met zijn vader.\n"
        "Piet de Vries;p.devries@gmail.com;http://example.co.uk/a;"
        "Piet woont aan de Kerkstraat 12 in Utrecht, telefoon 06-12345678.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_scan_offline(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        SAMPLES / "feeds" / "ouderapp.txt",  # teacher notes: the full analyzer and Deduce
        SAMPLES / "feeds" / "cloudsuite.csv",  # e-mail addresses
        _free_text_export(tmp_path),
    ]
    assert main(["scan", "--quiet", "--format", "json", *map(str, files)]) == 0
    assert '"EMAIL_ADDRESS"' in capsys.readouterr().out


@pytest.fixture(scope="module")
def small_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data folder, small enough for every command to run in seconds."""
    data = tmp_path_factory.mktemp("offline") / "data"
    generate(data, pupils=SMALL_SAMPLE_PUPILS)
    return data


@pytest.mark.slow
@pytest.mark.parametrize("command", data_commands())
def test_data_commands_offline(
    command: str,
    small_sample: Path,
    no_network: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    register = small_sample / "register.yaml"
    suites = tmp_path / "suites"
    argv = data_command_argv(command, register, tmp_path / "out", suites)
    if "--suites" in argv:
        assert (
            main(["expectations", "build", "--register", str(register), "--out", str(suites)]) == 0
        )
    code = main(argv)
    err = capsys.readouterr().err
    # validate's 1 is a verdict (the sample's planted violations), not a failure.
    assert code in ((0, 1) if command == "validate" else (0,)), err
    assert any((tmp_path / "out").iterdir())


_SITECUSTOMIZE = '''
"""Loaded by every Python process of the test (PYTHONPATH): refuse the network, log attempts."""
import os
import sys

_LOG = os.environ["DPIA_TEST_NETWORK_LOG"]
_LOCAL = ("localhost", "127.", "::1", "0.0.0.0")  # a notebook kernel talks to its client here


def _record(line):
    with open(_LOG, "a", encoding="utf-8") as stream:
        stream.write(f"{os.getpid()} {line}\\n")


def _local(host):
    if host is None or isinstance(host, (bytes, bytearray)):
        return True
    return str(host) == "" or str(host).startswith(_LOCAL)


def _hook(event, args):
    if event in ("socket.connect", "socket.sendto"):
        address = args[1]
        if isinstance(address, tuple) and address and not _local(address[0]):
            _record(f"{event} {address!r}")
            raise AssertionError(f"network access attempted: {event} {address!r}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        if not _local(args[0]):
            _record(f"{event} {args[0]!r}")
            raise AssertionError(f"network access attempted: {event} {args[0]!r}")
    elif event == "urllib.Request":
        url = str(args[0])
        if not url.startswith(("file:", "data:")):
            _record(f"{event} {url}")
            raise AssertionError(f"network access attempted: {event} {url}")


sys.addaudithook(_hook)
_record("guarded " + " ".join(sys.argv[:2]))
'''


def _guarded_run(argv: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """``python ARGV`` with the guard in every Python process it starts; the log it leaves."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent(_SITECUSTOMIZE), encoding="utf-8")
    log = tmp_path / "network.log"
    log.touch()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])),
        "DPIA_TEST_NETWORK_LOG": str(log),
    }
    done = subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    return done, log.read_text(encoding="utf-8")


def test_audit_guard_works(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import socket
        try:
            socket.create_connection(("example.org", 80), timeout=1)
        except AssertionError:
            pass
        """
    )
    done, log = _guarded_run(["-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "socket.getaddrinfo 'example.org'" in log


@pytest.mark.slow
@pytest.mark.skipif("run" not in data_commands(), reason="no `dpia run` in this version")
def test_run_with_notebooks_offline_under_audit_hook(small_sample: Path, tmp_path: Path) -> None:
    """The whole job, notebooks executed in their kernels, with every process guarded."""
    out = tmp_path / "out"
    argv = ["-m", "dpia", "run", "--data", str(small_sample), "--out", str(out), "--quiet"]
    done, log = _guarded_run(argv, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = log.splitlines()
    assert [line for line in lines if " guarded " not in line] == []
    notebooks = sorted(out.glob("notebooks/*.ipynb"))
    if notebooks:
        # One guarded process per kernel besides the command itself: the hook reached them.
        assert len({line.split()[0] for line in lines}) > 1, log
