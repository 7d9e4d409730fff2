#!/usr/bin/env bash
# Makes sure BIND9 (named, nsupdate, dig) and dnsmasq are installed for the DNS integration tests
# and the benchmark. Idempotent: installs Debian's bind9, bind9-dnsutils and dnsmasq-base only when
# a binary is missing (apt-get update only if the first attempt fails). It never starts or enables
# system services: the tests start their own instances on loopback with their own config.
set -euo pipefail

say() { printf '[ensure-dns-servers] %s\n' "$*" >&2; }

# policy-rc.d exit 101 keeps Debian's maintainer scripts from starting named during the install.
POLICY=/usr/sbin/policy-rc.d

need=()
{ command -v named >/dev/null 2>&1 || [ -x /usr/sbin/named ]; } || need+=(bind9)
{ command -v nsupdate >/dev/null 2>&1 && command -v dig >/dev/null 2>&1; } || need+=(bind9-dnsutils)
{ command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ]; } || need+=(dnsmasq-base)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  say "missing ${need[*]} and not root; install them by hand"
  exit 1
fi

say "installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
made_policy=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"
  chmod +x "$POLICY"
  made_policy=1
fi
cleanup() { if [ "$made_policy" = 1 ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

if ! apt-get install -y --no-install-recommends "${need[@]}" >/tmp/homeport-apt-dns.log 2>&1; then
  say "install failed; running apt-get update and trying again"
  apt-get update >>/tmp/homeport-apt-dns.log 2>&1
  apt-get install -y --no-install-recommends "${need[@]}" >>/tmp/homeport-apt-dns.log 2>&1
fi
# Stop a named the package may have started anyway (no init system here, so usually none).
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet named 2>/dev/null; then
  systemctl stop named >/dev/null 2>&1 || true
fi
say "installed ${need[*]}"
