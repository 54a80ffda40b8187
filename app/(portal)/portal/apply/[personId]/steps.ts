import type { ApplicationView } from "@/lib/services/application-view";

export type StepKey = "confirm" | "policy" | "programmes" | "household" | "evidence" | "submit";

export const STEPS: { key: StepKey; label: string }[] = [
  { key: "confirm", label: "确认学籍" },
  { key: "policy", label: "阅读政策" },
  { key: "programmes", label: "选择项目" },
  { key: "household", label: "家庭经济情况" },
  { key: "evidence", label: "上传佐证材料" },
  { key: "submit", label: "诚信承诺并提交" },
];

export function stepDone(app: ApplicationView | null, key: StepKey): boolean {
  if (!app) return false;
  switch (key) {
    case "confirm":
      return app.enrolmentConfirmedAt !== null;
    case "policy":
      return app.policyAcknowledgedAt !== null;
    case "programmes":
      return app.programmes.length > 0;
    case "household":
      return app.household !== null && app.familyMembers.length > 0;
    case "evidence":
      return app._count.evidence > 0;
    case "submit":
      return app.submittedAt !== null && app.state !== "draft" && app.state !== "returned";
  }
}

export const stepHref = (personId: string, key: StepKey) => `/portal/apply/${personId}/${key}`;
