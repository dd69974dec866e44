"""Baseline: the least a YAML checker must do. Parse each file with PyYAML's C loader.

Usage: python benchmarks/parse_only.py FILE_OR_DIR...  (directories: their *.yaml, sorted)
Deliberately minimal (no pathlib, no argument parser) so that it is a floor, not a peer.
"""

import os
import sys

import yaml

for arg in sys.argv[1:]:
    if os.path.isdir(arg):
        files = [os.path.join(arg, n) for n in sorted(os.listdir(arg)) if n.endswith(".yaml")]
    else:
        files = [arg]
    for file in files:
        with open(file, "rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
