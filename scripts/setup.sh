#!/bin/sh
# Sets up lmforge on a fresh Debian/Ubuntu machine, idempotently:
#   1. system packages: libtorch-dev (libtorch, CPU) and libopenblas0-openmp (fast BLAS that shares
#      libtorch's OpenMP threads; Debian's reference BLAS runs fp32 matmul ~15x slower), plus cmake/g++
#   2. npm dependencies (npm ci)
#   3. the native addon (cmake-js) and the TypeScript build
# Skips what is already there. Elsewhere (macOS, CUDA hosts with pip torch) it only checks and builds.
set -eu
cd "$(dirname "$0")/.."

need=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in libtorch-dev libopenblas0-openmp cmake g++ make; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then need="$need $pkg"; fi
  done
  # A libtorch from Python or LIBTORCH makes the Debian package unnecessary.
  if [ -n "${LIBTORCH:-}${Torch_DIR:-}" ] || python3 -c "import torch" >/dev/null 2>&1; then
    need=$(echo "$need" | sed 's/ libtorch-dev//')
  fi
fi
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "lmforge setup: missing system packages:$need"
    echo "Run this as root, then run this script again:"
    echo "  sudo apt-get update && sudo apt-get install -y$need"
    exit 1
  fi
  echo "lmforge setup: installing$need"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

# npm ci only when node_modules is missing or older than the lock file. --ignore-scripts: our own
# install script (node-gyp-build) would compile the addon a second time; we build it below.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "lmforge setup: npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
  # tap compiles its plugin list (package.json "tap.plugin": TypeScript through tsx, not its ts-node fork,
  # which TypeScript 7 breaks) into node_modules; do it once after every fresh install.
  npx tap build
fi

echo "lmforge setup: building the native addon"
npx cmake-js compile --out build
echo "lmforge setup: building TypeScript"
npx tsc -p .
echo "lmforge setup: done"
