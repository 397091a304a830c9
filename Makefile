# Sahabat UMKM: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAHABAT := $(BIN)/sahabat
HOST ?= 127.0.0.1
# Test processes; `make test TEST_WORKERS=0` runs in one process (easier to debug).
TEST_WORKERS ?= auto
PORT ?= 8000
APPS := $(patsubst sahabat/%/apps.py,%,$(wildcard sahabat/*/apps.py))

.PHONY: run test bench soak lint fmt messages install serve clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(SAHABAT) migrate --noinput
	$(SAHABAT) demo --if-empty
	$(SAHABAT) collectstatic --noinput --verbosity 0
	$(SAHABAT) serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: install
	$(BIN)/python -m bench

# Fault test, long form: the real server killed and restarted while clients send sales (tests/reliability).
# SOAK_SEED=N repeats the kills of an earlier run (each run prints its seed first).
SOAK_SECONDS ?= 600
soak: install
	$(BIN)/python -m tests.reliability.fault --seconds $(SOAK_SECONDS) --clients 4 --pause 3 20 \
		$(if $(SOAK_SEED),--seed $(SOAK_SEED))

lint: install
	$(BIN)/ruff check sahabat tests bench
	$(BIN)/ruff format --check sahabat tests bench

fmt: install
	$(BIN)/ruff check --fix sahabat tests bench
	$(BIN)/ruff format sahabat tests bench

# Refresh every app's Indonesian catalogue and compile it; the compiled .mo files are committed.
messages: install
	for app in $(APPS); do (cd sahabat/$$app && mkdir -p locale && ../../$(SAHABAT) makemessages -l id --no-obsolete --no-location >/dev/null); done
	for app in $(APPS); do (cd sahabat/$$app && ../../$(SAHABAT) compilemessages -l id >/dev/null); done

clean:
	rm -rf $(VENV) staticfiles
