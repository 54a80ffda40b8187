/**
 * The roster file of the import benchmarks (bench/import.ts, bench/import-job.ts): N generated senior
 * students (bench/support/people.ts) in the template's columns, with their grades and classes created in
 * the school so that every row is valid.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { ROSTER_COLUMNS } from "@/lib/domain/student-roster-row";
import { createSheetWriter } from "@/lib/xlsx";
import { generateStudents } from "./people";

export async function writeRosterBenchFile(
  schoolId: string,
  N: number,
  file: string,
): Promise<{ classes: number }> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const w = createSheetWriter(out, {
    name: "在校生信息",
    columns: ROSTER_COLUMNS.map((c) => ({ header: c.names[0] })),
  });
  const grades = new Map<string, string>();
  const classes = new Set<string>();
  for (const p of generateStudents(N)) {
    if (!grades.has(p.grade)) {
      const g = await db().grade.create({
        data: {
          schoolId: schoolId,
          stage: "SENIOR",
          name: p.grade,
          entryYear: p.entryYear,
          sortOrder: grades.size + 1,
        },
      });
      grades.set(p.grade, g.id);
    }
    if (!classes.has(`${p.grade}/${p.className}`)) {
      await db().schoolClass.create({
        data: { schoolId: schoolId, gradeId: grades.get(p.grade)!, name: p.className },
      });
      classes.add(`${p.grade}/${p.className}`);
    }
    w.addRow([
      p.name,
      p.gender === "MALE" ? "男" : "女",
      "居民身份证",
      p.idNumber,
      p.studentNo,
      "高中",
      p.grade,
      p.className,
      `${p.entryYear}-09`,
      "3",
      "在读",
      "",
      p.guardianName,
      p.guardianRelation,
      p.guardianPhone,
      "",
    ]);
  }
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return { classes: classes.size };
}
