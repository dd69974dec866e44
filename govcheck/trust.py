"""Which configuration files may name plugins: a plugin is code, a configuration file is not.

A configuration file found by searching upward from a document can come with the document
(a draft unpacked from an email, a folder from a portal, a pull request). Its ``plugins``
are imported only when the user trusts the file:

- it was named with ``--config`` (the user chose that file), or
- it is listed in the ``GOVCHECK_TRUST`` environment variable: configuration files or
  directories (every configuration file under a listed directory), separated by
  ``os.pathsep``; for example ``GOVCHECK_TRUST=$PWD`` in a CI job that checks its own
  repository.

Otherwise a configuration that names plugins is an error (exit 2) saying how to trust it;
nothing is imported. Its other options, and its ``rule-packs`` (data, not code), apply as
before. ``--no-plugins`` turns off every plugin the user did not name on this command line:
installed (entry-point) plugins and the configuration's ``plugins``; ``--plugin FILE`` still
loads FILE (``--no-plugins --plugin FILE``: only FILE). See docs/security.md for how this compares with ruff,
pre-commit and mypy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from govcheck.errors import ConfigError

ENV = "GOVCHECK_TRUST"


def _real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


def trusted(config: str | os.PathLike[str], explicit: str | os.PathLike[str] | None = None) -> bool:
    """True when the configuration file ``config`` may name plugins."""
    target = _real(config)
    if explicit is not None and _real(explicit) == target:
        return True
    for entry in os.environ.get(ENV, "").split(os.pathsep):
        if not entry.strip():
            continue
        listed = _real(entry.strip())
        if target == listed or listed in target.parents:
            return True
    return False


def plugins_to_load(
    plugins: list[str],
    sources: Mapping[str, str],
    config: str | os.PathLike[str] | None,
    *,
    explicit: str | os.PathLike[str] | None = None,
    no_plugins: bool = False,
) -> list[str]:
    """The local plugins to import: the command line's (``--plugin``) always; a configuration
    file's only when :func:`trusted` (else a ConfigError saying how), and never under
    ``--no-plugins``."""
    from govcheck.config import COMMAND_LINE

    configured = [p for p in plugins if sources.get(p, COMMAND_LINE) != COMMAND_LINE]
    if no_plugins:
        return [p for p in plugins if p not in configured]
    if configured and config is not None and not trusted(config, explicit):
        from govcheck.textsafe import shown

        names = ", ".join(shown(p) for p in configured)
        raise ConfigError(
            f"{shown(str(config))} names plugins ({names}), which are code; it was found by "
            f"searching upward, so they are not imported. If you trust it, pass --config "
            f"{shown(str(config))} or list it in {ENV} (docs/security.md); or use --no-plugins"
        )
    return plugins
