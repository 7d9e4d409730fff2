-- AlterTable
ALTER TABLE "IngressSettings" ADD COLUMN "adminAuthSealed" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RouteCleanup" (
    "routeId" TEXT NOT NULL PRIMARY KEY,
    "hostname" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "lastAt" DATETIME
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorName", "actorType", "at", "details", "id", "ip", "targetId", "targetType", "userAgent") SELECT "action", "actorId", "actorName", "actorType", "at", "details", "id", "ip", "targetId", "targetType", "userAgent" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
CREATE TABLE "new_Host" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "addresses" TEXT NOT NULL DEFAULT '[]',
    "role" TEXT NOT NULL DEFAULT 'docker',
    "vantage" TEXT NOT NULL DEFAULT 'lan',
    "version" TEXT,
    "lastSeenAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "agentSecretHash" TEXT,
    "hostname" TEXT,
    "protocolVersion" INTEGER,
    "versionMismatch" TEXT,
    "dockerInfo" TEXT,
    "enrolledAt" DATETIME,
    "bindRoots" TEXT NOT NULL DEFAULT '[]',
    "agentPolicy" TEXT
);
INSERT INTO "new_Host" ("addresses", "agentSecretHash", "createdAt", "dockerInfo", "enrolledAt", "hostname", "id", "labels", "lastSeenAt", "name", "protocolVersion", "revokedAt", "role", "updatedAt", "vantage", "version", "versionMismatch") SELECT "addresses", "agentSecretHash", "createdAt", "dockerInfo", "enrolledAt", "hostname", "id", "labels", "lastSeenAt", "name", "protocolVersion", "revokedAt", "role", "updatedAt", "vantage", "version", "versionMismatch" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE UNIQUE INDEX "Host_agentSecretHash_key" ON "Host"("agentSecretHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RouteCleanup_nextAttemptAt_idx" ON "RouteCleanup"("nextAttemptAt");
