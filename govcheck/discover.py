"""Which YAML files are constitutions: those with a top-level ``govcheck:`` key.

A directory of governance papers also holds ``mkdocs.yml``, CI workflows and other YAML. In
a directory walk (and, with ``--skip-other-yaml``, for files named explicitly, as the
pre-commit hook does) a YAML file with no top-level ``govcheck:`` key is skipped with a note,
not reported as six format errors. A file named explicitly is otherwise always checked: then
a missing ``govcheck:`` key is a finding.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

# A top-level govcheck key: at the start of a line (block style), or first in a flow mapping.
_KEY = re.compile(rb"""(?m)^(?:\{\s*)?["']?govcheck["']?[ \t]*:""")
SCAN_BYTES = 1024 * 1024  # a file larger than this without the key in its first MiB is checked anyway
FIRST_BYTES = 64 * 1024
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_constitution(path: str | os.PathLike[str]) -> bool:
    """False only for a readable YAML file that plainly has no top-level ``govcheck:`` key.

    Anything doubtful (unreadable, not UTF-8 or UTF-16, larger than the scan) counts as a
    constitution, so it is checked and its problems reported, never silently skipped.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # a FIFO or device would block: the engine refuses it with a finding
        with open(path, "rb") as fh:
            head = fh.read(FIRST_BYTES)  # the key is nearly always near the top: usually one read
            if head.startswith(b"govcheck:") or (_KEY.search(head) and not head.startswith(_UTF16)):
                return True
            head += fh.read(SCAN_BYTES + 1 - len(head))
    except OSError:
        return True
    if len(head) > SCAN_BYTES:
        return True
    if head.startswith(_UTF16):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return True
    if b"\x00" in head:
        return True  # binary or mis-encoded: let the loader say what is wrong
    return _KEY.search(head) is not None
