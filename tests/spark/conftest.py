"""One Spark session on ``local[2]`` for every Spark test (a session takes seconds to start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark() -> SparkSession:
    from dpia._spark import spark_session

    return spark_session("local[2]")
