/**
 * Exports for the national system (SPEC §8): rows built from the database,
 * validated against the templates and the registry before download; the
 * download contains full ID numbers, so only the school admin may fetch it
 * and every download (and refused attempt with problems) is audit-logged.
 */
import type { SessionUser } from "@/lib/auth/session";
import { isId } from "@/lib/schemas/id";
import { reveal } from "@/lib/crypto/keys";
import { writeAudit } from "@/lib/db/audit.repo";
import { exportDeterminations, registryOf } from "@/lib/db/determination.repo";
import { findRoster, rosterIdCiphers } from "@/lib/db/rosters.repo";
import type { HardshipLevel } from "@/lib/domain/codes";
import {
  FAMILY_ECONOMY_TEMPLATE, familyEconomyRow, ROSTER_BOOK_TEMPLATE, rosterBookRow, summarise, validateExport,
  type ExportProblem, type ExportRow, type RegistryRecord, type TemplateDef,
} from "@/lib/domain/national-export";
import { formatBeijingDate } from "@/lib/domain/time";
import { writeProblemsXlsx, writeTemplateXlsx } from "@/lib/export/xlsx";
import { schoolContext } from "./determination";
import { fail, ok, type ActionResult } from "./result";

export type PreparedExport = { template: TemplateDef; rows: ExportRow[]; problems: ExportProblem[]; summary: string; fileName: string };

/** Decrypts each distinct cipher once per export (rows and registry share the people's ciphers). */
function revealer(): (cipher: string) => string {
  const plain = new Map<string, string>();
  return (cipher) => {
    let v = plain.get(cipher);
    if (v === undefined) plain.set(cipher, (v = reveal(cipher)));
    return v;
  };
}

/**
 * The school's registry by 学籍号. An entry's ID number is decrypted only when
 * the validation reads it (the rows' students), and then from the rows'
 * already decrypted value: bench/export.ts showed decrypting the whole
 * registry up front doubling the decryption work of a 100,000-row export.
 */
async function registry(scope: Parameters<typeof registryOf>[0], open: (cipher: string) => string): Promise<Map<string, RegistryRecord>> {
  const m = new Map<string, RegistryRecord>();
  for (const s of await registryOf(scope)) {
    const cipher = s.person.idNumberCipher;
    m.set(s.studentNo, { studentNumber: s.studentNo, name: s.person.name, idType: s.person.idType, get idNumber() { return open(cipher); } });
  }
  return m;
}

export async function prepareDeterminationExport(user: SessionUser): Promise<ActionResult<PreparedExport>> {
  const c = await schoolContext(user, "exports.national");
  if (!c.ok) return c;
  const open = revealer();
  const apps = await exportDeterminations(c.data.scope, c.data.term.id);
  const rows = apps.map((a) => {
    const d = a.determination!;
    const explanation = d.explanation as { levelRule?: string } | null;
    return familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
      studentNumber: a.student.studentNo, name: a.person.name, idType: a.person.idType, idNumber: open(a.person.idNumberCipher),
      listedCategories: a.person.specialGroupEntries.map((e) => e.category),
      residence: a.household?.residence ?? null, memberCount: a.household?.memberCount ?? null, totalAnnualIncomeFen: a.household?.totalAnnualIncomeFen ?? null,
      perCapitaMonthlyIncomeFen: a.household?.perCapitaMonthlyIncomeFen ?? null, address: a.household?.address ?? null,
      level: d.finalLevel as HardshipLevel, determinedOn: formatBeijingDate(d.determinedAt ?? new Date()),
      reason: d.overrideReason ?? explanation?.levelRule ?? "经学校认定",
    });
  });
  const problems = validateExport(FAMILY_ECONOMY_TEMPLATE, rows, { registry: await registry(c.data.scope, open) });
  return ok({ template: FAMILY_ECONOMY_TEMPLATE, rows, problems, summary: summarise(problems, rows.length), fileName: `家庭经济信息-${c.data.term.name}.xlsx` });
}

export async function prepareRosterExport(user: SessionUser, rosterId: string): Promise<ActionResult<PreparedExport>> {
  const c = await schoolContext(user, "exports.national");
  if (!c.ok) return c;
  const r = isId(rosterId) ? await findRoster(c.data.scope, rosterId) : null;
  if (!r) return fail("未找到该资助名单，或您无权查看。");
  const open = revealer();
  const ciphers = new Map((await rosterIdCiphers(r.id)).map((e) => [e.id, e.student.person.idNumberCipher]));
  const rows = r.entries.map((e) => rosterBookRow(ROSTER_BOOK_TEMPLATE, {
    school: r.school.name, name: e.student.person.name, gender: e.student.person.gender, idType: e.student.person.idType, idNumber: open(ciphers.get(e.id)!),
    studentNumber: e.student.studentNo, grade: e.student.grade.name, className: e.student.class.name, level: e.level, amountFen: e.paidAmountFen ?? e.amountFen,
    academicYear: r.term.academicYear, semester: r.term.semester, note: e.note,
  }));
  const problems = validateExport(ROSTER_BOOK_TEMPLATE, rows, { registry: await registry(c.data.scope, open) });
  if (r.state !== "APPROVED") problems.unshift({ row: 1, column: null, value: "", message: "名单尚未审核通过，审核通过后才能导出资助名册" });
  return ok({ template: ROSTER_BOOK_TEMPLATE, rows, problems, summary: summarise(problems, rows.length), fileName: `资助名册-${r.programme.name}-${r.term.name}.xlsx` });
}

/** The file to download: the export when it validates, else the validation report. Audit-logged either way. */
export async function downloadExport(user: SessionUser, kind: "determination" | "roster", rosterId?: string): Promise<ActionResult<{ fileName: string; body: Buffer; valid: boolean; summary: string }>> {
  const p = kind === "determination" ? await prepareDeterminationExport(user) : await prepareRosterExport(user, rosterId ?? "");
  if (!p.ok) return p;
  const valid = p.data.problems.length === 0;
  const body = valid ? await writeTemplateXlsx(p.data.template, p.data.rows) : await writeProblemsXlsx(p.data.problems);
  await writeAudit({
    actorUserId: user.id, actorRole: user.role, schoolId: user.schoolId, action: valid ? `export.${kind}` : `export.${kind}.report`,
    targetType: kind === "roster" ? "Roster" : "AidTerm", targetId: rosterId, detail: { rows: p.data.rows.length, problems: p.data.problems.length },
  });
  return ok({ fileName: valid ? p.data.fileName : `校验报告-${p.data.fileName}`, body, valid, summary: p.data.summary });
}
