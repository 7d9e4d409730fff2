-- CreateTable
CREATE TABLE "IngressSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "adminUrl" TEXT NOT NULL DEFAULT 'http://127.0.0.1:2019',
    "serverName" TEXT NOT NULL DEFAULT 'homeport',
    "listen" TEXT NOT NULL DEFAULT '[":443"]',
    "httpPort" INTEGER NOT NULL DEFAULT 80,
    "httpsPort" INTEGER NOT NULL DEFAULT 443,
    "proxyAddress" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "statusDetail" TEXT,
    "checkedAt" DATETIME,
    "lastAppliedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProxyEntry" (
    "routeId" TEXT NOT NULL PRIMARY KEY,
    "tlsMode" TEXT NOT NULL DEFAULT 'internal',
    "certificatePem" TEXT,
    "keySealed" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusDetail" TEXT,
    "checkedAt" DATETIME,
    "appliedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Tunnel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "accountId" TEXT,
    "externalId" TEXT NOT NULL,
    "credentialsSealed" TEXT NOT NULL,
    "originUrl" TEXT NOT NULL,
    "apiBaseUrl" TEXT,
    "hostId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusDetail" TEXT,
    "checkedAt" DATETIME,
    "lastAppliedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Tunnel_name_key" ON "Tunnel"("name");
