-- Proof of identity for binding a child and activating a student account:
-- a code the school hands out per student (printed on the 致学生家长的一封信),
-- one-time SMS codes, the record of every binding, and accounts flagged when
-- the school released a mobile number they had registered without owning it.

-- ───────────── school-issued codes ─────────────
-- One current code per enrolment, kept only as a keyed hash (HMAC with the
-- blind-index key, bound to the student id); reissuing replaces the row.
CREATE TABLE "StudentAccessCode" (
  "studentId" TEXT NOT NULL,
  "codeHash" TEXT NOT NULL,
  "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "issueCount" INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT "StudentAccessCode_pkey" PRIMARY KEY ("studentId"),
  CONSTRAINT "StudentAccessCode_codeHash_check" CHECK ("codeHash" ~ '^[0-9a-f]{64}$'),
  CONSTRAINT "StudentAccessCode_issueCount_check" CHECK ("issueCount" >= 1)
);
ALTER TABLE "StudentAccessCode" ADD CONSTRAINT "StudentAccessCode_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── one-time SMS codes ─────────────
-- "subjectKey" is a keyed hash of (purpose, account or person, mobile): no
-- identifier in clear. The code itself is a keyed hash too.
CREATE TABLE "OneTimeCode" (
  "id" TEXT NOT NULL,
  "subjectKey" TEXT NOT NULL,
  "codeHash" TEXT NOT NULL,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "consumedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "OneTimeCode_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "OneTimeCode_attempts_check" CHECK ("attempts" >= 0)
);
CREATE INDEX "OneTimeCode_subjectKey_createdAt_idx" ON "OneTimeCode"("subjectKey", "createdAt");

-- ───────────── binding record ─────────────
-- Every binding of a child to a parent account, kept after a release, so the
-- class teacher and the school see who bound which child, when, from which
-- (masked) mobile, and who released it.
CREATE TABLE "BindingRecord" (
  "id" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "parentId" TEXT NOT NULL,
  "phoneMasked" TEXT NOT NULL,
  "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "releasedAt" TIMESTAMP(3),
  "releasedById" TEXT,
  "releaseReason" TEXT,
  CONSTRAINT "BindingRecord_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "BindingRecord_release_check" CHECK (("releasedAt" IS NULL) = ("releasedById" IS NULL))
);
CREATE INDEX "BindingRecord_studentId_idx" ON "BindingRecord"("studentId");
CREATE INDEX "BindingRecord_parentId_idx" ON "BindingRecord"("parentId");
ALTER TABLE "BindingRecord" ADD CONSTRAINT "BindingRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BindingRecord" ADD CONSTRAINT "BindingRecord_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BindingRecord" ADD CONSTRAINT "BindingRecord_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BindingRecord" ADD CONSTRAINT "BindingRecord_releasedById_fkey" FOREIGN KEY ("releasedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── flagged accounts ─────────────
-- Set when the school released a mobile number the account had registered
-- without being the recorded guardian (the account is also disabled).
ALTER TABLE "User" ADD COLUMN "flaggedAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "flagReason" TEXT;
-- A parent account has a mobile number, unless the school released it (then it is flagged and disabled).
ALTER TABLE "User" DROP CONSTRAINT "User_scope_check";
ALTER TABLE "User" ADD CONSTRAINT "User_scope_check" CHECK (
  CASE "role"
    WHEN 'STUDENT' THEN "personId" IS NOT NULL AND "schoolId" IS NULL AND "regionId" IS NULL
    WHEN 'PARENT' THEN ("phoneHash" IS NOT NULL OR ("flaggedAt" IS NOT NULL AND "disabled"))
      AND "personId" IS NULL AND "schoolId" IS NULL AND "regionId" IS NULL
    WHEN 'SUPERVISOR' THEN "username" IS NOT NULL AND "regionId" IS NOT NULL AND "schoolId" IS NULL AND "personId" IS NULL
    ELSE "username" IS NOT NULL AND "schoolId" IS NOT NULL AND "regionId" IS NULL AND "personId" IS NULL
  END);
