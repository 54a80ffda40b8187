import { authorize } from "@/lib/auth/access";
import { writeAudit } from "@/lib/db/audit.repo";
import { SPECIAL_CATEGORY_LABELS, type SpecialCategory } from "@/lib/domain/codes";
import { NO_AID_REASON_LABELS, type NoAidReasonCode } from "@/lib/domain/determination";
import type { TemplateDef } from "@/lib/domain/national-export";
import { xlsxResponse } from "@/lib/export/response";
import { writeTemplateXlsx } from "@/lib/export/xlsx";
import { loadFollowUp } from "@/lib/services/rosters";
import { maskStudentNo } from "@/lib/domain/mask";

const TEMPLATE: TemplateDef = {
  key: "roster-book", title: "未资助原因上报", sheetName: "未资助原因上报",
  columns: [
    { key: "name", header: "姓名", kind: "text", required: true, width: 12 },
    { key: "studentNo", header: "学籍号", kind: "text", required: true, width: 22 },
    { key: "idNumber", header: "身份证件号（脱敏）", kind: "text", required: true, width: 22 },
    { key: "className", header: "班级", kind: "text", required: true, width: 14 },
    { key: "categories", header: "特殊群体类别", kind: "text", required: true, width: 24 },
    { key: "problem", header: "情况", kind: "text", required: true, width: 30 },
    { key: "reason", header: "未资助原因", kind: "text", required: false, width: 20 },
    { key: "detail", header: "说明", kind: "text", required: false, width: 30 },
  ],
};

export async function GET() {
  const a = await authorize("specialGroups.followUp");
  if (!a.ok) return new Response(a.message, { status: a.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const r = await loadFollowUp(a.user);
  if (!r.ok) return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const rows = r.data.rows.map((x) => ({
    name: x.name, studentNo: maskStudentNo(x.studentNo), idNumber: x.idNumberMasked, className: x.className,
    categories: x.categories.map((c) => SPECIAL_CATEGORY_LABELS[c as SpecialCategory]).join("、"), problem: x.problem,
    reason: x.reason ? NO_AID_REASON_LABELS[x.reason as NoAidReasonCode] : "", detail: x.detail ?? "",
  }));
  await writeAudit({ actorUserId: a.user.id, actorRole: a.user.role, schoolId: a.user.schoolId, action: "export.followUp", detail: { rows: rows.length } });
  return xlsxResponse(`特殊群体未资助原因-${r.data.term.name}.xlsx`, await writeTemplateXlsx(TEMPLATE, rows));
}
