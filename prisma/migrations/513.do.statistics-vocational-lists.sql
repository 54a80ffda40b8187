-- The supervisor statistics count a 中职 monthly list as approved once its publicity is confirmed (名单公示确认:
-- 公示通过, lib/db/rollups/statistics.ts): its Roster stays DRAFT under supervision (migration 500). A change of
-- a list's state marks its school and term for the rollups, as a change of its entries does (migration 400).
SELECT rollup_watch('VocationalList', 'rollup_mark_roster_entry');
