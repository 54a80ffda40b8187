-- The loan statistics rollup (lib/db/rollups/loan-stats.ts): the 国家助学贷款 statistics page of a province
-- reads these figures instead of re-reading millions of loan records per request (bench/loans-statistics.ts).
--
-- One row per (province, academicYear, grouping, category, key); academicYear 0 = all years. Groupings:
--   year         key = the academic year (rows of that year only): APPROVED loans, distinct borrowers,
--                amount, and the APPROVED repayments of those loans;
--   bank         key = 经办银行;
--   category     key = institution category ('' = none given);
--   institution  category = its category, key = 学校标识码, name = max(institutionName);
--   progress     key = 学校标识码, name = max(institutionName) over every state: loans = approved,
--                pending, refused (录入进展);
--   flow         key = a calendar year (Beijing time): amountFen = APPROVED loans granted that year,
--                repaidFen = APPROVED repayments made that year (of the partition's loans) — the time axis
--                of the cumulative repayment rate.
-- "students" (distinct 身份证件 blind indexes) of each row is counted for exactly that row's year and group;
-- the all-years rows count across years (they do not add up from the yearly rows).
CREATE TABLE "LoanStat" (
  "regionId" TEXT NOT NULL,
  "academicYear" INTEGER NOT NULL,
  "grouping" TEXT NOT NULL,
  "category" TEXT NOT NULL DEFAULT '',
  "key" TEXT NOT NULL,
  "name" TEXT,
  "loans" INTEGER NOT NULL DEFAULT 0,
  "students" INTEGER NOT NULL DEFAULT 0,
  "amountFen" BIGINT NOT NULL DEFAULT 0,
  "repaidFen" BIGINT NOT NULL DEFAULT 0,
  "pending" INTEGER NOT NULL DEFAULT 0,
  "refused" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "LoanStat_pkey" PRIMARY KEY ("regionId", "academicYear", "grouping", "category", "key"),
  CONSTRAINT "LoanStat_grouping_check" CHECK ("grouping" IN ('year', 'bank', 'category', 'institution', 'progress', 'flow'))
);
ALTER TABLE "LoanStat" ADD CONSTRAINT "LoanStat_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Marks: one row per marking statement, province and academic year (no unique key, so a writer never waits
-- for another — as "RollupDirty", migration 402). "borrowers": an APPROVED loan record changed, so the
-- all-years distinct borrower counts must be recounted from the records (repayments and pending or
-- refused records never change them).
CREATE TABLE "LoanStatDirty" (
  "id" BIGSERIAL NOT NULL,
  "regionId" TEXT NOT NULL,
  "academicYear" INTEGER NOT NULL,
  "borrowers" BOOLEAN NOT NULL,
  "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "LoanStatDirty_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LoanStatDirty_regionId_idx" ON "LoanStatDirty"("regionId");
CREATE INDEX "LoanStatDirty_markedAt_idx" ON "LoanStatDirty"("markedAt");

-- When a province's figures were last refreshed (the page's 数据截至 when nothing is pending).
CREATE TABLE "LoanStatState" (
  "regionId" TEXT NOT NULL,
  "refreshedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "LoanStatState_pkey" PRIMARY KEY ("regionId")
);
ALTER TABLE "LoanStatState" ADD CONSTRAINT "LoanStatState_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION loan_stat_mark_loan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "LoanStatDirty" ("regionId", "academicYear", "borrowers", "markedAt")
  SELECT c."regionId", c."academicYear", bool_or(c."reviewState" = 'APPROVED'), now()
    FROM changed c GROUP BY c."regionId", c."academicYear";
  RETURN NULL;
END $$;

CREATE FUNCTION loan_stat_mark_repayment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "LoanStatDirty" ("regionId", "academicYear", "borrowers", "markedAt")
  SELECT DISTINCT l."regionId", l."academicYear", false, now()
    FROM changed c JOIN "LoanRecord" l ON l."id" = c."loanId"
   WHERE c."reviewState" = 'APPROVED';
  RETURN NULL;
END $$;

-- rollup_watch (migration 400): statement triggers on insert, update (old and new rows) and delete.
SELECT rollup_watch('LoanRecord', 'loan_stat_mark_loan');
SELECT rollup_watch('RepaymentRecord', 'loan_stat_mark_repayment');
