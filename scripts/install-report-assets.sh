#!/usr/bin/env bash
# Installs the report's chart library into native/assets/ (git-ignored): Apache ECharts' minified
# browser bundle, which CausalCart.Reporting embeds at build time and inlines into every HTML report
# (reports are single offline files; nothing is fetched when one is opened).
# The npm tarball is verified against a pinned SHA-256 before anything is extracted. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version="5.6.0"
sha256="e1b82487dd7f8d9f0438eec1f1433051148e0095ac7a15d4db890afda45cf610"
dest="$root/native/assets"
stamp="$dest/.echarts-$version"
if [[ -f "$stamp" && -f "$dest/echarts.min.js" ]]; then
  exit 0
fi
# shellcheck source=lib/npm-fetch.sh
source "$root/scripts/lib/npm-fetch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tgz=$(npm_fetch_verified install-report-assets "echarts@$version" "$sha256" "$tmp")
mkdir -p "$dest"
tar -xzmf "$tgz" -C "$tmp" package/dist/echarts.min.js package/LICENSE package/NOTICE package/licenses/LICENSE-d3
# Licences travel with the bundle: ECharts is Apache-2.0 (LICENSE + NOTICE); it bundles code derived
# from d3 under BSD-3-Clause (licenses/LICENSE-d3).
cp "$tmp/package/LICENSE" "$dest/ECHARTS-LICENSE"
cp "$tmp/package/NOTICE" "$dest/ECHARTS-NOTICE"
cp "$tmp/package/licenses/LICENSE-d3" "$dest/ECHARTS-LICENSE-d3"
printf 'echarts %s (npm tarball SHA-256 %s)\nLicence: Apache-2.0, see ECHARTS-LICENSE and ECHARTS-NOTICE; bundled d3 code: BSD-3-Clause, see ECHARTS-LICENSE-d3.\n' \
  "$version" "$sha256" > "$dest/ECHARTS-VERSION"
rm -f "$dest"/.echarts-*
mv "$tmp/package/dist/echarts.min.js" "$dest/echarts.min.js.tmp" && mv "$dest/echarts.min.js.tmp" "$dest/echarts.min.js"
touch "$stamp"
echo "install-report-assets: ECharts $version installed in $dest" >&2
