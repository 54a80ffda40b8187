/** What the applicant must do next, with the deadline that matters (SPEC §4 step 8). */
import type { ApplicationState } from "./codes";
import { countdown } from "./term-window";
import { formatBeijingDateTime } from "./time";

export function nextStepFor(
  state: ApplicationState,
  d: { returnDeadline: Date | null; verifyDeadline: Date; reviewDeadline: Date; applyEnd: Date },
  now: Date,
): string {
  const by = (x: Date) => `${formatBeijingDateTime(x)}（剩余 ${countdown(now, x)}）`;
  switch (state) {
    case "draft":
      return `请在 ${by(d.applyEnd)}前完成填写并提交。`;
    case "submitted":
      return `等待班主任核实，核实截止 ${by(d.verifyDeadline)}。在班主任核实前可以撤回修改。`;
    case "returned":
      return d.returnDeadline
        ? `请按退回原因修改，并在 ${by(d.returnDeadline)}前重新提交。`
        : "请按退回原因修改后重新提交。";
    case "verified":
      return `班主任已核实，等待学校审核，认定截止 ${by(d.reviewDeadline)}。`;
    case "reviewed":
      return "学校已审核，等待认定结果与公示。";
    case "determined":
      return "已完成认定，请留意公示及资助发放通知。";
    case "waived":
      return "您已放弃申请。如需申请，请在申请时间内重新填写。";
    case "withdrawn":
      return "申请已撤回。如需申请，请在申请时间内重新填写。";
    case "revoked":
      return "资助资格已取消，如有疑问请联系学校资助办公室。";
  }
}
