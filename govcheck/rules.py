"""Rules (policy) and rule packs: YAML files that name rules, their checks and citations."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from govcheck import options
from govcheck.errors import ConfigError
from govcheck.findings import SEVERITIES
from govcheck.laws import BY_ID as _LAWS
from govcheck.validate import Validator

LAW_IDS = tuple(_LAWS)
PROFILES = ("core", "statutory", "nhse-policy", "good-practice", "health-and-prosperity")
DEFAULT_PROFILES: tuple[str, ...] = options.BY_NAME["profiles"].default

_TEXT = {"type": "string", "minLength": 1}
_RULE_ID = {"type": "string", "pattern": "^[A-Z][A-Z0-9]*[0-9]+$"}
# A statutory rule's law: the version it comes from, the version that ends it (if any),
# the provision it enforces, and whether that provision's text was read (govcheck/laws.py).
LAW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["from", "provision", "text_read"],
    "properties": {
        "from": {"enum": list(LAW_IDS)},
        "until": {"enum": list(LAW_IDS)},
        "ends": _TEXT,
        "provision": _TEXT,
        "text_read": {"type": "boolean"},
        "replaces": _RULE_ID,
        "replaced_by": _RULE_ID,
    },
}
PACK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["pack", "rules"],
    "properties": {
        "pack": _TEXT,
        "description": _TEXT,
        "profile": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        # The pack's own test cases, run by `govcheck verify` (govcheck/verify.py).
        "examples": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["expect"],
                "properties": {
                    "name": _TEXT,
                    "patch": {"type": "object"},
                    "document": _TEXT,
                    "expect": {
                        "type": "array",
                        "items": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*[0-9]+( /.*)?$"},
                    },
                },
            },
        },
        "rules": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "slug", "title", "severity", "check", "citations", "rationale", "remediation"],
                "properties": {
                    "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*[0-9]+$"},
                    "slug": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
                    "title": _TEXT,
                    "severity": {"enum": list(SEVERITIES)},
                    "profile": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
                    "check": _TEXT,
                    "params": {"type": "object"},
                    "citations": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["source"],
                            "properties": {"source": _TEXT, "url": _TEXT, "verified": {"type": "boolean"}},
                        },
                    },
                    "rationale": _TEXT,
                    "remediation": _TEXT,
                    "guidance_version": _TEXT,
                    "severity_reason": _TEXT,
                    "law": LAW_SCHEMA,
                },
            },
        },
    },
}


class Rule(NamedTuple):
    """A rule: which check to run with which parameters, and why."""

    id: str
    slug: str
    title: str
    severity: str
    profile: str
    check: str
    params: Mapping[str, Any]
    citations: tuple[Mapping[str, Any], ...]
    rationale: str
    remediation: str
    pack: str
    plugin: str = "govcheck"
    guidance_version: str = ""
    severity_reason: str = ""  # why the severity differs from the profile's usual one
    source: str = ""
    law: Mapping[str, Any] | None = None  # see LAW_SCHEMA; None: not tied to a law version

    @property
    def citation(self) -> str:
        """All citations in one line, as shown next to a finding."""
        return "; ".join(c["source"] for c in self.citations)

    @property
    def citation_url(self) -> str:
        """The citations' web addresses (``url``), space-separated, in citation order."""
        return " ".join(c["url"] for c in self.citations if c.get("url"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "slug": self.slug,
            "title": self.title,
            "severity": self.severity,
            "profile": self.profile,
            "check": self.check,
            "params": dict(self.params),
            "citations": [dict(c) for c in self.citations],
            "rationale": self.rationale,
            "remediation": self.remediation,
            "pack": self.pack,
            "plugin": self.plugin,
            **({"law": dict(self.law)} if self.law else {}),
        }


def parse_pack(source: str | Path | Mapping[str, Any], plugin: str) -> list[Rule]:
    """Validate a rule pack's structure and return its rules (checks are resolved later).

    A pack file that parsed and validated before, unchanged since, comes from the cache
    (govcheck/packcache.py) without parsing or validating it again."""
    if isinstance(source, Mapping):
        where, data = "<mapping>", source
        _validate_pack(where, data, plugin)
    else:
        where, data = str(source), read_pack(Path(source), plugin)
    default_profile = data.get("profile", "")
    rules = []
    for i, item in enumerate(data["rules"]):
        profile = item.get("profile", default_profile)
        if not profile:
            raise ConfigError(
                f"rule pack {locate(f'{where}#/rules/{i}')} (plugin {plugin!r}): rule {item['id']} has no profile; "
                "give the pack or the rule a profile"
            )
        rules.append(
            Rule(
                id=item["id"],
                slug=item["slug"],
                title=item["title"],
                severity=item["severity"],
                profile=profile,
                check=item["check"],
                params=dict(item.get("params") or {}),
                citations=tuple(item["citations"]),
                rationale=" ".join(item["rationale"].split()),
                remediation=" ".join(item["remediation"].split()),
                pack=data["pack"],
                plugin=plugin,
                guidance_version=item.get("guidance_version", ""),
                severity_reason=" ".join(item.get("severity_reason", "").split()),
                source=f"{where}#/rules/{i}",
                law=item.get("law"),
            )
        )
    return rules


def read_pack(path: Path, plugin: str) -> Mapping[str, Any]:
    """A pack file's content, validated against PACK_SCHEMA (from the cache when unchanged)."""
    from govcheck import loader, packcache
    from govcheck.fileio import read_small

    code = (loader.__file__, __file__)  # what parses and validates a pack: a change means parsing again
    try:
        stat = path.stat()
        data = packcache.get(path, stat, code)
        if data is None:
            data = _load_pack(path, read_small(path, loader.DEFAULT_LIMITS.max_bytes, "rule pack"))
            _validate_pack(str(path), data, plugin)
            packcache.put(path, stat, data, code)
    except OSError as exc:
        raise ConfigError(f"rule pack {path}: cannot read: {exc.strerror}") from None
    return data


def locate(source: str, below: str = "") -> str:
    """``file:line:column`` of a rule (``source`` is ``file#/rules/N``) or of a part of it.

    ``below`` is a JSON Pointer inside the rule (``/params/where/votng``); the position is
    of the deepest part that exists. Read again from the file, only to report an error."""
    file, hashed, pointer = source.partition("#")
    if file.startswith("<") or not hashed:
        return source + below
    from govcheck.loader import load_bytes

    try:
        doc = load_bytes(Path(file).read_bytes(), file)
    except OSError:
        return source + below
    line, col = doc.position((pointer + below).rstrip("/"), key=bool(below))
    import os

    try:
        shown = os.path.relpath(file) if os.path.isabs(file) else file
    except ValueError:  # another drive (Windows)
        shown = file
    return f"{shown if not shown.startswith('..') else file}:{line}:{col}"


def _load_pack(path: Path, raw: bytes) -> Mapping[str, Any]:
    from govcheck.loader import load_bytes

    doc = load_bytes(raw, str(path))
    said = doc.problems[0].message if doc.problems else ""
    if said.startswith(("document is empty", "top level is")):
        shown = "empty" if said.startswith("document") else said.split(":")[0].removeprefix("top level is ")
        raise ConfigError(
            f"rule pack {path}:1:1: the file is {shown}, not a rule pack: a rule pack is a mapping with 'pack' (its name) "
            "and 'rules' (a list of rules), see docs/plugins.md"
        )
    if doc.problems or not doc.loaded:
        first = doc.problems[0] if doc.problems else None
        where = f":{first.line}:{first.column}" if first else ""
        message = first.message if first else "not a mapping"
        raise ConfigError(f"rule pack {path}{where}: {message}")
    pack: Mapping[str, Any] = doc.data  # loaded without problems: a mapping
    return pack


def _validate_pack(where: str, data: Mapping[str, Any], plugin: str) -> None:
    errors = Validator(PACK_SCHEMA).errors(data)
    if errors:
        err = errors[0]
        at = locate(f"{where}#", err.path or "/") if not where.startswith("<") else where
        shown = at if at != f"{where}#{err.path or '/'}" else where
        raise ConfigError(f"rule pack {shown} (plugin {plugin!r}): {err.path or '/'}: {err.message}")


FIELD = "{field}"


def fix_for(remediation: str, path: str) -> str:
    """A rule's fix text for a finding at ``path``: ``{field}`` in it names the key the finding
    is at (``first_appointed`` for ``/board/members/5/appointment/first_appointed``; the list
    for an item of it), so the fix names the thing that is wrong; at the document itself, "the
    document". Other braces are left as written."""
    if FIELD not in remediation:
        return remediation
    keys = [t for t in path.split("/") if t and not t.isdigit()]
    return remediation.replace(FIELD, f"`{keys[-1].replace('~1', '/').replace('~0', '~')}`" if keys else "the document")


def shown_fix(remediation: str) -> str:
    """A rule's fix text shown without a finding (docs/rules.md, ``rules show``)."""
    return remediation.replace(FIELD, "the key named in the finding")
