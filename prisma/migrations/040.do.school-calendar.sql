-- A school's own days off and make-up working days for publicity periods
-- (SPEC §7: working days skip weekends and a configurable holiday calendar).
CREATE TABLE "SchoolCalendarDay" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "day" DATE NOT NULL,
  "working" BOOLEAN NOT NULL,
  "note" TEXT,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SchoolCalendarDay_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SchoolCalendarDay_note_check" CHECK ("note" IS NULL OR length("note") <= 50)
);
CREATE UNIQUE INDEX "SchoolCalendarDay_schoolId_day_key" ON "SchoolCalendarDay"("schoolId", "day");
-- Referential integrity without a Prisma relation (keeps the shared School model untouched).
ALTER TABLE "SchoolCalendarDay" ADD CONSTRAINT "SchoolCalendarDay_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
