# kzportal — the two set-up commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
TEST_SECRET := insecure-key-for-tests-only

.PHONY: run test lint check pytest bench clean help
.DEFAULT_GOAL := help

help:
	@echo "make run   - set up (venv, install, migrate, launch content, editor account) and serve on 127.0.0.1:$(PORT)"
	@echo "make test  - lint, system checks, migration check and the whole pytest suite"

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

run: $(VENV)/.runtime .secret_key
	@set -e; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	$(BIN)/python manage.py load_launch_content; \
	$(BIN)/python manage.py ensure_editor; \
	echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"; \
	exec $(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .

check: $(VENV)/.dev
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python manage.py check --fail-level WARNING
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(VENV)/.dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

bench: $(VENV)/.dev
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python scripts/benchmark.py
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(BIN)/python scripts/bench_search.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
