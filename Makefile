# Two entry points a new user needs:
#   make demo   sets up a virtual environment and serves the web app with demo data (SQLite)
#   make test   sets up a virtual environment and runs the whole test suite
# The interpreter the virtual environment is made from: the distribution's own Python 3 when it
# is 3.11 or newer and can make virtual environments, else the first python3 on the PATH.
# Distributions build their Python with profile-guided and link-time optimisation; an
# interpreter compiled without them (pyenv's default build, for one) runs the analysis engine
# about a fifth slower. PYTHON=/path/to/python3 chooses another.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import ensurepip, sys; print(sys.executable if sys.version_info >= (3, 11) else "")' 2>/dev/null)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist workers; CI machines have two cores
JOBS   ?= auto

.PHONY: demo test venv clean bench

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("forcereview needs Python 3.11 or newer, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The app (with speech-to-text and the task queue), then what the tests add to it.
APP_STAMP := $(VENV)/.installed-app

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[speech,queue]'
	touch $(APP_STAMP)

$(STAMP): $(APP_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,speech,queue]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(APP_STAMP)
	$(BIN)/forcereview demo --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

bench: $(STAMP)
	for f in bench/[!_]*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
