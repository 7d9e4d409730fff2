-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "checkIds" TEXT NOT NULL DEFAULT '[]',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StatusPage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "published" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
    "pausedAt" DATETIME,
    "pausedBy" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "groupName" TEXT,
    "pushTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Check" ("channels", "createdAt", "enabled", "expectation", "id", "intervalSec", "name", "retries", "source", "sourceKey", "status", "statusSince", "target", "timeoutMs", "type", "updatedAt", "vantages") SELECT "channels", "createdAt", "enabled", "expectation", "id", "intervalSec", "name", "retries", "source", "sourceKey", "status", "statusSince", "target", "timeoutMs", "type", "updatedAt", "vantages" FROM "Check";
DROP TABLE "Check";
ALTER TABLE "new_Check" RENAME TO "Check";
CREATE UNIQUE INDEX "Check_sourceKey_key" ON "Check"("sourceKey");
CREATE UNIQUE INDEX "Check_pushTokenHash_key" ON "Check"("pushTokenHash");
CREATE INDEX "Check_source_idx" ON "Check"("source");
CREATE TABLE "new_Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "command" TEXT NOT NULL DEFAULT '[]',
    "env" TEXT NOT NULL DEFAULT '{}',
    "ports" TEXT NOT NULL DEFAULT '[]',
    "volumes" TEXT NOT NULL DEFAULT '[]',
    "healthcheck" TEXT,
    "restartPolicy" TEXT NOT NULL DEFAULT 'unless-stopped',
    "egress" TEXT NOT NULL DEFAULT 'open',
    "runtime" TEXT NOT NULL DEFAULT '{}',
    "hostId" TEXT,
    "stackId" TEXT,
    "stackService" TEXT,
    "networks" TEXT NOT NULL DEFAULT '[]',
    "desiredState" TEXT NOT NULL DEFAULT 'running',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "groupName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Service_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Service_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Service" ("command", "createdAt", "egress", "env", "healthcheck", "hostId", "id", "image", "name", "networks", "ports", "restartPolicy", "runtime", "stackId", "stackService", "updatedAt", "volumes") SELECT "command", "createdAt", "egress", "env", "healthcheck", "hostId", "id", "image", "name", "networks", "ports", "restartPolicy", "runtime", "stackId", "stackService", "updatedAt", "volumes" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_name_key" ON "Service"("name");
CREATE INDEX "Service_hostId_idx" ON "Service"("hostId");
CREATE UNIQUE INDEX "Service_stackId_stackService_key" ON "Service"("stackId", "stackService");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MaintenanceWindow_endsAt_idx" ON "MaintenanceWindow"("endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusPage_slug_key" ON "StatusPage"("slug");
