# Two commands on a fresh machine: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dask,web,integrations]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m broadsheet.demo

# The browser tests need a Chromium; where none is found and we are root with apt-get, one
# quiet try to install Debian's (once: a failed try is not repeated); otherwise they skip.
test: $(STAMP)
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
	    && [ ! -e $(VENV)/.chromium-tried ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  touch $(VENV)/.chromium-tried; echo "make: installing chromium for the browser tests (apt-get)"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
	    || echo "make: chromium could not be installed; the browser tests will be skipped"; \
	fi
	$(PY) -m pytest -q

# Benchmarks against peers need the optional [bench] extra (trafilatura, readability-lxml) and ../shared.
bench: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,dask,bench]'
	$(PY) -m broadsheet bench ../shared/bench/aeb
	$(PY) benchmarks/extract_vs_trafilatura.py
	$(PY) benchmarks/meta_vs_peers.py

clean:
	rm -rf $(VENV) build *.egg-info demo-output
