# kzportal — the two set-up commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
TEST_SECRET := insecure-key-for-tests-only-0123456789-abcdefghijklmnopqrstuvwxyz

.PHONY: run dev serve-setup backup test lint check pytest bench observatory lighthouse messages clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    - set up (venv, install, migrate, launch content, editor account) and serve with gunicorn + the task worker on $${HOST:-127.0.0.1}:$(PORT)"
	@echo "make dev    - the same set-up, then Django's development server with autoreload (tasks run in-process)"
	@echo "make test   - lint, system checks, migration check and the whole pytest suite"
	@echo "make fuzz   - the fuzz suite with 1,000 examples for every public endpoint (about an hour of CPU; CI runs a budgeted pass)"
	@echo "make lighthouse - Lighthouse scores (mobile) of six public pages; fails under 95 performance or 100 elsewhere"
	@echo "make backup - write a backup of the database to backups/ (manage.py backup)"
	@echo "make messages - update the Russian and Kazakh catalogues from the code (needs GNU gettext) and recompile them"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# A per-checkout secret, generated once and never committed.
.secret_key: | $(BIN)/python
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

# make run/dev serve plain HTTP on 127.0.0.1 (KZ_LOCAL_HTTP=1, refused for public hosts)
# with the checkout's generated key (KZ_SECRET_KEY_FILE); production sets neither.
LOCAL_TARGETS := serve-setup run dev backup
$(LOCAL_TARGETS): export KZ_LOCAL_HTTP = 1
$(LOCAL_TARGETS): export KZ_SECRET_KEY_FILE = $(CURDIR)/.secret_key

serve-setup: $(VENV)/.runtime .secret_key
	@set -e; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	$(BIN)/python manage.py load_launch_content; \
	$(BIN)/python manage.py ensure_editor

# gunicorn (workers from the CPU count, HOST/PORT, timeouts in kzportal/gunicorn.conf.py)
# in the foreground, the task worker beside it; stopping one stops both.
run: serve-setup
	@export PORT=$(PORT); \
	echo "Serving on http://$${HOST:-127.0.0.1}:$(PORT)/ (admin: http://$${HOST:-127.0.0.1}:$(PORT)/admin/)"; \
	$(BIN)/python manage.py run_huey --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config kzportal/gunicorn.conf.py; status=$$?; \
	exit $$status

# For developers: autoreload, debug pages, tasks run inside the request (no worker).
dev: serve-setup
	DEBUG=$${DEBUG:-1} KZ_TASKS_IMMEDIATE=1 $(BIN)/python manage.py runserver $${HOST:-127.0.0.1}:$(PORT)

backup: $(VENV)/.runtime .secret_key
	@mkdir -p backups
	$(BIN)/python manage.py backup backups/kzportal-$$(date -u +%Y%m%dT%H%M%SZ).backup

lint: $(VENV)/.dev
	$(BIN)/ruff check .

check: $(VENV)/.dev
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python manage.py check --fail-level WARNING
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs on every core (pytest-xdist), one test file per worker at a time so a
# module's shared fixtures (the launch dataset) load once. `make pytest PYTEST_ARGS=...`
# replaces these, e.g. for the serial server tests (-m ops).
PYTEST_ARGS ?= -n auto --dist loadfile
pytest: $(VENV)/.dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

# The fuzz suite with 1,000 examples for every endpoint (CI gives pages that read only a
# page number or a slug 200; see tests/security/fuzzing.py). About an hour of CPU.
fuzz: $(VENV)/.dev
	HYPOTHESIS_PROFILE=full $(BIN)/pytest $(PYTEST_ARGS) tests/security/test_fuzz_pages.py tests/security/test_fuzz_paths.py tests/security/test_fuzz_forms.py

# Pages at 100 and 10,000 articles under gunicorn (data sets cached in var/bench/;
# BENCH_SIZES=100,10000,100000 adds the large one), then citations and search.
bench: $(VENV)/.dev
	$(BIN)/python scripts/bench_pages.py --sizes $${BENCH_SIZES:-100,10000}
	KZ_LOCAL_HTTP=1 SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python scripts/bench_citations.py
	KZ_LOCAL_HTTP=1 SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python scripts/bench_search.py

# MDN HTTP Observatory scores of a production-configured TLS gunicorn (needs node/npm, openssl).
observatory: $(VENV)/.dev
	scripts/observatory.sh

# Lighthouse (npm, pinned, installed into var/node/) in Debian's headless Chromium, mobile
# preset, on six public pages served by a production-configured gunicorn; median of
# LIGHTHOUSE_RUNS (default 3) per page; fails under performance 95 or any other category 100.
lighthouse: $(VENV)/.dev
	$(BIN)/python scripts/lighthouse.py --runs $${LIGHTHOUSE_RUNS:-3}

# Translators: refresh locale/{ru,kk}/LC_MESSAGES/django.po from the templates and code
# (makemessages needs GNU gettext's xgettext/msgmerge), translate the new or fuzzy
# entries, then run this again to compile the committed .mo files (polib, pure Python).
# `make run` needs neither: the compiled catalogues are in the repository.
messages: $(VENV)/.dev
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python manage.py makemessages -l ru -l kk --no-location \
		--ignore=.venv --ignore=staticfiles --ignore=tests --ignore=scripts --ignore=var
	$(BIN)/python scripts/compile_catalogues.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
