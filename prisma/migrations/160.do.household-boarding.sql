-- The 寄宿生生活补助 is only for children who board at school: the household form asks
-- whether the child boards (null = not answered), and the boarding programmes require
-- the answer (AidProgramme."requiredFields" gains "household.boarding").
ALTER TABLE "Household" ADD COLUMN "boarding" BOOLEAN;

UPDATE "AidProgramme"
SET "requiredFields" = array_append("requiredFields", 'household.boarding')
WHERE "code" IN ('compulsory_boarding_primary', 'compulsory_boarding_junior')
  AND NOT ('household.boarding' = ANY ("requiredFields"));
