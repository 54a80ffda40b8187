-- Supervisor accounts down the region tree (lib/services/supervisor-accounts.ts): a supervisor account carries
-- a duty, 业务操作人员 (OPERATOR) or 业务主管领导 (LEADER); only supervisor accounts have one, and every
-- supervisor account has one (existing supervisors become operators).
CREATE TYPE "SupervisorDuty" AS ENUM ('OPERATOR', 'LEADER');
ALTER TABLE "User" ADD COLUMN "supervisorDuty" "SupervisorDuty";
UPDATE "User" SET "supervisorDuty" = 'OPERATOR' WHERE "role" = 'SUPERVISOR';
ALTER TABLE "User" ADD CONSTRAINT "User_supervisorDuty_check"
  CHECK (("role" = 'SUPERVISOR') = ("supervisorDuty" IS NOT NULL));
-- A supervisor inserted without a duty (older code paths, fixtures) is an operator: never a leader by default.
CREATE FUNCTION supervisor_default_duty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."role" = 'SUPERVISOR' AND NEW."supervisorDuty" IS NULL THEN
    NEW."supervisorDuty" := 'OPERATOR';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "User_supervisor_default_duty" BEFORE INSERT ON "User"
  FOR EACH ROW EXECUTE FUNCTION supervisor_default_duty();

-- 用户申请: a school (for a school aid officer's account) or a region's supervisor (for another account of its
-- own region) asks the level above, which approves (creating the account) or refuses with a reason.
CREATE TYPE "AccountRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');
CREATE TABLE "AccountRequest" (
  "id" TEXT NOT NULL,
  "requesterId" TEXT NOT NULL,
  "schoolId" TEXT,
  "regionId" TEXT,
  "role" "Role" NOT NULL,
  "supervisorDuty" "SupervisorDuty",
  "displayName" TEXT NOT NULL,
  "username" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "status" "AccountRequestStatus" NOT NULL DEFAULT 'PENDING',
  "decidedById" TEXT,
  "decidedAt" TIMESTAMP(3),
  "refusalReason" TEXT,
  "createdUserId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AccountRequest_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AccountRequest_unit_check" CHECK (
    ("role" = 'SCHOOL_ADMIN' AND "schoolId" IS NOT NULL AND "regionId" IS NULL AND "supervisorDuty" IS NULL)
    OR ("role" = 'SUPERVISOR' AND "regionId" IS NOT NULL AND "schoolId" IS NULL AND "supervisorDuty" IS NOT NULL)
  ),
  CONSTRAINT "AccountRequest_decision_check" CHECK (
    ("status" = 'PENDING' AND "decidedById" IS NULL AND "decidedAt" IS NULL AND "createdUserId" IS NULL AND "refusalReason" IS NULL)
    OR ("status" = 'APPROVED' AND "decidedById" IS NOT NULL AND "decidedAt" IS NOT NULL AND "createdUserId" IS NOT NULL)
    OR ("status" = 'REFUSED' AND "decidedById" IS NOT NULL AND "decidedAt" IS NOT NULL AND "refusalReason" IS NOT NULL AND "createdUserId" IS NULL)
  )
);
CREATE UNIQUE INDEX "AccountRequest_createdUserId_key" ON "AccountRequest"("createdUserId");
CREATE INDEX "AccountRequest_schoolId_status_idx" ON "AccountRequest"("schoolId", "status");
CREATE INDEX "AccountRequest_regionId_status_idx" ON "AccountRequest"("regionId", "status");
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_createdUserId_fkey" FOREIGN KEY ("createdUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
