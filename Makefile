# The two commands a new user needs (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint docs

$(BIN)/govcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/govcheck

install: $(BIN)/govcheck

demo: install
	$(BIN)/govcheck check fixtures/valid/reference.yaml
	-$(BIN)/govcheck check fixtures/invalid/GOV101-board-statutory-membership.yaml

docs: install
	$(BIN)/python -m govcheck.schemadoc docs/format.md
	$(BIN)/govcheck rules --format markdown --no-plugins --output docs/rules.md
	$(BIN)/python -m govcheck.hookdocs docs/plugins.md
	$(BIN)/python -m govcheck.options docs/configuration.md
	$(BIN)/python -m govcheck.reporters.html_report  # the HTML templates, compiled by Jinja2

lint: install
	$(BIN)/ruff check .

# Three workers on two cores: the real servers, browsers and fresh environments spend part of
# their time waiting, and a third worker fills it (~10% less wall time than -n 2, measured).
# mypy --strict runs as a test (tests/test_types.py), beside the others.
test: install lint
	$(BIN)/python -m pytest -q -n 3 --dist loadfile --no-loadscope-reorder
