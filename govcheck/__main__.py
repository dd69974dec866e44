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

    from govcheck.cli import run

    # The command-line framework's objects live until exit: move them out of the cyclic
    # collector's reach, so that its later passes (and the one at exit) skip them (~10 ms).
    gc.freeze()
    run()


if __name__ == "__main__":
    main()
