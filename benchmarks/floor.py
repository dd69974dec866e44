"""The floor ladder: what each layer under ``govcheck check`` costs, one step at a time.

Usage: python benchmarks/floor.py STEP FILE, STEP one of
  yaml    import yaml
  parse   + load FILE with the C loader (as parse_only.py)
  pluggy  + import pluggy (a check imports it only to validate plugins: its first run, an
          edited plugin; the api step, after a first run, does not stand on this rung)
  api     + check FILE through govcheck's Python API (engine, rule packs, checks; no CLI)
Every step runs with the collector paused, as govcheck does while it parses and checks,
so that each rung differs from the one below by exactly its layer (docs/performance.md).
"""

import gc
import sys

gc.disable()
step, path = sys.argv[1], sys.argv[2]
import yaml  # noqa: E402

if step in ("parse", "pluggy"):
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
if step == "pluggy":
    import pluggy  # noqa: F401
if step == "api":
    import govcheck

    govcheck.check_file(path)
