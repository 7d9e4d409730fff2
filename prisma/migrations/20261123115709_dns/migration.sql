-- CreateTable
CREATE TABLE "DnsProvider" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "secret" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DnsZone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '[]',
    "ttl" INTEGER NOT NULL DEFAULT 300,
    "autoApply" BOOLEAN NOT NULL DEFAULT false,
    "applied" TEXT NOT NULL DEFAULT '[]',
    "lastApplyAt" DATETIME,
    "lastApplyOk" BOOLEAN,
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "driftCheckedAt" DATETIME,
    "driftCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DnsZone_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "DnsProvider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DnsProvider_name_key" ON "DnsProvider"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DnsZone_providerId_name_key" ON "DnsZone"("providerId", "name");
