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
command -v npm >/dev/null || { echo "install-native: npm is required to fetch DuckDB (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "install-native: fetching @duckdb/node-bindings-linux-x64@$version" >&2
(cd "$tmp" && npm pack --silent "@duckdb/node-bindings-linux-x64@$version" >/dev/null)
tgz=$(ls "$tmp"/*.tgz)
actual=$(sha256sum "$tgz" | cut -d' ' -f1)
if [[ "$actual" != "$sha256" ]]; then
  echo "install-native: SHA-256 mismatch for $tgz: expected $sha256, got $actual" >&2
  exit 1
fi
mkdir -p "$dest"
tar -xzf "$tgz" -C "$tmp" package/libduckdb.so package/LICENSE
mv "$tmp/package/libduckdb.so" "$dest/libduckdb.so.tmp" && mv "$dest/libduckdb.so.tmp" "$dest/libduckdb.so"
cp "$tmp/package/LICENSE" "$dest/DUCKDB-LICENSE"
touch "$stamp"
echo "install-native: DuckDB $version installed in $dest" >&2
