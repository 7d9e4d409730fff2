#!/usr/bin/env bash
# Makes sure Debian's caddy binary is installed, for the ingress integration tests.
# Idempotent: installs the `caddy` package when the binary is missing (apt-get update only if the
# first install attempt fails). The package's systemd unit (caddy.service, admin on :2019 and a
# Caddyfile on :80) is NOT what the tests use: they start their own `caddy run` processes with
# their own admin address and high ports. So that a package install never leaves a daemon holding
# :80/:443/:2019, the unit is stopped and disabled when systemd is present; when there is no
# systemd (containers), a policy-rc.d makes dpkg skip starting it.
set -euo pipefail

APT_LOG=/tmp/homeport-apt-caddy.log
# Other scripts may be installing packages at the same time: wait for dpkg's lock.
APT_LOCK_WAIT_S=600

say() { printf '[ensure-caddy] %s\n' "$*" >&2; }

if command -v caddy >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "caddy is missing and this is not root; run: apt-get install -y caddy"
  exit 1
fi

# Keep dpkg from starting the packaged service during the install (no-op without invoke-rc.d).
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

say "installing caddy"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get -o DPkg::Lock::Timeout=$APT_LOCK_WAIT_S install -y --no-install-recommends caddy >"$APT_LOG" 2>&1; then
  say "install failed; running apt-get update and trying again"
  apt-get -o DPkg::Lock::Timeout=$APT_LOCK_WAIT_S update >>"$APT_LOG" 2>&1
  apt-get -o DPkg::Lock::Timeout=$APT_LOCK_WAIT_S install -y --no-install-recommends caddy >>"$APT_LOG" 2>&1
fi

# The packaged service would listen on :80 and :2019; tests never rely on it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now caddy.service >/dev/null 2>&1 || true
fi

command -v caddy >/dev/null 2>&1 || { say "caddy still missing; see $APT_LOG"; exit 1; }
say "caddy $(caddy version 2>/dev/null | head -n1) installed"
