"""Entry point for ``govcheck`` and ``python -m govcheck``."""

from __future__ import annotations

import sys


def main() -> None:
    # A version probe (pre-commit, CI logs) needs no command-line framework at all.
    if sys.argv[1:] == ["--version"]:
        from govcheck import __version__

        print(f"govcheck {__version__}")
        return
    import gc

    # Importing allocates many objects and frees few: the collector's passes over them
    # find nothing (~5 ms), so it is paused while the command line is imported. Those
    # objects then live until exit: frozen, its later passes (and the one at exit) skip them.
    # Setting up a run (plugins, rule packs) is alike, and documents are checked with the
    # collector paused anyway: a pass every 20,000 allocations, not every 700, is plenty.
    gc.disable()
    from govcheck.cli import run

    gc.freeze()
    gc.set_threshold(20_000, 10, 10)
    gc.enable()
    run()


if __name__ == "__main__":
    main()
