/**
 * 常见问题 (table SupportAnswer, migration 541): answers kept per province, searched by pg_trgm word similarity
 * on "searchText" (title + body, kept by a trigger; GIN trigram index). Every read and write names the
 * province, which the service derives from the caller's scope.
 */
import "server-only";
import type { SupportCategory } from "@/lib/domain/support";
import { db } from "./client";

/** How alike the typed words must be to a stretch of an answer (pg_trgm word similarity, 0–1). */
export const ANSWER_MATCH_THRESHOLD = 0.3;

export type AnswerRow = {
  id: string;
  kind: string;
  category: SupportCategory | null;
  title: string;
  body: string;
  score: number;
};

/** The province (its id) of a region path "/440000/…/". */
export async function provinceOfPath(path: string): Promise<string | null> {
  const code = path.split("/").find(Boolean);
  if (!code) return null;
  const region = await db().region.findUnique({ where: { code }, select: { id: true, level: true } });
  return region?.level === "PROVINCE" ? region.id : null;
}

/** The region path of a school. */
export async function schoolRegionPath(schoolId: string): Promise<string | null> {
  const school = await db().school.findUnique({
    where: { id: schoolId },
    select: { region: { select: { path: true } } },
  });
  return school?.region.path ?? null;
}

/**
 * The answers of a province most like `query`, best first: `query <% "searchText"` (word similarity above the
 * threshold) uses the GIN trigram index. The threshold is set for this transaction only, and so is
 * enable_seqscan = off: the planner prices the trigram bitmap scan above a sequential scan of a few thousand
 * rows, which then computes word_similarity on every row (10,000 answers: ~500 ms against ~15 ms with the
 * index, tests/integration/support-answers.test.ts).
 */
export async function searchAnswers(provinceId: string, query: string, limit: number): Promise<AnswerRow[]> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(ANSWER_MATCH_THRESHOLD)}, true),
      set_config('enable_seqscan', 'off', true)`;
    return tx.$queryRaw<AnswerRow[]>`
      SELECT "id", "kind", "category", "title", "body",
             word_similarity(${query}, "searchText")::float8 AS "score"
      FROM "SupportAnswer"
      WHERE "provinceId" = ${provinceId} AND ${query} <% "searchText"
      ORDER BY "score" DESC, "updatedAt" DESC
      LIMIT ${limit}`;
  });
}

export async function listAnswers(provinceId: string, limit: number) {
  return db().supportAnswer.findMany({
    where: { provinceId },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { id: true, kind: true, category: true, title: true, body: true, sourceProblemId: true },
  });
}

export async function createAnswer(input: {
  provinceId: string;
  kind: string;
  category: SupportCategory | null;
  title: string;
  body: string;
  createdById: string;
  sourceProblemId?: string;
}) {
  return db().supportAnswer.create({ data: input, select: { id: true } });
}

export async function deleteAnswer(provinceId: string, id: string): Promise<boolean> {
  const deleted = await db().supportAnswer.deleteMany({ where: { id, provinceId } });
  return deleted.count === 1;
}

export async function answerOfProblem(problemId: string) {
  return db().supportAnswer.findUnique({ where: { sourceProblemId: problemId }, select: { id: true } });
}
