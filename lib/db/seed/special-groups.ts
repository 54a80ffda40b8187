import "server-only";
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import type { PrismaClient } from "../generated/client";
import type { SpecialCategory } from "../generated/enums";
import type { SeededSchool } from "./organisation";
import type { SeededStudent } from "./people";
import { childName, rng } from "./random";

const CENTRAL: SpecialCategory[] = [
  "POVERTY_ALLEVIATED",
  "MINIMUM_LIVING",
  "DISABLED_STUDENT",
  "ORPHAN",
  "POVERTY_UNSTABLE",
  "EXTREME_POVERTY_SUPPORT",
  "MARGINAL_POVERTY_RISK",
  "CHILD_OF_DISABLED",
];

/**
 * Special-group lists: 中央下发 entries matched to our students by ID number,
 * five that match nobody here, and a few 自采集 entries.
 */
export async function seedSpecialGroups(
  prisma: PrismaClient,
  schools: SeededSchool[],
  students: SeededStudent[],
) {
  const random = rng(2026);
  const entry = async (
    schoolId: string,
    category: SpecialCategory,
    source: "CENTRAL" | "SCHOOL",
    name: string,
    idNumber: string,
    personId: string | null,
    note?: string,
  ) => {
    const id = seal(idNumber, "idNumber");
    const key = {
      schoolId_listYear_category_idNumberHash: { schoolId, listYear: 2026, category, idNumberHash: id.hash },
    };
    if (await prisma.specialGroupEntry.findUnique({ where: key })) return;
    await prisma.specialGroupEntry.create({
      data: {
        schoolId,
        category,
        source,
        name,
        listYear: 2026,
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        personId,
        matchedAt: personId ? new Date() : null,
        note,
      },
    });
  };
  for (const school of schools) {
    const mine = students.filter((s) => s.klass.schoolId === school.id);
    for (let index = 0; index < 5; index++) {
      const student = mine[3 + index * 7]!;
      const idNumber = await idOf(prisma, student.personId);
      await entry(
        school.id,
        CENTRAL[(index + school.key.length) % CENTRAL.length]!,
        "CENTRAL",
        student.name,
        idNumber,
        student.personId,
      );
    }
    const collected = mine[40]!;
    await entry(
      school.id,
      "SUDDEN_SEVERE_HARDSHIP",
      "SCHOOL",
      collected.name,
      await idOf(prisma, collected.personId),
      collected.personId,
      "2026年8月家中遭遇洪灾，经村委会证明",
    );
  }
  // On the central list but not our students (e.g. left the region).
  for (let index = 0; index < 5; index++) {
    const gender = index % 2 ? "MALE" : "FEMALE";
    await entry(
      schools[2]!.id,
      CENTRAL[index]!,
      "CENTRAL",
      childName(random, gender),
      buildResidentId("441403", `2010-0${index + 1}-1${index}`, 900 + index, gender),
      null,
    );
  }
}

async function idOf(prisma: PrismaClient, personId: string): Promise<string> {
  const { reveal } = await import("@/lib/crypto/keys");
  const person = await prisma.person.findUniqueOrThrow({
    where: { id: personId },
    select: { idNumberCipher: true },
  });
  return reveal(person.idNumberCipher);
}
