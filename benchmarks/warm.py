"""Warm re-check: one engine checking the same document again, in process (as the Python API,
the language server and the HTTP service do), against parsing it alone.

Usage: python benchmarks/warm.py FILE [ROUNDS]. Prints the medians and their ratio
(issue 21: a warm re-check should cost at most twice the parse). Each round times one parse
and one re-check back to back, so a change in the machine's load hits both alike; the
collector is paused around each timed call, as govcheck pauses it while it checks. Wall and
CPU (``time.process_time``, every thread of the process: the checks run in a worker thread)
medians are printed; the ratio is of the wall medians.
"""

import gc
import statistics
import sys
import time

import yaml

from govcheck.engine import Engine
from govcheck.plugins import load_registry


def timed(call) -> tuple[float, float]:
    gc.disable()
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.enable()
    return wall, cpu


def main() -> None:
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    engine.check_text(text)  # warm: lazily built tables, imported check modules
    parse, check = [], []
    for _ in range(rounds):
        parse.append(timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader)))
        check.append(timed(lambda: engine.check_text(text)))
    p_wall, p_cpu = (statistics.median(x[i] for x in parse) * 1000 for i in (0, 1))
    c_wall, c_cpu = (statistics.median(x[i] for x in check) * 1000 for i in (0, 1))
    print(
        f"parse {p_wall:.2f} ms (CPU {p_cpu:.2f}), warm re-check {c_wall:.2f} ms (CPU {c_cpu:.2f}), "
        f"CPU ratio {c_cpu / p_cpu:.2f}, ratio {c_wall / p_wall:.2f}"
    )


if __name__ == "__main__":
    main()
