import { authorize } from "@/lib/auth/access";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  SPECIAL_CATEGORY_LABELS,
  type SpecialCategory,
  NO_AID_REASON_LABELS,
  type NoAidReasonCode,
} from "@/lib/domain/codes";
import { loadFollowUp } from "@/lib/services/aid-roster";
import { maskStudentNo } from "@/lib/domain/mask";
import { xlsxResponse, type SheetSpec } from "@/lib/xlsx";

const SHEET: SheetSpec = {
  name: "未资助原因上报",
  columns: [
    { header: "姓名", width: 12, text: true },
    { header: "学籍号", width: 22, text: true },
    { header: "身份证件号（脱敏）", width: 22, text: true },
    { header: "班级", width: 14, text: true },
    { header: "特殊群体类别", width: 24, text: true },
    { header: "情况", width: 30, text: true },
    { header: "未资助原因", width: 20, text: true },
    { header: "说明", width: 30, text: true },
  ],
};

export async function GET() {
  const a = await authorize("special_group.follow_up");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const r = await loadFollowUp(a.user);
  if (!r.ok)
    return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  await writeAudit({
    actorUserId: a.user.id,
    actorRole: a.user.role,
    schoolId: a.user.schoolId,
    action: "export.follow_up",
    detail: { rows: r.data.rows.length },
  });
  return xlsxResponse(`特殊群体未资助原因-${r.data.term.name}.xlsx`, SHEET, async (w) => {
    for (const x of r.data.rows) {
      w.addRow([
        x.name,
        maskStudentNo(x.studentNo),
        x.idNumberMasked,
        x.className,
        x.categories.map((c) => SPECIAL_CATEGORY_LABELS[c as SpecialCategory]).join("、"),
        x.problem,
        x.reason ? NO_AID_REASON_LABELS[x.reason as NoAidReasonCode] : "",
        x.detail ?? "",
      ]);
    }
  });
}
