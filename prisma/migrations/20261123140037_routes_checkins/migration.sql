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

-- CreateIndex
CREATE INDEX "RoutePart_status_nextAttemptAt_idx" ON "RoutePart"("status", "nextAttemptAt");
