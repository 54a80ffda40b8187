/**
 * Review of the province's loans by its leader (lib/services/loan-review.ts): pending until reviewed; a
 * refusal needs a comment; one record refused and the rest of the import approved; the refused record
 * corrected and re-imported, then approved; reviewed records are final; the per-year totals count
 * approved loans and approved repayments only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { drainLoanStats } from "@/lib/db/rollups/loan-stats";
import { reviewLoanImport, reviewLoanRecords } from "@/lib/services/loan-review";
import { viewLoanOverview } from "@/lib/services/loans";
import { importRows, loanRow, makeProvince, makeSupervisor, repayment } from "../support/loan-fixtures";

let operator: SessionUser;
let leader: SessionUser;

beforeAll(async () => {
  const province = await makeProvince("460000", "海南省");
  operator = await makeSupervisor(province, "OPERATOR");
  leader = await makeSupervisor(province, "LEADER");
});

const totals = async () => {
  await drainLoanStats(); // the rollup job's work (lib/db/rollups/loan-stats.ts), done now
  const view = await viewLoanOverview(leader);
  if (!view.ok) throw new Error(view.message);
  return view.data.totals;
};

describe("loan review", () => {
  it("refuses one record with a comment, approves the rest, takes the corrected record back", async () => {
    const rows = [loanRow(8001), loanRow(8002, { amount: "6000" }), loanRow(8003, { amount: "5000.50" })];
    const job = await importRows(operator, "LOAN", rows);
    expect(await totals()).toEqual([]);
    const records = await db().loanRecord.findMany({
      where: { importId: job.id },
      orderBy: { rowNumber: "asc" },
    });

    const noComment = await reviewLoanRecords(leader, {
      kind: "LOAN",
      ids: [records[1]!.id],
      decision: "REFUSE",
    });
    expect(noComment).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { comment: expect.any(String) },
    });
    expect(
      await reviewLoanRecords(leader, {
        kind: "LOAN",
        ids: [records[1]!.id],
        decision: "REFUSE",
        comment: "发放金额与银行台账不符",
      }),
    ).toEqual({ ok: true, data: { decided: 1 } });
    expect(await reviewLoanImport(leader, job.id, { decision: "APPROVE" })).toEqual({
      ok: true,
      data: { decided: 2 },
    });
    // Nothing left to decide; a decision is final.
    expect(await reviewLoanImport(leader, job.id, { decision: "APPROVE" })).toMatchObject({
      code: "REFUSED",
    });
    expect(
      await reviewLoanRecords(leader, { kind: "LOAN", ids: [records[1]!.id], decision: "APPROVE" }),
    ).toMatchObject({ code: "REFUSED" });
    expect(await totals()).toEqual([
      { academicYear: 2024, loans: 2, students: 2, amountFen: 1_300_050, repaidFen: 0 },
    ]);

    // The operator corrects the refused row and imports it again: a supplementary import of the year.
    const corrected = await importRows(operator, "LOAN", [{ ...rows[1]!, amount: "6500" }]);
    expect(corrected).toMatchObject({ scope: "SUPPLEMENTARY", imported: 1, rejected: 0 });
    await reviewLoanImport(leader, corrected.id, { decision: "APPROVE" });
    expect((await totals())[0]).toMatchObject({ loans: 3, amountFen: 1_950_050 });

    // Repayments count once approved; a refused one never.
    const paid = await importRows(operator, "REPAYMENT", [
      repayment(rows[0]!, "100.25", "2025-03-01 09:00:00"),
      repayment(rows[2]!, "50", "2025-03-02 00:00:00"),
    ]);
    expect((await totals())[0]!.repaidFen).toBe(0);
    const [first, second] = await db().repaymentRecord.findMany({
      where: { importId: paid.id },
      orderBy: { rowNumber: "asc" },
    });
    await reviewLoanRecords(leader, {
      kind: "REPAYMENT",
      ids: [second!.id],
      decision: "REFUSE",
      comment: "重复",
    });
    await reviewLoanRecords(leader, { kind: "REPAYMENT", ids: [first!.id], decision: "APPROVE" });
    expect((await totals())[0]!.repaidFen).toBe(10_025);
    // The import's line shows its review counts.
    const view = await viewLoanOverview(leader);
    const line = view.ok ? view.data.imports.find((row) => row.id === job.id) : undefined;
    expect(line).toMatchObject({ pending: 0, approved: 2, refused: 1 });
  });
});
