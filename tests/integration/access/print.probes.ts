import { db } from "@/lib/db/client";
import { loadApplicationForms, loadPublicityTable, loadSignOffSheet } from "@/lib/services/print-forms";
import { downloadTermArchive } from "@/lib/services/term-archive";
import { evidenceStorage } from "@/lib/storage";
import { makeOpenBatch, makeRoster } from "../../support/determination-fixtures";
import { makeStudent } from "../../support/fixtures";
import { makeApplication } from "../../support/teacher-fixtures";
import type { ProbeTable } from "./types";

/** Probes for the printed forms of lib/auth/access/print.ts: one per action. */
export const PRINT_PROBES: ProbeTable = {
  // A fresh student of the side's senior class (the side's teacher's class) with a submitted application on a
  // paid roster: the application form of the student and the class's sign-off sheet both print with the name.
  "print.class_forms": async ({ caller, target, world }) => {
    const st = await makeStudent(target.senior);
    const app = await makeApplication(st, world.termId, "submitted");
    const roster = await makeRoster(
      target.senior.school.id,
      [{ studentId: st.student.id, paid: true }],
      "APPROVED",
    );
    const form = await loadApplicationForms(caller, { applicationId: app.id });
    const sheet = await loadSignOffSheet(caller, roster.id, target.senior.klass.id);
    const printed =
      form.ok &&
      form.data.some((doc) => doc.name === st.person.name) &&
      sheet.ok &&
      sheet.data.rows.some((row) => row.name === st.person.name);
    return printed;
  },
  "print.school_forms": async ({ caller, target, world }) => {
    const st = await makeStudent(target.senior);
    const app = await makeApplication(st, world.termId, "determined");
    const batch = await makeOpenBatch(target.senior.school.id, [{ id: app.id, name: st.person.name }]);
    const table = await loadPublicityTable(caller, batch.id);
    return table.ok && table.data.rows.some((row) => row.name === st.person.name);
  },
  // A finished archive of the side's senior school: its admin downloads the zip.
  "archive.term": async ({ caller, target, world }) => {
    const bytes = Buffer.from("PK\u0005\u0006" + "\u0000".repeat(18), "binary");
    const task = await db().exportTask.create({
      data: {
        kind: "TERM_ARCHIVE",
        schoolId: target.senior.school.id,
        termId: world.termId,
        fileName: "资助档案.zip",
        state: "DONE",
        valid: true,
        summary: "共 1 个文件。",
        rowsTotal: 1,
        fileKey: await evidenceStorage().put(bytes),
        fileBytes: bytes.length,
        createdById: target.users.SCHOOL_ADMIN.id,
        finishedAt: new Date(),
      },
    });
    const download = await downloadTermArchive(caller, task.id);
    return download.ok && download.data.bytes.equals(bytes);
  },
};
