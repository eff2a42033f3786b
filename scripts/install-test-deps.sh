#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (real Postfix, Dovecot, swaks, xz...).
# Idempotent: does nothing when they are already installed. Needs root (apt-get).
set -euo pipefail
PKGS=(xz-utils unbound)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-test-deps: need root to apt-get install: ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Real Postfix and Dovecot for the end-to-end mail lab (test/e2e/mail-lab).
bash "$(dirname "$0")/install-mail-lab.sh"

# The real Exim 4 binary, unpacked beside Postfix (the packages conflict), for test/e2e/exim-trace.test.ts.
bash "$(dirname "$0")/install-exim-lab.sh"

# PostgreSQL for the case-store contract suite: normally running on this machine kind; start it if it is not.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort | tail -n 1)" main start || true
  fi
fi
