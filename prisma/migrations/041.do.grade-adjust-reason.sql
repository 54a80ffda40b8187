-- The grade committee's adjustment of a simulated level needs a reason (SPEC §7, Z 六.2(2)).
ALTER TABLE "Determination" ADD COLUMN "gradeAdjustReason" TEXT;
ALTER TABLE "Determination" ADD CONSTRAINT "Determination_gradeAdjust_check"
  CHECK ("gradeAdjustedLevel" IS NULL OR "gradeAdjustedLevel" = "simulatedLevel" OR length(btrim(coalesce("gradeAdjustReason", ''))) > 0);
