# One command sets up and builds the site, one sets up and runs the tests.
#   make site   - create .venv, install pinned dependencies, generate pages, mkdocs build --strict
#   make test   - the same set-up, then the whole test suite
#   make serve  - preview with live reload (editing a seed refreshes its page)
#   make clean  - remove everything generated

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve clean lock generate help

help:
	@sed -n 's/^#   //p' Makefile

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Pinned versions come from requirements.lock; `make lock` refreshes it.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $@

# npm dev tools (Nu Html Checker, axe-core, Lighthouse, iframe-worker), pinned by
# package-lock.json; no install scripts run (none is needed, and none may download).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

generate: $(STAMP)
	$(BIN)/python -m build_site --strict

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/mkdocs serve

# Re-resolve every dependency to the newest version the ranges in pyproject.toml allow.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet '.[test]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^build-site' > requirements.lock
	rm -rf .venv-lock build *.egg-info

clean:
	rm -rf site site-offline build *.egg-info .pytest_cache .hypothesis
	rm -rf docs/index.md docs/sources docs/entities docs/timeline docs/claims docs/glossary docs/competitors docs/tables docs/data docs/.build_site
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

#   make bench  - scale and speed benchmark (synthetic corpora, 10 to 1,000 seeds) -> bench/RESULTS.md
#                 (BENCH_ARGS=--quick for a short trial run; see bench/README.md)
.PHONY: bench
bench: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m bench $(BENCH_ARGS)

#   make check-site - check the built site/: links, HTML (Nu Html Checker), accessibility (axe)
#   make offline    - a copy to open from disk, search included -> site-offline/
#   make lighthouse - Lighthouse scores of the home and a source page -> README.md
.PHONY: check-site offline lighthouse
check-site: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.check_site

offline: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.check_site.offline

lighthouse: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.check_site.lighthouse
