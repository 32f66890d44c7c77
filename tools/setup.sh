#!/usr/bin/env bash
# Installs everything Blink Doctor needs to build and test, and writes .tools/env.sh for the
# Makefile. Idempotent: each step checks first, so a second run takes seconds.
#
# Toolchain choice (see docs/DESIGN.md / README):
#   1. the active rustc already has the wasm32 std              -> normal toolchain
#   2. `rustup target add wasm32-unknown-unknown` within 120 s   -> normal toolchain
#   3. otherwise Debian's rustc-web + rust-web-src + lld-22 with cargo's build-std (fallback)
# BLINK_FORCE_FALLBACK=1 forces 3, so the fallback path can be tested on any machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"
TRUNK_VERSION=0.21.14
BINARYEN_NPM=132
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- Browser for tests -----------------------------------------------------------------------
apt_install chromium chromium-driver

# --- The other engines phones use, for the cross-engine tier (e2e/engines) -------------------
# Firefox ESR (driven over WebDriver BiDi by puppeteer-core from npm); WebKitGTK's WebDriver and
# MiniBrowser, which has no headless mode, so it runs in a virtual display (xvfb-run, xauth).
apt_install firefox-esr webkit2gtk-driver xvfb xauth

# --- ffmpeg: the realistic e2e videos' H.264 round trip, and read_video for mp4/webm/mov ------
apt_install ffmpeg

# --- A CJK font: headless Chromium draws Japanese screens with it (e2e/i18n screenshots) -----
apt_install fonts-noto-cjk

# --- Rust toolchain with a wasm32 target -----------------------------------------------------
mode=""
has_wasm_std() { [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/wasm32-unknown-unknown" ]; }
if [ "${BLINK_FORCE_FALLBACK:-0}" != 1 ] && command -v rustc >/dev/null 2>&1; then
  if has_wasm_std; then
    mode=rustup
  elif command -v rustup >/dev/null 2>&1; then
    log "trying: rustup target add wasm32-unknown-unknown (120 s at most)"
    if timeout 120 rustup target add wasm32-unknown-unknown >&2 && has_wasm_std; then mode=rustup; fi
  fi
fi
if [ -z "$mode" ]; then
  log "using the Debian fallback toolchain (rustc-web + build-std)"
  apt_install rustc-web cargo-web rust-web-src lld-22
  mode=fallback
fi

# Host tools are built with whichever cargo exists (rustup's, else Debian's).
HOST_CARGO=$(command -v cargo || echo /usr/bin/cargo)
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
mkdir -p "$CARGO_BIN"
export PATH="$CARGO_BIN:$PATH"

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  log "cargo install trunk $TRUNK_VERSION (takes ~9 min the first time)"
  "$HOST_CARGO" install --locked trunk --version "$TRUNK_VERSION" --no-default-features --features rustls
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock")
[ -n "$WB_VERSION" ] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" "$ROOT/Trunk.toml"; then
  log "Trunk.toml's wasm_bindgen must equal Cargo.lock's wasm-bindgen ($WB_VERSION)"; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$" \
   || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  log "cargo install wasm-bindgen-cli $WB_VERSION"
  # Not --locked: one locked dependency of wasm-bindgen-cli is missing from the registry.
  "$HOST_CARGO" install --force wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- npm: wasm-opt (binaryen), Playwright driver, axe-core, puppeteer-core (no browser download) ---
stamp="$ROOT/node_modules/.blink-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$ROOT/package-lock.json" "$stamp"
fi
"$ROOT/node_modules/.bin/wasm-opt" --version | grep -q "version $BINARYEN_NPM" \
  || { log "wasm-opt is not binaryen $BINARYEN_NPM"; exit 1; }

# --- Environment for every wasm build --------------------------------------------------------
{
  echo "# written by tools/setup.sh ($mode toolchain)"
  echo "export BLINK_TOOLCHAIN=$mode"
  if [ "$mode" = fallback ]; then
    echo "export PATH=/usr/bin:$CARGO_BIN:$ROOT/node_modules/.bin:\$PATH"
    echo "export RUSTC_BOOTSTRAP=1"
    echo "export CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
  else
    echo "export PATH=$CARGO_BIN:$ROOT/node_modules/.bin:\$PATH"
  fi
  echo "export CHROMEDRIVER=/usr/bin/chromedriver"
  echo "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner"
  echo "export WASM_BINDGEN_TEST_TIMEOUT=120"
} > "$TOOLS/env.sh.new"
mv "$TOOLS/env.sh.new" "$TOOLS/env.sh"

# Trunk builds offline, so fetch the crates (and on the fallback path std's own) now, and the
# host's too: Trunk's pre_build hook builds src/bin/lang_pack.rs natively, offline.
( . "$TOOLS/env.sh" && cd "$ROOT" && cargo fetch --target wasm32-unknown-unknown -q )
( cd "$ROOT" && "$HOST_CARGO" fetch -q )
log "ready ($mode toolchain)"
