# Shared shell helpers for run.sh and test.sh (sourced, not executed).

# No phone-home: Prisma's update check, Next's telemetry and npm's update notice stay off in every
# command these scripts run (the server sets the same at start, lib/config/offline.ts).
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

log() { printf '\033[1m[homeport]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[homeport] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root (or sudo) for: $*"; fi
}

APT_UPDATED=0
# apt_install PKG... : installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ $APT_UPDATED = 0 ]; then as_root apt-get update -qq || true; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install: ${missing[*]}"
}

ensure_node() {
  if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)'; then
    apt_install nodejs npm
  fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)' \
    || die "Homeport needs Node.js >= 20.9 (found $(node --version 2>/dev/null || echo none)); install a newer Node.js and run again"
}

# npm ci only when package-lock.json changed since the last install.
ensure_node_modules() {
  local stamp=node_modules/.homeport-lock-hash
  local want; want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  apt_install build-essential python3
  log "installing npm dependencies (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  echo "$want" > "$stamp"
}

prisma_generate() {
  DATABASE_URL="${DATABASE_URL:-file:./data/homeport.db}" npx prisma generate >/dev/null 2>&1 || die "prisma generate failed"
}
