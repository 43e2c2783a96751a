#!/usr/bin/env bash
# Installs every tool Headroom needs, skipping what is already there at the right version.
#   scripts/setup.sh serve   wasm target, trunk, wasm-bindgen-cli, wasm-split-cli, wasm-opt
#                            (binaryen), crates
#   scripts/setup.sh test    the above plus Chromium + ChromeDriver and Playwright, and the
#                            Python validators of scripts/requirements-test.txt in .tools/venv
#   scripts/setup.sh audit   the serve tools plus twiggy (`make audit`: the .wasm by crate)
#   scripts/setup.sh lighthouse  the test tools plus npm lighthouse (pinned) in .tools/lighthouse,
#                            for scripts/lighthouse.mjs
#   scripts/setup.sh squiggle    the serve tools plus npm @quri/squiggle-lang (pinned) in
#                            .tools/squiggle, for tests/bench/squiggle.mjs
# Safe to run again: a second run installs nothing. Never downloads a tool from outside the
# package registries (crates.io, npm, PyPI, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-serve}"
TRUNK_REQ="0.21"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk 0.21 (0.22 needs a newer rustc). --locked: newer dependency releases break its build.
if ! trunk --version 2>/dev/null | grep -q "^trunk ${TRUNK_REQ}\."; then
  say "installing trunk ${TRUNK_REQ}"
  cargo install trunk --version "^${TRUNK_REQ}" --locked
fi

# 3. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen ${WB_VERSION}"; then
  say "installing wasm-bindgen-cli ${WB_VERSION}"
  cargo install wasm-bindgen-cli --version "=${WB_VERSION}" --force
fi

# 3b. wasm-split-cli: cuts the release wasm into the first load and the views fetched on first
#     use (scripts/build-wasm.sh). Its version follows the wasm_split_helpers that Leptos uses.
WSPLIT_VERSION="0.2.4"
# (It has no --version: cargo's own list of installed tools says which one is there.)
if ! command -v wasm-split-cli >/dev/null \
  || ! cargo install --list | grep -qx "wasm_split_cli_support v${WSPLIT_VERSION}:"; then
  say "installing wasm-split-cli ${WSPLIT_VERSION}"
  cargo install wasm_split_cli_support --version "=${WSPLIT_VERSION}" --features build-binary --locked
fi

# 4. Node tools: binaryen's wasm-opt (Debian's 108 silently breaks the output) and
#    playwright-core. `npm ci` only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json .tools/package-lock.installed 2>/dev/null; then
  say "installing node tools (npm ci)"
  npm ci --no-audit --no-fund
  mkdir -p .tools && cp package-lock.json .tools/package-lock.installed
fi

# 5. Crates, so Trunk's offline build (cargo --offline) finds them.
cargo fetch --locked >/dev/null

# 6. twiggy, for `make audit` only.
TWIGGY_VERSION="0.8.0"
if [ "$mode" = "audit" ] && ! twiggy --version 2>/dev/null | grep -q " ${TWIGGY_VERSION}$"; then
  say "installing twiggy ${TWIGGY_VERSION}"
  cargo install twiggy --version "=${TWIGGY_VERSION}" --locked
fi

# 6b. Browser for the test layers.
if [ "$mode" = "test" ] || [ "$mode" = "lighthouse" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
  fi
fi
# 7. Python validators for the export checks and the PyYAML cross-check, pinned in
#    scripts/requirements-test.txt; reinstalled only when that file changed since the last install.
if [ "$mode" = "test" ] || [ "$mode" = "lighthouse" ]; then
  REQ=scripts/requirements-test.txt
  VENV=.tools/venv
  if [ ! -x "$VENV/bin/python3" ] || ! cmp -s "$REQ" "$VENV/requirements.installed" 2>/dev/null; then
    if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
      say "installing python3-venv"
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
    fi
    say "installing python validators into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$REQ"
    cp "$REQ" "$VENV/requirements.installed"
  fi
fi
# 8. Lighthouse for `make lighthouse`, in its own prefix (not in package.json: neither the build
#    nor the tests need it). 12.x: 13.x needs Node 22.19 or later.
LIGHTHOUSE_VERSION="12.8.2"
if [ "$mode" = "lighthouse" ]; then
  LH=.tools/lighthouse/node_modules/.bin/lighthouse
  if [ ! -x "$LH" ] || [ "$("$LH" --version)" != "$LIGHTHOUSE_VERSION" ]; then
    say "installing lighthouse ${LIGHTHOUSE_VERSION}"
    mkdir -p .tools/lighthouse
    npm install --prefix .tools/lighthouse --no-audit --no-fund "lighthouse@${LIGHTHOUSE_VERSION}" >/dev/null
  fi
fi
# 9. Squiggle for tests/bench/squiggle.mjs (the Monte Carlo peer comparison), in its own prefix
#    like Lighthouse: neither the build nor the tests need it.
SQUIGGLE_VERSION="0.10.0"
if [ "$mode" = "squiggle" ]; then
  SQ=.tools/squiggle/node_modules/@quri/squiggle-lang/package.json
  if [ ! -f "$SQ" ] || [ "$(node -p "require('./$SQ').version")" != "$SQUIGGLE_VERSION" ]; then
    say "installing @quri/squiggle-lang ${SQUIGGLE_VERSION}"
    mkdir -p .tools/squiggle
    npm install --prefix .tools/squiggle --no-audit --no-fund --save-exact \
      "@quri/squiggle-lang@${SQUIGGLE_VERSION}" >/dev/null
  fi
fi
say "tools ready ($mode)"
