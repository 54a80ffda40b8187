/**
 * 备案 and training records of the support desk (lib/domain/support-records.ts; seed 001 第七条, 第十七条):
 * a city's supervisors record its support contact once a year (due in September); the supervisors above see
 * which cities are missing; every staff user under the city sees the contact on the support pages.
 * Supervisors record training sessions with their attendees (county and school users of their subtree), list
 * who has no training this year, and every staff user sees their own history.
 */
import "server-only";
import {
  cityFilings,
  cityOfPath,
  countTraineesOfSubtree,
  filingOf,
  insertSession,
  latestFilingOf,
  regionById,
  regionsOfSubtree,
  saveFiling,
  sessionsOfSubtree,
  trainingHistoryOf,
  traineesOfSubtree,
  untrainedOfSubtree,
  type ContactFiling,
} from "@/lib/db/support-records.repo";
import { schoolRegionPath } from "@/lib/db/support-answers.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  filingStatus,
  filingYear,
  trainingYear,
  TRAINING_YEAR_KINDS,
  type FilingStatus,
  type TrainingYearKind,
} from "@/lib/domain/support-records";
import { parseInput } from "@/lib/forms/field-errors";
import { contactFilingSchema, trainingSessionSchema } from "@/lib/schemas/support-records";
import { audit } from "./audit";
import { accessContext, regionContext } from "./context";

export const CITY_ONLY_MESSAGE = "技术支持服务备案由地市主管部门报送。";
export const ATTENDEE_OUTSIDE_MESSAGE = "参训人员中有不属于本辖区区县级或校级用户的账号，请重新选择。";
export const REGION_OUTSIDE_MESSAGE = "培训所属区域须为本辖区内的区域。";
export const UNTRAINED_PAGE_SIZE = 50;

/** The region path the caller works in: their region's, or their school's region's. */
/** The access actions whose caller's region path the support-record pages read. */
type RecordViewAccess = "support_contact.view" | "training.view_own";

async function callerPath(user: SessionUser | null, action: RecordViewAccess) {
  const ctx = accessContext(user, action);
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  const path =
    scope.role === "SUPERVISOR"
      ? scope.regionPath
      : "schoolId" in scope
        ? await schoolRegionPath(scope.schoolId)
        : null;
  return ok({ ctx: ctx.data, path });
}

export type CityContact = { cityName: string; filing: ContactFiling | null; currentYear: boolean };

/** The caller's city's contact (this year's, or the last one reported), or null above city level. */
export async function loadCityContact(
  user: SessionUser | null,
  now = new Date(),
): Promise<ActionResult<CityContact | null>> {
  const where = await callerPath(user, "support_contact.view");
  if (!where.ok) return where;
  const city = where.data.path ? await cityOfPath(where.data.path) : null;
  if (!city) return ok(null);
  const filing = await latestFilingOf(city.id);
  return ok({ cityName: city.name, filing, currentYear: filing?.year === filingYear(now) });
}

/** A city supervisor and their city (refused for province and county supervisors). */
async function cityContext(user: SessionUser | null) {
  const ctx = regionContext(user, "support_contact.file");
  if (!ctx.ok) return ctx;
  const region = await regionById(ctx.data.regionId);
  if (region?.level !== "CITY") return fail("FORBIDDEN", CITY_ONLY_MESSAGE);
  return ok({ ...ctx.data, city: region });
}

export type FilingPage = {
  year: number;
  status: FilingStatus;
  /** The own city's filing of this year (city supervisors), with whether they may edit it. */
  own: { cityName: string; filing: ContactFiling | null } | null;
  /** The cities of the subtree and their state this year (province and city supervisors). */
  cities: { cityId: string; cityName: string; code: string; filedAt: Date | null; status: FilingStatus }[];
};

/** The 备案 page of a supervisor: the own city's form (a city) and the cities' states (the subtree). */
export async function loadFilingPage(
  user: SessionUser | null,
  now = new Date(),
): Promise<ActionResult<FilingPage>> {
  const ctx = regionContext(user, "support_contact.overview");
  if (!ctx.ok) return ctx;
  const year = filingYear(now);
  const region = await regionById(ctx.data.regionId);
  const own =
    region?.level === "CITY" && (await cityContext(user)).ok
      ? { cityName: region.name, filing: await filingOf(region.id, year) }
      : null;
  const rows = await cityFilings(ctx.data.regionPath, year);
  return ok({
    year,
    status: filingStatus(year, own?.filing != null, now),
    own,
    cities: rows.map((row) => ({ ...row, status: filingStatus(year, row.filedAt !== null, now) })),
  });
}

/** Records or corrects this year's contact of the caller's city. */
export async function fileCityContact(
  user: SessionUser | null,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<{ year: number }>> {
  const ctx = await cityContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(contactFilingSchema, raw);
  if (!input.ok) return input;
  const year = filingYear(now);
  const saved = await saveFiling(ctx.data.city.id, year, input.data, ctx.data.user.id);
  await audit(ctx.data, "support_contact.save", { type: "SupportContactFiling", id: saved.id }, { year });
  return ok({ year });
}

/* ---------------------------------------------------------------- training */

export type TrainingPage = {
  regions: { id: string; name: string }[];
  candidates: { id: string; displayName: string; role: string; unit: string }[];
  sessions: Awaited<ReturnType<typeof sessionsOfSubtree>>;
  nameFilter: string;
};

/** The training form: the subtree's regions, the trainees to pick from (name-filtered, ≤ 300), recent sessions. */
export async function loadTrainingPage(
  user: SessionUser | null,
  rawName: unknown,
): Promise<ActionResult<TrainingPage>> {
  const ctx = regionContext(user, "training.record");
  if (!ctx.ok) return ctx;
  const nameFilter = typeof rawName === "string" ? rawName.trim().slice(0, 20) : "";
  const [regions, candidates, sessions] = await Promise.all([
    regionsOfSubtree(ctx.data.regionPath),
    traineesOfSubtree(ctx.data.regionPath, nameFilter, 300),
    sessionsOfSubtree(ctx.data.regionPath, 50),
  ]);
  return ok({ regions: regions.map(({ id, name }) => ({ id, name })), candidates, sessions, nameFilter });
}

/** Records a session of a region of the subtree with its attendees (all trainees of the subtree, else refused). */
export async function recordTraining(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ id: string; attendees: number }>> {
  const ctx = regionContext(user, "training.record");
  if (!ctx.ok) return ctx;
  const input = parseInput(trainingSessionSchema, raw);
  if (!input.ok) return input;
  const { regionId, attendeeIds, ...session } = input.data;
  const region = await regionById(regionId ?? ctx.data.regionId);
  if (!region || !region.path.startsWith(ctx.data.regionPath))
    return fail("INVALID", REGION_OUTSIDE_MESSAGE, { regionId: REGION_OUTSIDE_MESSAGE });
  const ids = [...new Set(attendeeIds)];
  if ((await countTraineesOfSubtree(ctx.data.regionPath, ids)) !== ids.length)
    return fail("INVALID", ATTENDEE_OUTSIDE_MESSAGE, { attendeeIds: ATTENDEE_OUTSIDE_MESSAGE });
  const created = await insertSession({
    ...session,
    regionId: region.id,
    createdById: user!.id,
    attendeeIds: ids,
  });
  await audit(
    ctx.data,
    "training.record",
    { type: "TrainingSession", id: created.id },
    { topic: session.topic, day: session.day, attendees: ids.length },
  );
  return ok({ id: created.id, attendees: ids.length });
}

export type UntrainedList = {
  kind: TrainingYearKind;
  yearLabel: string;
  page: number;
  pages: number;
  total: number;
  rows: { id: string; displayName: string; role: string; unit: string }[];
};

/** One page of the subtree's trainees without a training in this calendar or academic year. */
export async function loadUntrained(
  user: SessionUser | null,
  rawKind: unknown,
  rawPage: unknown,
  now = new Date(),
): Promise<ActionResult<UntrainedList>> {
  const ctx = regionContext(user, "training.untrained");
  if (!ctx.ok) return ctx;
  const kind: TrainingYearKind = TRAINING_YEAR_KINDS.includes(rawKind as TrainingYearKind)
    ? (rawKind as TrainingYearKind)
    : "calendar";
  const asked = typeof rawPage === "string" && /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : 1;
  const page = Math.max(1, asked);
  const span = trainingYear(kind, now);
  const found = await untrainedOfSubtree(
    ctx.data.regionPath,
    span.from,
    span.to,
    UNTRAINED_PAGE_SIZE,
    (page - 1) * UNTRAINED_PAGE_SIZE,
  );
  return ok({
    kind,
    yearLabel: span.label,
    page,
    pages: Math.max(1, Math.ceil(found.total / UNTRAINED_PAGE_SIZE)),
    total: found.total,
    rows: found.rows,
  });
}

/** The caller's own training history. */
export async function loadOwnTraining(user: SessionUser | null) {
  const ctx = accessContext(user, "training.view_own");
  if (!ctx.ok) return ctx;
  return ok(await trainingHistoryOf(ctx.data.user.id));
}
