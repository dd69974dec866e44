"""Mutation driver: every field of the valid fixtures, replaced by hostile values of every type.

Run:  .venv/bin/python benchmarks/mutate.py [--limit N] [--every K] [--cli-every K] [FILE...]

For each fixture under ``fixtures/valid`` (or the files named), it walks every node of the
document and replaces it, one at a time, with each value in ``VALUES`` (a mapping where a
list is, a list where a string is, null, empty text, huge and negative numbers, floats,
booleans, impossible dates, confusable and control characters, very long text), deletes it,
and applies whole-text mutations (BOM, CRLF, tabs, bad bytes, several documents, tags,
anchors and merge keys, deep nesting). Each variant is checked in-process through the engine
with every profile (current law and ``--law health-bill-2026``), and one variant in
``--cli-every`` through the command line in every report format. It flags:

* a traceback or exception from the engine or a reporter;
* a rule outcome ``error`` (a check raised);
* a rule that "could not run" with no GOV001-GOV012 finding in the document to say why;
* a SARIF or JSON report invalid against its schema;
* a command-line exit code other than 0, 1 or 2, or anything on stderr with ``Traceback``.

It prints one line per distinct problem (deduplicated by rule and generalised path) and the
counts. It is not a test: it takes minutes, not seconds (see tests/test_mutations.py for the
fast, deterministic cases kept as tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govcheck.engine import Engine, Settings  # noqa: E402
from govcheck.plugins import load_registry  # noqa: E402
from govcheck.rules import PROFILES  # noqa: E402

CORE = {f"GOV00{i}" for i in range(1, 10)} | {"GOV010", "GOV011", "GOV012"}
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")

VALUES: dict[str, Any] = {
    "mapping": {"x": 1},
    "empty-mapping": {},
    "list": ["x"],
    "empty-list": [],
    "list-of-mappings": [{"id": "x"}],
    "null": None,
    "empty": "",
    "huge-int": 10**40,
    "negative": -1,
    "zero": 0,
    "float": 1.5,
    "nan": float("nan"),
    "inf": float("inf"),
    "true": True,
    "false": False,
    "date": dt.date(2026, 4, 1),
    "date-text": "2026-02-30",
    "year-0001": dt.date(1, 1, 1),
    "confusable": "m\u2010chair",  # a hyphen that is not ASCII
    "control": "a\x07b\u202ec",
    "zero-width": "m-chair\u200b",
    "long": "x" * 20_000,
    "number-text": "1e3",
}


# What a mapping key may be replaced by: keys of other types, and look-alikes of the key.
KEYS: dict[str, Any] = {
    "int-key": 5,
    "bool-key": True,
    "null-key": None,
    "float-key": 1.5,
    "date-key": dt.date(2026, 4, 1),
    "zero-width-key": "\u200b",  # appended to the key
    "confusable-key": "\u0430",  # Cyrillic a, appended
    "upper-key": str.upper,
}


def renamed(data: Any, path: tuple[Any, ...], key: Any) -> Any:
    """``data`` with the key at ``path`` replaced (keeping its place among its siblings)."""
    import copy

    data = copy.deepcopy(data)
    parent = data
    for p in path[:-1]:
        parent = parent[p]
    old = path[-1]
    new = key(old) if callable(key) else (old + key if isinstance(key, str) else key)
    items = [(new if k == old else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return data


def _kind(value: Any) -> str:
    """The YAML kind of a value, as the format tells them apart (a date is not text)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dt.date):  # the loader reads a date as its text (YAML 1.2 has no dates)
        return "str"
    return type(value).__name__


def walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def general(path: tuple[Any, ...]) -> str:
    return "/" + "/".join("*" if isinstance(p, int) else str(p) for p in path)


def replaced(data: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> Any:
    import copy

    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for p in path[:-1]:
        parent = parent[p]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=10_000)


def _duplicate(text: str, key: str) -> str:
    """``text`` with the first line that sets ``key`` repeated (a duplicate key)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip(" -")
        if stripped.startswith(f"{key}:") and not stripped.endswith(":"):
            indent = len(line) - len(line.lstrip(" -"))
            lines.insert(i + 1, " " * indent + stripped)
            return "\n".join(lines)
    return text


def text_mutations(text: str) -> Iterator[tuple[str, str | bytes]]:
    yield "bom", "\ufeff" + text
    yield "crlf", text.replace("\n", "\r\n")
    yield "cr-only", text.replace("\n", "\r")
    yield "tabs", text.replace("  ", "\t", 3)
    yield "latin1", text.encode("utf-8") + b"\n# caf\xe9\n"
    yield "utf16", text.encode("utf-16")
    yield "utf16-no-bom", text.encode("utf-16-le")
    yield "two-docs", text + "\n---\n" + text
    yield "doc-end", text + "\n...\n"
    yield "empty", ""
    yield "scalar", "hello\n"
    yield "null", "~\n"
    yield "list", "- 1\n- 2\n"
    yield "python-tag", "!!python/object/apply:os.system ['true']\n"
    yield "python-tag-in", text.replace("govcheck: 1", "govcheck: !!python/name:os.system", 1)
    yield "custom-tag", text.replace("govcheck: 1", "govcheck: !thing 1", 1)
    yield "set-tag", text.replace("govcheck: 1", "govcheck: !!set {a, b}", 1)
    yield "binary-tag", text.replace("govcheck: 1", "govcheck: !!binary aGVsbG8=", 1)
    yield "omap-tag", text.replace("govcheck: 1", "govcheck: !!omap [a: 1]", 1)
    yield "deep", text + "\nzz: " + "[" * 2000 + "]" * 2000 + "\n"
    yield "deep-map", text + "\nzz: " + "{a: " * 500 + "1" + "}" * 500 + "\n"
    yield "merge", "base: &b {a: 1}\n" + text + "\nmerged:\n  <<: *b\n"
    yield "merge-top", "govcheck: 1\n<<: {icb: 5}\n"
    yield "merge-list", "govcheck: 1\n<<: [1, 2]\n"
    yield "anchor-key", "govcheck: 1\n? &k [a]\n: 1\n? *k\n: 2\n"
    yield "complex-key", "govcheck: 1\n? {a: 1}\n: 1\n"
    yield "list-key", "govcheck: 1\n[a, b]: 1\n"
    yield "null-key", "govcheck: 1\n~: 1\n"
    yield "int-key", "govcheck: 1\n5: 1\n"
    yield "bool-key", "govcheck: 1\ntrue: 1\n"
    yield "date-key", "govcheck: 1\n2026-01-01: 1\n"
    yield "float-key", "govcheck: 1\n1.5: 1\n"
    yield "dup-top", text + "\ngovcheck: 1\n"
    yield "nul", text + "\x00"
    yield "nel", text.replace("\n", "\x85", 3)
    yield "ls", text.replace("\n", "\u2028", 3)
    yield "long-line", text + "\nzz: " + "y" * 2_000_000 + "\n"
    yield "surrogate-escape", text.replace("govcheck: 1", 'govcheck: 1\nzz: "\\ud800"', 1)
    yield "bad-escape", text.replace("govcheck: 1", 'govcheck: 1\nzz: "\\q"', 1)
    yield "version-directive", "%YAML 1.1\n---\n" + text
    yield "version-2", "%YAML 2.0\n---\n" + text
    yield "tag-directive", "%TAG ! tag:yaml.org,2002:python/\n---\n" + text
    yield "govcheck-2", text.replace("govcheck: 1", "govcheck: 2", 1)
    yield "govcheck-text", text.replace("govcheck: 1", "govcheck: '1'", 1)
    yield "govcheck-list", text.replace("govcheck: 1", "govcheck: [1]", 1)
    yield "only-govcheck", "govcheck: 1\n"
    yield "confusable-govcheck", text.replace("govcheck: 1", "g\u043evcheck: 1", 1)


class Driver:
    def __init__(self, cli_every: int) -> None:
        registry = load_registry([], entry_points=False)
        self.engines = [
            Engine(registry, Settings(profiles=PROFILES)),
            Engine(registry, Settings(profiles=PROFILES, law="health-bill-2026")),
        ]
        self.cli_every = cli_every
        self.problems: dict[str, str] = {}
        self.rendered: set[Any] = set()
        self.original: frozenset[tuple[str, str]] = frozenset()
        self.counts: Counter[str] = Counter()
        import jsonschema

        self.sarif_validator = jsonschema.Draft7Validator(
            json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
        )
        self.json_validator = jsonschema.Draft202012Validator(
            json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())
        )
        self.diff_validator = jsonschema.Draft202012Validator(
            json.loads((ROOT / "govcheck" / "schemas" / "diff-v1.schema.json").read_text())
        )
        self.base = b""
        self.tmp = Path(tempfile.mkdtemp(prefix="govcheck-mutate-"))

    def flag(self, key: str, detail: str) -> None:
        self.counts["problem"] += 1
        if key not in self.problems:
            self.problems[key] = detail
            print(f"PROBLEM {key}\n    {detail[:600]}", flush=True)

    def check(self, label: str, content: str | bytes, changed_type: bool = False) -> None:
        self.counts["variants"] += 1
        if self.counts["variants"] % 500 == 0:
            print(f"# {dict(self.counts)}", flush=True)
        text = content if isinstance(content, str) else None
        for engine in self.engines:
            self.counts["engine runs"] += 1
            try:
                if text is not None:
                    result = engine.check_text(text, "doc.yaml")
                else:
                    path = self.tmp / "doc.yaml"
                    path.write_bytes(content)  # type: ignore[arg-type]
                    result = engine.run([path]).documents[0]
                report = engine.report([result])
            except BaseException as exc:
                self.flag(f"engine raised {type(exc).__name__} at {label}", traceback.format_exc()[-1500:])
                continue
            core = {f.rule for f in result.findings} & CORE
            for outcome in result.outcomes:
                if outcome.status == "error":
                    self.flag(f"{outcome.rule} error at {label}", outcome.detail)
                elif outcome.detail.startswith("could not run") and not core:
                    self.flag(f"{outcome.rule} could not run, no core finding, at {label}", outcome.detail)
            if changed_type and engine is self.engines[0]:
                found = frozenset((f.rule, f.path) for f in result.findings)
                if found == self.original:
                    self.flag(f"silently accepted: {label}", "no finding changed")
            for f in result.findings:
                if f.line < 1 or f.column < 1:
                    self.flag(f"{f.rule} unpositioned at {label}", repr(f))
        signature = (frozenset((f.rule, f.path) for f in result.findings), frozenset(result.outcomes))
        if signature not in self.rendered:  # rendering is the slow part: once per distinct result
            self.rendered.add(signature)
            self.counts["rendered"] += 1
            self.render(label, report)
            self.diff(label, content)
        if self.cli_every and self.counts["variants"] % self.cli_every == 0:
            self.cli(label, content)

    def render(self, label: str, report: Any) -> None:
        import importlib

        from govcheck.reporters import json_report, sarif

        for fmt, module in (("text", "text"), ("junit", "junit"), ("github", "github"), ("markdown", "markdown"), ("html", "html_report")):
            try:
                importlib.import_module(f"govcheck.reporters.{module}").render(report)
            except BaseException as exc:
                self.flag(f"{fmt} reporter raised {type(exc).__name__} at {label}", traceback.format_exc()[-1500:])
        try:
            errors = list(self.sarif_validator.iter_errors(json.loads(sarif.render(report))))
            if errors:
                self.flag(f"sarif invalid at {label}", str(errors[0])[:500])
            errors = list(self.json_validator.iter_errors(json.loads(json_report.render(report))))
            if errors:
                self.flag(f"json invalid at {label}", str(errors[0])[:500])
        except BaseException as exc:
            self.flag(f"json/sarif raised {type(exc).__name__} at {label}", traceback.format_exc()[-1500:])

    def diff(self, label: str, content: str | bytes) -> None:
        from govcheck.diff.amendment import compare
        from govcheck.diff.command import render
        from govcheck.diff.sources import Source

        raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        engine = self.engines[0]
        try:
            self.counts["diffs"] += 1
            for old, new in ((self.base, raw), (raw, self.base)):
                amendment = compare(engine, Source("old.yaml", "old.yaml", old), Source("new.yaml", "new.yaml", new))
                for fmt in ("text", "json", "markdown", "html"):
                    out = render(amendment, fmt)
                    if fmt == "json":
                        errors = list(self.diff_validator.iter_errors(json.loads(out)))
                        if errors:
                            self.flag(f"diff json invalid at {label}", str(errors[0])[:500])
        except BaseException as exc:
            self.flag(f"diff raised {type(exc).__name__} at {label}", traceback.format_exc()[-1500:])

    def cli(self, label: str, content: str | bytes) -> None:
        path = self.tmp / "cli.yaml"
        path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        for fmt in FORMATS:
            self.counts["cli runs"] += 1
            proc = subprocess.run(
                [str(ROOT / ".venv" / "bin" / "govcheck"), "check", "--no-plugins", "-f", fmt,
                 *[a for p in PROFILES for a in ("-p", p)], str(path)],
                capture_output=True, text=True, errors="replace", cwd=self.tmp, timeout=300,
            )
            if proc.returncode not in (0, 1, 2) or "Traceback" in proc.stderr or "Traceback" in proc.stdout:
                self.flag(f"cli -f {fmt} exit {proc.returncode} at {label}", proc.stderr[-1500:])
            elif proc.returncode == 2 and "could not" not in proc.stdout + proc.stderr:
                self.flag(f"cli -f {fmt} exit 2 at {label}", (proc.stderr or proc.stdout)[-800:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most N nodes per file")
    parser.add_argument("--per-shape", type=int, default=2, help="nodes per generalised path (0: all)")
    parser.add_argument("--cli-every", type=int, default=200)
    parser.add_argument("--no-text", action="store_true")
    parser.add_argument("--seen-from", type=Path, action="append", default=[],
                        help="skip the generalised paths this file has (already mutated in another run)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "fixtures" / "valid").glob("*.yaml"))
    driver = Driver(args.cli_every)
    shapes: Counter[str] = Counter()  # across files: a later file mutates only the paths not seen yet
    for seen in args.seen_from:
        shapes.update({general(p): args.per_shape for p, _ in walk(yaml.safe_load(seen.read_text()))})
    for file in files:
        text = file.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        driver.base = text.encode("utf-8")
        first = driver.engines[0].check_text(text, "doc.yaml")
        driver.original = frozenset((f.rule, f.path) for f in first.findings)
        if not args.no_text:
            for name, content in text_mutations(text):
                driver.check(f"{file.name} text:{name}", content)
        nodes = 0
        for path, node in list(walk(data)):
            shape = general(path)
            shapes[shape] += 1
            if args.per_shape and shapes[shape] > args.per_shape:
                continue
            nodes += 1
            if args.limit and nodes > args.limit:
                break
            for name, value in VALUES.items():
                driver.check(f"{file.name} {shape} <- {name}", dump(replaced(data, path, value)), _kind(value) != _kind(node))
            if path:
                driver.check(f"{file.name} {shape} deleted", dump(replaced(data, path, None, delete=True)))
            if path and isinstance(path[-1], str):
                for name, key in KEYS.items():
                    driver.check(f"{file.name} {shape} key <- {name}", dump(renamed(data, path, key)))
                # the same key twice (PyYAML dumps no duplicates: add the line by hand)
                driver.check(f"{file.name} {shape} key duplicated", _duplicate(dump(data), path[-1]))
            if isinstance(node, str):
                driver.check(f"{file.name} {shape} <- !!python", dump(replaced(data, path, "@@")).replace("'@@'", "!!python/name:os.system ''").replace("@@", "!!python/name:os.system ''"))
        driver.counts["nodes"] += nodes
        print(f"# {file.name}: {nodes} nodes; so far {dict(driver.counts)}", flush=True)
    print(f"# done: {dict(driver.counts)}; {len(driver.problems)} distinct problems")


if __name__ == "__main__":
    main()
