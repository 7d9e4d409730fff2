-- CreateTable
CREATE TABLE "ExposureReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'running',
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "actor" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "score" INTEGER,
    "critical" INTEGER NOT NULL DEFAULT 0,
    "high" INTEGER NOT NULL DEFAULT 0,
    "medium" INTEGER NOT NULL DEFAULT 0,
    "low" INTEGER NOT NULL DEFAULT 0,
    "findings" TEXT NOT NULL DEFAULT '[]',
    "scans" TEXT NOT NULL DEFAULT '[]',
    "diff" TEXT,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "GameDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "durationSec" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "deadlineAt" DATETIME,
    "endedAt" DATETIME,
    "prediction" TEXT NOT NULL DEFAULT '[]',
    "timeline" TEXT NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "FirewallChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "plan" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    "deadlineAt" DATETIME,
    "confirmedAt" DATETIME,
    "revertedAt" DATETIME,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "ExposureReport_startedAt_idx" ON "ExposureReport"("startedAt");

-- CreateIndex
CREATE INDEX "ExposureReport_status_idx" ON "ExposureReport"("status");

-- CreateIndex
CREATE INDEX "GameDay_createdAt_idx" ON "GameDay"("createdAt");

-- CreateIndex
CREATE INDEX "GameDay_status_idx" ON "GameDay"("status");

-- CreateIndex
CREATE INDEX "FirewallChange_hostId_createdAt_idx" ON "FirewallChange"("hostId", "createdAt");
