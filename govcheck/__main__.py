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
    gc.disable()
    from govcheck.cli import run

    gc.freeze()
    gc.enable()
    run()


if __name__ == "__main__":
    main()
