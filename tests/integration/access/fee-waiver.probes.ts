import { db } from "@/lib/db/client";
import type { FeeWaiverState } from "@/lib/domain/fee-waiver-list";
import { changeFeeWaiverList, loadFeeWaiverList } from "@/lib/services/fee-waiver-list";
import { prepareFeeWaiverExport, viewFeeWaiverPayments } from "@/lib/services/fee-waiver-payments";
import type { Side } from "../../support/access-world";
import type { ProbeTable } from "./types";

let seq = 0;

/** A 普高 fee-waiver list of the side's senior school with its student on it, in the given state (fresh programme). */
async function feeWaiverList(world: { termId: string }, side: Side, state: FeeWaiverState) {
  const programme = await db().aidProgramme.create({
    data: {
      code: `fw${Date.now().toString(36)}${++seq}`,
      name: "普通高中免学杂费（探针）",
      stage: "SENIOR",
      kind: "FEE_WAIVER",
    },
  });
  const list = await db().feeWaiverList.create({
    data: { schoolId: side.senior.school.id, termId: world.termId, programmeId: programme.id },
  });
  const entry = await db().feeWaiverEntry.create({
    data: { listId: list.id, studentId: side.student.student.id, amountFen: 60_000 },
  });
  await db().feeWaiverList.update({ where: { id: list.id }, data: state });
  return { listId: list.id, entryId: entry.id };
}

const NEW: FeeWaiverState = { schoolReview: "PENDING", supervisorReview: "PENDING" };
const SCHOOL_PASSED: FeeWaiverState = { schoolReview: "PASSED", supervisorReview: "PENDING" };
const PASSED: FeeWaiverState = { schoolReview: "PASSED", supervisorReview: "PASSED" };

/** Probes for lib/auth/access/fee-waiver.ts: one per action. */
export const FEE_WAIVER_PROBES: ProbeTable = {
  "fee_waiver_list.view": async ({ world, caller, target }) => {
    const { listId } = await feeWaiverList(world, target, NEW);
    return (await loadFeeWaiverList(caller, listId)).ok;
  },
  "fee_waiver_list.edit": async ({ world, caller, target }) => {
    const { listId, entryId } = await feeWaiverList(world, target, NEW);
    return (await changeFeeWaiverList(caller, listId, { kind: "REMOVE_ENTRY", entryId })).ok;
  },
  "fee_waiver_list.school_review": async ({ world, caller, target }) => {
    const { listId } = await feeWaiverList(world, target, NEW);
    return (await changeFeeWaiverList(caller, listId, { kind: "SCHOOL_REVIEW", pass: true })).ok;
  },
  "fee_waiver_list.supervise": async ({ world, caller, target }) => {
    const { listId } = await feeWaiverList(world, target, SCHOOL_PASSED);
    return (await changeFeeWaiverList(caller, listId, { kind: "SUPERVISOR_REVIEW", pass: true })).ok;
  },
  "fee_waiver_payments.view": async ({ world, caller, target }) => {
    await feeWaiverList(world, target, PASSED);
    const view = await viewFeeWaiverPayments(caller, { term: world.termId });
    return view.ok && view.data.rows.some((row) => row.schoolName === target.senior.school.name);
  },
  "fee_waiver_payments.export": async ({ world, caller, target }) => {
    await feeWaiverList(world, target, PASSED);
    const prepared = await prepareFeeWaiverExport(caller, { term: world.termId });
    if (!prepared.ok) return false;
    const rows: unknown[][] = [];
    await prepared.data.fill({
      addRow: (cells) => void rows.push([...cells]),
      finish: async () => undefined,
    });
    return rows.some((row) => row[0] === target.senior.school.name);
  },
};
