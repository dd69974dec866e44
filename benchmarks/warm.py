"""Warm re-check: one engine checking the same document again, in process (as the Python API,
the language server and the HTTP service do), against parsing it alone.

Usage: python benchmarks/warm.py FILE [ROUNDS]. Prints the medians and their ratio
(issue 21: a warm re-check should cost at most twice the parse). The collector is paused
around each timed call, as govcheck pauses it while it checks.
"""

import gc
import statistics
import sys
import time

import yaml

from govcheck.engine import Engine
from govcheck.plugins import load_registry


def median_ms(call, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.disable()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times) * 1000


def main() -> None:
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    engine.check_text(text)  # warm: lazily built tables, imported check modules
    parse = median_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader), rounds)
    check = median_ms(lambda: engine.check_text(text), rounds)
    print(f"parse {parse:.2f} ms, warm re-check {check:.2f} ms, ratio {check / parse:.2f}")


if __name__ == "__main__":
    main()
