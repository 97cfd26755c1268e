# The two commands of the README's quick start, and the steps they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test browser lint clean

# Build the site from the bundled content into site/.
site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/playbook-gen build

# Run every test, browser tests included (installs Debian's Chromium when it is missing).
test: $(STAMP) browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.0.1
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,engines]"
	touch $(STAMP)

browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Chromium for the browser tests (apt-get)"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check playbook_gen tests bench
	$(BIN)/ruff format --check playbook_gen tests bench

clean:
	rm -rf site $(VENV) build dist *.egg-info
