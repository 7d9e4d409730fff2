-- AlterTable
ALTER TABLE "ContainerState" ADD COLUMN "imageDigest" TEXT;

-- AlterTable
ALTER TABLE "Stack" ADD COLUMN "catalogApp" TEXT;

-- CreateTable
CREATE TABLE "ImageTag" (
    "ref" TEXT NOT NULL PRIMARY KEY,
    "remoteDigest" TEXT,
    "remoteCreatedAt" DATETIME,
    "checkedAt" DATETIME,
    "errorClass" TEXT,
    "message" TEXT,
    "updatedAt" DATETIME NOT NULL
);
