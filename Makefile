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

test: install lint
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder
