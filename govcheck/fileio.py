"""Writing reports: regular files replaced whole or not at all, anything else written through.

:func:`write_output` is what ``--output``, ``--format NAME:FILE`` and baselines use:

- ``-`` and ``/dev/stdout`` are standard output (never a file named ``-``, never a
  replacement of ``/dev/stdout``);
- a regular file, or a symlink to one, is replaced atomically (:func:`write_atomic`; the
  symlink stays a symlink and its target is replaced);
- a character device (``/dev/null``, a terminal), or a FIFO that has a reader, is written
  through, never replaced, even as root; a FIFO without a reader, a socket or a directory
  is refused with an :class:`OSError` the caller turns into one line and exit 2. A full
  device (``/dev/full``) is an ``OSError`` (ENOSPC) likewise.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator
    from typing import IO

STDOUT_NAMES = frozenset({"-", "/dev/stdout"})


def read_small(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of a configuration or baseline file of at most ``limit`` bytes.

    Only a regular file is read: a FIFO would block and ``/dev/zero`` never ends, so they
    (and anything over ``limit``) are a ConfigError (exit 2, one line) instead.
    """
    from govcheck.errors import ConfigError

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ConfigError(f"{what} {os.fspath(path)}: cannot read: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # checked before fdopen, which refuses a directory
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a FIFO, device or socket"
        raise ConfigError(f"{what} {os.fspath(path)}: not a regular file ({kind})")
    with os.fdopen(fd, "rb") as fh:
        if info.st_size > limit:
            raise ConfigError(f"{what} {os.fspath(path)}: larger than the {limit:,}-byte limit")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ConfigError(f"{what} {os.fspath(path)}: larger than the {limit:,}-byte limit")
    return data


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """True when ``path`` means standard output (``-`` or ``/dev/stdout``)."""
    return path is not None and os.fspath(path) in STDOUT_NAMES


class SpoolError(Exception):
    """A spooled report could not be kept in a temporary file (no room, no usable folder)."""


class Spool:
    """Report text made in pieces (:attr:`Reporter.chunks <govcheck.reporters.base.Reporter>`),
    held as UTF-8 in memory up to ``LIMIT`` bytes (1 MiB) and beyond that in an unnamed temporary
    file: a 100 MB JSON report of 10,000 documents is never one string, nor its encoding, in
    memory. The whole text is made before anything is written, as a string is."""

    LIMIT = 1024 * 1024

    def __init__(self, chunks: Iterable[str]) -> None:
        self._parts: list[bytes] = []
        self._size = 0
        self._file: IO[bytes] | None = None
        for chunk in chunks:
            data = _encode(chunk)
            if self._file is None:
                if self._size + len(data) <= self.LIMIT:
                    self._parts.append(data)
                    self._size += len(data)
                    continue
                held, self._parts = self._parts, []
                for part in held:  # piece by piece: joined, the text would be held twice
                    self._write(part)
            self._write(data)
        if self._file is not None:
            self._write(b"", flush=True)  # a full disk is found here, before anything is written

    def _write(self, data: bytes, flush: bool = False) -> None:
        try:
            if self._file is None:
                self._file = _unnamed_file()
            self._file.write(data)
            if flush:
                self._file.flush()
        except OSError as exc:  # no room, or no usable folder: not the reporter's fault
            raise SpoolError(f"cannot keep it in a temporary file: {exc.strerror or exc}") from None

    def blocks(self) -> Iterator[bytes]:
        """The text's UTF-8 bytes, in order, 64 KiB or a chunk at a time."""
        if self._file is None:
            yield from self._parts
            return
        self._file.seek(0)
        while block := self._file.read(64 * 1024):
            yield block


def _unnamed_file() -> IO[bytes]:
    """A temporary file with no name (Linux ``O_TMPFILE``: nothing to clean up, and no
    ``tempfile`` import, ~1.2 MB of modules); elsewhere ``tempfile.TemporaryFile``."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            fd = os.open(os.environ.get("TMPDIR") or "/tmp", flag | os.O_RDWR, 0o600)
        except OSError:
            pass  # a file system without O_TMPFILE, or TMPDIR not a folder: the portable way
        else:
            return os.fdopen(fd, "w+b")
    import tempfile

    return tempfile.TemporaryFile()


def _blocks(text: str | Spool) -> Iterable[bytes]:
    return text.blocks() if isinstance(text, Spool) else (_encode(text),)


def write_output(path: str | os.PathLike[str], text: str | Spool) -> None:
    """Write a report to ``path`` as described in the module docstring."""
    name = os.fspath(path)
    if name in STDOUT_NAMES:
        write_stdout(text)
        return
    try:
        info = os.stat(name)  # follows symlinks: what would be written is what counts
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(name, text, fifo=stat.S_ISFIFO(info.st_mode))
        return
    write_atomic(os.path.realpath(name), text)


def write_stdout(text: str | Spool) -> None:
    """Write ``text`` to standard output as UTF-8, unbuffered, so a failure (a full device, a
    closed pipe) is an ``OSError`` here and nothing is left to fail again at exit."""
    sys.stdout.flush()
    _write_fd(sys.stdout.fileno(), text)


def _encode(text: str) -> bytes:
    # A lone surrogate (an undecodable file name that escaped escaping) must not make the
    # output invalid UTF-8: it is written as its escape, \udcff.
    return text.encode("utf-8", "backslashreplace")


def _write_fd(fd: int, text: str | Spool) -> None:
    for data in _blocks(text):
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]


def _write_through(name: str, text: str | Spool, *, fifo: bool) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if fifo:  # without a reader, open would block for ever: refuse instead
        flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a FIFO with no reader, or a socket: not written") from None
        raise
    try:
        if fifo:
            os.set_blocking(fd, True)
        _write_fd(fd, text)
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], text: str | Spool) -> None:
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
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(_blocks(text))
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
