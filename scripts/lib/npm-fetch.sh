# Shared by the install scripts (source it; do not run it).
# npm_fetch_verified NAME PACKAGE@VERSION SHA256 DIR
#   npm-packs PACKAGE@VERSION into DIR, checks the tarball's SHA-256 and prints the tarball's path.
#   Fails (exit 1) with a message naming NAME when npm is missing or the hash differs.
npm_fetch_verified() {
  local name=$1 spec=$2 sha256=$3 dir=$4
  command -v npm >/dev/null || { echo "$name: npm is required to fetch $spec (apt-get install npm)" >&2; return 1; }
  echo "$name: fetching $spec" >&2
  (cd "$dir" && npm pack --silent "$spec" >/dev/null)
  local tgz actual
  tgz=$(ls "$dir"/*.tgz)
  actual=$(sha256sum "$tgz" | cut -d' ' -f1)
  if [[ "$actual" != "$sha256" ]]; then
    echo "$name: SHA-256 mismatch for $tgz: expected $sha256, got $actual" >&2
    return 1
  fi
  printf '%s\n' "$tgz"
}
