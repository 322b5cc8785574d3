# Two entry points for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: site test serve import bench clean browser-deps node-deps golden

site: $(STAMP)
	$(BIN)/site-builder build
	@echo "Built public/ — open public/index.html, or run 'make serve' and visit http://127.0.0.1:8000/"

test: $(TSTAMP) browser-deps node-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the golden HTML pages after an intended change; review `git diff tests/golden`.
golden: $(TSTAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

serve: $(STAMP)
	$(BIN)/site-builder serve

import: $(STAMP)
	$(BIN)/site-builder import ../shared/gazette/zhengzhou-gazette-2016-08.txt

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml setup.py
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Debian's chromium for the browser tests; playwright's own browser download does not work here. fonts-noto-cjk
# draws the Chinese of the search page's screenshots (and what the layout tests measure) in real glyphs.
browser-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

# The standards checkers of tests/test_standards.py: the Nu Html Checker (run with Debian's Java) and axe-core.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's own is used instead.
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@missing=""; command -v java >/dev/null 2>&1 || missing="default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf public .site-builder .public.staging .public.old .public.lock
