# Every documented way to work on jingwen. Each target sets up .venv itself when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The extractors the bench compares with, apart: readability-lxml 0.9 pins chardet < 6.
BASELINES := .venv-baselines
BASELINES_STAMP := $(BASELINES)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.db

.PHONY: install demo test lint typecheck bench goldens clean-venv

install: $(STAMP)

# Reinstall whenever pyproject.toml changes; editable, so the working tree is what runs.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,scrapy]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/jingwen clean samples --db $(DEMO_DB) --exclude 'expected.*'
	@echo
	@echo "Browse it:          $(BIN)/jingwen serve $(DEMO_DB)   then open http://127.0.0.1:8001"
	@echo "Search it here:     $(BIN)/jingwen search $(DEMO_DB) 书店   (finds 書店 too)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check cleaner archive tests bench
	$(BIN)/ruff format --check cleaner archive tests bench

typecheck: $(STAMP)
	$(BIN)/mypy cleaner archive

bench: $(STAMP) $(BASELINES_STAMP)
	JINGWEN_BASELINE_PYTHON=$(BASELINES)/bin/python $(BIN)/python -m bench --shared $(SHARED)

$(BASELINES_STAMP): bench/baselines.txt
	test -x $(BASELINES)/bin/python || $(PYTHON) -m venv $(BASELINES)
	$(BASELINES)/bin/python -m pip install --quiet -r bench/baselines.txt
	touch $(BASELINES_STAMP)

# Rewrite samples/*/expected.* from the current cleaner; review the diff before committing.
goldens: $(STAMP)
	$(BIN)/python -m tests.goldens

clean-venv:
	rm -rf $(VENV) $(BASELINES)
