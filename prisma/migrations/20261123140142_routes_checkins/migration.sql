-- AlterTable
ALTER TABLE "CheckState" ADD COLUMN "fingerprint" TEXT;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "acknowledgedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "acknowledgedBy" TEXT;

-- AlterTable
ALTER TABLE "ProbeResult" ADD COLUMN "fingerprint" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastCheckInAt" DATETIME;

-- CreateTable
CREATE TABLE "RoutePart" (
    "routeId" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" DATETIME,
    "nextAttemptAt" DATETIME,
    "appliedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("routeId", "part"),
    CONSTRAINT "RoutePart_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "Route" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Check" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "intervalSec" INTEGER NOT NULL DEFAULT 60,
    "timeoutMs" INTEGER NOT NULL DEFAULT 10000,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "vantages" TEXT NOT NULL DEFAULT '[]',
    "channels" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "expectation" TEXT NOT NULL DEFAULT 'reachable',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "sourceKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "statusSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Check" ("channels", "createdAt", "enabled", "id", "intervalSec", "name", "retries", "source", "sourceKey", "status", "statusSince", "target", "timeoutMs", "type", "updatedAt", "vantages") SELECT "channels", "createdAt", "enabled", "id", "intervalSec", "name", "retries", "source", "sourceKey", "status", "statusSince", "target", "timeoutMs", "type", "updatedAt", "vantages" FROM "Check";
DROP TABLE "Check";
ALTER TABLE "new_Check" RENAME TO "Check";
CREATE UNIQUE INDEX "Check_sourceKey_key" ON "Check"("sourceKey");
CREATE INDEX "Check_source_idx" ON "Check"("source");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RoutePart_status_nextAttemptAt_idx" ON "RoutePart"("status", "nextAttemptAt");
