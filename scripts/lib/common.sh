# Shared by scripts/run, scripts/test and scripts/bench: install what is
# missing (Debian 12 packages), then configure and build incrementally.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${GAIAROUTER_BUILD_DIR:-$ROOT/build}"
# ccache keys on relative paths below the project, so a fresh clone elsewhere
# (as CI makes) still hits the cache of earlier builds.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"

BUILD_PACKAGES=(g++ cmake ninja-build ccache pkg-config
  libpoco-dev libboost-dev libboost-filesystem-dev libssl-dev libfmt-dev libyaml-cpp-dev
  libsqlite3-dev libmariadb-dev
  libgtest-dev libgmock-dev ca-certificates openssl curl)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_packages pkg...: apt-get install the ones not installed yet.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# ensure_node: Node.js 20 + npm (preinstalled on the dev machines; Debian's otherwise).
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    ensure_packages nodejs npm
  fi
}

# The browser of the console's end-to-end test (driven by playwright-core),
# and CJK fonts so that its Chinese screenshots show text, not boxes.
CONSOLE_TEST_PACKAGES=(chromium fonts-noto-cjk)

CONSOLE_SRC="$ROOT/admin-ui"

# console_source_hash: one hash over everything the console's build reads.
console_source_hash() {
  local inputs=() path
  for path in src public build index.html package.json package-lock.json vite.config.ts tsconfig.json; do
    [ -e "$CONSOLE_SRC/$path" ] && inputs+=("$path")
  done
  (cd "$CONSOLE_SRC" && find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

# build_console: the admin console (admin-ui/) into admin-ui/dist, which the
# gateway serves at /. `npm ci` only when package-lock.json changed, and the
# build (type check + Vite, about 15 s) only when its sources changed.
build_console() {
  ensure_node
  local lock_stamp="$CONSOLE_SRC/node_modules/.lock-stamp"
  if [ ! -f "$lock_stamp" ] || ! cmp -s "$CONSOLE_SRC/package-lock.json" "$lock_stamp"; then
    log "npm ci (admin-ui)"
    (cd "$CONSOLE_SRC" && npm ci --no-audit --no-fund --loglevel=error) || return 1
    cp "$CONSOLE_SRC/package-lock.json" "$lock_stamp"
  fi
  # Kept beside node_modules, not in dist/: everything in dist/ is served.
  local build_stamp="$CONSOLE_SRC/node_modules/.build-stamp" hash
  hash="$(console_source_hash)"
  if [ -f "$CONSOLE_SRC/dist/index.html" ] && [ "$(cat "$build_stamp" 2>/dev/null)" = "$hash" ]; then
    return 0
  fi
  log "building the console (admin-ui)"
  # The stamp only after a good build, even where the caller has no `set -e`.
  (cd "$CONSOLE_SRC" && npm run build --silent) || return 1
  echo "$hash" > "$build_stamp"
}

# build <build type> [targets...]
build() {
  local type="$1"; shift
  if [ ! -f "$BUILD_DIR/build.ninja" ] || ! grep -q "CMAKE_BUILD_TYPE:STRING=$type" "$BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
    log "configuring ($type) in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
  fi
  log "building"
  cmake --build "$BUILD_DIR" -j"${GAIAROUTER_JOBS:-2}" ${1:+--target "$@"}
}
