#!/usr/bin/env bash
# Readmode's one entry point.
#
#   ./build.sh               set up what is missing, build the wasm, dist/chrome, dist/firefox, dist/www
#   ./build.sh test          everything: cargo test, clippy (native + wasm32), wasm-pack browser tests,
#                            end-to-end tests of the built extension in Chromium and Firefox
#   ./build.sh demo [--port N]   build and serve www/ on http://127.0.0.1:8080 (or N)
#   ./build.sh bench         the evaluation and speed benchmarks against Readability.js
#   ./build.sh setup         only install the toolchain, browsers and node packages
#
# Setup installs only what is missing, so a second run costs seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Pinned tool versions. wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock.
WASM_PACK_VERSION="0.15.1"
GECKODRIVER_VERSION="0.37.1"
WASM_OPT_WANT="132"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

lock_version() { # the version of crate $1 in Cargo.lock
  awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

APT_UPDATED=0
apt_install() { # apt_install PKG... (only the missing ones)
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "need ${missing[*]} but apt-get is not available"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $APT_UPDATED -eq 0 ]; then say "apt-get update"; $sudo apt-get update -qq; APT_UPDATED=1; fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first (https://rustup.rs)"
  command -v node >/dev/null || die "node is missing: install Node.js 20 or newer"
  [ -f Cargo.lock ] || cargo generate-lockfile -q

  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

  local wb; wb="$(lock_version wasm-bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
    say "cargo install wasm-bindgen-cli $wb (about 3 minutes)"
    cargo install -q wasm-bindgen-cli --version "$wb" --force
  fi
  if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
    say "cargo install wasm-pack $WASM_PACK_VERSION (about 4 minutes)"
    cargo install -q wasm-pack --version "$WASM_PACK_VERSION" --locked --force
  fi
  if [ "$(geckodriver --version 2>/dev/null | head -1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    say "cargo install geckodriver $GECKODRIVER_VERSION (about 2 minutes)"
    cargo install -q geckodriver --version "$GECKODRIVER_VERSION" --locked --force
  fi

  apt_install chromium chromium-driver firefox-esr zip

  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"; npm ci --no-audit --no-fund --loglevel=error
  fi
  # wasm-pack picks the first wasm-opt on PATH: it must be binaryen 132 from node_modules, not Debian's 108.
  wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_WANT" \
    || die "wasm-opt $WASM_OPT_WANT not found in node_modules/.bin (npm ci should have installed binaryen)"
}

# True when $1 is older than any source of the wasm (or than any of $2…, more of its sources).
stale() {
  [ -f "$1" ] || return 0
  local out=$1
  shift
  [ -n "$(find src Cargo.toml Cargo.lock "$@" -newer "$out" -print -quit)" ]
}

build_wasm() {
  # NOTE: pkg/readmode.js is written by inline-snippets.mjs too, so a change there rebuilds it.
  if stale pkg/readmode_bg.wasm tools/inline-snippets.mjs; then
    say "wasm-pack build (release, web target)"
    rm -rf pkg/snippets # the JS the module imports (src/web/walk.js); its folder name is a hash
    wasm-pack build --release --target web --out-dir pkg --no-typescript --no-pack >/dev/null 2>build-wasm.log \
      || { cat build-wasm.log >&2; die "wasm-pack build failed"; }
    rm -f build-wasm.log pkg/.gitignore
  fi
  # walk.js goes into readmode.js: one module to fetch instead of two in a row.
  if [ -d pkg/snippets ]; then
    node tools/inline-snippets.mjs pkg >/dev/null || die "could not inline pkg/snippets into pkg/readmode.js"
  fi
}

# Writes dist/$1/manifest.json: manifest.base.json with the browser's overlay merged on top.
merge_manifest() {
  node -e '
    const fs = require("fs");
    const [base, overlay, out, version] = process.argv.slice(1);
    const merge = (a, b) => {
      for (const [k, v] of Object.entries(b)) {
        if (v === null) delete a[k];
        else if (v && typeof v === "object" && !Array.isArray(v) && a[k] && typeof a[k] === "object") merge(a[k], v);
        else a[k] = v;
      }
      return a;
    };
    const m = merge(JSON.parse(fs.readFileSync(base)), JSON.parse(fs.readFileSync(overlay)));
    m.version = version;
    fs.writeFileSync(out, JSON.stringify(m, null, 2) + "\n");
  ' extension/manifest.base.json "extension/manifest.$1.json" "dist/$1/manifest.json" "$(cargo pkgid | sed 's/.*[#@]//')"
}

assemble() {
  local version; version="$(cargo pkgid | sed 's/.*[#@]//')"
  for b in chrome firefox; do
    rm -rf "dist/$b"; mkdir -p "dist/$b/pkg"
    cp -R extension/src/. "dist/$b/"
    [ -d "extension/$b" ] && cp -R "extension/$b/." "dist/$b/"
    cp pkg/readmode.js pkg/readmode_bg.wasm "dist/$b/pkg/"
    # The walk readDocument makes, for the content script to make it where the wasm may not run.
    cp src/web/walk.js "dist/$b/view/walk.js"
    node extension/tools/vendor.mjs "dist/$b" # third-party files the extension ships (a font)
    # The content script's modules, bundled: two entries and their shared chunk.
    node extension/tools/bundle.mjs "dist/$b" >/dev/null || die "could not bundle dist/$b's view modules"
    merge_manifest "$b"
    rm -f "dist/readmode-$b-$version.zip"
    (cd "dist/$b" && zip -qr -X "../readmode-$b-$version.zip" .)
  done
  rm -rf dist/www; mkdir -p dist/www/pkg dist/www/samples
  cp -R www/. dist/www/
  rm -f dist/www/samples.mjs # a build script, not part of the page
  cp extension/src/view/report.js extension/src/view/content-dom.js dist/www/ # shared with the reading view
  cp pkg/readmode.js pkg/readmode_bg.wasm dist/www/pkg/
  node www/samples.mjs dist/www/samples
}

build() {
  setup
  build_wasm
  assemble
  local raw gz version; version="$(cargo pkgid | sed 's/.*[#@]//')"
  raw=$(stat -c %s pkg/readmode_bg.wasm); gz=$(gzip -9c pkg/readmode_bg.wasm | wc -c)
  cat <<EOF

Built Readmode $version
  wasm          pkg/readmode_bg.wasm ($((raw / 1024)) KB raw, $((gz / 1024)) KB gzipped)
  Chrome        dist/chrome/   (zip: dist/readmode-chrome-$version.zip)
                load: chrome://extensions, Developer mode on, "Load unpacked", pick dist/chrome
  Firefox       dist/firefox/  (zip: dist/readmode-firefox-$version.zip)
                load: about:debugging#/runtime/this-firefox, "Load Temporary Add-on…", pick dist/firefox/manifest.json
  Demo          dist/www/      (serve it: ./build.sh demo)
  CLI           cargo run --release -- extract page.html --url https://example.org/a
EOF
}

# ---- test -------------------------------------------------------------------------------------
PASSED=0; FAILED=0; FAILED_NAMES=()
stage() { # stage NAME CMD...: runs a stage, records its result
  local name="$1"; shift
  say "test: $name"
  if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name"); fi
}

# The engine with its fixture checker (the `checker` feature), for tests/e2e/fixtures.test.mjs;
# never shipped.
build_checker_wasm() {
  if stale target/pkg-checker/readmode_bg.wasm; then
    say "wasm-pack build with the fixture checker (tests only)"
    wasm-pack build --release --target web --out-dir target/pkg-checker --no-typescript --no-pack -- --features checker \
      >/dev/null 2>build-wasm.log || { cat build-wasm.log >&2; die "wasm-pack build (checker) failed"; }
    rm -f build-wasm.log
  fi
}

run_tests() {
  build
  build_checker_wasm
  local start=$SECONDS
  export CHROMEDRIVER=/usr/bin/chromedriver GECKODRIVER="$HOME/.cargo/bin/geckodriver" CHROMIUM=/usr/bin/chromium
  stage "cargo test" cargo test --release -q
  stage "rustfmt" cargo fmt --check
  stage "clippy native" cargo clippy -q --all-targets -- -D warnings
  stage "clippy wasm32" cargo clippy -q --target wasm32-unknown-unknown --lib --test web --features checker -- -D warnings
  stage "wasm-pack test chrome" wasm-pack test --headless --chrome --release -- --test web
  stage "wasm-pack test firefox" wasm-pack test --headless --firefox --release -- --test web
  stage "end-to-end" node --test --test-concurrency=1 tests/e2e/
  echo
  [ ${#FAILED_NAMES[@]} -gt 0 ] && echo "failed stages: ${FAILED_NAMES[*]}"
  echo "tests took $((SECONDS - start)) s"
  echo "summary: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

demo() {
  local port=8080
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="${2:?--port needs a number}"; shift 2 ;;
      --port=*) port="${1#--port=}"; shift ;;
      *) die "demo: unknown option $1 (use --port N)" ;;
    esac
  done
  build
  echo
  echo "Demo: http://127.0.0.1:$port/"
  exec node tests/e2e/lib/serve.mjs dist/www "$port"
}

bench() {
  build
  cargo build --release -q
  local corpus=../shared/corpora/readability-test-pages
  if [ ! -d "$corpus" ]; then echo "bench: $corpus is absent; skipping"; return 0; fi
  mkdir -p target/bench
  node bench/readability.mjs "$corpus" > target/bench/readability.json
  target/release/readmode eval "$corpus" --reference target/bench/readability.json
  target/release/readmode bench "$corpus"
  node bench/browser.mjs "$corpus"
  node bench/activation.mjs "$corpus"
  node bench/browser-start.mjs "$corpus"
  return 0
}

case "${1:-build}" in
  build) build ;;
  setup) setup ;;
  test) run_tests ;;
  demo) shift; demo "$@" ;;
  bench) bench ;;
  -h|--help|help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (build, test, demo, bench, setup)" ;;
esac
