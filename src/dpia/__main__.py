"""``python -m dpia`` is the ``dpia`` command."""

import sys

from dpia.cli import main

sys.exit(main())
