import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { DEFAULT_SCORING_MODEL } from "@/lib/db/seed/default-scoring-model";
import { loadApplication } from "@/lib/services/determination-queue";
import { saveScoringModel } from "@/lib/services/scoring-model";
import { recomputeSimulations } from "@/lib/services/simulation";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let other: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
});

describe("recomputeSimulations", () => {
  it("stores the simulated levels of every application without a final level, with the new model after a change; final levels and other schools stay", async () => {
    const pending = await makeApplication(school, "verified"); // poor rural household: 53 points with the default model
    const reviewed = await makeApplication(school, "reviewed");
    const draft = await makeApplication(school, "draft");
    const final = await makeApplication(school, "determined", { level: "HARDSHIP" });
    const elsewhere = await makeApplication(other, "verified");

    let r = await recomputeSimulations(admin);
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toEqual({ checked: 2, updated: 2 });
    expect(await db().determination.findUnique({ where: { applicationId: pending.app.id } })).toMatchObject({
      simulatedScore: 53,
      simulatedLevel: "HARDSHIP",
    });
    expect(await db().determination.findUnique({ where: { applicationId: draft.app.id } })).toBeNull();
    expect(await db().determination.findUnique({ where: { applicationId: elsewhere.app.id } })).toBeNull();

    // Nothing changed: nothing written.
    r = await recomputeSimulations(admin);
    expect(r.ok && r.data).toEqual({ checked: 2, updated: 0 });

    // The school raises its 困难 threshold to 55: 53 points are now 一般困难.
    const cfg = structuredClone(DEFAULT_SCORING_MODEL.config) as { thresholds: Record<string, number> };
    cfg.thresholds = { SPECIAL: 70, HARDSHIP: 55, GENERAL: 25 };
    const saved = await saveScoringModel(admin, { name: "本校模型", config: JSON.stringify(cfg) });
    if (!saved.ok) throw new Error(saved.message);
    const before = await db().determination.findUniqueOrThrow({ where: { applicationId: final.app.id } });
    r = await recomputeSimulations(admin);
    expect(r.ok && r.data).toEqual({ checked: 2, updated: 2 });
    const model = await db().scoringModel.findFirstOrThrow({
      where: { schoolId: school.school.id },
      orderBy: { version: "desc" },
    });
    for (const a of [pending, reviewed]) {
      expect(await db().determination.findUnique({ where: { applicationId: a.app.id } })).toMatchObject({
        simulatedScore: 53,
        simulatedLevel: "GENERAL",
        scoringModelId: model.id,
        finalLevel: null,
      });
    }
    // Same score, level and explanation as the one-application page computes.
    const one = await loadApplication(admin, pending.app.id);
    if (!one.ok) throw new Error(one.message);
    const stored = await db().determination.findUniqueOrThrow({ where: { applicationId: pending.app.id } });
    expect(stored.explanation).toEqual(JSON.parse(JSON.stringify(one.data.simulation!.explanation)));
    expect(await db().determination.findUniqueOrThrow({ where: { applicationId: final.app.id } })).toEqual(
      before,
    );

    const audit = await db().auditLog.findFirst({
      where: { action: "determination.recompute", actorUserId: admin.id },
      orderBy: { at: "desc" },
    });
    expect(audit).not.toBeNull();
  });

  it("is refused to a class teacher", async () => {
    const teacher = sessionUser(
      (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
    );
    const r = await recomputeSimulations(teacher);
    expect(r.ok).toBe(false);
  });
});
