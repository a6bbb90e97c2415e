#!/usr/bin/env bash
# Runs the default test suite (everything but the slow statistical studies and benchmarks).
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cd "$root"
"$root/scripts/install-native.sh"
"$root/scripts/install-report-assets.sh"
"$root/scripts/install-test-tools.sh"
export CAUSALCART_DUCKDB="$root/native/libduckdb.so"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test CausalCart.slnx -c Release --filter "Category!=Slow" \
  --logger "trx" --results-directory "$results" "$@" || status=$?
# One plain summary line over all test assemblies, read from the TRX files.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"tests: {p} passed, {f} failed, {s} skipped")
PY
exit $status
