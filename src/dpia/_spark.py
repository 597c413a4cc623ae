"""Apache Spark for ``--engine spark``: the session every stage computes in, or why there is none.

``pyspark`` is an extra (``pip install 'dpia-workbench[spark]'``) and needs a Java runtime (Debian's
``openjdk-17-jre-headless``); either missing is one ``EngineError`` line, raised only when a user
asks for the Spark engine. Importing this module imports no Spark.

``spark_session`` reuses the session a ``spark-submit`` driver already runs; otherwise it builds
one on ``master`` (default ``local[*]``). The settings are the ones our results depend on, so they
are set on a reused session too: Windows-1252 and the other code pages our loader reads need
Spark's legacy Java charsets, and timestamps are read and written in UTC.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import warnings
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
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        session = active
    else:
        builder = SparkSession.builder.master(master or DEFAULT_MASTER).appName("dpia")
        settings = dict(_REQUIRED)
        if (master or DEFAULT_MASTER).startswith("local"):
            settings.update(_LOCAL)
            # Local Python workers run this interpreter, which has dpia installed (pyspark reads
            # the variable, not the setting); a cluster's executors use the Python their own
            # configuration names.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        else:
            settings["spark.ui.showConsoleProgress"] = "false"
        for key, value in settings.items():
            builder = builder.config(key, value)
        try:
            session = builder.getOrCreate()
        except Exception as exc:  # py4j and Java errors have no common class
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineError(f"Spark session on {master or DEFAULT_MASTER}: {first}") from None
    for key, value in _REQUIRED.items():
        session.conf.set(key, value)
    # pyspark 4 warns on every pandas conversion that it was not tested with pandas 3; the
    # conversions we use work (the Spark tests compare every result with the pandas engine).
    warnings.filterwarnings(
        "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
