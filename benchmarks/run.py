"""Benchmark govcheck as users run it: whole processes, wall time, ratios to baselines.

Each case is a complete command run in a subprocess and timed with ``time.perf_counter``
from start to exit. Cases in a suite run round-robin (one run of each per round), so a
change in machine load affects them alike; the report gives medians over the rounds and
ratios of medians measured in this run, so figures from different machines compare.
Each child's CPU time (user + system) and peak memory (``ru_maxrss``, which on Linux
includes the child's own worker processes) come from ``os.wait4``. A ratio between two cases
of a suite is the median of its per-round ratios (the two ran in the same round, seconds
apart), so a change in machine speed during the run, which moves both, cancels out.

Baselines: ``python -c pass``; ``benchmarks/parse_only.py`` (``yaml.load`` with the C
loader, nothing else); ``yamllint`` (default configuration) on the same file.

Usage::

    python benchmarks/run.py                  # everything (about 5 minutes on 2 cores)
    python benchmarks/run.py --suite startup  # one suite: startup, floor, warm, batch, memory, large, html
    python benchmarks/run.py --runs 31 --json results.json

Bytecode caches are written by a warm-up run of every case (as pip does when it installs
a package); ``PYTHONDONTWRITEBYTECODE`` is removed from the children's environment.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BIN = Path(sys.executable).parent
PY = sys.executable


@dataclass
class Case:
    name: str
    argv: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: int = 0
    exit_codes: set[int] = field(default_factory=set)

    def median(self) -> float:
        return statistics.median(self.wall)

    def row(self) -> str:
        cpu = statistics.median(self.cpu)
        return (
            f"| {self.name} | {self.median() * 1000:,.0f} | {min(self.wall) * 1000:,.0f} | "
            f"{cpu * 1000:,.0f} | {self.rss_kb / 1024:,.0f} | {len(self.wall)} |"
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(case: Case, env: dict[str, str], record: bool = True) -> None:
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not record:
        return
    case.wall.append(wall)
    case.cpu.append(usage.ru_utime + usage.ru_stime)
    case.rss_kb = max(case.rss_kb, usage.ru_maxrss)
    case.exit_codes.add(proc.returncode)


def paired(a: Case, b: Case) -> float:
    """The median over the rounds of a's wall time over b's in the same round."""
    return statistics.median(x / y for x, y in zip(a.wall, b.wall, strict=True))


def run_suite(cases: list[Case], runs: int, label: str) -> None:
    env = _env()
    for case in cases:
        run_once(case, env, record=False)  # warm-up: bytecode caches, page cache
    for i in range(runs):
        print(f"\r{label}: round {i + 1}/{runs}", end="", file=sys.stderr, flush=True)
        for case in cases:
            run_once(case, env)
    print(file=sys.stderr)


# A configuration a governance repository might keep: the documents' own profiles.
CONFIG = '''profiles = ["statutory", "nhse-policy"]
fail-on = "warning"
'''


def govcheck(*args: str) -> list[str]:
    return [str(BIN / "govcheck"), *args]


def parse_only(*paths: Path) -> list[str]:
    return [PY, str(HERE / "parse_only.py"), *map(str, paths)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite", action="append", choices=["startup", "floor", "warm", "batch", "memory", "large", "html"])
    ap.add_argument(
        "--runs", type=int, default=21, help="rounds for the startup suite (default 21)"
    )
    ap.add_argument("--batch-runs", type=int, default=5)
    ap.add_argument("--large-runs", type=int, default=3)
    ap.add_argument("--files", type=int, default=1000, help="documents in the batch (default 1000)")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs for the batch (default 2)")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "govcheck-benchmarks",
        help="for generated documents; outside any project by default, as a governance repository "
        "is (inside this one, govcheck would find and parse this project's pyproject.toml)",
    )
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--memory-files", type=int, default=10_000, help="documents in the memory suite's big batch (issue 21: 10,000)")
    args = ap.parse_args()
    suites = args.suite or ["startup", "floor", "warm", "batch", "memory", "large", "html"]
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)

    typical = work / "typical.yaml"
    typical.write_text(generate.typical(), encoding="utf-8")
    configured = work / "configured" / "typical.yaml"  # the same, beside a configuration file
    configured.parent.mkdir(exist_ok=True)
    configured.write_text(typical.read_text(encoding="utf-8"), encoding="utf-8")
    (configured.parent / ".govcheck.toml").write_text(CONFIG, encoding="utf-8")
    results: dict[str, Case] = {}
    ratios: list[tuple[str, float, str]] = []

    if "startup" in suites:
        cases = [
            Case("python -c pass", [PY, "-c", "pass"]),
            Case("parse-only, typical file", parse_only(typical)),
            Case("yamllint, typical file", [str(BIN / "yamllint"), str(typical)]),
            Case("govcheck check, typical file", govcheck("check", str(typical))),
            Case("govcheck --version", govcheck("--version")),
            Case("govcheck --help", govcheck("--help")),
            Case("govcheck check, typical file with .govcheck.toml", govcheck("check", str(configured))),
        ]
        run_suite(cases, args.runs, "startup")
        results.update({c.name: c for c in cases})
        base, yl, chk, ver, hlp, conf = cases[1:]
        ratios += [
            ("check typical / yamllint", paired(chk, yl), "<= 0.5"),
            ("check typical / parse-only", paired(chk, base), "<= 2.3"),
            ("--version / parse-only", paired(ver, base), "<= 1.3"),
            ("--help / parse-only", paired(hlp, base), "<= 2.5"),
            ("check typical with .govcheck.toml / parse-only", paired(conf, base), "(no target)"),
        ]

    if "floor" in suites:
        # Each rung adds one layer; the differences of medians are what each layer costs.
        cases = [
            Case("floor: python -c pass", [PY, "-c", "pass"]),
            *(
                Case(f"floor: + {step}", [PY, str(HERE / "floor.py"), step, str(typical)])
                for step in ("yaml", "parse", "pluggy", "api")
            ),
            Case("floor: + CLI (govcheck check)", govcheck("check", str(typical))),
            # an option quick() does not read: typer reads the arguments (govcheck.check_command.quick)
            Case("floor: + CLI through typer (check --fail-on warning)", govcheck("check", "--fail-on", "warning", str(typical))),
        ]
        run_suite(cases, args.runs, "floor")
        results.update({c.name: c for c in cases})
        api, cli, typer = cases[-3:]
        ratios.append(("CLI / API (what the command line adds)", paired(cli, api), "(no target)"))
        ratios.append(("CLI through typer / CLI", paired(typer, cli), "(no target)"))

    if "warm" in suites:
        # In process: one engine re-checking the typical document, against parsing it (warm.py).
        out = subprocess.run([PY, str(HERE / "warm.py"), str(typical)], capture_output=True, text=True, check=True)
        print(out.stdout.strip(), file=sys.stderr)
        ratios.append(("warm re-check / parse, in process", float(out.stdout.rsplit("ratio ", 1)[1]), "<= 2 (issue 21)"))

    if "memory" in suites:
        # Peak RSS of --jobs 1 over a small and a big batch: flat memory means equal peaks.
        small = work / "memory-100"
        big = work / f"memory-{args.memory_files}"
        for folder, n in ((small, 100), (big, args.memory_files)):
            if not folder.is_dir() or len(list(folder.glob("*.yaml"))) != n:
                generate.write_batch(folder, n)
        cases = [
            Case(f"govcheck check --jobs 1, {n} files, {fmt}", govcheck("check", "--jobs", "1", "-f", fmt, str(folder)))
            for folder, n in ((small, 100), (big, args.memory_files))
            for fmt in ("text", "json")
        ]
        run_suite(cases, 1, "memory")
        results.update({c.name: c for c in cases})
        for i, fmt in enumerate(("text", "json")):
            ratios.append(
                (f"peak RSS {args.memory_files} / 100 files, {fmt}", cases[2 + i].rss_kb / cases[i].rss_kb, "<= 1.1 (issue 21)")
            )

    if "batch" in suites:
        batch = work / f"batch-{args.files}"
        if not batch.is_dir() or len(list(batch.glob("*.yaml"))) != args.files:
            generate.write_batch(batch, args.files)
        cases = [
            Case(f"parse-only loop, {args.files} files", parse_only(batch)),
            Case(
                f"govcheck check --jobs {args.jobs}, {args.files} files",
                govcheck("check", "--jobs", str(args.jobs), str(batch)),
            ),
            Case(
                f"govcheck check --jobs 1, {args.files} files",
                govcheck("check", "--jobs", "1", str(batch)),
            ),
        ]
        run_suite(cases, args.batch_runs, "batch")
        results.update({c.name: c for c in cases})
        ratios.append(
            (
                f"{args.files} files --jobs {args.jobs} / parse-only loop",
                paired(cases[1], cases[0]),
                "<= 1.5",
            )
        )

    if "large" in suites:
        sizes = {"1 MB": 1_000_000, "10 MB": 10_000_000, "30 MB": 30_000_000}
        cases = []
        for label, size in sizes.items():
            path = work / f"large-{size}.yaml"
            if not path.exists():
                # In a child process: the runner's own size would floor every child's ru_maxrss.
                subprocess.run([PY, str(HERE / "generate.py"), "size", str(size), str(path)], check=True)
            cases.append(Case(f"govcheck check, {label} document", govcheck("check", str(path))))
            if label == "10 MB":
                cases.append(Case(f"parse-only, {label} document", parse_only(path)))
        run_suite(cases, args.large_runs, "large")
        results.update({c.name: c for c in cases})
        one, ten, parse_ten, thirty = cases
        ratios.append(("10 MB / 1 MB", paired(ten, one), "<= 11"))
        ratios.append(("30 MB / 10 MB", paired(thirty, ten), "<= 3.3 (linear)"))
        ratios.append(("10 MB / parse-only 10 MB", paired(ten, parse_ten), "<= 1.25"))
        ratios.append(("10 MB peak RSS, MB", ten.rss_kb / 1024, "<= 300"))

    if "html" in suites:
        # The HTML report against the text report of the same 1 MB document, interleaved.
        path = work / "large-1000000.yaml"
        if not path.exists():
            subprocess.run([PY, str(HERE / "generate.py"), "size", "1000000", str(path)], check=True)
        cases = [
            Case("govcheck check, 1 MB document, text report", govcheck("check", str(path))),
            Case("govcheck check, 1 MB document, HTML report", govcheck("check", "--format", "html", str(path))),
        ]
        run_suite(cases, args.large_runs, "html")
        results.update({c.name: c for c in cases})
        ratios.append(("HTML / text report, 1 MB", paired(cases[1], cases[0]), "<= 1.2"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.2f}\n")
    print("| case | wall median ms | wall min ms | CPU median ms | peak RSS MB | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for case in results.values():
        print(case.row())
    print("\n| ratio (median of paired wall times) | measured | target |\n|---|---:|---|")
    for name, value, target in ratios:
        print(f"| {name} | {value:.2f} | {target} |")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "cores": os.cpu_count(),
                    "load": load,
                    "cases": {
                        n: {
                            "wall": c.wall,
                            "cpu": c.cpu,
                            "rss_kb": c.rss_kb,
                            "exit_codes": sorted(c.exit_codes),
                        }
                        for n, c in results.items()
                    },
                    "ratios": {n: v for n, v, _ in ratios},
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
