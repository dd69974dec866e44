"""Baseline: the least a YAML checker must do. Parse each file with PyYAML's C loader.

Usage: python benchmarks/parse_only.py FILE_OR_DIR...  (directories: their *.yaml, sorted)
The collector is paused, as govcheck pauses it while parsing. Deliberately minimal (no
pathlib, no argument parser) so that it is a floor, not a peer.
"""

import gc
import os
import sys

import yaml

# The floor runs with the collector paused, as govcheck parses: with it on, a 10 MB parse
# spends a third of its time in collections that find nothing, and the floor is no floor.
gc.disable()

for arg in sys.argv[1:]:
    if os.path.isdir(arg):
        files = [os.path.join(arg, n) for n in sorted(os.listdir(arg)) if n.endswith(".yaml")]
    else:
        files = [arg]
    for file in files:
        with open(file, "rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
