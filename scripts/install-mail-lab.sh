#!/usr/bin/env bash
# Installs what the mail lab (test/e2e/mail-lab/) needs: real Postfix and Dovecot from Debian.
# Idempotent: installs only missing packages, creates the `vmail` mailbox owner if missing, and makes
# sure no system-wide postfix/dovecot keeps running (the lab starts its own instances on free ports,
# with every file under a temporary directory). Needs root. No systemd needed.
set -euo pipefail

PKGS=(postfix dovecot-core dovecot-imapd dovecot-lmtpd dovecot-sieve)

if [ "$(id -u)" != 0 ]; then
  echo "install-mail-lab: must run as root (apt-get, useradd)" >&2
  exit 1
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # Postfix's package asks for a mail setup: "No configuration" leaves /etc/postfix/main.cf absent.
  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The unprivileged owner of the lab's mailboxes (Dovecot passwd-file static uid/gid).
if ! getent passwd vmail >/dev/null; then
  useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin vmail
fi

# A package install may have started the system-wide daemons (where no policy-rc.d stops it):
# stop them and keep them from starting at boot, so they hold no ports and no queue.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now postfix.service dovecot.service >/dev/null 2>&1 || true
else
  for svc in postfix dovecot; do
    if [ -x "/etc/init.d/$svc" ]; then
      "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
      update-rc.d "$svc" disable >/dev/null 2>&1 || true
    fi
  done
fi
if [ -f /etc/postfix/main.cf ] && /usr/sbin/postfix status >/dev/null 2>&1; then
  /usr/sbin/postfix stop >/dev/null 2>&1 || true
fi
if [ -s /run/dovecot/master.pid ]; then
  kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
fi

echo "install-mail-lab: postfix $(/usr/sbin/postconf -d -h mail_version), dovecot $(/usr/sbin/dovecot --version | cut -d' ' -f1)"
