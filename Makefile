# The two commands of the README:
#   make warehouse   install everything and build warehouse.duckdb from the shipped reports
#   make test        install everything and run the tests
# WAREHOUSE_CORPUS / WAREHOUSE_DB point `make warehouse` at another corpus or file.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install native warehouse test bench bench-adversarial clean

install: $(VENV)/.installed native

# the compiled stages of the loaders (native/, Rust; skipped with a message where no Rust
# toolchain is at hand: the loaders then run their Python, with the same rows)
native: $(VENV)/.installed
	scripts/build_native.sh $(BIN)/python

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	UV_COMPILE_BYTECODE=1 $(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[test]" \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

warehouse: install
	$(BIN)/keji build

test: install
	$(BIN)/python -m pytest

# BENCH_SIZES=10,100,1000 adds the 1 GB corpus; results in /tmp/keji-bench (BENCH_OUT)
BENCH_OUT ?= /tmp/keji-bench

bench: install $(VENV)/.bench-installed
	$(BIN)/python -m bench.run --out $(BENCH_OUT)

$(VENV)/.bench-installed: pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[test,bench]" \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	touch $@

# loaders' time per MB on adversarial text, 1 KB to 10 MB (MAX_MB=1 for a quick run)
MAX_MB ?= 10
bench-adversarial: install
	$(BIN)/python -m bench.adversarial --max-mb $(MAX_MB)

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs warehouse.duckdb native/target loaders/keji_native*.so
