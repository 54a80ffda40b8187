-- Wrong-password lockout state of sign-in identifiers that have no account
-- (lib/services sign-in: lib/auth/authenticate.ts). Five wrong passwords lock
-- a real account (User."failedLogins"/"lockedUntil"); an unknown identifier
-- must answer exactly the same, or the lockout message tells a stranger which
-- ID numbers and phone numbers have accounts. "key" is a keyed hash of the
-- sign-in kind and identifier (never the identifier in clear).
CREATE TABLE "SignInLockout" (
  "key" TEXT NOT NULL,
  "failedLogins" INTEGER NOT NULL DEFAULT 0,
  "lockedUntil" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "SignInLockout_pkey" PRIMARY KEY ("key"),
  CONSTRAINT "SignInLockout_key_check" CHECK (length("key") BETWEEN 1 AND 100),
  CONSTRAINT "SignInLockout_failedLogins_check" CHECK ("failedLogins" >= 0)
);
CREATE INDEX "SignInLockout_updatedAt_idx" ON "SignInLockout"("updatedAt");
