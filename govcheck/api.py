"""The Python API: check a file or a text and get a Report."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from govcheck.report import Report


def _engine(
    settings: Settings | None, plugins: Sequence[str], entry_points: bool, rule_packs: Sequence[str | os.PathLike[str]] = ()
) -> Engine:
    from govcheck.options import check_settings

    checked = check_settings(settings) if settings is not None else Settings()  # as configuration is checked
    registry = load_registry(plugins, rule_packs=[os.fspath(p) for p in rule_packs], entry_points=entry_points)
    return Engine(registry, checked)


def check_file(
    path: str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    plugins: Sequence[str] = (),
    entry_points: bool = True,
    rule_packs: Sequence[str | os.PathLike[str]] = (),
) -> Report:
    """Check one constitution file (or every constitution in a directory).

    Raises :class:`govcheck.errors.DocumentNotFound` (a ``FileNotFoundError``) when ``path``
    does not exist, as the command line exits 2; a file that exists but cannot be read or
    loaded is a finding in the report. In a directory, YAML files with no top-level
    ``govcheck:`` key (``mkdocs.yml``, CI workflows) are not constitutions: they are not
    checked, and ``Report.skipped`` lists them (the command line prints them as a note).
    Entries a directory walk could not check (a symbolic link to nothing or leading outside
    the directory, a link to a folder, a folder that cannot be read) are in ``Report.unread``
    with the reason (the command line warns of each).
    """
    if not os.path.lexists(path):
        from govcheck.errors import DocumentNotFound

        raise DocumentNotFound(f"no such file or directory: {os.fspath(path)}")
    return _engine(settings, plugins, entry_points, rule_packs).run([path])


def check_text(
    text: str,
    name: str = "<text>",
    *,
    settings: Settings | None = None,
    plugins: Sequence[str] = (),
    entry_points: bool = True,
    rule_packs: Sequence[str | os.PathLike[str]] = (),
) -> Report:
    """Check a constitution given as YAML text."""
    engine = _engine(settings, plugins, entry_points, rule_packs)
    return engine.report([engine.check_text(text, name)])


def settings(**values: Any) -> Settings:
    """Build :class:`Settings`, checked as the configuration file and the command line check
    the same options (docs/configuration.md names each option's field); a convenience for
    ``check_file(..., settings=...)``. A bad value raises :class:`govcheck.errors.ConfigError`."""
    from govcheck.options import check_settings

    return check_settings(Settings(**values))
