/**
 * The school's term archive (lib/services/term-archive.ts, term-archive-job.ts) on the real database, the
 * encrypted file store and Debian's Chromium: the admin asks for it, the job prints the forms to PDF and
 * writes the lists, the zip lists the expected files, a PDF's text read back with pdftotext (poppler-utils)
 * holds the student's name and amount (CJK) on the expected number of pages, the download is audited and
 * refused to another school and to a teacher.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { exportJobData } from "@/lib/services/export-job";
import { downloadExportTask } from "@/lib/services/export-task";
import { downloadTermArchive, loadTermArchives, startTermArchive } from "@/lib/services/term-archive";
import { runTermArchiveJob } from "@/lib/services/term-archive-job";
import { makeOpenBatch, makeRoster, submittedClassEvaluation } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { makeApplication } from "../support/teacher-fixtures";

const run = promisify(execFile);

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let otherAdmin: SessionUser;
let teacher: SessionUser;
let termId: string;
let termName: string;
let names: string[];
let dir: string;

/** The text and page count of a PDF, read back with poppler's pdftotext and pdfinfo. */
async function pdfText(bytes: Uint8Array, name: string): Promise<{ text: string; pages: number }> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const text = (await run("pdftotext", ["-layout", file, "-"])).stdout;
  const info = (await run("pdfinfo", [file])).stdout;
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "term-archive-test-"));
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const other = await makeSchool(county.id, "SENIOR");
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  const { term } = await makeCurrentTerm({ stage: "SENIOR" });
  termId = term.id;
  termName = term.name;
  await seedDefaultModel(db());
  names = ["欧阳思远", "司马晓彤", "诸葛文博"];
  const students = [];
  const applicationIds: string[] = [];
  for (const name of names) {
    const st = await makeStudent(school, { name });
    students.push(st);
    applicationIds.push((await makeApplication(st, termId, "verified")).id);
  }
  await submittedClassEvaluation(termId, school.klass.id);
  await makeRoster(
    school.school.id,
    students.map((st) => ({ studentId: st.student.id, paid: true })),
    "APPROVED",
  );
  await makeOpenBatch(school.school.id, [{ id: applicationIds[0]!, name: names[0]! }]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the term archive", () => {
  it("zips the printed forms as PDF and the lists; a PDF's text has the names and amounts on the expected pages", async () => {
    expect((await startTermArchive(admin, "no-such-term")).ok).toBe(false);
    const started = await startTermArchive(admin, termId);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // A second click while it runs joins the same task.
    expect(await startTermArchive(admin, termId)).toMatchObject({
      ok: true,
      data: { taskId: started.data.taskId },
    });
    await runTermArchiveJob(exportJobData(admin, started.data.taskId));
    const task = await db().exportTask.findUniqueOrThrow({ where: { id: started.data.taskId } });
    expect(task).toMatchObject({ state: "DONE", kind: "TERM_ARCHIVE" });
    expect(task.rowsDone).toBe(task.rowsTotal);

    const download = await downloadTermArchive(admin, started.data.taskId);
    expect(download.ok).toBe(true);
    if (!download.ok) return;
    expect(download.data.fileName).toBe(`${termName}资助档案.zip`);
    const zip = await JSZip.loadAsync(download.data.bytes);
    const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
    const root = `${termName}资助档案`;
    const klass = `${school.grade.name}1班`;
    expect(files).toEqual(
      expect.arrayContaining([
        `${root}/家庭经济困难学生认定结果汇总表.pdf`,
        `${root}/家庭经济困难学生认定申请表/${klass}.pdf`,
        `${root}/班级评议记录/${klass}.pdf`,
        expect.stringMatching(new RegExp(`^${root}/资助发放签收表/测试资助项目\\d+\\.pdf$`)),
        `${root}/各学段公示表/1-测试公示.pdf`,
      ]),
    );
    // The lists in the national layouts (or, with a problem, their validation reports).
    expect(
      files.filter((name) => name.startsWith(`${root}/名单/`) && name.endsWith(".xlsx")).length,
    ).toBeGreaterThanOrEqual(3);

    // Three students of the class: three application forms, each starting on a new A4 page.
    const forms = await pdfText(
      await zip.file(`${root}/家庭经济困难学生认定申请表/${klass}.pdf`)!.async("uint8array"),
      "forms.pdf",
    );
    for (const name of names) expect(forms.text).toContain(name);
    expect(forms.text).toContain("本人承诺");
    expect(forms.text.split("家庭经济困难学生认定申请表").length - 1).toBe(3);
    expect(forms.pages).toBeGreaterThanOrEqual(3);
    expect(forms.pages % 3).toBe(0);

    const signOffName = files.find((name) => name.includes("/资助发放签收表/"))!;
    const signOff = await pdfText(await zip.file(signOffName)!.async("uint8array"), "sign-off.pdf");
    expect(signOff.pages).toBe(1);
    for (const name of names) expect(signOff.text).toContain(name);
    expect(signOff.text).toContain("1000.00");
    expect(signOff.text).toContain("3000.00");

    const audited = await db().auditLog.findMany({
      where: { actorUserId: admin.id, action: { in: ["archive.term_requested", "archive.term_downloaded"] } },
    });
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      "archive.term_downloaded",
      "archive.term_requested",
    ]);
  }, 120_000);

  it("is the school admin's own: another school's admin and a teacher are refused, and the export download does not serve it", async () => {
    const loaded = await loadTermArchives(admin);
    const taskId = loaded.ok ? loaded.data.tasks[0]!.id : "";
    expect(await downloadTermArchive(otherAdmin, taskId)).toMatchObject({ code: "NOT_FOUND" });
    expect(await downloadTermArchive(teacher, taskId)).toMatchObject({ code: "FORBIDDEN" });
    expect(await startTermArchive(teacher, termId)).toMatchObject({ code: "FORBIDDEN" });
    expect(await downloadExportTask(admin, taskId)).toMatchObject({ code: "NOT_FOUND" });
    const others = await loadTermArchives(otherAdmin);
    expect(others.ok && others.data.tasks).toEqual([]);
  });
});
