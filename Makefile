# One entry point for humans and CI. `make help` lists the targets.
SHELL := /bin/bash
APP := .venv/bin/python
RASA := scripts/rasa
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
RASA_PORT ?= 5005
ACTION_SERVER_PORT ?= 5055
DEMO_PORT ?= 8080
HELPDESK_PORT ?= 8090

.DEFAULT_GOAL := help
.PHONY: help setup setup-system index domain train run test test-unit test-integration test-rasa test-e2e test-browser \
        lint validate bench bench-answers bench-answers-offline bench-retrieval bench-latency bench-index bench-nlu \
        bench-triage bench-load bench-fuzz profile train-ranker search clean triage triage-batch tickets erase purge helpdesk agent audit widget-tag

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: ## create the two virtual environments (skipped when up to date)
	@bash scripts/setup_env.sh 2>&1 | grep -v "is ignored: it is neither" || true
	@test -x .venv/bin/python && test -x .venv-rasa/bin/rasa

setup-system: ## Debian packages the tests need (Chromium), when missing
	@bash scripts/setup_system.sh

index: setup ## build the FAISS + BM25 index (skipped when sheets and settings are unchanged)
	$(APP) -m caf_assistant.build_index

domain: setup ## write bot/domain/estimates_form.yml from the estimates' declarations (slots, questions)
	$(APP) -m caf_assistant.estimates.domain_file

train: setup ## train the Rasa model (Rasa skips it when nothing changed)
	@$(APP) -m caf_assistant.estimates.domain_file --check
	$(RASA) train --config config.yml --domain bot/domain --data bot/data --out models --fixed-model-name caf-elus

validate: setup ## rasa data validate
	$(RASA) data validate --config config.yml --domain bot/domain --data bot/data --fail-on-warnings

run: index train ## install what is missing, build the index, train, start everything
	$(APP) -m caf_assistant.stack --rasa-port $(RASA_PORT) --action-port $(ACTION_SERVER_PORT) --demo-port $(DEMO_PORT)

lint: setup ## ruff
	.venv/bin/ruff check caf_assistant actions tests benchmarks

test-unit: setup ## unit tests: pure functions and thin actions (no index, no model, no server)
	$(APP) -m pytest tests/unit -q

test-integration: setup-system index ## tests on the built index and real servers (answers, editions, PostgreSQL)
	$(APP) -m pytest tests/integration -q

test-rasa: train ## rasa test on the test stories, failing on any prediction error
	$(RASA) test core --stories tests/stories --model models/caf-elus.tar.gz --fail-on-prediction-errors --out var/results/core

test-e2e: index train ## end-to-end conversations through REST against the running stack
	$(APP) -m pytest tests/e2e -q

test-browser: setup-system index train ## the widget in Chromium (Playwright) against the running stack
	$(APP) -m pytest tests/browser -q

test: setup-system index train lint validate ## everything CI runs: unit, integration, rasa test, end-to-end, browser
	$(APP) -m pytest tests/unit tests/integration -q
	$(MAKE) --no-print-directory test-rasa
	$(APP) -m pytest tests/e2e tests/browser -q -p no:cacheprovider

SPLIT ?= test
bench-answers: index train ## the reply through the running stack, scored per kind and route: SPLIT=test|dev|all
	$(APP) benchmarks/answers/run.py --split $(SPLIT)

bench-estimates: index train ## estimates through the running stack: right figure per kind and behaviour, SPLIT=test|dev|all
	$(APP) benchmarks/answers/run.py --set estimates --split $(SPLIT)

bench-fuzz: index train ## 10 000 seeded hostile messages over 8 conversations, a normal one beside: errors, empty replies, its p95
	$(APP) benchmarks/fuzz/run.py --count $(or $(COUNT),10000)

bench-answers-offline: index ## the answer path alone, in process (fast, for tuning on SPLIT=dev)
	$(APP) benchmarks/answers/offline.py --split $(or $(filter-out test,$(SPLIT)),dev)

train-ranker: index ## retrain the learned fusion on the questions of knowledge/questions (writes retrieval_ranker.yml)
	$(APP) benchmarks/answers/train_ranker.py

bench-retrieval: index ## recall@1/5 and MRR of lexical, dense and hybrid on the golden set
	$(APP) benchmarks/retrieval.py

bench-latency: index train ## p50/p95 of REST turns against a running stack, and time to ready
	$(APP) benchmarks/latency.py

bench-load: setup-system index train ## locust at 1, 20, 100 users, beside a plain rasa init bot, and 2 replicas behind nginx
	$(APP) benchmarks/load/run.py

profile: index train ## where a turn's time goes: each NLU component and policy, tracker store, action calls
	@$(APP) -m caf_assistant.action_server --port $(ACTION_SERVER_PORT) > var/logs/profile-actions.log 2>&1 & \
	  pid=$$!; trap "kill $$pid" EXIT; \
	  until curl -sf http://127.0.0.1:$(ACTION_SERVER_PORT)/health >/dev/null; do sleep 1; done; \
	  ACTION_SERVER_URL=http://127.0.0.1:$(ACTION_SERVER_PORT)/webhook .venv-rasa/bin/python benchmarks/profile_turn.py

bench-index: setup ## index build time, cold and unchanged
	$(APP) benchmarks/index_build.py

bench-nlu: setup ## intent F1 on a held-out split for each NLU pipeline
	bash benchmarks/nlu_split_eval.sh config.yml benchmarks/configs/*.yml

bench: bench-answers bench-retrieval bench-index bench-latency ## all benchmarks

bench-triage: index ## theme and route accuracy of the helpdesk triage: SPLIT=test|dev|all
	$(APP) benchmarks/triage.py --split $(SPLIT)

triage: ## triage of one helpdesk message, as JSON on stdout: TEXT="message"
	@$(MAKE) --no-print-directory -s index >&2
	@$(APP) -m caf_assistant.triage "$$TEXT"

triage-batch: index ## triage of a CSV/JSONL of messages: IN=messages.csv OUT=results.jsonl
	$(APP) -m caf_assistant.triage --in "$(IN)" --out "$(OUT)"

tickets: setup ## open handoff tickets (python -m caf_assistant.handoff.cli list|show ID|close ID)
	$(APP) -m caf_assistant.handoff.cli list

erase: ## a person's erasure request: their tickets and conversations (TICKET=12 | EMAIL=x@y.fr | PHONE="06 ...")
	$(APP) -m caf_assistant.handoff.cli erase $(if $(TICKET),--ticket "$(TICKET)") $(if $(EMAIL),--email "$(EMAIL)") $(if $(PHONE),--phone "$(PHONE)")

purge: ## delete tickets and conversations older than CAF_RETENTION_DAYS (default 180)
	$(APP) -m caf_assistant.handoff.cli purge

helpdesk: index ## helpdesk server (agents' login, tickets, triage) on HELPDESK_PORT; accounts with `make agent`
	$(APP) -m caf_assistant.helpdesk.server --port $(HELPDESK_PORT)

agent: setup ## create an agent's account or give it a new secret (printed once): LOGIN=prenom.nom [DISABLE=1]
	@test -n "$(LOGIN)" || { echo "LOGIN=prenom.nom manquant" >&2; exit 2; }
	$(APP) -m caf_assistant.helpdesk.cli $(if $(DISABLE),disable,add) "$(LOGIN)"

audit: setup ## the helpdesk's audit: logins, who read or closed which ticket [TICKET=12] [AGENT=login]
	$(APP) -m caf_assistant.helpdesk.cli audit $(if $(TICKET),--ticket "$(TICKET)") $(if $(AGENT),--agent "$(AGENT)")

widget-tag: setup ## the tags a partner site pastes, with their integrity hashes (SRI): URL=https://assistant.example.org
	@test -n "$(URL)" || { echo "URL=https://... manquant" >&2; exit 2; }
	@$(APP) -m caf_assistant.web.widget_tag "$(URL)"

search: index ## top chunks for Q="question"
	$(APP) -m caf_assistant.search "$(Q)"

clean: ## remove built artefacts (index, models, results)
	rm -rf var models .pytest_cache
