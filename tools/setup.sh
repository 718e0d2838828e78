#!/usr/bin/env bash
# Installs what Dome's tests need beyond the .NET SDK: Debian's Chromium (the live map's browser test drives it through
# playwright-core) and the front-end packages of web/ (npm ci from web/package-lock.json; the build runs it too).
# Idempotent: does nothing that is already done. Needs root or sudo for apt-get.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js and npm are needed (the live map's packages, the browser and client tests)" >&2
  exit 1
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "setup: installing Debian's chromium (for the browser test of the live map)" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: chromium is missing and neither root nor sudo is available to install it" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -f "$root/web/node_modules/.package-lock.json" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in web/" >&2
  (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
