/**
 * 未资助原因 (no-aid reasons): this term's special-group students without aid, where the school admin records
 * why each has none and the leader reads it, and the one export of the list. The special-group list
 * (/console/admin/special-groups) and the determination follow-up (/console/determination/follow-up) link to
 * its page, /console/determination/no-aid-reasons.
 */
import "server-only";
import { upsertNoAid } from "@/lib/db/no-aid.repo";
import { findSpecialStudent, listSpecialStudents } from "@/lib/db/special-groups.repo";
import {
  APPLICATION_STATE_LABELS,
  NO_AID_REASON_LABELS,
  SPECIAL_CATEGORY_LABELS,
  type ApplicationState,
} from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { noAidSchema } from "@/lib/schemas/no-aid";
import type { SheetWriter } from "@/lib/xlsx";
import { audit } from "./audit";
import { schoolTermContext } from "./context";

export const NO_AID_PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 500;

/** One page of this term's special-group students on no roster, with the reason recorded for each. */
export async function loadNoAidStudents(user: SessionUser, query: { page?: number } = {}) {
  const ctx = await schoolTermContext(user, "special_group.view");
  if (!ctx.ok) return ctx;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const { total, rows } = await listSpecialStudents(ctx.data.scope, ctx.data.term.id, {
    skip: (page - 1) * NO_AID_PAGE_SIZE,
    take: NO_AID_PAGE_SIZE,
    withoutAidOnly: true,
  });
  return ok({ term: ctx.data.term, page, pageSize: NO_AID_PAGE_SIZE, total, rows });
}

/** Records (or changes) this term's reason why a special-group student of the school has no aid. */
export async function recordNoAidReason(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ name: string }>> {
  const ctx = await schoolTermContext(user, "no_aid_reason.record");
  if (!ctx.ok) return ctx;
  const input = parseInput(noAidSchema, raw);
  if (!input.ok) return input;
  const student = await findSpecialStudent(ctx.data.scope, input.data.studentId);
  if (!student) return fail("NOT_FOUND", "学生不存在，或不是本校在读的特殊群体学生。");
  await upsertNoAid({
    termId: ctx.data.term.id,
    schoolId: student.schoolId,
    studentId: student.id,
    reason: input.data.reason,
    detail: input.data.detail || null,
    recordedById: user.id,
  });
  await audit(
    ctx.data,
    "no_aid_reason.record",
    { type: "Student", id: student.id },
    { termId: ctx.data.term.id, reason: input.data.reason },
  );
  return ok({ name: student.person.name });
}

export const NO_AID_SHEET = {
  name: "未资助原因上报",
  columns: [
    { header: "年级" },
    { header: "班级" },
    { header: "姓名" },
    { header: "身份证件号（脱敏）", width: 22 },
    { header: "特殊群体类别", width: 30 },
    { header: "本学期申请状态", width: 18 },
    { header: "未资助原因", width: 18 },
    { header: "说明", width: 40 },
  ],
} as const;

/** Streams this term's special-group students without aid, with the recorded reason ("未填写" when missing). */
export async function writeNoAidReasonsExport(
  user: SessionUser,
  writer: SheetWriter,
): Promise<ActionResult<{ rows: number }>> {
  const ctx = await schoolTermContext(user, "no_aid_reason.export");
  if (!ctx.ok) return ctx;
  let rows = 0;
  for (let skip = 0; ; skip += EXPORT_PAGE_SIZE) {
    const page = await listSpecialStudents(ctx.data.scope, ctx.data.term.id, {
      skip,
      take: EXPORT_PAGE_SIZE,
      withoutAidOnly: true,
    });
    for (const student of page.rows) {
      const categories = new Set(student.categories.map((entry) => SPECIAL_CATEGORY_LABELS[entry.category]));
      writer.addRow([
        student.gradeName,
        student.className,
        student.name,
        student.idNumberMasked,
        [...categories].join("、"),
        student.application
          ? APPLICATION_STATE_LABELS[student.application.state as ApplicationState]
          : "未申请",
        student.noAid ? NO_AID_REASON_LABELS[student.noAid.reason] : "未填写",
        student.noAid?.detail ?? "",
      ]);
    }
    rows += page.rows.length;
    if (page.rows.length < EXPORT_PAGE_SIZE) break;
  }
  await audit(
    ctx.data,
    "no_aid_reason.export",
    { type: "School", id: ctx.data.schoolId },
    { rows, termId: ctx.data.term.id },
  );
  return ok({ rows });
}
