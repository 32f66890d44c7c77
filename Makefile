# Blink Doctor. `make serve` runs the app, `make test` runs every test; both install what is
# missing first (tools/setup.sh, idempotent).
SHELL := /bin/bash
ENV := source .tools/env.sh &&
SETUP := .tools/env.sh

.PHONY: setup serve build test test-native test-browser test-e2e test-engines size bench videos clean

setup:
	@bash tools/setup.sh

$(SETUP): tools/setup.sh Cargo.lock package-lock.json Trunk.toml
	@bash tools/setup.sh

serve: setup
	$(ENV) trunk serve

build: setup
	$(ENV) trunk build --release

test: setup
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory -o build test-engines

test-native:
	cargo test --no-fail-fast

test-browser:
	$(ENV) cargo test --target wasm32-unknown-unknown --test web_glue

# The first visit (bytes the host sends until the service worker is installed) may not grow past
# FIRST_VISIT_BUDGET in English (built in), nor FIRST_VISIT_BUDGET_LANG in German (its language
# pack comes too). Issue 16's target is 120 KB; the budgets are a ratchet at what is measured.
FIRST_VISIT_BUDGET := 269500
FIRST_VISIT_BUDGET_LANG := 277600

test-e2e: build
	$(ENV) node tools/first-visit.mjs dist --check $(FIRST_VISIT_BUDGET)
	$(ENV) node tools/first-visit.mjs dist --locale de-DE --check $(FIRST_VISIT_BUDGET_LANG)
	cargo run --release --quiet --bin synth-video -- --out e2e/videos
	node --test --test-concurrency=1 e2e/

# The cross-engine tier: one list of scenarios in Chromium, Firefox ESR and WebKitGTK
# (ENGINES=webkit,firefox for some). Screenshots to look at go to shots/.
test-engines: build
	node --test --test-concurrency=1 e2e/engines/run.mjs

size: build
	@bash tools/size.sh dist
	@echo "First visit in English (built in, no language file):"
	@$(ENV) node tools/first-visit.mjs dist --list
	@echo "First visit in German (with its language file):"
	@$(ENV) node tools/first-visit.mjs dist --list --locale de-DE

bench:
	cargo run --profile bench --quiet --example bench
	cargo run --profile bench --quiet --example bench_questions

clean:
	rm -rf dist target .tools node_modules e2e/videos
