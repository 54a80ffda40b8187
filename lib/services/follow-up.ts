/**
 * The follow-up before the school's publicity (seed 003 六.2(5); lib/domain/follow-up-sample.ts): the school's
 * aid officer draws the sample of the term (≥ 30% of each group, at random with a recorded seed), the class
 * teacher or the aid officer records each contact, a dissatisfied answer opens a re-investigation the aid
 * officer answers, and the school's publicity (lib/services/publicity.ts) is refused until all of it is done.
 *
 * Result feedback: the applicant's first view of their result page with a final result records that the
 * result was fed back (lib/services/publicity.ts `ownResult`); a recorded contact does too, for applicants who
 * never open the portal.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { decide } from "@/lib/auth/access";
import {
  createAnswer,
  createContact,
  feedbackCounts,
  findMember,
  findReinvestigation,
  findSample,
  followUpPopulations,
  replaceSample,
  sampleHasContacts,
  sampleProgress,
} from "@/lib/db/follow-up.repo";
import {
  drawGroup,
  FOLLOW_UP_GROUPS,
  publicityFollowUpProblem,
  sampleSize,
  type FollowUpGroupCode,
  type FollowUpProgress,
} from "@/lib/domain/follow-up-sample";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { isId } from "@/lib/schemas/id";
import { answerSchema, contactSchema } from "@/lib/schemas/follow-up";
import { audit } from "./audit";
import { schoolTermContext, type SchoolScope } from "./context";

export const MEMBER_NOT_FOUND = "未找到该抽样学生，或您无权记录。";
export const REDRAW_REFUSED = "已有联系记录，不能重新抽取样本。";

/** The follow-up's progress for the publicity check and the page: the groups now and the sample's state. */
export async function followUpProgress(scope: SchoolScope, termId: string): Promise<FollowUpProgress> {
  const [populations, progress] = await Promise.all([
    followUpPopulations(scope, termId),
    sampleProgress(scope, termId),
  ]);
  const drawnFrom = (group: FollowUpGroupCode) =>
    !progress ? 0 : group === "SURVEY" ? progress.sample.surveyPopulation : progress.sample.waiverPopulation;
  return {
    drawnAt: progress?.sample.drawnAt ?? null,
    anyContact: (progress?.groups ?? []).some((g) => g.contacted > 0),
    groups: FOLLOW_UP_GROUPS.map((group) => {
      const row = progress?.groups.find((g) => g.group === group);
      return {
        group,
        population: populations[group].length,
        drawnFrom: drawnFrom(group),
        sampled: row?.sampled ?? 0,
        contacted: row?.contacted ?? 0,
      };
    }),
    openReinvestigations: progress?.openReinvestigations ?? 0,
  };
}

/** Why the school's publicity of the term cannot start because of the follow-up, or null. */
export async function followUpPublicityProblem(scope: SchoolScope, termId: string): Promise<string | null> {
  return publicityFollowUpProblem(await followUpProgress(scope, termId));
}

/** The page: the groups, the sample (a teacher: their classes' students), contacts, what blocks publicity. */
export async function loadFollowUp(user: SessionUser) {
  const ctx = await schoolTermContext(user, "follow_up.view");
  if (!ctx.ok) return ctx;
  const { scope, term } = ctx.data;
  const [progress, sample, feedback] = await Promise.all([
    followUpProgress(scope, term.id),
    findSample(scope, term.id),
    feedbackCounts(scope, term.id),
  ]);
  return ok({
    term,
    progress,
    problem: publicityFollowUpProblem(progress),
    sample,
    feedback,
    may: {
      draw: decide(user, "follow_up.draw").ok && !progress.anyContact,
      contact: decide(user, "follow_up.contact").ok,
      answer: decide(user, "follow_up.answer").ok,
    },
  });
}

/** Draws (or, before any contact, draws again) the school's sample of the term with a new random seed. */
export async function drawFollowUpSample(
  user: SessionUser,
): Promise<ActionResult<{ seed: string; survey: number; waiver: number }>> {
  const ctx = await schoolTermContext(user, "follow_up.draw");
  if (!ctx.ok) return ctx;
  const { scope, term } = ctx.data;
  if (await sampleHasContacts(scope, term.id)) return fail("REFUSED", REDRAW_REFUSED);
  const populations = await followUpPopulations(scope, term.id);
  if (populations.SURVEY.length === 0 && populations.WAIVER.length === 0)
    return fail(
      "REFUSED",
      "本学期没有需要调查或回访的学生（已申请未认定的学生和自愿放弃的特殊群体学生都没有）。",
    );
  const seed = randomBytes(8).toString("hex");
  const drawn = {
    SURVEY: drawGroup(seed, "SURVEY", populations.SURVEY),
    WAIVER: drawGroup(seed, "WAIVER", populations.WAIVER),
  };
  const sample = await replaceSample(scope, {
    termId: term.id,
    seed,
    populations: { SURVEY: populations.SURVEY.length, WAIVER: populations.WAIVER.length },
    drawn,
    drawnById: user.id,
  });
  if (sample === "contacted") return fail("REFUSED", REDRAW_REFUSED);
  if (sample === "conflict") return fail("CONFLICT", "其他人刚刚抽取了样本，请刷新页面查看。");
  await audit(
    ctx.data,
    "follow_up.draw",
    { type: "FollowUpSample", id: sample.id },
    {
      seed,
      surveyPopulation: populations.SURVEY.length,
      surveySampled: sampleSize(populations.SURVEY.length),
      waiverPopulation: populations.WAIVER.length,
      waiverSampled: sampleSize(populations.WAIVER.length),
    },
  );
  return ok({ seed, survey: drawn.SURVEY.length, waiver: drawn.WAIVER.length });
}

/** Records a contact with a sampled student's family (teacher: own classes; aid officer: the school). */
export async function recordFollowUpContact(
  user: SessionUser,
  memberId: string,
  raw: unknown,
): Promise<ActionResult<{ satisfied: boolean }>> {
  const ctx = await schoolTermContext(user, "follow_up.contact");
  if (!ctx.ok) return ctx;
  if (!isId(memberId)) return fail("NOT_FOUND", MEMBER_NOT_FOUND);
  const input = parseInput(contactSchema, raw);
  if (!input.ok) return input;
  const { scope, term } = ctx.data;
  const member = await findMember(scope, term.id, memberId);
  if (!member) return fail("NOT_FOUND", MEMBER_NOT_FOUND);
  const { satisfied } = input.data;
  const contact = await createContact({
    memberId: member.id,
    studentId: member.studentId,
    termId: term.id,
    group: member.group,
    contactedOn: new Date(`${input.data.contactedOn}T00:00:00Z`),
    way: input.data.way,
    satisfied,
    notes: input.data.notes,
    reinvestigationReason: satisfied ? null : input.data.reason,
    recordedById: user.id,
  });
  await audit(
    ctx.data,
    "follow_up.contact",
    { type: "FollowUpContact", id: contact.id },
    { group: member.group, way: input.data.way, satisfied },
  );
  return ok({ satisfied });
}

/** The aid officer's answer to a re-investigation (what was found, what was explained to the family). */
export async function answerReinvestigation(
  user: SessionUser,
  contactId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "follow_up.answer");
  if (!ctx.ok) return ctx;
  const notFound = "未找到该重新调查，或您无权答复。";
  if (!isId(contactId)) return fail("NOT_FOUND", notFound);
  const input = parseInput(answerSchema, raw);
  if (!input.ok) return input;
  const { scope, term } = ctx.data;
  const contact = await findReinvestigation(scope, term.id, contactId);
  if (!contact) return fail("NOT_FOUND", notFound);
  if (
    contact.answer ||
    !(await createAnswer({ contactId, answer: input.data.answer, answeredById: user.id }))
  )
    return fail("CONFLICT", "该重新调查已经答复过了。");
  await audit(ctx.data, "follow_up.answer", { type: "FollowUpContact", id: contactId });
  return ok(undefined);
}
