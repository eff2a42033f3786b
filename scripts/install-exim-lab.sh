#!/usr/bin/env bash
# Provides the real Exim 4 from Debian for the Exim trace test (test/e2e/exim-trace.test.ts), WITHOUT
# installing the exim4 packages: Debian's exim4-daemon-* and postfix conflict (both are the system's
# mail-transport-agent), and the mail lab needs postfix. So this script downloads exim4-daemon-light with
# apt, unpacks its files under $EXIM_LAB_ROOT (default /opt/whereismail-exim) and installs only the
# shared libraries the binary needs, and lists the lab's config path in /etc/exim4/trusted_configs. Nothing is
# registered with dpkg, no system daemon is started, no port is taken: the test starts its own daemon on a
# free loopback port with its own spool and logs.
# Idempotent: does nothing when the unpacked binary already runs. Needs root (apt-get).
set -euo pipefail

ROOT="${EXIM_LAB_ROOT:-/opt/whereismail-exim}"
BIN="$ROOT/usr/sbin/exim4"
LIBS=(libc6 libcrypt1 libdb5.3 libgnutls-dane0 libgnutls30 libidn12 libidn2-0 libnsl2 libpcre2-8-0)

if [ "$(id -u)" != 0 ]; then
  echo "install-exim-lab: must run as root (apt-get, useradd)" >&2
  exit 1
fi

# -bV with an empty configuration: the Debian default config is not there, and is not wanted
runs() { [ -x "$BIN" ] && "$BIN" -C /dev/null -bV >/dev/null 2>&1 </dev/null; }

missing=()
for p in "${LIBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  updated=1
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! runs; then
  [ "$updated" = 1 ] || apt-get update -qq
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # apt drops to the _apt user to download: let it write into the temporary directory
  chmod 755 "$tmp"
  chown _apt "$tmp" 2>/dev/null || true
  (cd "$tmp" && apt-get download -qq exim4-daemon-light)
  deb="$(ls "$tmp"/exim4-daemon-light_*.deb)"
  mkdir -p "$ROOT"
  dpkg-deb -x "$deb" "$ROOT"
  if ! runs; then
    echo "install-exim-lab: $BIN was unpacked but does not run:" >&2
    "$BIN" -C /dev/null -bV </dev/null >&2 || true
    exit 1
  fi
fi

# Debian's Exim is built to run as the user Debian-exim (EXIM_USER), and only that user may re-run Exim with a
# trusted -C config and keep privilege: create it as the exim4-base package would.
if ! getent passwd Debian-exim >/dev/null; then
  useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin Debian-exim
fi

# The lab's configuration lives at one fixed path, listed in Exim's TRUSTED_CONFIG_LIST (Debian builds it as
# /etc/exim4/trusted_configs): a process that Exim starts itself (a delivery, a bounce being received) keeps its
# privilege and writes the main log only when its -C file is trusted (Exim spec "Command line options", -C).
# The test writes that file (root-owned, not group/world writable) each time it starts the lab.
LAB_CONF="$ROOT/lab/exim.conf"
mkdir -p "$ROOT/lab" /etc/exim4
chmod 755 "$ROOT/lab"
touch /etc/exim4/trusted_configs
grep -qxF "$LAB_CONF" /etc/exim4/trusted_configs || echo "$LAB_CONF" >>/etc/exim4/trusted_configs
chmod 644 /etc/exim4/trusted_configs

echo "install-exim-lab: $("$BIN" -C /dev/null -bV 2>/dev/null </dev/null | grep -m1 '^Exim version') at $BIN"
