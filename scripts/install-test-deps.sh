#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (real Postfix, Dovecot, swaks, xz...).
# Idempotent: does nothing when they are already installed. Needs root (apt-get).
set -euo pipefail
PKGS=(xz-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: need root to apt-get install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
