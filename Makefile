# Two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON_VERSION := 3.13
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=18080` serves there, and links in e-mails (SITE_URL) point there too.
PORT ?= 8000

.PHONY: run test lint format install clean messages bench

$(VENV)/.installed: pyproject.toml requirements.lock
	@command -v pyenv >/dev/null 2>&1 && ! pyenv which python$(PYTHON_VERSION) >/dev/null 2>&1 && pyenv install -s $(PYTHON_VERSION) || true
	@PYBIN=$$(command -v pyenv >/dev/null 2>&1 && pyenv which python$(PYTHON_VERSION) 2>/dev/null || command -v python$(PYTHON_VERSION)); \
	  test -n "$$PYBIN" || { echo "Python $(PYTHON_VERSION) nicht gefunden"; exit 1; }; \
	  test -x $(PY) || $$PYBIN -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The suite needs PostgreSQL (127.0.0.1:5432), Redis (127.0.0.1:6379) and Debian's chromium for
# the browser suite (tests/browser/); .ci/check-services names whichever is missing.
CHROMIUM ?= /usr/bin/chromium
# Extra pytest options, e.g. `make test PYTEST_ARGS=--junitxml=report.xml` (.ci/run uses it).
PYTEST_ARGS ?=
# pytest-xdist workers (one per core; 0 runs the suite in this one process). Tests that share
# a Redis database carry the same xdist_group and run on one worker.
PYTEST_WORKERS ?= 2

test: install
	@CHROMIUM=$(CHROMIUM) .ci/check-services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --numprocesses=$(PYTEST_WORKERS) --dist=loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Needs Debian's gettext (apt-get install gettext) – only here: the compiled .mo is committed, so
# `make run` and `make test` work without it. Extract, translate the new entries in
# locale/en/LC_MESSAGES/django.po, then run it again to compile.
MESSAGE_DIRS_IGNORED := --ignore=.venv --ignore=staticfiles --ignore=tests
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --no-location $(MESSAGE_DIRS_IGNORED)
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Load benchmark in the production configuration (PostgreSQL, Redis, gunicorn, wrk); see README.
bench: install
	$(PY) bench/run.py
