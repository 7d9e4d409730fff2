-- AlterTable
ALTER TABLE "Host" ADD COLUMN "agentSecretHash" TEXT;
ALTER TABLE "Host" ADD COLUMN "dockerInfo" TEXT;
ALTER TABLE "Host" ADD COLUMN "enrolledAt" DATETIME;
ALTER TABLE "Host" ADD COLUMN "hostname" TEXT;
ALTER TABLE "Host" ADD COLUMN "protocolVersion" INTEGER;
ALTER TABLE "Host" ADD COLUMN "versionMismatch" TEXT;

-- CreateTable
CREATE TABLE "EnrollmentToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "hostId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnrollmentToken_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContainerState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "containerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "health" TEXT,
    "exitCode" INTEGER,
    "managed" BOOLEAN NOT NULL DEFAULT false,
    "serviceId" TEXT,
    "specHash" TEXT,
    "ports" TEXT NOT NULL DEFAULT '[]',
    "startedAt" DATETIME,
    "observedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContainerState_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "hostId" TEXT,
    "specHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "log" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "containerId" TEXT,
    "actorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EnrollmentToken_tokenHash_key" ON "EnrollmentToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "EnrollmentToken_hostId_key" ON "EnrollmentToken"("hostId");

-- CreateIndex
CREATE INDEX "EnrollmentToken_expiresAt_idx" ON "EnrollmentToken"("expiresAt");

-- CreateIndex
CREATE INDEX "ContainerState_serviceId_idx" ON "ContainerState"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "ContainerState_hostId_containerId_key" ON "ContainerState"("hostId", "containerId");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_createdAt_idx" ON "Deployment"("serviceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Host_agentSecretHash_key" ON "Host"("agentSecretHash");

