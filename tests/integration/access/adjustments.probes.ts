import { db } from "@/lib/db/client";
import { termDatesForSchool } from "@/lib/db/terms.repo";
import {
  createAdjustmentPublicity,
  loadAdjustments,
  openAdjustment,
  withdrawOpenAdjustment,
} from "@/lib/services/adjustments";
import { formatBeijingDate } from "@/lib/domain/time";
import type { Side, World } from "../../support/access-world";
import { ensureDefaultModel, makeApplication } from "../../support/determination-fixtures";
import type { ProbeTable } from "./types";

/**
 * An hour after the side's school's application window closed: adjustments are possible then. The school's
 * own end date, not the term's: the term.extend_window probe extends the target school's window.
 */
async function afterWindow(world: World, side: Side): Promise<Date> {
  const term = await db().aidTerm.findUniqueOrThrow({ where: { id: world.termId } });
  const { applyEnd } = await termDatesForSchool(term, side.senior.school.id);
  return new Date(Math.max(applyEnd.getTime(), term.applyEnd.getTime()) + 3_600_000);
}

/** An open adjustment of a new determined student of the side's senior school (opened by its own admin). */
async function openAdjustmentOf(world: World, side: Side, opts: { determined?: boolean } = {}) {
  const { student } = await makeApplication(side.senior, "determined");
  const opened = await openAdjustment(
    side.users.SCHOOL_ADMIN,
    { personId: student.person.id, event: "ACCIDENT", reason: "学生家长突发意外事故" },
    await afterWindow(world, side),
  );
  if (!opened.ok) throw new Error(`adjustment fixture: ${opened.message}`);
  const id = opened.data.applicationId;
  if (opts.determined) {
    const model = await ensureDefaultModel();
    await db().application.update({
      where: { id },
      data: { state: "determined", verifiedAt: new Date(), reviewedAt: new Date() },
    });
    await db().determination.create({
      data: {
        applicationId: id,
        scoringModelId: model.id,
        simulatedScore: 60,
        simulatedLevel: "SPECIAL",
        explanation: { levelRule: "测试" },
        finalLevel: "SPECIAL",
        determinedAt: new Date(),
      },
    });
  }
  return id;
}

/** Probes for lib/auth/access/adjustments.ts: one per action. */
export const ADJUSTMENT_PROBES: ProbeTable = {
  "adjustment.list": async ({ world, caller, target }) => {
    const id = await openAdjustmentOf(world, target);
    const listed = await loadAdjustments(caller, await afterWindow(world, target));
    return listed.ok && listed.data.adjustments.some((row) => row.applicationId === id);
  },
  "adjustment.open": async ({ world, caller, target }) => {
    const { student } = await makeApplication(target.senior, "determined");
    return (
      await openAdjustment(
        caller,
        { personId: student.person.id, event: "SERIOUS_ILLNESS", reason: "母亲突发重大疾病住院" },
        await afterWindow(world, target),
      )
    ).ok;
  },
  "adjustment.withdraw": async ({ world, caller, target }) => {
    const id = await openAdjustmentOf(world, target);
    return (await withdrawOpenAdjustment(caller, { applicationId: id, reason: "家庭情况已好转" })).ok;
  },
  "adjustment.publicise": async ({ world, caller, target }) => {
    const id = await openAdjustmentOf(world, target, { determined: true });
    const batch = await createAdjustmentPublicity(caller, { startDate: formatBeijingDate(new Date()) });
    if (!batch.ok) return false;
    const items = await db().publicityItem.findMany({ where: { batchId: batch.data.id } });
    return items.some((item) => item.applicationId === id);
  },
};
