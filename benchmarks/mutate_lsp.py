"""Language-server fuzz: the editor features over broken and hostile text, at every position.

Run:  .venv/bin/python benchmarks/mutate_lsp.py [--stride N]

The LSP handlers catch every exception (``govcheck.lsp.server.guarded``) so that an editor
never sees one, which would hide a crash as a missing hover or completion. This script calls
what the handlers call, outside the guard: ``Session.check`` on each text (the fixtures under
``fixtures/hostile`` and ``fixtures/invalid``, the whole-text mutations of the mutation driver,
and the reference cut off at every Nth line, as while typing), then at every Nth position the
node under the cursor, its hover text, the completion context and items, and for every problem
the quick fixes (key fix, waiver edit). Any exception is printed once per kind and place.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mutate import text_mutations  # noqa: E402

from govcheck.lsp import session as sessions  # noqa: E402
from govcheck.lsp.index import context_at  # noqa: E402
from govcheck.lsp.server import completion_items, node_markdown  # noqa: E402


def texts(stride: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for folder in ("hostile", "invalid"):
        for f in sorted((ROOT / "fixtures" / folder).glob("*.yaml")):
            out.append((f"{folder}/{f.name}", f.read_bytes().decode("utf-8", "replace")))
    reference = (ROOT / "fixtures" / "valid" / "reference.yaml").read_text()
    for name, content in text_mutations(reference):
        if isinstance(content, str) and len(content) < 200_000:
            out.append((f"text:{name}", content))
    lines = reference.splitlines(True)
    for n in range(0, len(lines), stride):
        out.append((f"cut at line {n}", "".join(lines[:n]) + lines[n][: len(lines[n]) // 2]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stride", type=int, default=7)
    args = parser.parse_args()
    session = sessions.Session(no_plugins=True)
    problems: dict[str, str] = {}
    calls = 0

    def flag(key: str) -> None:
        if key not in problems:
            problems[key] = traceback.format_exc()
            print("PROBLEM", key, "\n   ", problems[key][-900:], flush=True)

    for label, text in texts(args.stride):
        file = str(ROOT / "fixtures" / "valid" / "edited.yaml")
        try:
            analysis = session.check(file, text)
        except Exception:
            flag(f"check raised at {label}")
            continue
        for p in analysis.problems:
            calls += 1
            try:
                sessions.key_fix(analysis, p.code, p.path)
                rule = analysis.rule(p.code)
                if analysis.loaded and rule is not None and p.path and sessions.waivable(analysis, rule):
                    sessions.waiver_edit(analysis, rule, p.path)
            except Exception:
                flag(f"quick fix for {p.code} raised at {label}")
        lines = text.splitlines() or [""]
        for line_no in range(0, len(lines) + 1, max(1, args.stride // 2)):
            line = lines[line_no] if line_no < len(lines) else ""
            for column in range(0, len(line) + 2, args.stride):
                calls += 1
                try:
                    node = analysis.index.at((line_no, column)) if analysis.index else None
                    if node is not None:
                        node_markdown(analysis, node[0].path, node[1])
                except Exception:
                    flag(f"hover raised at {label}")
                try:
                    context = context_at(text, line_no, column)
                    if context is not None:
                        completion_items(context, analysis if analysis.loaded else None)
                except Exception:
                    flag(f"completion raised at {label}")
    print(f"# done: {calls} feature calls; {len(problems)} distinct problems")


if __name__ == "__main__":
    main()
