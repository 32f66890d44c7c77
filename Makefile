# Blink Doctor. `make serve` runs the app, `make test` runs every test; both install what is
# missing first (tools/setup.sh, idempotent).
SHELL := /bin/bash
ENV := source .tools/env.sh &&
SETUP := .tools/env.sh

.PHONY: setup serve build test test-native test-browser test-e2e test-engines size bench lighthouse videos clean

setup:
	@bash tools/setup.sh

$(SETUP): tools/setup.sh Cargo.lock package-lock.json Trunk.toml
	@bash tools/setup.sh

serve: setup
	$(ENV) trunk serve

# Release wasm builds leave panic locations (file and line) and Debug formatting out of the wasm
# (`{:?}` prints nothing there; nothing the app shows or marks uses it): 2.0 and 4.8 KB gzip less
# on the first module (issue 16). -Z flags are unstable: RUSTC_BOOTSTRAP=1 allows them on the
# stable rustc, as the fallback toolchain's build-std already does. WASM_RUSTFLAGS= builds without
# (tests of the wasm, make test-browser, build without: their failures keep their words). For the
# wasm target only: build.rs and the lang-pack hook run on the host and write code with `{:?}`.
WASM_RUSTFLAGS := -Zlocation-detail=none -Zfmt-debug=none

build: setup
	$(ENV) RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" trunk build --release

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
# FIRST_VISIT_BUDGET, nor the bytes before the home screen is usable past HOME_USABLE_BUDGET, in
# English (built in); in German (its language pack, 7.9 KB, comes too) past the _LANG budgets.
# Issue 16's targets are 120 KB and 90 KB. Ratchets a little above what is measured (2026-12-06:
# English 94.0 KB and 85.7-86.0 KB, the favicon before or after; German 102.1 KB and 94.1 KB).
FIRST_VISIT_BUDGET := 95000
HOME_USABLE_BUDGET := 87000
FIRST_VISIT_BUDGET_LANG := 103000
HOME_USABLE_BUDGET_LANG := 95500
# What having languages at all costs the English first visit (tools/lang-cost.mjs: the first
# module built with and without the `langs` feature, index.html and sw.js with and without their
# languages' parts; gzip bytes). Issue 17's target is 3000; a ratchet just above what is
# measured (2026-12-06: 2814 on main, first module 1771, index.html 803 (the picker's own CSS), sw.js 240; it was 3063).
LANG_COST_BUDGET := 2850

test-e2e: build
	$(ENV) node tools/first-visit.mjs dist --check $(FIRST_VISIT_BUDGET) --check-usable $(HOME_USABLE_BUDGET)
	$(ENV) node tools/first-visit.mjs dist --locale de-DE --check $(FIRST_VISIT_BUDGET_LANG) --check-usable $(HOME_USABLE_BUDGET_LANG)
	$(ENV) WASM_RUSTFLAGS="$(WASM_RUSTFLAGS)" node tools/lang-cost.mjs --check $(LANG_COST_BUDGET)
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
	@$(ENV) WASM_RUSTFLAGS="$(WASM_RUSTFLAGS)" node tools/lang-cost.mjs

bench:
	cargo run --profile bench --quiet --example bench
	cargo run --profile bench --quiet --example bench_questions

# Lighthouse on the built home page, mobile on simulated slow 4G, 3 runs (tools/lighthouse.mjs):
# a benchmark, not part of make test. Lighthouse (npm, with its own dependencies) goes into
# .tools/lighthouse the first time; later runs find it there. 12.x: 13 needs Node 22.
LIGHTHOUSE_VERSION := 12.8.2
lighthouse: build
	@grep -qs '"version": "$(LIGHTHOUSE_VERSION)"' .tools/lighthouse/node_modules/lighthouse/package.json \
	  || npm install --prefix .tools/lighthouse --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)
	$(ENV) node tools/lighthouse.mjs dist --runs 3

clean:
	rm -rf dist target .tools node_modules e2e/videos
