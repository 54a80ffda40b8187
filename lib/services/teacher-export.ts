/**
 * Export of a class's application list to .xlsx, streamed with
 * lib/xlsx's streaming writer so memory stays flat whatever the class size.
 * Cells starting with = + - @ are neutralised; the export is audit-logged.
 */
import "server-only";
import { PassThrough } from "node:stream";
import type { SessionUser } from "@/lib/domain/session-user";
import { listMyClasses, monitorRowBatches } from "@/lib/db/teacher.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { APPLICATION_STATE_LABELS, ENROLMENT_STATUS_LABELS } from "@/lib/domain/codes";
import { maskStudentNo } from "@/lib/domain/mask";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { monitorQuerySchema } from "@/lib/schemas/teacher";
import { createSheetWriter } from "@/lib/xlsx";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { teacherContext } from "./context";

export type ExportFile = { filename: string; stream: PassThrough };

export async function exportMonitor(user: SessionUser, raw: unknown): Promise<ActionResult<ExportFile>> {
  const ctx = teacherContext(user, "application.export");
  if (!ctx.ok) return ctx;
  const query = monitorQuerySchema.safeParse(raw);
  if (!query.success || !query.data.classId)
    return fail("INVALID", "请先选择班级。", { classId: "请先选择班级" });
  const klass = (await listMyClasses(ctx.data.scope)).find((c) => c.id === query.data.classId);
  if (!klass) return fail("NOT_FOUND", "未找到该班级，或该班级不由您负责。");
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有开放的资助学期。");

  await audit(
    { user, schoolId: user.schoolId },
    "application.export",
    { type: "SchoolClass", id: klass.id },
    { state: query.data.state ?? "all" },
  );
  const stream = new PassThrough();
  // lib/xlsx's streaming writer: rows are committed as they come, and every text cell is neutralised.
  const writer = createSheetWriter(stream, {
    name: "申请情况",
    columns: [
      { header: "姓名", width: 12 },
      { header: "学籍号", width: 24, text: true },
      { header: "身份证号（脱敏）", width: 22, text: true },
      { header: "学籍状态", width: 10 },
      { header: "申请状态", width: 14 },
      { header: "提交时间", width: 18 },
      { header: "纸质录入", width: 10 },
      { header: "入户调查得分", width: 12 },
    ],
  });
  const fill = async () => {
    for await (const batch of monitorRowBatches(ctx.data.scope, {
      classId: klass.id,
      termId: term.id,
      state: query.data.state,
    })) {
      for (const student of batch) {
        const application = student.applications[0];
        writer.addRow([
          student.person.name,
          maskStudentNo(student.studentNo),
          student.person.idNumberMasked,
          ENROLMENT_STATUS_LABELS[student.status],
          application ? APPLICATION_STATE_LABELS[application.state] : "未开始",
          application?.submittedAt ? formatBeijingDateTime(application.submittedAt) : "",
          application?.enteredOnPaper ? "是" : "",
          application?.homeVisit ? application.homeVisit.totalScore : "",
        ]);
      }
    }
    await writer.finish();
  };
  fill().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return ok({ filename: `${klass.label}-申请情况.xlsx`, stream });
}
