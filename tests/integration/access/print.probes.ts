import { loadApplicationForms, loadPublicityTable, loadSignOffSheet } from "@/lib/services/print-forms";
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
};
