/**
 * The school admin's determination page is not blind: it carries the applicant's evidence files (images
 * as thumbnails through the authorised route, every opening audited) and the applicant's 其他说明.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { EvidenceGallery } from "@/components/determination/evidence-gallery";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadApplication } from "@/lib/services/determination-queue";
import { openEvidence } from "@/lib/services/evidence";
import { evidenceStorage } from "@/lib/storage";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let admin: SessionUser, otherAdmin: SessionUser;
let applicationId: string, photoId: string, pdfId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "SENIOR");
  const other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user });
  otherAdmin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user });
  const { app } = await makeApplication(school, "verified", { name: "材料生" });
  applicationId = app.id;
  await db().household.update({
    where: { applicationId },
    data: { notes: "父亲去年工伤，至今无法工作" },
  });
  const add = async (purpose: string, name: string, mimeType: string, bytes: Buffer) => {
    const storageKey = await evidenceStorage().put(bytes);
    const row = await db().evidenceFile.create({
      data: {
        applicationId,
        purpose,
        originalName: name,
        mimeType,
        sizeBytes: bytes.length,
        sha256: "0".repeat(64),
        storageKey,
        uploadedById: admin.id,
      },
    });
    return row.id;
  };
  photoId = await add(
    "income",
    "收入证明.jpg",
    "image/jpeg",
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9]),
  );
  pdfId = await add("illness", "诊断证明.pdf", "application/pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
});

describe("determination detail with evidence and the applicant's notes", () => {
  it("gives the admin the files and the 其他说明", async () => {
    const r = await loadApplication(admin, applicationId);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.app.household?.notes).toBe("父亲去年工伤，至今无法工作");
    expect(r.data.evidence.map((e) => [e.originalName, e.purpose])).toEqual([
      ["收入证明.jpg", "income"],
      ["诊断证明.pdf", "illness"],
    ]);
    const html = renderToStaticMarkup(createElement(EvidenceGallery, { files: r.data.evidence }));
    // The photo as a thumbnail from the authorised route, the PDF as a link; purposes in Chinese.
    expect(html).toContain(`<img src="/api/evidence/${photoId}"`);
    expect(html).toContain(`href="/api/evidence/${pdfId}"`);
    expect(html).toContain("家庭收入证明");
    expect(html).toContain("疾病诊断或医疗费用证明");
    expect(html).not.toMatch(/>\s*(income|illness)\s*</);
  });

  it("audits each opening by the admin; another school's admin gets nothing", async () => {
    const before = await db().auditLog.count({ where: { action: "evidence.viewed", targetId: photoId } });
    const opened = await openEvidence(admin, photoId, "10.0.0.9");
    expect(opened).toMatchObject({ ok: true, data: { mimeType: "image/jpeg" } });
    const entries = await db().auditLog.findMany({ where: { action: "evidence.viewed", targetId: photoId } });
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actorUserId: admin.id, ip: "10.0.0.9" });
    expect(await openEvidence(otherAdmin, photoId)).toMatchObject({ ok: false, status: 404 });
    expect(await loadApplication(otherAdmin, applicationId)).toMatchObject({ ok: false });
  });
});
