/** Students with guardians: ~25 per class, deterministic, with valid ID numbers. */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import { DEFAULT_PROGRAMME_YEARS } from "@/lib/domain/student-roster-row";
import type { PrismaClient } from "../generated/client";
import type { Stage } from "../generated/enums";
import { DEMO } from "./demo-accounts";
import type { SeededClass, SeededSchool } from "./organisation";
import { adultName, childName, mobile, rng, type Rng } from "./random";

const PER_CLASS = 25;
/** Typical age at entry per stage. */
const ENTRY_AGE: Record<Stage, number> = {
  KINDERGARTEN: 3,
  PRIMARY: 6,
  JUNIOR: 12,
  SENIOR: 15,
  VOCATIONAL: 15,
  COLLEGE: 18,
  GRADUATE: 22,
};

type PersonSpec = {
  name: string;
  idNumber: string;
  gender: "MALE" | "FEMALE";
  birthDate: string;
  hukou: string;
  guardians: { name: string; relation: string; phone: string; idNumber?: string }[];
};

export type SeededStudent = {
  studentId: string;
  personId: string;
  name: string;
  klass: SeededClass;
  schoolKey: SeededSchool["key"];
};

const usedIds = new Set<string>();
let seq = 200;

function randomPerson(random: Rng, klass: SeededClass): PersonSpec {
  const gender = random.chance(0.5) ? "MALE" : "FEMALE";
  const year = klass.entryYear - ENTRY_AGE[klass.stage] - (random.chance(0.2) ? 1 : 0);
  const birthDate = `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
  const hukou = random.chance(0.2) ? "441403" : random.chance(0.3) ? "440105" : "440106";
  let idNumber: string;
  do idNumber = buildResidentId(hukou, birthDate, seq++ % 1000, gender);
  while (usedIds.has(idNumber));
  usedIds.add(idNumber);
  const surname = childName(random, "MALE").slice(0, 1);
  const guardians = [
    {
      name: adultName(random, "MALE", surname),
      relation: "父亲",
      phone: mobile(random),
      idNumber: random.chance(0.5)
        ? buildResidentId(hukou, `${year - 28}-03-0${random.int(1, 9)}`, seq++ % 1000, "MALE")
        : undefined,
    },
  ];
  if (random.chance(0.6))
    guardians.push({
      name: adultName(random, "FEMALE"),
      relation: random.chance(0.85) ? "母亲" : "祖母",
      phone: mobile(random),
      idNumber: undefined,
    });
  return { name: childName(random, gender, surname), idNumber, gender, birthDate, hukou, guardians };
}

function demoPeople(klass: SeededClass, schoolKey: SeededSchool["key"], first: boolean): PersonSpec[] {
  const father = (name: string, phone: string) => [{ name, relation: "父亲", phone }];
  const spec = (name: string, idNumber: string, guardians: PersonSpec["guardians"]): PersonSpec => {
    usedIds.add(idNumber);
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    return {
      name,
      idNumber,
      gender: Number(idNumber[16]) % 2 ? "MALE" : "FEMALE",
      birthDate,
      hukou: "440106",
      guardians,
    };
  };
  if (!first) return [];
  const parent = DEMO.parent;
  if (schoolKey === "sen")
    return [
      spec(DEMO.student.name, DEMO.student.idNumber, father("陈国强", "13600000011")),
      spec(DEMO.unactivatedStudent.name, DEMO.unactivatedStudent.idNumber, father("林志明", "13600000012")),
    ];
  if (schoolKey === "pri" && klass.stage === "PRIMARY")
    return [spec(parent.children[0].name, parent.children[0].idNumber, father(parent.name, parent.phone))];
  if (schoolKey === "pri" && klass.stage === "KINDERGARTEN")
    return [spec(parent.unboundChild.name, parent.unboundChild.idNumber, father(parent.name, parent.phone))];
  if (schoolKey === "jun")
    return [
      spec(parent.children[1].name, parent.children[1].idNumber, father(parent.name, parent.phone)),
      spec(
        DEMO.parent3.child.name,
        DEMO.parent3.child.idNumber,
        father(DEMO.parent3.name, DEMO.parent3.phone),
      ),
    ];
  return [];
}

/** Demo people added after a class is full, so the random people (and who applies) stay the same. */
function extraDemoPeople(schoolKey: SeededSchool["key"], first: boolean): PersonSpec[] {
  if (!first || schoolKey !== "jun") return [];
  const child = DEMO.parent2.child;
  const c4 = DEMO.parent4.child;
  usedIds.add(child.idNumber);
  usedIds.add(c4.idNumber);
  return [
    {
      name: child.name,
      idNumber: child.idNumber,
      gender: "FEMALE",
      birthDate: "2013-06-18",
      hukou: "440106",
      guardians: [{ name: DEMO.parent2.name, relation: "母亲", phone: DEMO.parent2.phone }],
    },
    {
      name: c4.name,
      idNumber: c4.idNumber,
      gender: "FEMALE",
      birthDate: "2013-09-03",
      hukou: "440106",
      guardians: [{ name: DEMO.parent4.name, relation: "母亲", phone: DEMO.parent4.phone }],
    },
  ];
}

export async function seedStudents(
  prisma: PrismaClient,
  schools: SeededSchool[],
  regions: Record<string, string>,
): Promise<SeededStudent[]> {
  const random = rng(20260922);
  usedIds.clear();
  seq = 200;
  const out: SeededStudent[] = [];
  for (const school of schools) {
    const firstOfStage = new Set<string>();
    for (const klass of school.classes) {
      const isFirst = !firstOfStage.has(klass.stage);
      firstOfStage.add(klass.stage);
      const specs = [...demoPeople(klass, school.key, isFirst)];
      while (specs.length < PER_CLASS) specs.push(randomPerson(random, klass));
      specs.push(...extraDemoPeople(school.key, isFirst));
      for (const [index, spec] of specs.entries()) {
        const id = seal(spec.idNumber, "idNumber");
        const person = await prisma.person.upsert({
          where: { idNumberHash: id.hash },
          update: {},
          create: {
            name: spec.name,
            gender: spec.gender,
            idType: "RESIDENT_ID",
            idNumberCipher: id.cipher,
            idNumberHash: id.hash,
            idNumberMasked: id.masked,
            birthDate: new Date(`${spec.birthDate}T00:00:00Z`),
            hukouRegionId: regions[spec.hukou] ?? null,
          },
        });
        const existing = await prisma.student.findUnique({
          where: { schoolId_personId: { schoolId: klass.schoolId, personId: person.id } },
          select: { id: true },
        });
        let studentId = existing?.id;
        if (!studentId) {
          const student = await prisma.student.create({
            data: {
              personId: person.id,
              schoolId: klass.schoolId,
              gradeId: klass.gradeId,
              classId: klass.id,
              stage: klass.stage,
              studentNo: `G${spec.idNumber}`,
              enrolledOn: new Date(`${klass.entryYear}-09-01T00:00:00Z`),
              programmeYears: DEFAULT_PROGRAMME_YEARS[klass.stage],
              status: index === PER_CLASS - 1 && klass.label.endsWith("2班") ? "SUSPENDED" : "IN_SCHOOL",
              guardians: {
                create: spec.guardians.map((gd, order) => {
                  const phone = seal(gd.phone, "phone");
                  const gid = gd.idNumber ? seal(gd.idNumber, "idNumber") : null;
                  return {
                    name: gd.name,
                    relation: gd.relation,
                    sortOrder: order,
                    phoneCipher: phone.cipher,
                    phoneHash: phone.hash,
                    phoneMasked: phone.masked,
                    idNumberCipher: gid?.cipher,
                    idNumberHash: gid?.hash,
                    idNumberMasked: gid?.masked,
                  };
                }),
              },
            },
          });
          studentId = student.id;
        }
        out.push({ studentId, personId: person.id, name: spec.name, klass, schoolKey: school.key });
      }
    }
  }
  return out;
}
