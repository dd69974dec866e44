"""``govcheck diff``: what an amendment does to a constitution and to its compliance.

- :mod:`~govcheck.diff.sources` reads each side, from a file or from a git revision;
- :mod:`~govcheck.diff.entities` finds the governance entities in the typed model;
- :mod:`~govcheck.diff.changes` compares them (ids are identity; renames are found);
- :mod:`~govcheck.diff.compliance` matches the two sides' findings by structural fingerprint;
- :mod:`~govcheck.diff.amendment` puts it together (:func:`compare`) as an :class:`Amendment`;
- :mod:`~govcheck.diff.command` is what ``govcheck diff`` runs (configuration, engine, format);
- ``*_report`` modules render it as text, JSON, Markdown or HTML, in the words of
  :mod:`~govcheck.diff.wording`.

Nothing here is imported by ``govcheck check``.
"""
