import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decide, type Action } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { bindChildAsUser } from "@/lib/services/applicant-accounts";
import { confirmEnrolment, reportEnrolmentError, startApplication } from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import { loadApplicationView } from "@/lib/services/application-view";
import { openEvidence, uploadEvidence } from "@/lib/services/evidence";
import { evidenceStorage, setEvidenceStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { subjectFor, type Side, type World } from "../../support/access-world";
import { makeStudent, type StudentFixture } from "../../support/fixtures";
import { issueCode } from "../../support/access-code-fixtures";
import type { ProbeTable } from "./types";

/** A small real JPEG (signature, JFIF header, filler, end marker). */
export const PROBE_JPEG = Uint8Array.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...new Array(64).fill(0x11),
  0xff,
  0xd9,
]);

let storageReady = false;
/** Evidence written by probes goes to a temporary folder, not the checkout's .data. */
function toTempStorage() {
  if (storageReady) return;
  setEvidenceStorage(
    new LocalDiskStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aid-probe-")), "evidence")),
  );
  storageReady = true;
}

/** What a server action does: the matrix check (authorize), then the service. */
async function asAction(caller: SessionUser, action: Action, run: () => Promise<boolean>): Promise<boolean> {
  return decide(caller, action).ok ? run() : false;
}

/** The subject's draft application of the world's term, created directly if it does not exist yet. */
async function applicationOf(
  world: World,
  subject: StudentFixture,
  applicantUserId: string,
): Promise<string> {
  const s = subject.student;
  const existing = await db().application.findFirst({
    where: { personId: s.personId, termId: world.termId, kind: "REGULAR" },
    select: { id: true },
  });
  if (existing) return existing.id;
  const app = await db().application.create({
    data: {
      termId: world.termId,
      personId: s.personId,
      studentId: s.id,
      schoolId: s.schoolId,
      classId: s.classId,
      applicantUserId,
      transitions: { create: { toState: "draft", actorUserId: applicantUserId, actorRole: "STUDENT" } },
    },
    select: { id: true },
  });
  return app.id;
}

const applicantOf = (role: SessionUser["role"], side: Side) =>
  role === "PARENT" ? side.users.PARENT.id : side.users.STUDENT.id;

/** Probes for the portal actions of lib/auth/access/portal.ts: one per action. */
export const PORTAL_PROBES: ProbeTable = {
  // Start the application and save a step (confirm enrolment) for the subject of the target side.
  "application.apply": ({ caller, role, target }) =>
    asAction(caller, "application.apply", async () => {
      const personId = subjectFor(role, target).person.id;
      const first = await applicantContext(caller, personId);
      if (!first.ok) return false;
      if (!(await startApplication(first.data)).ok) return false;
      const ctx = await applicantContext(caller, personId);
      return ctx.ok && (await confirmEnrolment(ctx.data)).ok;
    }),

  // Read the target subject's application (with household, evidence and timeline) by its id.
  "application.view": async ({ world, caller, role, target }) => {
    const appId = await applicationOf(world, subjectFor(role, target), applicantOf(role, target));
    return asAction(caller, "application.view", async () => {
      const r = await loadApplicationView(caller, appId);
      return r.ok && r.data.application.id === appId && r.data.timeline.length > 0;
    });
  },

  // Report wrong enrolment data of the target subject; it must land as an open issue of that enrolment.
  "enrolment.report_error": ({ caller, role, target }) =>
    asAction(caller, "enrolment.report_error", async () => {
      const subject = subjectFor(role, target);
      const ctx = await applicantContext(caller, subject.person.id);
      if (!ctx.ok) return false;
      const before = await db().enrolmentIssue.count({ where: { studentId: subject.student.id } });
      const r = await reportEnrolmentError(ctx.data, { content: "出生日期有误，应为2009年3月1日" });
      const after = await db().enrolmentIssue.count({ where: { studentId: subject.student.id } });
      return r.ok && after === before + 1;
    }),

  // A fresh, unbound child whose roster lists the target side's parent mobile: on side A that is the
  // caller's own mobile (binding succeeds with the right name, ID number and school code); on side B it is another
  // parent's, so the caller cannot bind it even knowing the child's exact data.
  "child.bind": async ({ caller, target }) => {
    const child = await makeStudent(target.junior, { guardianPhone: target.child.guardianPhone });
    const accessCode = await issueCode(child);
    return asAction(caller, "child.bind", async () => {
      const r = await bindChildAsUser(
        caller,
        { childName: child.name, childIdNumber: child.idNumber, accessCode },
        null,
      );
      const bound = await db().parentChild.count({
        where: { parentId: caller.id, personId: child.person.id },
      });
      return r.ok && bound === 1;
    });
  },

  // Upload a JPEG to the target subject's draft.
  "evidence.upload": async ({ world, caller, role, target }) => {
    toTempStorage();
    const subject = subjectFor(role, target);
    const appId = await applicationOf(world, subject, applicantOf(role, target));
    return asAction(caller, "evidence.upload", async () => {
      const r = await uploadEvidence(caller, {
        personId: subject.person.id,
        purpose: "income",
        originalName: "收入证明.jpg",
        bytes: PROBE_JPEG,
      });
      return (
        r.ok && (await db().evidenceFile.count({ where: { id: r.data.id, applicationId: appId } })) === 1
      );
    });
  },

  // Open a file of the target subject's application by its id; the bytes must come back unchanged.
  "evidence.download": async ({ world, caller, role, target }) => {
    toTempStorage();
    const subject = subjectFor(role, target);
    const uploader = applicantOf(role, target);
    const appId = await applicationOf(world, subject, uploader);
    const storageKey = await evidenceStorage().put(PROBE_JPEG);
    const file = await db().evidenceFile.create({
      data: {
        applicationId: appId,
        purpose: "illness",
        originalName: "诊断证明.jpg",
        mimeType: "image/jpeg",
        sizeBytes: PROBE_JPEG.length,
        sha256: createHash("sha256").update(PROBE_JPEG).digest("hex"),
        storageKey,
        uploadedById: uploader,
      },
    });
    return asAction(caller, "evidence.download", async () => {
      const r = await openEvidence(caller, file.id);
      return r.ok && Buffer.from(r.data.bytes).equals(Buffer.from(PROBE_JPEG));
    });
  },
};
