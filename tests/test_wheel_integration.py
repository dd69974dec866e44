"""Slow integration test: govcheck's wheel and the example plugin in a fresh virtual environment.

Builds govcheck's wheel and plugins/govcheck-hiow's wheel, creates one virtual environment
outside the checkout (under pytest's tmp_path), installs both there, runs the plugin's own
test suite with that environment's pytest, and runs `govcheck plugins` / `govcheck check`
to show the plugin's rules active. The docs tutorial then runs in the same environment with
the example plugin uninstalled (govcheck only, as a reader starts), and what the tutorial
installs is uninstalled after it. It runs in `make test` (the `slow` mark only labels it;
`pytest -m "not slow"` skips it for a quick loop).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT, install_env
from tests.docs_blocks import blocks, console_steps, output_matches

pytestmark = pytest.mark.slow

PLUGIN = ROOT / "plugins" / "govcheck-hiow"


@dataclass
class Venv:
    root: Path
    work: Path
    wheels: Path
    plugins: set[str]  # distributions installed besides govcheck and the test tools

    def plugin(self, name: str, installed: bool) -> None:
        """Install (from the built wheels) or uninstall the plugin distribution ``name``."""
        if (name in self.plugins) == installed:
            return
        if installed:
            _check(self.run("pip", "install", "-q", "--no-deps", str(next(self.wheels.glob(f"{name.replace('-', '_')}-*.whl")))))
            self.plugins.add(name)
        else:
            _check(self.run("pip", "uninstall", "-q", "-y", name))
            self.plugins.discard(name)

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def env(self) -> dict[str, str]:
        env = install_env({k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")})
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.root)
        return env

    def run(self, *args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
        """Run a program from the environment (``govcheck``, ``python``, ``pip``...) outside the checkout."""
        program = str(self.bin / args[0]) if (self.bin / args[0]).exists() else args[0]
        return subprocess.run(
            [program, *args[1:]],
            capture_output=True,
            text=True,
            cwd=cwd or self.work,
            env=self.env(),
            timeout=timeout,
        )

    def shell(self, command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, cwd=cwd, env=self.env(), timeout=600
        )


def _make_venv(root: Path) -> None:
    """A fresh virtual environment with pip: virtualenv (a pre-commit dependency) is ten times faster than venv."""
    try:
        import virtualenv  # noqa: F401
    except ImportError:
        command = [sys.executable, "-m", "venv", str(root)]
    else:
        command = [sys.executable, "-m", "virtualenv", "-q", "--no-periodic-update", str(root)]
    _check(subprocess.run(command, capture_output=True, text=True, timeout=300, env=install_env()))


def _check(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """The fresh environment: govcheck's wheel and the tools its tests and the tutorial use."""
    base = tmp_path_factory.mktemp("fresh")
    assert ROOT not in base.parents
    wheels = base / "wheels"
    _check(
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT), str(PLUGIN)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    )
    root = base / "venv"
    _make_venv(root)
    work = base / "work"
    work.mkdir()
    env = Venv(root, work, wheels, set())
    wheel = str(next(wheels.glob("govcheck-*.whl")))
    _check(env.run("pip", "install", "-q", wheel, "pytest", "hypothesis", "pre-commit"))
    return env


@pytest.fixture
def venv(environment: Venv) -> Venv:
    """The fresh environment with the example plugin installed (its wheel, as a user would)."""
    environment.plugin("govcheck-hiow", installed=True)
    return environment


def test_wheel_ships_the_rules_the_reference_and_the_pytest_plugin(venv: Venv) -> None:
    wheel = zipfile.ZipFile(next(venv.wheels.glob("govcheck-*.whl")))
    assert wheel.read("govcheck/data/reference.yaml") == REFERENCE.read_bytes()
    names = wheel.namelist()
    assert "govcheck/rules/statutory.yaml" in names
    assert "govcheck/testing/strategies.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "[pytest11]\ngovcheck = govcheck.testing.pytest_plugin" in wheel.read(entry_points).decode()


def test_the_installed_wheel_writes_html_from_its_templates(venv: Venv) -> None:
    names = zipfile.ZipFile(next(venv.wheels.glob("govcheck-*.whl"))).namelist()
    shipped = sorted(n for n in names if n.startswith("govcheck/templates/html/"))
    assert shipped == sorted(f"govcheck/templates/html/{p.name}" for p in (ROOT / "govcheck/templates/html").iterdir())
    compiled = next((ROOT / "govcheck/templates").glob("html-jinja2-*"))  # make docs writes it
    assert {n for n in names if n.startswith(f"govcheck/templates/{compiled.name}/")} == {
        f"govcheck/templates/{compiled.name}/{p.name}" for p in compiled.glob("*.py")
    }
    (venv.work / "reference.yaml").write_bytes(REFERENCE.read_bytes())
    page = _check(venv.run("govcheck", "check", "-f", "html", "--no-plugins", "reference.yaml")).stdout
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<div class="verdict v0" id="verdict">' in page
    assert page.endswith("</footer></div></main></body></html>\n")


def test_govcheck_runs_from_the_fresh_environment_not_the_checkout(venv: Venv) -> None:
    out = _check(venv.run("python", "-c", "import govcheck, govcheck_hiow; print(govcheck.__file__)"))
    assert Path(out.stdout.strip()).is_relative_to(venv.root)


def test_the_plugin_is_listed_with_its_version(venv: Venv) -> None:
    text = _check(venv.run("govcheck", "plugins"))
    assert (
        "hiow (govcheck-hiow 0.1.0)\n"
        "  hooks: govcheck_register_checks, govcheck_register_rule_packs\n"
        "  checks: hiow.council_political_engagement, hiow.place_hwb_footprint, hiow.city_partnership_accountable\n"
        "  rules: HIOW001, HIOW002, HIOW003, HIOW004\n"
    ) in text.stdout
    listed = json.loads(_check(venv.run("govcheck", "plugins", "--format", "json")).stdout)
    hiow = next(p for p in listed if p["name"] == "hiow")
    assert (hiow["distribution"], hiow["version"]) == ("govcheck-hiow", "0.1.0")


def test_the_plugin_tests_pass_with_the_installed_kit(venv: Venv) -> None:
    tests = venv.work / "hiow-tests"
    shutil.copytree(PLUGIN / "tests", tests)
    result = venv.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests), cwd=venv.work)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "9 passed" in result.stdout


def test_check_shows_the_hiow_rules_active(venv: Venv) -> None:
    doc = venv.work / "constitution.yaml"
    shutil.copy(REFERENCE, doc)
    text = venv.run("govcheck", "check", "constitution.yaml")
    assert text.returncode == 1, text.stderr
    assert text.stdout.splitlines()[0] == (
        "constitution.yaml:125:5: HIOW003 warning the partnership board of the city place 'Portbury' is not made "
        "responsible for the resources delegated to the city (partnership.responsible_for) "
        "[city-partnership-accountable]"
    )
    report = json.loads(venv.run("govcheck", "check", "-f", "json", "constitution.yaml").stdout)
    outcomes = {o["rule"]: o["status"] for o in report["documents"][0]["outcomes"]}
    assert {k: v for k, v in outcomes.items() if k.startswith("HIOW")} == {
        "HIOW001": "passed",
        "HIOW002": "passed",
        "HIOW003": "failed",
        "HIOW004": "passed",
    }
    assert _check(venv.run("govcheck", "check", "--no-plugins", "constitution.yaml")).stdout.endswith(
        "; result: compliant (profiles statutory, nhse-policy); the run passes (exit 0)\n"
    )
    assert venv.run("govcheck", "check", "--ignore", "HIOW", "constitution.yaml").returncode == 0


@pytest.fixture
def docs_venv(environment: Venv, tmp_path: Path) -> Iterator[Venv]:
    """The fresh environment with govcheck only (no example plugin), for the tutorial, in a
    directory of its own; what the tutorial installs (govcheck-boardsize) is removed after it."""
    environment.plugin("govcheck-hiow", installed=False)
    environment.plugins.add("govcheck-boardsize")  # pip install -e in the tutorial
    yield replace(environment, work=tmp_path)
    environment.plugin("govcheck-boardsize", installed=False)


def test_the_docs_tutorial_runs_as_written(docs_venv: Venv) -> None:
    """Every file block is written and every console command run in order, in a fresh environment."""
    work = docs_venv.work
    ran = 0
    trees = []
    for block in blocks():
        if block.kind == "file":
            path = work / block.tags["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body)
        elif block.kind == "tree":
            trees.append(block)
        elif block.kind == "console":
            for command, expected, code in console_steps(block):
                result = subprocess.run(
                    ["bash", "-c", command],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    cwd=work,
                    env=docs_venv.env(),
                    timeout=600,
                )
                where = f"docs/plugins.md:{block.line}: $ {command}"
                assert result.returncode == code, f"{where}\nexit {result.returncode}\n{result.stdout}"
                assert output_matches(expected, result.stdout.splitlines()), f"{where}\n{result.stdout}"
                ran += 1
    assert ran >= 10
    for block in trees:
        root = block.body.splitlines()[0].rstrip("/")
        for line in block.body.splitlines()[1:]:
            assert (work / root / line.strip()).is_file(), line
