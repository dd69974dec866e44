"""Entry point for ``govcheck`` and ``python -m govcheck``."""

from __future__ import annotations

import sys
from types import ModuleType


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
    if sys.argv[1:2] == ["check"]:  # the common case: read without typer when it can be
        from govcheck import check_command

        given = check_command.quick(sys.argv[2:])
        if given is not None:
            check_command.import_engine()  # with the collector paused, as the CLI's imports are
            _collector_after_imports(gc)
            check_command.run_given(given)
            return
    from govcheck.cli import run

    _collector_after_imports(gc)
    run()


def _collector_after_imports(gc: ModuleType) -> None:
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)
    gc.enable()


if __name__ == "__main__":
    main()
