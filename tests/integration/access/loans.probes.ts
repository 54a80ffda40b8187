/**
 * Probes for the 国家助学贷款 actions of lib/auth/access/loans.ts. The matrix admits supervisors, the
 * service context only PROVINCE-level ones with the right duty. So for the SUPERVISOR role each probe
 * first runs the action as the caller — a county supervisor — and as a city supervisor, and fails the
 * test (throws) when either is let through; it then acts as a supervisor of the caller's province
 * (广东省) with the duty the action needs. Side A's loans are in 广东省, side B's in another province
 * (广西壮族自治区): "other scope" is another province's data, which must be refused or not found.
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { SupervisorDuty } from "@/lib/domain/codes";
import { saveProvinceLoanCap, loanExport, revealLoanIdNumber, viewLoanRecords } from "@/lib/services/loans";
import { loanImportStatus } from "@/lib/services/loans";
import { reviewLoanImport } from "@/lib/services/loan-review";
import type { Side, World } from "../../support/access-world";
import { importRows, loanRow, makeProvince, makeSupervisor } from "../../support/loan-fixtures";
import type { ProbeContext, ProbeTable } from "./types";

let seq = 50_000;
const province = (world: World, side: Side) =>
  side === world.A ? makeProvince("440000", "广东省") : makeProvince("450000", "广西壮族自治区");

const posts = new Map<string, Promise<SessionUser>>();
/** The (cached) supervisor of the side's province with the duty. */
function provinceUser(world: World, side: Side, duty: SupervisorDuty): Promise<SessionUser> {
  const key = `${side === world.A ? "A" : "B"}:${duty}`;
  if (!posts.has(key))
    posts.set(
      key,
      province(world, side).then((region) => makeSupervisor(region, duty)),
    );
  return posts.get(key)!;
}

let city: Promise<SessionUser> | undefined;
function citySupervisor(): Promise<SessionUser> {
  city ??= db()
    .region.findUniqueOrThrow({ where: { code: "440100" } })
    .then((region) => makeSupervisor(region, "OPERATOR"));
  return city;
}

/** A pending loan import of the target side's province: its id and its one record. */
async function targetImport(world: World, target: Side) {
  const operator = await provinceUser(world, target, "OPERATOR");
  const job = await importRows(operator, "LOAN", [loanRow(++seq)]);
  const record = await db().loanRecord.findFirstOrThrow({ where: { importId: job.id } });
  return { importId: job.id, loanId: record.id };
}

/**
 * Runs `act` as the caller; for a supervisor, also as a city supervisor (both must be refused), then as
 * the province's supervisor with `duty`.
 */
async function asProvince(
  { world, caller }: ProbeContext,
  duty: SupervisorDuty,
  act: (user: SessionUser) => Promise<boolean>,
): Promise<boolean> {
  if (caller.role !== "SUPERVISOR") return act(caller);
  if (await act(caller)) throw new Error("a county supervisor was let into the province's loans");
  if (await act(await citySupervisor()))
    throw new Error("a city supervisor was let into the province's loans");
  return act(await provinceUser(world, world.A, duty));
}

export const LOAN_PROBES: ProbeTable = {
  "loan.view": async (ctx) => {
    const { importId, loanId } = await targetImport(ctx.world, ctx.target);
    return asProvince(ctx, "LEADER", async (user) => {
      const result = await viewLoanRecords(user, { importId });
      return result.ok && result.data.loans.rows.some((row) => row.id === loanId);
    });
  },
  "loan.import": async (ctx) => {
    const { importId } = await targetImport(ctx.world, ctx.target);
    return asProvince(ctx, "OPERATOR", async (user) => (await loanImportStatus(user, importId)).ok);
  },
  "loan.review": async (ctx) => {
    const { importId } = await targetImport(ctx.world, ctx.target);
    return asProvince(
      ctx,
      "LEADER",
      async (user) => (await reviewLoanImport(user, importId, { decision: "APPROVE" })).ok,
    );
  },
  "loan.cap_edit": async (ctx) => {
    // Carried out on the target when the target province's cap table has the new row.
    const region = await province(ctx.world, ctx.target);
    const fromYear = 2030 + (++seq % 60);
    return asProvince(ctx, "OPERATOR", async (user) => {
      await saveProvinceLoanCap(user, { level: "GRADUATE", fromYear: String(fromYear), capYuan: "30000" });
      const saved = await db().loanCap.findFirst({
        where: { regionId: region.id, fromYear, level: "GRADUATE" },
      });
      return saved !== null;
    });
  },
  "loan.reveal_id": async (ctx) => {
    const { loanId } = await targetImport(ctx.world, ctx.target);
    return asProvince(ctx, "LEADER", async (user) => (await revealLoanIdNumber(user, loanId)).ok);
  },
  "loan.export": async (ctx) => {
    const { importId } = await targetImport(ctx.world, ctx.target);
    return asProvince(ctx, "OPERATOR", async (user) => {
      const result = await loanExport(user, { importId });
      if (!result.ok) return false;
      const rows = [];
      for await (const row of result.data.rows) rows.push(row);
      return rows.length > 0;
    });
  },
};
