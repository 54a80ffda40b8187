/**
 * The school's student roster (在校生名册): the grades/classes the import checks against,
 * the batched upsert of imported rows, and the export. Every entry point
 * takes the admin's school from their Scope.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Scope } from "@/lib/auth/scope";
import type { SpecialCategory } from "@/lib/domain/codes";
import type { GradeRef, RosterRow } from "@/lib/domain/student-roster-row";
import { db, readDb, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { studentWhere } from "./scope";

export async function listGradeRefs(scope: Scope): Promise<GradeRef[]> {
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER" && scope.role !== "TEACHER")
    throw new Error("grades are a school's");
  // One statement, the classes as a JSON array per grade (JSON.parse in the driver): Prisma's nested select
  // built the same JSON and then mapped each of a large school's 800 classes again (bench/README.md §4).
  return db().$queryRaw<GradeRef[]>`
    SELECT g."id", g."stage"::text AS "stage", g."name",
           COALESCE((SELECT json_agg(json_build_object('id', c."id", 'name', c."name") ORDER BY c."name")
                     FROM "SchoolClass" c WHERE c."gradeId" = g."id"), '[]'::json) AS "classes"
    FROM "Grade" g WHERE g."schoolId" = ${scope.schoolId}
    ORDER BY g."stage", g."sortOrder", g."name"`;
}

/** The school's grades with how many classes each has (the roster page's note; the import needs the names). */
export async function listGradeClassCounts(
  scope: Scope,
): Promise<{ id: string; stage: GradeRef["stage"]; name: string; classes: number }[]> {
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER")
    throw new Error("grades are a school's");
  return db().$queryRaw`
    SELECT g."id", g."stage"::text AS "stage", g."name",
           (SELECT count(*)::int FROM "SchoolClass" c WHERE c."gradeId" = g."id") AS "classes"
    FROM "Grade" g WHERE g."schoolId" = ${scope.schoolId}
    ORDER BY g."stage", g."sortOrder", g."name"`;
}

type Sealed = { cipher: string; hash: string; masked: string };

/** A valid row with its sensitive values sealed (lib/crypto) by the service. */
export type PreparedRow = RosterRow & {
  rowNumber: number;
  id: Sealed;
  guardianPhone: Sealed | null;
  guardianId: Sealed | null;
};

/**
 * A rejected row may name the other school's enrolment it collided with (`elsewhere`), so the service can
 * tell that school (audit log) that another school tried to import its student; it is never shown here.
 */
export type RowOutcome =
  | "created"
  | "updated"
  | "unchanged"
  | { rejected: string; elsewhere?: { schoolId: string; studentId: string } };

/** Enrolment statuses under which the student still belongs to the school (休学 keeps the 学籍). */
const ENROLLED: ReadonlySet<RosterRow["status"]> = new Set(["IN_SCHOOL", "SUSPENDED"]);

/**
 * Names the process without telling this school anything about the other enrolment (在读 or 休学, which
 * school): the school the student leaves records the transfer (or confirms it); then this school imports.
 */
export const ENROLLED_ELSEWHERE_REASON =
  "该学生在其他学校有学籍记录，转学须由原学校办理转出（或由原学校确认转学）后，再导入本校；" +
  "本校导入不能修改其身份信息或学籍（无论本行填写的学籍状态是什么）。身份信息有误请联系原学校或主管部门更正";

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Upserts one batch inside `tx`, keyed by the ID number's blind index
 * (Person.idNumberHash): a known person keeps their id, so earlier
 * applications, determinations and special-group entries stay attached; the
 * school gets a new enrolment (Student) or its existing one is updated. A
 * person still 在读 or 休学 at another school is refused whatever the row's
 * status (that school must record the transfer first) unless the row changes
 * nothing, as is a 学籍号 held by another student in school.
 */
export async function upsertRosterBatch(
  tx: Tx,
  schoolId: string,
  rows: PreparedRow[],
): Promise<RowOutcome[]> {
  // Locks the batch's known people first, in id order (no deadlock between two imports), so that the
  // check below ("enrolled at another school?") and the writes after it see no concurrent import's
  // change: a second school importing the same person waits here and then sees the first one's enrolment.
  // A person new to the system has no row to lock; two imports creating them at once collide on
  // Person's unique idNumberHash, and the service reports that without the row values.
  const hashes = rows.map((r) => r.id.hash);
  if (hashes.length)
    await tx.$queryRaw`SELECT id FROM "Person" WHERE "idNumberHash" = ANY(${hashes}::text[]) ORDER BY id FOR UPDATE`;
  const people = await tx.person.findMany({
    where: { idNumberHash: { in: rows.map((r) => r.id.hash) } },
    select: {
      id: true,
      name: true,
      gender: true,
      idType: true,
      birthDate: true,
      hukouRegionId: true,
      idNumberHash: true,
      enrolments: {
        select: {
          id: true,
          schoolId: true,
          status: true,
          gradeId: true,
          classId: true,
          stage: true,
          studentNo: true,
          enrolledOn: true,
          programmeYears: true,
          guardians: {
            where: { sortOrder: 0 },
            select: { id: true, name: true, relation: true, phoneHash: true, idNumberHash: true },
            take: 1,
          },
        },
      },
    },
  });
  const byHash = new Map(people.map((p) => [p.idNumberHash, p]));
  const holders = await tx.student.findMany({
    where: { status: "IN_SCHOOL", studentNo: { in: rows.map((r) => r.studentNo) } },
    select: { studentNo: true, personId: true },
  });
  const noHolder = new Map(holders.map((h) => [h.studentNo, h.personId]));
  const codes = [...new Set(rows.map((r) => r.hukouCode).filter((c): c is string => !!c))];
  const regions = codes.length
    ? await tx.region.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })
    : [];
  const regionId = new Map(regions.map((r) => [r.code, r.id]));

  const newPeople: NewPerson[] = [];
  const newStudents: NewStudent[] = [];
  const newGuardians: NewGuardian[] = [];
  const outcomes: RowOutcome[] = [];

  const guardianData = (row: PreparedRow, studentId: string) =>
    row.guardian &&
    row.guardianPhone && {
      studentId,
      name: row.guardian.name,
      relation: row.guardian.relation,
      sortOrder: 0,
      phoneCipher: row.guardianPhone.cipher,
      phoneHash: row.guardianPhone.hash,
      phoneMasked: row.guardianPhone.masked,
      idNumberCipher: row.guardianId?.cipher ?? null,
      idNumberHash: row.guardianId?.hash ?? null,
      idNumberMasked: row.guardianId?.masked ?? null,
    };

  for (const row of rows) {
    const hukouRegionId = row.hukouCode ? regionId.get(row.hukouCode) : null;
    if (hukouRegionId === undefined) {
      outcomes.push({ rejected: `户籍所在地代码“${row.hukouCode}”在系统的行政区划中不存在，请核对或留空` });
      continue;
    }
    const person = byHash.get(row.id.hash);
    const holder = noHolder.get(row.studentNo);
    if (row.status === "IN_SCHOOL" && holder !== undefined && holder !== person?.id) {
      outcomes.push({ rejected: "全国学籍号已被另一名在读学生使用，请核对学籍号" });
      continue;
    }
    const enrolledOn = new Date(`${row.enrolledOn}T00:00:00Z`);
    const studentFields = {
      gradeId: row.gradeId,
      classId: row.classId,
      stage: row.stage,
      studentNo: row.studentNo,
      enrolledOn,
      programmeYears: row.programmeYears,
      status: row.status,
    };

    if (!person) {
      const personId = randomUUID();
      const studentId = randomUUID();
      newPeople.push({
        id: personId,
        name: row.name,
        gender: row.gender,
        idType: row.idType,
        birthDate: row.birthDate ? new Date(`${row.birthDate}T00:00:00Z`) : null,
        hukouRegionId: hukouRegionId ?? null,
        idNumberCipher: row.id.cipher,
        idNumberHash: row.id.hash,
        idNumberMasked: row.id.masked,
      });
      newStudents.push({ id: studentId, personId, schoolId, ...studentFields });
      const guardian = guardianData(row, studentId);
      if (guardian) newGuardians.push(guardian);
      outcomes.push("created");
      continue;
    }

    const here = person.enrolments.find((e) => e.schoolId === schoolId);
    const personChanged =
      person.name !== row.name ||
      person.gender !== row.gender ||
      person.idType !== row.idType ||
      ymd(person.birthDate) !== row.birthDate ||
      person.hukouRegionId !== hukouRegionId;
    const studentChanged =
      !here ||
      here.gradeId !== row.gradeId ||
      here.classId !== row.classId ||
      here.stage !== row.stage ||
      here.studentNo !== row.studentNo ||
      ymd(here.enrolledOn) !== row.enrolledOn ||
      here.programmeYears !== row.programmeYears ||
      here.status !== row.status;
    const current = here?.guardians[0];
    const gi = row.guardian && row.guardianPhone; // compared by blind index: nothing is encrypted for an unchanged guardian
    const guardianChanged =
      !!gi &&
      (!current ||
        current.name !== row.guardian!.name ||
        current.relation !== row.guardian!.relation ||
        current.phoneHash !== row.guardianPhone!.hash ||
        (row.guardianId !== null && current.idNumberHash !== row.guardianId.hash));

    // A person still enrolled (在读 or 休学) at another school belongs to that school: whatever status the
    // row gives, the import neither edits the shared person record (the other school would show the new
    // name) nor adds or changes an enrolment here (which would let this school reset the account and read
    // the other school's application). Only a row that changes nothing passes.
    const elsewhere = person.enrolments.find((e) => e.schoolId !== schoolId && ENROLLED.has(e.status));
    if (elsewhere && (personChanged || studentChanged || guardianChanged)) {
      outcomes.push({
        rejected: ENROLLED_ELSEWHERE_REASON,
        elsewhere: { schoolId: elsewhere.schoolId, studentId: elsewhere.id },
      });
      continue;
    }

    if (personChanged)
      await tx.person.update({
        where: { id: person.id },
        data: {
          name: row.name,
          gender: row.gender,
          idType: row.idType,
          birthDate: row.birthDate ? new Date(`${row.birthDate}T00:00:00Z`) : null,
          hukouRegionId,
        },
      });
    if (!here) {
      const studentId = randomUUID();
      newStudents.push({ id: studentId, personId: person.id, schoolId, ...studentFields });
      const guardian = guardianData(row, studentId);
      if (guardian) newGuardians.push(guardian);
      outcomes.push("created");
      continue;
    }
    if (studentChanged) await tx.student.update({ where: { id: here.id }, data: studentFields });
    const guardian = guardianChanged ? guardianData(row, here.id) : null;
    if (guardian) {
      if (current) await tx.guardian.update({ where: { id: current.id }, data: guardian });
      else newGuardians.push(guardian);
    }
    const changed = personChanged || studentChanged || !!guardian;
    outcomes.push(changed ? "updated" : "unchanged");
  }

  await insertPeople(tx, newPeople);
  await insertStudents(tx, newStudents);
  await insertGuardians(tx, newGuardians);
  return outcomes;
}

// One INSERT … SELECT FROM unnest(<column arrays>) per table and batch: Prisma's createMany builds
// a parameter tree per row, which the benchmark (bench/import.ts) showed costing ~4× the whole import.
type NewPerson = {
  id: string;
  name: string;
  gender: RosterRow["gender"];
  idType: RosterRow["idType"];
  birthDate: Date | null;
  hukouRegionId: string | null;
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
};
type NewStudent = {
  id: string;
  personId: string;
  schoolId: string;
  gradeId: string;
  classId: string;
  stage: RosterRow["stage"];
  studentNo: string;
  enrolledOn: Date;
  programmeYears: number;
  status: RosterRow["status"];
};
type NewGuardian = {
  studentId: string;
  name: string;
  relation: string;
  phoneCipher: string;
  phoneHash: string;
  phoneMasked: string;
  idNumberCipher: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  sortOrder: number;
};

const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function insertPeople(tx: Tx, rows: NewPerson[]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "Person" ("id", "name", "gender", "idType", "birthDate", "hukouRegionId", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
    SELECT t.id, t.name, t.gender::"Gender", t."idType"::"IdType", t."birthDate"::date, t.hukou, t.cipher, t.hash, t.masked, now()
    FROM unnest(${col(rows, "id")}::text[], ${col(rows, "name")}::text[], ${col(rows, "gender")}::text[], ${col(rows, "idType")}::text[],
                ${rows.map((r) => day(r.birthDate))}::text[], ${col(rows, "hukouRegionId")}::text[], ${col(rows, "idNumberCipher")}::text[],
                ${col(rows, "idNumberHash")}::text[], ${col(rows, "idNumberMasked")}::text[])
      AS t(id, name, gender, "idType", "birthDate", hukou, cipher, hash, masked)`;
}

async function insertStudents(tx: Tx, rows: NewStudent[]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "Student" ("id", "personId", "schoolId", "gradeId", "classId", "stage", "studentNo", "enrolledOn", "programmeYears", "status", "updatedAt")
    SELECT t.id, t.person, t.school, t.grade, t.class, t.stage::"Stage", t.no, t.enrolled::date, t.years, t.status::"EnrolmentStatus", now()
    FROM unnest(${col(rows, "id")}::text[], ${col(rows, "personId")}::text[], ${col(rows, "schoolId")}::text[], ${col(rows, "gradeId")}::text[],
                ${col(rows, "classId")}::text[], ${col(rows, "stage")}::text[], ${col(rows, "studentNo")}::text[], ${rows.map((r) => day(r.enrolledOn))}::text[],
                ${col(rows, "programmeYears")}::int[], ${col(rows, "status")}::text[])
      AS t(id, person, school, grade, class, stage, no, enrolled, years, status)`;
}

async function insertGuardians(tx: Tx, rows: NewGuardian[]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "Guardian" ("id", "studentId", "name", "relation", "phoneCipher", "phoneHash", "phoneMasked", "idNumberCipher", "idNumberHash", "idNumberMasked", "sortOrder")
    SELECT gen_random_uuid()::text, t.student, t.name, t.relation, t.pc, t.ph, t.pm, t.ic, t.ih, t.im, t.sort
    FROM unnest(${col(rows, "studentId")}::text[], ${col(rows, "name")}::text[], ${col(rows, "relation")}::text[], ${col(rows, "phoneCipher")}::text[],
                ${col(rows, "phoneHash")}::text[], ${col(rows, "phoneMasked")}::text[], ${col(rows, "idNumberCipher")}::text[], ${col(rows, "idNumberHash")}::text[],
                ${col(rows, "idNumberMasked")}::text[], ${col(rows, "sortOrder")}::int[])
      AS t(student, name, relation, pc, ph, pm, ic, ih, im, sort)`;
}

/**
 * Refreshes the planner statistics of the roster tables. A first import into
 * a (nearly) empty school grows Student/Person from nothing to 100,000 rows
 * in minutes; with the statistics of the empty tables the per-batch lookups
 * (by ID-number hash, by 学籍号) were planned as sequential scans
 * (bench/import.ts). Best effort: a role without the right to ANALYZE just
 * keeps autovacuum's statistics.
 */
export async function refreshRosterStatistics(tx: Tx): Promise<void> {
  try {
    await tx.$executeRawUnsafe(`ANALYZE "Person", "Student", "Guardian"`);
  } catch {
    /* statistics are an optimisation only */
  }
}

export type RosterExportRow = {
  id: string;
  person: {
    name: string;
    gender: "MALE" | "FEMALE";
    idType: RosterRow["idType"];
    idNumberCipher: string;
    hukouRegion: { code: string } | null;
  };
  stage: RosterRow["stage"];
  studentNo: string;
  enrolledOn: Date;
  programmeYears: number;
  status: RosterRow["status"];
  grade: { name: string };
  class: { name: string };
  guardians: { name: string; relation: string; phoneCipher: string; idNumberCipher: string | null }[];
};

/** One page of the school's roster for the export, by id cursor. Reads from the replica ({@link readDb}): a read-only export. */
export async function rosterExportPage(
  scope: Scope,
  afterId: string | null,
  take: number,
): Promise<RosterExportRow[]> {
  return (await readDb()).student.findMany({
    where: { AND: [studentWhere(scope), afterId ? { id: { gt: afterId } } : {}] },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true,
      stage: true,
      studentNo: true,
      enrolledOn: true,
      programmeYears: true,
      status: true,
      person: {
        select: {
          name: true,
          gender: true,
          idType: true,
          idNumberCipher: true,
          hukouRegion: { select: { code: true } },
        },
      },
      grade: { select: { name: true } },
      class: { select: { name: true } },
      guardians: {
        where: { sortOrder: 0 },
        take: 1,
        select: { name: true, relation: true, phoneCipher: true, idNumberCipher: true },
      },
    },
  });
}

export type RosterListRow = {
  id: string;
  name: string;
  idNumberMasked: string;
  studentNo: string;
  gradeName: string;
  className: string;
  status: RosterRow["status"];
  categories: SpecialCategory[];
};

/**
 * One page of the scope's students (name search), with the special-group flags of the school's lists.
 * Ordered by grade name, class name, person name (then id, so pages never overlap) through the
 * trigger-kept copies of those names on Student (migration 070): the index
 * (schoolId, sortGradeName, sortClassName, sortName, id) returns the page without reading the rest of the school.
 * Reads from the replica ({@link readDb}): a read-only list; nothing is written or decided from it.
 */
export async function listStudentRoster(
  scope: Scope,
  opts: { q?: string; skip: number; take: number },
): Promise<{ total: number; rows: RosterListRow[] }> {
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER")
    throw new Error("the student roster is a school's");
  // Plain SQL with joins, not Prisma's nested select (JSON aggregates the client parses again): the admin
  // opens this page all day (bench/README.md §4). A name search is a plain substring test, as `contains` was.
  const where = Prisma.sql`WHERE s."schoolId" = ${scope.schoolId}
    ${opts.q ? Prisma.sql`AND strpos(s."sortName", ${opts.q}) > 0` : Prisma.empty}`;
  const reader = await readDb();
  // The unfiltered total of a large school (40,000 enrolments) is the rollup's figure (migration 670) when no
  // change of the school is waiting to be folded in — read in the same statement, so the total is exact —
  // and a live count otherwise.
  const count = opts.q
    ? Prisma.sql`SELECT count(*)::int AS "n" FROM "Student" s ${where}`
    : Prisma.sql`
      SELECT CASE WHEN pr."schoolId" IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM "RollupDirty" d WHERE d."schoolId" = pr."schoolId" AND d."termId" = pr."termId")
                  THEN pr."studentRecords"
                  ELSE (SELECT count(*)::int FROM "Student" s ${where}) END AS "n"
        FROM (SELECT 1) one
        LEFT JOIN "AidTerm" t ON t."isCurrent"
        LEFT JOIN "ProgressRollup" pr ON pr."schoolId" = ${scope.schoolId} AND pr."termId" = t."id"`;
  const [[total], rows] = await Promise.all([
    reader.$queryRaw<{ n: number }[]>(count),
    reader.$queryRaw<(Omit<RosterListRow, "categories"> & { categories: SpecialCategory[] | null })[]>`
      SELECT s."id", p."name", p."idNumberMasked", s."studentNo", g."name" AS "gradeName", c."name" AS "className",
             s."status"::text AS "status",
             (SELECT array_agg(DISTINCT e."category")::text[] FROM "SpecialGroupEntry" e
               WHERE e."personId" = s."personId" AND e."schoolId" = s."schoolId") AS "categories"
      FROM "Student" s
      JOIN "Person" p ON p."id" = s."personId"
      JOIN "Grade" g ON g."id" = s."gradeId"
      JOIN "SchoolClass" c ON c."id" = s."classId"
      ${where}
      ORDER BY s."sortGradeName", s."sortClassName", s."sortName", s."id"
      LIMIT ${opts.take} OFFSET ${opts.skip}`,
  ]);
  return { total: total?.n ?? 0, rows: rows.map((row) => ({ ...row, categories: row.categories ?? [] })) };
}
