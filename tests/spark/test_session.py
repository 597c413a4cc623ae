"""The Spark session: one-line errors when pyspark or Java is missing; quiet, tidy and offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dpia._spark import EngineError, check_spark

SESSION_TIMEOUT = 300


def test_missing_pyspark_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    with pytest.raises(EngineError, match=r"needs pyspark: pip install") as raised:
        check_spark()
    assert "\n" not in str(raised.value)


def test_java_home_without_java_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(EngineError, match=r"needs Java 17: apt-get install openjdk-17") as raised:
        check_spark()
    assert "\n" not in str(raised.value)


def test_no_java_on_path_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineError, match=r"needs Java 17"):
        check_spark()


# A session that reads a CSV (Spark's parser, a failing task), a Parquet file (Python workers)
# and writes a table: what reaches the terminal and the working folder.
_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.parquet as pq

    from dpia._spark import spark_session
    from dpia.load import ExportError, read_spark

    data = Path(sys.argv[1])
    session = spark_session("local[1]")
    (data / "a.csv").write_bytes(b'a;b\\n1;"x\\ny"\\n   \\n3;4\\n')
    try:
        read_spark(data / "a.csv", session)
    except ExportError as exc:
        print(exc.reason)
    pq.write_table(pa.table({"n": [1.5, 2.0]}), data / "b.parquet")
    print(read_spark(data / "b.parquet", session).frame.toPandas()["n"].tolist())
    session.range(3).write.saveAsTable("t")
    print(session.conf.get("spark.sql.warehouse.dir"))
    """
)


def _run_session(cwd: Path, data: Path, prefix: list[str]) -> subprocess.CompletedProcess[str]:
    source = Path(__file__).resolve().parents[2] / "src"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [*prefix, sys.executable, "-c", _SCRIPT, str(data)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=SESSION_TIMEOUT,
        check=False,
    )


def _assert_quiet_and_tidy(result: subprocess.CompletedProcess[str], cwd: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    reason, cells, warehouse = result.stdout.splitlines()
    assert reason == "engine_differs"
    assert cells == "['1.5', '2']"  # the loader's float text, not Spark's "2.0"
    assert list(cwd.iterdir()) == []  # no spark-warehouse, metastore_db nor derby.log here
    assert not Path(warehouse.removeprefix("file:")).exists()  # removed at exit


@pytest.mark.slow
def test_session_is_quiet_and_leaves_nothing_behind(tmp_path: Path) -> None:
    cwd, data = tmp_path / "cwd", tmp_path / "data"
    cwd.mkdir()
    data.mkdir()
    _assert_quiet_and_tidy(_run_session(cwd, data, []), cwd)


@pytest.mark.slow
def test_session_runs_without_a_network(tmp_path: Path) -> None:
    """In a network namespace with only the loopback interface: Spark fetches nothing."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if os.geteuid() != 0 or unshare is None or ip is None:
        pytest.skip("a network namespace needs root, unshare and ip")
    probe = subprocess.run(
        [unshare, "--net", ip, "link", "set", "lo", "up"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"no network namespace here: {probe.stderr.decode().strip()}")
    cwd, data = tmp_path / "cwd", tmp_path / "data"
    cwd.mkdir()
    data.mkdir()
    # The child execs into the session with the namespace's only link, loopback, up.
    prefix = [unshare, "--net", "sh", "-c", f'{ip} link set lo up && exec "$@"', "sh"]
    _assert_quiet_and_tidy(_run_session(cwd, data, prefix), cwd)
