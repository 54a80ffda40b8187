/**
 * Memory check for the streaming student-roster reader (100,000 rows within
 * a few hundred MB). Writes a 100,000-row roster with the streaming writer,
 * then reads and validates it row by row like the import does (without the
 * database), printing the time and the peak resident memory.
 *
 *   npx tsx bench/student-roster-read.ts [rows]
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  RosterDuplicates,
  ROSTER_COLUMNS,
  validateRosterRow,
  type GradeRef,
} from "@/lib/domain/student-roster-row";
import { createSheetWriter, readTable } from "@/lib/xlsx";

const N = Number(process.argv[2] ?? 100_000);
const grades: GradeRef[] = [
  {
    id: "g",
    stage: "SENIOR",
    name: "高一",
    classes: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, name: `${i + 1}班` })),
  },
];

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);

const dir = await mkdtemp(path.join(tmpdir(), "bench-"));
const file = path.join(dir, "roster.xlsx");
const out = createWriteStream(file);
const w = createSheetWriter(out, {
  name: "在校生信息",
  columns: ROSTER_COLUMNS.map((c) => ({ header: c.names[0] })),
});
for (let i = 0; i < N; i++) {
  const id = buildResidentId(
    "440111",
    new Date(Date.UTC(2009, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10),
    (Math.floor(i / 700) * 2) % 1000,
    i % 2 ? "MALE" : "FEMALE",
  );
  w.addRow([
    `学生${i}号`,
    "",
    "",
    id,
    `G${id}`,
    "",
    "高一",
    `${(i % 20) + 1}班`,
    "2026-09",
    "3",
    "在读",
    "",
    `家长${i}`,
    "母亲",
    `139${String(i).padStart(8, "0")}`,
    "",
  ]);
}
await w.finish();
if (!out.writableFinished) await once(out, "finish");
console.log(
  `wrote ${N} rows, ${((await stat(file)).size / 1048576).toFixed(1)} MB, peak RSS so far ${(peak / 1048576).toFixed(0)} MB`,
);

peak = 0;
const t0 = Date.now();
const dups = new RosterDuplicates();
let ok = 0;
let bad = 0;
for await (const row of readTable(file, ROSTER_COLUMNS)) {
  const r = validateRosterRow(row.values, grades);
  if (r.ok && !dups.check(row.rowNumber, r.row.idNumber, r.row.studentNo)) ok++;
  else bad++;
}
sample();
clearInterval(timer);
console.log(
  `read+validated ${ok + bad} rows (${bad} rejected) in ${((Date.now() - t0) / 1000).toFixed(1)} s; peak RSS while reading ${(peak / 1048576).toFixed(0)} MB`,
);
await rm(dir, { recursive: true });
