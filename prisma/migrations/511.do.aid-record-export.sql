-- The 受助情况 export (docs/aid-records-export.md) runs as an export task like 家庭经济信息 and 资助名册
-- (migration 320): a third kind, of the school's current term, without a roster.
ALTER TABLE "ExportTask" DROP CONSTRAINT "ExportTask_kind_check";
ALTER TABLE "ExportTask" ADD CONSTRAINT "ExportTask_kind_check" CHECK ("kind" IN ('DETERMINATION', 'ROSTER', 'AID_RECORDS'));
