-- CreateTable
CREATE TABLE "VantagePoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'lan',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Check" (
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
    "source" TEXT NOT NULL DEFAULT 'manual',
    "sourceKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "statusSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CheckState" (
    "checkId" TEXT NOT NULL,
    "vantageId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "errorClass" TEXT,
    "message" TEXT,
    "latencyMs" INTEGER,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastAt" DATETIME,

    PRIMARY KEY ("checkId", "vantageId"),
    CONSTRAINT "CheckState_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckState_vantageId_fkey" FOREIGN KEY ("vantageId") REFERENCES "VantagePoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkId" TEXT NOT NULL,
    "vantageId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "errorClass" TEXT,
    "message" TEXT,
    "latencyMs" INTEGER,
    "dnsMs" INTEGER,
    "connectMs" INTEGER,
    "tlsMs" INTEGER,
    "firstByteMs" INTEGER,
    "statusCode" INTEGER,
    "tlsExpiresAt" DATETIME,
    "tlsIssuer" TEXT,
    CONSTRAINT "ProbeResult_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeAggregate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkId" TEXT NOT NULL,
    "vantageId" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "okCount" INTEGER NOT NULL,
    "latencySumMs" INTEGER NOT NULL DEFAULT 0,
    "latencyCount" INTEGER NOT NULL DEFAULT 0,
    "latencyMaxMs" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProbeAggregate_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "checkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationMs" INTEGER,
    "vantages" TEXT NOT NULL DEFAULT '[]',
    "errorClass" TEXT,
    "message" TEXT,
    CONSTRAINT "Incident_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL DEFAULT '{}',
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "incidentId" TEXT,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Check_sourceKey_key" ON "Check"("sourceKey");

-- CreateIndex
CREATE INDEX "Check_source_idx" ON "Check"("source");

-- CreateIndex
CREATE INDEX "CheckState_vantageId_idx" ON "CheckState"("vantageId");

-- CreateIndex
CREATE INDEX "ProbeResult_checkId_vantageId_at_idx" ON "ProbeResult"("checkId", "vantageId", "at");

-- CreateIndex
CREATE INDEX "ProbeResult_checkId_at_idx" ON "ProbeResult"("checkId", "at");

-- CreateIndex
CREATE INDEX "ProbeResult_at_idx" ON "ProbeResult"("at");

-- CreateIndex
CREATE INDEX "ProbeAggregate_bucket_start_idx" ON "ProbeAggregate"("bucket", "start");

-- CreateIndex
CREATE UNIQUE INDEX "ProbeAggregate_checkId_vantageId_bucket_start_key" ON "ProbeAggregate"("checkId", "vantageId", "bucket", "start");

-- CreateIndex
CREATE INDEX "Incident_checkId_startedAt_idx" ON "Incident"("checkId", "startedAt");

-- CreateIndex
CREATE INDEX "Incident_endedAt_idx" ON "Incident"("endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_channelId_createdAt_idx" ON "Delivery"("channelId", "createdAt");
