/**
 * 贷款信息审核 / 还款信息审核 by the province's 业务主管领导: approve or refuse (with a comment) every pending
 * record of an import, or chosen records. Only PENDING records change (the database keeps a decision final,
 * migration 560); a contract number is approved once per province (partial unique index): approving a
 * second copy is refused with the contract numbers to refuse instead. Refused records are corrected and
 * imported again by the operator (a new, supplementary import).
 */
import "server-only";
import { db } from "@/lib/db/client";
import { approvalClashes, decideLoans, decideRepayments, findLoanImport } from "@/lib/db/loans.repo";
import { parseInput } from "@/lib/forms/field-errors";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { recordReviewSchema, reviewDecisionSchema } from "@/lib/schemas/loans";
import { audit } from "./audit";
import { loanContext } from "./loan-context";

const NOTHING_PENDING = "没有待审核的记录：可能已经审核过了。请刷新页面查看。";

const clashMessage = (contractNos: string[]) =>
  `以下合同编号已有审核通过的贷款记录，或在所选记录中出现了两次，不能再次通过：${contractNos.slice(0, 10).join("、")}${contractNos.length > 10 ? ` 等 ${contractNos.length} 个` : ""}。请将这些记录单独审核为不通过。`;

/** Approves or refuses every pending record of one import. */
export async function reviewLoanImport(
  user: SessionUser,
  importId: string,
  raw: unknown,
): Promise<ActionResult<{ decided: number }>> {
  const ctx = await loanContext(user, "loan.review", "LEADER");
  if (!ctx.ok) return ctx;
  const input = parseInput(reviewDecisionSchema, raw);
  if (!input.ok) return input;
  const found = await findLoanImport(ctx.data.regionId, importId);
  if (!found) return fail("NOT_FOUND", "导入记录不存在。");
  if (found.state === "RUNNING") return fail("REFUSED", "该导入尚未完成，请等导入完成后再审核。");
  const decision = {
    state: input.data.decision === "APPROVE" ? ("APPROVED" as const) : ("REFUSED" as const),
    comment: input.data.comment,
    userId: user.id,
  };
  const where = { importId };
  const result = await db().$transaction(async (tx) => {
    if (found.kind === "LOAN" && decision.state === "APPROVED") {
      const clashes = await approvalClashes(tx, ctx.data.regionId, where);
      if (clashes.length) return fail("CONFLICT", clashMessage(clashes));
    }
    const decided =
      found.kind === "LOAN"
        ? await decideLoans(tx, ctx.data.regionId, where, decision)
        : await decideRepayments(tx, ctx.data.regionId, where, decision);
    if (decided === 0) return fail("REFUSED", NOTHING_PENDING);
    await audit(
      ctx.data,
      found.kind === "LOAN" ? "loan.review" : "loan.repayment_review",
      { type: "LoanImport", id: importId },
      { decision: decision.state, comment: decision.comment, decided },
      { tx },
    );
    return ok({ decided });
  });
  return result;
}

/** Approves or refuses chosen pending loan or repayment records. */
export async function reviewLoanRecords(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ decided: number }>> {
  const ctx = await loanContext(user, "loan.review", "LEADER");
  if (!ctx.ok) return ctx;
  const input = parseInput(recordReviewSchema, raw);
  if (!input.ok) return input;
  const { kind, ids } = input.data;
  const decision = {
    state: input.data.decision === "APPROVE" ? ("APPROVED" as const) : ("REFUSED" as const),
    comment: input.data.comment,
    userId: user.id,
  };
  return db().$transaction(async (tx) => {
    if (kind === "LOAN" && decision.state === "APPROVED") {
      const clashes = await approvalClashes(tx, ctx.data.regionId, { ids });
      if (clashes.length) return fail("CONFLICT", clashMessage(clashes));
    }
    const decided =
      kind === "LOAN"
        ? await decideLoans(tx, ctx.data.regionId, { ids }, decision)
        : await decideRepayments(tx, ctx.data.regionId, { ids }, decision);
    if (decided === 0) return fail("REFUSED", NOTHING_PENDING);
    for (const id of ids)
      await audit(
        ctx.data,
        kind === "LOAN" ? "loan.review" : "loan.repayment_review",
        { type: kind === "LOAN" ? "LoanRecord" : "RepaymentRecord", id },
        { decision: decision.state, comment: decision.comment },
        { tx },
      );
    return ok({ decided });
  });
}
