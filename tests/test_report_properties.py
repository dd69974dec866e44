"""Property tests: whatever the document says, every format renders, stays valid and escapes it."""

from __future__ import annotations

import json
import re

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from junitparser import JUnitXml

from govcheck.engine import Engine
from govcheck.plugins import load_registry
from tests.report_docs import reference_data
from tests.schema_oracle import REPORT, SARIF, assert_valid

REGISTRY = load_registry(entry_points=False)
ENGINE = Engine(REGISTRY)
OWNERS = st.sampled_from(["board", "c-undefined", "m-ceo", "c-audit", "place-harrow", "la-westmere"])
NASTY = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["<script>alert(1)</script>", "a & b <i>", "::error::x", "50%\r\nnext", "`|[x](y)@all", "\u202e"]),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    data = reference_data()
    members = data["board"]["members"]
    for i in draw(st.sets(st.integers(0, len(members) - 1), max_size=3)):
        members[i]["name"] = draw(NASTY)
    for place in data["places"]:
        partners = place["partnership"]["members"]
        drop = draw(st.sets(st.integers(0, len(partners) - 1), max_size=2))
        place["partnership"]["members"] = [m for j, m in enumerate(partners) if j not in drop]
        if draw(st.booleans()):
            place["name"] = draw(NASTY)
    if draw(st.booleans()):
        data["accountabilities"].append({"id": "f-dup", "function": draw(NASTY), "owner": draw(OWNERS)})
    if draw(st.booleans()):
        data["accountabilities"][0]["owner"] = draw(OWNERS)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_format_renders_valid_escaped_output(text: str) -> None:
    report = ENGINE.report([ENGINE.check_text(text, "drafts/constitution.yaml")])
    event("modelled" if report.documents[0].model is not None else "not modelled")
    event(f"{len(report.open_findings)} open findings")
    out = {name: reporter.render(report) for name, reporter in REGISTRY.reporters.items()}

    assert_valid(json.loads(out["json"]), REPORT)
    assert_valid(json.loads(out["sarif"]), SARIF)
    suites = list(JUnitXml.fromstring(out["junit"].split("\n", 1)[1].encode()))
    assert sum(len(list(s)) for s in suites) == len(report.documents[0].outcomes)

    annotations = [line for line in out["github"].splitlines() if line.startswith("::")]
    assert len(annotations) == len(report.open_findings)
    assert all(re.match(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^:,]*::", a) for a in annotations)

    assert "<script" not in out["markdown"].lower()
    page = out["html"].lower()
    assert "<script" not in page and " src=" not in page
    assert out["html"].count('<g class="seat"') == (
        0 if report.documents[0].model is None else len(report.documents[0].model.members) + 3
    )
