"""Benchmark the language server's re-check after an edit, in process (target: <= 30 ms median).

What the server does when the debounce timer fires, minus the protocol: ``Session.check``
on a worker thread (the CLI's configuration discovery, the warm engine for that
configuration, load, validate, every rule, waivers, node ranges for the findings), plus
turning the problems into protocol diagnostics when ``lsprotocol`` is installed. The session
(registry, engines, validators) is built once, before timing, as the server builds it once.

Each round edits the bundled reference (a different value each time, so nothing is cached
on the text) in three ways: a compliant edit, an edit that adds a finding (a misspelt key),
and an edit that breaks the YAML (the parse finding plus the last good findings moved).
Wall time and CPU time (``time.process_time``: every thread of the process, so the rule
worker thread counts) are both reported: on a shared machine the wall time includes
waiting for a core, and the load average printed says how busy it was.

Usage::

    python benchmarks/lsp_recheck.py                 # 200 rounds
    python benchmarks/lsp_recheck.py --rounds 500 --json results.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "fixtures" / "valid" / "reference.yaml"


def edits(text: str, i: int) -> dict[str, str]:
    name = "  name: Wessex Coast Integrated Care System"
    assert name in text
    return {
        "compliant edit": text.replace(name, f"{name} {i}", 1),
        "edit adding a finding": text.replace(name, f"  nmae: Wessex Coast {i}", 1),
        "edit breaking the YAML": text.replace(name, f"  name: [Wessex Coast {i}", 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from govcheck.lsp.session import Session

    lsp: Any = None
    with contextlib.suppress(ImportError):  # without the lsp extra: time the checking alone
        from lsprotocol import types as lsp

    def to_protocol(analysis: Any) -> list[Any]:  # as govcheck.lsp.server does, for the client's ranges
        if lsp is None:
            return []
        return [
            lsp.Diagnostic(
                range=lsp.Range(start=lsp.Position(*p.span.start), end=lsp.Position(*p.span.end)),
                message=p.message,
                severity=lsp.DiagnosticSeverity.Error,
                code=p.code,
                code_description=lsp.CodeDescription(href=p.href) if p.href else None,
                source="govcheck",
                data={"path": p.path, "status": p.status},
            )
            for p in analysis.problems
        ]

    text = REFERENCE.read_text(encoding="utf-8")
    file = str(REFERENCE)
    checker = ThreadPoolExecutor(max_workers=1)  # the server checks on one worker thread too
    started = time.perf_counter()
    session = Session()
    first = session.check(file, text, 0)  # builds the registry, engine and validator
    setup = time.perf_counter() - started
    assert first.problems == [], first.problems
    for i in range(5):  # warm-up
        for edited in edits(text, -i).values():
            session.check(file, edited, 0)
        session.check(file, text, 0)
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    findings: dict[str, int] = {}
    for i in range(args.rounds):
        for case, edited in edits(text, i).items():
            t0, c0 = time.perf_counter(), time.process_time()
            analysis = checker.submit(session.check, file, edited, i).result()
            to_protocol(analysis)
            times.setdefault(case, []).append(time.perf_counter() - t0)
            cpu.setdefault(case, []).append(time.process_time() - c0)
            findings[case] = len(analysis.problems)
            session.check(file, text, i)  # back to the good text, as the last good version
    result = {
        "document": str(REFERENCE.relative_to(ROOT)),
        "rounds": args.rounds,
        "setup_ms": round(setup * 1000, 1),
        "with_protocol_objects": lsp is not None,
        "cases": {
            case: {
                "median_ms": round(statistics.median(ts) * 1000, 2),
                "p90_ms": round(sorted(ts)[int(len(ts) * 0.9)] * 1000, 2),
                "cpu_median_ms": round(statistics.median(cpu[case]) * 1000, 2),
                "diagnostics": findings[case],
            }
            for case, ts in times.items()
        },
    }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    result["load_average"] = round(load, 2)
    print(f"{result['document']}: session set-up {result['setup_ms']} ms (once per server); "
          f"load average {load:.2f} on {os.cpu_count()} cores")
    for case, figures in result["cases"].items():
        print(f"  {case:<24} median {figures['median_ms']:6.2f} ms   p90 {figures['p90_ms']:6.2f} ms   "
              f"cpu median {figures['cpu_median_ms']:6.2f} ms   {figures['diagnostics']} diagnostic(s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
