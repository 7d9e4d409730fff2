#!/usr/bin/env bash
# Installs test dependencies (idempotently) and runs every check: lint, typecheck, build, unit and
# integration tests (Vitest), browser tests (Playwright in Debian's Chromium). Every stage runs even
# when an earlier one fails; the last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CI="${CI:-}"

ensure_node
apt_install chromium ca-certificates
bash scripts/ensure-docker.sh || die "could not start a Docker engine"
bash scripts/ensure-dns-servers.sh || die "could not install BIND9 and dnsmasq"
bash scripts/ensure-caddy.sh || die "could not install Caddy"
apt_install iproute2 openssl strace iputils-ping docker-registry nftables
ensure_node_modules
prisma_generate

mkdir -p .tmp
passed=0 failed=0
stage() { # stage NAME CMD... : a stage that counts as one check
  local name=$1; shift
  log "── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAILED: $name"; fi
}

stage lint npx eslint . --max-warnings=0
stage typecheck npx tsc --noEmit
stage build npm run build --silent

log "── vitest (unit + integration)"
rm -f .tmp/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json
vt_status=$?
if [ -f .tmp/vitest.json ]; then
  read -r vp vf < <(node -e 'const r=require("./.tmp/vitest.json"); console.log(r.numPassedTests, r.numFailedTests)')
  passed=$((passed + vp)); failed=$((failed + vf))
  [ "$vt_status" != 0 ] && [ "$vf" = 0 ] && failed=$((failed + 1))
else
  failed=$((failed + 1))
fi

log "── playwright (e2e in Debian's Chromium)"
rm -f .tmp/playwright.json
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json
pw_status=$?
if [ -f .tmp/playwright.json ]; then
  read -r pp pf < <(node -e 'const s=require("./.tmp/playwright.json").stats; console.log(s.expected + s.flaky, s.unexpected)')
  passed=$((passed + pp)); failed=$((failed + pf))
  [ "$pw_status" != 0 ] && [ "$pf" = 0 ] && failed=$((failed + 1))
else
  failed=$((failed + 1))
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
