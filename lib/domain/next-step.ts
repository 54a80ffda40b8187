/** What the applicant must do next, with the deadline that matters. */
import type { ApplicationState } from "./codes";
import { countdown } from "./term-window";
import { formatBeijingDateTime, formatBeijingShort } from "./time";

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

/** What the applicant's home card says about one child's application: the action, with its deadline, and the button. */
export type HomeCardAction = {
  /** One sentence: the state, what to do, by when. */
  text: string;
  /** "todo": something to do now; "wait": the school's turn; "none": nothing possible. */
  tone: "todo" | "wait" | "none";
  /** The button into the application, or null when there is nothing to open. */
  button: string | null;
};

export function homeCardAction(
  app: { state: ApplicationState; returnReason: string | null; returnDeadline: Date | null } | null,
  d: { applyStart: Date; applyEnd: Date; verifyDeadline: Date; reviewDeadline: Date },
  now: Date,
): HomeCardAction {
  const by = (x: Date) => formatBeijingShort(x);
  const open = now >= d.applyStart && now <= d.applyEnd;
  if (!app) {
    if (open)
      return { text: `尚未申请：请在 ${by(d.applyEnd)} 前填写并提交申请。`, tone: "todo", button: "去申请" };
    return now < d.applyStart
      ? { text: `尚未申请：申请 ${by(d.applyStart)} 开始。`, tone: "none", button: null }
      : { text: "本学期申请已截止。如有特殊情况，请联系班主任。", tone: "none", button: null };
  }
  switch (app.state) {
    case "draft":
      return open
        ? { text: `草稿未提交：请在 ${by(d.applyEnd)} 前完成填写并提交。`, tone: "todo", button: "去申请" }
        : { text: "草稿未提交，申请已截止。如有特殊情况，请联系班主任。", tone: "none", button: "查看申请" };
    case "returned": {
      const reason = app.returnReason?.trim() || "请按班主任的要求修改";
      if (app.returnDeadline && now > app.returnDeadline)
        return {
          text: `需要修改：${reason}。修改期限已过，请联系班主任。`,
          tone: "none",
          button: "查看申请",
        };
      return {
        text: app.returnDeadline
          ? `需要修改：${reason}，请在 ${by(app.returnDeadline)} 前重新提交。`
          : `需要修改：${reason}，请修改后重新提交。`,
        tone: "todo",
        button: "去修改",
      };
    }
    case "submitted":
      return {
        text: `已提交：等待班主任核实（${by(d.verifyDeadline)} 前）。核实前如需修改，可先撤回。`,
        tone: "wait",
        button: "查看申请",
      };
    case "waived":
    case "withdrawn":
      return open
        ? {
            text: `${app.state === "waived" ? "已放弃申请" : "申请已撤回"}：如需申请，请在 ${by(d.applyEnd)} 前重新填写提交。`,
            tone: "todo",
            button: "去申请",
          }
        : {
            text: nextStepFor(app.state, { ...d, returnDeadline: null }, now),
            tone: "none",
            button: "查看申请",
          };
    default:
      return {
        text: nextStepFor(app.state, { ...d, returnDeadline: app.returnDeadline }, now),
        tone: "wait",
        button: "查看申请",
      };
  }
}
