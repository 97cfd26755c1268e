# The two commands of the README's quick start, and the steps they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DECAP_SERVER := tools/decap-server/node_modules/.bin/decap-server
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: site test browser lint clean

# Build the site from the bundled content into site/.
site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/playbook-gen build

# Run every test, browser tests included (installs Debian's Chromium when it is missing).
test: $(STAMP) browser $(DECAP_SERVER)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

$(STAMP): pyproject.toml constraints.txt tools/bundle_decap.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.0.1
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,engines]"
	$(BIN)/python tools/bundle_decap.py
	touch $(STAMP)

browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Chromium for the browser tests (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Decap CMS's local proxy (pinned by tools/decap-server/package-lock.json): local editing and
# its browser test need it, and Node.js for it alone.
$(DECAP_SERVER): tools/decap-server/package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Node.js for decap-server (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --prefix tools/decap-server --no-audit --no-fund --loglevel=error
	touch $(DECAP_SERVER)

lint: $(STAMP)
	$(BIN)/ruff check playbook_gen tests bench tools
	$(BIN)/ruff format --check playbook_gen tests bench tools

clean:
	rm -rf site $(VENV) build dist *.egg-info
