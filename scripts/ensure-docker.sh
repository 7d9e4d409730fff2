#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, for the agent tests and the benchmark.
# Idempotent: installs Debian's docker.io and busybox-static when missing (apt-get update only if
# the first install attempt fails), then starts dockerd in the background when `docker info`
# fails, logging to /var/log/homeport-dockerd.log, and waits until it is ready.
set -euo pipefail

READY_TIMEOUT_S=60
DOCKERD_LOG=/var/log/homeport-dockerd.log

say() { printf '[ensure-docker] %s\n' "$*" >&2; }

installed() { command -v dockerd >/dev/null 2>&1 && dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed"; }

# Fast path, no lock: everything is installed and an engine answers.
if installed && docker info >/dev/null 2>&1; then
  exit 0
fi

# Test files run in parallel: one of them installs and starts the engine, the others wait
# (bounded, so a stuck holder cannot hang every test run).
exec 9>/tmp/homeport-ensure-docker.lock
if ! flock -w 300 9; then
  say "timed out waiting for /tmp/homeport-ensure-docker.lock"
  exit 1
fi

need_install=()
command -v dockerd >/dev/null 2>&1 || need_install+=(docker.io)
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed" || need_install+=(busybox-static)

if [ ${#need_install[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "missing ${need_install[*]} and not root; install them by hand"
    exit 1
  fi
  say "installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${need_install[@]}" >/tmp/homeport-apt.log 2>&1; then
    say "install failed; running apt-get update and trying again"
    apt-get update >>/tmp/homeport-apt.log 2>&1
    apt-get install -y --no-install-recommends "${need_install[@]}" >>/tmp/homeport-apt.log 2>&1
  fi
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  say "starting dockerd (log: $DOCKERD_LOG)"
  # 9>&-: dockerd must not inherit the lock, or every later run waits for it to exit.
  nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  disown || true
fi

for _ in $(seq 1 "$READY_TIMEOUT_S"); do
  if docker info >/dev/null 2>&1; then
    say "docker engine ready"
    exit 0
  fi
  sleep 1
done
say "dockerd did not become ready within ${READY_TIMEOUT_S}s; see $DOCKERD_LOG"
exit 1
