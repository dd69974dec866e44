"""Entry point for ``govcheck`` and ``python -m govcheck``."""

from __future__ import annotations

import sys


def main() -> None:
    # A version probe (pre-commit, CI logs) needs no command-line framework at all.
    if sys.argv[1:] == ["--version"]:
        from govcheck import __version__

        print(f"govcheck {__version__}")
        return
    from govcheck.cli import run

    run()


if __name__ == "__main__":
    main()
