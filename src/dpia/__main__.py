"""``python -m dpia`` is the ``dpia`` command."""

from dpia.cli import run

run()
