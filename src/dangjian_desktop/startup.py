"""The two programs' entry points (``dangjian`` and ``dangjian-desktop``): they keep Python's cyclic
garbage collector out of start-up and shut-down.

Importing SQLAlchemy, reportlab, Qt and the models creates a few hundred thousand long-lived objects and
no garbage; each automatic collection during the imports walks all of them again, and the last collection
at exit walks them once more. So the imports run with the collector paused, what they made is frozen
(never walked again), the collector comes back for the real work, and at exit everything is frozen
again. A ``dangjian book`` process took 0.58 s before and 0.44 s after (bench/bench_activity_book.py).
Reference counting still frees everything as usual; only the walks are skipped.

The program's modules are imported by name so that the command line's frozen build, which follows
imports, does not take in the window program.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Imports inside the block run without automatic collections; afterwards their objects are frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def launch(module_name: str) -> int:
    """Import the module with the collector paused and run its ``main()``."""
    with collector_paused():
        module = importlib.import_module(module_name)
    try:
        return int(module.main())
    finally:
        gc.freeze()  # the final collection at exit would only walk objects that are about to go anyway


def cli() -> int:
    """``dangjian``: the command line."""
    return launch("dangjian_desktop.cli")


def gui() -> int:
    """``dangjian-desktop``: the window program."""
    return launch("dangjian_desktop.app")
