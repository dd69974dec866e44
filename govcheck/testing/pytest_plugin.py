"""The govcheck pytest plugin (entry point ``pytest11``): the ``govcheck_kit`` fixture.

Kept import-light: it loads nothing of govcheck until a test asks for the fixture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.testing import Kit


@pytest.fixture
def govcheck_kit() -> Kit:
    """Build documents on the reference constitution, run one rule, assert its findings.

    ``govcheck_kit.with_plugins("my_plugin", rule_packs=["rules.yaml"])`` adds local plugins.
    """
    from govcheck.testing import Kit

    return Kit()
