-- A stage its scoring model sets to a single tier (tiers.<stage> = "ONE": 义务教育、中职可不分档次)
-- is determined 困难 or 不困难 only: no simulated, grade-adjusted or final 特别困难 / 一般困难 can be
-- written for it (lib/domain/scoring.ts levelsForTier; the export maps the same way). Levels
-- already stored are checked only when they change, so recomputing under a new model version
-- never trips over an older grade adjustment.
CREATE FUNCTION determination_level_fits_tier() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tier TEXT;
BEGIN
  SELECT m."config"->'tiers'->>(s."stage"::text) INTO tier
    FROM "Application" a
    JOIN "Student" s ON s."id" = a."studentId"
    JOIN "ScoringModel" m ON m."id" = NEW."scoringModelId"
   WHERE a."id" = NEW."applicationId";
  IF tier IS DISTINCT FROM 'ONE' THEN
    RETURN NEW;
  END IF;
  IF (NEW."simulatedLevel" IN ('SPECIAL', 'GENERAL')
      AND (TG_OP = 'INSERT' OR NEW."simulatedLevel" IS DISTINCT FROM OLD."simulatedLevel"
           OR NEW."scoringModelId" IS DISTINCT FROM OLD."scoringModelId"))
     OR (NEW."finalLevel" IN ('SPECIAL', 'GENERAL')
         AND (TG_OP = 'INSERT' OR NEW."finalLevel" IS DISTINCT FROM OLD."finalLevel"))
     OR (NEW."gradeAdjustedLevel" IN ('SPECIAL', 'GENERAL')
         AND (TG_OP = 'INSERT' OR NEW."gradeAdjustedLevel" IS DISTINCT FROM OLD."gradeAdjustedLevel")) THEN
    RAISE EXCEPTION 'Determination: a single-tier stage has only 困难 and 不困难' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Determination_level_fits_tier"
  BEFORE INSERT OR UPDATE OF "simulatedLevel", "gradeAdjustedLevel", "finalLevel", "scoringModelId" ON "Determination"
  FOR EACH ROW EXECUTE FUNCTION determination_level_fits_tier();
