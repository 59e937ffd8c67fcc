# Courthall: `make run` to try it, `make test` to test it. Both set up everything they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/courthall
# The development key is fine on a developer's machine; production sets SECRET_KEY and DEBUG=false.
DEV_ENV := DEBUG=true

.PHONY: help run test lint bench lock system-run system-test fonts

help:
	@echo "make run    安装依赖、迁移 SQLite 演示库、载入演示数据，并在 http://127.0.0.1:$(PORT) 启动"
	@echo "make test   在 PostgreSQL 上运行全部测试（含 Chromium 浏览器测试）、ruff 和迁移检查"
	@echo "make bench NAME=pdf   运行一项基准测试（python -m bench --list 列出全部）"

$(VENV)/.installed: requirements.lock
	@python=$$(scripts/find-python.sh) && { [ -x $(PY) ] || "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# The compact document fonts, cut from the system's Noto CJK once (about half a minute) into var/fonts/.
fonts: $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py build_fonts

system-run:
	@scripts/system-packages.sh run

system-test:
	@scripts/system-packages.sh test

run: system-run $(VENV)/.installed fonts
	@mkdir -p var
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py load_reference --demo-users
	$(DEV_ENV) $(PY) manage.py hotline_demo
	@echo "Courthall 已启动：http://127.0.0.1:$(PORT)/  （演示账号见 README.md）"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: system-test $(VENV)/.installed fonts
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@# The check compares models with migration files; an in-memory database spares it a warning about a
	@# database the test run has not created yet.
	$(DEV_ENV) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: system-test $(VENV)/.installed fonts
	$(DEV_ENV) $(PY) -m bench $(NAME) $(if $(SIZE),--size $(SIZE))

# Re-resolve the pinned dependencies after a change to pyproject.toml.
lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 \
		--generate-hashes -o requirements.lock
