-- Key check values (lib/security/key-check.ts): for every field key version and for the blind-index
-- key, an HMAC-SHA-256 of a fixed label under the key, recorded the first time a server or a
-- maintenance command starts with that key and compared on every later start. A server started with
-- another key than the one the data was written with stops with a message naming the variable,
-- instead of writing data no one can read or answering with decryption errors. The check value
-- reveals nothing of the key. Append-only: a check value is never changed (a key that changes is a
-- new version, FIELD_ENCRYPTION_KEYS).
CREATE TABLE "KeyCheck" (
  "keyName" TEXT NOT NULL,
  "checkValue" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "KeyCheck_pkey" PRIMARY KEY ("keyName"),
  CONSTRAINT "KeyCheck_keyName_check" CHECK ("keyName" ~ '^(FIELD_ENCRYPTION_KEYS:[1-9][0-9]{0,8}|BLIND_INDEX_KEY)$'),
  CONSTRAINT "KeyCheck_checkValue_check" CHECK ("checkValue" ~ '^[0-9a-f]{64}$')
);
CREATE TRIGGER "KeyCheck_append_only" BEFORE UPDATE OR DELETE ON "KeyCheck"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "KeyCheck_no_truncate" BEFORE TRUNCATE ON "KeyCheck"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
