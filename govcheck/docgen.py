"""The rule reference (docs/rules.md), generated from the rule packs and the failing fixtures.

``govcheck rules --format markdown`` prints it; ``make docs`` writes it; a test fails when
the checked-in file differs, so the reference cannot drift from the packs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from govcheck.checks.base import Check
from govcheck.plugins import Registry
from govcheck.reporters import citations
from govcheck.rules import Rule, shown_fix

HEADER = """\
# Rule reference

Generated from the rule packs by `govcheck rules --format markdown --no-plugins`
(`make docs`). Do not edit by hand: a test fails when this file is out of date.

Severity follows the profile: `statutory` rules are errors, `nhse-policy` rules warnings,
`good-practice` and `health-and-prosperity` rules information; the `core` document rules
are errors. A rule that departs from this says why. The default profiles are `statutory`
and `nhse-policy`; `--profile` selects others. A citation marked *verified* was checked against
the published text, one marked **not read at source** was not (each rule's rationale says what
that means for it); seeds and secondary sources carry no mark.

Each rule's failing example is a copy of `fixtures/valid/reference.yaml` with the smallest
edit that breaks it, and the findings listed are what govcheck reports for that rule. The
checks that rules name, and their parameters, are listed [at the end](#checks).
"""

Example = tuple[str, list[str]]  # (fixture path as shown, finding lines)


def default_fixtures_dir() -> Path | None:
    """``fixtures/invalid`` of a source checkout, or None when installed without it."""
    from govcheck.checks import rules_dir

    found = rules_dir().parent / "fixtures" / "invalid"
    return found if found.is_dir() else None


def failing_examples(registry: Registry, fixtures: Path) -> dict[str, Example]:
    """Run every rule's failing fixture (``<ID>-<slug>.yaml``) and keep that rule's findings."""
    from govcheck.engine import Engine, Settings
    from govcheck.laws import LAWS

    rules = sorted(registry.rules.values(), key=lambda r: r.id)
    profiles = tuple(sorted({r.profile for r in rules}))
    engines: dict[str | None, Engine] = {}
    examples: dict[str, Example] = {}
    for rule in rules:
        path = fixtures / f"{rule.id}-{rule.slug}.yaml"
        if not path.is_file():
            continue
        shown = f"{fixtures.parent.name}/{fixtures.name}/{path.name}"
        # A rule of a law version not in force today is shown under that version (--law).
        law = rule.law.get("from") if rule.law else None
        law = None if law == LAWS[0].id else law
        if law not in engines:
            engines[law] = Engine(registry, Settings(profiles=profiles, law=law))
        result = engines[law].check_path(path, shown)
        lines = [
            f"line {f.line}, column {f.column}" + (f", `{f.path}`" if f.path else "") + f": {f.message}"
            for f in result.findings
            if f.rule == rule.id
        ]
        examples[rule.id] = (shown, lines)
    return examples


def held_for_verification(rule: Rule) -> bool:
    """The statutory pack's stated convention: a statutory rule whose provision was not read
    at source (a citation with ``verified: false``) is held at warning until it is.
    """
    unverified = any(c.get("verified") is False for c in rule.citations)
    return rule.profile == "statutory" and rule.severity == "warning" and unverified


def _anchor(rule: Rule) -> str:
    return f"{rule.id}-{rule.slug}".lower()


def _section(rule: Rule, example: Example | None, with_examples: bool) -> list[str]:
    out = [f"## {rule.id} {rule.slug}", "", f"**{rule.title}**", ""]
    out.append(f"- Severity: {rule.severity}")
    out.append(f"- Profile: {rule.profile} (pack `{rule.pack}`" + ("" if rule.plugin.startswith("govcheck") else
                                                                 f", plugin `{rule.plugin}`") + ")")
    out.append(f"- Check: `{rule.check}`")
    if rule.guidance_version:
        out.append(f"- Guidance version: {rule.guidance_version}")
    if rule.severity_reason:
        out.append(f"- Why this severity: {rule.severity_reason}")
    elif held_for_verification(rule):
        out.append("- Why this severity: held at warning because a cited statutory provision is not verified")
    if rule.law:
        from govcheck import laws

        out.append("- Law: " + "; ".join(laws.history(rule)))
    out += ["", "Sources:", "", *(citations.reference_markdown(c) for c in citations.of_rule(rule)), ""]
    out += [f"Why: {rule.rationale}", "", f"How to comply: {shown_fix(rule.remediation)}", ""]
    if rule.params:
        out += ["Parameters:", "", "```yaml"]
        out += [f"{key}: {json.dumps(value, sort_keys=True)}" for key, value in sorted(rule.params.items())]
        out += ["```", ""]
    if not with_examples:
        pass
    elif example is None:
        out += ["Failing example: none yet.", ""]
    else:
        shown, lines = example
        if lines:
            out += [f"Failing example: `{shown}` gives", "", *(f"- {line}" for line in lines), ""]
        else:
            out += [f"Failing example: `{shown}` gives **no finding of this rule** (the fixture is wrong).", ""]
    return out


def render(rules: Iterable[Rule], examples: Mapping[str, Example] | None = None) -> str:
    """The whole reference as Markdown: an index table, then one section per rule (with its
    failing example when ``examples`` is given).
    """
    ordered: Sequence[Rule] = sorted(rules, key=lambda r: r.id)
    out = [HEADER, f"{len(ordered)} rules.", "", "| Rule | Severity | Profile | Title |", "|---|---|---|---|"]
    for rule in ordered:
        title = rule.title.replace("|", "\\|")
        out.append(f"| [{rule.id}](#{_anchor(rule)}) | {rule.severity} | {rule.profile} | {title} |")
    out.append("")
    for rule in ordered:
        out += _section(rule, (examples or {}).get(rule.id), examples is not None)
    return "\n".join(out).rstrip("\n") + "\n"


def render_checks(checks: Iterable[Check]) -> str:
    """The checks rules can name, with their parameters, for authors of rule packs."""
    out = [
        "# Checks",
        "",
        "What a rule in a pack can name under `check:`, and the `params:` each accepts",
        "(a parameter with no default is required).",
        "",
    ]
    for item in sorted(checks, key=lambda c: c.name):
        out += [f"### `{item.name}`", "", item.description or "(no description)", ""]
        for name, schema in sorted(item.params.items()):
            shape = {k: v for k, v in schema.items() if k not in ("default", "description")}
            line = f"- `{name}`: `{json.dumps(shape, sort_keys=True)}`"
            if "default" in schema:
                line += f", default `{json.dumps(schema['default'], sort_keys=True)}`"
            if schema.get("description"):
                line += f". {schema['description']}"
            out.append(line)
        if item.params:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def markdown(registry: Registry, fixtures: Path | None = None) -> str:
    """The reference for a loaded registry: the rules, with failing examples when fixtures
    are found, then the checks.
    """
    where = fixtures if fixtures is not None else default_fixtures_dir()
    examples = failing_examples(registry, where) if where is not None else None
    return render(registry.rules.values(), examples) + "\n" + render_checks(registry.checks.values())
