"""``govcheck lsp``: a language server for constitutions (needs the ``lsp`` extra: pygls).

:mod:`govcheck.lsp.session` checks documents and :mod:`govcheck.lsp.index` finds what is
where (both plain Python); :mod:`govcheck.lsp.server` speaks the protocol and is the only
module that imports pygls. See docs/editors.md.
"""

from __future__ import annotations


def missing_dependency() -> str:
    """The name of the language-server dependency that cannot be imported, or ''."""
    import importlib

    for module in ("lsprotocol", "pygls"):
        try:
            importlib.import_module(module)
        except ImportError:
            return module
    return ""
