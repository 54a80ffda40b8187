-- 备案 and training records of the support desk (lib/services/support-records.ts, seed 001 第七条 and 第十七条).

-- A city's support contact (受理电话, 受理邮箱, 专人), reported once a year, due in September: one row per city
-- and year, edited by that city's supervisors.
CREATE TABLE "SupportContactFiling" (
  "id" TEXT NOT NULL,
  "cityId" TEXT NOT NULL,
  "year" INTEGER NOT NULL,
  "phone" TEXT NOT NULL,
  "mailbox" TEXT NOT NULL,
  "staffNames" TEXT NOT NULL,
  "updatedById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportContactFiling_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupportContactFiling_year_check" CHECK ("year" BETWEEN 2000 AND 2100),
  CONSTRAINT "SupportContactFiling_text_check" CHECK (
    length("phone") BETWEEN 1 AND 40 AND length("mailbox") BETWEEN 3 AND 100
    AND length("staffNames") BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX "SupportContactFiling_cityId_year_key" ON "SupportContactFiling"("cityId", "year");
ALTER TABLE "SupportContactFiling" ADD CONSTRAINT "SupportContactFiling_cityId_fkey" FOREIGN KEY ("cityId")
  REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportContactFiling" ADD CONSTRAINT "SupportContactFiling_updatedById_fkey" FOREIGN KEY ("updatedById")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Only a city files (a province or county row would never be shown nor counted).
CREATE FUNCTION support_contact_filing_city() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT "level" FROM "Region" WHERE "id" = NEW."cityId") IS DISTINCT FROM 'CITY' THEN
    RAISE EXCEPTION 'support contact filing must belong to a city' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SupportContactFiling_city" BEFORE INSERT OR UPDATE OF "cityId" ON "SupportContactFiling"
  FOR EACH ROW EXECUTE FUNCTION support_contact_filing_city();

-- A training session a supervisor held (or recorded) for a region of their subtree, and who attended.
CREATE TABLE "TrainingSession" (
  "id" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "day" DATE NOT NULL,
  "topic" TEXT NOT NULL,
  "way" TEXT NOT NULL,
  "trainer" TEXT NOT NULL,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "TrainingSession_way_check" CHECK ("way" IN ('ONSITE', 'ONLINE', 'VIDEO')),
  CONSTRAINT "TrainingSession_text_check" CHECK (
    length("topic") BETWEEN 1 AND 100 AND length("trainer") BETWEEN 1 AND 50)
);
CREATE INDEX "TrainingSession_regionId_day_idx" ON "TrainingSession"("regionId", "day");
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_regionId_fkey" FOREIGN KEY ("regionId")
  REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_createdById_fkey" FOREIGN KEY ("createdById")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "TrainingAttendance" (
  "sessionId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("sessionId", "userId")
);
CREATE INDEX "TrainingAttendance_userId_idx" ON "TrainingAttendance"("userId");
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_sessionId_fkey" FOREIGN KEY ("sessionId")
  REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_userId_fkey" FOREIGN KEY ("userId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
