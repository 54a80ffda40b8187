-- Rollups of the supervisor statistics (lib/db/rollups/statistics.ts computes them for one school and term;
-- lib/db/statistics.repo.ts sums them over a region's schools). Rows are replaced whole per school and term,
-- never edited, so each table carries no timestamps of its own.

-- 十一类特殊困难学生综合统计: per school, term, the student's stage ('' = on the list but not an in-school
-- student of the school) and category ('ALL' = the distinct students of every category, not a sum).
CREATE TABLE "SpecialGroupStat" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "stage" TEXT NOT NULL,
  "category" TEXT NOT NULL,
  "listed" INTEGER NOT NULL,
  "enrolled" INTEGER NOT NULL,
  "applied" INTEGER NOT NULL,
  "determined" INTEGER NOT NULL,
  "aided" INTEGER NOT NULL,
  "noAidWaived" INTEGER NOT NULL,
  "noAidLeftSchool" INTEGER NOT NULL,
  "noAidAidedElsewhere" INTEGER NOT NULL,
  "noAidNotEligible" INTEGER NOT NULL,
  "noAidOther" INTEGER NOT NULL,
  "noAidUnreported" INTEGER NOT NULL,
  CONSTRAINT "SpecialGroupStat_pkey" PRIMARY KEY ("schoolId", "termId", "stage", "category"),
  CONSTRAINT "SpecialGroupStat_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE,
  CONSTRAINT "SpecialGroupStat_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE,
  CONSTRAINT "SpecialGroupStat_counts_check" CHECK (
    "enrolled" <= "listed" AND "aided" <= "enrolled"
    AND "noAidWaived" + "noAidLeftSchool" + "noAidAidedElsewhere" + "noAidNotEligible" + "noAidOther"
      + "noAidUnreported" = "enrolled" - "aided")
);
CREATE INDEX "SpecialGroupStat_termId_schoolId_idx" ON "SpecialGroupStat" ("termId", "schoolId");

-- 受助情况统计, students: distinct aided students per school, term, stage and hardship level of the term
-- ('UNDETERMINED' = no final determination this term).
CREATE TABLE "AidStudentStat" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "stage" "Stage" NOT NULL,
  "level" TEXT NOT NULL,
  "persons" INTEGER NOT NULL,
  CONSTRAINT "AidStudentStat_pkey" PRIMARY KEY ("schoolId", "termId", "stage", "level"),
  CONSTRAINT "AidStudentStat_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE,
  CONSTRAINT "AidStudentStat_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE,
  CONSTRAINT "AidStudentStat_level_check" CHECK ("level" IN ('SPECIAL', 'HARDSHIP', 'GENERAL', 'NONE', 'UNDETERMINED'))
);
CREATE INDEX "AidStudentStat_termId_schoolId_idx" ON "AidStudentStat" ("termId", "schoolId");

-- 受助情况统计, programmes: per school, term, stage, programme and level: distinct students, person-times
-- (roster entries of approved rosters: one per student, programme and period), approved and paid amounts (fen).
CREATE TABLE "AidProgrammeStat" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "stage" "Stage" NOT NULL,
  "programmeId" TEXT NOT NULL,
  "level" TEXT NOT NULL,
  "persons" INTEGER NOT NULL,
  "personTimes" INTEGER NOT NULL,
  "amountFen" BIGINT NOT NULL,
  "paidFen" BIGINT NOT NULL,
  CONSTRAINT "AidProgrammeStat_pkey" PRIMARY KEY ("schoolId", "termId", "stage", "programmeId", "level"),
  CONSTRAINT "AidProgrammeStat_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE,
  CONSTRAINT "AidProgrammeStat_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE,
  CONSTRAINT "AidProgrammeStat_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "AidProgramme"("id") ON DELETE CASCADE,
  CONSTRAINT "AidProgrammeStat_level_check" CHECK ("level" IN ('SPECIAL', 'HARDSHIP', 'GENERAL', 'NONE', 'UNDETERMINED'))
);
CREATE INDEX "AidProgrammeStat_termId_schoolId_idx" ON "AidProgrammeStat" ("termId", "schoolId");
