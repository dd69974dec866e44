"""Mutation driver for rule packs: every node of a pack replaced by hostile values of every type.

Run:  .venv/bin/python benchmarks/mutate_packs.py [PACK...]   (default: fixtures/packs/*.yaml)

Each variant is loaded with ``load_registry(rule_packs=[...])`` and, when it loads, the
reference constitution is checked with it and ``govcheck verify`` runs its examples. A
variant must either load or raise a GovcheckError (exit 2 with a message); anything else
(another exception, a rule outcome ``error`` caused by a parameter the pack validation
should have refused) is printed as a problem.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mutate import VALUES, dump, general, replaced, walk  # noqa: E402

from govcheck.engine import Engine, Settings  # noqa: E402
from govcheck.errors import GovcheckError  # noqa: E402
from govcheck.plugins import load_registry  # noqa: E402


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("packs", nargs="*", type=Path)
    parser.add_argument("--under", default="", help="only nodes whose path has this key (e.g. params)")
    parser.add_argument("--profile", action="append", default=[], help="profiles to run (default: the pack's)")
    args = parser.parse_args()
    packs = args.packs or sorted((ROOT / "fixtures" / "packs").glob("*.yaml"))
    reference = (ROOT / "fixtures" / "valid" / "reference.yaml").read_text()
    tmp = Path(tempfile.mkdtemp(prefix="govcheck-packs-"))
    problems: dict[str, str] = {}
    counts = {"variants": 0, "loaded": 0, "refused": 0}
    for pack in packs:
        data = yaml.safe_load(pack.read_text())
        profiles = tuple(args.profile) or ("statutory", "nhse-policy", str(data.get("profile", "local")))
        for path, _node in list(walk(data)):
            if args.under and args.under not in path:
                continue
            variants = [(name, replaced(data, path, value)) for name, value in VALUES.items()]
            if path:
                variants.append(("deleted", replaced(data, path, None, delete=True)))
            for name, variant in variants:
                counts["variants"] += 1
                label = f"{pack.name} {general(path)} <- {name}"
                file = tmp / "pack.yaml"
                file.write_text(dump(variant))
                try:
                    registry = load_registry([], rule_packs=[str(file)], entry_points=False)
                except GovcheckError:
                    counts["refused"] += 1
                    continue
                except BaseException as exc:
                    key = f"load raised {type(exc).__name__} at {label}"
                    problems.setdefault(key, traceback.format_exc()[-1200:])
                    print("PROBLEM", key, "\n   ", problems[key][-600:], flush=True)
                    continue
                counts["loaded"] += 1
                try:
                    engine = Engine(registry, Settings(profiles=profiles))
                    result = engine.check_text(reference, "doc.yaml")
                except BaseException as exc:
                    key = f"check raised {type(exc).__name__} at {label}"
                    problems.setdefault(key, traceback.format_exc()[-1200:])
                    print("PROBLEM", key, "\n   ", problems[key][-600:], flush=True)
                    continue
                for outcome in result.outcomes:
                    if outcome.status == "error":
                        key = f"{outcome.rule} error at {label}"
                        problems.setdefault(key, outcome.detail)
                        print("PROBLEM", key, "\n   ", outcome.detail[:600], flush=True)
    print(f"# done: {counts}; {len(problems)} distinct problems")


if __name__ == "__main__":
    main()
