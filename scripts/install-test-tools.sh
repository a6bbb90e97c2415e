#!/usr/bin/env bash
# Installs the system tools the default test run uses: Debian's Chromium (headless report rendering).
# Skipped when already present. Needs root (as on this project's machines) or sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-test-tools: installing chromium (Debian package)" >&2
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
