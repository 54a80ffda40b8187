-- Tamper-evident audit log: every entry carries its place in one chain
-- ("chainSeq", 1, 2, 3, … without gaps) and "chainHash" =
-- sha256(previous entry's chainHash || E'\n' || canonical content). The
-- chain is extended by a BEFORE INSERT trigger that locks the single-row
-- chain head, so concurrent inserts are serialised and a rolled-back insert
-- leaves no gap. `npm run audit:verify` (lib/security/audit-chain.ts)
-- recomputes every hash and reports the first altered or missing entry.
-- The retention purge records what it deleted in "AuditChainGap" so the
-- remaining chain stays verifiable.
-- The app's database role may only INSERT and SELECT "AuditLog" and has no
-- access to the chain head or the gaps (lib/db/roles.ts).

CREATE TABLE "AuditChainHead" (
  "id" BOOLEAN NOT NULL DEFAULT true,
  "seq" BIGINT NOT NULL,
  "hash" TEXT NOT NULL,
  CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AuditChainHead_single_row" CHECK ("id")
);

-- One row per run of consecutive entries removed by the retention purge:
-- entries fromSeq..toSeq are gone, "lastHash" is the chainHash of entry toSeq.
CREATE TABLE "AuditChainGap" (
  "id" BIGSERIAL NOT NULL,
  "fromSeq" BIGINT NOT NULL,
  "toSeq" BIGINT NOT NULL,
  "lastHash" TEXT NOT NULL,
  "entries" BIGINT NOT NULL,
  "purgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AuditChainGap_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AuditChainGap_range_check" CHECK ("fromSeq" >= 1 AND "toSeq" >= "fromSeq" AND "entries" = "toSeq" - "fromSeq" + 1)
);
CREATE UNIQUE INDEX "AuditChainGap_fromSeq_key" ON "AuditChainGap"("fromSeq");
CREATE TRIGGER "AuditChainGap_append_only" BEFORE UPDATE OR DELETE ON "AuditChainGap" FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "AuditChainGap_no_truncate" BEFORE TRUNCATE ON "AuditChainGap" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The defaults only satisfy NOT NULL for clients: the trigger below always sets both.
ALTER TABLE "AuditLog" ADD COLUMN "chainSeq" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "AuditLog" ADD COLUMN "chainHash" TEXT NOT NULL DEFAULT '';

-- The canonical content hashed for an entry (also used by the verifier's query).
CREATE FUNCTION audit_entry_content(e "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e."chainSeq", e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.US'), e."actorUserId", e."actorRole"::text,
    e."schoolId", e."ip", e."action", e."targetType", e."targetId", e."detail"
  )::text
$$;

CREATE FUNCTION audit_entry_hash(prev_hash text, e "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || audit_entry_content(e), 'UTF8')), 'hex')
$$;


-- Existing entries are chained in (at, id) order.
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";
UPDATE "AuditLog" a SET "chainSeq" = o.n FROM (SELECT "id", row_number() OVER (ORDER BY "at", "id") AS n FROM "AuditLog") o WHERE o."id" = a."id";
DO $$
DECLARE
  prev text := repeat('0', 64);
  r "AuditLog";
BEGIN
  FOR r IN SELECT * FROM "AuditLog" ORDER BY "chainSeq" LOOP
    prev := audit_entry_hash(prev, r);
    UPDATE "AuditLog" SET "chainHash" = prev WHERE "id" = r."id";
  END LOOP;
  INSERT INTO "AuditChainHead" ("id", "seq", "hash")
    VALUES (true, (SELECT coalesce(max("chainSeq"), 0) FROM "AuditLog"), prev);
END $$;
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";

CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");

-- Runs with the owner's rights (SECURITY DEFINER) so the app role needs no
-- access to the chain head; whatever chainSeq/chainHash the caller passes is
-- overwritten.
CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
BEGIN
  SELECT "seq", "hash" INTO head FROM "AuditChainHead" WHERE "id" FOR UPDATE;
  NEW."chainSeq" := head."seq" + 1;
  NEW."chainHash" := audit_entry_hash(head."hash", NEW);
  UPDATE "AuditChainHead" SET "seq" = NEW."chainSeq", "hash" = NEW."chainHash" WHERE "id";
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION audit_chain_append() FROM PUBLIC;
CREATE TRIGGER "AuditLog_chain" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_chain_append();

-- The purge (migration 050) now records every run of consecutive deleted
-- entries in "AuditChainGap" before deleting them.
CREATE OR REPLACE FUNCTION purge_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamp;
  n bigint;
BEGIN
  IF retention_days IS NULL OR retention_days < audit_min_retention_days() THEN
    RAISE EXCEPTION 'audit retention must be at least % days (got %)', audit_min_retention_days(), retention_days
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  cutoff := (now() AT TIME ZONE 'UTC') - make_interval(days => retention_days);
  -- No entry may be appended while the gaps are computed and the rows deleted.
  PERFORM 1 FROM "AuditChainHead" WHERE "id" FOR UPDATE;
  INSERT INTO "AuditChainGap" ("fromSeq", "toSeq", "lastHash", "entries")
    SELECT min("chainSeq"), max("chainSeq"), (array_agg("chainHash" ORDER BY "chainSeq" DESC))[1], count(*)
      FROM (SELECT "chainSeq", "chainHash", "chainSeq" - row_number() OVER (ORDER BY "chainSeq") AS run
              FROM "AuditLog" WHERE "at" < cutoff) d
     GROUP BY run;
  PERFORM set_config('aid.audit_purge_before', to_char(cutoff, 'YYYY-MM-DD"T"HH24:MI:SS.MS'), true);
  DELETE FROM "AuditLog" WHERE "at" < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('aid.audit_purge_before', '', true);
  RETURN n;
END $$;
