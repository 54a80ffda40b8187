/**
 * Privacy and scope of the province's loans: city and county supervisors and school staff are refused by
 * every loan service (FORBIDDEN, nothing read), the operator cannot review and the leader cannot import;
 * another province sees none of this province's imports or records; ID numbers are stored encrypted and
 * shown masked; every full-ID view and every export is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { importLoansHere } from "@/lib/services/loan-import";
import { loanStatisticsExport, viewLoanStatistics } from "@/lib/services/loan-statistics";
import { reviewLoanImport, reviewLoanRecords } from "@/lib/services/loan-review";
import {
  loanExport,
  loanImportRejectedRows,
  loanImportStatus,
  mayImportLoans,
  revealLoanIdNumber,
  saveProvinceLoanCap,
  viewLoanOverview,
  viewLoanRecords,
} from "@/lib/services/loans";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { importRows, loanRow, makeProvince, makeSupervisor, writeLoanFile } from "../support/loan-fixtures";
import { sessionUser } from "../support/session-user";

let operator: SessionUser;
let leader: SessionUser;
let otherProvince: SessionUser;
let outsiders: [string, SessionUser][];
let importId: string;
let loanId: string;
let idNumber: string;

beforeAll(async () => {
  const { city, county } = await makeRegionTree();
  const province = await makeProvince();
  operator = await makeSupervisor(province, "OPERATOR");
  leader = await makeSupervisor(province, "LEADER");
  otherProvince = await makeSupervisor(await makeProvince("450000", "广西壮族自治区"), "LEADER");
  const school = await makeSchool(county.id);
  const admin = await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id });
  const schoolLeader = await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id });
  outsiders = [
    ["city operator", await makeSupervisor(city, "OPERATOR")],
    ["city leader", await makeSupervisor(city, "LEADER")],
    ["county operator", await makeSupervisor(county, "OPERATOR")],
    ["county leader", await makeSupervisor(county, "LEADER")],
    ["school admin", sessionUser(admin.user)],
    ["school leader", sessionUser(schoolLeader.user)],
  ];
  const row = loanRow(7001);
  idNumber = row.idNumber;
  const job = await importRows(operator, "LOAN", [row, loanRow(7002, { amount: "99999" })]);
  importId = job.id;
  loanId = (await db().loanRecord.findFirstOrThrow({ where: { importId } })).id;
});

/** Every loan operation as `user`; each resolves to the failure code or "ok". */
async function everything(user: SessionUser) {
  const code = (result: { ok: boolean; code?: string }) => (result.ok ? "ok" : result.code);
  return {
    overview: code(await viewLoanOverview(user)),
    records: code(await viewLoanRecords(user, {})),
    status: code(await loanImportStatus(user, importId)),
    rejected: code(await loanImportRejectedRows(user, importId)),
    template: code(await mayImportLoans(user)),
    import: code(
      await importLoansHere(
        user,
        {
          kind: "LOAN",
          mode: "GOOD_ROWS",
          academicYear: "2024",
          filePath: await writeLoanFile([loanRow(7100)]),
          fileName: "x.xlsx",
        },
        { inProcess: true },
      ),
    ),
    reviewImport: code(await reviewLoanImport(user, importId, { decision: "REFUSE", comment: "探针" })),
    reviewRecord: code(
      await reviewLoanRecords(user, { kind: "LOAN", ids: [loanId], decision: "REFUSE", comment: "探针" }),
    ),
    cap: code(await saveProvinceLoanCap(user, { level: "UNDERGRADUATE", fromYear: "2040", capYuan: "1" })),
    reveal: code(await revealLoanIdNumber(user, loanId)),
    export: code(await loanExport(user, {})),
    statistics: code(await viewLoanStatistics(user, {})),
    statisticsExport: code(await loanStatisticsExport(user, { table: "year" })),
  };
}

describe("loans are the province's alone", () => {
  it("refuses city and county supervisors and school staff everywhere", async () => {
    for (const [who, user] of outsiders) {
      const results = await everything(user);
      expect(
        Object.values(results).every((result) => result === "FORBIDDEN"),
        `${who}: ${JSON.stringify(results)}`,
      ).toBe(true);
    }
    // Nothing changed: the import is still pending and no cap was added.
    expect(await db().loanRecord.count({ where: { importId, reviewState: "PENDING" } })).toBe(1);
    expect(await db().loanCap.count({ where: { fromYear: 2040 } })).toBe(0);
  });

  it("keeps duties apart: the operator cannot review, the leader cannot import or edit caps", async () => {
    expect(await reviewLoanImport(operator, importId, { decision: "APPROVE" })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await mayImportLoans(leader)).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await saveProvinceLoanCap(leader, { level: "UNDERGRADUATE", fromYear: "2040", capYuan: "1" }),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows another province nothing of this one", async () => {
    const overview = await viewLoanOverview(otherProvince);
    expect(overview.ok && overview.data.imports.some((row) => row.id === importId)).toBe(false);
    const records = await viewLoanRecords(otherProvince, { importId });
    expect(records.ok && records.data.loans.total).toBe(0);
    expect(await revealLoanIdNumber(otherProvince, loanId)).toMatchObject({ code: "NOT_FOUND" });
    expect(await reviewLoanImport(otherProvince, importId, { decision: "APPROVE" })).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lists masked ID numbers, finds a record by its full ID through the blind index, audits reveal and export", async () => {
    const records = await viewLoanRecords(leader, { idNumber });
    expect(records.ok && records.data.loans.rows.map((row) => row.id)).toEqual([loanId]);
    expect(JSON.stringify(records)).not.toContain(idNumber);
    const before = await db().auditLog.count({ where: { actorUserId: leader.id } });
    expect(await revealLoanIdNumber(leader, loanId)).toEqual({ ok: true, data: { idNumber } });
    const exported = await loanExport(leader, { importId });
    expect(exported.ok).toBe(true);
    const entries = await db().auditLog.findMany({
      where: { actorUserId: leader.id },
      orderBy: { id: "asc" },
      skip: before,
    });
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
      ["loan.id_revealed", loanId],
      ["loan.export", null],
    ]);
    const rows = [];
    if (exported.ok) for await (const row of exported.data.rows) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });
});
