#!/usr/bin/env bash
# Installs what Homeport needs on a Debian machine, builds it, and runs it in the foreground:
# embedded SQLite (created or migrated at start), the dashboard on $HOST:$PORT (default 0.0.0.0:3000),
# and one local agent against this machine's Docker engine (HOMEPORT_LOCAL_AGENT=0 to leave it out).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
export NEXT_TELEMETRY_DISABLED=1

ensure_node
# Ping checks from the control plane use the system's ping.
apt_install iputils-ping nftables
# The local agent deploys to this machine's Docker engine (Debian's docker.io, started if needed).
if [ "${HOMEPORT_LOCAL_AGENT:-1}" = 1 ]; then
  bash scripts/ensure-docker.sh || die "could not start a Docker engine (set HOMEPORT_LOCAL_AGENT=0 to run without the local agent)"
fi
ensure_node_modules
prisma_generate
log "building the dashboard"
npm run build --silent >/tmp/homeport-build.log 2>&1 || { tail -40 /tmp/homeport-build.log; die "build failed (full log: /tmp/homeport-build.log)"; }

export PORT="${PORT:-3000}" HOST="${HOST:-0.0.0.0}" HOMEPORT_DATA_DIR="${HOMEPORT_DATA_DIR:-$PWD/data}"
export HOMEPORT_LOCAL_AGENT="${HOMEPORT_LOCAL_AGENT:-1}"
log "starting Homeport on http://${HOST}:${PORT} (data in ${HOMEPORT_DATA_DIR}); on first run, the setup code is printed below"
exec node --import tsx server.ts
