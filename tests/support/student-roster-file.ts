/** Writes roster .xlsx files for tests (template columns, any rows). */
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildResidentId } from "@/lib/domain/id-number";
import { ROSTER_KEYS, type RosterValues } from "@/lib/domain/student-roster-row";
import { ROSTER_SHEET } from "@/lib/services/student-roster-export";
import { createSheetWriter } from "@/lib/xlsx";

let dir: string | undefined;
export async function tempPath(name: string): Promise<string> {
  dir ??= await mkdtemp(path.join(tmpdir(), "roster-"));
  return path.join(dir, name);
}

export async function writeRosterFile(name: string, rows: Partial<RosterValues>[]): Promise<string> {
  const file = await tempPath(name);
  const out = createWriteStream(file);
  const w = createSheetWriter(out, ROSTER_SHEET);
  for (const r of rows) w.addRow(ROSTER_KEYS.map((k) => r[k] ?? ""));
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return file;
}

/** A valid resident ID unique for i in 0..99,999 (birth day varies, then the sequence). */
export function uniqueId(i: number, region = "440111"): string {
  const d = new Date(Date.UTC(2009, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
  return buildResidentId(region, d, (Math.floor(i / 700) * 2) % 1000, i % 2 ? "MALE" : "FEMALE");
}

export function validRow(
  i: number,
  grade: string,
  className: string,
  over: Partial<RosterValues> = {},
): Partial<RosterValues> {
  const id = uniqueId(i);
  return {
    name: `学生${i}`,
    idNumber: id,
    studentNo: `G${id}`,
    grade,
    className,
    enrolledOn: "2026-09",
    guardianName: `家长${i}`,
    guardianRelation: "母亲",
    guardianPhone: `139${String(i).padStart(8, "0")}`,
    ...over,
  };
}

/** Any one-sheet .xlsx with the given header and rows. */
export async function writeXlsx(
  name: string,
  headers: string[],
  rows: (string | number)[][],
): Promise<string> {
  const file = await tempPath(name);
  const out = createWriteStream(file);
  const w = createSheetWriter(out, {
    name: "Sheet1",
    columns: headers.map((header) => ({ header, text: true })),
  });
  for (const r of rows) w.addRow(r);
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return file;
}

/** A SheetWriter that keeps rows in memory (for exports in tests). */
export function memoryWriter() {
  const rows: (string | number | null | undefined)[][] = [];
  return {
    rows,
    addRow: (cells: readonly (string | number | null | undefined)[]) => void rows.push([...cells]),
    finish: async () => undefined,
  };
}
