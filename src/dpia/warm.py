"""Build, once per environment, what is slow to build: Deduce's lookup structures.

``make`` runs ``python -m dpia.warm`` right after installing, so that no user command (and no test)
pays the ~150 s first build; later processes load the cached structures in about ten seconds.
"""

from __future__ import annotations

import os
import sys
import time

from dpia.detect import warm


def main() -> None:
    started = time.perf_counter()
    warm()
    print(f"dpia.warm: Deduce lookup structures ready in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
    # As ``dpia`` does: freeing the lookup structures at exit would take another 10 s or more.
    sys.stdout.flush()
    os._exit(0)
