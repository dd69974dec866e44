"""The audit log: one JSON line per decision, size-capped and rotated.

Each ``POST /v1/check`` (and upload-page check) appends what a later reader needs to show
what was decided, when, and on which rules: the decision id, time, client address, the
document's SHA-256 and size, the choices made, the outcome and counts, the findings by rule,
and the tool, rules and law versions. The document's text is left out unless the server was
started with ``--audit-documents``. When the file reaches ``max_bytes`` it is renamed
``FILE.1`` (older ones shift up to ``FILE.<keep>``, the oldest is deleted), so the log never
holds more than ``(keep + 1) * max_bytes`` on disk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import logging.handlers
from typing import Any


class AuditLog:
    def __init__(self, path: str | None, max_bytes: int, keep: int, documents: bool) -> None:
        self.path = path
        self.documents = documents
        self._logger: logging.Logger | None = None
        if path:
            handler = _Handler(path, maxBytes=max_bytes, backupCount=keep, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(message)s"))
            logger = logging.getLogger(f"govcheck.audit.{id(self)}")
            logger.propagate = False
            logger.setLevel(logging.INFO)
            logger.addHandler(handler)
            self._logger = logger

    @property
    def keeps_text(self) -> bool:
        return self._logger is not None and self.documents

    def write(self, entry: dict[str, Any], document: bytes | None = None) -> None:
        if self._logger is None:
            return
        if self.documents and document is not None:
            entry = {**entry, "document": document.decode("utf-8", errors="replace")}
        self._logger.info(json.dumps(entry, sort_keys=True, ensure_ascii=False))

    def close(self) -> None:
        if self._logger is not None:
            for handler in list(self._logger.handlers):
                with contextlib.suppress(OSError):  # the last flush failed already, and said so
                    handler.close()
                self._logger.removeHandler(handler)


class _Handler(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        """A write that fails (a full disk) is one line on standard error, not a traceback;
        the request is still answered."""
        import sys

        exc = sys.exc_info()[1]
        sys.stderr.write(f"govcheck serve: cannot write the audit log {self.baseFilename}: {exc}\n")
