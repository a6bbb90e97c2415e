#!/usr/bin/env bash
# Installs the native DuckDB library into native/ (git-ignored).
# DuckDB's C API ships inside the npm package @duckdb/node-bindings-linux-x64; no Node code is used.
# The tarball is verified against a pinned SHA-256 before anything is extracted.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version="1.5.6-r.1"
sha256="1b9f82478539bb9a1d1df44bd103121a12ae52142c07158dc52b97d2ec1d69ff"
dest="$root/native"
stamp="$dest/.duckdb-$version"
if [[ -f "$stamp" && -f "$dest/libduckdb.so" ]]; then
  exit 0
fi
# shellcheck source=lib/npm-fetch.sh
source "$root/scripts/lib/npm-fetch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tgz=$(npm_fetch_verified install-native "@duckdb/node-bindings-linux-x64@$version" "$sha256" "$tmp")
mkdir -p "$dest"
tar -xzf "$tgz" -C "$tmp" package/libduckdb.so package/LICENSE
mv "$tmp/package/libduckdb.so" "$dest/libduckdb.so.tmp" && mv "$dest/libduckdb.so.tmp" "$dest/libduckdb.so"
cp "$tmp/package/LICENSE" "$dest/DUCKDB-LICENSE"
touch "$stamp"
echo "install-native: DuckDB $version installed in $dest" >&2
