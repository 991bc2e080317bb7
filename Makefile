# The two commands: `make run` (demo on SQLite) and `make test` (everything CI runs).
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test lint check-migrations pytest uv venv chromium benchmark clean

UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PY = .venv/bin/python
TEST_ENV = DJANGO_SETTINGS_MODULE=tests.settings

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --user --quiet uv || \
		{ echo "Could not install uv (python3 -m pip install --user uv failed)." >&2; exit 1; }

venv: uv
	@$(UV) sync --frozen --quiet

var/secret_key:
	@mkdir -p var
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key

run: venv var/secret_key
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	# The background worker (Django Tasks, database queue: staff emails from the client area)
	# runs beside the server and stops with it.
	DEBUG=true $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker' EXIT; \
		DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Browser tests never skip: install Debian's Chromium when it is missing (we run as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		fi; \
		command -v chromium >/dev/null 2>&1 || { echo "Chromium is missing and could not be installed: run 'apt-get install chromium' as root." >&2; exit 1; }; }
	@command -v pdftotext >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq poppler-utils >/dev/null; } || true

# lint-imports: the layers of docs/architecture.md (contracts in pyproject.toml); a wrong
# import fails here, before any test runs, naming the import chain.
lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache

check-migrations: venv
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# The suite runs in parallel (pytest-xdist), one worker per CPU; PYTEST_WORKERS=0 runs it in one
# process (easier to read a failing test's output).
PYTEST_WORKERS ?= auto
pytest: venv chromium
	.venv/bin/pytest -n $(PYTEST_WORKERS)

test: lint check-migrations pytest

# Against DATABASE_URL (build the data first: `manage.py seed_scale`, see README "Speed").
RUNS ?= 30
benchmark: venv
	$(TEST_ENV) $(PY) scripts/benchmark.py --runs $(RUNS)

clean:
	rm -rf .venv staticfiles test-artifacts
