/**
 * The facts the support-desk statistics count (lib/domain/support-statistics.ts): one row per problem filed in
 * a region subtree within [from, to). Scoped by the caller's region path (RegionScope).
 */
import "server-only";
import type { SupportFact } from "@/lib/domain/support-statistics";
import type { SupportCategory, SupportLevel } from "@/lib/domain/support";
import { db } from "./client";

/** The region `regionId` if it lies in the subtree `path` (the caller's), else null. */
export async function regionInSubtree(path: string, regionId: string) {
  return db().region.findFirst({
    where: { id: regionId, path: { startsWith: path } },
    select: { id: true, name: true, path: true, level: true },
  });
}

export async function supportFacts(path: string, from: Date, to: Date): Promise<SupportFact[]> {
  const rows = await db().$queryRaw<
    {
      category: SupportCategory;
      level: SupportLevel;
      filedAt: Date;
      firstAnswerAt: Date | null;
      closedAt: Date | null;
      deadline: string;
    }[]
  >`
    SELECT p."category", p."level", p."filedAt", p."closedAt", to_char(p."deadline", 'YYYY-MM-DD') AS "deadline",
      LEAST(
        (SELECT min(m."createdAt") FROM "SupportMessage" m
          WHERE m."problemId" = p."id" AND NOT m."internal" AND m."authorId" <> p."filerId"),
        (SELECT min(e."at") FROM "SupportEvent" e WHERE e."problemId" = p."id" AND e."action" = 'RESOLVE')
      ) AS "firstAnswerAt"
    FROM "SupportProblem" p
    WHERE p."regionPath" LIKE ${path} || '%' AND p."filedAt" >= ${from.toISOString()}::timestamp
      AND p."filedAt" < ${to.toISOString()}::timestamp`;
  return rows;
}
