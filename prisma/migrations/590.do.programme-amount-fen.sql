-- The amount (fen) of a programme in a term for a student of determined level `level` (NULL: no determination),
-- from the term's TermProgramme row: FIXED, else by level; no level (or an unknown one) takes the special amount,
-- else the hardship one. One rule for the 中职 monthly list's build (lib/db/vocational-list.repo.ts buildEntries)
-- and its hand-added entries (lib/services/vocational-roster-entries.ts addListEntry); lib/domain/aid-roster.ts
-- `amountFor` is the same rule for the semester rosters. A plain SQL expression, inlined by the planner.
CREATE FUNCTION programme_amount_fen(
  mode TEXT, fixed_fen INTEGER, special_fen INTEGER, hardship_fen INTEGER, general_fen INTEGER, level TEXT
) RETURNS INTEGER
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN mode = 'FIXED' THEN fixed_fen
    WHEN level = 'SPECIAL' THEN COALESCE(special_fen, hardship_fen)
    WHEN level = 'HARDSHIP' THEN hardship_fen
    WHEN level = 'GENERAL' THEN general_fen
    ELSE COALESCE(special_fen, hardship_fen)
  END;
