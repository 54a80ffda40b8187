/**
 * Export of a class's application list to .xlsx (SPEC §5), streamed with
 * lib/xlsx's streaming writer so memory stays flat whatever the class size.
 * Cells starting with = + - @ are neutralised; the export is audit-logged.
 */
import "server-only";
import { PassThrough } from "node:stream";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import { listMyClasses, monitorRowBatches } from "@/lib/db/teacher.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { APPLICATION_STATE_LABELS, ENROLMENT_STATUS_LABELS } from "@/lib/domain/codes";
import { maskStudentNo } from "@/lib/domain/mask";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { monitorQuerySchema } from "@/lib/schemas/teacher";
import { createSheetWriter } from "@/lib/xlsx";
import { fail, ok, type ActionResult } from "./result";
import { guard } from "./teacher-verification";

export type ExportFile = { filename: string; stream: PassThrough };

export async function exportMonitor(user: SessionUser, raw: unknown): Promise<ActionResult<ExportFile>> {
  const g = guard(user, "application.export");
  if (!g.ok) return g;
  const q = monitorQuerySchema.safeParse(raw);
  if (!q.success || !q.data.classId) return fail("请先选择班级。");
  const klass = (await listMyClasses(g.data.scope)).find((c) => c.id === q.data.classId);
  if (!klass) return fail("未找到该班级，或该班级不由您负责。");
  const term = await findCurrentTerm();
  if (!term) return fail("当前没有开放的资助学期。");

  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: user.schoolId,
    action: "application.export",
    targetType: "SchoolClass",
    targetId: klass.id,
    detail: { state: q.data.state ?? "all" },
  });
  const stream = new PassThrough();
  // lib/xlsx's streaming writer: rows are committed as they come, and every text cell is neutralised.
  const w = createSheetWriter(stream, {
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
    for await (const batch of monitorRowBatches(g.data.scope, {
      classId: klass.id,
      termId: term.id,
      state: q.data.state,
    })) {
      for (const s of batch) {
        const a = s.applications[0];
        w.addRow([
          s.person.name,
          maskStudentNo(s.studentNo),
          s.person.idNumberMasked,
          ENROLMENT_STATUS_LABELS[s.status],
          a ? APPLICATION_STATE_LABELS[a.state] : "未开始",
          a?.submittedAt ? formatBeijingDateTime(a.submittedAt) : "",
          a?.enteredOnPaper ? "是" : "",
          a?.homeVisit ? a.homeVisit.totalScore : "",
        ]);
      }
    }
    await w.finish();
  };
  fill().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return ok({ filename: `${klass.label}-申请情况.xlsx`, stream });
}
