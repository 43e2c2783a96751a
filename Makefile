# Headroom: the two commands in README.md are `make serve` and `make test`.
SHELL := /bin/bash
ENV := source scripts/env.sh &&
# The runner gives the whole browser suite 20 s unless told otherwise; on a busy machine the
# 51 tests have taken 18 s, so it gets two minutes (a test that hangs still fails then).
WASM_TEST_ENV := CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=120

.PHONY: serve test setup setup-test release lint unit browser e2e size validate-exports \
	bench-engine bench-montecarlo bench-squiggle bench-browser audit lighthouse

## Serve the app with live reload at http://127.0.0.1:8080/ (installs what it needs first).
serve: setup
	$(ENV) trunk serve --public-url /

## Run every test layer: format, lint, native unit/property tests, export validation, browser
## tests, release build, size budget and end-to-end tests.
test: setup-test lint unit validate-exports browser release size e2e

setup:
	scripts/setup.sh serve

setup-test:
	scripts/setup.sh test

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	# The core as the page builds it (no YAML).
	cargo clippy -p headroom-core --no-default-features --all-targets -- -D warnings
	cargo clippy -p headroom -p headroom-worker -p headroom-trials --target wasm32-unknown-unknown --all-targets -- -D warnings
	# The release build's split points (`--cfg headroom_split`, scripts/build-wasm.sh) too.
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --cfg headroom_split" \
	  cargo clippy -p headroom --target wasm32-unknown-unknown -- -D warnings
	# The core's documentation: every link resolves.
	RUSTDOCFLAGS="-D warnings" cargo doc -p headroom-core --no-deps

# HEADROOM_REQUIRE_PYYAML: the PyYAML cross-check of plan files must run, not skip.
unit:
	HEADROOM_REQUIRE_PYYAML=1 cargo test

## Sample Compose, Kubernetes and Helm exports, checked with the Compose and Kubernetes schemas
## and the deployment conventions of scripts/validate_exports.py.
validate-exports: setup-test
	scripts/validate-exports.sh

browser:
	$(ENV) $(WASM_TEST_ENV) cargo test -p headroom --target wasm32-unknown-unknown

release:
	$(ENV) trunk build --release

size:
	scripts/size-budget.sh dist

e2e:
	$(ENV) node --test tests/e2e/

## Benchmarks (not part of `make test`; figures go in BENCHMARKS.md).
bench-engine:
	cargo bench -p headroom-core --bench engine

bench-montecarlo:
	cargo bench -p headroom-core --bench montecarlo

## Compound growth with churn in Squiggle (pinned, in .tools/squiggle) and natively, side by side.
bench-squiggle:
	scripts/setup.sh squiggle
	node tests/bench/squiggle.mjs

## Where the first load's .wasm bytes go, by crate: the release wasm split as the build splits
## it, its first-load module read by twiggy (names kept: before wasm-opt; BENCHMARKS.md).
audit: release
	scripts/setup.sh audit
	rm -rf target/audit
	$(ENV) wasm-split-cli target/wasm32-unknown-unknown/release/headroom.wasm target/audit \
		--out-name headroom --target web >/dev/null
	$(ENV) twiggy top -n 1000000 -f csv target/audit/headroom.wasm | scripts/wasm-audit.py 25

bench-browser: setup-test release
	$(ENV) node tests/bench/input-latency.mjs

## Lighthouse scores of the release build in dist/ (served with gzip, as Pages does); builds nothing.
lighthouse:
	scripts/setup.sh lighthouse
	$(ENV) node scripts/lighthouse.mjs
