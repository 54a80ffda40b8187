-- Aid records are written only by the trigger on the payment history (migration 510): the app role may read
-- them but not insert, change or delete them (lib/db/roles.ts TRIGGER_WRITTEN_TABLES revokes those rights after
-- every migration run), so the trigger function runs with its owner's rights. A fixed search_path, as every
-- SECURITY DEFINER function here (docs/database-roles.md).
ALTER FUNCTION aid_record_from_payments() SECURITY DEFINER SET search_path = public, pg_temp;
