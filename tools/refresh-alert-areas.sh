#!/usr/bin/env bash
# Refreshes data/alert-areas/ from the npm package pikud-haoref-api (default version 4.0.0, Apache-2.0).
# Usage: tools/refresh-alert-areas.sh [VERSION]
set -euo pipefail
version="${1:-4.0.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "pikud-haoref-api@${version}" >/dev/null
tar xzf "pikud-haoref-api-${version}.tgz"
for f in cities.json polygons.json LICENSE; do
  cp "package/$f" "$root/data/alert-areas/$f"
done
echo "data/alert-areas refreshed from pikud-haoref-api@${version}:"
sha256sum "$root/data/alert-areas/cities.json" "$root/data/alert-areas/polygons.json"
