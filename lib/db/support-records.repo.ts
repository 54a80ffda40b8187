/**
 * 备案 and training records (migration 542): SupportContactFiling (a city's contact per year),
 * TrainingSession + TrainingAttendance. Every read names the region subtree (materialised path prefix) the
 * service derived from the caller's scope, or the caller's own user id.
 */
import "server-only";
import { db } from "./client";

const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

export type RegionFact = { id: string; name: string; level: "PROVINCE" | "CITY" | "COUNTY"; path: string };

/** The city (level CITY) on a region path "/440000/440100/…/", or null above city level. */
export async function cityOfPath(path: string): Promise<RegionFact | null> {
  const code = path.split("/").filter(Boolean)[1];
  if (!code) return null;
  const region = await db().region.findUnique({
    where: { code },
    select: { id: true, name: true, level: true, path: true },
  });
  return region?.level === "CITY" ? region : null;
}

export async function regionById(id: string): Promise<RegionFact | null> {
  return db().region.findUnique({ where: { id }, select: { id: true, name: true, level: true, path: true } });
}

export type ContactFiling = {
  year: number;
  phone: string;
  mailbox: string;
  staffNames: string;
  updatedAt: Date;
};
const FILING_FIELDS = { year: true, phone: true, mailbox: true, staffNames: true, updatedAt: true } as const;

/** The city's filing of `year`. */
export async function filingOf(cityId: string, year: number): Promise<ContactFiling | null> {
  return db().supportContactFiling.findUnique({
    where: { cityId_year: { cityId, year } },
    select: FILING_FIELDS,
  });
}

/** The city's newest filing (this year's, or the last one reported). */
export async function latestFilingOf(cityId: string): Promise<ContactFiling | null> {
  return db().supportContactFiling.findFirst({
    where: { cityId },
    orderBy: { year: "desc" },
    select: FILING_FIELDS,
  });
}

/** Records (or corrects) the city's filing of `year`: one row per city and year (unique index). */
export async function saveFiling(
  cityId: string,
  year: number,
  data: { phone: string; mailbox: string; staffNames: string },
  userId: string,
) {
  return db().supportContactFiling.upsert({
    where: { cityId_year: { cityId, year } },
    create: { cityId, year, ...data, updatedById: userId },
    update: { ...data, updatedById: userId },
    select: { id: true },
  });
}

export type CityFilingRow = { cityId: string; cityName: string; code: string; filedAt: Date | null };

/** Every city of the subtree with whether (and when) it filed for `year`, missing ones first. */
export async function cityFilings(regionPath: string, year: number): Promise<CityFilingRow[]> {
  return db().$queryRaw<CityFilingRow[]>`
    SELECT r."id" AS "cityId", r."name" AS "cityName", r."code", f."updatedAt" AS "filedAt"
    FROM "Region" r
    LEFT JOIN "SupportContactFiling" f ON f."cityId" = r."id" AND f."year" = ${year}
    WHERE r."level" = 'CITY' AND starts_with(r."path", ${regionPath})
    ORDER BY (f."id" IS NOT NULL), r."code"`;
}

/* ---------------------------------------------------------------- training */

export type TraineeRow = { id: string; displayName: string; role: string; unit: string };

/**
 * Trainees (seed 001 第十七条: 区县级、校级用户) are the enabled county supervisors of the subtree and the enabled
 * staff (teacher, aid officer, leader) of its schools.
 * The trainees of the subtree whose names contain `nameLike` (all when empty), by unit and name, at most `limit`. */
export async function traineesOfSubtree(
  regionPath: string,
  nameLike: string,
  limit: number,
): Promise<TraineeRow[]> {
  return db().$queryRaw<TraineeRow[]>`
    SELECT u."id", u."displayName", u."role"::text AS "role", COALESCE(s."name", ur."name") AS "unit"
    FROM "User" u
    LEFT JOIN "School" s ON s."id" = u."schoolId"
    LEFT JOIN "Region" sr ON sr."id" = s."regionId"
    LEFT JOIN "Region" ur ON ur."id" = u."regionId"
    WHERE NOT u."disabled"
      AND ((u."role" IN ('TEACHER', 'SCHOOL_ADMIN', 'SCHOOL_LEADER') AND starts_with(sr."path", ${regionPath}))
        OR (u."role" = 'SUPERVISOR' AND ur."level" = 'COUNTY' AND starts_with(ur."path", ${regionPath})))
      AND (${nameLike} = '' OR strpos(u."displayName", ${nameLike}) > 0)
    ORDER BY "unit", u."displayName", u."id"
    LIMIT ${limit}`;
}

/** How many of `userIds` are trainees of the subtree (the service refuses a list with any outsider). */
export async function countTraineesOfSubtree(regionPath: string, userIds: string[]): Promise<number> {
  const rows = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n"
    FROM "User" u
    LEFT JOIN "School" s ON s."id" = u."schoolId"
    LEFT JOIN "Region" sr ON sr."id" = s."regionId"
    LEFT JOIN "Region" ur ON ur."id" = u."regionId"
    WHERE u."id" = ANY(${userIds}::text[]) AND NOT u."disabled"
      AND ((u."role" IN ('TEACHER', 'SCHOOL_ADMIN', 'SCHOOL_LEADER') AND starts_with(sr."path", ${regionPath}))
        OR (u."role" = 'SUPERVISOR' AND ur."level" = 'COUNTY' AND starts_with(ur."path", ${regionPath})))`;
  return rows[0]?.n ?? 0;
}

/** The regions of the subtree (for the session's region), from the top down. */
export async function regionsOfSubtree(regionPath: string): Promise<RegionFact[]> {
  return db().region.findMany({
    where: { path: { startsWith: regionPath } },
    select: { id: true, name: true, level: true, path: true },
    orderBy: { path: "asc" },
    take: 500,
  });
}

export async function insertSession(data: {
  regionId: string;
  day: string;
  topic: string;
  way: string;
  trainer: string;
  createdById: string;
  attendeeIds: string[];
}) {
  const { attendeeIds, day, ...rest } = data;
  return db().trainingSession.create({
    data: {
      ...rest,
      day: dayDate(day),
      attendees: { createMany: { data: attendeeIds.map((userId) => ({ userId })) } },
    },
    select: { id: true },
  });
}

export type SessionRow = {
  id: string;
  day: Date;
  topic: string;
  way: string;
  trainer: string;
  regionName: string;
  attendees: number;
};

/** The sessions recorded for regions of the subtree, newest first. */
export async function sessionsOfSubtree(regionPath: string, limit: number): Promise<SessionRow[]> {
  return db().$queryRaw<SessionRow[]>`
    SELECT t."id", t."day", t."topic", t."way", t."trainer", r."name" AS "regionName",
           (SELECT count(*)::int FROM "TrainingAttendance" a WHERE a."sessionId" = t."id") AS "attendees"
    FROM "TrainingSession" t JOIN "Region" r ON r."id" = t."regionId"
    WHERE starts_with(r."path", ${regionPath})
    ORDER BY t."day" DESC, t."createdAt" DESC
    LIMIT ${limit}`;
}

export type UntrainedPage = { rows: TraineeRow[]; total: number };

/**
 * The trainees of the subtree who attended no session dated within [from, to], one page (by unit and name),
 * with the total: counted and paged in SQL.
 */
export async function untrainedOfSubtree(
  regionPath: string,
  from: string,
  to: string,
  limit: number,
  offset: number,
): Promise<UntrainedPage> {
  const rows = await db().$queryRaw<(TraineeRow & { total: number })[]>`
    SELECT u."id", u."displayName", u."role"::text AS "role", COALESCE(s."name", ur."name") AS "unit",
           count(*) OVER ()::int AS "total"
    FROM "User" u
    LEFT JOIN "School" s ON s."id" = u."schoolId"
    LEFT JOIN "Region" sr ON sr."id" = s."regionId"
    LEFT JOIN "Region" ur ON ur."id" = u."regionId"
    WHERE NOT u."disabled"
      AND ((u."role" IN ('TEACHER', 'SCHOOL_ADMIN', 'SCHOOL_LEADER') AND starts_with(sr."path", ${regionPath}))
        OR (u."role" = 'SUPERVISOR' AND ur."level" = 'COUNTY' AND starts_with(ur."path", ${regionPath})))
      AND NOT EXISTS (
        SELECT 1 FROM "TrainingAttendance" a JOIN "TrainingSession" t ON t."id" = a."sessionId"
        WHERE a."userId" = u."id" AND t."day" BETWEEN ${dayDate(from)}::date AND ${dayDate(to)}::date)
    ORDER BY "unit", u."displayName", u."id"
    LIMIT ${limit} OFFSET ${offset}`;
  if (rows.length > 0 || offset === 0)
    return {
      rows: rows.map(({ id, displayName, role, unit }) => ({ id, displayName, role, unit })),
      total: rows[0]?.total ?? 0,
    };
  // Past the last page: the total still answers.
  const again = await untrainedOfSubtree(regionPath, from, to, 1, 0);
  return { rows: [], total: again.total };
}

export type HistoryRow = {
  id: string;
  day: Date;
  topic: string;
  way: string;
  trainer: string;
  regionName: string;
};

/** The sessions one user attended, newest first. */
export async function trainingHistoryOf(userId: string): Promise<HistoryRow[]> {
  const rows = await db().trainingAttendance.findMany({
    where: { userId },
    select: {
      session: {
        select: {
          id: true,
          day: true,
          topic: true,
          way: true,
          trainer: true,
          region: { select: { name: true } },
        },
      },
    },
    orderBy: { session: { day: "desc" } },
    take: 200,
  });
  return rows.map(({ session }) => ({
    id: session.id,
    day: session.day,
    topic: session.topic,
    way: session.way,
    trainer: session.trainer,
    regionName: session.region.name,
  }));
}
