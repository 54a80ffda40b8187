-- Encryption at rest of stored files (evidence, generated exports): every file has its own random
-- data key, kept here wrapped (encrypted) with a field key version, so that rotating the field keys
-- re-wraps these rows and never rewrites a file. The file itself holds only ciphertext
-- (lib/storage/encrypted.ts describes the format).
CREATE TABLE "StoredFileKey" (
  "objectKey" TEXT NOT NULL,
  "suite" TEXT NOT NULL,
  "keyVersion" INTEGER NOT NULL,
  "wrappedKey" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "rewrappedAt" TIMESTAMP(3),
  CONSTRAINT "StoredFileKey_pkey" PRIMARY KEY ("objectKey"),
  CONSTRAINT "StoredFileKey_suite_check" CHECK ("suite" IN ('aes-gcm', 'sm4-sm3')),
  CONSTRAINT "StoredFileKey_keyVersion_check" CHECK ("keyVersion" >= 1)
);
CREATE INDEX "StoredFileKey_suite_keyVersion_idx" ON "StoredFileKey"("suite", "keyVersion");
