# Gongzhi 共治 — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
WS_PORT ?= 8001
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# Python keeps compiled modules (__pycache__): some machines set PYTHONDONTWRITEBYTECODE,
# which made every process (test workers, the servers and commands tests start) compile
# the whole of Django, Wagtail and the project from source, about 10 s of CPU each.
# uv compiles the installed packages once at install.
unexport PYTHONDONTWRITEBYTECODE
export UV_COMPILE_BYTECODE := 1
PY := .venv/bin/python
UV := .uv/bin/uv
MANAGE := $(PY) manage.py
# Test processes (pytest-xdist); `auto` is one per core. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadgroup
# Which browser tests `make test` runs (all of them). CI's PostgreSQL run sets
# E2E_SELECT='e2e and realtime': the journeys over websockets (Redis channel layer);
# the others ran in its SQLite run (see .ci/run).
E2E_SELECT ?= e2e
# Which other tests it runs; CI's PostgreSQL run leaves out those that read no
# database (marker `dbfree`), which the SQLite run has checked.
TEST_SELECT ?= not e2e
# Written after `npm ci` (npm gives package files fixed old times, so they cannot serve).
NODE_STAMP := node_modules/.installed-from-lock

.PHONY: help install install-dev run serve demo-data messages lint format test e2e bench check-deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	@PYTHON=$$(scripts/find-python) || exit 1; \
	echo "Using $$PYTHON to bootstrap uv"; \
	$$PYTHON -m venv .uv && .uv/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV) ## Install the site's dependencies into .venv (from uv.lock)
	@PYTHON=$$(scripts/find-python) || exit 1; \
	$(UV) sync --frozen --no-dev --inexact --python "$$PYTHON"

install-dev: $(UV) $(NODE_STAMP) ## Install everything, dev and test tools included (axe-core too)
	@PYTHON=$$(scripts/find-python) || exit 1; \
	$(UV) sync --frozen --python "$$PYTHON"

# The browser tests' accessibility checker (axe-core) comes from the npm registry,
# pinned in package-lock.json; installed again when the lock changes or node_modules
# is gone. Debian's nodejs and npm are installed when npm is missing and we are root.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null)) || \
	  (echo "npm is missing: install nodejs and npm (apt-get install nodejs npm)" && exit 1)
	npm ci --no-audit --no-fund
	@touch $@

messages: ## Compile the translation catalogues
	@command -v msgfmt >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)) || \
	  (echo "msgfmt is missing: install gettext (apt-get install gettext)" && exit 1)
	$(MANAGE) compilemessages --ignore=.venv --ignore=.uv --ignore=node_modules -v 0

demo-data: ## Load the demo data (idempotent)
	$(MANAGE) seed_demo

run: install messages ## Install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo
	@echo "Starting the task worker, the scheduler and the site on http://127.0.0.1:$(PORT) (Ctrl-C stops all)"
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) run_worker --queue-name '*' & \
	$(MANAGE) run_scheduler & \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# `make serve` keeps each process running: `supervise NAME CMD...` starts CMD again
# RESTART_DELAY seconds after it exits, for whatever reason (a crash, a kill, a
# database that was away at start-up); Ctrl-C or SIGTERM to make stops them all.
# The worker and the scheduler also survive database outages on their own.
RESTART_DELAY ?= 2
serve: install messages ## Production-like set: gunicorn (HTML), daphne (websockets), task worker, scheduler; restarts any that dies
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) collectstatic --no-input -v 0
	@trap 'kill 0' EXIT INT TERM; \
	export DJANGO_SETTINGS_MODULE=config.settings.production WEBSOCKET_BASE_URL=$${WEBSOCKET_BASE_URL-ws://127.0.0.1:$(WS_PORT)}; \
	supervise() { name=$$1; shift; while true; do "$$@"; echo "[serve] $$name exited with status $$?; restarting in $(RESTART_DELAY)s" >&2; sleep $(RESTART_DELAY); done; }; \
	supervise daphne .venv/bin/daphne -b 127.0.0.1 -p $(WS_PORT) config.asgi:application & \
	supervise worker $(MANAGE) run_worker --queue-name '*' & \
	supervise scheduler $(MANAGE) run_scheduler & \
	supervise web .venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} \
	  --access-logfile - --forwarded-allow-ips='127.0.0.1'

lint: install-dev ## Ruff check and format check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install-dev ## Format the code
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

test: install-dev messages ## Install everything and run the whole suite (browser tests too)
	@if [ -x /usr/bin/chromium ]; then \
	  status=0; \
	  .venv/bin/pytest -m "$(TEST_SELECT)" $(PYTEST_PARALLEL) --create-db --reuse-db $(PYTEST_ARGS) || status=1; \
	  echo "--- browser journeys (chromium), on the test databases just made ---"; \
	  .venv/bin/pytest -m "$(E2E_SELECT)" $(PYTEST_PARALLEL) --reuse-db $(filter-out --create-db,$(PYTEST_ARGS)) || status=1; \
	  exit $$status; \
	else \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! BROWSER TESTS NOT RUN: /usr/bin/chromium is missing."; \
	  echo "!! Install it with:  apt-get update && apt-get install -y chromium"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo ""; \
	  .venv/bin/pytest -m "not e2e" $(PYTEST_PARALLEL) $(PYTEST_ARGS); \
	  echo "!! BROWSER TESTS NOT RUN: install chromium (apt-get install -y chromium) and run make test again."; \
	fi

e2e: install-dev messages ## Run only the browser tests
	.venv/bin/pytest -m e2e $(PYTEST_PARALLEL) $(PYTEST_ARGS)

bench: install-dev messages ## Benchmark pages against the /healthz floor (see docs/benchmarks.md)
	$(PY) bench/run.py $(BENCH_ARGS)

check-deploy: install ## Django's deployment checks with production settings
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9)} \
	  ALLOWED_HOSTS=$${ALLOWED_HOSTS:-gongzhi.example.org} \
	  FIELD_ENCRYPTION_KEYS=$${FIELD_ENCRYPTION_KEYS:-$$($(PY) -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")} \
	  $(MANAGE) check --deploy --fail-level WARNING

clean: ## Remove the virtual environments and local data
	rm -rf .venv .uv var
