# Developer tasks for Grassroots. `make` alone lists them; docs/local-stack.md explains the stack.

VENV        ?= .venv
PYTHON      := $(VENV)/bin/python
REPLICAS    ?= 1
BACKUP      ?=
SERVICE     ?=
PYTEST_ARGS ?=
# pytest-xdist workers for `make test`: each runs its own mongod; tests/conftest.py keeps each
# stack suite on one worker. PYTEST_WORKERS=0 runs in one process (needed for --pdb).
PYTEST_WORKERS ?= 2
# CHECKS=no skips the static checks in front of `make test` (a narrowed local run); CI never sets it.
CHECKS      ?= yes
STACK_ARGS  ?=
CLUSTER     ?=
UNIT_TESTS  := $(wildcard tests/*/unit)
# `down`, `status` and `logs` need nothing but the standard library: they work without the venv.
STACK       := $(if $(wildcard $(PYTHON)),$(PYTHON),python3) scripts/stack.py

export VENV

.DEFAULT_GOAL := help
.PHONY: help bench bench-quick bootstrap lock up down status logs test test-fast check lint schema schema-check schema-release settings-doc catalogs \
        backup restore clean

help: ## list the targets
	@echo "Grassroots: make <target> [VARIABLE=value ...]"
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo "Variables: REPLICAS=N (up), CLUSTER=1 (up: 3 mongod + 3 RabbitMQ nodes, needs root),"
	@echo "           SERVICE=name (logs), PYTEST_ARGS='...' (test),"
	@echo "           PYTEST_WORKERS=N (test; default 2, 0 = one process),"
	@echo "           STACK_ARGS='--no-demo ...' (up), BACKUP=dir (restore), VENV=path (default .venv),"
	@echo "           UPGRADE=1|name (lock)"

bootstrap: ## create .venv, install the Python packages and the gateway's npm packages
	@bash scripts/bootstrap.sh

lock: ## regenerate requirements.lock (hashes) and constraints.txt from the pyprojects (UPGRADE=1|name)
	@bash scripts/lock.sh

up: bootstrap ## start MongoDB, RabbitMQ, the subgraphs and the gateway (REPLICAS=N per service, CLUSTER=1)
	@$(PYTHON) scripts/stack.py up --replicas $(REPLICAS) $(if $(filter 1 yes true,$(CLUSTER)),--cluster) $(STACK_ARGS)

down: ## stop everything `make up` started
	@$(STACK) down

status: ## show what runs and whether it is ready
	@$(STACK) status

logs: ## follow the stack's logs (SERVICE=cases for one service)
	@$(STACK) logs --follow $(SERVICE)

test: bootstrap $(if $(filter no,$(CHECKS)),,check) ## `make check`, then the whole suite (PYTEST_ARGS='-k cases -x' narrows, CHECKS=no skips checks)
	$(VENV)/bin/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: bootstrap ## the fast lane: domain, kit and unit tests (no mongod, no broker; ~10 s)
	$(VENV)/bin/python -m pytest -m unit $(UNIT_TESTS) $(PYTEST_ARGS)

check: lint schema-check ## every static check `make test` runs first: lint, import contracts, schema checks

lint: bootstrap ## ruff check, ruff format --check, mypy and the import contracts
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy
	$(PYTHON) -m mypy --explicit-package-bases scripts
	$(VENV)/bin/lint-imports --no-logo

schema: bootstrap ## export every subgraph's SDL and recompose gateway/supergraph.graphql
	$(PYTHON) scripts/export_schemas.py
	$(PYTHON) scripts/asyncapi.py

schema-check: ## breaking changes vs schema/released, naming lint, docs/schema, allow-list, docs/asyncapi.yaml fresh, catalogs translated
	$(PYTHON) scripts/asyncapi.py --check
	$(PYTHON) scripts/catalogs.py --check
	node gateway/schema-governance.mjs breaking
	node gateway/schema-governance.mjs lint
	node gateway/schema-governance.mjs docs --check
	node gateway/persist.mjs --check

schema-release: ## make the current supergraph the released snapshot (commit schema/released/)
	node gateway/schema-governance.mjs release

catalogs: bootstrap ## extract msg()/label() texts into each package's zh_CN catalog (translate the new ones)
	$(PYTHON) scripts/catalogs.py

settings-doc: bootstrap ## regenerate docs/configuration.md and docs/indexes.md from the code
	$(PYTHON) scripts/settings_table.py

backup: bootstrap ## copy the local stack's databases into .local/backups/<time>/
	$(PYTHON) scripts/backup.py backup

restore: bootstrap ## replace the local databases with a backup (BACKUP=dir, default the newest)
	$(PYTHON) scripts/backup.py restore $(BACKUP) --yes

bench: bootstrap ## run every benchmark (own processes and broker, 8-20 min); rewrite bench/RESULTS.md
	@bash scripts/bench_tools.sh
	$(PYTHON) -m bench.run_all --private-broker

bench-quick: bootstrap ## a short smoke run of every benchmark (small figures)
	@bash scripts/bench_tools.sh
	$(PYTHON) -m bench.run_all --quick --private-broker

clean: down ## stop the stack, then delete .local (logs, MongoDB data, pid files)
	rm -rf .local
