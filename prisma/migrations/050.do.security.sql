-- Security infrastructure (issue 7): rate-limit counters, server-side session
-- records (idle timeout, absolute lifetime) and a stricter append-only guard
-- for the audit log with a retention-bounded purge.

-- ───────────── rate limits ─────────────
-- Fixed-window counters, one row per key ("signin:ip:1.2.3.4", ...); updated by
-- one atomic INSERT … ON CONFLICT so concurrent requests and several app
-- instances share the same count.
CREATE TABLE "RateLimit" (
  "key" TEXT NOT NULL,
  "count" INTEGER NOT NULL,
  "windowStart" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key"),
  CONSTRAINT "RateLimit_key_check" CHECK (length("key") BETWEEN 1 AND 300)
);
CREATE INDEX "RateLimit_windowStart_idx" ON "RateLimit"("windowStart");

-- ───────────── sessions ─────────────
-- One row per signed-in browser; the JWT cookie carries only its id.
CREATE TABLE "AuthSession" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "endedAt" TIMESTAMP(3),
  CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── audit log: append-only with bounded retention ─────────────
-- Minimum retention, enforced by the database itself (not configurable below this).
CREATE FUNCTION audit_min_retention_days() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 180 $$;

-- UPDATE is always refused. DELETE is refused unless it runs inside
-- purge_audit_log() (which sets aid.audit_purge_before for its transaction)
-- AND the row is older than the purge cut-off AND older than the minimum
-- retention. Timestamps are stored in UTC (Prisma's convention).
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamp;
BEGIN
  IF TG_OP = 'DELETE' THEN
    cutoff := nullif(current_setting('aid.audit_purge_before', true), '')::timestamp;
    IF cutoff IS NOT NULL
       AND cutoff <= (now() AT TIME ZONE 'UTC') - make_interval(days => audit_min_retention_days())
       AND OLD."at" < cutoff THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER "AuditLog_append_only" ON "AuditLog";
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- The other append-only histories refuse TRUNCATE too.
CREATE TRIGGER "ApplicationTransition_no_truncate" BEFORE TRUNCATE ON "ApplicationTransition" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "ReviewStep_no_truncate" BEFORE TRUNCATE ON "ReviewStep" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Deletes audit entries older than `retention_days` (at least the minimum
-- retention; anything less is refused). Returns the number of rows deleted.
CREATE FUNCTION purge_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamp;
  n bigint;
BEGIN
  IF retention_days IS NULL OR retention_days < audit_min_retention_days() THEN
    RAISE EXCEPTION 'audit retention must be at least % days (got %)', audit_min_retention_days(), retention_days
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  cutoff := (now() AT TIME ZONE 'UTC') - make_interval(days => retention_days);
  PERFORM set_config('aid.audit_purge_before', to_char(cutoff, 'YYYY-MM-DD"T"HH24:MI:SS.MS'), true);
  DELETE FROM "AuditLog" WHERE "at" < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('aid.audit_purge_before', '', true);
  RETURN n;
END $$;
