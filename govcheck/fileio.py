"""Atomic file writes: a failed or interrupted run never leaves a half-written file."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a mix. The new file keeps the mode of the
    one it replaces (a new file gets the usual mode under the umask, not mkstemp's 0600).
    After a SIGKILL or power loss mid-write a hidden ``.NAME.*.tmp`` file may remain beside
    ``path``; ``path`` itself is intact.
    """
    import tempfile  # imports random; only runs that write a file need it

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
