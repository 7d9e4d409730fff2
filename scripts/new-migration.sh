#!/usr/bin/env bash
# Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
# existing migrations and prisma/schema.prisma (offline: JS schema engine, shadow db in memory).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
name="${1:?usage: npm run db:migrate -- <name>}"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "name: lower-case letters, digits and _" >&2; exit 2; }
sql=$(DATABASE_URL="file:./.tmp/migrate-diff.db" npx prisma migrate diff --from-migrations prisma/migrations \
  --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null)
if grep -q "This is an empty migration" <<<"$sql"; then echo "schema and migrations agree: nothing to do"; exit 0; fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
DATABASE_URL="file:./.tmp/migrate-diff.db" npx prisma generate >/dev/null 2>&1
echo "created $dir/migration.sql"
