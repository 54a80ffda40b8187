/**
 * Staff read the audit log in Chinese: every action code the code writes (lib/, app/) has a Chinese
 * name, and so does every evidence purpose and sudden-event kind shown on the staff pages.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_ACCESS } from "@/lib/auth/access/admin";
import { DETERMINATION_ACCESS } from "@/lib/auth/access/determination";
import { PORTAL_ACCESS } from "@/lib/auth/access/portal";
import { TEACHER_ACCESS } from "@/lib/auth/access/teacher";
import {
  AUDIT_ACTION_LABELS,
  auditActionChoices,
  auditActionLabel,
  auditDetailText,
  LEGACY_AUDIT_ACTIONS,
  storedAuditActions,
} from "@/lib/domain/audit-actions";
import { ACTION_LABELS } from "@/lib/domain/application-state";
import { EVIDENCE_PURPOSES } from "@/lib/domain/codes";
import { purposeLabel } from "@/components/determination/evidence-gallery";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Literal codes passed to writeAudit ({ action: "x.y" }) or to the services' audit(…, "x.y", …) helpers. */
function writtenCodes(): string[] {
  const codes = new Set<string>();
  for (const f of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    const text = fs.readFileSync(f, "utf8");
    if (!/writeAudit|audit\(/.test(text)) continue;
    for (const m of text.matchAll(/action: "([a-z_A-Z]+\.[a-z_A-Z.]+)"/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/audit\([^)"]*?"([a-z_A-Z]+\.[a-z_A-Z.]+)"/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe("audit action names", () => {
  it("names every action code the application writes", () => {
    const codes = writtenCodes();
    expect(codes.length).toBeGreaterThan(40);
    const unnamed = codes.filter((c) => auditActionLabel(c) === "其他操作");
    expect(unnamed).toEqual([]);
  });
  it("names the application steps written as application.<step>", () => {
    for (const step of Object.keys(ACTION_LABELS))
      expect(auditActionLabel(`application.${step}`)).not.toMatch(/[a-z]/);
    expect(auditActionLabel("application.inspect")).toBe("查看申请详情");
  });
  it("offers only Chinese names in the filter", () => {
    for (const c of auditActionChoices()) expect(c.label).not.toMatch(/[a-z_]/);
  });
  it("shows sign-in failure reasons in Chinese", () => {
    expect(auditDetailText({ kind: "staff", reason: "wrong_password" })).toBe("类别：教职工；原因：密码错误");
  });
  it("names every evidence purpose", () => {
    for (const p of EVIDENCE_PURPOSES) expect(purposeLabel(p)).not.toMatch(/[a-z_]/);
  });
});

describe("one case style for access and audit names", () => {
  const SNAKE = /^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)+$/;
  it("every audit code and every access-matrix action is area.snake_case", () => {
    const access = Object.keys({
      ...PORTAL_ACCESS,
      ...TEACHER_ACCESS,
      ...ADMIN_ACCESS,
      ...DETERMINATION_ACCESS,
    });
    const offending = [...Object.keys(AUDIT_ACTION_LABELS), ...access].filter((code) => !SNAKE.test(code));
    expect(offending).toEqual([]);
  });
  it("old spellings in stored entries read, and are found, as today's code", () => {
    for (const [old, current] of Object.entries(LEGACY_AUDIT_ACTIONS)) {
      expect(auditActionLabel(old)).toBe(AUDIT_ACTION_LABELS[current]);
      expect(storedAuditActions(current)).toContain(old);
    }
    expect(auditActionLabel("determination.gradeAdjust")).toBe("年级认定小组调整");
  });
});
