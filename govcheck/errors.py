"""Errors that stop a run with exit code 2 (usage, configuration, plugin or rule errors).

Problems in a checked document are never raised: they are findings.
"""


class GovcheckError(Exception):
    """Base class: the message is shown to the user as is, without a traceback."""


class ConfigError(GovcheckError):
    """Bad configuration, rule pack or command-line usage."""


class PluginError(GovcheckError):
    """A plugin failed to load or registered something invalid."""


class DocumentNotFound(GovcheckError, FileNotFoundError):
    """``check_file`` was given a path that does not exist (the command line exits 2)."""
