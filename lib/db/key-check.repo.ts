/**
 * The KeyCheck table (migration 240, lib/security/key-check.ts) and the samples of stored data a key
 * is tried on before its check value is recorded. Infrastructure, not personal data: no Scope.
 */
import "server-only";
import { db } from "./client";

export type KeyCheckRow = { keyName: string; checkValue: string; createdAt: Date };

export async function loadKeyChecks(): Promise<KeyCheckRow[]> {
  return db().keyCheck.findMany();
}

/** Records a check value unless one exists (another server may record it at the same moment). */
export async function recordKeyCheck(keyName: string, checkValue: string): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "KeyCheck" ("keyName", "checkValue") VALUES (${keyName}, ${checkValue})
    ON CONFLICT ("keyName") DO NOTHING`;
}

/** One encrypted ID number written with key version `version` (either suite), or null when there is none. */
export async function sampleFieldToken(version: number): Promise<string | null> {
  const rows = await db().$queryRaw<{ token: string }[]>`
    SELECT "idNumberCipher" AS token FROM "Person"
     WHERE "idNumberCipher" LIKE ${`v${version}.%`} OR "idNumberCipher" LIKE ${`s${version}.%`}
     LIMIT 1`;
  return rows[0]?.token ?? null;
}

/** One stored file's wrapped data key under key version `version`, or null. */
export async function sampleFileKey(version: number) {
  return db().storedFileKey.findFirst({
    where: { keyVersion: version },
    select: { objectKey: true, suite: true, keyVersion: true, wrappedKey: true },
  });
}

/** A few people's encrypted ID numbers with their blind index, to try the blind-index key on. */
export async function samplePeople(take = 3): Promise<{ idNumberCipher: string; idNumberHash: string }[]> {
  return db().person.findMany({ select: { idNumberCipher: true, idNumberHash: true }, take });
}
