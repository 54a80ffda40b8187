-- The school's archive of a term (lib/services/term-archive.ts): a zip of the printed forms as PDF and the
-- term's .xlsx lists, produced by a job as an export task like the national exports (migrations 320, 511):
-- a fourth kind, of one term, without a roster. At most one runs per school (ExportTask_one_running_idx).
ALTER TABLE "ExportTask" DROP CONSTRAINT "ExportTask_kind_check";
ALTER TABLE "ExportTask" ADD CONSTRAINT "ExportTask_kind_check" CHECK ("kind" IN ('DETERMINATION', 'ROSTER', 'AID_RECORDS', 'TERM_ARCHIVE'));
