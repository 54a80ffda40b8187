/** Queries of the teacher's paper-application entry, scoped to the teacher's classes. */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { writeAudit } from "./audit.repo";
import { db } from "./client";
import { applicationWhere, studentWhere } from "./scope";

export const SCAN_PURPOSE = "paper_form";

/** Students in school without an application this term, and the paper applications already entered. */
export async function listPaperWork(scope: Scope, termId: string) {
  const [candidates, entered] = await Promise.all([
    db().student.findMany({
      where: {
        AND: [studentWhere(scope), { status: "IN_SCHOOL", person: { applications: { none: { termId } } } }],
      },
      select: {
        id: true,
        personId: true,
        person: { select: { name: true } },
        class: { select: { name: true, grade: { select: { name: true } } } },
      },
      orderBy: [{ classId: "asc" }, { person: { name: "asc" } }],
      take: 500,
    }),
    db().application.findMany({
      where: { AND: [applicationWhere(scope), { termId, enteredOnPaper: true }] },
      select: { id: true, personId: true, state: true, person: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  ]);
  return { candidates, entered };
}

export function listScans(scope: Scope, applicationId: string) {
  return db().evidenceFile.findMany({
    where: { applicationId, purpose: SCAN_PURPOSE, application: applicationWhere(scope) },
    select: { id: true, originalName: true, sizeBytes: true, createdAt: true },
  });
}

export function countScans(scope: Scope, applicationId: string): Promise<number> {
  return db().evidenceFile.count({
    where: { applicationId, purpose: SCAN_PURPOSE, application: applicationWhere(scope) },
  });
}

export type NewScan = {
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/** Records a stored scan on an application of the teacher's classes; audited in the same transaction. Null when out of scope. */
export async function addScan(
  scope: Scope,
  applicationId: string,
  scan: NewScan,
  actor: { userId: string; role: Scope["role"] },
): Promise<string | null> {
  return db().$transaction(async (tx) => {
    const app = await tx.application.findFirst({
      where: { AND: [applicationWhere(scope), { id: applicationId }] },
      select: { schoolId: true },
    });
    if (!app) return null;
    const row = await tx.evidenceFile.create({
      data: { applicationId, purpose: SCAN_PURPOSE, uploadedById: actor.userId, ...scan },
      select: { id: true },
    });
    await writeAudit(
      {
        actorUserId: actor.userId,
        actorRole: actor.role,
        schoolId: app.schoolId,
        action: "paper.scan_attached",
        targetType: "EvidenceFile",
        targetId: row.id,
        detail: { applicationId, sha256: scan.sha256 },
      },
      tx,
    );
    return row.id;
  });
}
