"""Great Expectations, imported late, quietly and offline, with our expectations registered.

Importing GX takes seconds, so ``import dpia.minimise`` never does: only the functions that load
suites or validate call ``gx_loaded()``. Usage statistics: ``GX_ANALYTICS_ENABLED`` is set to
``false`` before the import, and every context gets ``enable_analytics(False)``; GX 1.24 ships no
telemetry client at all (its ``analytics_enabled`` setting is all that is left), so both are belts
and braces for later releases. Progress bars are off: they would write to the terminal.

A feed is validated as one whole-DataFrame batch: a pandas DataFrame in a pandas datasource, a
Spark DataFrame (``--engine spark``) in a Spark datasource, each in a context of its own, so both
are datasource ``dpia``, asset ``feed`` in the results.
"""

from __future__ import annotations

import functools
import os
import warnings
from types import ModuleType
from typing import Any


@functools.cache
def gx_loaded() -> ModuleType:
    """The ``great_expectations`` module, with every dpia expectation registered (by the public
    ``import dpia.minimise.expectations``, as a GX user registers them)."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    # GX 1.24 imports the deprecated ``sre_constants``: not ours to fix, and fatal where warnings
    # are errors (our test suite).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        # Where pyspark is installed GX imports it, and pyspark warns that pandas 3 is new to it
        # (on stderr: in a notebook, under the cell). What we use works: tests/spark compares.
        warnings.filterwarnings(
            "ignore", "PySpark does not yet fully support pandas", FutureWarning
        )
        import great_expectations

        import dpia.minimise.expectations  # noqa: F401  (registers them)
    return great_expectations


def _context() -> Any:
    """An ephemeral context (nothing on disk), quiet."""
    context = gx_loaded().get_context(mode="ephemeral")
    context.enable_analytics(False)
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    return context


@functools.cache
def feed_batch_definition() -> Any:
    """A whole-DataFrame batch definition of a pandas datasource, process-wide."""
    asset = _context().data_sources.add_pandas("dpia").add_dataframe_asset("feed")
    return asset.add_batch_definition_whole_dataframe("feed")


@functools.cache
def spark_batch_definition() -> Any:
    """A whole-DataFrame batch definition of a Spark datasource, process-wide. GX persists
    (caches) the DataFrame of a batch: the metrics read a feed several times."""
    asset = _context().data_sources.add_spark("dpia").add_dataframe_asset("feed")
    return asset.add_batch_definition_whole_dataframe("feed")
