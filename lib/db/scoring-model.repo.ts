/**
 * Scoring models: the configuration a school computes simulated levels with, versioned
 * (lib/domain/scoring.ts reads the config).
 */
import "server-only";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";
import type { Scope } from "@/lib/auth/scope";

export type ScoringModelRow = {
  id: string;
  schoolId: string | null;
  name: string;
  version: number;
  config: unknown;
  createdAt: Date;
};

/** The model a school computes with: its own latest active version, else the built-in default's latest. */
export async function activeScoringModel(schoolId: string): Promise<ScoringModelRow | null> {
  const own = await db().scoringModel.findFirst({
    where: { schoolId, active: true },
    orderBy: { version: "desc" },
  });
  if (own) return own;
  return db().scoringModel.findFirst({
    where: { schoolId: null, active: true },
    orderBy: { version: "desc" },
  });
}

/** Saves a new version of the school's model (old versions stay for the determinations that used them). */
export async function createModelVersion(
  scope: Scope & { schoolId: string },
  name: string,
  config: Prisma.InputJsonValue,
  createdById: string,
) {
  return db().$transaction(async (tx) => {
    const school = await tx.school.findFirst({
      where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
      select: { id: true },
    });
    if (!school) return null;
    const last = await tx.scoringModel.findFirst({
      where: { schoolId: school.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    return tx.scoringModel.create({
      data: { schoolId: school.id, name, version: (last?.version ?? 0) + 1, config, createdById },
      select: { id: true, version: true },
    });
  });
}
