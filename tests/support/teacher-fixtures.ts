/** Applications in a given state, built straight into the test database (for the teacher workspace tests). */
import { db } from "@/lib/db/client";
import type { ApplicationState, Role } from "@/lib/db/generated/enums";
import type { StudentFixture } from "./fixtures";

export async function makeApplication(
  st: StudentFixture,
  termId: string,
  state: ApplicationState,
  opts: { applicantUserId?: string; programmeId?: string; enteredOnPaper?: boolean; actorRole?: Role } = {},
) {
  const now = Date.now();
  const app = await db().application.create({
    data: {
      termId,
      personId: st.person.id,
      studentId: st.student.id,
      schoolId: st.student.schoolId,
      classId: st.student.classId,
      state,
      version: 1,
      applicantUserId: opts.applicantUserId ?? null,
      enteredOnPaper: opts.enteredOnPaper ?? false,
      enrolmentConfirmedAt: new Date(now - 3_600_000),
      policyAcknowledgedAt: new Date(now - 3_600_000),
      submittedAt: state === "draft" ? null : new Date(now - 1_800_000),
      commitmentSignedAt: state === "draft" ? null : new Date(now - 1_800_000),
      verifiedAt: ["verified", "reviewed", "determined", "revoked"].includes(state)
        ? new Date(now - 900_000)
        : null,
      reviewedAt: ["reviewed", "determined", "revoked"].includes(state) ? new Date(now - 600_000) : null,
      returnReason: state === "returned" ? "请补充收入证明" : null,
      returnDeadline: state === "returned" ? new Date(now + 3 * 86_400_000) : null,
      household: {
        create: {
          residence: "RURAL",
          address: "天河区龙洞街1号",
          totalAnnualIncomeFen: 3_600_000,
          memberCount: 3,
          perCapitaMonthlyIncomeFen: 100_000,
          housing: "租房",
          vehicles: "无",
          stateEmployedParent: false,
          stableIncome: false,
        },
      },
      familyMembers: {
        create: [
          {
            name: "陈父",
            relation: "父亲",
            age: 45,
            workStatus: "灵活就业",
            annualIncomeFen: 3_000_000,
            sortOrder: 0,
          },
          {
            name: "陈母",
            relation: "母亲",
            age: 43,
            workStatus: "丧失劳动能力",
            annualIncomeFen: 600_000,
            seriousIllness: true,
            sortOrder: 1,
          },
        ],
      },
      programmes: opts.programmeId ? { create: [{ programmeId: opts.programmeId }] } : undefined,
      transitions: {
        create: [
          { fromState: null, toState: "draft", actorRole: opts.actorRole ?? "STUDENT" },
          ...(state === "draft"
            ? []
            : [
                {
                  fromState: "draft" as const,
                  toState: state,
                  actorRole: opts.actorRole ?? ("STUDENT" as const),
                },
              ]),
        ],
      },
    },
    select: { id: true, version: true, schoolId: true },
  });
  return app;
}

export async function makeEvidence(applicationId: string, uploadedById: string) {
  return db().evidenceFile.create({
    data: {
      applicationId,
      purpose: "household",
      originalName: "收入证明.jpg",
      mimeType: "image/jpeg",
      sizeBytes: 1000,
      sha256: "0".repeat(64),
      storageKey: `test/${applicationId}/${Math.random().toString(36).slice(2)}`,
      uploadedById,
    },
    select: { id: true },
  });
}
