"""Run the toolkit's command line the way Windows runs it: multiprocessing has only the spawn
start method and ``os`` has no ``fork``. Used by the tests as ``python tests/windows_like.py ARGS``.

This top level runs again in every spawned worker (it is imported there as ``__mp_main__``),
so the workers have no fork either.
"""

import multiprocessing
import os

multiprocessing.set_start_method("spawn", force=True)
if hasattr(os, "fork"):
    del os.fork

if __name__ == "__main__":
    from toolkit.cli import main

    main()
