-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "mode" TEXT NOT NULL DEFAULT 'container',
    "replicas" INTEGER NOT NULL DEFAULT 1,
    "swarm" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Service_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Service_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Service" ("command", "createdAt", "desiredState", "egress", "env", "groupName", "healthcheck", "hostId", "id", "image", "name", "networks", "ports", "restartPolicy", "runtime", "stackId", "stackService", "tags", "updatedAt", "volumes") SELECT "command", "createdAt", "desiredState", "egress", "env", "groupName", "healthcheck", "hostId", "id", "image", "name", "networks", "ports", "restartPolicy", "runtime", "stackId", "stackService", "tags", "updatedAt", "volumes" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_name_key" ON "Service"("name");
CREATE INDEX "Service_hostId_idx" ON "Service"("hostId");
CREATE UNIQUE INDEX "Service_stackId_stackService_key" ON "Service"("stackId", "stackService");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
