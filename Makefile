# Two commands do all set-up on a fresh clone:
#   make run   - venv + install + build the index if missing/stale + serve the UI on 127.0.0.1:7860
#   make test  - system packages (scripts/sysdeps) + venv + install (incl. test deps) + every test,
#                the browser test included
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/pip --disable-pip-version-check -q
HOST   ?= 127.0.0.1
PORT   ?= 7860

.PHONY: run test test-fast sysdeps install index lint eval bench soak clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -c constraints.txt -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Chromium, CJK fonts, a C compiler: present -> nothing happens; missing -> installed
# (root with apt) or named with the command that installs them, before any test runs
sysdeps:
	@scripts/sysdeps

index: install
	$(BIN)/assistant index build --if-stale

run: index
	$(BIN)/assistant serve --host $(HOST) --port $(PORT)

test: sysdeps install
	$(BIN)/assistant index build --if-stale
	$(BIN)/python -m pytest

test-fast: install  # everything but the model/CLI/server/browser tests (marked slow)
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check assistant ui tests bench

eval: index
	$(BIN)/assistant eval --config all --out eval/runs/latest
	$(BIN)/assistant eval --questions eval/probes/questions.jsonl --conversations eval/probes/conversations.jsonl --split dev --config full --out eval/runs/probes
	$(BIN)/assistant eval --questions eval/probes2/questions.jsonl --conversations eval/probes2/conversations.jsonl --split dev --config full --out eval/runs/probes2
	$(BIN)/assistant eval --questions eval/probes3/questions.jsonl --conversations eval/probes3/conversations.jsonl --split dev --config full --out eval/runs/probes3
	$(BIN)/assistant eval --questions eval/probes4/questions.jsonl --conversations eval/probes4/conversations.jsonl --split dev --config full --out eval/runs/probes4
	$(BIN)/assistant eval --questions eval/probes5/questions.jsonl --conversations eval/probes5/conversations.jsonl --split dev --config full --out eval/runs/probes5
	$(BIN)/assistant eval --questions eval/probes6/questions.jsonl --conversations eval/probes6/conversations.jsonl --split dev --config full --out eval/runs/probes6
	$(BIN)/assistant eval --questions eval/probes7/questions.jsonl --conversations eval/probes7/conversations.jsonl --split dev --config full --out eval/runs/probes7
	$(BIN)/assistant eval --questions eval/probes8/questions.jsonl --conversations eval/probes8/conversations.jsonl --split dev --config full --out eval/runs/probes8
	$(BIN)/assistant eval --questions eval/probes9/questions.jsonl --conversations eval/probes9/conversations.jsonl --split dev --config full --out eval/runs/probes9
	$(BIN)/assistant eval --questions eval/probes10/questions.jsonl --conversations eval/probes10/conversations.jsonl --split dev --config full --out eval/runs/probes10
	$(BIN)/assistant eval --questions eval/probes11/questions.jsonl --conversations eval/probes11/conversations.jsonl --split dev --config full --out eval/runs/probes11
	$(BIN)/assistant eval --questions eval/probes12/questions.jsonl --conversations eval/probes12/conversations.jsonl --split dev --config full --out eval/runs/probes12
	$(BIN)/assistant eval --questions eval/probes13/questions.jsonl --conversations eval/probes13/conversations.jsonl --split dev --config full --out eval/runs/probes13
	$(BIN)/assistant eval --questions eval/probes14/questions.jsonl --conversations eval/probes14/conversations.jsonl --split dev --config full --out eval/runs/probes14
	$(BIN)/assistant eval --questions eval/probes15/questions.jsonl --conversations eval/probes15/conversations.jsonl --split dev --config full --out eval/runs/probes15
	$(BIN)/assistant eval --questions eval/probes16/questions.jsonl --conversations eval/probes16/conversations.jsonl --split dev --config full --out eval/runs/probes16
	$(BIN)/assistant eval --questions eval/probes17/questions.jsonl --conversations eval/probes17/conversations.jsonl --split dev --config full --out eval/runs/probes17
	$(BIN)/assistant eval --questions eval/probes18/questions.jsonl --conversations eval/probes18/conversations.jsonl --split dev --config full --out eval/runs/probes18
	$(BIN)/assistant eval --questions eval/probes19/questions.jsonl --conversations eval/probes19/conversations.jsonl --split dev --config full --out eval/runs/probes19
	$(BIN)/assistant eval --questions eval/probes20/questions.jsonl --conversations eval/probes20/conversations.jsonl --split dev --config full --out eval/runs/probes20
	$(BIN)/assistant eval --questions eval/probes21/questions.jsonl --conversations eval/probes21/conversations.jsonl --split dev --config full --out eval/runs/probes21
	$(BIN)/assistant eval --questions eval/probes22/questions.jsonl --conversations eval/probes22/conversations.jsonl --split dev --config full --out eval/runs/probes22
	$(BIN)/assistant eval --questions eval/probes23/questions.jsonl --conversations eval/probes23/conversations.jsonl --split dev --config full --out eval/runs/probes23
	$(BIN)/assistant eval --questions eval/probes24/questions.jsonl --conversations eval/probes24/conversations.jsonl --split dev --config full --out eval/runs/probes24
	$(BIN)/assistant eval --questions eval/probes25/questions.jsonl --conversations eval/probes25/conversations.jsonl --split dev --config full --out eval/runs/probes25
	$(BIN)/assistant eval --questions eval/probes26/questions.jsonl --conversations eval/probes26/conversations.jsonl --split dev --config full --out eval/runs/probes26
	$(BIN)/assistant eval --questions eval/probes27/questions.jsonl --conversations eval/probes27/conversations.jsonl --split dev --config full --out eval/runs/probes27
	$(BIN)/assistant eval --questions eval/probes28/questions.jsonl --conversations eval/probes28/conversations.jsonl --split dev --config full --out eval/runs/probes28
	$(BIN)/assistant eval --questions eval/probes29/questions.jsonl --conversations eval/probes29/conversations.jsonl --split dev --config full --out eval/runs/probes29
	$(BIN)/assistant eval --questions eval/probes30/questions.jsonl --conversations eval/probes30/conversations.jsonl --split dev --config full --out eval/runs/probes30
	$(BIN)/assistant eval --questions eval/probes31/questions.jsonl --conversations eval/probes31/conversations.jsonl --split dev --config full --out eval/runs/probes31
	$(BIN)/assistant eval --questions eval/probes32/questions.jsonl --conversations eval/probes32/conversations.jsonl --split dev --config full --out eval/runs/probes32
	$(BIN)/assistant eval --questions eval/probes33/questions.jsonl --conversations eval/probes33/conversations.jsonl --split dev --config full --out eval/runs/probes33
	$(BIN)/assistant eval --questions eval/probes34/questions.jsonl --conversations eval/probes34/conversations.jsonl --split dev --config full --out eval/runs/probes34
	$(BIN)/assistant eval --questions eval/probes35/questions.jsonl --conversations eval/probes35/conversations.jsonl --split dev --config full --out eval/runs/probes35
	$(BIN)/assistant eval --questions eval/probes36/questions.jsonl --conversations eval/probes36/conversations.jsonl --split dev --config full --out eval/runs/probes36
	$(BIN)/assistant eval --questions eval/probes37/questions.jsonl --conversations eval/probes37/conversations.jsonl --split dev --config full --out eval/runs/probes37
	$(BIN)/assistant eval --questions eval/probes38/questions.jsonl --conversations eval/probes38/conversations.jsonl --split dev --config full --out eval/runs/probes38
	$(BIN)/assistant eval --questions eval/probes39/questions.jsonl --conversations eval/probes39/conversations.jsonl --split dev --config full --out eval/runs/probes39
	$(BIN)/assistant eval --questions eval/probes40/questions.jsonl --conversations eval/probes40/conversations.jsonl --split dev --config full --out eval/runs/probes40
	$(BIN)/assistant eval --questions eval/probes41/questions.jsonl --conversations eval/probes41/conversations.jsonl --split dev --config full --out eval/runs/probes41
	$(BIN)/assistant eval --questions eval/probes42/questions.jsonl --conversations eval/probes42/conversations.jsonl --split dev --config full --out eval/runs/probes42
	$(BIN)/assistant eval --questions eval/probes43/questions.jsonl --conversations eval/probes43/conversations.jsonl --split dev --config full --out eval/runs/probes43
	$(BIN)/assistant eval --questions eval/probes44/questions.jsonl --conversations eval/probes44/conversations.jsonl --split dev --config full --out eval/runs/probes44
	$(BIN)/assistant eval --questions eval/probes45/questions.jsonl --conversations eval/probes45/conversations.jsonl --split dev --config full --out eval/runs/probes45
	$(BIN)/python -m assistant.evaluate readme eval/runs/latest README.md

bench: index
	$(BIN)/python -m bench.run --out bench
	$(BIN)/python -m bench.api_load --out bench/api_load.json

soak: index
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) index/default index/*/ index/*.tmp* .pytest_cache
