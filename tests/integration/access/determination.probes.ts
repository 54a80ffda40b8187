import { db } from "@/lib/db/client";
import { DEFAULT_SCORING_MODEL } from "@/lib/db/seed/default-scoring-model";
import { loadApplication, loadQueue } from "@/lib/services/determination-queue";
import { acceptClassLevels, adjustGradeLevel, reviewApplication, setLevel } from "@/lib/services/final-level";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import { revokeDetermination } from "@/lib/services/revocation";
import { saveScoringModel } from "@/lib/services/scoring-model";
import { recomputeSimulations } from "@/lib/services/simulation";
import { planExport } from "@/lib/services/national-export";
import { downloadExportTask } from "@/lib/services/export-task";
import { evidenceStorage } from "@/lib/storage";
import {
  answerObjection,
  fileObjection,
  ownResult,
  requestReview,
  viewPublicity,
} from "@/lib/services/publicity";
import {
  loadFollowUp,
  loadRoster,
  confirmPaymentReceipt,
  removeRosterEntry,
} from "@/lib/services/aid-roster";
import { subjectFor, type Side } from "../../support/access-world";
import {
  ensureDefaultModel,
  makeApplication,
  makeOpenBatch,
  makeRoster,
  submittedClassEvaluation,
} from "../../support/determination-fixtures";
import { makeStudent } from "../../support/fixtures";
import type { ProbeContext, ProbeTable } from "./types";

/** The school of the caller's community on the target side: the parent's child's junior school, else the senior school. */
const communitySchool = (ctx: ProbeContext) =>
  ctx.role === "PARENT" ? ctx.target.junior : ctx.target.senior;

/** The subject's application in the current term (created once per subject). */
async function subjectApplication(ctx: ProbeContext) {
  const subject = subjectFor(ctx.role, ctx.target);
  const school = ctx.role === "PARENT" ? ctx.target.junior : ctx.target.senior;
  return makeApplication(school, "determined", { student: subject });
}

const verified = async (side: Side) => (await makeApplication(side.senior, "verified")).app;

export const DETERMINATION_PROBES: ProbeTable = {
  "determination.queue": async ({ caller, target }) => {
    const app = await verified(target);
    const r = await loadQueue(caller, { classId: target.senior.klass.id });
    return r.ok && r.data.rows.some((x) => x.id === app.id);
  },
  "determination.view": async ({ caller, target }) => {
    await ensureDefaultModel();
    return (await loadApplication(caller, (await verified(target)).id)).ok;
  },
  "determination.review": async ({ caller, target }) => {
    const app = await verified(target);
    return (
      await reviewApplication(caller, {
        applicationId: app.id,
        version: String(app.version),
        decision: "approve",
        comment: "",
      })
    ).ok;
  },
  "determination.grade_adjust": async ({ caller, target }) => {
    await ensureDefaultModel();
    const app = await verified(target);
    return (
      await adjustGradeLevel(caller, {
        applicationId: app.id,
        level: "SPECIAL",
        reason: "年级认定小组讨论后调整",
      })
    ).ok;
  },
  "determination.set_level": async ({ caller, target }) => {
    await ensureDefaultModel();
    const app = await verified(target);
    return (
      await setLevel(caller, {
        applicationId: app.id,
        version: String(app.version),
        level: "GENERAL",
        reason: "年级认定小组讨论后调整",
      })
    ).ok;
  },
  "determination.bulk_accept": async ({ caller, target }) => {
    await ensureDefaultModel();
    const app = await verified(target);
    const r = await acceptClassLevels(caller, { classId: target.senior.klass.id, exclude: [] });
    return r.ok && r.data.accepted.some((a) => a.id === app.id);
  },
  "determination.committee_step": async ({ caller, target, world }) => {
    // The grade committee comes after the class evaluation (lib/domain/process-order.ts): the class submitted it.
    await submittedClassEvaluation(world.termId, target.senior.klass.id);
    const done = (
      await recordReviewStep(caller, {
        kind: "GRADE_COMMITTEE",
        gradeId: target.senior.grade.id,
        members: "张三、李四、王五",
        comment: "年级审核通过",
      })
    ).ok;
    // Leave the class's evaluation open again, as the teacher probes expect it.
    await db().classEvaluation.update({
      where: { termId_classId: { termId: world.termId, classId: target.senior.klass.id } },
      data: { submittedAt: null },
    });
    return done;
  },
  "determination.sign_off": async ({ caller, target, world }) => {
    // Sign-off concerns the caller's own school; it is "carried out on the target" when the target school got the signature.
    const termId = world.termId;
    const admin = await db().user.findFirstOrThrow({
      where: { schoolId: target.senior.school.id, role: "SCHOOL_ADMIN" },
    });
    await db().reviewStep.create({
      data: {
        termId,
        schoolId: target.senior.school.id,
        kind: "SCHOOL_COMMITTEE",
        actorId: admin.id,
        comment: "校级审核",
        members: [{ name: "甲" }, { name: "乙" }, { name: "丙" }],
      },
    });
    const before = await db().reviewStep.count({
      where: { schoolId: target.senior.school.id, kind: "LEADER_SIGNOFF" },
    });
    await signOffDetermination(caller, { comment: "同意" });
    return (
      (await db().reviewStep.count({
        where: { schoolId: target.senior.school.id, kind: "LEADER_SIGNOFF" },
      })) > before
    );
  },
  "determination.revoke": async ({ caller, target }) => {
    const { app } = await makeApplication(target.senior, "determined");
    return (
      await revokeDetermination(caller, {
        applicationId: app.id,
        version: String(app.version),
        reason: "FALSE_INFORMATION",
        detail: "隐瞒家庭拥有商品房",
      })
    ).ok;
  },
  "determination.recompute": async ({ caller, target }) => {
    // Carried out on the target when the target school's pending application got its simulated level stored.
    await ensureDefaultModel();
    const app = await verified(target);
    await recomputeSimulations(caller);
    return (await db().determination.count({ where: { applicationId: app.id } })) > 0;
  },
  "determination.model": async ({ caller, target }) => {
    // A new version lands in the caller's own school; carried out on the target when the target school got it.
    const before = await db().scoringModel.count({ where: { schoolId: target.senior.school.id } });
    await saveScoringModel(caller, {
      name: "本校模型",
      config: JSON.stringify(DEFAULT_SCORING_MODEL.config),
    });
    return (await db().scoringModel.count({ where: { schoolId: target.senior.school.id } })) > before;
  },
  "publicity.manage": async ({ caller, target }) => {
    const batch = await makeOpenBatch(target.senior.school.id);
    const filer = await db().user.findFirstOrThrow({
      where: { schoolId: target.senior.school.id, role: "TEACHER" },
    });
    const o = await db().objection.create({
      data: { batchId: batch.id, kind: "OBJECTION", filedById: filer.id, content: "名单有误" },
    });
    return (await answerObjection(caller, { objectionId: o.id, answer: "经核实无误" })).ok;
  },
  "publicity.view": async (ctx) =>
    (await viewPublicity(ctx.caller, (await makeOpenBatch(communitySchool(ctx).school.id)).id)).ok,
  "publicity.object": async (ctx) => {
    const batch = await makeOpenBatch(communitySchool(ctx).school.id);
    return (await fileObjection(ctx.caller, { batchId: batch.id, content: "某同学家庭条件较好" })).ok;
  },
  "result.view": async (ctx) => {
    await subjectApplication(ctx);
    return (await ownResult(ctx.caller, subjectFor(ctx.role, ctx.target).person.id)).ok;
  },
  "result.review_request": async (ctx) => {
    const { app, student } = await subjectApplication(ctx);
    const school = ctx.role === "PARENT" ? ctx.target.junior : ctx.target.senior;
    if (!(await db().publicityItem.findFirst({ where: { applicationId: app.id } })))
      await makeOpenBatch(school.school.id, [{ id: app.id, name: student.name }]);
    return (
      await requestReview(ctx.caller, { personId: student.person.id, content: "我家情况比公示等级更困难" })
    ).ok;
  },
  "result.confirm_receipt": async (ctx) => {
    const { app, student } = await subjectApplication(ctx);
    const school = ctx.role === "PARENT" ? ctx.target.junior : ctx.target.senior;
    const roster = await makeRoster(
      school.school.id,
      [{ studentId: student.student.id, applicationId: app.id, paid: true }],
      "APPROVED",
    );
    return (await confirmPaymentReceipt(ctx.caller, roster.entries[0]!.id)).ok;
  },
  "rosters.view": async ({ caller, target }) => {
    const s = await makeStudent(target.senior);
    return (
      await loadRoster(caller, (await makeRoster(target.senior.school.id, [{ studentId: s.student.id }])).id)
    ).ok;
  },
  "rosters.manage": async ({ caller, target }) => {
    const s = await makeStudent(target.senior);
    const roster = await makeRoster(target.senior.school.id, [{ studentId: s.student.id }]);
    return (await removeRosterEntry(caller, roster.entries[0]!.id)).ok;
  },
  "exports.national": async ({ caller, target }) => {
    const { app, student } = await makeApplication(target.senior, "determined");
    const roster = await makeRoster(
      target.senior.school.id,
      [{ studentId: student.student.id, applicationId: app.id }],
      "APPROVED",
    );
    // What starting an export task checks first (lib/services/export-task.ts startExport, which then queues it).
    return (await planExport(caller, { kind: "ROSTER", rosterId: roster.id })).ok;
  },
  "exports.download": async ({ caller, target }) => {
    // A finished export task of the target school with its stored file; the caller asks for it by id.
    const school = target.senior.school;
    const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
    const fileKey = await evidenceStorage().put(new TextEncoder().encode("PK export"));
    const task = await db().exportTask.create({
      data: {
        kind: "DETERMINATION",
        schoolId: school.id,
        termId: term.id,
        fileName: "家庭经济信息.xlsx",
        createdById: target.users.SCHOOL_ADMIN.id,
        state: "DONE",
        valid: true,
        summary: "校验通过",
        rowsTotal: 1,
        rowsDone: 1,
        fileKey,
        finishedAt: new Date(),
      },
    });
    return (await downloadExportTask(caller, task.id)).ok;
  },
  "special_group.follow_up": async ({ caller, target }) => {
    const { student } = await makeApplication(target.senior, "verified", { categories: ["ORPHAN"] });
    const r = await loadFollowUp(caller);
    return r.ok && r.data.rows.some((x) => x.studentId === student.student.id);
  },
};
