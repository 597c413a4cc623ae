"""Apache Spark for ``--engine spark``: the session every stage computes in, or why there is none.

``pyspark`` is an extra (``pip install 'dpia-workbench[spark]'``) and needs a Java runtime (Debian's
``openjdk-17-jre-headless``); either missing is one ``EngineError`` line, raised only when a user
asks for the Spark engine. Importing this module imports no Spark.

``spark_session`` reuses the session a ``spark-submit`` driver already runs; otherwise it builds
one on ``master`` (default ``local[*]``). The settings are the ones our results depend on, so they
are set on a reused session too: Windows-1252 and the other code pages our loader reads need
Spark's legacy Java charsets, timestamps are read and written in UTC, and column names are
case-sensitive (the loader's ``Naam`` and ``naam`` are two columns).

A session we build is quiet and leaves nothing behind: Spark's Java logging follows the
``log4j2.properties`` shipped in this package (nothing on the terminal), the Java process's own
console (the JVM's notices, Python workers' stderr) goes to ``spark.log`` in a temporary folder
of the session's, which also holds the SQL warehouse (never ``./spark-warehouse``) and, on a
local master, Spark's scratch space; the folder is removed when Python exits. On a local master
the Python workers run this interpreter (``PYSPARK_PYTHON``, unless set), with its packages. No Hive metastore is used (no
``metastore_db`` nor ``derby.log``), and the session fetches nothing: no packages, no Ivy.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dpia.errors import DpiaError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINES = ("pandas", "spark")
DEFAULT_ENGINE = "pandas"
DEFAULT_MASTER = "local[*]"

# Settings our figures depend on: set on every session, a reused one too.
_REQUIRED = {
    "spark.sql.legacy.javaCharsets": "true",
    "spark.sql.session.timeZone": "UTC",
    # Column names are the loader's, which tells "Naam" from "naam": so must Spark.
    "spark.sql.caseSensitive": "true",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.pyspark.fallback.enabled": "false",
}
# Settings for a session we build ourselves: no web UI (no port opened), few shuffle partitions
# on one machine, and the driver bound to the loopback address on a local master.
_LOCAL = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "8",
}
# Spark's console log level once a session we built runs (the log4j file sets it at start-up).
_LOG_LEVEL = "OFF"


class EngineError(DpiaError):
    """The engine asked for cannot run here (``pyspark`` or Java missing, no session)."""

    reason = "engine_unavailable"


def check_spark() -> None:
    """Raise ``EngineError`` (one line, what to install) unless pyspark and Java are present."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise EngineError(
            "--engine spark needs pyspark: pip install 'dpia-workbench[spark]'"
        ) from None
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise EngineError(
            "--engine spark needs Java 17: apt-get install openjdk-17-jre-headless, or set JAVA_HOME"
        )


@functools.cache
def spark_session(master: str | None = None) -> SparkSession:
    """The active session (``spark-submit``), else a new one on ``master`` (``local[*]``)."""
    check_spark()
    # pyspark 4.x warns on every pandas conversion that pandas 3 is new to it; what we use works
    # (the Spark tests compare every result with the pandas engine's), and a user can do nothing.
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        session = active
    elif master is None and "PYSPARK_GATEWAY_PORT" in os.environ:
        # Started by spark-submit: its master and settings decide.
        session = SparkSession.builder.appName("dpia").getOrCreate()
    else:
        builder = SparkSession.builder.master(master or DEFAULT_MASTER).appName("dpia")
        settings = dict(_REQUIRED)
        local = (master or DEFAULT_MASTER).startswith("local")
        if local:
            settings.update(_LOCAL)
            # Workers on this machine run this Python (its packages), not the first python3 on
            # PATH: PySpark reads PYSPARK_PYTHON when the session starts.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        else:
            settings["spark.ui.showConsoleProgress"] = "false"
        folder = Path(tempfile.mkdtemp(prefix="dpia-spark-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        settings.update(_quiet_and_tidy(folder, local=local))
        for key, value in settings.items():
            builder = builder.config(key, value)
        try:
            with _stderr_to(folder / "spark.log"):
                session = builder.getOrCreate()
        except Exception as exc:  # py4j and Java errors have no common class
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineError(f"Spark session on {master or DEFAULT_MASTER}: {first}") from None
        session.sparkContext.setLogLevel(_LOG_LEVEL)
    for key, value in _REQUIRED.items():
        session.conf.set(key, value)
    return session


def _quiet_and_tidy(folder: Path, *, local: bool) -> dict[str, str]:
    """Settings for a session we build: our log4j file, and the files Spark writes in ``folder``.

    On a cluster only the driver's: the executors' machines have neither path.
    """
    log4j = resources.files("dpia").joinpath("log4j2.properties")
    option = f"-Dlog4j2.configurationFile={Path(str(log4j)).as_uri()}"
    settings = {
        "spark.driver.extraJavaOptions": option,
        "spark.sql.warehouse.dir": (folder / "warehouse").as_uri(),
        "spark.sql.catalogImplementation": "in-memory",
    }
    if local:
        settings["spark.local.dir"] = str(folder / "scratch")
    return settings


@contextlib.contextmanager
def _stderr_to(log: Path) -> Iterator[None]:
    """Standard error, at the file-descriptor level, into ``log`` while the Java process starts.

    The Java process inherits it and keeps it: its own notices ("Using incubator modules") and
    its Python workers' stderr land in the log, not on the user's terminal.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with log.open("ab") as target:
            os.dup2(target.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
