-- 国家助学贷款 (national student loans) of a province (lib/services/loan-import.ts, docs/loans-import.md):
-- the province's operator imports loan and repayment records from the banks' .xlsx files, its leader
-- reviews them. Every row belongs to a PROVINCE region; only province-level supervisors see them.

CREATE TYPE "LoanLevel" AS ENUM ('UNDERGRADUATE', 'GRADUATE');
CREATE TYPE "LoanType" AS ENUM ('CAMPUS', 'ORIGIN');
CREATE TYPE "LoanInstitutionCategory" AS ENUM ('UNDERGRADUATE_COLLEGE', 'JUNIOR_COLLEGE', 'RESEARCH_INSTITUTE', 'MILITARY_ACADEMY');
CREATE TYPE "LoanImportKind" AS ENUM ('LOAN', 'REPAYMENT');
CREATE TYPE "LoanImportScope" AS ENUM ('CURRENT', 'SUPPLEMENTARY');
CREATE TYPE "LoanReviewState" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- 每笔贷款额度上限 by level and academic year (the first year it applies, e.g. 2021 = 2021-2022学年),
-- per province; seeded below with the national caps, edited by the province.
CREATE TABLE "LoanCap" (
  "id" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "level" "LoanLevel" NOT NULL,
  "fromYear" INTEGER NOT NULL,
  "capFen" INTEGER NOT NULL,
  "updatedById" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "LoanCap_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "LoanCap_capFen_check" CHECK ("capFen" > 0),
  CONSTRAINT "LoanCap_fromYear_check" CHECK ("fromYear" BETWEEN 1999 AND 2100)
);
CREATE UNIQUE INDEX "LoanCap_regionId_level_fromYear_key" ON "LoanCap"("regionId", "level", "fromYear");
ALTER TABLE "LoanCap" ADD CONSTRAINT "LoanCap_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LoanCap" ADD CONSTRAINT "LoanCap_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

INSERT INTO "LoanCap" ("id", "regionId", "level", "fromYear", "capFen")
SELECT 'lc_' || md5(r."id" || caps.level || caps.from_year), r."id", caps.level::"LoanLevel", caps.from_year, caps.cap_fen
FROM "Region" r
CROSS JOIN (VALUES
  ('UNDERGRADUATE', 1999, 800000), ('GRADUATE', 1999, 1200000),
  ('UNDERGRADUATE', 2021, 1200000), ('GRADUATE', 2021, 1600000),
  ('UNDERGRADUATE', 2023, 1600000), ('GRADUATE', 2023, 2000000),
  ('UNDERGRADUATE', 2024, 2000000), ('GRADUATE', 2024, 2500000)
) AS caps(level, from_year, cap_fen)
WHERE r."level" = 'PROVINCE';

-- One uploaded file: its job state and progress (the page polls it) and its counts.
CREATE TABLE "LoanImport" (
  "id" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "kind" "LoanImportKind" NOT NULL,
  "academicYear" INTEGER,
  "scope" "LoanImportScope" NOT NULL DEFAULT 'CURRENT',
  "mode" "ImportMode" NOT NULL,
  "fileName" TEXT NOT NULL,
  "state" "ImportJobState" NOT NULL DEFAULT 'RUNNING',
  "progress" INTEGER NOT NULL DEFAULT 0,
  "processedRows" INTEGER NOT NULL DEFAULT 0,
  "imported" INTEGER NOT NULL DEFAULT 0,
  "rejected" INTEGER NOT NULL DEFAULT 0,
  "committed" BOOLEAN NOT NULL DEFAULT false,
  "message" TEXT,
  "fileKey" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "finishedAt" TIMESTAMP(3),
  CONSTRAINT "LoanImport_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "LoanImport_year_check" CHECK (("kind" = 'LOAN') = ("academicYear" IS NOT NULL)),
  CONSTRAINT "LoanImport_progress_check" CHECK ("progress" BETWEEN 0 AND 100)
);
CREATE INDEX "LoanImport_regionId_kind_createdAt_idx" ON "LoanImport"("regionId", "kind", "createdAt");
ALTER TABLE "LoanImport" ADD CONSTRAINT "LoanImport_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LoanImport" ADD CONSTRAINT "LoanImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A rejected row of an import: its row number and the Chinese reason (never the row's ID number).
CREATE TABLE "LoanImportRejection" (
  "importId" TEXT NOT NULL,
  "rowNumber" INTEGER NOT NULL,
  "reason" TEXT NOT NULL,
  CONSTRAINT "LoanImportRejection_pkey" PRIMARY KEY ("importId", "rowNumber")
);
ALTER TABLE "LoanImportRejection" ADD CONSTRAINT "LoanImportRejection_importId_fkey" FOREIGN KEY ("importId") REFERENCES "LoanImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 贷款信息: one loan as the bank reported it. The institution is taken by code and name as written (most
-- universities, 科研院所 and 军队院校 are not schools of this system).
CREATE TABLE "LoanRecord" (
  "id" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "importId" TEXT NOT NULL,
  "rowNumber" INTEGER NOT NULL,
  "academicYear" INTEGER NOT NULL,
  "studentName" TEXT NOT NULL,
  "idType" "IdType" NOT NULL,
  "idNumberCipher" TEXT NOT NULL,
  "idNumberHash" TEXT NOT NULL,
  "idNumberMasked" TEXT NOT NULL,
  "institutionCode" TEXT NOT NULL,
  "institutionName" TEXT NOT NULL,
  "institutionCategory" "LoanInstitutionCategory",
  "level" "LoanLevel" NOT NULL,
  "contractNo" TEXT NOT NULL,
  "bank" TEXT NOT NULL,
  "amountFen" INTEGER NOT NULL,
  "grantedOn" DATE NOT NULL,
  "loanType" "LoanType" NOT NULL,
  "reviewState" "LoanReviewState" NOT NULL DEFAULT 'PENDING',
  "reviewComment" TEXT,
  "reviewedById" TEXT,
  "reviewedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "LoanRecord_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "LoanRecord_amountFen_check" CHECK ("amountFen" > 0),
  CONSTRAINT "LoanRecord_review_check" CHECK (
    ("reviewState" = 'PENDING' AND "reviewedById" IS NULL AND "reviewedAt" IS NULL)
    OR ("reviewState" = 'APPROVED' AND "reviewedById" IS NOT NULL AND "reviewedAt" IS NOT NULL)
    OR ("reviewState" = 'REFUSED' AND "reviewedById" IS NOT NULL AND "reviewedAt" IS NOT NULL AND length(btrim(coalesce("reviewComment", ''))) > 0)
  )
);
-- A contract number is approved once per province; pending and refused copies may coexist with it.
CREATE UNIQUE INDEX "LoanRecord_approved_contract_key" ON "LoanRecord"("regionId", "contractNo") WHERE "reviewState" = 'APPROVED';
-- One record per row of an import (a rerun of an interrupted job writes nothing twice).
CREATE UNIQUE INDEX "LoanRecord_importId_rowNumber_key" ON "LoanRecord"("importId", "rowNumber");
CREATE INDEX "LoanRecord_regionId_contractNo_idx" ON "LoanRecord"("regionId", "contractNo");
CREATE INDEX "LoanRecord_regionId_academicYear_reviewState_idx" ON "LoanRecord"("regionId", "academicYear", "reviewState");
CREATE INDEX "LoanRecord_idNumberHash_idx" ON "LoanRecord"("idNumberHash");
ALTER TABLE "LoanRecord" ADD CONSTRAINT "LoanRecord_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LoanRecord" ADD CONSTRAINT "LoanRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "LoanImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LoanRecord" ADD CONSTRAINT "LoanRecord_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 还款信息: one repayment of an approved loan, to the second (00:00:00 when the bank gave no time).
CREATE TABLE "RepaymentRecord" (
  "id" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "importId" TEXT NOT NULL,
  "rowNumber" INTEGER NOT NULL,
  "loanId" TEXT NOT NULL,
  "amountFen" INTEGER NOT NULL,
  "repaidAt" TIMESTAMP(3) NOT NULL,
  "reviewState" "LoanReviewState" NOT NULL DEFAULT 'PENDING',
  "reviewComment" TEXT,
  "reviewedById" TEXT,
  "reviewedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RepaymentRecord_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RepaymentRecord_amountFen_check" CHECK ("amountFen" > 0),
  CONSTRAINT "RepaymentRecord_repaidAt_check" CHECK ("repaidAt" = date_trunc('second', "repaidAt")),
  CONSTRAINT "RepaymentRecord_review_check" CHECK (
    ("reviewState" = 'PENDING' AND "reviewedById" IS NULL AND "reviewedAt" IS NULL)
    OR ("reviewState" = 'APPROVED' AND "reviewedById" IS NOT NULL AND "reviewedAt" IS NOT NULL)
    OR ("reviewState" = 'REFUSED' AND "reviewedById" IS NOT NULL AND "reviewedAt" IS NOT NULL AND length(btrim(coalesce("reviewComment", ''))) > 0)
  )
);
CREATE UNIQUE INDEX "RepaymentRecord_importId_rowNumber_key" ON "RepaymentRecord"("importId", "rowNumber");
CREATE INDEX "RepaymentRecord_loanId_idx" ON "RepaymentRecord"("loanId");
CREATE INDEX "RepaymentRecord_regionId_reviewState_idx" ON "RepaymentRecord"("regionId", "reviewState");
ALTER TABLE "RepaymentRecord" ADD CONSTRAINT "RepaymentRecord_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RepaymentRecord" ADD CONSTRAINT "RepaymentRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "LoanImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RepaymentRecord" ADD CONSTRAINT "RepaymentRecord_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "LoanRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RepaymentRecord" ADD CONSTRAINT "RepaymentRecord_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A repayment belongs to an approved loan of its province, and the repayments not refused never add up to
-- more than the loan. The loan row is locked first, so two transactions adding repayments to one loan
-- (two files at once) check one after the other.
CREATE FUNCTION repayment_within_loan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loan RECORD;
  repaid BIGINT;
BEGIN
  SELECT "amountFen", "reviewState", "regionId" INTO loan FROM "LoanRecord" WHERE "id" = NEW."loanId" FOR UPDATE;
  IF loan."regionId" <> NEW."regionId" THEN
    RAISE EXCEPTION 'repayment of another province''s loan' USING ERRCODE = '23514';
  END IF;
  IF NEW."reviewState" <> 'REFUSED' THEN
    IF loan."reviewState" <> 'APPROVED' THEN
      RAISE EXCEPTION 'repayment of a loan that is not approved' USING ERRCODE = '23514';
    END IF;
    SELECT coalesce(sum("amountFen"), 0) INTO repaid FROM "RepaymentRecord"
      WHERE "loanId" = NEW."loanId" AND "reviewState" <> 'REFUSED' AND "id" <> NEW."id";
    IF repaid + NEW."amountFen" > loan."amountFen" THEN
      RAISE EXCEPTION 'repayments exceed the loan' USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "RepaymentRecord_within_loan" BEFORE INSERT OR UPDATE OF "amountFen", "loanId", "reviewState" ON "RepaymentRecord"
  FOR EACH ROW EXECUTE FUNCTION repayment_within_loan();

-- A reviewed loan or repayment is final: only a PENDING record changes its review state.
CREATE FUNCTION loan_review_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."reviewState" <> 'PENDING' AND NEW."reviewState" IS DISTINCT FROM OLD."reviewState" THEN
    RAISE EXCEPTION 'a reviewed record is final' USING ERRCODE = '23514';
  END IF;
  IF OLD."reviewState" <> 'PENDING' AND NEW."amountFen" IS DISTINCT FROM OLD."amountFen" THEN
    RAISE EXCEPTION 'a reviewed record is final' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "LoanRecord_review_final" BEFORE UPDATE ON "LoanRecord"
  FOR EACH ROW EXECUTE FUNCTION loan_review_final();
CREATE TRIGGER "RepaymentRecord_review_final" BEFORE UPDATE ON "RepaymentRecord"
  FOR EACH ROW EXECUTE FUNCTION loan_review_final();
