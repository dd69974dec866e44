"""``govcheck diff OLD NEW``: the command's work, kept out of ``govcheck.cli`` so that
``govcheck check`` never imports it."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govcheck.diff.amendment import Amendment, compare
from govcheck.diff.sources import read
from govcheck.errors import ConfigError

# format -> module with render(Amendment) -> str
FORMATS = {
    "text": "text_report",
    "json": "json_report",
    "markdown": "markdown_report",
    "html": "html_report",
}


def run(
    old: str,
    new: str,
    cli: Mapping[str, Any],
    *,
    config_file: str | os.PathLike[str] | None = None,
    no_plugins: bool = False,
) -> Amendment:
    """Read both sides, check them with the configuration of the new side (of the old side
    when only it is a file; else of the working directory), and compare them."""
    from govcheck.config import Finder, resolve
    from govcheck.runner import Group, Registries, engine_for

    finder = Finder(Path(config_file) if config_file is not None else None)
    anchor = next((Path(s) for s in (new, old) if os.path.isfile(s)), None)
    found = finder.for_path(anchor) if anchor is not None else finder.for_dir(Path.cwd())
    effective = resolve(found, cli, anchor)
    engine = engine_for(Group(effective, []), Registries(no_plugins, config_file))
    limit = engine.settings.limits.max_bytes
    before, after = read(old, limit), read(new, limit)
    return compare(engine, before, after, exit_zero=bool(effective.values["exit-zero"]))


def render(amendment: Amendment, format: str) -> str:
    if format not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    module = importlib.import_module(f"govcheck.diff.{FORMATS[format]}")
    text: str = module.render(amendment)
    return text
