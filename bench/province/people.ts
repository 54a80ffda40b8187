/**
 * The province's persons, in batches, with their ID numbers sealed by the app's own field crypto
 * (lib/crypto/keys.ts `seal`: AES-GCM cipher, keyed blind index, mask) — every person's ID number is real
 * (valid check digit, region code of the household registration, birth date fitting the grade) and
 * decryptable by the app, so a full-value view or export on this province reads what production would.
 *
 * Person n studies at the school whose range holds n (plan.ts); about one in ten is registered (户籍) in
 * another county than the school's — often in another city — for the 本地户籍外地就读 queries.
 */
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import { childName, rng } from "@/lib/db/seed/random";
import { GRADES, placeOf, type ProvincePlan } from "./plan";

export type PersonBatch = {
  id: string[];
  name: string[];
  gender: string[];
  cipher: string[];
  hash: string[];
  masked: string[];
  birthDate: string[];
  hukouRegionId: string[];
};

/** Registered elsewhere than the county of the school. */
export const registeredElsewhere = (n: number) => Math.floor(n / 10) % 10 === 4;

export function* personBatches(plan: ProvincePlan, batchSize: number): Generator<PersonBatch> {
  const random = rng(2026);
  const sequence = new Map<string, number>(); // (county, birth date) → next ID sequence number
  let batch = empty();
  for (const school of plan.schools) {
    for (let r = 0; r < school.size; r++) {
      const n = school.start + r;
      const grade = GRADES[school.stage][placeOf(school.stage, r).grade]!;
      const gender = random.chance(0.5) ? "MALE" : "FEMALE";
      const hukou = registeredElsewhere(n)
        ? plan.counties[(school.county.index + 1 + (n % 7)) % plan.counties.length]!
        : school.county;
      const day = new Date(Date.UTC(grade.entryYear - grade.ageAtEntry - 1, 8, 1 + ((n * 37) % 365)));
      const birthDate = day.toISOString().slice(0, 10);
      const key = `${hukou.code}${birthDate}`;
      const k = sequence.get(key) ?? 0;
      sequence.set(key, k + 1);
      const sealed = seal(buildResidentId(hukou.code, birthDate, (k * 2) % 1000, gender), "idNumber");
      batch.id.push(`bp${n}`);
      batch.name.push(childName(random, gender));
      batch.gender.push(gender);
      batch.cipher.push(sealed.cipher);
      batch.hash.push(sealed.hash);
      batch.masked.push(sealed.masked);
      batch.birthDate.push(birthDate);
      batch.hukouRegionId.push(hukou.id);
      if (batch.id.length === batchSize) {
        yield batch;
        batch = empty();
      }
    }
  }
  if (batch.id.length > 0) yield batch;
}

function empty(): PersonBatch {
  return { id: [], name: [], gender: [], cipher: [], hash: [], masked: [], birthDate: [], hukouRegionId: [] };
}
