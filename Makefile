# Two commands on a fresh machine: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m broadsheet.demo

test: $(STAMP)
	$(PY) -m pytest -q

# Benchmarks against peers need the optional [bench] extra (trafilatura, readability-lxml) and ../shared.
bench: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,dask,bench]'
	$(PY) -m broadsheet bench ../shared/bench/aeb
	$(PY) benchmarks/extract_vs_trafilatura.py
	$(PY) benchmarks/meta_vs_peers.py

clean:
	rm -rf $(VENV) build *.egg-info demo-output
